// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link OutOfMemoryTest}: builds a pool, fills an array, then caps its own address space
 * (prlimit on its own pid) a little above what it uses now, so the native copy a large sort needs cannot be
 * allocated. Prints {@code key=value} lines: what the sort threw, and whether the pool still works afterwards.
 * Argument: the number of doubles to sort.
 */
public final class OutOfMemoryProbe {
    private OutOfMemoryProbe() {}

    /** Address space left above the current size once capped: less than the sort's copy of its array. */
    static final long HEADROOM_BYTES = 48L << 20;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double[] small = new SplittableRandom(1).doubles(10_000).toArray();
        double[] big = new SplittableRandom(2).doubles(n).toArray();
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(2).build()) {
            double[] warm = small.clone();
            pool.sorting().sort(warm); // loads and touches everything the small calls below need
            double sum = pool.vectors().sum(small);
            long limit = addressSpaceBytes() + HEADROOM_BYTES;
            Process cap = new ProcessBuilder("prlimit", "--pid", String.valueOf(ProcessHandle.current().pid()),
                    "--as=" + limit).inheritIO().start();
            System.out.println("capped=" + (cap.waitFor() == 0) + " at " + limit);
            try {
                pool.sorting().sort(big);
                System.out.println("oom=none");
            } catch (OutOfMemoryError e) {
                System.out.println("oom=" + e.getMessage());
            }
            double[] again = small.clone();
            pool.sorting().sort(again);
            double[] expected = small.clone();
            Arrays.sort(expected);
            System.out.println("afterSort=" + Arrays.equals(expected, again));
            System.out.println("afterSum=" + (pool.vectors().sum(small) == sum));
        }
    }

    static long addressSpaceBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmSize in /proc/self/status");
    }
}
