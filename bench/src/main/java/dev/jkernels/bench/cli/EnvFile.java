// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The {@code X.env.properties} file that sits next to {@code X.json}: the run's environment. */
public final class EnvFile {
    private EnvFile() {}

    public static Path pathFor(Path json) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(stem + ".env.properties");
    }

    static void write(Path file, Map<String, String> env) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# Environment of the benchmark run whose results are in the .json of the same name.\n");
            for (Map.Entry<String, String> e : env.entrySet()) {
                out.write(e.getKey() + "=" + escape(e.getValue()) + "\n");
            }
        }
    }

    /** The file's entries, or an empty map when the run left none (plain JMH runs). */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> env = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            props.forEach((k, v) -> env.put(k.toString(), v.toString()));
        }
        return env;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
