// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sections that are not one kernel's table: the crossing costs (JNI and FFM), async hand-off and cancel
 * latency, cold against back-to-back calls, thread scaling, and the fine size sweep. Generic over the points:
 * rows and columns come from their parameters.
 */
final class OtherSections {
    /** The 1-thread and N-thread kernel rows the thread sweep joins, per swept configuration. */
    static final Map<String, String> ONE_THREAD = Map.of(Impl.NATIVE_N, Impl.NATIVE_1, Impl.JAVA_N, Impl.JAVA_1,
            Impl.OPENBLAS_N, Impl.OPENBLAS_1);

    private OtherSections() {}

    static void render(Report.Markdown md, List<Report.RunTables> runs, Path outDir) throws IOException {
        simple(md, runs, "Crossing into native: JNI and FFM", List.of("CrossingBench", "FfmCrossingBench"),
                "What one call into C costs before any work: `javaCall` is a Java call the JIT may not inline; `jniEmpty` "
                        + "a JNI call that does nothing; `jniPinned` pins a `long[]` and reads one element; `jniDirect` reads "
                        + "a direct buffer; `ffmDowncall` calls libc's `abs(int)` through `java.lang.foreign` (JDK 22+), "
                        + "`ffmCriticalDowncall` the same with `Linker.Option.critical(false)`. Not measured on JDKs "
                        + "before 22 (the run's record says so).");
        simple(md, runs, "Async hand-off", List.of("AsyncBench"),
                "Submit-to-completion of a one-element job; JDK_EXECUTOR is `supplyAsync(.., executor).join()` on a "
                        + "pre-started fixed pool of N threads.");
        simple(md, runs, "Cancel latency", List.of("CancelBench"),
                "`cancel(true)` on a running 400 × fib(30) job until a tiny job submitted after it completes (single shots).");
        cold(md, runs);
        threads(md, runs, outDir);
        sizes(md, runs, outDir);
    }

    private static List<JmhResults.Point> pointsOf(Report.RunTables r, List<String> classes) {
        List<JmhResults.Point> points = new ArrayList<>();
        classes.forEach(c -> points.addAll(r.others().getOrDefault(c, List.of())));
        return points;
    }

