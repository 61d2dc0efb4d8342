// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, Stats.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
    }

    @Test
    void summaryIsTheMedianOfForkMediansAndTheirRange() {
        Stats.Summary s = Stats.summarize(List.of(
                new double[] {10, 11, 100}, // one disturbed iteration: the fork's median is 11
                new double[] {12, 12, 12},
                new double[] {9, 9, 30}));
        assertEquals(11, s.median());
        assertEquals(9, s.min());
        assertEquals(12, s.max());
        assertEquals(3, s.forks());
        assertEquals(9, s.iterations());
        assertEquals(3.0 / 11, s.relativeSpread(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Stats.summarize(List.of()));
    }

    @Test
    void aForkStillGettingFasterIsFlagged() {
        assertTrue(Stats.stillWarming(new double[] {130, 100, 101, 99, 100}, 0.10));
        assertFalse(Stats.stillWarming(new double[] {105, 100, 101, 99, 100}, 0.10));
        assertFalse(Stats.stillWarming(new double[] {200, 100}, 0.10), "too few iterations to judge");
    }

    @Test
    void clearlyFasterNeedsRangesApart() {
        Stats.Summary a = new Stats.Summary(10, 9, 11, 3, 15);
        Stats.Summary b = new Stats.Summary(13, 12, 14, 3, 15);
        Stats.Summary c = new Stats.Summary(12, 10.5, 13, 3, 15);
        assertTrue(Stats.clearlyFaster(a, b));
        assertFalse(Stats.clearlyFaster(b, a));
        assertFalse(Stats.clearlyFaster(a, c), "overlapping ranges are a tie");
    }
}
