// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/** A run's environment record as a table: machine, code, JDK, settings, and the machine's limits. */
final class Environment {
    private static final String NOT = "not recorded";

    private Environment() {}

    static void render(Report.Markdown md, Report.RunTables r) {
        JmhResults.Run run = r.run();
        Map<String, String> env = run.env();
        md.line("## Run " + run.label() + ": " + run.jdk() + " (`" + run.path().getFileName() + "`)");
        md.line();
        if (!run.hasEnvironment()) {
            md.line("A plain JMH run: no environment record (`.env.properties`), so no machine, code or limits "
                    + "are known for it. Runs of `full` record them.");
            md.line();
        }
        if ("true".equals(env.get("run.smoke"))) {
            md.line("**SMOKE RUN: one short iteration per point; these numbers prove the harness works and mean nothing.**");
            md.line();
        }
        md.line("| | |");
        md.line("|---|---|");
        md.row("JDK", env.getOrDefault("jdk.version", run.facts().getOrDefault("jdkVersion", "?")) + ", "
                + env.getOrDefault("jdk.vendor", "?") + ", " + env.getOrDefault("jdk.vm", run.facts().getOrDefault("vmName", "?")));
        md.row("fork JVM flags", "`" + env.getOrDefault("run.fork.flags", run.facts().getOrDefault("jvmArgs", NOT)) + "`");
        md.row("CPU", env.getOrDefault("cpu.model", NOT) + " (" + env.getOrDefault("cpu.vendor", "?") + ", family "
                + env.getOrDefault("cpu.family", "?") + ", model " + env.getOrDefault("cpu.model.number", "?") + ", stepping "
                + env.getOrDefault("cpu.stepping", "?") + "); flags: " + env.getOrDefault("cpu.flags", "?"));
        md.row("cores", env.getOrDefault("cpu.online", "?") + " online, N = " + env.getOrDefault("cpu.available", "?")
                + " usable by the process (every N-thread row uses N)");
        md.row("L3", l3(env));
        md.row("frequency", env.getOrDefault("cpu.mhz", "?") + " MHz (" + env.getOrDefault("cpu.mhz.source", NOT) + ")");
        OptionalDouble peak1 = r.limits().peakGflops(1);
        OptionalDouble peakN = r.limits().peakGflops(Math.max(1, r.limits().cpus()));
        md.row("peak FLOP/s model", (peak1.isPresent() ? Units.sig3(peak1.getAsDouble()) + " GFLOP/s ×1, "
                + Units.sig3(peakN.getAsDouble()) + " GFLOP/s ×N: " : "") + env.getOrDefault("cpu.peak.derivation", NOT));
        md.row("jkernels native", "ISA path " + env.getOrDefault("native.isa", NOT) + "; " + env.getOrDefault("native.status", NOT));
        md.row("AUTO thresholds", env.getOrDefault("auto.thresholds", NOT)
                + (env.containsKey("auto.thresholds.measured") ? "; calibrated " + env.get("auto.thresholds.measured") : "")
                + (env.containsKey("auto.thresholds.sha256") ? "; SHA-256 " + env.get("auto.thresholds.sha256").substring(0, 16) + "…" : ""));
        md.row("AUTO as a fork sees it", "`" + env.getOrDefault("auto.policy", NOT) + "` (the library's own account, "
                + "from a probe JVM with the forks' flags)");
        md.row("Vector API species", env.getOrDefault("vector.species", NOT));
        md.row("netlib BLAS picked", env.getOrDefault("netlib.blas", NOT));
        md.row("OpenBLAS", env.getOrDefault("version.openblas", "?") + " (JavaCPP " + env.getOrDefault("version.javacpp", "?")
                + "), core " + env.getOrDefault("openblas.core", NOT) + ", " + env.getOrDefault("openblas.status", NOT)
                + "; every OPENBLAS row sets its thread count (1 or N) and checks it took");
        md.row("code", "git " + env.getOrDefault("git.sha", NOT) + (env.containsKey("git.dirty") ? ", dirty: "
                + env.get("git.dirty") : "") + (env.containsKey("git.changes") ? " (" + env.get("git.changes") + ")" : ""));
        md.row("versions", "jkernels " + env.getOrDefault("version.jkernels", "?") + ", JMH "
                + env.getOrDefault("version.jmh-core", run.facts().getOrDefault("jmhVersion", "?")) + ", netlib "
                + env.getOrDefault("version.blas", "?") + ", EJML " + env.getOrDefault("version.ejml", "?") + ", ojAlgo "
                + env.getOrDefault("version.ojalgo", "?"));
        md.row("date", env.getOrDefault("run.date", NOT) + (env.containsKey("run.took_minutes")
                ? ", took " + env.get("run.took_minutes") + " min (plan's estimate " + env.getOrDefault("run.plan.estimate_minutes", "?") + " min)" : ""));
        md.row("command", "`" + env.getOrDefault("run.command", NOT) + "`");
        TreeSet<String> settings = new TreeSet<>();
        run.points().forEach(p -> settings.add(p.simpleClassName().replace("Bench", "") + ": " + p.settings()));
        md.row("JMH settings as run", String.join("; ", compress(settings)));
        env.forEach((k, v) -> {
            if (k.startsWith("run.skipped.")) {
                md.row("skipped " + k.substring("run.skipped.".length()), v);
            }
        });
        long warming = run.points().stream().filter(p -> p.warmingForks() > 0).count();
        long spread = run.points().stream().filter(p -> p.summary().forks() > 1 && p.summary().relativeSpread() > 0.2).count();
        md.row("steady state", run.points().size() + " points; " + warming + " with a fork still getting faster (†); "
                + spread + " whose forks differ by more than 20%");
        md.line();
        stream(md, env, r.limits());
    }