    private static void simple(Report.Markdown md, List<Report.RunTables> runs, String title, List<String> classes,
                               String explanation) {
        md.line("## " + title);
        md.line();
        md.line(explanation);
        md.line();
        StringBuilder header = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Report.RunTables r : runs) {
            header.append(' ').append(r.run().jdk()).append(" |");
            rule.append("---:|");
        }
        md.line(header.toString());
        md.line(rule.toString());
        List<String> rows = new ArrayList<>();
        for (Report.RunTables r : runs) {
            for (JmhResults.Point p : pointsOf(r, classes)) {
                String row = rowOf(p);
                if (!rows.contains(row)) {
                    rows.add(row);
                }
            }
        }
        for (String row : rows) {
            StringBuilder line = new StringBuilder("| " + row + " |");
            for (Report.RunTables r : runs) {
                JmhResults.Point p = pointsOf(r, classes).stream().filter(q -> rowOf(q).equals(row)).findFirst().orElse(null);
                line.append(' ').append(p == null ? "not measured" : Report.time(p.nanos()) + (p.warmingForks() > 0 ? " †" : ""))
                        .append(" |");
            }
            md.line(line.toString());
        }
        md.line();
    }

    private static String rowOf(JmhResults.Point p) {
        String impl = p.param("impl");
        String method = p.method();
        if (p.simpleClassName().equals("FfmCrossingBench") && method.equals("jniEmpty")) {
            return "jniEmpty (in the FFM forks)";
        }
        return impl != null ? impl : method;
    }

    private static void cold(Report.Markdown md, List<Report.RunTables> runs) {
        md.line("## Cold calls: idle time between calls");
        md.line();
        md.line("`sum` at 256 Ki elements with the caller idle 1 ms before each call (every pool's threads have gone to "
                + "sleep and must be woken) beside the same calls back to back; cold / warm is what the wake-up costs.");
        md.line();
        for (Report.RunTables r : runs) {
            List<JmhResults.Point> points = r.others().getOrDefault("ColdCallBench", List.of());
            if (points.isEmpty()) {
                continue;
            }
            Grid g = Grid.of(points, p -> p.param("impl"), p -> p.param("idleMicros"), Impl.ALL, List.of("0", "1000"));
            md.line("### cold calls — " + r.run().jdk());
            md.line();
            md.line("| | back to back | after " + (g.columns.size() > 1 ? g.columns.get(1) : "?") + " µs idle | cold / warm |");
            md.line("|---|---:|---:|---:|");
            for (String row : g.rows) {
                JmhResults.Point warm = g.cell(row, "0");
                JmhResults.Point cold = g.columns.size() > 1 ? g.cell(row, g.columns.get(1)) : null;
                md.line("| " + row + " | " + (warm == null ? "" : Report.time(warm.nanos())) + " | "
                        + (cold == null ? "" : Report.time(cold.nanos())) + " | "
                        + (warm == null || cold == null ? "" : Units.times(cold.nanos().median() / warm.nanos().median())) + " |");
            }
            md.line();
        }
    }

    private static void threads(Report.Markdown md, List<Report.RunTables> runs, Path outDir) throws IOException {
        md.line("## Thread scaling");
        md.line();
        md.line("Each kernel at one large size with 1, 2, …, N and 2N threads (2N: oversubscribed). The 1- and N-thread "
                + "points are the kernel tables' X_1 and X_N rows (same code, same settings); the others come from "
                + "`ThreadScalingBench`. In brackets: speedup over 1 thread.");
        md.line();
        for (Report.RunTables r : runs) {
            List<JmhResults.Point> sweep = r.others().getOrDefault("ThreadScalingBench", List.of());
            if (sweep.isEmpty()) {
                continue;
            }
            int n = Math.max(1, r.limits().cpus());
            List<Integer> counts = new ArrayList<>(List.of(1, n));
            sweep.forEach(p -> {
                int t = Integer.parseInt(p.param("threads"));
                if (!counts.contains(t)) {
                    counts.add(t);
                }
            });
            counts.sort(Integer::compare);
            List<Integer> distinct = counts.stream().distinct().toList();
            md.line("### thread scaling — " + r.run().jdk() + " (N = " + n + ")");
            md.line();
            StringBuilder header = new StringBuilder("| kernel | size | impl |");
            StringBuilder rule = new StringBuilder("|---|---|---|");
            distinct.forEach(t -> {
                header.append(' ').append(t).append(t == n ? " (N)" : t == 2 * n ? " (2N)" : "").append(" |");
                rule.append("---:|");
            });
            md.line(header.toString());
            md.line(rule.toString());
            List<Charts.Curve> curves = new ArrayList<>();
            for (String op : Report.kernelOrder(List.of(r))) {
                KernelTable t = r.kernels().get(op);
                for (String impl : List.of(Impl.NATIVE_N, Impl.JAVA_N, Impl.OPENBLAS_N)) {
                    List<JmhResults.Point> mine = sweep.stream().filter(p -> p.param("op").equals(op) && p.param("impl").equals(impl)).toList();
                    if (mine.isEmpty()) {
                        continue;
                    }
                    long size = Long.parseLong(t.info.scalingSize());
                    StringBuilder line = new StringBuilder("| " + op + " | " + Report.sizeTitle(t, size) + " | "
                            + impl.replace("_N", "") + " |");
                    JmhResults.Point one = t.cell(ONE_THREAD.get(impl), size);
                    Charts.Curve curve = new Charts.Curve(op + " " + impl.replace("_N", ""));
                    for (int threads : distinct) {
                        JmhResults.Point p = threads == 1 ? one : threads == n ? t.cell(impl, size)
                                : mine.stream().filter(q -> Integer.parseInt(q.param("threads")) == threads).findFirst().orElse(null);
                        if (p == null) {
                            line.append(" |");
                            continue;
                        }
                        String speedup = one == null ? "" : " (" + Units.times(one.nanos().median() / p.nanos().median()) + ")";
                        line.append(' ').append(Report.time(p.nanos())).append(speedup).append(" |");
                        if (one != null) {
                            curve.add(threads, one.nanos().median() / p.nanos().median(),
                                    one.nanos().median() / p.nanos().max(), one.nanos().median() / p.nanos().min());
                        }
                    }
                    md.line(line.toString());
                    curves.add(curve);
                }
            }
            md.line();
            String png = "charts/threads-" + r.run().label() + ".png";
            if (Charts.lines(curves, "thread scaling, " + r.run().jdk() + " (speedup over 1 thread; bars: fork range)",
                    "threads", "speedup over 1 thread", false, outDir.resolve(png))) {
                md.line("![thread scaling, " + r.run().jdk() + "](" + png + ")");
                md.line();
            }
        }
    }

    private static void sizes(Report.Markdown md, List<Report.RunTables> runs, Path outDir) throws IOException {
        md.line("## Per-call overhead: the size sweep");
        md.line();
        md.line("`sum` at every power of two from 16 to 64 Mi elements per backend (3 forks, 5 × 100 ms warm-up and "
                + "measurement). UNROLLED is plain Java with no call overhead: where a curve leaves it is what a call costs.");
        md.line();
        for (Report.RunTables r : runs) {
            List<JmhResults.Point> points = r.others().getOrDefault("SizeSweepBench", List.of());
            if (points.isEmpty()) {
                continue;
            }
            List<String> sizeOrder = points.stream().map(p -> p.param("size")).distinct()
                    .sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
            Grid g = Grid.of(points, p -> p.param("size"), p -> p.param("impl"), sizeOrder, Impl.ALL);
            md.line("### size sweep — " + r.run().jdk());
            md.line();
            md.line("| elements | " + String.join(" | ", g.columns) + " |");
            md.line("|---:|" + "---:|".repeat(g.columns.size()));
            List<Charts.Curve> curves = new ArrayList<>();
            g.columns.forEach(c -> curves.add(new Charts.Curve(c)));
            for (String row : g.rows) {
                StringBuilder line = new StringBuilder("| " + Units.count(Long.parseLong(row)) + " |");
                for (int i = 0; i < g.columns.size(); i++) {
                    JmhResults.Point p = g.cell(row, g.columns.get(i));
                    line.append(' ').append(p == null ? "" : Report.time(p.nanos()) + (p.warmingForks() > 0 ? " †" : "")).append(" |");
                    if (p != null) {
                        curves.get(i).add(Long.parseLong(row), p.nanos().median(), p.nanos().min(), p.nanos().max());
                    }
                }
                md.line(line.toString());
            }
            md.line();
            String png = "charts/sizes-" + r.run().label() + ".png";
            if (Charts.lines(curves, "sum: time per call by size, " + r.run().jdk() + " (bars: fork range)",
                    "elements (log)", "ns per call (log)", true, outDir.resolve(png))) {
                md.line("![size sweep, " + r.run().jdk() + "](" + png + ")");
                md.line();
            }
        }
    }
}
