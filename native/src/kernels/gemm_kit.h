/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GEMM kit template (gemm.h states the layouts and the arithmetic). An ISA file defines the parameters
 * below and includes this file once per element type; the file undefines them at its end.
 *   GK_T        element type                 GK_V      vector of GK_VLEN elements (packed loads: aligned)
 *   GK_MV       vectors per micro-tile column (MR = GK_MV * GK_VLEN)
 *   GK_NR       micro-tile columns            GK_MC, GK_KC, GK_NC  cache blocks
 *   GK_FMA(a, b, c)  a * b + c (fused where the path has it)    GK_SPLAT(x)  x in every lane
 *   GK_SFMA(a, b, c) the same on scalars, rounding as GK_FMA does
 *   GK_ID       a prefix for this instance's static names        GK_KIT    the kit function's name
 * The accumulators (GK_MV * GK_NR vectors) plus GK_MV loaded ones must fit the path's registers.
 */
#include <string.h>

#define GK_CAT2(a, b) a##_##b
#define GK_CAT(a, b) GK_CAT2(a, b)
#define GK_FN(name) GK_CAT(GK_ID, name)
#define GK_MR (GK_MV * GK_VLEN)

/* One full MR x NR tile of C (leading dimension ldc) from a packed A micro-panel and B's kc x NR panel,
 * element (p, j) at b[p * step_p + j * step_j]: packed (NR and 1, constants once inlined) or B in place. */
static inline __attribute__((always_inline)) void GK_FN(micro_at)(size_t kc, const GK_T *restrict a,
                                                                  const GK_T *restrict b, size_t step_p, size_t step_j,
                                                                  GK_T alpha, GK_T beta, GK_T *c, size_t ldc) {
    GK_V acc[GK_NR][GK_MV];
#pragma GCC unroll 32
    for (int j = 0; j < GK_NR; j++)
#pragma GCC unroll 8
        for (int v = 0; v < GK_MV; v++) acc[j][v] = GK_SPLAT(0);
    for (size_t p = 0; p < kc; p++, a += GK_MR, b += step_p) {
        GK_V av[GK_MV];
#pragma GCC unroll 8
        for (int v = 0; v < GK_MV; v++) av[v] = *(const GK_V *)(const void *)(a + v * GK_VLEN);
#pragma GCC unroll 32
        for (int j = 0; j < GK_NR; j++) {
            GK_V bj = GK_SPLAT(b[(size_t)j * step_j]);
#pragma GCC unroll 8
            for (int v = 0; v < GK_MV; v++) acc[j][v] = GK_FMA(av[v], bj, acc[j][v]);
        }
    }
    GK_V va = GK_SPLAT(alpha), vb = GK_SPLAT(beta);
#pragma GCC unroll 32
    for (int j = 0; j < GK_NR; j++)
#pragma GCC unroll 8
        for (int v = 0; v < GK_MV; v++) {
            GK_T *at = c + (size_t)j * ldc + (size_t)v * GK_VLEN;
            GK_V out;
            if (beta == 0) {
                out = va * acc[j][v];
            } else {
                GK_V old;
                memcpy(&old, at, sizeof old);
                out = GK_FMA(va, acc[j][v], vb * old);
            }
            memcpy(at, &out, sizeof out);
        }
}

static void GK_FN(micro)(size_t kc, const GK_T *restrict a, const GK_T *restrict b, GK_T alpha, GK_T beta,
                         GK_T *c, size_t ldc) {
    GK_FN(micro_at)(kc, a, b, GK_NR, 1, alpha, beta, c, ldc);
}

/* A tile cut by the block's edge: the micro-kernel on a padded copy, then the valid part back; B's panel
 * as micro_at takes it. */
static void GK_FN(edge_at)(size_t kc, const GK_T *a, const GK_T *b, size_t step_p, size_t step_j, GK_T alpha,
                           GK_T beta, GK_T *c, size_t ldc, size_t rows, size_t cols) {
    _Alignas(64) GK_T tile[GK_MR * GK_NR];
    memset(tile, 0, sizeof tile);
    if (beta != 0)
        for (size_t j = 0; j < cols; j++) memcpy(tile + j * GK_MR, c + j * ldc, rows * sizeof(GK_T));
    GK_FN(micro_at)(kc, a, b, step_p, step_j, alpha, beta, tile, GK_MR);
    for (size_t j = 0; j < cols; j++) memcpy(c + j * ldc, tile + j * GK_MR, rows * sizeof(GK_T));
}

