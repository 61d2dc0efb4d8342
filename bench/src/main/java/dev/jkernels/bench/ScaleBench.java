// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.jkernels.bench.vector.VectorApiLoops;
import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.array.ArrayR064;
import org.ojalgo.function.UnaryFunction;
import org.ojalgo.function.constant.PrimitiveMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code vectors().scale(a, x)}, {@code x *= a}: 16 bytes moved per element, in place.
 *
 * <p>Calls alternate {@code a = 2} and {@code a = 0.5}: powers of two, so each pair of calls returns
 * {@code x} to exactly its starting bits, for ever, with no per-invocation reset (which would swamp small
 * sizes, JMHSample_38) and no drift toward overflow or subnormals. A factor of 1, which some libraries
 * skip, never occurs. LOOP is vectorized by C2 as written (no UNROLLED row); JDK_PARALLEL runs it on blocks.
 * NETLIB and OPENBLAS are {@code dscal} (OpenBLAS on an off-heap copy); EJML {@code scale}; ojAlgo
 * {@code modifyAll} with its multiply function (built once per factor per trial), on arrays wrapped without
 * copying.
 */
@OpInfo(op = "scale", bytesPerElement = 16, streamTest = "update", flopsPerElement = 1)
public class ScaleBench extends KernelBench implements Workload {
    private static final double UP = 2.0;
    private static final double DOWN = 0.5;

    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N,
            Impl.AUTO_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    /** Elements: 8 MiB (in L3) and 128 MiB (memory). */
    @Param({"1048576", "16777216"})
    public int size;

    private final Alternating factor = new Alternating(UP, DOWN);
    private double[] x;
    /** OpenBLAS's off-heap x, read back once to check it; null for the heap implementations. */
    private DoublePointer offHeapX;
    private DoubleConsumer scale;

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 8);
        scale = switch (impl) {
            case Impl.LOOP -> a -> Loops.scale(a, x, 0, x.length);
            case Impl.VECTOR_API -> a -> VectorApiLoops.scale(a, x);
            case Impl.JDK_PARALLEL -> a -> ParallelBlocks.forEach(x.length, (from, to) -> Loops.scale(a, x, from, to));
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield a -> blas.dscal(x.length, a, x, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj m = DMatrixRMaj.wrap(x.length, 1, x);
                yield a -> CommonOps_DDRM.scale(a, m);
            }
            case Impl.OJALGO -> {
                ArrayR064 ax = ArrayR064.wrap(x);
                UnaryFunction<Double> up = PrimitiveMath.MULTIPLY.second(UP);
                UnaryFunction<Double> down = PrimitiveMath.MULTIPLY.second(DOWN);
                yield a -> ax.modifyAll(a == UP ? up : down);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer px = freeLater(OpenBlas.copyOf(x));
                offHeapX = px;
                yield a -> openblas_nolapack.cblas_dscal(x.length, a, px, 1);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield a -> ops.scale(a, x);
            }
        };
        verifyOneRound();
    }

    private double[] current() {
        return offHeapX == null ? x : OpenBlas.toArray(offHeapX, x.length);
    }

    /** Checks both calls of a round: the first scales exactly, the second restores the start exactly. */
    private void verifyOneRound() {
        double[] start = x.clone();
        double a = factor.next();
        scale.accept(a);
        Verify.same(Arrays.stream(start).map(v -> v * a).toArray(), current(), impl);
        scale.accept(factor.next());
        Verify.same(start, current(), impl + " (second call of the round)");
    }

    @Benchmark
    public double[] scale() {
        scale.accept(factor.next());
        return x;
    }

    @Override
    public void runOnce(Blackhole bh) {
        scale.accept(factor.next());
        bh.consume(x);
    }
}
