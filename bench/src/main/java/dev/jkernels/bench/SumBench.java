// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.array.ArrayR064;
import org.ojalgo.function.aggregator.Aggregator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().sum(x)}: one add per 8 bytes read, read-only, so nothing needs resetting.
 *
 * <p>What each competitor is: LOOP is the obvious {@code s += x[i]}, which waits for each add before the
 * next (add-latency bound, about 9 GB/s at every size: a reference row, not a baseline); UNROLLED keeps
 * eight sums; VECTOR_API adds whole vectors; JDK_PARALLEL runs UNROLLED on blocks in a parallel stream
 * ({@link ParallelBlocks}). BLAS has no plain sum, so NETLIB and OPENBLAS call {@code dasum}, equal to the sum
 * here because the inputs are non-negative; ojAlgo's aggregate returns a boxed {@code Double}, which it
 * forces on its users. Wrappers (EJML, ojAlgo) wrap the array without copying, once per trial; OpenBLAS gets
 * an off-heap copy once per trial ({@link OpenBlas}).
 */
@OpInfo(op = "sum", bytesPerElement = 8, streamTest = "sum", flopsPerElement = 1)
public class SumBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.UNROLLED, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1,
            Impl.NATIVE_N, Impl.AUTO_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private DoubleSupplier sum;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 3);
        sum = switch (impl) {
            case Impl.LOOP -> () -> Loops.naiveSum(x, 0, x.length);
            case Impl.UNROLLED -> () -> Loops.unrolledSum(x, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.sum(x);
            case Impl.JDK_PARALLEL -> () -> ParallelBlocks.sum(x.length, (from, to) -> Loops.unrolledSum(x, from, to));
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.dasum(x.length, x, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj m = DMatrixRMaj.wrap(x.length, 1, x);
                yield () -> CommonOps_DDRM.elementSum(m);
            }
            case Impl.OJALGO -> {
                ArrayR064 a = ArrayR064.wrap(x);
                yield () -> a.aggregateAll(Aggregator.SUM);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer px = freeLater(OpenBlas.copyOf(x));
                yield () -> openblas_nolapack.cblas_dasum(x.length, px, 1);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.sum(x);
            }
        };
        Verify.close(Arrays.stream(x).sum(), sum.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double sum() {
        return sum.getAsDouble();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(sum.getAsDouble());
    }
}
