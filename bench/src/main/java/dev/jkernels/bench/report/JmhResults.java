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

/** Reads the parts of a JMH JSON result file (and its {@code .env.properties}) that the report uses. */
final class JmhResults {
    /** One benchmark at one parameter combination. */
    record Measurement(String className, String method, String mode, Map<String, String> params,
                       double score, double error, String unit) {
        String simpleClassName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    /** One result file: its label (file name without .json), rows, JMH's run facts and the env file. */
    record Run(Path path, String label, List<Measurement> rows, Map<String, String> facts, Map<String, String> env) {}

    private JmhResults() {}

    static Run read(Path json) throws IOException {
        JsonArray array;
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            array = JsonParser.parseReader(in).getAsJsonArray();
        }
        List<Measurement> rows = new ArrayList<>();
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
            rows.add(new Measurement(benchmark.substring(0, dot), benchmark.substring(dot + 1),
                    o.get("mode").getAsString(), params, primary.get("score").getAsDouble(),
                    primary.get("scoreError").getAsDouble(), primary.get("scoreUnit").getAsString()));
            if (facts.isEmpty()) {
                for (String key : List.of("jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvm", "forks",
                        "warmupIterations", "warmupTime", "measurementIterations", "measurementTime")) {
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
        return new Run(json, label, rows, facts, EnvFile.read(EnvFile.pathFor(json)));
    }
}
