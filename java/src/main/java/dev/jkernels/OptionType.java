// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/** The payoff of a European option at expiry, for {@link RandomOps#europeanOption}. */
public enum OptionType {
    /** The right to buy at the strike: pays {@code max(S - K, 0)}. */
    CALL,
    /** The right to sell at the strike: pays {@code max(K - S, 0)}. */
    PUT
}
