package dev.jkernels.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where Backend.AUTO switches, per operation: from {@code parallel} elements on, the native pool; below it,
 * from {@code native} on, the native kernel on the calling thread; below both, the pure-Java twin on the
 * calling thread. Not API; the README documents the settings.
 *
 * <p>The defaults below are overridden by a properties file in the same format (setting {@code jkernels.thresholds}), and each value
 * by a system property {@code jkernels.threshold.<op>.native} / {@code .parallel}.
 */
public final class AutoThresholds {
    /**
     * Sizes are element counts (fib: recursive calls of the batch, see AutoEngine.size). Measured on the
     * project's machine (2 vCPU AMD EPYC, AVX-512 path, JDK 17.0.15) by
     * {@code java -jar bench/target/jkernels-bench.jar calibrate}; the file is
     * bench/results/thresholds-jdk17.properties. Runs on this shared VM move a threshold by up to a factor
     * of 4 either way, which costs little: near a crossover both choices take about the same time.
     */
    private static final Map<String, long[]> DEFAULTS = Map.of(
            // op -> {native: native beats Java from here, parallel: the pool beats both from here}
            "fib", new long[] {20, 434},
            "square", new long[] {262_144, 65_536},
            "dsquare", new long[] {1_048_576, 65_536},
            "sum", new long[] {256, 262_144},
            "dot", new long[] {256, 65_536},
            "axpy", new long[] {65_536, 262_144},
            "scale", new long[] {1_048_576, 65_536});

    private final Map<String, long[]> thresholds;
    private final String source;

    private AutoThresholds(Map<String, long[]> thresholds, String source) {
        this.thresholds = thresholds;
        this.source = source;
    }

    /** The defaults, then the file named by the setting, then single system properties. */
    public static AutoThresholds load(Settings settings) {
        Map<String, long[]> t = new TreeMap<>();
        DEFAULTS.forEach((op, v) -> t.put(op, v.clone()));
        String source = "built-in defaults";
        if (settings.thresholdsFile().isPresent()) {
            String file = settings.thresholdsFile().get();
            readFile(Path.of(file), t);
            source = "file " + file;
        }
        for (Map.Entry<String, long[]> e : t.entrySet()) {
            for (int i = 0; i < 2; i++) {
                String name = "jkernels.threshold." + e.getKey() + (i == 0 ? ".native" : ".parallel");
                int slot = i;
                settings.property(name).ifPresent(v -> e.getValue()[slot] = parse(name, v));
            }
        }
        return new AutoThresholds(t, source);
    }

    private static void readFile(Path file, Map<String, long[]> t) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(Settings.Key.THRESHOLDS.property + " = '" + file
                    + "' cannot be read: " + e, e);
        }
        for (String name : p.stringPropertyNames()) {
            int dot = name.lastIndexOf('.');
            String op = dot > 0 ? name.substring(0, dot) : "", which = name.substring(dot + 1);
            if (!t.containsKey(op) || !(which.equals("native") || which.equals("parallel"))) {
                continue; // an operation this version does not know: a newer file is fine
            }
            t.get(op)[which.equals("native") ? 0 : 1] = parse(file + ": " + name, p.getProperty(name));
        }
    }

    private static long parse(String name, String value) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " = '" + value + "' is invalid: expected an element count >= 0");
    }

    /** Below this, the Java twin on the calling thread. */
    public long nativeFrom(String op) {
        long[] v = thresholds.get(op);
        return v == null ? 0 : v[0];
    }

    /** From this on, the pool's workers. */
    public long parallelFrom(String op) {
        long[] v = thresholds.get(op);
        return v == null ? 0 : v[1];
    }

    /** For example {@code sum: native from 256, pool from 262144; ... (built-in defaults)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        thresholds.forEach((op, v) -> s.append(s.length() == 0 ? "" : "; ").append(op).append(": native from ")
                .append(v[0]).append(", pool from ").append(v[1]));
        return s.append(" (").append(source).append(')').toString();
    }
}
