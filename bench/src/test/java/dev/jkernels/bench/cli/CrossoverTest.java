// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CrossoverTest {
    private static final long[] SIZES = {16, 64, 256, 1024, 4096};

    private static OptionalLong threshold(double[] incumbent, double[] candidate) {
        return Crossover.threshold(SIZES, incumbent, candidate, Crossover.MARGIN);
    }

    @Test
    void cleanCrossing() {
        assertEquals(OptionalLong.of(256), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 30, 30, 40, 60}));
    }

    @Test
    void aTieAboveTheCrossingDoesNotMoveIt() {
        // Both memory-bound at the largest size: a tie there is not a loss.
        assertEquals(OptionalLong.of(64), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 15, 30, 60, 155}));
    }

    @Test
    void aWinWithinTheMarginIsATieAndKeepsTheIncumbent() {
        assertEquals(OptionalLong.of(1024), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 19, 38, 60, 100}));
    }

    @Test
    void aLossAfterAWinRestartsTheSearch() {
        // One noisy win at 64 followed by a clear loss at 256 is not a crossing.
        assertEquals(OptionalLong.of(1024), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 10, 60, 40, 80}));
    }

    @Test
    void neverWinningGivesNoThreshold() {
        assertEquals(OptionalLong.empty(), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 30, 45, 85, 170}));
    }

    @Test
    void losingAtTheLargestSizeGivesNoThreshold() {
        assertEquals(OptionalLong.empty(), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {50, 10, 20, 40, 200}));
    }

    @Test
    void winningEverywhereGivesTheSmallestSize() {
        assertEquals(OptionalLong.of(16), threshold(
                new double[] {10, 20, 40, 80, 160},
                new double[] {5, 10, 20, 40, 80}));
    }

    @Test
    void unsortedOrMismatchedInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Crossover.threshold(
                new long[] {64, 16}, new double[] {1, 1}, new double[] {1, 1}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Crossover.threshold(
                new long[] {16, 64}, new double[] {1}, new double[] {1, 1}, 0.1));
    }
}
