package dev.jkernels.bench.cli;

import dev.jkernels.bench.Impl;
import dev.jkernels.bench.report.Units;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code quick [--smoke]}: every kernel at two sizes, a subset of implementations, short settings; prints
 * one compact table. A look, not numbers to quote: the full suite measures longer and reports errors.
 * {@code --smoke} runs one size and one 20 ms iteration per point, only to prove the path works.
 */
final class QuickRun {
    /** NATIVE_1 and AUTO_N are left to the full suite; the rest answer "is native worth it here?". */
    private static final List<String> IMPLS = List.of(
            Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO);

    private QuickRun() {}

    static void main(String[] args) throws IOException {
        boolean smoke = List.of(args).contains("--smoke");
        ShortRun.Settings settings = smoke ? ShortRun.SMOKE : ShortRun.SHORT;
        Map<String, String> env = EnvProbe.inFork();
        String netlib = env.get("netlib.blas");
        List<Catalog.Kernel> kernels = Catalog.kernels();

        int points = 0;
        for (Catalog.Kernel k : kernels) {
            points += implsOf(k).size() * sizesOf(k, smoke).size();
        }
        System.out.printf(Locale.ROOT, "jkernels bench quick%s: %d points, about %.0f s | JDK %s | %s | ISA %s | %s CPUs%n",
                smoke ? " (smoke)" : "", points, settings.estimateSeconds(points), env.get("jdk.version"),
                env.get("cpu.model"), env.get("native.isa"), env.get("cpu.available"));

        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-8s %10s %12s %12s  %-13s %12s %10s",
                "kernel", "size", "JAVA_1", "best Java", "(which)", "NATIVE_N", "speedup"));
        for (Catalog.Kernel k : kernels) {
            System.out.println("  measuring " + k.op() + " ...");
            List<String> sizes = sizesOf(k, smoke);
            List<ShortRun.Point> measured = ShortRun.run(k, implsOf(k), sizes, settings);
            for (String size : sizes) {
                rows.add(row(k, Long.parseLong(size), measured, netlib));
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Median time per call. best Java = fastest of LOOP, JDK_PARALLEL, JAVA_1, JAVA_N and the");
        System.out.println("pure-Java peers (netlib: " + netlib + "). speedup = best Java / NATIVE_N (> 1: native wins).");
        System.out.println("fib's size is n: a batch n, n-1, ..., n-5 (see FibBench).");
    }

    private static String row(Catalog.Kernel k, long size, List<ShortRun.Point> measured, String netlib) {
        String bestName = "-";
        double best = Double.NaN;
        for (ShortRun.Point p : measured) {
            if (p.size() == size && Impl.isPureJava(p.impl(), netlib)
                    && (Double.isNaN(best) || p.median() < best)) {
                best = p.median();
                bestName = p.impl();
            }
        }
        double java1 = ShortRun.median(measured, Impl.JAVA_1, size);
        double nativeN = ShortRun.median(measured, Impl.NATIVE_N, size);
        return String.format(Locale.ROOT, "%-8s %10d %12s %12s  %-13s %12s %9.2fx",
                k.op(), size, Units.time(java1), Units.time(best), bestName, Units.time(nativeN), best / nativeN);
    }

    private static List<String> implsOf(Catalog.Kernel k) {
        return IMPLS.stream().filter(k.impls()::contains).toList();
    }

    private static List<String> sizesOf(Catalog.Kernel k, boolean smoke) {
        List<String> sizes = List.of(k.info().quickSizes());
        return smoke ? sizes.subList(0, 1) : sizes;
    }
}
