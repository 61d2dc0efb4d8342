/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GEMM kernels, in the BLIS structure: the op layer (ops/gemm.c) runs the loops around the cache blocks and
 * splits them over a team; the kernels pack blocks of op(A) and op(B) into contiguous panels and run the
 * register-blocked micro-kernel over a packed block pair (the macro-kernel). Everything is column-major.
 *
 * One kit per ISA path and element type: its micro-tile (MR x NR), cache blocks (MC x KC of packed A, KC x NC
 * of packed B) and three functions. The blocks are the kit's constants, never the thread count's, so the
 * arithmetic of every element of C is fixed by the kit alone:
 *   c = alpha * (sum over p of a_ip * b_pj in p order within each KC block, each block's sum started from
 *   zero; fused multiply-adds on the AVX2 and AVX-512 paths, multiply then add on the portable one) + beta' * c, where beta' is the caller's beta for the first block and 1 after it;
 *   beta' == 0 stores alpha * sum without reading c (BLAS: NaN in C does not propagate).
 * Edge tiles run the same micro-kernel on a padded copy of the tile, so an element's bits do not depend on
 * where the tile boundaries fall (they move with the split between team members).
 *
 * Packed layouts (what pack_a / pack_b write and macro reads):
 *   A block (mc x kc): micro-panels of MR rows, panel q at q * MR * kc; within one, element (i, p) at
 *     p * MR + i; rows past mc are zero.
 *   B block (kc x nc): micro-panels of NR columns, panel q at q * NR * kc; within one, (p, j) at p * NR + j;
 *     columns past nc are zero.
 * The micro-kernel loads packed A a vector at a time, aligned: the block is 64-byte aligned and MR * size is a
 * multiple of the vector's size. Packed B is read an element at a time (broadcast).
 */
#ifndef JKERNELS_KERNELS_GEMM_H
#define JKERNELS_KERNELS_GEMM_H

#include "kernels.h"

typedef struct jk_gemm_kit {
    size_t size;       /* bytes per element */
    size_t mr, nr;     /* micro-tile */
    size_t mc, kc, nc; /* cache blocks: mc a multiple of mr, nc of nr */
    /* Packs op(A)'s block of mc rows and kc columns starting at `a` (element (0, 0) of the block); op(A)(i, p)
     * is a[i + p * lda], or a[p + i * lda] when trans. */
    void (*pack_a)(const void *a, size_t lda, int trans, size_t mc, size_t kc, void *dst);
    /* Packs op(B)'s block of kc rows and nc columns starting at `b`; op(B)(p, j) is b[p + j * ldb], or
     * b[j + p * ldb] when trans. */
    void (*pack_b)(const void *b, size_t ldb, int trans, size_t kc, size_t nc, void *dst);
    /* C[mc x nc] (leading dimension ldc) = alpha * packed A * packed B + beta * C, tile by tile as above. */
    void (*macro)(size_t mc, size_t nc, size_t kc, double alpha, double beta, const void *pa, const void *pb,
                  void *c, size_t ldc);
    /* macro with op(B)'s kc x nc block read in place from b (as pack_b reads it); `edge` (kc x nr elements,
     * 64-byte aligned) holds a packed copy of a last panel narrower than nr. The same bits as macro. */
    void (*macro_b)(size_t mc, size_t nc, size_t kc, double alpha, double beta, const void *pa, const void *b,
                    size_t ldb, int trans, void *edge, void *c, size_t ldc);
    /* The whole call for m, n, k all at most JK_GEMM_SMALL, without packing: the same bits as the blocks. */
    void (*small)(size_t m, size_t n, size_t k, double alpha, double beta, const void *a, size_t lda, int trans_a,
                  const void *b, size_t ldb, int trans_b, void *c, size_t ldc);
    /* gemv, y = alpha op(A) x + beta y with A column-major m x n (leading dimension lda): gemv_n makes
     * y[r0, r1) of A x (r1 - r0 at most JK_GEMV_ROWS), gemv_t y[c0, c1) of A^T x (m rows). beta == 0 never
     * reads y. Each element's order is fixed by the path alone. */
    void (*gemv_n)(size_t r0, size_t r1, size_t n, double alpha, double beta, const void *a, size_t lda,
                   const void *x, void *y);
    void (*gemv_t)(size_t c0, size_t c1, size_t m, double alpha, double beta, const void *a, size_t lda,
                   const void *x, void *y);
} jk_gemm_kit;

/* The most rows, columns and inner length of a call `small` takes (within every kit's KC): measured, the
 * packed path wins from 32 on (AVX-512 doubles at 32^3: 36 against 24 GFLOP/s), `small` below (16^3: 13 against
 * 10; 4^3: 2 to 4 times faster). */
#define JK_GEMM_SMALL 16

/* Rows per block of a gemv without transpose (its sums stay on the stack). */
#define JK_GEMV_ROWS 512

/* The kit of a path and type: kernel 0 of gemm_f64 / gemm_f32 and gemv_f64 / gemv_f32. */
typedef const jk_gemm_kit *jk_gemm_kit_shape(void);

#endif