static void GK_FN(edge)(size_t kc, const GK_T *a, const GK_T *b, GK_T alpha, GK_T beta, GK_T *c, size_t ldc,
                        size_t rows, size_t cols) {
    GK_FN(edge_at)(kc, a, b, GK_NR, 1, alpha, beta, c, ldc, rows, cols);
}

static void GK_FN(macro)(size_t mc, size_t nc, size_t kc, double alpha, double beta, const void *pa,
                         const void *pb, void *cv, size_t ldc) {
    const GK_T *a = pa, *b = pb;
    GK_T *c = cv, al = (GK_T)alpha, be = (GK_T)beta;
    for (size_t jr = 0; jr < nc; jr += GK_NR) {
        size_t cols = nc - jr < GK_NR ? nc - jr : GK_NR;
        for (size_t ir = 0; ir < mc; ir += GK_MR) {
            size_t rows = mc - ir < GK_MR ? mc - ir : GK_MR;
            const GK_T *ap = a + ir * kc, *bp = b + jr * kc;
            GK_T *cp = c + ir + jr * ldc;
            if (rows == GK_MR && cols == GK_NR)
                GK_FN(micro)(kc, ap, bp, al, be, cp, ldc);
            else
                GK_FN(edge)(kc, ap, bp, al, be, cp, ldc, rows, cols);
        }
    }
}

static void GK_FN(pack_a)(const void *av, size_t lda, int trans, size_t mc, size_t kc, void *dst) {
    const GK_T *a = av;
    GK_T *d = dst;
    for (size_t ir = 0; ir < mc; ir += GK_MR, d += GK_MR * kc) {
        size_t rows = mc - ir < GK_MR ? mc - ir : GK_MR;
        if (!trans) {
            for (size_t p = 0; p < kc; p++) {
                const GK_T *col = a + ir + p * lda;
                for (size_t i = 0; i < rows; i++) d[p * GK_MR + i] = col[i];
                for (size_t i = rows; i < GK_MR; i++) d[p * GK_MR + i] = 0;
            }
        } else {
            for (size_t i = 0; i < rows; i++) {
                const GK_T *row = a + (ir + i) * lda;
                for (size_t p = 0; p < kc; p++) d[p * GK_MR + i] = row[p];
            }
            for (size_t p = 0; rows < GK_MR && p < kc; p++)
                for (size_t i = rows; i < GK_MR; i++) d[p * GK_MR + i] = 0;
        }
    }
}

static void GK_FN(pack_b)(const void *bv, size_t ldb, int trans, size_t kc, size_t nc, void *dst) {
    const GK_T *b = bv;
    GK_T *d = dst;
    for (size_t jr = 0; jr < nc; jr += GK_NR, d += GK_NR * kc) {
        size_t cols = nc - jr < GK_NR ? nc - jr : GK_NR;
        if (!trans) {
            for (size_t j = 0; j < cols; j++) {
                const GK_T *col = b + (jr + j) * ldb;
                for (size_t p = 0; p < kc; p++) d[p * GK_NR + j] = col[p];
            }
            for (size_t p = 0; cols < GK_NR && p < kc; p++)
                for (size_t j = cols; j < GK_NR; j++) d[p * GK_NR + j] = 0;
        } else {
            for (size_t p = 0; p < kc; p++) {
                const GK_T *row = b + jr + p * ldb;
                for (size_t j = 0; j < cols; j++) d[p * GK_NR + j] = row[j];
                for (size_t j = cols; j < GK_NR; j++) d[p * GK_NR + j] = 0;
            }
        }
    }
}

/* macro with B read in place (op(B)(p, j) at b[p + j * ldb], or b[j + p * ldb] when trans): the same
 * arithmetic per element. A last panel of fewer than NR columns is packed into `edge` (kc x NR) first. */