    /** One line per distinct settings text, classes grouped. */
    private static List<String> compress(TreeSet<String> perClass) {
        Map<String, TreeSet<String>> bySettings = new java.util.TreeMap<>();
        for (String s : perClass) {
            int colon = s.indexOf(": ");
            bySettings.computeIfAbsent(s.substring(colon + 2), k -> new TreeSet<>()).add(s.substring(0, colon));
        }
        return bySettings.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + e.getKey()).toList();
    }

    private static String l3(Map<String, String> env) {
        long bytes = Long.parseLong(env.getOrDefault("cpu.l3.bytes", "0"));
        if (bytes == 0) {
            return NOT;
        }
        return Units.count(Long.parseLong(env.getOrDefault("cpu.l3.instance.bytes", "0"))) + "B × "
                + env.getOrDefault("cpu.l3.instances", "?") + " = " + Units.count(bytes) + "B (sysfs)";
    }

    private static void stream(Report.Markdown md, Map<String, String> env, Limits limits) {
        if (!env.containsKey("stream.elements")) {
            md.line("No STREAM measurement in this run: no bandwidth limits are quoted.");
            md.line();
            return;
        }
        int n = Math.max(1, limits.cpus());
        List<Integer> threads = n > 1 ? List.of(1, n) : List.of(1);
        md.line("The machine's memory bandwidth, `jkernels-stream` (bench/src/main/c/stream.c, STREAM's rules): "
                + "arrays of " + Units.count(Long.parseLong(env.get("stream.elements"))) + " doubles ("
                + Units.count(Long.parseLong(env.get("stream.bytes_per_array"))) + "B each), best of the repetitions per run, "
                + "median [min–max] over runs; " + env.getOrDefault("stream.command", "") + "; ISA "
                + env.getOrDefault("stream.isa", "?") + ". Bytes are counted as STREAM counts them (what the loop reads "
                + "and writes): `copy`, `scale`, `add`, `triad` write to an array they do not read, which costs an "
                + "uncounted write-allocate read; `sum` (read-only), `update` (x = q·x in place) and `axpy` "
                + "(y = y + q·x in place) are additions to STREAM's four, the limits of kernels that move those "
                + "kinds of traffic. 4 KiB pages are what a JVM heap has by default; 2 MiB pages (transparent huge "
                + "pages, " + env.getOrDefault("stream.2m.huge_percent", "?") + "% of the arrays obtained) what it "
                + "gets with `-XX:+UseTransparentHugePages`. The limit each kernel is measured against is the best "
                + "run of either page size (the max of the column in bold): a limit is what the machine can reach. "
                + "Runs that differ widely at N threads are the machine changing under the runs (on a VM, whether "
                + "the host puts the vCPUs on cores that share a memory path), not noise to average away."
                + (env.containsKey("stream.measured") ? " Measured " + env.get("stream.measured") + "." : ""));
        md.line();
        StringBuilder header = new StringBuilder("| GB/s |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int t : threads) {
            for (String pages : List.of("4k", "2m")) {
                header.append(' ').append(t).append(t == 1 ? " thread, " : " threads, ")
                        .append(pages.equals("4k") ? "4 KiB" : "2 MiB").append(" pages |");
                rule.append("---:|");
            }
        }
        md.line(header.toString());
        md.line(rule.toString());
        for (String test : List.of("copy", "scale", "add", "triad", "sum", "update", "axpy")) {
            StringBuilder line = new StringBuilder("| ").append(test).append(" |");
            for (int t : threads) {
                String key = "stream." + test + ".t" + t;
                for (String pages : List.of("4k", "2m")) {
                    String cell = key + "." + pages;
                    String median = env.getOrDefault(cell + ".gbs", "-");
                    boolean limit = pages.equals(env.get(key + ".pages"));
                    line.append(' ').append(limit ? "**" + median + "**" : median).append(" [")
                            .append(env.getOrDefault(cell + ".min", "?")).append("–")
                            .append(env.getOrDefault(cell + ".max", "?")).append("] |");
                }
            }
            md.line(line.toString());
        }
        md.line();
    }
}
