// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * A Monte Carlo estimate: {@link RandomOps#europeanOption} returns one.
 *
 * @param price the estimate (for an option: its discounted expected payoff)
 * @param standardError the estimate's standard error: the sample standard deviation of the paths' values
 *     (each an antithetic pair's mean) over the square root of their number; the estimate lies within two
 *     standard errors of the true value about 95% of the time
 * @param paths the number of paths (antithetic pairs) the estimate averages
 */
public record MonteCarloResult(double price, double standardError, long paths) {}
