// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where Backend.AUTO switches, per operation: from {@code parallel} on (in the operation's size unit, see
 * {@link OpSpec#size}), the native pool; below it, from {@code native} on, the native kernel on the
 * calling thread; below both, the pure-Java twin on the calling thread. Not API; the README documents the
 * settings.
 *
 * <p>Where each value comes from, later ones winning: the spec's own default; the calibration bundled in
 * the jar for the running JDK ({@code thresholds-jdk<N>.properties} as {@code jkernels-bench.jar calibrate}
 * writes it by timing an AUTO pool pinned to each of the three routes, the highest N not above the
 * running JDK's feature version, else the lowest there is); the
 * file named by setting {@code jkernels.thresholds}; a system property {@code jkernels.threshold.<op>.native}
 * / {@code .parallel}. Keys of operations this version does not know are ignored (a newer file is fine).
 */
public final class AutoThresholds {
    private static final String BUNDLED = "thresholds-jdk%d.properties";
    private static final int OLDEST_JDK = 17;

    private final long[] nativeFrom, parallelFrom; // by OpSpec.index
    private final String source;

    private AutoThresholds(long[] nativeFrom, long[] parallelFrom, String source) {
        this.nativeFrom = nativeFrom;
        this.parallelFrom = parallelFrom;
        this.source = source;
    }

    /** Every source in turn, for the running JDK. */
    public static AutoThresholds load(Settings settings) {
        return load(settings, Runtime.version().feature());
    }

    static AutoThresholds load(Settings settings, int jdkFeature) {
        List<OpSpec> specs = OpRegistry.all();
        long[] nat = new long[specs.size()], par = new long[specs.size()];
        for (OpSpec s : specs) {
            nat[s.index] = s.defaultNativeFrom;
            par[s.index] = s.defaultParallelFrom;
        }
        String source = "built-in defaults";
        String bundled = bundledFor(jdkFeature);
        if (bundled != null) {
            apply(read(bundled), "jar resource " + bundled, nat, par);
            source = "calibration " + bundled;
        }
        if (settings.thresholdsFile().isPresent()) {
            String file = settings.thresholdsFile().get();
            apply(readFile(Path.of(file)), file, nat, par);
            source = "file " + file;
        }
        for (OpSpec s : specs) {
            String base = "jkernels.threshold." + s.autoKey;
            settings.property(base + ".native").ifPresent(v -> nat[s.index] = parse(base + ".native", v));
            settings.property(base + ".parallel").ifPresent(v -> par[s.index] = parse(base + ".parallel", v));
        }
        return new AutoThresholds(nat, par, source);
    }

    /** The bundled calibration for a JDK: the highest version not above it, else the lowest bundled. */
    static String bundledFor(int jdkFeature) {
        for (int v = jdkFeature; v >= OLDEST_JDK; v--) {
            if (AutoThresholds.class.getResource(String.format(BUNDLED, v)) != null) {
                return String.format(BUNDLED, v);
            }
        }
        for (int v = jdkFeature + 1; v <= jdkFeature + 64; v++) {
            if (AutoThresholds.class.getResource(String.format(BUNDLED, v)) != null) {
                return String.format(BUNDLED, v);
            }
        }
        return null;
    }

    private static Properties read(String resource) {
        Properties p = new Properties();
        try (InputStream in = AutoThresholds.class.getResourceAsStream(resource)) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("jkernels: the bundled thresholds " + resource + " cannot be read", e);
        }
        return p;
    }

    private static Properties readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(Settings.Key.THRESHOLDS.property + " = '" + file
                    + "' cannot be read: " + e, e);
        }
        return p;
    }

    private static void apply(Properties p, String where, long[] nat, long[] par) {
        for (OpSpec s : OpRegistry.all()) {
            String n = p.getProperty(s.autoKey + ".native"), q = p.getProperty(s.autoKey + ".parallel");
            if (n != null) {
                nat[s.index] = parse(where + ": " + s.autoKey + ".native", n);
            }
            if (q != null) {
                par[s.index] = parse(where + ": " + s.autoKey + ".parallel", q);
            }
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
        throw new IllegalArgumentException(name + " = '" + value + "' is invalid: expected a size >= 0");
    }

    /** Below this, the Java twin on the calling thread. */
    public long nativeFrom(OpSpec op) {
        return nativeFrom[op.index];
    }

    /** From this on, the pool's workers. */
    public long parallelFrom(OpSpec op) {
        return parallelFrom[op.index];
    }

    /** For example {@code sum: native from 256, pool from 262144; ... (calibration thresholds-jdk17.properties)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (OpSpec op : OpRegistry.all()) {
            s.append(s.length() == 0 ? "" : "; ").append(op.autoKey).append(": native from ")
                    .append(nativeFrom[op.index]).append(", pool from ").append(parallelFrom[op.index]);
        }
        return s.append(" (").append(source).append(')').toString();
    }
}
