// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.ojalgo.array.ArrayR064;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().dot(x, y)}: one multiply-add per 16 bytes read, read-only. LOOP is the obvious
 * {@code s += x[i] * y[i]} (one add at a time, a reference row); UNROLLED keeps eight sums; VECTOR_API uses
 * vector FMAs; JDK_PARALLEL runs UNROLLED on blocks. NETLIB and OPENBLAS are {@code ddot}; EJML is
 * {@code innerProd} and ojAlgo {@code ArrayR064.dot} on arrays wrapped without copying, once per trial;
 * OpenBLAS works on off-heap copies made once per trial.
 */
@OpInfo(op = "dot", bytesPerElement = 16, streamTest = "sum", flopsPerElement = 2)
public class DotBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.UNROLLED, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1,
            Impl.NATIVE_N, Impl.AUTO_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory) per array. */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private double[] y;
    private DoubleSupplier dot;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 4);
        y = Inputs.doubles(size, 5);
        dot = switch (impl) {
            case Impl.LOOP -> () -> Loops.naiveDot(x, y, 0, x.length);
            case Impl.UNROLLED -> () -> Loops.unrolledDot(x, y, 0, x.length);
            case Impl.VECTOR_API -> () -> VectorApiLoops.dot(x, y);
            case Impl.JDK_PARALLEL -> () -> ParallelBlocks.sum(x.length, (from, to) -> Loops.unrolledDot(x, y, from, to));
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.ddot(x.length, x, 1, y, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj mx = DMatrixRMaj.wrap(x.length, 1, x);
                DMatrixRMaj my = DMatrixRMaj.wrap(y.length, 1, y);
                yield () -> VectorVectorMult_DDRM.innerProd(mx, my);
            }
            case Impl.OJALGO -> {
                ArrayR064 ax = ArrayR064.wrap(x);
                ArrayR064 ay = ArrayR064.wrap(y);
                yield () -> ax.dot(ay);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer px = freeLater(OpenBlas.copyOf(x));
                DoublePointer py = freeLater(OpenBlas.copyOf(y));
                yield () -> openblas_nolapack.cblas_ddot(x.length, px, 1, py, 1);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.dot(x, y);
            }
        };
        double expected = IntStream.range(0, x.length).mapToDouble(i -> x[i] * y[i]).sum();
        Verify.close(expected, dot.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double dot() {
        return dot.getAsDouble();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(dot.getAsDouble());
    }
}
