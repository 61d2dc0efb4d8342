// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.Blas;
import dev.jkernels.Blas.Layout;
import dev.jkernels.Blas.Transpose;
import dev.ludovic.netlib.blas.BLAS;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.matrix.store.R064Store;

/**
 * One row-major {@code C = A B} (alpha 1, beta 0; A m x k, B k x n) by any implementation of the GEMM
 * benchmarks, built once per trial: what GemmBench and GemmShapesBench time. OPENBLAS_* works on off-heap
 * copies made here (the library's raw speed); OPENBLAS_HEAP_* passes the heap arrays to JavaCPP's array
 * overloads, which copy them in and out per call (what a Java caller gets). EJML and ojAlgo have doubles only
 * here (ejml-fdense is not a dependency). {@link #check} compares the sum of C's elements with the exact one's
 * (A's column sums times B's row sums).
 */
final class GemmCalls {
    final int m, n, k;
    final boolean floats;
    private final double[] a, b, c;
    private final float[] af, bf, cf;
    private Runnable call;
    private DoublePointer pc;
    private FloatPointer pcf;

    GemmCalls(boolean floats, int m, int n, int k) {
        this.floats = floats;
        this.m = m;
        this.n = n;
        this.k = k;
        a = Inputs.doubles(m * k, 11);
        b = Inputs.doubles(k * n, 12);
        c = new double[m * n];
        af = floats ? toFloats(a) : null;
        bf = floats ? toFloats(b) : null;
        cf = floats ? new float[m * n] : null;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** The call of {@code impl}, opening what it needs through {@code bench} (closed at its tear-down). */
    Runnable build(KernelBench bench, String impl) {
        call = switch (impl) {
            case Impl.NETLIB -> netlib();
            case Impl.EJML -> {
                requireDoubles(impl);
                DMatrixRMaj ma = DMatrixRMaj.wrap(m, k, a), mb = DMatrixRMaj.wrap(k, n, b), mc = DMatrixRMaj.wrap(m, n, c);
                yield () -> CommonOps_DDRM.mult(ma, mb, mc);
            }
            case Impl.OJALGO -> {
                requireDoubles(impl);
                // column-major wraps of the row-major arrays are A^T, B^T and C^T: C^T = B^T A^T
                R064Store at = R064Store.wrap(a, k), bt = R064Store.wrap(b, n), ct = R064Store.wrap(c, n);
                yield () -> ct.fillByMultiplying(bt, at);
            }
            case Impl.OPENBLAS_1, Impl.OPENBLAS_N -> {
                bench.useOpenBlasThreads(impl);
                yield floats ? openBlasFloats(bench) : openBlasDoubles(bench);
            }
            case Impl.OPENBLAS_HEAP_1, Impl.OPENBLAS_HEAP_N -> {
                bench.useOpenBlasThreads(impl);
                yield floats
                        ? () -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                                openblas_nolapack.CblasNoTrans, m, n, k, 1f, af, k, bf, n, 0f, cf, n)
                        : () -> openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                                openblas_nolapack.CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
            }
            default -> {
                Blas blas = bench.openPool(impl).blas();
                yield floats
                        ? () -> blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, m, n, k, 1f, af, 0, k, bf,
                                0, n, 0f, cf, 0, n)
                        : () -> blas.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, m, n, k, 1.0, a, 0, k, b, 0,
                                n, 0.0, c, 0, n);
            }
        };
        return call;
    }

    private void requireDoubles(String impl) {
        if (floats) {
            throw new IllegalArgumentException(impl + " is measured on doubles only");
        }
    }

    private Runnable netlib() {
        BLAS blas = BLAS.getInstance();
        // column-major Fortran: C^T = B^T A^T is the row-major C = A B
        return floats ? () -> blas.sgemm("N", "N", n, m, k, 1f, bf, n, af, k, 0f, cf, n)
                : () -> blas.dgemm("N", "N", n, m, k, 1.0, b, n, a, k, 0.0, c, n);
    }

    private Runnable openBlasDoubles(KernelBench bench) {
        DoublePointer pa = bench.freeLater(OpenBlas.copyOf(a)), pb = bench.freeLater(OpenBlas.copyOf(b));
        pc = bench.freeLater(OpenBlas.copyOf(c));
        return () -> openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1.0, pa, k, pb, n, 0.0, pc, n);
    }

    private Runnable openBlasFloats(KernelBench bench) {
        FloatPointer pa = bench.freeLater(new FloatPointer(af)), pb = bench.freeLater(new FloatPointer(bf));
        pcf = bench.freeLater(new FloatPointer(cf));
        return () -> openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, pa, k, pb, n, 0f, pcf, n);
    }

    /** Runs the call once and checks C's total against the exact product's (relative 1e-9, floats 1e-4). */
    void check(String impl) {
        call.run();
        double expected = 0;
        for (int p = 0; p < k; p++) {
            double col = 0, row = 0;
            for (int i = 0; i < m; i++) {
                col += floats ? af[i * k + p] : a[i * k + p];
            }
            for (int j = 0; j < n; j++) {
                row += floats ? bf[p * n + j] : b[p * n + j];
            }
            expected += col * row;
        }
        double total = 0;
        if (pc != null) {
            for (double v : OpenBlas.toArray(pc, m * n)) {
                total += v;
            }
        } else if (pcf != null) {
            float[] out = new float[m * n];
            pcf.position(0).get(out);
            for (float v : out) {
                total += v;
            }
        } else if (floats) {
            for (float v : cf) {
                total += v;
            }
        } else {
            for (double v : c) {
                total += v;
            }
        }
        Verify.close(expected, total, floats ? 1e-4 : 1e-9, impl);
    }

    /** What the call writes, for the Blackhole. */
    Object output() {
        return floats ? cf : c;
    }
}
