// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native calls on arrays far beyond the 4 MiB window (jni_call.c): run as a series of pinned windows while
 * the pool is idle, as copied windows while another caller's job keeps it busy. Both give exactly the JAVA
 * result; and a call cancelled half-way leaves every written element either old or new, never anything else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PinningTest {
    /**
     * 8 Mi + a bit doubles: 64 MiB per array, 16+ windows per slot, and a last window that is not whole. Under
     * -Xcheck:jni (ci/junit-second-jdk.sh) 1 Mi + a bit, still 2+ windows and a partial one: the checker copies
     * the whole array at every pin, so a call costs the square of its size (at 8 Mi, seconds per call).
     */
    static final int N = (checkedJni() ? 1 << 20 : 8 << 20) + 12_345;
    static final double A = -0.75;

    static double[] x, y;
    static double expectedSum, expectedDot;
    static double[] expectedAxpy, expectedScale, expectedSquares;
    /** x as a column-major GEMV_M x GEMV_N matrix (lda GEMV_M + 2): A^T y's results on JAVA and on NATIVE. */
    static final int GEMV_M = 2047, GEMV_LDA = GEMV_M + 2, GEMV_N = (N - GEMV_M) / GEMV_LDA + 1;
    static double[] expectedGemvJava, expectedGemvNative;

    static boolean checkedJni() {
        return ProcessHandle.current().info().arguments().map(a -> List.of(a).contains("-Xcheck:jni")).orElse(false);
    }

    static List<PoolConfigs.Config> nativeBackends() {
        return List.of(new PoolConfigs.Config(Backend.NATIVE, 2, null), new PoolConfigs.Config(Backend.AUTO, 2, null));
    }

    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    @BeforeAll
    static void reference() {
        x = CrossBackendTest.randomDoubles(N, 21);
        y = CrossBackendTest.randomDoubles(N, 22);
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            expectedSum = java.vectors().sum(x);
            expectedDot = java.vectors().dot(x, y);
            expectedAxpy = y.clone();
            java.vectors().axpy(A, x, expectedAxpy);
            expectedScale = x.clone();
            java.vectors().scale(A, expectedScale);
            expectedSquares = java.map(DoubleKernels.SQUARE, x);
            expectedGemvJava = gemv(java);
        }
        try (KernelPool nat = KernelPool.builder().backend(Backend.NATIVE).threads(1).build()) {
            expectedGemvNative = gemv(nat); // one window of everything would be 64 MiB: windows even here
        }
    }

    @AfterAll
    static void release() { // half a GiB of arrays: not for the rest of the test run
        x = y = expectedAxpy = expectedScale = expectedSquares = expectedGemvJava = expectedGemvNative = null;
    }

    /** The transposed gemv of x's matrix with y's first rows: streams over x's columns (windows of x, y whole). */
    static double[] gemv(KernelPool pool) {
        double[] out = new double[GEMV_N + 1];
        out[GEMV_N] = 42;
        pool.blas().gemv(Blas.Layout.COL_MAJOR, Blas.Transpose.TRANS, GEMV_M, GEMV_N, 1.5, x, 0, GEMV_LDA, y, 0, 0, out, 0);
        assertEquals(42, out[GEMV_N], "past y untouched");
        return out;
    }

    /** Every big call once, against the JAVA results (gemv: against the same backend's, idle, at 1 thread). */
    static void assertBigCallsMatchJava(KernelPool pool, String where) {
        assertArrayEquals(pool.backend() == Backend.JAVA ? expectedGemvJava : expectedGemvNative, gemv(pool),
                where + ": gemv transposed");
        assertEquals(expectedSum, pool.vectors().sum(x), where + ": sum");
        assertEquals(expectedDot, pool.vectors().dot(x, y), where + ": dot");
        double[] axpy = y.clone();
        pool.vectors().axpy(A, x, axpy);
        assertArrayEquals(expectedAxpy, axpy, where + ": axpy");
        double[] inPlace = x.clone();
        pool.vectors().axpy(1.0, inPlace, inPlace); // x += x: exactly in place, one slot range for both
        for (int i = 0; i < N; i += 4099) {
            assertEquals(2 * x[i], inPlace[i], where + ": axpy in place at " + i);
        }
        double[] scale = x.clone();
        pool.vectors().scale(A, scale);
        assertArrayEquals(expectedScale, scale, where + ": scale");
        assertArrayEquals(expectedSquares, pool.map(DoubleKernels.SQUARE, x), where + ": square");
        double[] squaresInPlace = x.clone();
        pool.map(DoubleKernels.SQUARE, squaresInPlace, squaresInPlace);
        assertArrayEquals(expectedSquares, squaresInPlace, where + ": square in place");
    }

    /** Keeps the pool busy with one long synchronous call after another until stopped. */
    static CompletableFuture<Integer> keepBusy(KernelPool pool, AtomicBoolean stop) {
        long[] fibs = new long[40];
        Arrays.fill(fibs, 29); // ~1-2 ms each: a job of tens of milliseconds, over and over
        return CompletableFuture.supplyAsync(() -> {
            int jobs = 0;
            while (!stop.get()) {
                try {
                    assertEquals(514229, pool.map(LongKernels.FIB, fibs)[39]);
                } catch (IllegalStateException e) { // cancelled (a CancellationException) or closed by shutdownNow
                    return jobs;
                }
                jobs++;
            }
            return jobs;
        }, r -> new Thread(r, "test-busy").start());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeBackends")
    void bigCallsOnAnIdlePoolGiveTheJavaResults(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            assertBigCallsMatchJava(pool, "idle");
        }
    }

    /**
     * The other pin modes (setting jkernels.pin: every window copied, or one pin for the whole call) give the
     * same results. The mode is process-wide and set when a NATIVE pool is made; the default is put back.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"never", "whole"})
    void everyPinModeGivesTheJavaResults(String mode) {
        System.setProperty("jkernels.pin", mode);
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            assertBigCallsMatchJava(pool, "jkernels.pin=" + mode);
        } finally {
            System.clearProperty("jkernels.pin");
            KernelPool.builder().backend(Backend.NATIVE).threads(1).build().close(); // back to the default mode
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeBackends")
    void bigCallsBehindAnotherCallersJobGiveTheJavaResults(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> busy = keepBusy(pool, stop);
            try {
                for (int round = 0; round < 2; round++) {
                    LifecycleTest.awaitTrue("the other caller's job runs", () -> pool.stats().active() > 0);
                    assertBigCallsMatchJava(pool, "busy, round " + round);
                }
            } finally {
                stop.set(true);
            }
            assertTrue(busy.get(60, TimeUnit.SECONDS) > 0, "the other caller's jobs ran meanwhile");
        }
    }

    /**
     * In-place axpy calls (y += 0.5, from y = i + 1) one after another from one thread, until shutdownNow
     * cancels one half-way: afterwards y[i] is what the k completed calls made of it, or one step more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aCancelledInPlaceCallLeavesEveryElementOldOrNew(PoolConfigs.Config config) throws Exception {
        double[] halves = new double[N];
        Arrays.fill(halves, 1.0);
        double[] v = new double[N];
        int cancelledMidCall = 0;
        for (boolean busyPool : new boolean[] {false, true}) {
            for (int attempt = 0; attempt < 3; attempt++) {
                for (int i = 0; i < N; i++) {
                    v[i] = i + 1; // never 0: a zeroed copy written back would show
                }
                KernelPool pool = config.open();
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Integer> busy = busyPool ? keepBusy(pool, stop) : null;
                if (busy != null) {
                    LifecycleTest.awaitTrue("busy", () -> pool.stats().active() > 0);
                }
                AtomicInteger completed = new AtomicInteger();
                CompletableFuture<String> caller = CompletableFuture.supplyAsync(() -> {
                    for (;;) {
                        try {
                            pool.vectors().axpy(0.5, halves, v);
                            completed.incrementAndGet();
                        } catch (CancellationException e) {
                            return "cancelled";
                        } catch (IllegalStateException e) {
                            return "closed"; // the call came after shutdownNow: it never started
                        }
                    }
                }, r -> new Thread(r, "test-axpy").start());
                LifecycleTest.awaitTrue("a few calls done", () -> completed.get() >= 2);
                Thread.sleep(attempt * 3);
                pool.shutdownNow();
                stop.set(true);
                String how = caller.get(60, TimeUnit.SECONDS);
                if (busy != null) {
                    busy.get(60, TimeUnit.SECONDS);
                }
                int k = completed.get();
                long stepped = 0;
                for (int i = 0; i < N; i++) {
                    double old = i + 1 + 0.5 * k;
                    if (v[i] == old + 0.5) {
                        stepped++;
                    } else if (v[i] != old) {
                        fail(config + (busyPool ? " busy" : " idle") + ", " + how + " after " + k + " calls: y[" + i
                                + "] = " + v[i] + ", neither " + old + " nor " + (old + 0.5));
                    }
                }
                if (how.equals("cancelled")) {
                    cancelledMidCall++;
                } else {
                    assertEquals(0, stepped, "a call that never started wrote nothing");
                }
            }
        }
        assertTrue(cancelledMidCall > 0, "no attempt cancelled a call half-way");
    }
}
