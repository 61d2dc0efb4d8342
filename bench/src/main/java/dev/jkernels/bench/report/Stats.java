// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * The statistics every table and command uses, in one place. A point is measured in several forks, each
 * with several iterations. Per fork, the median of its iterations (one disturbed iteration moves a mean, not
 * a median); for the point, the median of those fork medians, and their min and max: the spread between
 * forks, which is what run-to-run variation looks like (one fork's confidence interval says nothing about
 * it).
 */
public final class Stats {
    /** A point's summary; for lower-is-better scores, {@code min} is the best fork. */
    public record Summary(double median, double min, double max, int forks, int iterations) {
        /** (max - min) / median: the relative spread between forks. */
        public double relativeSpread() {
            return (max - min) / median;
        }
    }

    private Stats() {}

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Fork medians, then their median, min and max. */
    public static Summary summarize(List<double[]> iterationsPerFork) {
        if (iterationsPerFork.isEmpty()) {
            throw new IllegalArgumentException("no forks");
        }
        double[] forkMedians = new double[iterationsPerFork.size()];
        int iterations = 0;
        for (int f = 0; f < forkMedians.length; f++) {
            forkMedians[f] = median(iterationsPerFork.get(f));
            iterations += iterationsPerFork.get(f).length;
        }
        return new Summary(median(forkMedians), Arrays.stream(forkMedians).min().orElseThrow(),
                Arrays.stream(forkMedians).max().orElseThrow(), forkMedians.length, iterations);
    }

    /**
     * Whether a fork was still getting faster while measured: its first measured iteration is more than
     * {@code threshold} (relative) slower than the median of its later ones. Needs three iterations.
     * Lower-is-better scores (time per call).
     */
    public static boolean stillWarming(double[] iterations, double threshold) {
        if (iterations.length < 3) {
            return false;
        }
        double later = median(Arrays.copyOfRange(iterations, 1, iterations.length));
        return iterations[0] > later * (1 + threshold);
    }

    /**
     * Whether two points' fork ranges are apart: {@code a}'s worst fork is still better than {@code b}'s best
     * (lower is better). When ranges overlap, the report calls the two a tie.
     */
    public static boolean clearlyFaster(Summary a, Summary b) {
        return a.max() < b.min();
    }
}