static void GK_FN(macro_b)(size_t mc, size_t nc, size_t kc, double alpha, double beta, const void *pa,
                           const void *bv, size_t ldb, int trans, void *edge, void *cv, size_t ldc) {
    const GK_T *a = pa, *b = bv;
    GK_T *c = cv, al = (GK_T)alpha, be = (GK_T)beta;
    size_t step_p = trans ? ldb : 1, step_j = trans ? 1 : ldb;
    for (size_t jr = 0; jr < nc; jr += GK_NR) {
        size_t cols = nc - jr < GK_NR ? nc - jr : GK_NR;
        const GK_T *panel = b + jr * step_j;
        if (cols < GK_NR) GK_FN(pack_b)(panel, ldb, trans, kc, cols, edge);
        for (size_t ir = 0; ir < mc; ir += GK_MR) {
            size_t rows = mc - ir < GK_MR ? mc - ir : GK_MR;
            const GK_T *ap = a + ir * kc;
            GK_T *cp = c + ir + jr * ldc;
            if (cols < GK_NR)
                GK_FN(edge)(kc, ap, edge, al, be, cp, ldc, rows, cols);
            else if (rows == GK_MR)
                GK_FN(micro_at)(kc, ap, panel, step_p, step_j, al, be, cp, ldc);
            else /* rows cut: a padded copy of the tile, B in place */
                GK_FN(edge_at)(kc, ap, panel, step_p, step_j, al, be, cp, ldc, rows, cols);
        }
    }
}

/* A small call (m, n, k at most JK_GEMM_SMALL) without packing or scratch: op(A) copied into a zero-padded
 * column-major tile on the stack (rows rounded up to whole vectors), then per vector of rows and group of four
 * columns, sums in p order by the same fused steps as micro: the same bits as the packed path. */
static void GK_FN(small)(size_t m, size_t n, size_t k, double alpha, double beta, const void *av, size_t lda,
                         int trans_a, const void *bv, size_t ldb, int trans_b, void *cv, size_t ldc) {
    enum { ROWS = (JK_GEMM_SMALL + GK_VLEN - 1) / GK_VLEN * GK_VLEN };
    const GK_T *a = av, *b = bv;
    GK_T *c = cv, be = (GK_T)beta;
    _Alignas(64) GK_T at[ROWS * JK_GEMM_SMALL];
    size_t rows = (m + GK_VLEN - 1) / GK_VLEN * GK_VLEN;
    for (size_t p = 0; p < k; p++)
        for (size_t i = 0; i < rows; i++) at[p * rows + i] = i < m ? (trans_a ? a[p + i * lda] : a[i + p * lda]) : 0;
    GK_V va = GK_SPLAT(alpha), vb = GK_SPLAT(beta);
    size_t step_p = trans_b ? ldb : 1, step_j = trans_b ? 1 : ldb;
    for (size_t j0 = 0; j0 < n; j0 += 4) {
        /* four columns at a time, a last group repeating column n - 1 (computed, never stored) */
        const GK_T *bq[4];
        for (size_t q = 0; q < 4; q++) bq[q] = b + (j0 + q < n ? j0 + q : n - 1) * step_j;
        for (size_t iv = 0; iv < m; iv += GK_VLEN) {
            size_t lanes = m - iv < GK_VLEN ? m - iv : GK_VLEN;
            GK_V acc0 = GK_SPLAT(0), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (size_t p = 0; p < k; p++) {
                GK_V x = *(const GK_V *)(const void *)(at + p * rows + iv);
                acc0 = GK_FMA(x, GK_SPLAT(bq[0][p * step_p]), acc0);
                acc1 = GK_FMA(x, GK_SPLAT(bq[1][p * step_p]), acc1);
                acc2 = GK_FMA(x, GK_SPLAT(bq[2][p * step_p]), acc2);
                acc3 = GK_FMA(x, GK_SPLAT(bq[3][p * step_p]), acc3);
            }
            GK_V acc[4] = {acc0, acc1, acc2, acc3};
            for (size_t q = 0; q < 4 && j0 + q < n; q++) {
                GK_T *cp = c + iv + (j0 + q) * ldc;
                GK_V out = va * acc[q];
                if (be != 0) {
                    GK_V old = GK_SPLAT(0);
                    memcpy(&old, cp, lanes * sizeof(GK_T));
                    out = GK_FMA(va, acc[q], vb * old);
                }
                memcpy(cp, &out, lanes * sizeof(GK_T));
            }
        }
    }
}

/* gemv, y = alpha op(A) x + beta y, column-major A (m x n as stored). Each y element is a sum in a fixed
 * order started from zero, then alpha * sum (+ beta * y by one fused step), as micro's update. */

