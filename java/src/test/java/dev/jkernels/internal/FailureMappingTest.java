// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every engine maps a failing status to the same exception, synchronously and asynchronously:
 * {@link Failures#forStatus}. The JAVA backend once knew only "cancelled" and threw IllegalStateException for
 * everything else, so a domain error was an IllegalArgumentException on NATIVE and not on JAVA.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureMappingTest {
    /** The message of a domain error named by the kernel, on either side. */
    private static final String DOMAIN_SHAPE = "\\S+: input 93 at index 0 is outside the kernel's domain";

    private static final int[] STATUSES = {Failures.NULL, Failures.ARGUMENT, Failures.DOMAIN, Failures.NOMEM,
            Failures.STATE, Failures.UNSUPPORTED, Failures.THREAD, Failures.BUSY, Failures.CANCELLED, Failures.TIMEOUT,
            Failures.FORKED, 1000, 1999, 4242};

    private static Args fib93() {
        return new Args().slot(new long[] {93}).slot(new long[1]);
    }

    /** An operation whose twin fails with {@code status} (no item is recorded as failing). */
    private static OpSpec failingWith(int status) {
        return OpSpec.builder("test_fail_" + status, "test_fail").label("TestOp" + status)
                .slot("in", SlotType.LONG, Role.READ).slot("out", SlotType.LONG, Role.WRITE)
                .twin((a, threads) -> Twin.range(a.n0, 1, 1, false, (from, to, self) -> from == 2 ? status : 0))
                .sample((r, size) -> new Args().slot(new long[size]).slot(new long[size]))
                .build();
    }

    /** What a job started on the engine fails its future with ({@link Outcome#exception}). */
    private static Throwable asyncFailure(Engine engine, OpSpec op, Args args) throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Function<Outcome, Runnable> onDone = outcome -> {
            seen.complete(outcome.ranToEnd(false) ? null : outcome.exception(op, args));
            return () -> {};
        };
        engine.start(op, args, false, onDone);
        return seen.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aDomainErrorIsTheSameExceptionOnEveryEngineSyncAndAsync() throws Exception {
        try (JavaEngine java = new JavaEngine(2, -1); NativeEngine nat = new NativeEngine(2, null, -1)) {
            RuntimeException fromJava = assertThrows(RuntimeException.class, () -> java.run(MapSpecs.FIB, fib93()));
            RuntimeException fromJavaInline = assertThrows(RuntimeException.class,
                    () -> java.run(MapSpecs.FIB, fib93(), true));
            RuntimeException fromNative = assertThrows(RuntimeException.class, () -> nat.run(MapSpecs.FIB, fib93()));
            assertEquals(IllegalArgumentException.class, fromNative.getClass(), fromNative.toString());
            assertEquals(IllegalArgumentException.class, fromJava.getClass(), fromJava.toString());
            assertEquals(IllegalArgumentException.class, fromJavaInline.getClass(), fromJavaInline.toString());
            assertTrue(fromNative.getMessage().matches(DOMAIN_SHAPE), fromNative.getMessage());
            assertTrue(fromJava.getMessage().matches(DOMAIN_SHAPE), fromJava.getMessage());
            assertTrue(fromJavaInline.getMessage().matches(DOMAIN_SHAPE), fromJavaInline.getMessage());

            Throwable javaAsync = asyncFailure(java, MapSpecs.FIB, fib93());
            Throwable nativeAsync = asyncFailure(nat, MapSpecs.FIB, fib93());
            assertEquals(IllegalArgumentException.class, javaAsync.getClass(), String.valueOf(javaAsync));
            assertEquals(IllegalArgumentException.class, nativeAsync.getClass(), String.valueOf(nativeAsync));
            assertEquals("jkernels LongKernels.FIB failed: domain (status 3)", javaAsync.getMessage());
            assertEquals(javaAsync.getMessage(), nativeAsync.getMessage(), "one message for a failed job");
        }
        try (AutoEngine auto = new AutoEngine(new NativeEngine(2, null, -1), AutoThresholds.load(Settings.system()))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> auto.run(MapSpecs.FIB, fib93()));
            assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
            assertTrue(e.getMessage().matches(DOMAIN_SHAPE), e.getMessage());
            Throwable async = asyncFailure(auto, MapSpecs.FIB, fib93());
            assertEquals(IllegalArgumentException.class, async.getClass(), String.valueOf(async));
        }
    }

    @Test
    void theJavaEngineMapsEveryFailingStatusLikeTheNativeGlue() throws Exception {
        try (JavaEngine java = new JavaEngine(2, -1)) {
            for (int status : STATUSES) {
                OpSpec op = failingWith(status);
                Class<?> expected = Failures.forStatus(status, "x").getClass();
                String name = Failures.name(status);
                Args args = new Args().slot(new long[5]).slot(new long[5]);
                for (boolean inline : new boolean[] {false, true}) {
                    Throwable sync = assertThrows(Throwable.class, () -> java.run(op, args, inline), "status " + status);
                    assertEquals(expected, sync.getClass(), "status " + status + (inline ? " inline" : "") + ": " + sync);
                    if (status != Failures.CANCELLED) { // the glue's own words: jni_call.c throw_failure
                        assertEquals("jkernels TestOp" + status + " failed: " + name + " (status " + status + ")",
                                sync.getMessage());
                    }
                }
                Throwable async = asyncFailure(java, op, new Args().slot(new long[5]).slot(new long[5]));
                assertEquals(expected, async.getClass(), "status " + status + " async: " + async);
            }
            assertEquals(CancellationException.class, Failures.forStatus(Failures.CANCELLED, "x").getClass());
            assertEquals(OutOfMemoryError.class, Failures.forStatus(Failures.NOMEM, "x").getClass());
            assertEquals(NullPointerException.class, Failures.forStatus(Failures.NULL, "x").getClass());
            long[] out = new long[2];
            java.run(MapSpecs.FIB, new Args().slot(new long[] {30, 20}).slot(out));
            assertEquals(832040, out[0], "the engine still works");
        }
    }

    /** A native OutOfMemoryError gets what the call asked for: its arrays' copies and the op's own memory. */
    @Test
    void outOfNativeMemorySaysHowMuchTheCallAskedFor() {
        Args a = new Args().slot(new double[1000], 0, 1000).slot(new int[1000], 0, 1000).integer(0);
        OutOfMemoryError e = Failures.withMemoryNote(new OutOfMemoryError("jkernels argsort_f64 failed: nomem"),
                SortSpecs.ARGSORT_F64, a);
        assertEquals("jkernels argsort_f64 failed: nomem; argsort needs up to 20000 bytes of native memory (12000 for"
                + " copies of its arrays, 8000 of its own)", e.getMessage());
        assertTrue(e.getCause() instanceof OutOfMemoryError, "the original kept as the cause");
        Outcome nomem = new Outcome(Failures.NOMEM, 0, -1, new long[0], null, null);
        assertTrue(nomem.exception(SortSpecs.ARGSORT_F64, a).getMessage().endsWith("8000 of its own)"),
                "a future's failure says it too");
        assertTrue(Failures.withMemoryNote(new OutOfMemoryError("x"), SortSpecs.SORT_F32,
                new Args().slot(new float[10], 0, 10)).getMessage().endsWith("40 for copies of its arrays, 0 of its own)"));
    }
}
