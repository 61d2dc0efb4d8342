// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.Impl;
import dev.jkernels.bench.OpInfo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Param;

/**
 * {@code report FILE.json... [--out DIR] [--readme FILE | --no-readme]}: turns the results of {@code full}
 * (one file per JDK) into {@code REPORT.md} and {@code charts/*.png} in DIR (default: the first file's folder),
 * and rewrites the README's headline table between its markers ({@link Readme}; default README: the
 * repository's, found from the jar's place). Everything comes from the JSON and its environment record.
 */
public final class Report {
    /** One run's results, tabulated. */
    record RunTables(JmhResults.Run run, Limits limits, Map<String, KernelTable> kernels,
                     Map<String, List<JmhResults.Point>> others) {
        String netlib() {
            return run.env().get("netlib.blas");
        }
    }

    /** Parsed command line. */
    record Args(List<Path> files, Path outDir, Path readme, boolean writeReadme) {}

    private Report() {}

    static Args parse(String[] args, Path defaultReadme) {
        List<Path> files = new ArrayList<>();
        Path outDir = null;
        Path readme = defaultReadme;
        boolean writeReadme = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(value(args, ++i, "--out"));
                case "--readme" -> readme = Path.of(value(args, ++i, "--readme"));
                case "--no-readme" -> writeReadme = false;
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("report: unknown option '" + args[i] + "'; " + USAGE);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        return new Args(files, outDir != null ? outDir : files.get(0).toAbsolutePath().getParent(), readme, writeReadme);
    }

