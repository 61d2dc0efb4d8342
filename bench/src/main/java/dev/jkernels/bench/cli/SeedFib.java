// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code seedfib [RUNS]}: the seed's {@code map(fib, [38, 37, 36, 35, 34, 33])} on a NATIVE pool of every
 * usable CPU, timed end to end like the seed's Python ({@code scripts/seed_compare.py} runs both). Prints
 * a human line and a machine-readable {@code SEEDFIB ...} line with the median in milliseconds.
 */
final class SeedFib {
    private static final long[] SEED = {38, 37, 36, 35, 34, 33};
    private static final long[] EXPECTED = {39088169, 24157817, 14930352, 9227465, 5702887, 3524578};
    /** Load and first-touch costs are not the kernel's; the pool is reused, as the seed's would be. */
    private static final int WARMUP_RUNS = 3;

    private SeedFib() {}

    static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(KernelPool.availableCpus()).build()) {
            for (int i = 0; i < WARMUP_RUNS; i++) {
                check(pool.map(LongKernels.FIB, SEED));
            }
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long[] result = pool.map(LongKernels.FIB, SEED);
                millis[i] = (System.nanoTime() - start) / 1e6;
                check(result);
            }
            Arrays.sort(millis);
            double median = runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
            String isa = pool.isa().map(isaPath -> isaPath.settingName()).orElse("none");
            System.out.printf(Locale.ROOT, "jkernels NATIVE x%d (%s), map(FIB, %s): median %.2f ms of %d runs (min %.2f, max %.2f)%n",
                    pool.threads(), isa, Arrays.toString(SEED), median, runs, millis[0], millis[runs - 1]);
            System.out.printf(Locale.ROOT, "SEEDFIB median_ms=%.3f runs=%d threads=%d backend=NATIVE isa=%s jdk=%s%n",
                    median, runs, pool.threads(), isa, System.getProperty("java.version"));
        }
    }

    private static void check(long[] result) {
        if (!Arrays.equals(result, EXPECTED)) {
            throw new IllegalStateException("wrong fib results: " + Arrays.toString(result));
        }
    }
}
