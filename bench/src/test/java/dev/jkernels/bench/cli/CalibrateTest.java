// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.bench.report.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class CalibrateTest {
    private static final Path DEFAULT = Path.of("bench/results/thresholds-jdk17.properties");

    @Test
    void unknownFlagsAreRejectedNotTakenForAFileName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Calibrate.parse(new String[] {"--smok"}, DEFAULT));
        assertTrue(e.getMessage().contains("unknown option '--smok'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibrate.parse(new String[] {"-x"}, DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Calibrate.parse(new String[] {"thresholds.txt"}, DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Calibrate.parse(new String[] {"a.properties", "b.properties"}, DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Calibrate.parse(new String[] {"--out"}, DEFAULT));
    }

    @Test
    void outputFileAndSmoke() {
        assertEquals(new Calibrate.Args(DEFAULT, false), Calibrate.parse(new String[0], DEFAULT));
        assertEquals(new Calibrate.Args(Path.of("t.properties"), true),
                Calibrate.parse(new String[] {"--smoke", "t.properties"}, DEFAULT));
        assertEquals(new Calibrate.Args(Path.of("u.properties"), false),
                Calibrate.parse(new String[] {"--out", "u.properties"}, DEFAULT));
    }

    private static JmhRun.Point point(String impl, long size, double nanos) {
        return new JmhRun.Point(impl, size, new Stats.Summary(nanos, nanos, nanos, 2, 6));
    }

    @Test
    void thresholdsCompareTheRoutesAutoTakes() {
        List<String> sizes = List.of("16", "256", "4096", "65536");
        List<JmhRun.Point> measured = new ArrayList<>();
        double[] javaInline = {10, 100, 1600, 25600};
        double[] nativeInline = {40, 80, 800, 12800};
        double[] pool = {2000, 2000, 2400, 7000};
        for (int i = 0; i < sizes.size(); i++) {
            long size = Long.parseLong(sizes.get(i));
            measured.add(point(Calibrate.JAVA_INLINE, size, javaInline[i]));
            measured.add(point(Calibrate.NATIVE_INLINE, size, nativeInline[i]));
            measured.add(point(Calibrate.POOL, size, pool[i]));
        }
        List<String> lines = Calibrate.section("sum", LongUnaryOperator.identity(), sizes, measured, true);
        assertTrue(lines.contains("sum.native=256"), lines.toString());
        assertTrue(lines.contains("sum.parallel=65536"), lines.toString());
        assertTrue(lines.get(0).contains("JAVA_INLINE") && lines.get(0).contains("POOL"));

        List<String> single = Calibrate.section("sum", LongUnaryOperator.identity(), sizes, measured, false);
        assertTrue(single.contains("sum.parallel=" + Calibrate.NEVER), single.toString());
        assertFalse(single.get(0).contains("POOL"));
    }

    @Test
    void fibThresholdsAreInRecursiveCalls() {
        LongUnaryOperator calls = new dev.jkernels.bench.FibBench.BatchCalls();
        // batch 5..0 with the seed's fib: 2 fib(m) - 1 calls per item m
        assertEquals((2 * 5 - 1) + (2 * 3 - 1) + (2 * 2 - 1) + (2 * 1 - 1) + (2 * 1 - 1) + (2 * 1 - 1), calls.applyAsLong(5));
    }
}
