package dev.jkernels.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report FILE.json... [--out DIR]}: turns JMH JSON results (one file per JDK, typically) into
 * {@code REPORT.md} and {@code charts/<kernel>-<file>.png} in DIR, by default the first file's folder.
 * Each file's {@code .env.properties}, written by {@code full}, supplies the environment header.
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        // Set before any AWT class loads: charts are drawn off-screen, with no display needed.
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("usage: report FILE.json... [--out DIR]");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("report: no such file: " + file.toAbsolutePath());
            }
        }
        if (outDir == null) {
            outDir = files.get(0).toAbsolutePath().getParent();
        }
        Files.createDirectories(outDir.resolve("charts"));
        List<JmhResults.Run> runs = new ArrayList<>();
        for (Path file : files) {
            runs.add(JmhResults.read(file));
        }
        String command = "java -jar jkernels-bench.jar report " + String.join(" ", args);
        Path report = outDir.resolve("REPORT.md");
        Files.writeString(report, render(runs, outDir, command), StandardCharsets.UTF_8);
        System.out.println("report: " + report.toAbsolutePath());
    }

    static String render(List<JmhResults.Run> runs, Path outDir, String command) throws IOException {
        Markdown md = new Markdown();
        md.line("# jkernels benchmark report");
        md.line();
        md.line("Generated " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " by `" + command + "`.");
        md.line();
        md.line("Each cell: average time per call, `score ± error` (JMH's 99.9% confidence half-width), then the "
                + "speedup against **LOOP**, the plain sequential Java loop (higher is faster; LOOP itself is 1.00×). "
                + "JAVA/NATIVE/AUTO are jkernels backends at 1 or N threads; JDK_PARALLEL is parallel streams or "
                + "`Arrays.parallelSetAll`; NETLIB, EJML and OJALGO are peer libraries. Each benchmark's Javadoc "
                + "says exactly what it runs.");
        md.line();
        for (JmhResults.Run run : runs) {
            environment(md, run);
        }
        Map<String, List<Map.Entry<JmhResults.Run, KernelTable>>> byKernel = new LinkedHashMap<>();
        for (JmhResults.Run run : runs) {
            for (KernelTable table : KernelTable.of(run)) {
                byKernel.computeIfAbsent(table.name, k -> new ArrayList<>()).add(Map.entry(run, table));
            }
        }
        autoSection(md, byKernel);
        for (var kernel : byKernel.entrySet()) {
            md.line("## " + kernel.getKey());
            md.line();
            for (var entry : kernel.getValue()) {
                JmhResults.Run run = entry.getKey();
                KernelTable table = entry.getValue();
                md.line("### " + kernel.getKey() + " — " + run.label() + " (JDK " + run.facts().getOrDefault("jdkVersion", "?") + ")");
                md.line();
                table(md, table);
                String png = "charts/" + kernel.getKey() + "-" + run.label() + ".png";
                if (Charts.speedupChart(table, run.label() + ", JDK " + run.facts().getOrDefault("jdkVersion", "?"),
                        outDir.resolve(png))) {
                    md.line("![" + kernel.getKey() + ", " + run.label() + "](" + png + ")");
                    md.line();
                }
            }
        }
        return md.toString();
    }

    /** The jkernels configurations AUTO chooses among (it runs on N threads). */
    private static final List<String> BACKENDS = List.of("JAVA_1", "JAVA_N", "NATIVE_1", "NATIVE_N");

    /**
     * Does AUTO earn its name? Per kernel and run: at each size, AUTO_N's time over the best of the four
     * fixed configurations' (1.00 = as fast as the best; above 1, slower by that factor), and the worst.
     */
    private static void autoSection(Markdown md, Map<String, List<Map.Entry<JmhResults.Run, KernelTable>>> byKernel) {
        md.line("## AUTO against the best fixed backend");
        md.line();
        md.line("AUTO_N's time divided by the best of JAVA_1, JAVA_N, NATIVE_1 and NATIVE_N at the same size (1.00: as "
                + "fast as the best; 1.50: 50% slower). Each point is a separate fork, so ratios near 1 carry the "
                + "run-to-run noise of the machine, often ±10-20% on this shared 2-vCPU VM.");
        md.line();
        for (var kernel : byKernel.entrySet()) {
            for (var entry : kernel.getValue()) {
                KernelTable t = entry.getValue();
                if (!t.rows.contains("AUTO_N")) {
                    continue;
                }
                StringBuilder line = new StringBuilder("- **" + kernel.getKey() + "** (" + entry.getKey().label() + "): ");
                double worst = 0;
                long worstSize = 0;
                for (long size : t.sizes) {
                    JmhResults.Measurement auto = t.cell("AUTO_N", size);
                    double best = BACKENDS.stream().map(b -> t.cell(b, size)).filter(m -> m != null)
                            .mapToDouble(JmhResults.Measurement::score).min().orElse(Double.NaN);
                    if (auto == null || Double.isNaN(best)) {
                        continue;
                    }
                    double ratio = auto.score() / best;
                    line.append(String.format(java.util.Locale.ROOT, "%s %.2f, ", Units.count(t.work(size)), ratio));
                    if (ratio > worst) {
                        worst = ratio;
                        worstSize = size;
                    }
                }
                line.append(String.format(java.util.Locale.ROOT, "worst %.2f at %s %s", worst,
                        Units.count(t.work(worstSize)), t.sizeLabel));
                md.line(line.toString());
            }
        }
        md.line();
    }

    private static void environment(Markdown md, JmhResults.Run run) {
        Map<String, String> env = run.env();
        Map<String, String> facts = run.facts();
        md.line("## Run " + run.label() + " (`" + run.path().getFileName() + "`)");
        md.line();
        md.line("| | |");
        md.line("|---|---|");
        md.row("JDK", facts.getOrDefault("jdkVersion", "?") + ", " + env.getOrDefault("jdk.vendor", "?") + ", "
                + facts.getOrDefault("vmName", "?") + " " + facts.getOrDefault("vmVersion", ""));
        md.row("CPU", env.getOrDefault("cpu.model", "not recorded (results not written by `full`)"));
        md.row("threads (N)", env.getOrDefault("cpu.available", "not recorded"));
        md.row("native ISA path", env.getOrDefault("native.isa", "not recorded"));
        md.row("native library", env.getOrDefault("native.status", "not recorded"));
        md.row("netlib BLAS picked", env.getOrDefault("netlib.blas", "not recorded"));
        md.row("versions", "jkernels " + env.getOrDefault("version.jkernels", "?") + ", JMH " + facts.getOrDefault("jmhVersion", "?")
                + ", netlib " + env.getOrDefault("version.blas", "?") + ", EJML " + env.getOrDefault("version.ejml", "?")
                + ", ojAlgo " + env.getOrDefault("version.ojalgo", "?"));
        md.row("date", env.getOrDefault("run.date", "not recorded"));
        md.row("command", "`" + env.getOrDefault("run.command", "not recorded") + "`");
        md.row("JMH settings", facts.getOrDefault("forks", "?") + " fork(s), " + facts.getOrDefault("warmupIterations", "?")
                + " × " + facts.getOrDefault("warmupTime", "?") + " warm-up, " + facts.getOrDefault("measurementIterations", "?")
                + " × " + facts.getOrDefault("measurementTime", "?") + " measurement; JVM args: `"
                + facts.getOrDefault("jvmArgs", "") + "`");
        md.line();
    }

    private static void table(Markdown md, KernelTable t) {
        StringBuilder header = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (long size : t.sizes) {
            header.append(' ').append(columnTitle(t, size)).append(" |");
            rule.append("---:|");
        }
        md.line(header.toString());
        md.line(rule.toString());
        for (String row : t.rows) {
            StringBuilder line = new StringBuilder("| ").append(row).append(" |");
            for (long size : t.sizes) {
                line.append(' ').append(cell(t, row, size)).append(" |");
            }
            md.line(line.toString());
        }
        md.line();
        if (t.sizes.stream().anyMatch(size -> size != KernelTable.NO_SIZE && t.work(size) != size)) {
            md.line("Columns: " + t.sizeParam + "; in brackets, " + t.sizeLabel + ".");
            md.line();
        }
    }

    private static String columnTitle(KernelTable t, long size) {
        if (size == KernelTable.NO_SIZE) {
            return "score";
        }
        if (t.work(size) != size) {
            return t.sizeParam + " = " + size + " (" + Units.compact(t.work(size)) + ")";
        }
        return Units.count(size);
    }

    private static String cell(KernelTable t, String row, long size) {
        JmhResults.Measurement m = t.cell(row, size);
        if (m == null) {
            return "";
        }
        double nanos = Units.toNanos(m.score(), m.unit());
        String score = Double.isNaN(nanos)
                ? Units.sig3(m.score()) + (Double.isNaN(m.error()) ? "" : " ± " + Units.sig3(m.error())) + " " + m.unit()
                : Units.time(nanos, Units.toNanos(m.error(), m.unit()));
        double speedup = t.speedup(row, size);
        return Double.isNaN(speedup) ? score : score + " · " + Units.sig3(speedup) + "×";
    }

    /** A few helpers for a Markdown document built line by line. */
    private static final class Markdown {
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
