// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.DoubleSupplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().norm2(x)}: one multiply and one add per 8 bytes read, read-only.
 *
 * <p>What each competitor is: LOOP, UNROLLED, VECTOR_API and JDK_PARALLEL are {@code Math.sqrt} of the
 * sum-of-squares loops that {@link DotBench} runs on {@code (x, x)}: the plain formula, which overflows past
 * about 1.3e154. jkernels (NATIVE and its JAVA twin) is safe from overflow and underflow: the plain sum of
 * squares per 4096-element block, summed again scaled (in cache) only for a block whose plain sum would
 * overflow or underflow, which these inputs never need; so here it runs the plain formula and returns its
 * bits. NETLIB's and
 * OpenBLAS's {@code dnrm2} and EJML's {@code normF} also scale so they never overflow, each its own way:
 * peers users pick rather than twins (their results agree to a few ulp on these inputs).
 */
@OpInfo(op = "norm2", bytesPerElement = 8, streamTest = "sum", flopsPerElement = 2)
public class Norm2Bench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.UNROLLED, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1,
            Impl.NATIVE_N, Impl.AUTO_N, Impl.NETLIB, Impl.EJML, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private double[] x;
    private DoubleSupplier norm;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 3);
        norm = switch (impl) {
            case Impl.LOOP -> () -> Math.sqrt(Loops.naiveDot(x, x, 0, x.length));
            case Impl.UNROLLED -> () -> Math.sqrt(Loops.unrolledDot(x, x, 0, x.length));
            case Impl.VECTOR_API -> () -> Math.sqrt(VectorApiLoops.dot(x, x));
            case Impl.JDK_PARALLEL -> () -> Math.sqrt(ParallelBlocks.sum(x.length, (from, to) -> Loops.unrolledDot(x, x, from, to)));
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.dnrm2(x.length, x, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj m = DMatrixRMaj.wrap(x.length, 1, x);
                yield () -> NormOps_DDRM.normF(m);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer px = freeLater(OpenBlas.copyOf(x));
                yield () -> openblas_nolapack.cblas_dnrm2(x.length, px, 1);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.norm2(x);
            }
        };
        Verify.close(Math.sqrt(Loops.naiveDot(x, x, 0, x.length)), norm.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double norm2() {
        return norm.getAsDouble();
    }

    @Override
    public void runOnce(Blackhole bh) {
        bh.consume(norm.getAsDouble());
    }
}
