// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds JMH-format JSON the way JMH writes it (the fields the report reads), for the report's tests. */
final class Fixtures {
    private Fixtures() {}

    /** One point: class, method, params, unit, and per fork its iteration scores. */
    record P(String benchmark, Map<String, String> params, String unit, double[][] forks) {}

    static P point(String simpleClass, String method, Map<String, String> params, double[]... forks) {
        return new P("dev.jkernels.bench." + simpleClass + "." + method, params, "ns/op", forks);
    }

    /** A kernel point whose three forks are {@code median * (1 - spread)}, {@code median}, {@code median * (1 + spread)}. */
    static P kernel(String simpleClass, String method, String impl, String size, double median, double spread) {
        double lo = median * (1 - spread), hi = median * (1 + spread);
        return point(simpleClass, method, Map.of("impl", impl, "size", size),
                new double[] {lo, lo, lo}, new double[] {median, median, median}, new double[] {hi, hi, hi});
    }

    static String json(List<P> points) {
        List<String> entries = new ArrayList<>();
        for (P p : points) {
            StringBuilder params = new StringBuilder();
            new TreeMap<>(p.params()).forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ")
                    .append('"').append(k).append("\": \"").append(v).append('"'));
            List<String> forks = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (double[] f : p.forks()) {
                List<String> values = new ArrayList<>();
                for (double v : f) {
                    values.add(String.format(Locale.ROOT, "%.3f", v));
                    sum += v;
                    n++;
                }
                forks.add("[" + String.join(", ", values) + "]");
            }
            entries.add("{\"jmhVersion\": \"1.37\", \"benchmark\": \"" + p.benchmark() + "\", \"mode\": \"avgt\", "
                    + "\"threads\": 1, \"forks\": " + p.forks().length + ", \"jvm\": \"/usr/bin/java\", \"jvmArgs\": [\"-Dx=1\"], "
                    + "\"jdkVersion\": \"17.0.15\", \"vmName\": \"OpenJDK 64-Bit Server VM\", \"vmVersion\": \"17.0.15+6\", "
                    + "\"warmupIterations\": 5, \"warmupTime\": \"1 s\", \"measurementIterations\": 3, "
                    + "\"measurementTime\": \"200 ms\", \"params\": {" + params + "}, "
                    + "\"primaryMetric\": {\"score\": " + String.format(Locale.ROOT, "%.3f", sum / n)
                    + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"" + p.unit() + "\", \"rawData\": ["
                    + String.join(", ", forks) + "]}, \"secondaryMetrics\": {}}");
        }
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    static JmhResults.Run run(String label, List<P> points, Map<String, String> env) throws IOException {
        return JmhResults.parse(Path.of(label + ".json"), json(points), env);
    }

    /** An environment record like full's: N = 2, 32 MiB L3, STREAM figures, a peak model. */
    static Map<String, String> env(String jdk) {
        Map<String, String> env = new TreeMap<>();
        env.put("results.format", JmhResults.FORMAT);
        env.put("jdk.version", jdk);
        env.put("cpu.available", "2");
        env.put("cpu.l3.bytes", Long.toString(32L << 20));
        env.put("cpu.mhz", "2500");
        env.put("cpu.peak.flops_per_cycle", "16");
        env.put("netlib.blas", "dev.ludovic.netlib.blas.VectorBLAS");
        for (String test : List.of("copy", "scale", "add", "triad", "sum", "update", "axpy")) {
            env.put("stream." + test + ".t1.gbs", "25.00");
            env.put("stream." + test + ".t2.gbs", "32.00");
        }
        return env;
    }
}
