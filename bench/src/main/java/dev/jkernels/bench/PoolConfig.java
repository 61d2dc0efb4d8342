// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import java.util.Arrays;
import java.util.Optional;

/**
 * The jkernels pool configurations benchmarked: a backend and a thread count (1 or every usable CPU), and
 * three AUTO pools pinned to one of AUTO's routes, for {@code calibrate}.
 *
 * <p>Why pinned AUTO pools: AUTO runs a call as the Java twin on the calling thread, the native kernel on the
 * calling thread, or on the native pool, and its thresholds must compare exactly those routes, not the
 * JAVA_1 and NATIVE_1 pools (which may hand work to their one worker). AUTO reads its per-op thresholds from
 * the system properties {@code jkernels.threshold.<op>.native} / {@code .parallel} when a pool is built, so
 * setting them around {@code build()} pins a route without touching library internals:
 * {@code native = parallel = Long.MAX_VALUE}: twin on the caller; {@code native = 0, parallel = MAX}: native on
 * the caller; {@code parallel = 0}: the pool. Whatever AUTO does with such a setting (it runs costly kernels
 * like fib on the pool even when told "inline"), the measurement is of the route it really takes.
 */
public enum PoolConfig {
    JAVA_1(Backend.JAVA, false, -1, -1),
    JAVA_N(Backend.JAVA, true, -1, -1),
    NATIVE_1(Backend.NATIVE, false, -1, -1),
    NATIVE_N(Backend.NATIVE, true, -1, -1),
    AUTO_N(Backend.AUTO, true, -1, -1),
    /** AUTO pinned to the Java twin on the calling thread. */
    AUTO_JAVA_INLINE(Backend.AUTO, true, Long.MAX_VALUE, Long.MAX_VALUE),
    /** AUTO pinned to the native kernel on the calling thread. */
    AUTO_NATIVE_INLINE(Backend.AUTO, true, 0, Long.MAX_VALUE),
    /** AUTO pinned to the native pool of N threads. */
    AUTO_POOL(Backend.AUTO, true, 0, 0);

    private final Backend backend;
    private final boolean allCpus;
    private final long nativeFrom;
    private final long parallelFrom;

    PoolConfig(Backend backend, boolean allCpus, long nativeFrom, long parallelFrom) {
        this.backend = backend;
        this.allCpus = allCpus;
        this.nativeFrom = nativeFrom;
        this.parallelFrom = parallelFrom;
    }

    /** The configuration with this name, if {@code impl} names one. */
    public static Optional<PoolConfig> find(String impl) {
        return Arrays.stream(values()).filter(c -> c.name().equals(impl)).findFirst();
    }

    /** The thread count the name stands for: 1, or every usable CPU. */
    public int defaultThreads() {
        return allCpus ? KernelPool.availableCpus() : 1;
    }

    /** True for the AUTO pools pinned to one route. */
    public boolean pinsRoute() {
        return nativeFrom >= 0;
    }

    /**
     * A new pool of {@code threads} threads; the caller closes it. NATIVE fails here, loudly, if the library
     * cannot load. A pinned AUTO pool sets {@code op}'s threshold properties while it is built and restores
     * them after.
     */
    public KernelPool open(String op, int threads) {
        if (!pinsRoute()) {
            return KernelPool.builder().backend(backend).threads(threads).build();
        }
        String nativeKey = "jkernels.threshold." + op + ".native";
        String parallelKey = "jkernels.threshold." + op + ".parallel";
        String oldNative = System.getProperty(nativeKey);
        String oldParallel = System.getProperty(parallelKey);
        try {
            System.setProperty(nativeKey, Long.toString(nativeFrom));
            System.setProperty(parallelKey, Long.toString(parallelFrom));
            return KernelPool.builder().backend(backend).threads(threads).build();
        } finally {
            restore(nativeKey, oldNative);
            restore(parallelKey, oldParallel);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
