// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import dev.jkernels.LongKernels;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code map(LongKernels.FIB, batch)} on a batch shaped like the seed's {@code [38, 37, 36, 35, 34, 33]}:
 * the six items {@code n, n-1, ..., n-5}, uneven as in the seed, so load balancing is part of what is
 * measured.
 *
 * <p>Why these {@code n}: fib's cost is not its element count but the recursive calls it makes, about
 * {@code 2 fib(n)} per item, 1.618 times more per step of {@code n}. The batch makes about 20 calls at
 * n = 5 (pure overhead: crossing JNI, waking threads), 3 thousand at 15, 370 thousand at 25, 11 million
 * at 32, and 190 million at 38, the seed itself, where only the compiled code and the thread count
 * matter. LOOP is the seed's own recursion in Java, the best sequential Java there is for this naive
 * algorithm; JDK_PARALLEL runs it per item with {@code Arrays.parallelSetAll}. No FLOPs: the report gives
 * recursive calls per second.
 */
@OpInfo(op = "fib", sizeParam = "n", sizeLabel = "recursive calls per batch n..n-5",
        fullSizes = {"25", "38"}, scalingSize = "38", quickSizes = {"25", "38"},
        // Steps of 3 multiply the work by 1.618^3 = 4.2, like the factor-4 sweep of the array kernels.
        sweep = {"5", "8", "11", "14", "17", "20", "23", "26", "29", "32"},
        work = FibBench.BatchCalls.class)
public class FibBench extends KernelBench implements Workload {
    private static final int BATCH = 6;

    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    /**
     * The largest item of the batch; at least 5, so the batch is {@code n..n-5}. 25: 370 thousand calls, where
     * splitting has just paid; 38: the seed.
     */
    @Param({"25", "38"})
    public int n;

    private long[] batch;
    private long[] out;
    private Runnable map;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        batch = batch(n);
        out = new long[BATCH];
        map = switch (impl) {
            case Impl.LOOP -> () -> {
                for (int i = 0; i < batch.length; i++) {
                    out[i] = seedFib(batch[i]);
                }
            };
            case Impl.JDK_PARALLEL -> () -> Arrays.parallelSetAll(out, i -> seedFib(batch[i]));
            default -> {
                KernelPool pool = openPool(impl);
                yield () -> pool.map(LongKernels.FIB, batch, out);
            }
        };
        map.run();
        Verify.same(Arrays.stream(batch).map(FibBench::iterativeFib).toArray(), out, impl);
    }

    @Benchmark
    public long[] fib() {
        map.run();
        return out;
    }

    @Override
    public void runOnce(Blackhole bh) {
        map.run();
        bh.consume(out);
    }

    static long[] batch(int n) {
        if (n < BATCH - 1) {
            throw new IllegalArgumentException("n must be at least " + (BATCH - 1) + ", got " + n);
        }
        long[] items = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            items[i] = n - i;
        }
        return items;
    }

    /** The seed's fib, as in its Python: {@code 1 if n <= 2 else fib(n-1) + fib(n-2)}. */
    static long seedFib(long n) {
        return n <= 2 ? 1 : seedFib(n - 1) + seedFib(n - 2);
    }

    /** The same values in a loop, to check results without doing the work twice. */
    static long iterativeFib(long n) {
        long previous = 1;
        long current = 1;
        for (long i = 3; i <= n; i++) {
            long next = previous + current;
            previous = current;
            current = next;
        }
        return current;
    }

    /**
     * Fib's "size" in the thresholds file: the recursive calls a batch makes, summed over its items. The
     * seed's recursion makes {@code 2 fib(m) - 1} calls for an item {@code m}, so the library can compute
     * the same measure from a batch before choosing how to run it.
     */
    public static final class BatchCalls implements LongUnaryOperator {
        @Override
        public long applyAsLong(long n) {
            long calls = 0;
            for (long item : batch(Math.toIntExact(n))) {
                calls += 2 * iterativeFib(item) - 1;
            }
            return calls;
        }
    }
}
