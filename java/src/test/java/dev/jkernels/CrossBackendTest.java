// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random inputs of many sizes: every backend, thread count and ISA path returns the same bits, and those
 * bits are right (checked against a plain loop, or an exact sum within the documented bound).
 */
class CrossBackendTest {
    /** Empty, tiny, odd, around the 8-lane, block (4096) and chunk (16384) edges, and large. */
    static final int[] SIZES = {0, 1, 2, 7, 8, 9, 17, 4095, 4096, 4097, 16383, 16384, 16385, 65543, 1_000_003};

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    static double[] randomDoubles(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextDouble() - 0.5) * Math.scalb(1.0, random.nextInt(-20, 20));
        }
        return x;
    }

    static long[] randomLongs(int n, long seed) {
        return new SplittableRandom(seed).longs(n).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void mapsMatchAPlainLoop(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                long[] longs = randomLongs(n, n);
                long[] longSquares = pool.map(LongKernels.SQUARE, longs);
                double[] doubles = randomDoubles(n, n);
                double[] doubleSquares = pool.map(DoubleKernels.SQUARE, doubles);
                for (int i = 0; i < n; i++) {
                    if (longSquares[i] != longs[i] * longs[i]) {
                        assertEquals(longs[i] * longs[i], longSquares[i], "long square n=" + n + " i=" + i);
                    }
                    if (Double.doubleToRawLongBits(doubleSquares[i]) != Double.doubleToRawLongBits(doubles[i] * doubles[i])) {
                        assertEquals(doubles[i] * doubles[i], doubleSquares[i], "double square n=" + n + " i=" + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void axpyAndScaleMatchAPlainLoop(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double[] x = randomDoubles(n, 1000 + n), y = randomDoubles(n, 2000 + n);
                double[] expected = y.clone();
                for (int i = 0; i < n; i++) {
                    expected[i] += -1.75 * x[i];
                    expected[i] *= 0.3;
                }
                pool.vectors().axpy(-1.75, x, y);
                pool.vectors().scale(0.3, y);
                assertArrayEquals(expected, y, "n=" + n); // assertArrayEquals on doubles compares bits via equals
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsGiveTheSameBitsEverywhere(PoolConfigs.Config config) {
        List<PoolConfigs.Config> all = PoolConfigs.all();
        try (KernelPool reference = all.get(0).open(); KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double[] x = randomDoubles(n, 3000 + n), y = randomDoubles(n, 4000 + n);
                assertEquals(Double.doubleToRawLongBits(reference.vectors().sum(x)),
                        Double.doubleToRawLongBits(pool.vectors().sum(x)), "sum n=" + n);
                assertEquals(Double.doubleToRawLongBits(reference.vectors().dot(x, y)),
                        Double.doubleToRawLongBits(pool.vectors().dot(x, y)), "dot n=" + n);
            }
        }
    }

    /** Exact sums of the accuracy inputs, computed once per size: {sum, |sum|, dot, |dot|}. */
    private static final java.util.Map<Integer, BigDecimal[]> EXACT = new java.util.concurrent.ConcurrentHashMap<>();

    private static BigDecimal[] exact(int n, double[] x, double[] y) {
        return EXACT.computeIfAbsent(n, size -> {
            BigDecimal sum = BigDecimal.ZERO, dot = BigDecimal.ZERO;
            double absSum = 0, absDot = 0;
            for (int i = 0; i < size; i++) {
                sum = sum.add(new BigDecimal(x[i]));
                dot = dot.add(new BigDecimal(x[i]).multiply(new BigDecimal(y[i])));
                absSum += Math.abs(x[i]);
                absDot += Math.abs(x[i] * y[i]);
            }
            return new BigDecimal[] {sum, BigDecimal.valueOf(absSum), dot, BigDecimal.valueOf(absDot)};
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reductionsAreAccurate(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (int n : SIZES) {
                double bound = pairwiseBound(n);
                double[] x = randomDoubles(n, 5000 + n), y = randomDoubles(n, 6000 + n);
                BigDecimal[] exact = exact(n, x, y);
                assertClose(exact[0], pool.vectors().sum(x), bound * exact[1].doubleValue(), "sum n=" + n);
                assertClose(exact[2], pool.vectors().dot(x, y), bound * exact[3].doubleValue(), "dot n=" + n);
            }
        }
    }

    /**
     * jk_vector.h's bound: a term passes through 3 (rows) + 6 (groups) + 3 (lanes) + ceil(log2(blocks))
     * additions, a product adds its own rounding; times u = 2^-53, with 1% for the higher-order terms.
     */
    static double pairwiseBound(int n) {
        int blocks = Math.max(1, (n + 4095) / 4096);
        int depth = 12 + (32 - Integer.numberOfLeadingZeros(blocks - 1)) + 1;
        return 1.01 * depth * 0x1p-53;
    }

    /** Inputs that defeat a sequential sum, at a length with many blocks and a short last group. */
    static double[] adversarial(String kind, int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[n];
        switch (kind) {
            case "cancellation" -> { // +1e16 first, -1e16 last: a plain loop drops every value in between
                for (int i = 1; i < n - 1; i++) {
                    x[i] = r.nextDouble();
                }
                x[0] = 1e16;
                x[n - 1] = -1e16;
            }
            case "magnitudes" -> { // 2^-40 .. 2^40, both signs
                for (int i = 0; i < n; i++) {
                    x[i] = Math.scalb(r.nextDouble() - 0.5, r.nextInt(81) - 40);
                }
            }
            case "constant" -> java.util.Arrays.fill(x, 0.1); // a plain loop's rounding errors all lean one way
            default -> throw new IllegalArgumentException(kind);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cancellation", "magnitudes", "constant"})
    void sumOfMillionsOfAdversarialValuesIsWithinThePairwiseBound(String kind) {
        int n = TestScale.pick(10_000_019, 1_000_003); // the quick scale: a million, still beyond a plain loop
        double[] x = adversarial(kind, n, 77);
        BigDecimal exact = BigDecimal.ZERO;
        double abs = 0;
        for (double v : x) {
            exact = exact.add(new BigDecimal(v));
            abs += Math.abs(v);
        }
        double naive = 0;
        for (double v : x) {
            naive += v;
        }
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                double sum = pool.vectors().sum(x);
                assertClose(exact, sum, pairwiseBound(n) * abs, kind + " " + config);
            }
        }
        // the inputs are adversarial: a plain loop is far outside the bound on at least the ill-conditioned ones
        if (!kind.equals("magnitudes")) {
            assertTrue(exact.subtract(new BigDecimal(naive)).abs().doubleValue() > pairwiseBound(n) * abs,
                    kind + ": a plain loop already meets the bound, so the input proves nothing");
        }
    }

    /**
     * jk_vector.h's order read literally, written apart from the library's own code: per block, each lane's
     * elements (block index 8t + l, t = 0..511) as a balanced tree over t in which ranges past the data are
     * left out (8 rows of a group, then 64 groups, is one such tree), lanes combined as
     * ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)) with missing lanes left out, blocks pairwise by index.
     */
    static double literalSum(double[] x) {
        int blocks = (x.length + 4095) / 4096;
        return blocks == 0 ? 0.0 : literalBlocks(x, 0, blocks);
    }

    private static double literalBlocks(double[] x, int lo, int hi) {
        if (hi - lo == 1) {
            int from = lo * 4096, len = Math.min(4096, x.length - from);
            Double[] lanes = new Double[8];
            for (int l = 0; l < 8; l++) {
                lanes[l] = literalLane(x, from, len, l, 0, 512);
            }
            return join(join(join(lanes[0], lanes[4]), join(lanes[2], lanes[6])),
                    join(join(lanes[1], lanes[5]), join(lanes[3], lanes[7])));
        }
        int mid = lo + (hi - lo) / 2;
        return literalBlocks(x, lo, mid) + literalBlocks(x, mid, hi);
    }

    /** The tree over t in [lo, hi) of element from + 8t + l, or null where no element is left. */
    private static Double literalLane(double[] x, int from, int len, int l, int lo, int hi) {
        if (8 * lo + l >= len) {
            return null;
        }
        if (hi - lo == 1) {
            return x[from + 8 * lo + l];
        }
        int mid = (lo + hi) / 2;
        return join(literalLane(x, from, len, l, lo, mid), literalLane(x, from, len, l, mid, hi));
    }

    private static Double join(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#all")
    void sumsFollowTheOrderAsTheHeaderStatesIt(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(9);
        try (KernelPool pool = config.open()) {
            for (int n = 0; n <= 4200; n += 1 + r.nextInt(7)) {
                checkLiteral(pool, randomDoubles(n, n), "n=" + n);
            }
            for (int n : new int[] {8191, 8192, 12_289, 40_000, 65_536 + 77}) {
                checkLiteral(pool, randomDoubles(n, n), "n=" + n);
            }
        }
    }

    private static void checkLiteral(KernelPool pool, double[] x, String what) {
        assertEquals(Double.doubleToRawLongBits(literalSum(x)), Double.doubleToRawLongBits(pool.vectors().sum(x)), what);
    }

    private static void assertClose(BigDecimal exact, double actual, double bound, String what) {
        double error = exact.subtract(new BigDecimal(actual), MathContext.DECIMAL128).abs().doubleValue();
        assertTrue(error <= bound, what + ": error " + error + " exceeds " + bound);
    }
}
