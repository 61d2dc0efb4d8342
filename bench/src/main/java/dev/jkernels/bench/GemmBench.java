// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Blas;
import dev.jkernels.Blas.Layout;
import dev.jkernels.Blas.Transpose;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.LongUnaryOperator;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code blas().gemm} on square row-major doubles, {@code C = A B} (alpha 1, beta 0): 2 n<sup>3</sup> FLOPs
 * per call. JAVA_* is jkernels' blocked pure-Java GEMM; EJML is {@code CommonOps_DDRM.mult} (one thread),
 * ojAlgo {@code R064Store.fillByMultiplying} (its own threads), NETLIB {@code dgemm} on heap arrays (on JDK
 * 17 its Java implementation, on JDK 25 its VectorBLAS), OPENBLAS_* {@code cblas_dgemm} on off-heap copies
 * made once per trial (the library's raw speed; a heap caller pays a copy per call on top). Every
 * implementation writes into an array allocated once per trial.
 */
@OpInfo(op = "gemm", sizeParam = "n", sizeLabel = "n (n x n matrices)", fullSizes = {"1024"},
        scalingSize = "1024", quickSizes = {"256"}, calibrated = false, work = GemmBench.Cube.class,
        flopsPerCall = GemmBench.Flops.class)
public class GemmBench extends KernelBench implements Workload {
    @Param({Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N, Impl.NETLIB, Impl.EJML,
            Impl.OJALGO, Impl.OPENBLAS_1, Impl.OPENBLAS_N})
    public String impl;

    @Param({"1024"})
    public int n;

    private double[] a, b, c;
    private Runnable multiply;
    private DoublePointer openBlasC; // OpenBLAS's C, off-heap

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
        a = Inputs.doubles(n * n, 11);
        b = Inputs.doubles(n * n, 12);
        c = new double[n * n];
        multiply = switch (impl) {
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                // column-major Fortran: C^T = B^T A^T is the row-major C = A B
                yield () -> blas.dgemm("N", "N", n, n, n, 1.0, b, n, a, n, 0.0, c, n);
            }
            case Impl.EJML -> {
                DMatrixRMaj ma = DMatrixRMaj.wrap(n, n, a), mb = DMatrixRMaj.wrap(n, n, b), mc = DMatrixRMaj.wrap(n, n, c);
                yield () -> CommonOps_DDRM.mult(ma, mb, mc);
            }
            case Impl.OJALGO -> {
                // column-major stores of the row-major arrays are A^T and B^T: C^T = B^T A^T
                R064Store at = R064Store.wrap(a, n), bt = R064Store.wrap(b, n), ct = R064Store.wrap(c, n);
                yield () -> ct.fillByMultiplying(bt, at);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                useOpenBlasThreads(impl);
                DoublePointer pa = freeLater(OpenBlas.copyOf(a)), pb = freeLater(OpenBlas.copyOf(b));
                DoublePointer pc = freeLater(OpenBlas.copyOf(c));
                openBlasC = pc;
                yield () -> openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasNoTrans, n, n, n, 1.0, pa, n, pb, n, 0.0, pc, n);
            }
            default -> {
                Blas blas = openPool(impl).blas();
                yield () -> blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, n, n, n, 1.0, a, 0, n, b,
                        0, n, 0.0, c, 0, n);
            }
        };
        multiply.run();
        double[] out = openBlasC != null ? OpenBlas.toArray(openBlasC, n * n) : c;
        Verify.close(expectedTotal(), total(out), 1e-9, impl);
    }

    /** The sum of all of A B's elements: the column sums of A times the row sums of B. */
    private double expectedTotal() {
        double total = 0;
        for (int p = 0; p < n; p++) {
            double col = 0, row = 0;
            for (int i = 0; i < n; i++) {
                col += a[i * n + p];
                row += b[p * n + i];
            }
            total += col * row;
        }
        return total;
    }

    private static double total(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    @Benchmark
    public void gemm() {
        multiply.run();
    }

    @Override
    public void runOnce(Blackhole bh) {
        multiply.run();
        bh.consume(c);
    }
}
