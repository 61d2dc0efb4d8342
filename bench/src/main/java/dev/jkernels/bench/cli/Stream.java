// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.KernelPool;
import dev.jkernels.bench.report.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code jkernels-stream} (bench/src/main/c/stream.c, built next to the jar) at 1 and N threads, with
 * small (4 KiB) and huge (2 MiB) pages, three times each (like forks: a separate process each), and turns its
 * lines into {@code stream.*} entries of the run's environment record.
 *
 * <p>Per test, thread count and page size: the median of the runs' best bandwidths and their min and max
 * ({@code stream.<test>.t<threads>.<pages>.gbs}). The limit the report quotes, {@code stream.<test>.t<threads>.gbs},
 * is the best run of either page size ({@code .pages} says which): a limit is what the machine can reach (STREAM
 * itself quotes its best repetition), and on this VM runs differ by up to 2x at N threads, as the host places
 * the vCPUs on cores that share a memory path or not; a JVM heap reaches the huge-page figure only with
 * {@code -XX:+UseTransparentHugePages}. Arrays are at least 4 times the machine's total L3 each (STREAM's
 * rule), never under 64 Mi doubles (512 MiB): a guest's L3 is not the host's, and at 16 Mi doubles two
 * threads were measured above anything 64 Mi ever gave (update up to 138 GB/s against 106).
 */
final class Stream {
    static final List<String> TESTS = List.of("copy", "scale", "add", "triad", "sum", "update", "axpy");
    /** The binary's page-size argument: small pages as a JVM heap has them by default, then huge pages. */
    static final List<String> PAGES = List.of("4k", "2m");
    static final int RUNS = 3;
    static final int REPETITIONS = 10;
    private static final Pattern LINE = Pattern.compile(
            "STREAM test=(\\w+) threads=(\\d+) elements=(\\d+) bytes=(\\d+) best_s=([0-9.]+) gbs=([0-9.]+) isa=(\\S+)"
            + " pages=(4k|2m) huge=(-?\\d+)");

    /** One test's result in one run; {@code hugePercent}: how much of the arrays the kernel put on huge pages. */
    record Result(String test, int threads, long elements, double gbs, String isa, String pages, int hugePercent) {}

    private Stream() {}

    static Path binary() {
        return JarLocation.codeSource().toAbsolutePath().getParent().resolve("jkernels-stream");
    }

    static long elementsFor(long l3Bytes) {
        return Math.max(64L << 20, (4 * l3Bytes + 7) / 8);
    }

