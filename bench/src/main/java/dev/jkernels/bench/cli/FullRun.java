// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.KernelPool;
import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.ForkFlags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code full [--out FILE.json] [--thresholds FILE|builtin] [--only REGEX] [--smoke] [--dry-run]}: the whole
 * suite as {@link Plan} lays it out, STREAM first, then every section through JMH; one JSON file of all
 * results (default {@code bench/results/jdk<feature>.json}, rewritten after every section so a failure
 * keeps what was measured) and next to it {@code jdk<feature>.env.properties}: the machine, the code
 * (git commit), the JDK and flags, the ISA path, OpenBLAS's core, STREAM's bandwidths, AUTO's thresholds,
 * the plan and the exact command.
 *
 * <p>AUTO is evaluated here, on thresholds measured by a separate {@code calibrate} run: by default the forks
 * get {@code -Djkernels.thresholds=bench/results/thresholds-jdk<feature>.properties} when that file exists
 * (its SHA-256 is recorded); {@code --thresholds builtin} runs the library's own defaults instead.
 */
final class FullRun {
    /** The results' format; the report refuses files of another one rather than mixing them silently. */
    static final String FORMAT = "2";

    private FullRun() {}

    record Args(Path out, String thresholds, Pattern only, boolean smoke, boolean dryRun) {}

    static Args parse(String[] args, Path resultsDir, int feature) {
        Path out = resultsDir.resolve("jdk" + feature + ".json");
        String thresholds = null;
        Pattern only = null;
        boolean smoke = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--thresholds" -> thresholds = value(args, ++i, "--thresholds");
                case "--only" -> only = Pattern.compile(value(args, ++i, "--only"));
                case "--smoke" -> smoke = true;
                case "--dry-run" -> dryRun = true;
                default -> throw new IllegalArgumentException("full: unknown argument '" + args[i] + "'; usage: "
                        + "full [--out FILE.json] [--thresholds FILE|builtin] [--only REGEX] [--smoke] [--dry-run]");
            }
        }
        return new Args(out.toAbsolutePath(), thresholds, only, smoke, dryRun);
    }

    static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    static void main(String[] argv) throws IOException, RunnerException {
        int feature = Runtime.version().feature();
        Args args = parse(argv, JarLocation.resultsDir(), feature);
        int cpus = KernelPool.availableCpus();
        Plan.Suite suite = args.smoke() ? Plan.smoke(cpus, feature, Catalog.kernels()) : Plan.full(cpus, feature, Catalog.kernels());
        if (args.only() != null) {
            suite = suite.only(args.only());
        }
        System.out.println("jkernels bench full" + (args.smoke() ? " --smoke (proves the path, measures nothing)" : "")
                + ": JDK " + Runtime.version() + ", N = " + cpus);
        System.out.print(suite.describe());
        if (args.dryRun()) {
            return;
        }

        List<String> forkArgs = new ArrayList<>(ForkFlags.ALL);
        Map<String, String> thresholds = thresholdsFor(args, feature);
        if (thresholds.containsKey("auto.thresholds.file")) {
            forkArgs.add("-Djkernels.thresholds=" + thresholds.get("auto.thresholds.file"));
        }
        Map<String, String> env = new TreeMap<>(EnvProbe.record(forkArgs));
        env.putAll(thresholds);
        env.put("results.format", FORMAT);
        env.put("run.date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("run.command", JarLocation.javaBinary() + " -jar " + JarLocation.codeSource() + " full"
                + (argv.length > 0 ? " " + String.join(" ", argv) : ""));
        env.put("run.jvm", JarLocation.javaBinary());
        env.put("run.smoke", Boolean.toString(args.smoke()));
        env.put("run.plan", suite.sections().stream().map(s -> s.name() + " [" + s.settings().describe() + "]").toList().toString());
        env.put("run.plan.estimate_minutes", String.format(Locale.ROOT, "%.0f", suite.estimateSeconds() / 60));
        suite.skipped().forEach((cls, why) -> env.put("run.skipped." + cls, why));

        System.out.println("STREAM, 1 and " + cpus + " threads ...");
        env.putAll(Stream.measure(cpus, Long.parseLong(env.getOrDefault("cpu.l3.bytes", "0")), args.smoke()));
        Files.createDirectories(args.out().getParent());
        Path envFile = EnvFile.pathFor(args.out());
        EnvFile.write(envFile, env);
        env.forEach((k, v) -> System.out.println("  " + k + " = " + v));

        Instant start = Instant.now();
        List<RunResult> all = new ArrayList<>();
        for (Plan.Section section : suite.sections()) {
            System.out.printf(Locale.ROOT, "%n=== section %s: %d points, %s, about %.0f s%n", section.name(),
                    section.points(), section.settings().describe(), section.estimateSeconds());
            all.addAll(JmhRun.run(section, forkArgs, null));
            writeJson(args.out(), all);
        }
        writeJson(args.out(), all);
        Duration took = Duration.between(start, Instant.now());
        env.put("run.took_minutes", String.format(Locale.ROOT, "%.1f", took.toSeconds() / 60.0));
        EnvFile.write(envFile, env);
        System.out.println();
        System.out.println("results: " + args.out() + " (" + all.size() + " points, " + took.toMinutes() + " min)");
        System.out.println("report:  java -jar " + JarLocation.codeSource() + " report " + args.out());
    }

    /** JMH's own JSON format, so any JMH tool reads the file too. */
    static void writeJson(Path out, List<RunResult> results) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(tmp), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Which thresholds AUTO_N runs on, recorded with the file's SHA-256 and calibrate's header line. */
    static Map<String, String> thresholdsFor(Args args, int feature) throws IOException {
        Map<String, String> env = new TreeMap<>();
        if ("builtin".equals(args.thresholds())) {
            env.put("auto.thresholds", "the library's built-in defaults (--thresholds builtin)");
            return env;
        }
        Path file = args.thresholds() != null ? Path.of(args.thresholds())
                : JarLocation.resultsDir().resolve("thresholds-jdk" + feature + ".properties");
        if (!Files.isRegularFile(file)) {
            if (args.thresholds() != null) {
                throw new IllegalArgumentException("--thresholds: no such file: " + file.toAbsolutePath());
            }
            System.out.println("warning: no " + file + " (run calibrate first); AUTO_N runs the library's defaults");
            env.put("auto.thresholds", "the library's built-in defaults (no " + file.getFileName() + " to evaluate)");
            return env;
        }
        byte[] bytes = Files.readAllBytes(file);
        env.put("auto.thresholds", "file " + file.toAbsolutePath() + " (measured by a separate calibrate run)");
        env.put("auto.thresholds.file", file.toAbsolutePath().toString());
        env.put("auto.thresholds.sha256", sha256(bytes));
        String text = new String(bytes, StandardCharsets.UTF_8);
        text.lines().filter(l -> l.startsWith("# 20")).findFirst()
                .ifPresent(l -> env.put("auto.thresholds.measured", l.substring(2).trim()));
        return env;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
