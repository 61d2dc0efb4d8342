// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.List;

/**
 * The implementations a benchmark's {@code impl} parameter can select. Each benchmark class lists the ones
 * that make sense for its kernel; the names head the rows of the report and the columns of {@code quick}.
 * Constants rather than an enum so that {@code @Param} lists can name them. What each one is, and what it
 * counts as in the report (pure Java, jkernels, peer library), is said here once.
 */
public final class Impl {
    /**
     * A plain sequential Java loop written the obvious way. A reference row, never the baseline of a
     * speedup: {@code s += x[i]} waits for every add, so for reductions it measures add latency.
     */
    public static final String LOOP = "LOOP";
    /** The same loop with eight independent accumulators, so adds overlap: the best plain scalar Java. */
    public static final String UNROLLED = "UNROLLED";
    /** The JDK's Vector API (incubating), preferred species, four accumulators ({@code VectorApiLoops}). */
    public static final String VECTOR_API = "VECTOR_API";
    /**
     * The JDK's own parallelism set up reasonably: parallel streams over blocks of the array, each block
     * run by the plain (or unrolled) loop, on the common pool plus the calling thread.
     */
    public static final String JDK_PARALLEL = "JDK_PARALLEL";

    /**
     * The JDK's {@code RandomGenerator} "L64X128MixRandom" (JDK 17's LXM family) filling an array in a loop: the
     * other sequential peer of the random-number benchmark (LOOP there is {@code SplittableRandom}).
     */
    public static final String L64X128 = "L64X128";

    /** {@code java.util.Arrays.sort} on the calling thread (the sorting benchmark's JDK peer). */
    public static final String ARRAYS_SORT = "ARRAYS_SORT";

    /** jkernels, JAVA backend, 1 thread: the pure-Java twin. */
    public static final String JAVA_1 = "JAVA_1";
    /** jkernels, JAVA backend, {@code KernelPool.availableCpus()} threads. */
    public static final String JAVA_N = "JAVA_N";
    /** jkernels, NATIVE backend, 1 pthread. */
    public static final String NATIVE_1 = "NATIVE_1";
    /** jkernels, NATIVE backend, {@code KernelPool.availableCpus()} pthreads. */
    public static final String NATIVE_N = "NATIVE_N";
    /** jkernels, AUTO backend, {@code KernelPool.availableCpus()} threads: whatever the library picks. */
    public static final String AUTO_N = "AUTO_N";

    /** dev.ludovic.netlib BLAS, whichever implementation {@code BLAS.getInstance()} picks. */
    public static final String NETLIB = "NETLIB";
    /** EJML's dense row-major operations on wrapped arrays. */
    public static final String EJML = "EJML";
    /** ojAlgo's {@code ArrayR064} on wrapped arrays. */
    public static final String OJALGO = "OJALGO";
    /** Native OpenBLAS through JavaCPP, 1 thread ({@code blas_set_num_threads(1)}), on off-heap copies. */
    public static final String OPENBLAS_1 = "OPENBLAS_1";
    /** Native OpenBLAS through JavaCPP, {@code KernelPool.availableCpus()} threads. */
    public static final String OPENBLAS_N = "OPENBLAS_N";
    /**
     * OpenBLAS through JavaCPP on heap arrays, 1 thread: what a Java caller of its {@code double[]} overloads
     * gets (JavaCPP copies each array in and out per call on HotSpot). BLAS benchmarks only.
     */
    public static final String OPENBLAS_HEAP_1 = "OPENBLAS_HEAP_1";
    /** The same at {@code KernelPool.availableCpus()} threads. */
    public static final String OPENBLAS_HEAP_N = "OPENBLAS_HEAP_N";

    /** Every name, in the order reports list them. */
    public static final List<String> ALL = List.of(
            LOOP, UNROLLED, VECTOR_API, L64X128, JDK_PARALLEL, JAVA_1, JAVA_N, NATIVE_1, NATIVE_N, AUTO_N,
            NETLIB, EJML, OJALGO, OPENBLAS_1, OPENBLAS_N, OPENBLAS_HEAP_1, OPENBLAS_HEAP_N);

    /** The libraries other than jkernels; the report's "best peer" is the fastest of these. */
    public static final List<String> PEERS = List.of(NETLIB, EJML, OJALGO, OPENBLAS_1, OPENBLAS_N, OPENBLAS_HEAP_1,
            OPENBLAS_HEAP_N);

    /**
     * Peers whose vector operations are the plain loop (EJML, ojAlgo: within 2% of LOOP in every earlier
     * run, ojAlgo's boxed sum slower): {@code full} runs them at the in-cache size only, where code matters;
     * at memory-bound sizes they would repeat LOOP at 20 s a point. {@code quick} and plain JMH run them anywhere.
     */
    public static final List<String> IN_CACHE_ONLY = List.of(EJML, OJALGO);

    /** The jkernels configurations on native code. */
    public static final List<String> JKERNELS_NATIVE = List.of(NATIVE_1, NATIVE_N, AUTO_N);

    private Impl() {}

    /**
     * True when the implementation runs Java code only: the candidates for "the best pure-Java
     * implementation" every speedup is stated against. jkernels' own Java twin counts (it is the library's
     * fallback, a user can pick it); NETLIB counts unless it picked its JNI implementation (a system BLAS);
     * {@code netlibImplementation} is the class name it reported.
     */
    public static boolean isPureJava(String impl, String netlibImplementation) {
        return switch (impl) {
            case LOOP, UNROLLED, VECTOR_API, L64X128, JDK_PARALLEL, JAVA_1, JAVA_N, EJML, OJALGO -> true;
            case NETLIB -> netlibImplementation == null || !netlibImplementation.contains("JNI");
            default -> false;
        };
    }

    /**
     * The threads an implementation computes on, given {@code n} usable CPUs: the limit it is held against
     * in the report (STREAM at 1 or N threads, peak FLOP/s of 1 or N cores). Names a benchmark made up for
     * itself (Mandelbrot's static schedules, async rows) are listed by their benchmark.
     */
    public static int threadsOf(String impl, int n) {
        return switch (impl) {
            case LOOP, UNROLLED, VECTOR_API, L64X128, JAVA_1, NATIVE_1, NETLIB, EJML, OJALGO, OPENBLAS_1,
                    OPENBLAS_HEAP_1 -> 1;
            default -> n;
        };
    }
}
