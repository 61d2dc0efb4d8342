// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backend.AUTO routes by each operation's size and thresholds, generically; the thresholds come from the
 * spec, the calibration bundled for the running JDK, a file and single properties, in that order.
 * (That every route gives the twin's bits is OpRegistryTest's.)
 */
class AutoRoutingTest {
    private static Settings settings(Map<String, String> properties) {
        return new Settings(properties::get, name -> null);
    }

    /** Thresholds that send sizes below 100 to Java, 100..9999 to native inline, 10000+ to the pool. */
    private static AutoEngine engine() {
        Map<String, String> p = new HashMap<>();
        for (OpSpec s : OpRegistry.all()) {
            p.put("jkernels.threshold." + s.autoKey + ".native", "100");
            p.put("jkernels.threshold." + s.autoKey + ".parallel", "10000");
        }
        return new AutoEngine(new NativeEngine(2, null, -1), AutoThresholds.load(settings(p)));
    }

    @Test
    void routesBySizeAndCountsEachRoute() {
        try (AutoEngine auto = engine()) {
            for (int n : new int[] {0, 1, 99, 100, 101, 9999, 10000, 70001}) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, 1.5);
                assertEquals(1.5 * n, Double.longBitsToDouble(auto.run(VectorSpecs.SUM, new Args().slot(x))), "sum " + n);
            }
            long[] fibs = new long[3];
            auto.run(MapSpecs.FIB, new Args().slot(new long[] {30, 20, 10}).slot(fibs));
            assertArrayEquals(new long[] {832040, 6765, 55}, fibs);
            long[] small = new long[1];
            auto.run(MapSpecs.FIB, new Args().slot(new long[] {5}).slot(small)); // 9 calls: java inline
            auto.run(MapSpecs.FIB, new Args().slot(new long[] {12}).slot(small)); // 287 calls: costly, so the pool
            // 0, 1, 99 go to Java; 100..9999 native inline; 10000, 70001 the pool; fib batches by recursive calls.
            String d = auto.describe();
            assertTrue(d.endsWith("calls so far: java inline 4, native inline 3, native pool 4"), d);
            long workerItems = 0;
            long[] stats = auto.stats();
            for (int i = 7; i < stats.length; i += 4) {
                workerItems += stats[i + 2];
            }
            assertTrue(workerItems > 0, "the pool route used the workers");
        }
    }

    @Test
    void fibIsSizedByItsRecursiveCalls() {
        assertEquals(2 * 832040 - 1 + 1 + 1, MapSpecs.fibCalls(new Args().slot(new long[] {30, 0, 2}).slot(new long[3])));
        assertEquals(Long.MAX_VALUE, MapSpecs.fibCalls(new Args().slot(new long[] {92, 92, 92}).slot(new long[3])));
    }

    @Test
    void thresholdsComeFromTheSpecTheBundleTheFileThenSingleProperties(@TempDir Path tmp) throws Exception {
        AutoThresholds none = AutoThresholds.load(settings(Map.of()), 17);
        assertTrue(none.toString().endsWith("(calibration thresholds-jdk17.properties)"), none.toString());
        assertEquals("thresholds-jdk17.properties", AutoThresholds.bundledFor(17));
        assertEquals("thresholds-jdk17.properties", AutoThresholds.bundledFor(21), "JDK 21 has no file: 17's, the highest below");
        assertEquals("thresholds-jdk25.properties", AutoThresholds.bundledFor(25));
        assertEquals("thresholds-jdk25.properties", AutoThresholds.bundledFor(26), "a newer JDK: 25's");

        Path file = tmp.resolve("t.properties");
        Files.writeString(file, "# calibrated\nsum.native=123\nsum.parallel=456\nfuture_op.native=1\n");
        AutoThresholds t = AutoThresholds.load(settings(Map.of("jkernels.thresholds", file.toString(),
                "jkernels.threshold.sum.parallel", "789")));
        assertEquals(123, t.nativeFrom(VectorSpecs.SUM));
        assertEquals(789, t.parallelFrom(VectorSpecs.SUM));
        assertEquals(none.nativeFrom(VectorSpecs.DOT), t.nativeFrom(VectorSpecs.DOT), "not in the file: the bundle's");
        assertTrue(t.toString().endsWith("(file " + file + ")"), t.toString());

        Files.writeString(file, "dot.native=lots\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoThresholds.load(settings(Map.of("jkernels.thresholds", file.toString()))));
        assertEquals(file + ": dot.native = 'lots' is invalid: expected a size >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AutoThresholds.load(settings(Map.of("jkernels.thresholds", tmp.resolve("missing").toString()))));
        assertTrue(e.getMessage().startsWith("jkernels.thresholds = '" + tmp.resolve("missing") + "' cannot be read"),
                e.getMessage());
    }

    @Test
    void anOperationWithoutCalibrationUsesItsSpecsDefaultsNeverZero() {
        AutoThresholds t = AutoThresholds.load(settings(Map.of()));
        String bundled = AutoThresholds.bundledFor(Runtime.version().feature()); // the file this JDK loads
        java.util.Properties calibration = new java.util.Properties();
        if (bundled != null) {
            try (var in = AutoThresholds.class.getResourceAsStream(bundled)) {
                calibration.load(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (OpSpec s : OpRegistry.all()) {
            boolean calibrated = calibration.containsKey(s.autoKey + ".native");
            if (!calibrated) {
                assertEquals(s.defaultNativeFrom, t.nativeFrom(s), s.name);
                assertEquals(s.defaultParallelFrom, t.parallelFrom(s), s.name);
            }
        }
    }
}