    /** Measures and returns the {@code stream.*} entries; smoke: small arrays, one run, two repetitions. */
    static Map<String, String> measure(int cpus, long l3Bytes, boolean smoke) throws IOException {
        Path binary = binary();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no STREAM binary at " + binary + ": build the bench with 'mvn -B package'");
        }
        long elements = smoke ? 1 << 20 : elementsFor(l3Bytes);
        int runs = smoke ? 1 : RUNS;
        int repetitions = smoke ? 2 : REPETITIONS;
        List<Integer> threadCounts = cpus > 1 ? List.of(1, cpus) : List.of(1);
        List<Result> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (String pages : PAGES) {
                for (int threads : threadCounts) {
                    List<String> command = List.of(binary.toString(), Long.toString(elements), Integer.toString(threads),
                            Integer.toString(repetitions), pages);
                    List<Result> printed = parse(execute(command));
                    if (printed.size() != TESTS.size()) {
                        throw new IllegalStateException("STREAM printed " + printed.size() + " of " + TESTS.size()
                                + " results: " + String.join(" ", command));
                    }
                    results.addAll(printed);
                }
            }
        }
        Map<String, String> env = summarize(results, threadCounts);
        env.put("stream.command", binary.getFileName() + " " + elements + " <threads> " + repetitions + " <4k|2m>, "
                + runs + " run(s) per thread count and page size");
        env.put("stream.elements", Long.toString(elements));
        env.put("stream.bytes_per_array", Long.toString(elements * 8));
        return env;
    }

    static List<Result> parse(String output) {
        List<Result> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                results.add(new Result(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                        Double.parseDouble(m.group(6)), m.group(7), m.group(8), Integer.parseInt(m.group(9))));
            }
        }
        return results;
    }

    /**
     * Per test, thread count and page size {@code stream.<test>.t<threads>.<pages>.gbs} (median over runs),
     * {@code .min}, {@code .max}, {@code .runs}; per test and thread count the limit {@code .gbs} (the best run
     * of either page size) and the page size it came from {@code .pages}; {@code stream.<pages>.huge_percent} (the least over runs) and
     * {@code stream.isa}.
     */
    static Map<String, String> summarize(List<Result> results, List<Integer> threadCounts) {
        Map<String, String> env = new TreeMap<>();
        for (String test : TESTS) {
            for (int threads : threadCounts) {
                String key = "stream." + test + ".t" + threads;
                double limit = Double.NEGATIVE_INFINITY;
                for (String pages : PAGES) {
                    double[] gbs = results.stream()
                            .filter(r -> r.test().equals(test) && r.threads() == threads && r.pages().equals(pages))
                            .mapToDouble(Result::gbs).toArray();
                    if (gbs.length == 0) {
                        continue;
                    }
                    double best = Arrays.stream(gbs).max().orElseThrow();
                    env.put(key + "." + pages + ".gbs", format(Stats.summarize(List.of(gbs)).median()));
                    env.put(key + "." + pages + ".min", format(Arrays.stream(gbs).min().orElseThrow()));
                    env.put(key + "." + pages + ".max", format(best));
                    env.put(key + "." + pages + ".runs", Integer.toString(gbs.length));
                    if (best > limit) {
                        limit = best;
                        env.put(key + ".gbs", format(best));
                        env.put(key + ".pages", pages);
                    }
                }
            }
        }
        for (String pages : PAGES) {
            results.stream().filter(r -> r.pages().equals(pages)).mapToInt(Result::hugePercent).min()
                    .ifPresent(p -> env.put("stream." + pages + ".huge_percent", Integer.toString(p)));
        }
        results.stream().findFirst().ifPresent(r -> env.put("stream.isa", r.isa()));
        return env;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String execute(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start(); // its reasons
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("STREAM failed (exit " + p.exitValue() + "): " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running STREAM", e);
        }
        return out;
    }

    /**
     * {@code stream [--smoke] [--into RUN.env.properties]}: measures and prints the entries; with
     * {@code --into}, also replaces the {@code stream.*} entries of an existing run's record (STREAM measures
     * the machine, not the code, so a record can take a later measurement of the same machine), which then
     * says when and on which commit they were measured. Refuses a record of another machine.
     */
    static void main(String[] args) throws IOException {
        boolean smoke = false;
        Path into = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--into" -> into = Path.of(FullRun.value(args, ++i, "--into"));
                default -> throw new IllegalArgumentException(
                        "stream: unknown argument " + args[i] + " (usage: stream [--smoke] [--into RUN.env.properties])");
            }
        }
        if (smoke && into != null) {
            throw new IllegalArgumentException("stream: --smoke measures small arrays in cache, not a limit to put --into a record");
        }
        Map<String, String> machine = Machine.describe(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu"));
        Map<String, String> record = into == null ? null : EnvFile.read(into);
        if (record != null) {
            requireSameMachine(into, record, machine, KernelPool.availableCpus());
        }
        long l3 = Long.parseLong(machine.getOrDefault("cpu.l3.bytes", "0"));
        Map<String, String> env = new LinkedHashMap<>(measure(KernelPool.availableCpus(), l3, smoke));
        env.forEach((k, v) -> System.out.println(k + "=" + v));
        if (record != null) {
            EnvFile.write(into, replaceStreamEntries(record, env, measuredNote(smoke)));
            System.out.println("stream entries replaced in " + into);
        }
    }

    /** The record with its STREAM entries (and any older copies of them, {@code *.stream.*}) replaced. */
    static Map<String, String> replaceStreamEntries(Map<String, String> record, Map<String, String> stream, String note) {
        Map<String, String> out = new TreeMap<>();
        record.forEach((k, v) -> {
            if (!k.startsWith("stream.") && !k.contains(".stream.")) {
                out.put(k, v);
            }
        });
        out.putAll(stream);
        out.put("stream.measured", note);
        return out;
    }

    static void requireSameMachine(Path file, Map<String, String> record, Map<String, String> machine, int cpus) {
        for (String key : List.of("cpu.model", "cpu.l3.bytes")) {
            if (record.containsKey(key) && !record.get(key).equals(machine.get(key))) {
                throw new IllegalArgumentException("stream --into " + file + ": recorded on another machine (" + key + " "
                        + record.get(key) + ", this one " + machine.get(key) + ")");
            }
        }
        if (record.containsKey("cpu.available") && !record.get("cpu.available").equals(Integer.toString(cpus))) {
            throw new IllegalArgumentException("stream --into " + file + ": recorded with cpu.available "
                    + record.get("cpu.available") + ", this JVM has " + cpus);
        }
    }

    private static String measuredNote(boolean smoke) {
        Map<String, String> git = Git.describe(Path.of("").toAbsolutePath());
        return "after the run, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + ", by 'stream" + (smoke ? " --smoke" : "") + " --into' on git " + git.get("git.sha")
                + ("true".equals(git.get("git.dirty")) ? " (dirty)" : "");
    }
}
