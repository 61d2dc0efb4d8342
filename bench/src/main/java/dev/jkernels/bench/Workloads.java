// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.lang.reflect.Field;

/** Builds a kernel's own benchmark class as a {@link Workload} for the generic sweeps, as JMH would. */
final class Workloads {
    private Workloads() {}

    /**
     * A set-up instance of {@code op}'s benchmark class running {@code impl} at {@code size}.
     *
     * @param threads 0 for the thread count {@code impl} names, else the count every pool (and OpenBLAS) runs
     */
    static Workload create(String op, String impl, String size, int threads) {
        Catalog.Kernel kernel = Catalog.kernel(op).orElseThrow(() ->
                new IllegalArgumentException("no kernel benchmark has @OpInfo(op = \"" + op + "\")"));
        Class<?> cls = kernel.benchClass();
        if (!Workload.class.isAssignableFrom(cls) || !KernelBench.class.isAssignableFrom(cls)) {
            throw new IllegalStateException(cls.getName() + " must extend KernelBench and implement Workload");
        }
        try {
            Object bench = cls.getConstructor().newInstance();
            cls.getField("impl").set(bench, impl);
            Field sizeField = cls.getField(kernel.info().sizeParam());
            sizeField.setInt(bench, Integer.parseInt(size));
            if (threads > 0) {
                ((KernelBench) bench).overrideThreads(threads);
            }
            Workload workload = (Workload) bench;
            workload.setUp();
            return workload;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(cls.getName() + ": cannot set up " + impl + " at " + size, e);
        }
    }
}
