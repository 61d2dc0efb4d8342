// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.BlasSpecs;
import dev.jkernels.internal.Checks;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Dense linear algebra in the CBLAS shape: {@code gemm}, {@code C = alpha * op(A) * op(B) + beta * C}, and
 * {@code gemv}, {@code y = alpha * op(A) * x + beta * y}, for doubles and floats, on slices of Java arrays in
 * row-major or column-major layout, and {@code multiply}, the one-line product of two row-major matrices. Obtained from {@link KernelPool#blas()}.
 *
 * <p><b>How it runs.</b> NATIVE runs packed, register-blocked SIMD micro-kernels in the structure of BLIS
 * (A and B packed into contiguous panels, cache blocks per ISA path and element type) on the pool's
 * threads, with no thread pool of its own; the two-dimensional split of C keeps every thread busy for
 * square, tall and wide shapes. JAVA runs a blocked pure-Java GEMM of the same structure. AUTO sends small
 * products (under 2048 multiply-adds, about 13<sup>3</sup>: measured, the Java one wins at 8<sup>3</sup> and
 * native at 16<sup>3</sup>) to the Java one and the rest to native. Matrices are copied
 * into native memory for the call (nothing is pinned while it runs).
 *
 * <p><b>Accuracy.</b> Each element is a dot product of length k computed in order within blocks of a few
 * hundred terms, so it satisfies the standard GEMM bound
 * {@code |C - C_exact| <= (k + 2) u (|alpha| |op(A)| |op(B)| + |beta C|)} elementwise (u = 2<sup>-53</sup>
 * for doubles, 2<sup>-24</sup> for floats, to first order; the term of C is rounded once per block of the
 * inner dimension). Results are the same bits for every thread count
 * on one backend and ISA path. They may differ in the last bits between ISA paths and between NATIVE and
 * JAVA: the AVX2 and AVX-512 paths use fused multiply-adds and block the inner dimension differently from
 * the portable path and the Java one, which round every product.
 *
 * <p><b>BLAS conventions.</b> {@code beta == 0} ignores C's old contents (NaN there does not propagate);
 * {@code alpha == 0} or {@code k == 0} reads neither A nor B and sets {@code C = beta * C}. {@code m},
 * {@code n} or {@code k} zero are legal. Only the m x n elements of C are computed; the elements between
 * its rows (or columns) when {@code ldc} is larger keep their values. (The call works on a native copy of
 * the span of C and copies that span back, gaps included, so no other thread may write into the gaps while
 * it runs.)
 *
 * <p><b>Arguments.</b> For {@code transA == NO_TRANS}, A as stored is m x k; for {@code TRANS}, k x m (and
 * likewise B is k x n or n x k). In {@code ROW_MAJOR} layout element (i, j) of a stored matrix is at
 * {@code off + i * ld + j}, so {@code ld} must be at least its number of columns; in {@code COL_MAJOR} at
 * {@code off + i + j * ld}, and {@code ld} must be at least its number of rows (and at least 1 in both).
 * Each array must hold the elements its matrix reaches from its offset; C must not share elements with A
 * or B.
 *
 * <p><b>Asynchronously:</b> through {@link KernelPool#submit(KernelPool.Call)}, e.g.
 * {@code pool.submit(p -> p.blas().multiply(a, b, m, k, n))}.
 */
public final class Blas {
    /** How a matrix lies in its array. */
    public enum Layout {
        /** Element (i, j) at {@code offset + i * ld + j}: rows one after another (Java's and numpy's default). */
        ROW_MAJOR,
        /** Element (i, j) at {@code offset + i + j * ld}: columns one after another (Fortran's, BLAS's). */
        COL_MAJOR
    }

    /** Whether an operand is used as stored or transposed. */
    public enum Transpose {
        /** op(X) = X. */
        NO_TRANS,
        /** op(X) = X<sup>T</sup>. */
        TRANS
    }

    private final KernelPool pool;

    Blas(KernelPool pool) {
        this.pool = pool;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} on doubles, where op(A) is m x k, op(B) k x n and C m x n
     * (see the class description for layouts, leading dimensions and conventions).
     *
     * @param layout how A, B and C lie in their arrays
     * @param transA whether A is used transposed
     * @param transB whether B is used transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the product's scale
     * @param a A's array; not modified
     * @param offA A's first element
     * @param lda A's leading dimension
     * @param b B's array; not modified
     * @param offB B's first element
     * @param ldb B's leading dimension
     * @param beta C's scale; 0 ignores C's old contents
     * @param c C's array, updated
     * @param offC C's first element
     * @param ldc C's leading dimension
     * @throws NullPointerException if an array or enum is null
     * @throws IllegalArgumentException if m, n or k is negative, a leading dimension is too small, or C
     *     shares elements with A or B (the message names the argument and its value)
     * @throws IndexOutOfBoundsException if an offset is negative or an array is too short for its matrix
     * @throws IllegalStateException if the pool is closed
     */
    public void gemm(Layout layout, Transpose transA, Transpose transB, int m, int n, int k, double alpha,
            double[] a, int offA, int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC,
            int ldc) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        Checks.notNull(c, "c");
        pool.call(BlasSpecs.GEMM, gemmArgs(layout, transA, transB, m, n, k, alpha, a, a.length, offA, lda, b,
                b.length, offB, ldb, beta, c, c.length, offC, ldc));
    }

    /**
     * {@link #gemm(Layout, Transpose, Transpose, int, int, int, double, double[], int, int, double[], int, int,
     * double, double[], int, int) gemm} on floats, in float arithmetic.
     *
     * @param layout how A, B and C lie in their arrays
     * @param transA whether A is used transposed
     * @param transB whether B is used transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the product's scale
     * @param a A's array; not modified
     * @param offA A's first element
     * @param lda A's leading dimension
     * @param b B's array; not modified
     * @param offB B's first element
     * @param ldb B's leading dimension
     * @param beta C's scale; 0 ignores C's old contents
     * @param c C's array, updated
     * @param offC C's first element
     * @param ldc C's leading dimension
     * @throws NullPointerException if an array or enum is null
     * @throws IllegalArgumentException if m, n or k is negative, a leading dimension is too small, or C
     *     shares elements with A or B
     * @throws IndexOutOfBoundsException if an offset is negative or an array is too short for its matrix
     * @throws IllegalStateException if the pool is closed
     */
    public void gemm(Layout layout, Transpose transA, Transpose transB, int m, int n, int k, float alpha,
            float[] a, int offA, int lda, float[] b, int offB, int ldb, float beta, float[] c, int offC, int ldc) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        Checks.notNull(c, "c");
        pool.call(BlasSpecs.GEMM_F32, gemmArgs(layout, transA, transB, m, n, k, alpha, a, a.length, offA, lda, b,
                b.length, offB, ldb, beta, c, c.length, offC, ldc));
    }

    /**
     * {@code y = alpha * op(A) * x + beta * y} on doubles, where A as stored is m x n (op(A) is m x n, or n x m
     * when transposed): x has the columns of op(A) elements from {@code offX}, y its rows from {@code offY}.
     * The same conventions as gemm ({@code beta == 0} ignores y's old contents; {@code alpha == 0} reads
     * neither A nor x). Each element of y is a dot product in a fixed order: the same bits for every thread
     * count on one backend and ISA path.
     *
     * @param layout how A lies in its array
     * @param trans whether A is used transposed
     * @param m rows of A as stored
     * @param n columns of A as stored
     * @param alpha the product's scale
     * @param a A's array; not modified
     * @param offA A's first element
     * @param lda A's leading dimension: at least its columns (ROW_MAJOR) or rows (COL_MAJOR), and 1
     * @param x the vector's array; not modified
     * @param offX x's first element
     * @param beta y's scale; 0 ignores y's old contents
     * @param y the result's array, updated
     * @param offY y's first element
     * @throws NullPointerException if an array or enum is null
     * @throws IllegalArgumentException if m or n is negative, lda is too small, or y shares elements with A or x
     * @throws IndexOutOfBoundsException if an offset is negative or an array is too short
     * @throws IllegalStateException if the pool is closed
     */
    public void gemv(Layout layout, Transpose trans, int m, int n, double alpha, double[] a, int offA, int lda,
            double[] x, int offX, double beta, double[] y, int offY) {
        Checks.notNull(a, "a");
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Args args = gemvArgs(layout, trans, m, n, alpha, a, a.length, offA, lda, x, x.length, offX, beta, y, y.length,
                offY);
        pool.call(transposedColumnMajor(layout, trans) ? BlasSpecs.GEMV_T : BlasSpecs.GEMV_N, args);
    }

    /**
     * {@link #gemv(Layout, Transpose, int, int, double, double[], int, int, double[], int, double, double[], int)
     * gemv} on floats, in float arithmetic.
     *
     * @param layout how A lies in its array
     * @param trans whether A is used transposed
     * @param m rows of A as stored
     * @param n columns of A as stored
     * @param alpha the product's scale
     * @param a A's array; not modified
     * @param offA A's first element
     * @param lda A's leading dimension
     * @param x the vector's array; not modified
     * @param offX x's first element
     * @param beta y's scale; 0 ignores y's old contents
     * @param y the result's array, updated
     * @param offY y's first element
     * @throws NullPointerException if an array or enum is null
     * @throws IllegalArgumentException if m or n is negative, lda is too small, or y shares elements with A or x
     * @throws IndexOutOfBoundsException if an offset is negative or an array is too short
     * @throws IllegalStateException if the pool is closed
     */
    public void gemv(Layout layout, Transpose trans, int m, int n, float alpha, float[] a, int offA, int lda,
            float[] x, int offX, float beta, float[] y, int offY) {
        Checks.notNull(a, "a");
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Args args = gemvArgs(layout, trans, m, n, alpha, a, a.length, offA, lda, x, x.length, offX, beta, y, y.length,
                offY);
        pool.call(transposedColumnMajor(layout, trans) ? BlasSpecs.GEMV_T_F32 : BlasSpecs.GEMV_N_F32, args);
    }

    /**
     * {@link #gemm(Layout, Transpose, Transpose, int, int, int, double, double[], int, int, double[], int, int, double,
     * double[], int, int) gemm} on buffers, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}): each matrix lies in its buffer's remaining elements, its offset counted
     * from the buffer's position.
     *
     * @param layout how A, B and C lie in their buffers
     * @param transA whether A is used transposed
     * @param transB whether B is used transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the product's scale
     * @param a A's buffer; not modified
     * @param offA A's first element, past a's position
     * @param lda A's leading dimension
     * @param b B's buffer; not modified
     * @param offB B's first element, past b's position
     * @param ldb B's leading dimension
     * @param beta C's scale; 0 ignores C's old contents
     * @param c C's buffer, updated
     * @param offC C's first element, past c's position
     * @param ldc C's leading dimension
     * @throws NullPointerException if a buffer or enum is null
     * @throws IllegalArgumentException if m, n or k is negative, a leading dimension is too small, C shares
     *     memory with A or B, or a buffer is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IndexOutOfBoundsException if an offset is negative or a buffer is too short for its matrix
     * @throws java.nio.ReadOnlyBufferException if c is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void gemm(Layout layout, Transpose transA, Transpose transB, int m, int n, int k, double alpha,
            DoubleBuffer a, int offA, int lda, DoubleBuffer b, int offB, int ldb, double beta, DoubleBuffer c, int offC, int ldc) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        Checks.notNull(c, "c");
        pool.call(BlasSpecs.GEMM, gemmArgs(layout, transA, transB, m, n, k, alpha, a, a.remaining(), offA, lda,
                b, b.remaining(), offB, ldb, beta, c, c.remaining(), offC, ldc));
    }

    /**
     * {@link #gemm(Layout, Transpose, Transpose, int, int, int, float, float[], int, int, float[], int, int, float,
     * float[], int, int) gemm} on buffers, read and written where they are on the native backend (see "Off-heap
     * memory" at {@link KernelPool}): each matrix lies in its buffer's remaining elements, its offset counted
     * from the buffer's position.
     *
     * @param layout how A, B and C lie in their buffers
     * @param transA whether A is used transposed
     * @param transB whether B is used transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the product's scale
     * @param a A's buffer; not modified
     * @param offA A's first element, past a's position
     * @param lda A's leading dimension
     * @param b B's buffer; not modified
     * @param offB B's first element, past b's position
     * @param ldb B's leading dimension
     * @param beta C's scale; 0 ignores C's old contents
     * @param c C's buffer, updated
     * @param offC C's first element, past c's position
     * @param ldc C's leading dimension
     * @throws NullPointerException if a buffer or enum is null
     * @throws IllegalArgumentException if m, n or k is negative, a leading dimension is too small, C shares
     *     memory with A or B, or a buffer is neither direct nor backed by an accessible array, or not in the
     *     native byte order
     * @throws IndexOutOfBoundsException if an offset is negative or a buffer is too short for its matrix
     * @throws java.nio.ReadOnlyBufferException if c is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void gemm(Layout layout, Transpose transA, Transpose transB, int m, int n, int k, float alpha,
            FloatBuffer a, int offA, int lda, FloatBuffer b, int offB, int ldb, float beta, FloatBuffer c, int offC, int ldc) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        Checks.notNull(c, "c");
        pool.call(BlasSpecs.GEMM_F32, gemmArgs(layout, transA, transB, m, n, k, alpha, a, a.remaining(), offA, lda,
                b, b.remaining(), offB, ldb, beta, c, c.remaining(), offC, ldc));
    }

    /**
     * {@link #gemv(Layout, Transpose, int, int, double, double[], int, int, double[], int, double, double[], int) gemv} on
     * buffers, read and written where they are on the native backend (see "Off-heap memory" at
     * {@link KernelPool}): offsets count from each buffer's position, within its remaining elements.
     *
     * @param layout how A lies in its buffer
     * @param trans whether A is used transposed
     * @param m rows of A as stored
     * @param n columns of A as stored
     * @param alpha the product's scale
     * @param a A's buffer; not modified
     * @param offA A's first element, past a's position
     * @param lda A's leading dimension
     * @param x x's buffer; not modified
     * @param offX x's first element, past x's position
     * @param beta y's scale; 0 ignores y's old contents
     * @param y y's buffer, updated
     * @param offY y's first element, past y's position
     * @throws NullPointerException if a buffer or enum is null
     * @throws IllegalArgumentException if m or n is negative, lda is too small, y shares memory with A or x, or
     *     a buffer is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws IndexOutOfBoundsException if an offset is negative or a buffer is too short
     * @throws java.nio.ReadOnlyBufferException if y is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void gemv(Layout layout, Transpose trans, int m, int n, double alpha, DoubleBuffer a, int offA, int lda,
            DoubleBuffer x, int offX, double beta, DoubleBuffer y, int offY) {
        Checks.notNull(a, "a");
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Args args = gemvArgs(layout, trans, m, n, alpha, a, a.remaining(), offA, lda, x, x.remaining(), offX, beta, y,
                y.remaining(), offY);
        pool.call(transposedColumnMajor(layout, trans) ? BlasSpecs.GEMV_T : BlasSpecs.GEMV_N, args);
    }

    /**
     * {@link #gemv(Layout, Transpose, int, int, float, float[], int, int, float[], int, float, float[], int) gemv} on
     * buffers, read and written where they are on the native backend (see "Off-heap memory" at
     * {@link KernelPool}): offsets count from each buffer's position, within its remaining elements.
     *
     * @param layout how A lies in its buffer
     * @param trans whether A is used transposed
     * @param m rows of A as stored
     * @param n columns of A as stored
     * @param alpha the product's scale
     * @param a A's buffer; not modified
     * @param offA A's first element, past a's position
     * @param lda A's leading dimension
     * @param x x's buffer; not modified
     * @param offX x's first element, past x's position
     * @param beta y's scale; 0 ignores y's old contents
     * @param y y's buffer, updated
     * @param offY y's first element, past y's position
     * @throws NullPointerException if a buffer or enum is null
     * @throws IllegalArgumentException if m or n is negative, lda is too small, y shares memory with A or x, or
     *     a buffer is neither direct nor backed by an accessible array, or not in the native byte order
     * @throws IndexOutOfBoundsException if an offset is negative or a buffer is too short
     * @throws java.nio.ReadOnlyBufferException if y is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void gemv(Layout layout, Transpose trans, int m, int n, float alpha, FloatBuffer a, int offA, int lda,
            FloatBuffer x, int offX, float beta, FloatBuffer y, int offY) {
        Checks.notNull(a, "a");
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Args args = gemvArgs(layout, trans, m, n, alpha, a, a.remaining(), offA, lda, x, x.remaining(), offX, beta, y,
                y.remaining(), offY);
        pool.call(transposedColumnMajor(layout, trans) ? BlasSpecs.GEMV_T_F32 : BlasSpecs.GEMV_N_F32, args);
    }

    /**
     * Whether the call is, in column-major terms, a transposed gemv (a row-major A is the column-major
     * A<sup>T</sup>): those stream over A's columns (pinned windows of the array), the others run on a copy.
     */
    private static boolean transposedColumnMajor(Layout layout, Transpose trans) {
        return (Checks.notNull(layout, "layout") == Layout.ROW_MAJOR) != (Checks.notNull(trans, "trans") == Transpose.TRANS);
    }

    /**
     * Checks a gemv call with the caller's names and makes its column-major arguments (m, n, lda): a row-major
     * m x n A is the column-major n x m A<sup>T</sup>, so m and n swap (and {@link #transposedColumnMajor} picks
     * the other operation).
     */
    private static Args gemvArgs(Layout layout, Transpose trans, int m, int n, double alpha, Object a, int aLength,
            int offA, int lda, Object x, int xLength, int offX, double beta, Object y, int yLength, int offY) {
        Checks.notNull(layout, "layout");
        Checks.notNull(trans, "trans");
        nonNegative("m", m);
        nonNegative("n", n);
        boolean t = trans == Transpose.TRANS, rowMajor = layout == Layout.ROW_MAJOR;
        int extA = span("a", "A", "offA", offA, "lda", lda, m, n, rowMajor, aLength);
        int extX = vector("x", "offX", offX, t ? m : n, xLength), extY = vector("y", "offY", offY, t ? n : m, yLength);
        apart(a, offA, extA, "a", y, offY, extY, "y");
        apart(x, offX, extX, "x", y, offY, extY, "y");
        Args args = new Args().slot(a, offA, extA).slot(x, offX, extX).slot(y, offY, extY);
        return args.integer(rowMajor ? n : m).integer(rowMajor ? m : n).integer(lda).real(alpha).real(beta);
    }

    /** Checks that a vector of {@code length} elements from {@code off} fits its array; returns the length. */
    private static int vector(String array, String offName, int off, int length, int arrayLength) {
        if (off < 0 || off > arrayLength || length > arrayLength - off) {
            throw new IndexOutOfBoundsException(offName + " " + off + " and the " + length + " elements " + array
                    + " needs do not fit " + array + ".length " + arrayLength);
        }
        return length;
    }

    /**
     * The product of row-major matrices: a is m x k ({@code a.length == m * k}), b is k x n; returns the new
     * row-major m x n array {@code a * b}.
     *
     * @param a the left matrix, row-major; not modified
     * @param b the right matrix, row-major; not modified
     * @param m rows of a
     * @param k columns of a, rows of b
     * @param n columns of b
     * @return a new array of m * n elements
     * @throws NullPointerException if a or b is null
     * @throws IllegalArgumentException if a size is negative, an array's length is not its matrix's size, or
     *     m * n exceeds an array's reach
     * @throws IllegalStateException if the pool is closed
     */
    public double[] multiply(double[] a, double[] b, int m, int k, int n) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        double[] c = new double[productSize(a.length, b.length, m, k, n)];
        gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, m, n, k, 1.0, a, 0, Math.max(1, k), b, 0,
                Math.max(1, n), 0.0, c, 0, Math.max(1, n));
        return c;
    }

    /**
     * {@link #multiply(double[], double[], int, int, int)} on floats.
     *
     * @param a the left matrix, row-major; not modified
     * @param b the right matrix, row-major; not modified
     * @param m rows of a
     * @param k columns of a, rows of b
     * @param n columns of b
     * @return a new array of m * n elements
     * @throws NullPointerException if a or b is null
     * @throws IllegalArgumentException if a size is negative, an array's length is not its matrix's size, or
     *     m * n exceeds an array's reach
     * @throws IllegalStateException if the pool is closed
     */
    public float[] multiply(float[] a, float[] b, int m, int k, int n) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        float[] c = new float[productSize(a.length, b.length, m, k, n)];
        gemm(Layout.ROW_MAJOR, Transpose.NO_TRANS, Transpose.NO_TRANS, m, n, k, 1.0f, a, 0, Math.max(1, k), b, 0,
                Math.max(1, n), 0.0f, c, 0, Math.max(1, n));
        return c;
    }

    /** multiply's checks; the result's length. */
    private static int productSize(int aLength, int bLength, int m, int k, int n) {
        nonNegative("m", m);
        nonNegative("k", k);
        nonNegative("n", n);
        if ((long) m * k != aLength) {
            throw new IllegalArgumentException("a.length (" + aLength + ") must be m * k = " + m + " * " + k);
        }
        if ((long) k * n != bLength) {
            throw new IllegalArgumentException("b.length (" + bLength + ") must be k * n = " + k + " * " + n);
        }
        long size = (long) m * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("m * n = " + size + " elements do not fit in one array");
        }
        return (int) size;
    }

    /**
     * Checks a gemm call with the caller's names and makes its column-major arguments: a row-major
     * {@code C = op(A) op(B)} is the column-major {@code C^T = op(B)^T op(A)^T}, the same arrays with A and B
     * swapped, m and n swapped, and the same transpose flags.
     */
    private static Args gemmArgs(Layout layout, Transpose transA, Transpose transB, int m, int n, int k,
            double alpha, Object a, int aLength, int offA, int lda, Object b, int bLength, int offB, int ldb,
            double beta, Object c, int cLength, int offC, int ldc) {
        Checks.notNull(layout, "layout");
        Checks.notNull(transA, "transA");
        Checks.notNull(transB, "transB");
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        boolean ta = transA == Transpose.TRANS, tb = transB == Transpose.TRANS, rowMajor = layout == Layout.ROW_MAJOR;
        int extA = span("a", "A", "offA", offA, "lda", lda, ta ? k : m, ta ? m : k, rowMajor, aLength);
        int extB = span("b", "B", "offB", offB, "ldb", ldb, tb ? n : k, tb ? k : n, rowMajor, bLength);
        int extC = span("c", "C", "offC", offC, "ldc", ldc, m, n, rowMajor, cLength);
        apart(a, offA, extA, "a", c, offC, extC, "c");
        apart(b, offB, extB, "b", c, offC, extC, "c");
        Args args = new Args();
        if (rowMajor) {
            args.slot(b, offB, extB).slot(a, offA, extA).slot(c, offC, extC).names("b", "a", "c");
            args.integer(tb ? 1 : 0).integer(ta ? 1 : 0).integer(n).integer(m).integer(k).integer(ldb).integer(lda);
        } else {
            args.slot(a, offA, extA).slot(b, offB, extB).slot(c, offC, extC);
            args.integer(ta ? 1 : 0).integer(tb ? 1 : 0).integer(m).integer(n).integer(k).integer(lda).integer(ldb);
        }
        return args.integer(ldc).real(alpha).real(beta);
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /**
     * Checks a stored rows x cols matrix's leading dimension and reach; returns the elements it spans from
     * its offset.
     */
    private static int span(String array, String matrix, String offName, int off, String ldName, int ld, int rows,
            int cols, boolean rowMajor, int length) {
        int line = rowMajor ? cols : rows;
        if (ld < Math.max(1, line)) {
            throw new IllegalArgumentException(ldName + " (" + ld + ") must be at least " + Math.max(1, line) + ", the "
                    + (rowMajor ? "columns" : "rows") + " of " + matrix + " (" + rows + " x " + cols + " as stored, "
                    + (rowMajor ? "ROW_MAJOR" : "COL_MAJOR") + ")");
        }
        long extent = rowMajor ? BlasSpecs.extent(cols, rows, ld) : BlasSpecs.extent(rows, cols, ld);
        if (off < 0 || off > length || extent > length - off) {
            throw new IndexOutOfBoundsException(offName + " " + off + " and the " + extent + " elements " + matrix + " ("
                    + rows + " x " + cols + ", " + ldName + " " + ld + ") spans do not fit " + array + ".length " + length);
        }
        return (int) extent;
    }

    private static void apart(Object x, int offX, int extX, String name, Object out, int offOut, int extOut,
            String outName) {
        if (x == out && extX > 0 && extOut > 0 && offX < offOut + extOut && offOut < offX + extX) {
            throw new IllegalArgumentException(outName + " and " + name + " share elements of one array (" + name
                    + " spans [" + offX + ", " + (offX + extX) + "), " + outName + " [" + offOut + ", " + (offOut + extOut)
                    + ")); the result must be apart");
        }
    }
}
