package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backend.AUTO: every route gives the JAVA reference's bits, and the thresholds come from where they should. */
class AutoRoutingTest {
    private static final KernelSpec.OfLong FIB = new KernelSpec.OfLong("fib", 0, 0, 92, true, JavaKernels::fib);
    private static final KernelSpec.OfLong SQUARE =
            new KernelSpec.OfLong("square", 1, Long.MIN_VALUE, Long.MAX_VALUE, false, JavaKernels::square);

    private static Settings settings(Map<String, String> properties) {
        return new Settings(properties::get, name -> null);
    }

    /** Thresholds that send sizes below 100 to Java, 100..9999 to native inline, 10000+ to the pool. */
    private static AutoEngine engine() {
        Map<String, String> p = new HashMap<>();
        for (String op : new String[] {"fib", "square", "dsquare", "sum", "dot", "axpy", "scale"}) {
            p.put("jkernels.threshold." + op + ".native", "100");
            p.put("jkernels.threshold." + op + ".parallel", "10000");
        }
        return new AutoEngine(new NativeEngine(2, null), AutoThresholds.load(settings(p)));
    }

    @Test
    void everyRouteGivesTheReferenceBits() {
        Random random = new Random(42);
        try (AutoEngine auto = engine(); JavaEngine reference = new JavaEngine(1)) {
            for (int n : new int[] {0, 1, 99, 100, 101, 9999, 10000, 70001}) {
                double[] x = random.doubles(n, -1e3, 1e3).toArray(), y = random.doubles(n, -1, 1).toArray();
                long[] longs = random.longs(n).toArray();
                assertEquals(reference.sum(x), auto.sum(x), "sum " + n);
                assertEquals(reference.dot(x, y), auto.dot(x, y), "dot " + n);
                long[] expected = new long[n], actual = new long[n];
                reference.mapLong(SQUARE, longs, expected);
                auto.mapLong(SQUARE, longs, actual);
                assertArrayEquals(expected, actual, "square " + n);
                double[] dExpected = new double[n], dActual = new double[n];
                reference.mapDouble(spec(), x, dExpected);
                auto.mapDouble(spec(), x, dActual);
                assertArrayEquals(dExpected, dActual, "dsquare " + n);
                double[] yRef = y.clone(), yAuto = y.clone();
                reference.axpy(0.5, x, yRef);
                auto.axpy(0.5, x, yAuto);
                assertArrayEquals(yRef, yAuto, "axpy " + n);
                reference.scale(3, yRef);
                auto.scale(3, yAuto);
                assertArrayEquals(yRef, yAuto, "scale " + n);
            }
            long[] fibs = new long[3];
            auto.mapLong(FIB, new long[] {30, 20, 10}, fibs);
            assertArrayEquals(new long[] {832040, 6765, 55}, fibs);
            // 8 sizes x 6 ops: 0, 1, 99 go to Java; 100..9999 native inline; 10000, 70001 the pool. The fib
            // batch's size is its recursive calls (over 1.6 million), so it goes to the pool too.
            String d = auto.describe();
            assertTrue(d.endsWith("calls so far: java inline 18, native inline 18, native pool 13"), d);
            long workerItems = 0;
            long[] stats = auto.stats();
            for (int i = 7; i < stats.length; i += 4) {
                workerItems += stats[i + 2];
            }
            assertTrue(workerItems > 0, "the pool route used the workers");
        }
    }

    private static KernelSpec.OfDouble spec() {
        return new KernelSpec.OfDouble("dsquare", 0, JavaKernels::square);
    }

    @Test
    void thresholdsComeFromTheFileThenSingleProperties(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("t.properties");
        Files.writeString(file, "# calibrated\nsum.native=123\nsum.parallel=456\nfuture_op.native=1\n");
        AutoThresholds t = AutoThresholds.load(settings(Map.of("jkernels.thresholds", file.toString(),
                "jkernels.threshold.sum.parallel", "789")));
        assertEquals(123, t.nativeFrom("sum"));
        assertEquals(789, t.parallelFrom("sum"));
        assertTrue(t.toString().endsWith("(file " + file + ")"), t.toString());

        Files.writeString(file, "dot.native=lots\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoThresholds.load(settings(Map.of("jkernels.thresholds", file.toString()))));
        assertEquals(file + ": dot.native = 'lots' is invalid: expected an element count >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AutoThresholds.load(settings(Map.of("jkernels.thresholds", tmp.resolve("missing").toString()))));
        assertTrue(e.getMessage().startsWith("jkernels.thresholds = '" + tmp.resolve("missing") + "' cannot be read"),
                e.getMessage());
    }
}
