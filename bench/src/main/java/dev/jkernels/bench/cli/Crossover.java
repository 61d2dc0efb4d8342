// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import java.util.OptionalLong;

/**
 * Where a candidate (NATIVE, or N threads) starts to beat an incumbent (JAVA, or 1 thread) over a sweep
 * of sizes, in a way one noisy point cannot move far.
 *
 * <p>The rule: at each size the candidate <em>wins</em> if its median time is below the incumbent's by
 * more than the margin, <em>loses</em> if above it by more than the margin, and otherwise ties. The
 * threshold is the smallest size at which the candidate wins and after which it never loses; ties above
 * it are fine (either choice costs the same), ties below it keep the incumbent, the simpler choice.
 * No such size: the candidate never pays in the measured range.
 *
 * <p>Why a margin: on a shared 2-core machine, short runs of the same code differ by several percent, so
 * "faster by 1%" is a coin toss; 10% is what the choice must be worth to be made. Why medians: one
 * iteration disturbed by another process moves the mean, not the median.
 */
final class Crossover {
    static final double MARGIN = 0.10;

    private Crossover() {}

    enum Verdict { WINS, TIES, LOSES }

    static Verdict verdict(double incumbent, double candidate, double margin) {
        if (candidate < incumbent * (1 - margin)) {
            return Verdict.WINS;
        }
        if (candidate > incumbent * (1 + margin)) {
            return Verdict.LOSES;
        }
        return Verdict.TIES;
    }

    /**
     * @param sizes ascending sizes of the sweep
     * @param incumbent median times of the incumbent, one per size
     * @param candidate median times of the candidate, one per size
     * @return the size from which the candidate stays ahead, or empty if it never gets there
     */
    static OptionalLong threshold(long[] sizes, double[] incumbent, double[] candidate, double margin) {
        if (sizes.length != incumbent.length || sizes.length != candidate.length) {
            throw new IllegalArgumentException("sizes and times differ in length");
        }
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sizes must ascend: " + sizes[i - 1] + " then " + sizes[i]);
            }
        }
        int firstAfterLastLoss = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (verdict(incumbent[i], candidate[i], margin) == Verdict.LOSES) {
                firstAfterLastLoss = i + 1;
            }
        }
        for (int i = firstAfterLastLoss; i < sizes.length; i++) {
            if (verdict(incumbent[i], candidate[i], margin) == Verdict.WINS) {
                return OptionalLong.of(sizes[i]);
            }
        }
        return OptionalLong.empty();
    }
}
