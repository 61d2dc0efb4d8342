// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import org.junit.jupiter.api.Test;

/**
 * The option twin's block sums from any first path (odd ones occur in blocks after the first once a call
 * has more than 2^36 paths) against the documented sums written out plainly: the stream's normals from
 * {@code random().normal}, the values in strikes, four accumulators by position.
 */
class OptionPathsTest {
    @Test
    void blockSumsFromAnOddFirstPathAreTheDocumentedOnes() {
        long seed = 99, first = 3;
        int n = 1001;
        double moneyness = 1.07, diffusion = 0.35;
        double[] z = new double[n];
        try (KernelPool pool = KernelPool.builder().backend(Backend.JAVA).threads(1).build()) {
            pool.random().normal(seed, first, z);
        }
        for (boolean put : new boolean[] {false, true}) {
            double centre = RandomSpecs.payoff(moneyness, put);
            double[] acc = new double[4], acc2 = new double[4];
            for (int i = 0; i < n; i++) {
                double g = MathTwins.exp(diffusion * z[i]);
                double y = (RandomSpecs.payoff(moneyness * g, put) + RandomSpecs.payoff(moneyness / g, put)) * 0.5 - centre;
                acc[i & 3] += y;
                acc2[i & 3] += y * y;
            }
            double[] sums = new double[2];
            RandomSpecs.optionPaths(seed, first, n, moneyness, diffusion, put, sums);
            assertEquals((acc[0] + acc[1]) + (acc[2] + acc[3]), sums[0], 0.0, "sum, put " + put);
            assertEquals((acc2[0] + acc2[1]) + (acc2[2] + acc2[3]), sums[1], 0.0, "sum of squares, put " + put);
        }
    }
}
