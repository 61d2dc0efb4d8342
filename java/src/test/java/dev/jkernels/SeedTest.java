// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed examples, exactly, on every backend, thread count and ISA path. */
class SeedTest {
    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fibOfTheSeedList(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            assertEquals(config.backend(), pool.backend());
            assertEquals(config.threads(), pool.threads());
            long[] in = {38, 37, 36, 35, 34, 33};
            assertArrayEquals(new long[] {39088169, 24157817, 14930352, 9227465, 5702887, 3524578},
                    pool.map(LongKernels.FIB, in));
            assertArrayEquals(new long[] {38, 37, 36, 35, 34, 33}, in, "input untouched");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fibOfSmallValuesFollowsTheSeedDefinition(PoolConfigs.Config config) {
        long[] expected = new long[93];
        expected[0] = expected[1] = expected[2] = 1; // the seed: n <= 2 -> 1
        for (int i = 3; i < expected.length; i++) {
            expected[i] = expected[i - 1] + expected[i - 2];
        }
        long[] in = LongStream.rangeClosed(0, 30).toArray();
        try (KernelPool pool = config.open()) {
            long[] out = pool.map(LongKernels.FIB, in);
            for (int i = 0; i < in.length; i++) {
                assertEquals(expected[(int) in[i]], out[i], "fib(" + in[i] + ")");
            }
        }
        assertEquals(7540113804746346429L, expected[92], "fib(92) is the largest that fits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void squareOfZeroToNine(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            assertArrayEquals(new long[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81},
                    pool.map(LongKernels.SQUARE, LongStream.range(0, 10).toArray()));
            assertArrayEquals(new double[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81},
                    pool.map(DoubleKernels.SQUARE, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void mapIntoTheCallersArray(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            long[] data = {3, 4, 5};
            long[] out = new long[3];
            assertEquals(out, pool.map(LongKernels.SQUARE, data, out), "returns out");
            assertArrayEquals(new long[] {9, 16, 25}, out);
            pool.map(LongKernels.FIB, data, data); // in place
            assertArrayEquals(new long[] {2, 3, 5}, data);
            double[] xs = {1.5, -2};
            pool.map(DoubleKernels.SQUARE, xs, xs);
            assertArrayEquals(new double[] {2.25, 4}, xs);
        }
    }

    /** fib with the seed's base case (fib(n) = 1 for n up to 2), iteratively, as the tests' oracle. */
    static long fib(long n) {
        long a = 1, b = 1;
        for (long i = 3; i <= n; i++) {
            long c = a + b;
            a = b;
            b = c;
        }
        return b;
    }
}
