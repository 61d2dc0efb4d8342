/*
 * The kernel table: what one ISA path computes with. Kernels never allocate,
 * never start threads and never fail except through their status return; the
 * ops layer decides how the work is split.
 *
 * Each kernel folder exports one constant table: ref fills every entry, an ISA
 * path fills only what it overrides and leaves the rest NULL. The tables are
 * data, not code, because code in an ISA folder is compiled with that ISA's
 * flags and must never run on a CPU without it: dispatch/table.c (baseline
 * code) merges them, and only for the paths the CPU supports.
 *
 * Adding a map kernel: its id in jk_map.h, its reference body and grain in
 * ref/ref_kernels.c, optionally an override in an ISA folder.
 */
#ifndef JKERNELS_KERNEL_TABLE_H
#define JKERNELS_KERNEL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "jkernels/jk_map.h"
#include "jkernels/jk_vector.h"
#include "jkernels/jk_image.h"

/* out[i] = f(in[i]) for i < n; in == out allowed. On a domain error returns
 * JK_ERR_DOMAIN with *bad = the first bad index (relative to `in`). */
typedef jk_status (*jk_map_i64_fn)(const int64_t *in, int64_t *out, size_t n, size_t *bad);
typedef jk_status (*jk_map_f64_fn)(const double *in, double *out, size_t n, size_t *bad);

typedef struct {
    jk_map_i64_fn fn;
    size_t grain;  /* items per chunk: 1 for costly items, thousands for cheap ones */
    int cheap;     /* 1 when one chunk is cheap enough to run on the calling thread */
} jk_map_i64_entry;

typedef struct {
    jk_map_f64_fn fn;
    size_t grain;
    int cheap;
} jk_map_f64_entry;

typedef struct jk_kernel_table {
    jk_map_i64_entry map_i64[JK_I64_KERNEL_COUNT];
    jk_map_f64_entry map_f64[JK_F64_KERNEL_COUNT];
    /* One reduction block (n <= JK_REDUCE_BLOCK, starting on a block boundary),
     * with the lane order of jk_vector.h. */
    double (*sum_block)(const double *x, size_t n);
    double (*dot_block)(const double *x, const double *y, size_t n);
    void (*axpy)(double a, const double *x, double *y, size_t n);
    void (*scale)(double a, double *x, size_t n);
    /* Rows [row_begin, row_end) of the image, written to out + row * width. */
    void (*mandelbrot_rows)(const jk_mandelbrot *m, size_t row_begin, size_t row_end, int32_t *out);
} jk_kernel_table;

/* The reference kernels (complete) and each ISA path's overrides (NULL where
 * the path keeps the kernel of the path below it; grains come from ref). */
extern const jk_kernel_table jk_ref_kernels;
extern const jk_kernel_table jk_avx2_kernels;
extern const jk_kernel_table jk_avx512_kernels;

/* ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)): the order a 512-bit horizontal add
 * takes, written once so every path combines lanes identically. */
static inline double jk_combine_lanes(const double l[JK_REDUCE_LANES]) {
    return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

#endif
