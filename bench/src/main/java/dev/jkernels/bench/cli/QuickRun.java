// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.KernelPool;
import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.ForkFlags;
import dev.jkernels.bench.Impl;
import dev.jkernels.bench.report.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code quick [--only REGEX] [--smoke]}: every kernel (or those whose op name REGEX finds) at two sizes, the implementations that answer "is native worth it
 * here?", one fork, 2 x 100 ms warm-up and 3 x 100 ms measurement; prints one table: NATIVE_N against the best
 * pure Java and the best peer measured. A look with low confidence: one fork shows no run-to-run spread, and
 * differences under about 20% are within what separate runs on a shared 2-core machine differ by. The full
 * suite is what to quote. {@code --smoke}: one size, one 10 ms iteration, only to prove the path works.
 */
final class QuickRun {
    /** What a user has without jkernels, and NATIVE_N; jkernels' own Java twin (JAVA_N) is full's business. */
    private static final List<String> IMPLS = List.of(Impl.LOOP, Impl.UNROLLED, Impl.VECTOR_API, Impl.JDK_PARALLEL,
            Impl.NATIVE_N, Impl.NETLIB, Impl.OPENBLAS_N);

    private QuickRun() {}

    static void main(String[] args) throws IOException, RunnerException {
        boolean smoke = false;
        Pattern only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--only" -> only = Pattern.compile(FullRun.value(args, ++i, "--only"));
                default -> throw new IllegalArgumentException(
                        "quick: unknown argument '" + args[i] + "'; usage: quick [--only REGEX] [--smoke]");
            }
        }
        List<Catalog.Kernel> chosen = chosen(only);
        Map<String, String> env = EnvProbe.inFork();
        String netlib = env.get("netlib.blas");
        List<Plan.Section> sections = sections(chosen, smoke);
        double seconds = sections.stream().mapToDouble(Plan.Section::estimateSeconds).sum();
        int points = sections.stream().mapToInt(Plan.Section::points).sum();
        System.out.printf(Locale.ROOT, "jkernels bench quick%s: %d points, about %.0f s | JDK %s | %s | ISA %s | N = %d%n",
                smoke ? " (smoke)" : "", points, seconds, env.get("jdk.version"), env.getOrDefault("cpu.model", "?"),
                env.get("native.isa"), KernelPool.availableCpus());

        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-10s %9s %10s  %10s %-12s %7s  %10s %-11s %7s",
                "kernel", "size", "NATIVE_N", "best Java", "(which)", "speedup", "best peer", "(which)", "speedup"));
        Catalog.Kernel[] kernels = chosen.toArray(Catalog.Kernel[]::new);
        for (int i = 0; i < sections.size(); i++) {
            Plan.Section section = sections.get(i);
            Catalog.Kernel k = kernels[i];
            System.out.println("  measuring " + k.op() + " ...");
            Path log = Files.createTempFile("jkernels-bench-quick-" + k.op() + "-", ".log");
            List<JmhRun.Point> measured;
            try {
                measured = JmhRun.points(JmhRun.run(section, ForkFlags.ALL, log.toString()), k.info().sizeParam());
            } catch (RunnerException e) {
                throw new IllegalStateException(k.op() + ": a benchmark failed; JMH's log: " + log, e);
            }
            Files.deleteIfExists(log);
            for (String size : section.params().get(k.info().sizeParam())) {
                rows.add(row(k.op(), Long.parseLong(size), measured, netlib));
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Median time per call, 1 fork (low confidence: differences under ~20% are noise here).");
        System.out.println("best Java = fastest pure-Java row (LOOP, UNROLLED, VECTOR_API, JDK_PARALLEL, netlib: "
                + netlib + ");");
        System.out.println("best peer = fastest peer library (netlib, OpenBLAS x N). speedup = other / NATIVE_N (> 1: native wins).");
        System.out.println("fib's size is n (a batch n..n-5); mandelbrot's the image side. Quote `full`, not this.");
    }

    /** The kernels whose op name {@code only} finds (all when null); none is an error naming the choices. */
    static List<Catalog.Kernel> chosen(Pattern only) {
        List<Catalog.Kernel> all = Catalog.kernels();
        List<Catalog.Kernel> chosen = only == null ? all : all.stream().filter(k -> only.matcher(k.op()).find()).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("quick: --only " + only + " matches no kernel; the kernels: "
                    + all.stream().map(Catalog.Kernel::op).toList());
        }
        return chosen;
    }

    /** One section per kernel: the quick implementations it has, at its two quick sizes (smoke: the first). */
    static List<Plan.Section> sections(List<Catalog.Kernel> kernels, boolean smoke) {
        Plan.Settings settings = smoke ? Plan.Settings.SMOKE : Plan.Settings.QUICK;
        List<Plan.Section> sections = new ArrayList<>();
        for (Catalog.Kernel k : kernels) {
            List<String> impls = IMPLS.stream().filter(k.impls()::contains).toList();
            List<String> sizes = List.of(k.info().quickSizes());
            sections.add(new Plan.Section("quick:" + k.op(), k.benchClass(),
                    Plan.params("impl", impls, k.info().sizeParam(), smoke ? sizes.subList(0, 1) : sizes), settings,
                    Plan.longestCall(k.op())));
        }
        return sections;
    }

    private static String row(String op, long size, List<JmhRun.Point> measured, String netlib) {
        JmhRun.Point bestJava = null;
        JmhRun.Point bestPeer = null;
        for (JmhRun.Point p : measured) {
            if (p.size() != size) {
                continue;
            }
            if (Impl.isPureJava(p.impl(), netlib) && (bestJava == null || p.median() < bestJava.median())) {
                bestJava = p;
            }
            if (Impl.PEERS.contains(p.impl()) && (bestPeer == null || p.median() < bestPeer.median())) {
                bestPeer = p;
            }
        }
        double nativeN = JmhRun.median(measured, Impl.NATIVE_N, size);
        return String.format(Locale.ROOT, "%-10s %9s %10s  %10s %-12s %7s  %10s %-11s %7s", op, Units.count(size),
                Units.time(nativeN), bestJava == null ? "-" : Units.time(bestJava.median()),
                bestJava == null ? "" : bestJava.impl(), bestJava == null ? "" : ratio(bestJava.median() / nativeN),
                bestPeer == null ? "-" : Units.time(bestPeer.median()), bestPeer == null ? "" : bestPeer.impl(),
                bestPeer == null ? "" : ratio(bestPeer.median() / nativeN));
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }
}
