// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * GEMM on the shapes, doubles and floats, outside {@code full} (no {@code @OpInfo}: a plain JMH class,
 * run through the jar, e.g. {@code java -jar bench/target/jkernels-bench.jar GemmShapesBench -p shape=64x2048x2048
 * -p type=float -rf json -rff out.json}). Shapes are m x n x k of the row-major {@code C = A B}; the small
 * ones (4 ... 32) are where AUTO's threshold decides. Implementations as {@link GemmCalls}; EJML and ojAlgo on
 * doubles only.
 */
public class GemmShapesBench extends KernelBench {
    @Param({Impl.JAVA_1, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N, Impl.EJML, Impl.OPENBLAS_1, Impl.OPENBLAS_N,
            Impl.OPENBLAS_HEAP_1, Impl.OPENBLAS_HEAP_N})
    public String impl;

    @Param({"512x512x512", "2048x2048x2048", "2048x2048x64", "64x2048x2048", "4096x4096x256", "4x4x4", "8x8x8",
            "16x16x16", "32x32x32"})
    public String shape;

    @Param({"double", "float"})
    public String type;

    private GemmCalls calls;
    private Runnable multiply;

    @Setup(Level.Trial)
    public void setUp() {
        String[] mnk = shape.split("x");
        calls = new GemmCalls(type.equals("float"), Integer.parseInt(mnk[0]), Integer.parseInt(mnk[1]),
                Integer.parseInt(mnk[2]));
        multiply = calls.build(this, impl);
        calls.check(impl);
    }

    @Benchmark
    public Object gemm() {
        multiply.run();
        return calls.output();
    }
}
