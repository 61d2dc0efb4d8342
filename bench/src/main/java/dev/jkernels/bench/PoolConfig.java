package dev.jkernels.bench;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import java.util.Arrays;
import java.util.Optional;

/** The jkernels pool configurations benchmarked: a backend and a thread count (1 or every usable CPU). */
public enum PoolConfig {
    JAVA_1(Backend.JAVA, false),
    JAVA_N(Backend.JAVA, true),
    NATIVE_1(Backend.NATIVE, false),
    NATIVE_N(Backend.NATIVE, true),
    AUTO_N(Backend.AUTO, true);

    private final Backend backend;
    private final boolean allCpus;

    PoolConfig(Backend backend, boolean allCpus) {
        this.backend = backend;
        this.allCpus = allCpus;
    }

    /** The configuration with this name, if {@code impl} names one. */
    public static Optional<PoolConfig> find(String impl) {
        return Arrays.stream(values()).filter(c -> c.name().equals(impl)).findFirst();
    }

    public int threads() {
        return allCpus ? KernelPool.availableCpus() : 1;
    }

    /** A new pool; the caller closes it. NATIVE fails here, loudly, if the library cannot load. */
    public KernelPool open() {
        return KernelPool.builder().backend(backend).threads(threads()).build();
    }
}
