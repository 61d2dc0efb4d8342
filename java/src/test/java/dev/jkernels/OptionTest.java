// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code random().europeanOption} against the Black-Scholes closed form (computed here), the same bits on
 * every backend, thread count and ISA path, the antithetic pairs' effect on the standard error, and refused
 * arguments naming the value.
 */
class OptionTest {
    private static final long SEED = 20261201L;

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    /** At the money, in and out of the money, short and long, calls and puts: within 4 standard errors. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void pricesLandWithinFourStandardErrorsOfBlackScholes(PoolConfigs.Config config) {
        double[][] cases = { // spot, strike, rate, volatility, years
            {100, 100, 0.05, 0.2, 1}, {100, 80, 0.03, 0.25, 0.5}, {100, 130, 0.01, 0.3, 2}, {42, 40, 0.1, 0.2, 0.5},
            {100, 100, -0.01, 0.6, 5}};
        try (KernelPool pool = config.open()) {
            for (double[] c : cases) {
                for (OptionType type : OptionType.values()) {
                    MonteCarloResult mc = pool.random().europeanOption(type, c[0], c[1], c[2], c[3], c[4], 400_000, SEED);
                    double exact = blackScholes(type, c[0], c[1], c[2], c[3], c[4]);
                    String what = config + " " + type + " " + java.util.Arrays.toString(c) + ": " + mc + ", exact " + exact;
                    assertEquals(400_000, mc.paths(), what);
                    assertTrue(mc.standardError() > 0 && mc.standardError() < 0.05 * exact + 0.01, what);
                    assertTrue(Math.abs(mc.price() - exact) < 4 * mc.standardError(), what + ": "
                            + Math.abs(mc.price() - exact) / mc.standardError() + " standard errors off");
                }
            }
        }
    }

    /** Hull's example 15.6 (spot 42, strike 40, 10%, 20%, half a year): call 4.76, put 0.81. */
    @Test
    void theClosedFormInThisTestIsRight() {
        assertEquals(4.7594, blackScholes(OptionType.CALL, 42, 40, 0.1, 0.2, 0.5), 1e-4);
        assertEquals(0.8086, blackScholes(OptionType.PUT, 42, 40, 0.1, 0.2, 0.5), 1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyConfigurationGivesTheSameBits(PoolConfigs.Config config) {
        MonteCarloResult want, wantPut;
        long paths = 300_007; // several blocks, the last one short
        try (KernelPool java = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            want = java.random().europeanOption(OptionType.CALL, 100, 105, 0.02, 0.3, 1.5, paths, SEED);
            wantPut = java.random().europeanOption(OptionType.PUT, 100, 105, 0.02, 0.3, 1.5, paths, SEED);
        }
        try (KernelPool pool = config.open()) {
            RandomOps r = pool.random();
            assertEquals(want, r.europeanOption(OptionType.CALL, 100, 105, 0.02, 0.3, 1.5, paths, SEED), config + " call");
            assertEquals(wantPut, r.europeanOption(OptionType.PUT, 100, 105, 0.02, 0.3, 1.5, paths, SEED), config + " put");
        }
    }

    /**
     * The pairs' values vary less than single paths' would: two independent paths per pair would give 0.71 of
     * plain Monte Carlo's standard error; the antithetic pair of an at-the-money call (correlation about -0.5)
     * gives about 0.5.
     */
    @Test
    void antitheticPairsReduceTheStandardError() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            int n = 200_000;
            MonteCarloResult mc = pool.random().europeanOption(OptionType.CALL, 100, 100, 0.05, 0.2, 1, n, SEED);
            double[] z = new double[n];
            pool.random().normal(SEED, 0, z);
            double forward = 100 * Math.exp((0.05 - 0.02) * 1), sum = 0, squares = 0;
            for (double v : z) { // plain Monte Carlo on the same normals, one path each
                double pay = Math.max(forward * Math.exp(0.2 * v) - 100, 0) * Math.exp(-0.05);
                sum += pay;
                squares += pay * pay;
            }
            double plainSe = Math.sqrt((squares - sum * sum / n) / (n - 1) / n);
            assertTrue(mc.standardError() < 0.6 * plainSe, mc + " against plain Monte Carlo's standard error " + plainSe);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void badArgumentsAreRefusedNamingTheValues(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            RandomOps r = pool.random();
            assertThrows(NullPointerException.class, () -> r.europeanOption(null, 100, 100, 0.05, 0.2, 1, 1000, 1));
            refused("spot -1.0", () -> r.europeanOption(OptionType.CALL, -1, 100, 0.05, 0.2, 1, 1000, 1));
            refused("spot NaN", () -> r.europeanOption(OptionType.CALL, Double.NaN, 100, 0.05, 0.2, 1, 1000, 1));
            refused("strike 0.0", () -> r.europeanOption(OptionType.PUT, 100, 0, 0.05, 0.2, 1, 1000, 1));
            refused("spot 1.0E150", () -> r.europeanOption(OptionType.PUT, 1e150, 1e-10, 0.05, 0.2, 1, 1000, 1));
            refused("volatility 0.0", () -> r.europeanOption(OptionType.CALL, 100, 100, 0.05, 0, 1, 1000, 1));
            refused("years Infinity", () -> r.europeanOption(OptionType.CALL, 100, 100, 0.05, 0.2,
                    Double.POSITIVE_INFINITY, 1000, 1));
            refused("rate NaN", () -> r.europeanOption(OptionType.CALL, 100, 100, Double.NaN, 0.2, 1, 1000, 1));
            refused("rate 8.0", () -> r.europeanOption(OptionType.CALL, 100, 100, 8, 0.2, 100, 1000, 1));
            refused("paths 1", () -> r.europeanOption(OptionType.CALL, 100, 100, 0.05, 0.2, 1, 1, 1));
            refused("paths " + ((1L << 62) + 1), () -> r.europeanOption(OptionType.CALL, 100, 100, 0.05, 0.2, 1,
                    (1L << 62) + 1, 1));
            refused("volatility 2.0", () -> r.europeanOption(OptionType.CALL, 100, 100, 0.05, 2, 36, 1000, 1));
            refused("forward price", () -> r.europeanOption(OptionType.CALL, 1e260, 100, 6, 0.2, 100, 1000, 1));
            assertTrue(r.europeanOption(OptionType.CALL, 100, 100, 0.05, 0.2, 1, 2, 1).standardError() >= 0, "two paths");
        }
    }

    private static void refused(String named, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(named), "'" + e.getMessage() + "' should name " + named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void asynchronousPricingGivesTheSameResult(PoolConfigs.Config config) throws Exception {
        try (KernelPool pool = config.open()) {
            MonteCarloResult sync = pool.random().europeanOption(OptionType.PUT, 90, 100, 0.03, 0.4, 2, 250_000, SEED);
            MonteCarloResult async = pool.submit(p -> p.random().europeanOption(OptionType.PUT, 90, 100, 0.03, 0.4, 2,
                    250_000, SEED)).get();
            assertEquals(sync, async);
        }
    }

    /** Black-Scholes: call = S N(d1) - K e^(-rT) N(d2), put = K e^(-rT) N(-d2) - S N(-d1). */
    static double blackScholes(OptionType type, double spot, double strike, double rate, double volatility, double years) {
        double sd = volatility * Math.sqrt(years);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / sd, d2 = d1 - sd;
        double discounted = strike * Math.exp(-rate * years);
        return type == OptionType.CALL ? spot * NormalCdf.phi(d1) - discounted * NormalCdf.phi(d2)
                : discounted * NormalCdf.phi(-d2) - spot * NormalCdf.phi(-d1);
    }
}
