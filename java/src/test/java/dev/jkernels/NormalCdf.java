// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/** The standard normal distribution function, for the tests' goodness-of-fit checks and closed forms. */
final class NormalCdf {
    private NormalCdf() {}

    /**
     * Phi(x) = 0.5 erfc(-x / sqrt 2), with the Chebyshev fit of erfc whose relative error is below 1.2e-7
     * (Numerical Recipes' erfcc): far below the resolution of the tests that use it.
     */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2), t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(poly);
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }
}
