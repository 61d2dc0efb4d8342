// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jkernels.bench.cli.EnvFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JMH JSON result file (and its {@code .env.properties}) into what the report uses: per point, every
 * fork's measured iterations, so medians and the spread between forks come from the data itself.
 *
 * <p>Formats are never mixed silently: a result file whose environment record carries no
 * {@code results.format}, or another one than {@link #FORMAT}, was written by an older bench and is refused
 * with a message saying how to regenerate it. A JSON with no environment file at all is a plain JMH run: it is
 * read, and the report says that its environment was not recorded.
 */
public final class JmhResults {
    /** The format {@code full} writes (its {@code results.format} entry). */
    public static final String FORMAT = "2";

    /** One benchmark at one parameter combination. */
    public record Point(String className, String method, String mode, Map<String, String> params, String unit,
                        List<double[]> forks, double score, double error, String settings) {
        public String simpleClassName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        public String param(String name) {
            return params.get(name);
        }

        /** Median of fork medians and the forks' range, in the score's unit. */
        public Stats.Summary summary() {
            return Stats.summarize(forks);
        }

        /** The same in nanoseconds per call; NaN fields if the unit is not a time per call. */
        public Stats.Summary nanos() {
            Stats.Summary s = summary();
            return new Stats.Summary(Units.toNanos(s.median(), unit), Units.toNanos(s.min(), unit),
                    Units.toNanos(s.max(), unit), s.forks(), s.iterations());
        }

        /** How many forks were still getting faster while measured ({@link Stats#stillWarming}, 10%). */
        public int warmingForks() {
            return (int) forks.stream().filter(f -> Stats.stillWarming(f, 0.10)).count();
        }
    }

    /** One result file: its label (file name without .json), points, JMH's run facts and the env record. */
    public record Run(Path path, String label, List<Point> points, Map<String, String> facts, Map<String, String> env) {
        public boolean hasEnvironment() {
            return !env.isEmpty();
        }

        /** "JDK 17.0.15" from the record, else from JMH. */
        public String jdk() {
            return "JDK " + env.getOrDefault("jdk.version", facts.getOrDefault("jdkVersion", "?"));
        }
    }

    private JmhResults() {}

    public static Run read(Path json) throws IOException {
        Map<String, String> env = EnvFile.read(EnvFile.pathFor(json));
        if (!env.isEmpty() && !FORMAT.equals(env.get("results.format"))) {
            throw new IllegalArgumentException(json + " was written by an older bench (results format "
                    + env.getOrDefault("results.format", "1") + ", this report reads " + FORMAT
                    + "): regenerate it with 'java -jar bench/target/jkernels-bench.jar full'");
        }
        String text = Files.readString(json, StandardCharsets.UTF_8);
        return parse(json, text, env);
    }

    /** Parses JMH's JSON text; {@code env} is the run's record (empty for a plain JMH run). */
    public static Run parse(Path json, String text, Map<String, String> env) throws IOException {
        JsonArray array;
        try (Reader in = new java.io.StringReader(text)) {
            JsonElement root = JsonParser.parseReader(in);
            if (!root.isJsonArray()) {
                throw new IllegalArgumentException(json + " is not a JMH JSON result (no top-level array)");
            }
            array = root.getAsJsonArray();
        }
        List<Point> points = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        for (JsonElement element : array) {
            JsonObject o = element.getAsJsonObject();
            String benchmark = o.get("benchmark").getAsString();
            int dot = benchmark.lastIndexOf('.');
            Map<String, String> params = new LinkedHashMap<>();
            if (o.has("params")) {
                o.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            }
            JsonObject primary = o.getAsJsonObject("primaryMetric");
            List<double[]> forks = new ArrayList<>();
            if (primary.has("rawData")) {
                for (JsonElement fork : primary.getAsJsonArray("rawData")) {
                    JsonArray iterations = fork.getAsJsonArray();
                    double[] values = new double[iterations.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = iterations.get(i).getAsDouble();
                    }
                    forks.add(values);
                }
            }
            if (forks.isEmpty()) {
                throw new IllegalArgumentException(json + ": " + benchmark + " has no rawData; the report needs every "
                        + "fork's iterations");
            }
            points.add(new Point(benchmark.substring(0, dot), benchmark.substring(dot + 1), o.get("mode").getAsString(),
                    params, primary.get("scoreUnit").getAsString(), forks, primary.get("score").getAsDouble(),
                    number(primary.get("scoreError")), settingsOf(o)));
            if (facts.isEmpty()) {
                for (String key : List.of("jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvm")) {
                    if (o.has(key)) {
                        facts.put(key, o.get(key).getAsString());
                    }
                }
                if (o.has("jvmArgs")) {
                    List<String> jvmArgs = new ArrayList<>();
                    o.getAsJsonArray("jvmArgs").forEach(a -> jvmArgs.add(a.getAsString()));
                    facts.put("jvmArgs", String.join(" ", jvmArgs));
                }
            }
        }
        String name = json.getFileName().toString();
        String label = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new Run(json, label, points, facts, env);
    }

    /** JMH writes "NaN" for the error of a single iteration. */
    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /** The settings a point ran with, as JMH recorded them: "3 forks, 5 x 1 s warm-up, 5 x 300 ms". */
    static String settingsOf(JsonObject point) {
        return text(point, "forks") + " forks, " + text(point, "warmupIterations") + " x " + text(point, "warmupTime")
                + " warm-up, " + text(point, "measurementIterations") + " x " + text(point, "measurementTime");
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "?";
    }
}
