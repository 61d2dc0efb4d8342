// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Blas;
import dev.jkernels.Blas.Layout;
import dev.jkernels.Blas.Transpose;
import dev.ludovic.netlib.blas.BLAS;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.MatrixVectorMult_DDRM;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code blas().gemv} on a square row-major double matrix, {@code y = A x}: the size is A's element count
 * (n = its square root), 8 bytes read per element and 2 FLOPs, memory-bound once A leaves the cache
 * (16 Mi elements: 128 MiB, n = 4096). EJML is {@code MatrixVectorMult_DDRM.mult} (one thread), ojAlgo
 * {@code fillByMultiplying} on the transposed view of the column-major wrap, NETLIB {@code dgemv}, OPENBLAS_*
 * {@code cblas_dgemv} on off-heap copies made once per trial, OPENBLAS_HEAP_* on the heap arrays (JavaCPP
 * copies them per call). AUTO is NATIVE at these sizes (its threshold is 4096 elements of A).
 */
@OpInfo(op = "gemv", fullSizes = {"16777216"}, scalingSize = "16777216", quickSizes = {"1048576"},
        calibrated = false, bytesPerElement = 8, streamTest = "sum", flopsPerElement = 2)
public class GemvBench extends KernelBench implements Workload {
    @Param({Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.NETLIB, Impl.EJML, Impl.OJALGO,
            Impl.OPENBLAS_1, Impl.OPENBLAS_N, Impl.OPENBLAS_HEAP_1, Impl.OPENBLAS_HEAP_N})
    public String impl;

    /** Elements of A (a perfect square). */
    @Param({"16777216"})
    public int size;

    private double[] a, x, y;
    private Runnable multiply;
    private DoublePointer openBlasY; // OpenBLAS's y, off-heap

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        int n = (int) Math.round(Math.sqrt(size));
        if ((long) n * n != size) {
            throw new IllegalArgumentException("gemv's size must be a square, got " + size);
        }
        a = Inputs.doubles(size, 21);
        x = Inputs.doubles(n, 22);
        y = new double[n];
        multiply = switch (impl) {
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.dgemv("T", n, n, 1.0, a, n, x, 1, 0.0, y, 1); // column-major A^T, transposed
            }
            case Impl.EJML -> {
                DMatrixRMaj ma = DMatrixRMaj.wrap(n, n, a), mx = DMatrixRMaj.wrap(n, 1, x), my = DMatrixRMaj.wrap(n, 1, y);
                yield () -> MatrixVectorMult_DDRM.mult(ma, mx, my);
            }
            case Impl.OJALGO -> {
                R064Store at = R064Store.wrap(a, n), xs = R064Store.wrap(x, n), ys = R064Store.wrap(y, n);
                yield () -> ys.fillByMultiplying(at.transpose(), xs);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer pa = freeLater(OpenBlas.copyOf(a)), px = freeLater(OpenBlas.copyOf(x));
                DoublePointer py = freeLater(OpenBlas.copyOf(y));
                openBlasY = py;
                yield () -> openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        n, n, 1.0, pa, n, px, 1, 0.0, py, 1);
            }
            case Impl.OPENBLAS_HEAP_1, Impl.OPENBLAS_HEAP_N -> {
                useOpenBlasThreads(impl);
                yield () -> openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        n, n, 1.0, a, n, x, 1, 0.0, y, 1);
            }
            default -> {
                Blas blas = openPool(impl).blas();
                yield () -> blas.gemv(Layout.ROW_MAJOR, Transpose.NO_TRANS, n, n, 1.0, a, 0, n, x, 0, 0.0, y, 0);
            }
        };
        multiply.run();
        double[] out = openBlasY != null ? OpenBlas.toArray(openBlasY, n) : y;
        double expected = 0;
        for (int j = 0; j < n; j++) {
            double column = 0;
            for (int i = 0; i < n; i++) {
                column += a[i * n + j];
            }
            expected += column * x[j];
        }
        double total = 0;
        for (double v : out) {
            total += v;
        }
        Verify.close(expected, total, 1e-9, impl);
    }

    @Benchmark
    public void gemv() {
        multiply.run();
    }

    @Override
    public void runOnce(Blackhole bh) {
        multiply.run();
        bh.consume(y);
    }
}
