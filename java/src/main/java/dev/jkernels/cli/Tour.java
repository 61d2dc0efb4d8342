// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.cli;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import dev.jkernels.NativeStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * The README's first command: runs the seed examples on every backend and thread count, with times and
 * speedups. {@code java -jar jkernels.jar [runs]}. A quick look, not a benchmark: the JMH harness is the
 * place for numbers worth quoting.
 */
public final class Tour {
    private static final long[] SEED_FIB = {38, 37, 36, 35, 34, 33};
    private static final long[] EXPECTED_FIB = {39088169, 24157817, 14930352, 9227465, 5702887, 3524578};

    /** Enough for the JIT to finish compiling the Java twin, whose compiler threads would otherwise share the cores. */
    private static final int WARMUP_RUNS = 5;

    private Tour() {}

    /** One backend at one thread count. */
    private record Config(Backend backend, int threads) {
        String label() {
            return backend + " x" + threads;
        }
    }

    private record Timing(Config config, double medianMillis, long[] result) {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        NativeStatus status = KernelPool.nativeStatus();
        int cpus = KernelPool.availableCpus();
        System.out.printf(Locale.ROOT, "jkernels tour | JDK %s (%s) | %d CPUs available%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), cpus);
        System.out.println(status);
        if (status.loaded()) {
            try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(1).build()) {
                System.out.println("native pools run the " + pool.isa().orElseThrow().settingName()
                        + " path (force a lower one with -Djkernels.isa=ref|avx2)");
            }
        }

        List<Config> configs = configs(status.loaded(), cpus);
        System.out.println();
        System.out.println("map(LongKernels.FIB, " + Arrays.toString(SEED_FIB) + "), median of " + runs + " runs:");
        List<Timing> timings = time(configs, runs);
        boolean allCorrect = true;
        for (Timing t : timings) {
            Config config = t.config();
            boolean correct = Arrays.equals(t.result(), EXPECTED_FIB);
            allCorrect &= correct;
            System.out.printf(Locale.ROOT, "  %-10s %9.1f ms  %s%s%n", config.label(), t.medianMillis(),
                    Arrays.toString(t.result()), correct ? "" : "  WRONG, expected " + Arrays.toString(EXPECTED_FIB));
        }
        printSpeedups(timings, cpus);

        System.out.println();
        long[] squares = LongStream.range(0, 10).toArray();
        for (Config config : configs) {
            try (KernelPool pool = open(config)) {
                System.out.printf(Locale.ROOT, "map(LongKernels.SQUARE, 0..9) on %-10s %s%n", config.label(),
                        Arrays.toString(pool.map(LongKernels.SQUARE, squares)));
            }
        }
        if (!allCorrect) {
            System.exit(1);
        }
    }

    private static List<Config> configs(boolean nativeLoaded, int cpus) {
        List<Config> configs = new ArrayList<>();
        for (Backend backend : nativeLoaded ? List.of(Backend.NATIVE, Backend.JAVA) : List.of(Backend.JAVA)) {
            configs.add(new Config(backend, 1));
            if (cpus > 1) {
                configs.add(new Config(backend, cpus));
            }
        }
        return configs;
    }

    private static KernelPool open(Config config) {
        return KernelPool.builder().backend(config.backend()).threads(config.threads()).build();
    }

    /**
     * Times each configuration in turn: warm-up runs first (JIT compilation of the Java twin would
     * otherwise share the cores), then {@code runs} timed runs. A short pause between configurations lets
     * the previous pool's workers go idle before the next one is timed.
     */
    private static List<Timing> time(List<Config> configs, int runs) {
        List<Timing> timings = new ArrayList<>();
        for (Config config : configs) {
            try (KernelPool pool = open(config)) {
                long[] result = null;
                double[] millis = new double[runs];
                for (int run = -WARMUP_RUNS; run < runs; run++) {
                    long start = System.nanoTime();
                    result = pool.map(LongKernels.FIB, SEED_FIB);
                    if (run >= 0) {
                        millis[run] = (System.nanoTime() - start) / 1e6;
                    }
                }
                timings.add(new Timing(config, median(millis), result));
            }
            pause();
        }
        return timings;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void printSpeedups(List<Timing> timings, int cpus) {
        System.out.println();
        double javaSequential = find(timings, Backend.JAVA, 1);
        for (Timing t : timings) {
            System.out.printf(Locale.ROOT, "  %-10s %5.2fx vs JAVA x1%n", t.config().label(),
                    javaSequential / t.medianMillis());
        }
        double native1 = find(timings, Backend.NATIVE, 1), nativeN = find(timings, Backend.NATIVE, cpus);
        double javaN = find(timings, Backend.JAVA, cpus);
        if (cpus > 1 && !Double.isNaN(nativeN)) {
            System.out.printf(Locale.ROOT, "  NATIVE x%d vs NATIVE x1: %.2fx (ideal %d.00x)%n", cpus, native1 / nativeN, cpus);
            System.out.printf(Locale.ROOT, "  NATIVE x%d vs JAVA x%d:   %.2fx%n", cpus, cpus, javaN / nativeN);
        }
    }

    private static double find(List<Timing> timings, Backend backend, int threads) {
        return timings.stream().filter(t -> t.config().equals(new Config(backend, threads)))
                .mapToDouble(Timing::medianMillis).findFirst().orElse(Double.NaN);
    }
}
