// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.bench.report.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code jkernels-stream} (bench/src/main/c/stream.c, built next to the jar) at 1 and N threads, three
 * times each (like forks: a separate process each), and turns its lines into {@code stream.*} entries of the
 * run's environment record: per test and thread count, the median of the runs' best bandwidths and their
 * min and max. Arrays are at least 4 times the machine's total L3 each (STREAM's rule), never under 16 Mi
 * doubles (128 MiB).
 */
final class Stream {
    static final List<String> TESTS = List.of("copy", "scale", "add", "triad", "sum");
    static final int RUNS = 3;
    static final int REPETITIONS = 10;
    private static final Pattern LINE = Pattern.compile(
            "STREAM test=(\\w+) threads=(\\d+) elements=(\\d+) bytes=(\\d+) best_s=([0-9.]+) gbs=([0-9.]+) isa=(\\S+)");

    /** One test's result in one run. */
    record Result(String test, int threads, long elements, double gbs, String isa) {}

    private Stream() {}

    static Path binary() {
        return JarLocation.codeSource().toAbsolutePath().getParent().resolve("jkernels-stream");
    }

    static long elementsFor(long l3Bytes) {
        return Math.max(16L << 20, (4 * l3Bytes + 7) / 8);
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
            for (int threads : threadCounts) {
                List<String> command = List.of(binary.toString(), Long.toString(elements), Integer.toString(threads),
                        Integer.toString(repetitions));
                results.addAll(parse(execute(command)));
            }
        }
        Map<String, String> env = summarize(results, threadCounts);
        env.put("stream.command", binary.getFileName() + " " + elements + " <threads> " + repetitions + ", " + runs
                + " run(s) per thread count");
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
                        Double.parseDouble(m.group(6)), m.group(7)));
            }
        }
        return results;
    }

    /** {@code stream.<test>.t<threads>.gbs} (median over runs), {@code .min}, {@code .max}; {@code stream.isa}. */
    static Map<String, String> summarize(List<Result> results, List<Integer> threadCounts) {
        Map<String, String> env = new TreeMap<>();
        for (String test : TESTS) {
            for (int threads : threadCounts) {
                double[] gbs = results.stream().filter(r -> r.test().equals(test) && r.threads() == threads)
                        .mapToDouble(Result::gbs).toArray();
                if (gbs.length == 0) {
                    continue;
                }
                Stats.Summary s = Stats.summarize(List.of(gbs));
                String key = "stream." + test + ".t" + threads;
                env.put(key + ".gbs", format(s.median()));
                env.put(key + ".min", format(java.util.Arrays.stream(gbs).min().orElseThrow()));
                env.put(key + ".max", format(java.util.Arrays.stream(gbs).max().orElseThrow()));
                env.put(key + ".runs", Integer.toString(gbs.length));
            }
        }
        results.stream().findFirst().ifPresent(r -> env.put("stream.isa", r.isa()));
        return env;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String execute(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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

    /** {@code stream [--smoke]}: measures and prints the entries. */
    static void main(String[] args) throws IOException {
        boolean smoke = false;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else {
                throw new IllegalArgumentException("stream: unknown argument " + arg + " (usage: stream [--smoke])");
            }
        }
        Map<String, String> machine = Machine.describe(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu"));
        long l3 = Long.parseLong(machine.getOrDefault("cpu.l3.bytes", "0"));
        Map<String, String> env = new LinkedHashMap<>(measure(dev.jkernels.KernelPool.availableCpus(), l3, smoke));
        env.forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