    private static final String USAGE = "usage: report FILE.json... [--out DIR] [--readme FILE | --no-readme]";

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
        }
        return args[i];
    }

    public static void main(String[] argv) throws IOException {
        // Set before any AWT class loads: charts are drawn off-screen, with no display needed.
        System.setProperty("java.awt.headless", "true");
        Args args = parse(argv, defaultReadme());
        for (Path file : args.files()) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("report: no such file: " + file.toAbsolutePath());
            }
        }
        List<RunTables> runs = new ArrayList<>();
        for (Path file : args.files()) {
            runs.add(tabulate(JmhResults.read(file)));
        }
        String command = "java -jar bench/target/jkernels-bench.jar report " + String.join(" ", argv);
        Path report = args.outDir().resolve("REPORT.md");
        Files.writeString(report, render(runs, args.outDir(), command), StandardCharsets.UTF_8);
        System.out.println("report: " + report.toAbsolutePath());
        if (args.writeReadme()) {
            Path readme = args.readme();
            if (!Files.isRegularFile(readme)) {
                throw new IllegalStateException("report: no README at " + readme.toAbsolutePath()
                        + " (give --readme FILE, or --no-readme)");
            }
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Files.writeString(readme, Readme.replaceHeadline(text, Headline.render(runs)), StandardCharsets.UTF_8);
            System.out.println("headline table: " + readme.toAbsolutePath());
        }
    }

    /** The repository's README.md when running from bench/target, else ./README.md. */
    static Path defaultReadme() {
        try {
            Path jar = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            Path target = jar.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null) {
                return target.getParent().getParent().resolve("README.md");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("README.md").toAbsolutePath();
    }

    /** Groups a run's points: kernel classes (by @OpInfo) into tables, the rest by class. */
    static RunTables tabulate(JmhResults.Run run) {
        Map<String, List<JmhResults.Point>> byClass = new LinkedHashMap<>();
        run.points().forEach(p -> byClass.computeIfAbsent(p.className(), c -> new ArrayList<>()).add(p));
        Map<String, KernelTable> kernels = new LinkedHashMap<>();
        Map<String, List<JmhResults.Point>> others = new LinkedHashMap<>();
        String netlib = run.env().get("netlib.blas");
        for (var e : byClass.entrySet()) {
            Optional<Class<?>> cls = load(e.getKey());
            OpInfo info = cls.map(c -> c.getAnnotation(OpInfo.class)).orElse(null);
            if (info != null) {
                kernels.put(info.op(), KernelTable.of(e.getValue(), info, implOrder(cls.get()), netlib));
            } else {
                others.put(e.getValue().get(0).simpleClassName(), e.getValue());
            }
        }
        return new RunTables(run, new Limits(run.env()), kernels, others);
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, Report.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty(); // a benchmark this jar no longer has: tabulated by class name
        }
    }

    private static List<String> implOrder(Class<?> cls) {
        try {
            Param p = cls.getField("impl").getAnnotation(Param.class);
            return p == null ? List.of() : List.of(p.value());
        } catch (NoSuchFieldException e) {
            return List.of();
        }
    }

    /** Kernels in the fixed order ({@link Catalog#ORDER}), then any others by name. */
    static List<String> kernelOrder(List<RunTables> runs) {
        TreeSet<String> ops = new TreeSet<>(Comparator.comparingInt(Catalog::order).thenComparing(s -> s));
        runs.forEach(r -> ops.addAll(r.kernels().keySet()));
        return new ArrayList<>(ops);
    }

    /** The sizes of an op in the headline: all full-suite sizes, except fib's (the seed, n = 38, only). */
    static List<Long> headlineSizes(List<RunTables> runs, String op) {
        TreeSet<Long> sizes = new TreeSet<>();
        for (RunTables r : runs) {
            KernelTable t = r.kernels().get(op);
            if (t != null) {
                sizes.addAll(t.sizes);
            }
        }
        if (op.equals("fib") && sizes.size() > 1) {
            return List.of(sizes.last());
        }
        return new ArrayList<>(sizes);
    }

    static String sizeTitle(KernelTable t, long size) {
        if (!t.sizeParam.equals("size")) {
            return t.sizeParam + " = " + size;
        }
        if (t.info.op().equals("mandelbrot")) {
            return size + "²";
        }
        return Units.count(size);
    }

    static String time(Stats.Summary nanos) {
        return Units.timeRange(nanos.median(), nanos.min(), nanos.max());
    }

    /** How many times faster {@code p} is than the baseline pick, with "tie" when the fork ranges overlap. */
    static String speedup(JmhResults.Point p, Optional<KernelTable.Pick> baseline) {
        if (baseline.isEmpty() || p == null) {
            return "—";
        }
        if (baseline.get().point() == p) {
            return "baseline";
        }
        double ratio = KernelTable.ratio(baseline, p);
        boolean tie = KernelTable.compare(p.nanos(), baseline.get().nanos()) == 0;
        return Units.times(ratio) + (tie ? " (tie)" : "");
    }

    static String render(List<RunTables> runs, Path outDir, String command) throws IOException {
        Files.createDirectories(outDir.resolve("charts"));
        Markdown md = new Markdown();
        md.line("# jkernels benchmark report");
        md.line();
        md.line("Generated by `" + command + "` from the JSON results and their environment records; nothing "
                + "in it is typed by hand.");
        md.line();
        md.line("How to read it. Each point ran in several forks (separate JVMs). A time is the **median of the "
                + "forks' medians**, and in brackets the **range over forks** [min–max]: what another run on the same "
                + "machine would likely give. Speedups are of medians and are always stated against the **best pure-Java "
                + "implementation measured at that size** (the fastest of LOOP, UNROLLED, VECTOR_API, JDK_PARALLEL, "
                + "jkernels' own JAVA twin and the pure-Java peers), never against the naive LOOP, which stays as a "
                + "reference row; \"tie\" means the two forks' ranges overlap. † marks a point where a fork was still "
                + "getting faster while measured (its first iteration more than 10% slower than its later ones). "
                + "Memory-bound sizes give GB/s against the STREAM-like benchmark in the run's record (the best run with the same kind of traffic); in-cache sizes "
                + "GFLOP/s against the peak model in the run's record. Each benchmark's Javadoc says exactly what it runs.");
        md.line();
        for (RunTables r : runs) {
            Environment.render(md, r);
        }
        md.line("## Headline");
        md.line();
        md.line(Headline.render(runs));
        for (String op : kernelOrder(runs)) {
            kernelSection(md, runs, op, outDir);
        }
        AutoSection.render(md, runs);
        OtherSections.render(md, runs, outDir);
        return md.toString();
    }

    private static void kernelSection(Markdown md, List<RunTables> runs, String op, Path outDir) throws IOException {
        md.line("## " + op);
        md.line();
        md.line("**What this means.** " + Narrative.of(runs, op));
        md.line();
        for (RunTables r : runs) {
            KernelTable t = r.kernels().get(op);
            if (t == null) {
                continue;
            }
            md.line("### " + op + " — " + r.run().jdk() + " (`" + r.run().label() + "`)");
            md.line();
            StringBuilder header = new StringBuilder("| |");
            StringBuilder rule = new StringBuilder("|---|");
            for (long size : t.sizes) {
                header.append(' ').append(sizeTitle(t, size)).append(" | vs best Java |");
                rule.append("---:|---:|");
            }
            md.line(header.toString());
            md.line(rule.toString());
            for (String row : t.rows) {
                StringBuilder line = new StringBuilder("| ").append(rowLabel(row)).append(" |");
                for (long size : t.sizes) {
                    JmhResults.Point p = t.cell(row, size);
                    if (p == null) {
                        line.append(" | |");
                        continue;
                    }
                    line.append(' ').append(time(p.nanos())).append(p.warmingForks() > 0 ? " †" : "").append(" | ")
                            .append(speedup(p, t.bestPureJava(size))).append(" |");
                }
                md.line(line.toString());
            }
            md.line();
            StringBuilder picks = new StringBuilder();
            for (long size : t.sizes) {
                picks.append(picks.length() == 0 ? "" : "; ").append(sizeTitle(t, size)).append(": best pure Java ")
                        .append(t.bestPureJava(size).map(KernelTable.Pick::impl).orElse("none"))
                        .append(", best peer ").append(t.bestPeer(size).map(KernelTable.Pick::impl).orElse("none"));
            }
            md.line(picks + ".");
            md.line();
            md.line("| rate | " + String.join(" | ", t.sizes.stream().map(s -> sizeTitle(t, s)).toList()) + " |");
            md.line("|---|" + "---|".repeat(t.sizes.size()));
            for (String row : t.rows) {
                StringBuilder line = new StringBuilder("| ").append(row).append(" |");
                for (long size : t.sizes) {
                    line.append(' ').append(Rates.describe(t, row, size, r.limits())).append(" |");
                }
                md.line(line.toString());
            }
            md.line();
            String png = "charts/" + op + "-" + r.run().label() + ".png";
            if (Charts.speedupBars(t, op + ", " + r.run().jdk() + ": speedup over the best pure Java at each size",
                    outDir.resolve(png))) {
                md.line("![" + op + ", " + r.run().jdk() + "](" + png + ")");
                md.line();
            }
        }
    }

    static String rowLabel(String row) {
        return row.equals(Impl.LOOP) ? "LOOP (naive reference)" : row;
    }

    /** A few helpers for a Markdown document built line by line. */
    static final class Markdown {
        private final StringBuilder text = new StringBuilder();

        void line(String s) {
            text.append(s).append('\n');
        }

        void line() {
            text.append('\n');
        }

        void row(String key, String value) {
            line("| " + key + " | " + value.replace("|", "\\|") + " |");
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
