// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.DoubleConsumer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.array.ArrayR064;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().axpy(a, x, y)}, {@code y += a x}: 24 bytes moved per element (read x and y, write y).
 *
 * <p>It mutates {@code y}, and resetting {@code y} per invocation would cost as much as the kernel and
 * swamp it at small sizes (JMHSample_38). Instead calls alternate {@code a = +0.5} and {@code a = -0.5},
 * so {@code y} swings between its start and start + x/2, within [0, 1.5) for ever, up to rounding
 * drift of an ulp or so per call: no NaN, infinity or subnormal ever appears. Every implementation does
 * exactly the same work on the same values.
 *
 * <p>LOOP is the plain loop, which C2 vectorizes as written (no dependency between elements), so there is no
 * UNROLLED row; VECTOR_API uses vector FMAs; JDK_PARALLEL runs LOOP on blocks. NETLIB and OPENBLAS are
 * {@code daxpy} (OpenBLAS on off-heap copies, checked once); EJML {@code addEquals(y, a, x)} and ojAlgo
 * {@code x.axpy(a, y)} work on arrays wrapped without copying, once per trial.
 */
@OpInfo(op = "axpy", bytesPerElement = 24, streamTest = "axpy", flopsPerElement = 2)
public class AxpyBench extends KernelBench implements Workload {
    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N,
            Impl.AUTO_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory) per array. */
    @Param({"1048576", "16777216"})
    public int size;

    private final Alternating factor = new Alternating(0.5, -0.5);
    private double[] x;
    private double[] y;
    /** OpenBLAS's off-heap y, read back once to check it; null for the heap implementations. */
    private DoublePointer offHeapY;
    private DoubleConsumer axpy;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 6);
        y = Inputs.doubles(size, 7);
        axpy = switch (impl) {
            case Impl.LOOP -> a -> Loops.axpy(a, x, y, 0, x.length);
            case Impl.VECTOR_API -> a -> VectorApiLoops.axpy(a, x, y);
            case Impl.JDK_PARALLEL -> a -> ParallelBlocks.forEach(x.length, (from, to) -> Loops.axpy(a, x, y, from, to));
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield a -> blas.daxpy(x.length, a, x, 1, y, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj mx = DMatrixRMaj.wrap(x.length, 1, x);
                DMatrixRMaj my = DMatrixRMaj.wrap(y.length, 1, y);
                yield a -> CommonOps_DDRM.addEquals(my, a, mx);
            }
            case Impl.OJALGO -> {
                ArrayR064 ax = ArrayR064.wrap(x);
                ArrayR064 ay = ArrayR064.wrap(y);
                yield a -> ax.axpy(a, ay);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer px = freeLater(OpenBlas.copyOf(x));
                DoublePointer py = freeLater(OpenBlas.copyOf(y));
                offHeapY = py;
                yield a -> openblas_nolapack.cblas_daxpy(x.length, a, px, 1, py, 1);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield a -> ops.axpy(a, x, y);
            }
        };
        verifyOneRound();
    }

    /** Checks the first call, then makes the second, which brings y back to where it started. */
    private void verifyOneRound() {
        double a = factor.next();
        double[] expected = y.clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] += a * x[i];
        }
        axpy.accept(a);
        Verify.close(expected, offHeapY == null ? y : OpenBlas.toArray(offHeapY, y.length), impl);
        axpy.accept(factor.next());
    }

    @Benchmark
    public double[] axpy() {
        axpy.accept(factor.next());
        return y;
    }

    @Override
    public void runOnce(Blackhole bh) {
        axpy.accept(factor.next());
        bh.consume(y);
    }
}