/* No transpose, rows [r0, r1): sums over the columns in order, GK_VLEN rows per vector, in a block of up to
 * JK_GEMV_ROWS rows whose sums stay on the stack; four columns per pass over the block (four streams through
 * A at once, and a quarter of the sums' loads and stores), each sum still taking them one after another;
 * rows past the last whole vector by scalar fused steps. */
static void GK_FN(gemv_n)(size_t r0, size_t r1, size_t n, double alpha, double beta, const void *av, size_t lda,
                          const void *xv, void *yv) {
    const GK_T *a = av, *x = xv;
    GK_T *y = yv, al = (GK_T)alpha, be = (GK_T)beta;
    enum { VECS = JK_GEMV_ROWS / GK_VLEN };
    _Alignas(64) GK_V acc[VECS];
    GK_T tail[GK_VLEN];
    size_t rows = r1 - r0, vecs = rows / GK_VLEN, whole = vecs * GK_VLEN, j = 0;
    for (size_t v = 0; v < vecs; v++) acc[v] = GK_SPLAT(0);
    for (size_t i = whole; i < rows; i++) tail[i - whole] = 0;
    for (; j + 4 <= n; j += 4) {
        const GK_T *c0 = a + r0 + j * lda, *c1 = c0 + lda, *c2 = c1 + lda, *c3 = c2 + lda;
        GK_V x0 = GK_SPLAT(x[j]), x1 = GK_SPLAT(x[j + 1]), x2 = GK_SPLAT(x[j + 2]), x3 = GK_SPLAT(x[j + 3]);
        for (size_t v = 0; v < vecs; v++) {
            GK_V e0, e1, e2, e3, s = acc[v];
            memcpy(&e0, c0 + v * GK_VLEN, sizeof e0);
            memcpy(&e1, c1 + v * GK_VLEN, sizeof e1);
            memcpy(&e2, c2 + v * GK_VLEN, sizeof e2);
            memcpy(&e3, c3 + v * GK_VLEN, sizeof e3);
            s = GK_FMA(e0, x0, s);
            s = GK_FMA(e1, x1, s);
            s = GK_FMA(e2, x2, s);
            acc[v] = GK_FMA(e3, x3, s);
        }
        for (size_t i = whole; i < rows; i++) {
            GK_T t = tail[i - whole];
            t = GK_SFMA(c0[i], x[j], t);
            t = GK_SFMA(c1[i], x[j + 1], t);
            t = GK_SFMA(c2[i], x[j + 2], t);
            tail[i - whole] = GK_SFMA(c3[i], x[j + 3], t);
        }
    }
    for (; j < n; j++) {
        const GK_T *col = a + r0 + j * lda;
        GK_V xj = GK_SPLAT(x[j]);
        for (size_t v = 0; v < vecs; v++) {
            GK_V e;
            memcpy(&e, col + v * GK_VLEN, sizeof e);
            acc[v] = GK_FMA(e, xj, acc[v]);
        }
        for (size_t i = whole; i < rows; i++) tail[i - whole] = GK_SFMA(col[i], x[j], tail[i - whole]);
    }
    GK_V va = GK_SPLAT(alpha), vb = GK_SPLAT(beta);
    for (size_t v = 0; v < vecs; v++) {
        GK_T *at = y + r0 + v * GK_VLEN;
        GK_V out = va * acc[v];
        if (be != 0) {
            GK_V old;
            memcpy(&old, at, sizeof old);
            out = GK_FMA(va, acc[v], vb * old);
        }
        memcpy(at, &out, sizeof out);
    }
    for (size_t i = whole; i < rows; i++) {
        GK_T s = tail[i - whole], *at = y + r0 + i;
        *at = be == 0 ? al * s : GK_SFMA(al, s, be * *at);
    }
}

/* One column's dot with x: two vector sums (element i in sum (i / GK_VLEN) mod 2, lane i mod GK_VLEN),
 * added, the lanes pairwise, then the elements past the last pair of vectors by scalar fused steps. */
static inline GK_T GK_FN(dot_finish)(GK_V s0, GK_V s1, const GK_T *col, const GK_T *x, size_t from, size_t m) {
    GK_V sum = s0 + s1;
    GK_T lanes[GK_VLEN];
    memcpy(lanes, &sum, sizeof lanes);
    for (size_t w = GK_VLEN / 2; w >= 1; w /= 2)
        for (size_t l = 0; l < w; l++) lanes[l] += lanes[l + w];
    GK_T s = lanes[0];
    for (size_t i = from; i < m; i++) s = GK_SFMA(col[i], x[i], s);
    return s;
}

