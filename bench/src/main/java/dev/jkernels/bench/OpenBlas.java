// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Native OpenBLAS through JavaCPP ({@code org.bytedeco:openblas}, BLAS-only build {@code openblas_nolapack}),
 * as a Java user adds it from Maven Central.
 *
 * <p>Two things decide what its numbers mean. Threads: OpenBLAS keeps one process-wide thread count, so
 * each benchmark sets it explicitly (1 or N) in its trial setup and checks it took; one fork runs one
 * configuration, so nothing else changes it. Memory: JavaCPP's {@code double[]} overloads go through JNI's
 * {@code Get/ReleaseDoubleArrayElements}, which copy the whole array in and out on every call on HotSpot, so
 * the benchmarks hand OpenBLAS off-heap {@link DoublePointer} copies made once per trial: the fastest way to
 * use it, and the way its users who care about speed do. A caller holding heap arrays would pay a copy per
 * call on top, which is not timed here.
 */
public final class OpenBlas {
    private OpenBlas() {}

    /** Sets OpenBLAS's thread count for this process, and fails if it did not take. */
    public static void useThreads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
        int actual = openblas_nolapack.blas_get_num_threads();
        if (actual != threads) {
            throw new IllegalStateException("OpenBLAS runs " + actual + " threads, asked for " + threads);
        }
    }

    /** An off-heap copy of {@code values}; the caller deallocates it (KernelBench does at tear-down). */
    public static DoublePointer copyOf(double[] values) {
        DoublePointer p = new DoublePointer(values.length);
        p.put(values);
        return p;
    }

    /** The off-heap values, copied back to a new heap array, to check them. */
    public static double[] toArray(DoublePointer p, int length) {
        double[] out = new double[length];
        p.position(0).get(out);
        return out;
    }

    /** Copies the heap array into the off-heap one (re-syncing after a check). */
    public static void copyInto(double[] values, DoublePointer p) {
        p.position(0).put(values);
    }
}
