// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad argument gets a clear Java exception, and the pool stays usable afterwards. */
class BadInputTest {
    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void nullsThrowNullPointerException(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            VectorOps v = pool.vectors();
            long[] l = {1};
            double[] d = {1};
            expectNpe("kernel", () -> pool.map((LongKernel) null, l));
            expectNpe("in", () -> pool.map(LongKernels.SQUARE, (long[]) null));
            expectNpe("out", () -> pool.map(LongKernels.SQUARE, l, null));
            expectNpe("kernel", () -> pool.map((DoubleKernel) null, d));
            expectNpe("in", () -> pool.map(DoubleKernels.SQUARE, (double[]) null));
            expectNpe("out", () -> pool.map(DoubleKernels.SQUARE, d, null));
            expectNpe("x", () -> v.sum((double[]) null));
            expectNpe("x", () -> v.dot(null, d));
            expectNpe("y", () -> v.dot(d, null));
            expectNpe("x", () -> v.axpy(1, null, d));
            expectNpe("y", () -> v.axpy(1, d, null));
            expectNpe("x", () -> v.scale(1, (double[]) null));
            assertPoolStillWorks(pool);
        }
    }

    private static void expectNpe(String name, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(name + " is null", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void lengthMismatchNamesBothLengths(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            expectMismatch("in.length (3) != out.length (2)", () -> pool.map(LongKernels.FIB, new long[3], new long[2]));
            expectMismatch("in.length (1) != out.length (4)",
                    () -> pool.map(DoubleKernels.SQUARE, new double[1], new double[4]));
            expectMismatch("x.length (5) != y.length (6)", () -> pool.vectors().dot(new double[5], new double[6]));
            expectMismatch("x.length (6) != y.length (5)", () -> pool.vectors().axpy(2, new double[6], new double[5]));
            assertPoolStillWorks(pool);
        }
    }

    private static void expectMismatch(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fibOutsideItsDomainNamesValueAndIndex(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            long[] tooBig = {10, 20, 30, 40, 93, 5};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.map(LongKernels.FIB, tooBig));
            assertEquals("LongKernels.FIB: input 93 at index 4 is outside 0..92", e.getMessage());
            long[] out = {7, 7};
            e = assertThrows(IllegalArgumentException.class, () -> pool.map(LongKernels.FIB, new long[] {1, -1}, out));
            assertEquals("LongKernels.FIB: input -1 at index 1 is outside 0..92", e.getMessage());
            assertArrayEquals(new long[] {7, 7}, out, "nothing computed on a rejected call");
            assertThrows(IllegalArgumentException.class, () -> pool.map(LongKernels.FIB, new long[] {Long.MIN_VALUE}));
            assertPoolStillWorks(pool);
        }
    }

    @ParameterizedTest(name = "threads({0})")
    @ValueSource(ints = {0, -1, -100, 1025, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void badThreadCounts(int threads) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPool.create(threads));
        assertEquals("threads must be in 1..1024, got " + threads, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelPool.builder().threads(threads));
    }

    @Test
    void nullBuilderArguments() {
        assertThrows(NullPointerException.class, () -> KernelPool.builder().backend(null));
        assertThrows(NullPointerException.class, () -> KernelPool.builder().isa(null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void closedPoolThrowsIllegalStateException(PoolConfigs.Config config) {
        KernelPool pool = config.open();
        VectorOps v = pool.vectors();
        pool.close();
        pool.close(); // idempotent
        double[] d = {1, 2};
        for (Executable call : new Executable[] {
                () -> pool.map(LongKernels.FIB, new long[] {1}),
                () -> pool.map(LongKernels.SQUARE, new long[] {1}, new long[1]),
                () -> pool.map(DoubleKernels.SQUARE, d),
                () -> pool.map(DoubleKernels.SQUARE, d, d),
                () -> v.sum(d), () -> v.dot(d, d), () -> v.axpy(1, d, d), () -> v.scale(2, d)}) {
            assertEquals("this KernelPool is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
    }

    @Test
    void isaAboveTheCpuIsRejected() {
        Isa best = KernelPool.nativeStatus().supportedIsa();
        assumeTrue(best != Isa.AVX512, "no path above this CPU's; test_api.c covers the native status");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelPool.builder().backend(Backend.NATIVE).isa(Isa.AVX512).build());
        assertTrue(e.getMessage().contains("AVX512"), e.getMessage());
    }

    static void assertPoolStillWorks(KernelPool pool) {
        assertArrayEquals(new long[] {39088169, 3524578}, pool.map(LongKernels.FIB, new long[] {38, 33}));
        assertEquals(6.0, pool.vectors().sum(new double[] {1, 2, 3}));
    }
}
