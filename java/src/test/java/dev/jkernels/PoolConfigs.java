// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Every way to build a pool that the tests cover: JAVA and NATIVE at 1, 2 and 3 threads (3 is more
 * threads than this machine's cores), and NATIVE on every ISA path the CPU supports.
 */
final class PoolConfigs {
    private PoolConfigs() {}

    record Config(Backend backend, int threads, Isa isa) {
        KernelPool open() {
            KernelPool.Builder builder = KernelPool.builder().backend(backend).threads(threads);
            return isa == null ? builder.build() : builder.isa(isa).build();
        }

        @Override
        public String toString() {
            return backend + " x" + threads + (isa == null ? "" : " " + isa.settingName());
        }

        /** The start of the worker threads' names (as the kernel keeps them: 15 characters). */
        String workerPrefix() {
            return backend == Backend.JAVA ? "jkernels-java" : "jk-worker";
        }
    }

    /** The JAVA reference (1 thread) first, then everything else. */
    static List<Config> all() {
        List<Config> configs = new ArrayList<>();
        for (int threads = 1; threads <= 3; threads++) {
            configs.add(new Config(Backend.JAVA, threads, null));
        }
        for (Isa isa : supportedIsas()) {
            for (int threads = 1; threads <= 3; threads++) {
                configs.add(new Config(Backend.NATIVE, threads, isa));
            }
        }
        configs.add(new Config(Backend.AUTO, 2, null)); // routes by size; AutoRoutingTest forces each route
        return configs;
    }

    /** The backends at the default ISA, for tests where the path does not matter. */
    static List<Config> backends() {
        return List.of(new Config(Backend.JAVA, 2, null), new Config(Backend.NATIVE, 2, null),
                new Config(Backend.AUTO, 2, null));
    }

    static List<Isa> supportedIsas() {
        Isa best = KernelPool.nativeStatus().supportedIsa();
        List<Isa> isas = new ArrayList<>();
        for (Isa isa : Isa.values()) {
            if (isa.compareTo(best) <= 0) {
                isas.add(isa);
            }
        }
        return isas;
    }
}