/* Transposed, columns [c0, c1): y_j = alpha * (A's column j . x) + beta y_j, each dot as dot_finish says;
 * four columns per pass (four streams through A, which memory serves better than one; x loaded once for
 * all four); the last columns of a pass past c1 repeat column c1 - 1 (computed, never stored). */
static void GK_FN(gemv_t)(size_t c0, size_t c1, size_t m, double alpha, double beta, const void *av, size_t lda,
                          const void *xv, void *yv) {
    const GK_T *a = av, *x = xv;
    GK_T *y = yv, al = (GK_T)alpha, be = (GK_T)beta;
    size_t pairs = m / (2 * GK_VLEN) * (2 * GK_VLEN);
    for (size_t j = c0; j < c1; j += 4) {
        const GK_T *col[4];
        for (size_t q = 0; q < 4; q++) col[q] = a + (j + q < c1 ? j + q : c1 - 1) * lda;
        const GK_T *p0 = col[0], *p1 = col[1], *p2 = col[2], *p3 = col[3];
        GK_V z = GK_SPLAT(0), a0 = z, a1 = z, b0 = z, b1 = z, e0 = z, e1 = z, f0 = z, f1 = z;
        for (size_t i = 0; i < pairs; i += 2 * GK_VLEN) {
            GK_V x0, x1;
            memcpy(&x0, x + i, sizeof x0);
            memcpy(&x1, x + i + GK_VLEN, sizeof x1);
            GK_V u;
            memcpy(&u, p0 + i, sizeof u), a0 = GK_FMA(u, x0, a0);
            memcpy(&u, p1 + i, sizeof u), b0 = GK_FMA(u, x0, b0);
            memcpy(&u, p2 + i, sizeof u), e0 = GK_FMA(u, x0, e0);
            memcpy(&u, p3 + i, sizeof u), f0 = GK_FMA(u, x0, f0);
            memcpy(&u, p0 + i + GK_VLEN, sizeof u), a1 = GK_FMA(u, x1, a1);
            memcpy(&u, p1 + i + GK_VLEN, sizeof u), b1 = GK_FMA(u, x1, b1);
            memcpy(&u, p2 + i + GK_VLEN, sizeof u), e1 = GK_FMA(u, x1, e1);
            memcpy(&u, p3 + i + GK_VLEN, sizeof u), f1 = GK_FMA(u, x1, f1);
        }
        GK_T dots[4] = {GK_FN(dot_finish)(a0, a1, p0, x, pairs, m), GK_FN(dot_finish)(b0, b1, p1, x, pairs, m),
                        GK_FN(dot_finish)(e0, e1, p2, x, pairs, m), GK_FN(dot_finish)(f0, f1, p3, x, pairs, m)};
        for (size_t q = 0; q < 4 && j + q < c1; q++)
            y[j + q] = be == 0 ? al * dots[q] : GK_SFMA(al, dots[q], be * y[j + q]);
    }
}

_Static_assert(GK_MC % GK_MR == 0 && GK_NC % GK_NR == 0, "cache blocks are whole micro-panels");

const jk_gemm_kit *GK_KIT(void) {
    static const jk_gemm_kit kit = {.size = sizeof(GK_T), .mr = GK_MR, .nr = GK_NR, .mc = GK_MC, .kc = GK_KC,
                                    .nc = GK_NC, .pack_a = GK_FN(pack_a), .pack_b = GK_FN(pack_b),
                                    .macro = GK_FN(macro), .macro_b = GK_FN(macro_b), .small = GK_FN(small),
                                    .gemv_n = GK_FN(gemv_n), .gemv_t = GK_FN(gemv_t)};
    return &kit;
}

#undef GK_CAT2
#undef GK_CAT
#undef GK_FN
#undef GK_MR
#undef GK_T
#undef GK_V
#undef GK_VLEN
#undef GK_MV
#undef GK_NR
#undef GK_MC
#undef GK_KC
#undef GK_NC
#undef GK_FMA
#undef GK_SPLAT
#undef GK_SFMA
#undef GK_ID
#undef GK_KIT
