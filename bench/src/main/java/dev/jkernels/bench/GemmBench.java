// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.function.LongUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code blas().gemm} on square row-major doubles, {@code C = A B} (alpha 1, beta 0): 2 n<sup>3</sup> FLOPs
 * per call ({@link GemmCalls} says what each implementation runs). JAVA_* is jkernels' blocked pure-Java GEMM;
 * EJML is {@code CommonOps_DDRM.mult} (one thread), ojAlgo {@code R064Store.fillByMultiplying} (its own
 * threads), NETLIB {@code dgemm} on heap arrays, OPENBLAS_* {@code cblas_dgemm} on off-heap copies and
 * OPENBLAS_HEAP_* on the heap arrays. AUTO is NATIVE at these sizes (its gemm threshold is 2048
 * multiply-adds): {@link GemmShapesBench} measures it where it decides. The other shapes, floats and
 * small matrices are {@link GemmShapesBench}'s, outside {@code full}.
 */
@OpInfo(op = "gemm", sizeParam = "n", sizeLabel = "n (n x n matrices)", fullSizes = {"1024"},
        scalingSize = "1024", quickSizes = {"256"}, calibrated = false, work = GemmBench.Cube.class,
        flopsPerCall = GemmBench.Flops.class)
public class GemmBench extends KernelBench implements Workload {
    @Param({Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO,
            Impl.OPENBLAS_1, Impl.OPENBLAS_N, Impl.OPENBLAS_HEAP_1, Impl.OPENBLAS_HEAP_N})
    public String impl;

    @Param({"1024"})
    public int n;

    private GemmCalls calls;
    private Runnable multiply;

    /** Multiply-adds of one call: AUTO's size unit for gemm. */
    public static final class Cube implements LongUnaryOperator {
        @Override
        public long applyAsLong(long n) {
            return n * n * n;
        }
    }

    /** FLOPs of one call: 2 n^3. */
    public static final class Flops implements LongUnaryOperator {
        @Override
        public long applyAsLong(long n) {
            return 2 * n * n * n;
        }
    }

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        calls = new GemmCalls(false, n, n, n);
        multiply = calls.build(this, impl);
        calls.check(impl);
    }

    @Benchmark
    public void gemm() {
        multiply.run();
    }

    @Override
    public void runOnce(Blackhole bh) {
        multiply.run();
        bh.consume(calls.output());
    }
}
