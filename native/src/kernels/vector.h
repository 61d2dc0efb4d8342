/* SPDX-License-Identifier: Apache-2.0 */
/* Shapes of the vector kernels on doubles and floats. A block kernel reduces
 * one block (n <= JK_REDUCE_BLOCK elements starting on a block boundary) in the
 * order of jk_vector.h, written once here (jk_reduce_block) and compiled with
 * each path's flags (JK_VECTOR_KERNELS). */
#ifndef JKERNELS_KERNELS_VECTOR_H
#define JKERNELS_KERNELS_VECTOR_H

#include <math.h>
#include <string.h>

#include "kernels.h"
#include "jkernels/jk_vector.h"

/* A block reduction of x (and y, for dot; NULL otherwise): the elements are
 * the op's slot type, double or float. */
typedef double jk_reduce_shape(const void *x, const void *y, size_t n);
/* An integer block sum: int64 wrapping, of int64 or int32 elements. */
typedef int64_t jk_reduce_i64_shape(const void *x, size_t n);
/* The index of the first extreme of x[0, n) (n >= 1): the first NaN if there is one, else the first
 * smallest (argmin) or largest (argmax) element, -0.0 ranking below +0.0 (Math.min and Math.max). */
typedef size_t jk_extreme_shape(const void *x, size_t n);
/* A block's moments for variance: its sum (sum's order) and the sum of squared deviations from the
 * block's own mean sum / n (the same order), both over the block held in cache: one pass over memory. */
typedef void jk_moments_shape(const void *x, size_t n, double *sum, double *m2);
/* A block's sum of squares for norm2 in sum's order: ssq = sum of (x * 2^k)^2, where k = 0 unless the
 * plain sum would overflow or underflow, else chosen from the block's largest |x| (jk_norm_block). */
typedef void jk_norm_shape(const void *x, size_t n, double *ssq, int *k);
/* y += a * x and x *= a, in the slot type's arithmetic (a is exact in it). */
typedef void jk_axpy_shape(double a, const void *x, void *y, size_t n);
typedef void jk_scale_shape(double a, void *x, size_t n);

/* ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)): the order a 512-bit horizontal add
 * takes, so every path combines lanes identically. */
static inline double jk_combine_lanes(const double l[JK_REDUCE_LANES]) {
    return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

/* What a block reduction adds up: x[i], x[i]*x[i], x[i]*y[i], (x[i]-shift)^2 or
 * (x[i]*shift)^2 (each product rounded before it is added), of doubles or of floats. Floats are widened to
 * double first, exactly, so their terms and sums are double ones: a float
 * product is exact in double and the float result is rounded once, at the end. */
typedef enum { JK_TERM_X, JK_TERM_SQUARE, JK_TERM_PRODUCT, JK_TERM_DEVIATION, JK_TERM_SCALED_SQUARE } jk_term;
typedef enum { JK_ELEM_F64, JK_ELEM_F32 } jk_elem;

/* The order of jk_vector.h written once, for every path: a GCC vector of 8
 * doubles holds one row of a group (lane l in element l), so each lane's tree
 * is the same vector adds whatever the target; the reference file compiles it
 * to SSE2, the AVX2 file to pairs of ymm, the AVX-512 file to zmm. */
typedef double jk_f64x8 __attribute__((vector_size(JK_REDUCE_LANES * sizeof(double))));

#define JK_REDUCE_LEVELS 6 /* log2(JK_REDUCE_GROUPS) */
_Static_assert(1 << JK_REDUCE_LEVELS == JK_REDUCE_GROUPS, "JK_REDUCE_LEVELS is log2(JK_REDUCE_GROUPS)");

typedef float jk_f32x8 __attribute__((vector_size(JK_REDUCE_LANES * sizeof(float))));

/* Elements i..i+7 of p, as doubles (unaligned loads). */
static inline jk_f64x8 jk_load_row(jk_elem elem, const void *p, size_t i) {
    if (elem == JK_ELEM_F32) {
        jk_f32x8 f;
        memcpy(&f, (const float *)p + i, sizeof f);
        return __builtin_convertvector(f, jk_f64x8);
    }
    jk_f64x8 v;
    memcpy(&v, (const double *)p + i, sizeof v);
    return v;
}

static inline double jk_element(jk_elem elem, const void *p, size_t i) {
    return elem == JK_ELEM_F32 ? (double)((const float *)p)[i] : ((const double *)p)[i];
}

static inline jk_f64x8 jk_row_terms(jk_term kind, jk_elem elem, const void *x, const void *y, double shift,
                                    size_t i) {
    jk_f64x8 a = jk_load_row(elem, x, i);
    if (kind == JK_TERM_X) return a;
    if (kind == JK_TERM_DEVIATION) {
        jk_f64x8 d = a - shift;
        return d * d;
    }
    if (kind == JK_TERM_SCALED_SQUARE) {
        jk_f64x8 d = a * shift;
        return d * d;
    }
    return a * (kind == JK_TERM_PRODUCT ? jk_load_row(elem, y, i) : a);
}

/* One whole group at element `base`: its 8 rows as a balanced tree. */
static inline jk_f64x8 jk_group(jk_term kind, jk_elem elem, const void *x, const void *y, double shift,
                                size_t base) {
    jk_f64x8 r[JK_REDUCE_ROWS];
    for (int row = 0; row < JK_REDUCE_ROWS; row++)
        r[row] = jk_row_terms(kind, elem, x, y, shift, base + (size_t)row * JK_REDUCE_LANES);
    return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
}

/* A block's short last group, widened to doubles and completed with terms that change no sum: -0.0
 * (x + -0.0 == x for every x; a product's padding is -0.0 * +0.0), or for a square or a deviation +0.0
 * (the padding x = -0.0, or the shift itself), neutral in a sum of terms that are never -0.0. */
static inline jk_f64x8 jk_last_group(jk_term kind, jk_elem elem, const void *x, const void *y, double shift,
                                     size_t base, size_t n) {
    double pad = kind == JK_TERM_DEVIATION ? shift : -0.0;
    double xs[JK_REDUCE_GROUP], ys[JK_REDUCE_GROUP] = {0};
    for (size_t i = 0; i < JK_REDUCE_GROUP; i++) xs[i] = base + i < n ? jk_element(elem, x, base + i) : pad;
    if (kind == JK_TERM_PRODUCT)
        for (size_t i = base; i < n; i++) ys[i - base] = jk_element(elem, y, i);
    return jk_group(kind, JK_ELEM_F64, xs, ys, shift, 0);
}

/* The tree over the groups when only the first m (0 < m < JK_REDUCE_GROUPS)
 * hold data: the pending subtrees (stack[l] for each set bit l of m) joined
 * bottom up; a subtree with no data beside it adds -0.0, which changes nothing. */
static inline jk_f64x8 jk_pending_tree(const jk_f64x8 stack[JK_REDUCE_LEVELS], size_t m) {
    const jk_f64x8 nothing = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0}; /* v + -0.0 == v, bit for bit */
    int level = __builtin_ctzll(m);
    jk_f64x8 v = stack[level] + nothing;
    for (level++; level < JK_REDUCE_LEVELS; level++) v = (m >> level & 1) ? stack[level] + v : v + nothing;
    return v;
}

/* One block (n <= JK_REDUCE_BLOCK elements) in jk_vector.h's order. The tree
 * over the groups is a binary counter of pending subtrees (stack[level]): the
 * balanced tree when groups arrive in order, without storing them. */
static inline double jk_reduce_block(jk_term kind, jk_elem elem, const void *x, const void *y, double shift,
                                     size_t n) {
    if (n == 0) return 0.0;
    size_t full = n / JK_REDUCE_GROUP, groups = (n + JK_REDUCE_GROUP - 1) / JK_REDUCE_GROUP;
    jk_f64x8 stack[JK_REDUCE_LEVELS], root = {0};
    for (size_t k = 0; k < groups; k++) {
        jk_f64x8 v = k < full ? jk_group(kind, elem, x, y, shift, k * JK_REDUCE_GROUP)
                              : jk_last_group(kind, elem, x, y, shift, k * JK_REDUCE_GROUP, n);
        int level = 0;
        for (; k >> level & 1; level++) v = stack[level] + v;
        if (level == JK_REDUCE_LEVELS)
            root = v;
        else
            stack[level] = v;
    }
    if (groups < JK_REDUCE_GROUPS) root = jk_pending_tree(stack, groups);
    double lanes[JK_REDUCE_LANES];
    memcpy(lanes, &root, sizeof lanes);
    return jk_combine_lanes(lanes);
}

/* The float axpy and scale, written once as GCC vectors of 16 floats (each
 * path's flags pick the registers): Java's float arithmetic, the product
 * rounded to float before the add. */
typedef float jk_f32x16 __attribute__((vector_size(16 * sizeof(float))));

static inline void jk_axpy_f32(double alpha, const void *xv, void *yv, size_t n) {
    const float *x = xv;
    float *y = yv;
    float a = (float)alpha;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        jk_f32x16 vx, vy;
        memcpy(&vx, x + i, sizeof vx);
        memcpy(&vy, y + i, sizeof vy);
        vy = vy + a * vx;
        memcpy(y + i, &vy, sizeof vy);
    }
    for (; i < n; i++) y[i] += a * x[i];
}

static inline void jk_scale_f32(double alpha, void *xv, size_t n) {
    float *x = xv;
    float a = (float)alpha;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        jk_f32x16 v;
        memcpy(&v, x + i, sizeof v);
        v = v * a;
        memcpy(x + i, &v, sizeof v);
    }
    for (; i < n; i++) x[i] *= a;
}

/* Integer sums in unsigned arithmetic (wrapping is defined there); plain loops the compiler vectorizes. */
static inline int64_t jk_sum_i64(const void *xv, size_t n) {
    const int64_t *x = xv;
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) s += (uint64_t)x[i];
    return (int64_t)s;
}

static inline int64_t jk_sum_i32(const void *xv, size_t n) {
    const int32_t *x = xv;
    int64_t s = 0; /* at most JK_REDUCE_BLOCK ints: cannot overflow */
    for (size_t i = 0; i < n; i++) s += x[i];
    return s;
}

/* Whether floating c ranks strictly before the best so far b for argmin (max = 0) or argmax (max = 1):
 * NaN before everything (the first NaN wins), then the smaller (larger) value, then -0.0 before +0.0
 * (+0.0 before -0.0). Ties keep the earlier element. */
static inline int jk_float_better(double c, double b, int max) {
    if (b != b) return 0;
    if (c != c) return 1;
    if (c == b) return c == 0 && (max ? !__builtin_signbit(c) && __builtin_signbit(b) : __builtin_signbit(c) && !__builtin_signbit(b));
    return max ? c > b : c < b;
}

/* The first extreme's index in a block, one element type and direction per instance. */
#define JK_FIRST_EXTREME(type, max, better)                                                                    \
    static inline size_t jk_first_extreme_##type##_##max(const void *xv, size_t n) {                           \
        const type *x = xv;                                                                                    \
        size_t best = 0;                                                                                       \
        for (size_t i = 1; i < n; i++)                                                                         \
            if (better(x[i], x[best], max)) best = i;                                                          \
        return best;                                                                                           \
    }
#define JK_INT_BETTER(c, b, max) ((max) ? (c) > (b) : (c) < (b))
JK_FIRST_EXTREME(double, 0, jk_float_better)
JK_FIRST_EXTREME(double, 1, jk_float_better)
JK_FIRST_EXTREME(float, 0, jk_float_better)
JK_FIRST_EXTREME(float, 1, jk_float_better)
JK_FIRST_EXTREME(int64_t, 0, JK_INT_BETTER)
JK_FIRST_EXTREME(int64_t, 1, JK_INT_BETTER)
JK_FIRST_EXTREME(int32_t, 0, JK_INT_BETTER)
JK_FIRST_EXTREME(int32_t, 1, JK_INT_BETTER)

/* The same first extreme in two passes over the block (in cache), vectorized: the extreme value with
 * GCC vectors (NaNs noted apart: a NaN answers with the first NaN; for floating types a zero extreme
 * answers with the first zero of the preferred sign), then the first element equal to it, a group of 8
 * vectors at a time. Same answer as the plain loop above, which the reference path keeps. */
#define JK_FIRST_EXTREME_VEC(tname, type, vtype, mtype, lanes, max, floating)                                  \
    static inline size_t jk_first_extreme_vec_##tname##_##max(const void *xv, size_t n) {                     \
        const type *x = xv;                                                                                    \
        if (n < 8 * (lanes)) return jk_first_extreme_##type##_##max(xv, n);                                    \
        vtype best, v;                                                                                         \
        memcpy(&best, x, sizeof best);                                                                         \
        mtype nan = (mtype){0};                                                                                \
        if (floating) nan |= (mtype)(best != best);                                                           \
        size_t i = lanes;                                                                                      \
        for (; i + (lanes) <= n; i += lanes) {                                                                 \
            memcpy(&v, x + i, sizeof v);                                                                       \
            if (floating) nan |= (mtype)(v != v);                                                              \
            mtype take = (mtype)((max) ? v > best : v < best);                                                 \
            best = (vtype)(((mtype)best & ~take) | ((mtype)v & take));                                         \
        }                                                                                                      \
        type m = best[0];                                                                                      \
        int any_nan = 0;                                                                                       \
        for (int l = 0; l < (lanes); l++) {                                                                    \
            any_nan |= nan[l] != 0;                                                                            \
            if ((max) ? best[l] > m : best[l] < m) m = best[l];                                                \
        }                                                                                                      \
        for (; i < n; i++) {                                                                                   \
            if (floating && x[i] != x[i]) any_nan = 1;                                                         \
            if ((max) ? x[i] > m : x[i] < m) m = x[i];                                                         \
        }                                                                                                      \
        if (floating && (any_nan || m == 0)) return jk_first_extreme_##type##_##max(xv, n); /* rare: exact */  \
        for (i = 0; i + 8 * (lanes) <= n; i += 8 * (lanes)) {                                                  \
            mtype hit = (mtype){0};                                                                            \
            for (int r = 0; r < 8; r++) {                                                                      \
                memcpy(&v, x + i + (size_t)r * (lanes), sizeof v);                                             \
                hit |= (mtype)(v == m);                                                                        \
            }                                                                                                  \
            int found = 0;                                                                                     \
            for (int l = 0; l < (lanes); l++) found |= hit[l] != 0;                                            \
            if (found) break;                                                                                  \
        }                                                                                                      \
        for (; i < n; i++)                                                                                     \
            if (x[i] == m) return i;                                                                           \
        return 0; /* not reached: m is an element */                                                           \
    }

typedef long long jk_m64x8 __attribute__((vector_size(8 * sizeof(long long))));
typedef int jk_m32x16 __attribute__((vector_size(16 * sizeof(int))));
typedef int64_t jk_i64x8 __attribute__((vector_size(8 * sizeof(int64_t))));
typedef int32_t jk_i32x16 __attribute__((vector_size(16 * sizeof(int32_t))));
typedef float jk_f32x16v __attribute__((vector_size(16 * sizeof(float))));
JK_FIRST_EXTREME_VEC(f64, double, jk_f64x8, jk_m64x8, 8, 0, 1)
JK_FIRST_EXTREME_VEC(f64, double, jk_f64x8, jk_m64x8, 8, 1, 1)
JK_FIRST_EXTREME_VEC(f32, float, jk_f32x16v, jk_m32x16, 16, 0, 1)
JK_FIRST_EXTREME_VEC(f32, float, jk_f32x16v, jk_m32x16, 16, 1, 1)
JK_FIRST_EXTREME_VEC(i64, int64_t, jk_i64x8, jk_m64x8, 8, 0, 0)
JK_FIRST_EXTREME_VEC(i64, int64_t, jk_i64x8, jk_m64x8, 8, 1, 0)
JK_FIRST_EXTREME_VEC(i32, int32_t, jk_i32x16, jk_m32x16, 16, 0, 0)
JK_FIRST_EXTREME_VEC(i32, int32_t, jk_i32x16, jk_m32x16, 16, 1, 0)

/* A path's extremes: `plain` (the reference path: the loop that defines the answer) or `vec`. */
#define JK_EXTREME_KERNELS(isa, how)                                                                           \
    jk_extreme_shape jkk_##isa##_argmin_f64, jkk_##isa##_argmax_f64, jkk_##isa##_argmin_f32,                  \
        jkk_##isa##_argmax_f32, jkk_##isa##_argmin_i64, jkk_##isa##_argmax_i64, jkk_##isa##_argmin_i32,        \
        jkk_##isa##_argmax_i32;                                                                                \
    size_t jkk_##isa##_argmin_f64(const void *x, size_t n) { return JK_EXTREME_PICK(how, f64, double, 0)(x, n); }  \
    size_t jkk_##isa##_argmax_f64(const void *x, size_t n) { return JK_EXTREME_PICK(how, f64, double, 1)(x, n); }  \
    size_t jkk_##isa##_argmin_f32(const void *x, size_t n) { return JK_EXTREME_PICK(how, f32, float, 0)(x, n); }   \
    size_t jkk_##isa##_argmax_f32(const void *x, size_t n) { return JK_EXTREME_PICK(how, f32, float, 1)(x, n); }   \
    size_t jkk_##isa##_argmin_i64(const void *x, size_t n) { return JK_EXTREME_PICK(how, i64, int64_t, 0)(x, n); } \
    size_t jkk_##isa##_argmax_i64(const void *x, size_t n) { return JK_EXTREME_PICK(how, i64, int64_t, 1)(x, n); } \
    size_t jkk_##isa##_argmin_i32(const void *x, size_t n) { return JK_EXTREME_PICK(how, i32, int32_t, 0)(x, n); } \
    size_t jkk_##isa##_argmax_i32(const void *x, size_t n) { return JK_EXTREME_PICK(how, i32, int32_t, 1)(x, n); }
#define JK_EXTREME_PICK(how, tname, type, max) JK_EXTREME_PICK_(how, tname, type, max) /* expands how first */
#define JK_EXTREME_PICK_(how, tname, type, max) JK_EXTREME_##how(tname, type, max)
#define JK_EXTREME_plain(tname, type, max) jk_first_extreme_##type##_##max
#define JK_EXTREME_vec(tname, type, max) jk_first_extreme_vec_##tname##_##max

/* The exponent k that brings a block's largest magnitude m into [1, 2) (clamped to [-1022, 1023], so 2^k
 * is a normal double): -ilogb(m). 0 when m is 0, infinite or NaN (then the plain squares are right). */
static inline int jk_norm_scale(double m) {
    if (!(m > 0) || m > 1.7976931348623157e308) return 0;
    int e;
    frexp(m, &e); /* m = f * 2^e, f in [0.5, 1): ilogb(m) = e - 1 */
    int k = 1 - e;
    return k < -1022 ? -1022 : k > 1023 ? 1023 : k;
}

/* The plain sum of squares first (k = 0); only a block whose squares may have overflowed or lost bits to
 * underflow (a sum past DBL_MAX or below 2^-969, where subnormal squares could matter) is summed again,
 * scaled. The rescaled sum is 4^k times the plain one wherever the plain squares were normal, so which
 * way a block went never changes the bits of an ordinary result. */
static inline void jk_norm_block(const void *xv, size_t n, double *ssq, int *k) {
    const double *x = xv;
    *k = 0;
    *ssq = jk_reduce_block(JK_TERM_SQUARE, JK_ELEM_F64, x, NULL, 0.0, n);
    if (*ssq != *ssq || (*ssq >= 0x1p-969 && *ssq <= 1.7976931348623157e308)) return;
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        double a = __builtin_fabs(x[i]);
        m = a > m ? a : m;
    }
    *k = jk_norm_scale(m);
    if (*k != 0) /* zeros, infinities: the plain sum stands */
        *ssq = jk_reduce_block(JK_TERM_SCALED_SQUARE, JK_ELEM_F64, x, NULL, ldexp(1.0, *k), n);
}

static inline void jk_moments(jk_elem elem, const void *x, size_t n, double *sum, double *m2) {
    *sum = jk_reduce_block(JK_TERM_X, elem, x, NULL, 0.0, n);
    *m2 = jk_reduce_block(JK_TERM_DEVIATION, elem, x, NULL, *sum / (double)n, n);
}

/* ---- prefix sums: one block in place, from the carry (the sum of everything before it) ----
 * Floating blocks in rows of 8 elements, as doubles (floats are widened exactly, each result rounded back
 * to float once), in jk_vector.h's "prefix sums" order: a row's own inclusive prefix r in three steps
 * (lane l adds lane l-1, then l-2, then l-4; a lane with nothing to add adds -0.0, which changes nothing);
 * the block's local prefix L = lc + r, where lc, the sum of the rows before, starts at -0.0 and adds each
 * row's last lane r[7] in turn; the result carry + L. The block's total is its last lc: it does not depend
 * on the carry, so another thread can compute it (jk_scan_total) before the carry is known, and the carry
 * plus the total is exactly the block's last result (unless its last row is short, as only the slice's
 * last block's can be, whose total no carry uses). Integer blocks in any order (exact, or wrapping). */
typedef double jk_scan_shape(void *x, size_t n, double carry);      /* returns the block's total */
typedef double jk_scan_total_shape(const void *x, size_t n);        /* the same total, x untouched */
typedef int64_t jk_scan_int_shape(void *x, size_t n, int64_t carry); /* returns the block's sum (mod 2^64, or 2^32 for ints) */

typedef uint64_t jk_u64x8 __attribute__((vector_size(8 * sizeof(uint64_t))));
typedef uint32_t jk_u32x16 __attribute__((vector_size(16 * sizeof(uint32_t))));

static inline jk_f64x8 jk_scan_row(jk_f64x8 v) {
    const jk_f64x8 z = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
    v = v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 0, 1, 2, 3, 4, 5, 6);
    v = v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 8, 0, 1, 2, 3, 4, 5);
    return v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 8, 8, 8, 0, 1, 2, 3);
}

static inline void jk_store_row(jk_elem elem, void *p, size_t i, jk_f64x8 v) {
    if (elem == JK_ELEM_F32) {
        jk_f32x8 f = __builtin_convertvector(v, jk_f32x8);
        memcpy((float *)p + i, &f, sizeof f);
    } else {
        memcpy((double *)p + i, &v, sizeof v);
    }
}

/* The block's total, and with `store` its results written from `carry`; lc is a broadcast, so adding the
 * row's last lane to it keeps the permutes off the chain of dependent adds (one add per row). */
static inline double jk_scan_rows(jk_elem elem, void *x, size_t n, double carry, int store) {
    const jk_f64x8 c = {carry, carry, carry, carry, carry, carry, carry, carry};
    jk_f64x8 lc = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
    size_t i = 0;
    for (; i + JK_REDUCE_LANES <= n; i += JK_REDUCE_LANES) {
        jk_f64x8 r = jk_scan_row(jk_load_row(elem, x, i));
        if (store) jk_store_row(elem, x, i, c + (lc + r));
        lc = lc + JK_SHUFFLE1(jk_m64x8, r, 7, 7, 7, 7, 7, 7, 7, 7);
    }
    if (i < n) { /* a short last row, completed with -0.0 (lanes past n never reach the lanes before) */
        double row[JK_REDUCE_LANES];
        for (size_t l = 0; l < JK_REDUCE_LANES; l++) row[l] = i + l < n ? jk_element(elem, x, i + l) : -0.0;
        jk_f64x8 r = jk_scan_row(jk_load_row(JK_ELEM_F64, row, 0)), y = c + (lc + r);
        lc = lc + JK_SHUFFLE1(jk_m64x8, r, 7, 7, 7, 7, 7, 7, 7, 7);
        memcpy(row, &y, sizeof row);
        for (size_t l = 0; store && i + l < n; l++) {
            if (elem == JK_ELEM_F32) ((float *)x)[i + l] = (float)row[l];
            else ((double *)x)[i + l] = row[l];
        }
    }
    return lc[0];
}

static inline int64_t jk_scan_i64(void *xv, size_t n, int64_t carry) {
    uint64_t *x = xv;
    const jk_u64x8 z = {0};
    jk_u64x8 c = z + (uint64_t)carry;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        jk_u64x8 v;
        memcpy(&v, x + i, sizeof v);
        v = v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 0, 1, 2, 3, 4, 5, 6);
        v = v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 8, 0, 1, 2, 3, 4, 5);
        v = v + JK_SHUFFLE2(jk_m64x8, v, z, 8, 8, 8, 8, 0, 1, 2, 3);
        jk_u64x8 y = c + v;
        memcpy(x + i, &y, sizeof y);
        c = c + JK_SHUFFLE1(jk_m64x8, v, 7, 7, 7, 7, 7, 7, 7, 7);
    }
    uint64_t s = c[0];
    for (; i < n; i++) x[i] = s += x[i];
    return (int64_t)(s - (uint64_t)carry);
}

static inline int64_t jk_scan_i32(void *xv, size_t n, int64_t carry) {
    uint32_t *x = xv;
    const jk_u32x16 z = {0};
    jk_u32x16 c = z + (uint32_t)carry; /* ints wrap: only the low 32 bits of a carry or a total count */
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        jk_u32x16 v;
        memcpy(&v, x + i, sizeof v);
        v = v + JK_SHUFFLE2(jk_m32x16, v, z, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        v = v + JK_SHUFFLE2(jk_m32x16, v, z, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        v = v + JK_SHUFFLE2(jk_m32x16, v, z, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        v = v + JK_SHUFFLE2(jk_m32x16, v, z, 16, 16, 16, 16, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7);
        jk_u32x16 y = c + v;
        memcpy(x + i, &y, sizeof y);
        c = c + JK_SHUFFLE1(jk_m32x16, v, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15);
    }
    uint32_t s = c[0];
    for (; i < n; i++) x[i] = s += x[i];
    return (int32_t)(s - (uint32_t)carry);
}

/* The reference path defines JK_EXTREMES_HOW as plain before including this header; the others get vec. */
#ifndef JK_EXTREMES_HOW
#define JK_EXTREMES_HOW vec
#endif

/* Every path's vector kernels are these definitions, each file compiling them with its own flags, plus
 * whatever a path writes by hand (the double axpy and scale). */
#define JK_VECTOR_KERNELS(isa)                                                                                 \
    jk_reduce_shape jkk_##isa##_sum_block_f64, jkk_##isa##_dot_block_f64;                                     \
    jk_reduce_shape jkk_##isa##_sum_block_f32, jkk_##isa##_sumsq_block_f32, jkk_##isa##_dot_block_f32;       \
    jk_axpy_shape jkk_##isa##_axpy_f32;                                                                        \
    jk_reduce_i64_shape jkk_##isa##_sum_block_i64, jkk_##isa##_sum_block_i32;                                 \
    int64_t jkk_##isa##_sum_block_i64(const void *x, size_t n) { return jk_sum_i64(x, n); }                   \
    int64_t jkk_##isa##_sum_block_i32(const void *x, size_t n) { return jk_sum_i32(x, n); }                   \
    jk_scale_shape jkk_##isa##_scale_f32;                                                                      \
    double jkk_##isa##_sum_block_f64(const void *x, const void *y, size_t n) {                                 \
        (void)y;                                                                                               \
        return jk_reduce_block(JK_TERM_X, JK_ELEM_F64, x, NULL, 0.0, n);                                           \
    }                                                                                                          \
    double jkk_##isa##_dot_block_f64(const void *x, const void *y, size_t n) {                                 \
        return jk_reduce_block(JK_TERM_PRODUCT, JK_ELEM_F64, x, y, 0.0, n);                                        \
    }                                                                                                          \
    double jkk_##isa##_sum_block_f32(const void *x, const void *y, size_t n) {                                 \
        (void)y;                                                                                               \
        return jk_reduce_block(JK_TERM_X, JK_ELEM_F32, x, NULL, 0.0, n);                                           \
    }                                                                                                          \
    double jkk_##isa##_sumsq_block_f32(const void *x, const void *y, size_t n) {                               \
        (void)y;                                                                                               \
        return jk_reduce_block(JK_TERM_SQUARE, JK_ELEM_F32, x, NULL, 0.0, n);                                      \
    }                                                                                                          \
    double jkk_##isa##_dot_block_f32(const void *x, const void *y, size_t n) {                                 \
        return jk_reduce_block(JK_TERM_PRODUCT, JK_ELEM_F32, x, y, 0.0, n);                                        \
    }                                                                                                          \
    void jkk_##isa##_axpy_f32(double a, const void *x, void *y, size_t n) { jk_axpy_f32(a, x, y, n); }         \
    void jkk_##isa##_scale_f32(double a, void *x, size_t n) { jk_scale_f32(a, x, n); }                      \
    JK_EXTREME_KERNELS(isa, JK_EXTREMES_HOW)                                                                   \
    jk_moments_shape jkk_##isa##_moments_f64, jkk_##isa##_moments_f32;                                         \
    jk_norm_shape jkk_##isa##_norm_block_f64;                                                                  \
    void jkk_##isa##_norm_block_f64(const void *x, size_t n, double *ssq, int *k) { jk_norm_block(x, n, ssq, k); } \
    void jkk_##isa##_moments_f64(const void *x, size_t n, double *s, double *m) { jk_moments(JK_ELEM_F64, x, n, s, m); } \
    void jkk_##isa##_moments_f32(const void *x, size_t n, double *s, double *m) { jk_moments(JK_ELEM_F32, x, n, s, m); } \
    jk_scan_shape jkk_##isa##_scan_f64, jkk_##isa##_scan_f32;                                                  \
    jk_scan_total_shape jkk_##isa##_scan_total_f64, jkk_##isa##_scan_total_f32;                                \
    jk_scan_int_shape jkk_##isa##_scan_i64, jkk_##isa##_scan_i32;                                              \
    double jkk_##isa##_scan_f64(void *x, size_t n, double c) { return jk_scan_rows(JK_ELEM_F64, x, n, c, 1); } \
    double jkk_##isa##_scan_f32(void *x, size_t n, double c) { return jk_scan_rows(JK_ELEM_F32, x, n, c, 1); } \
    double jkk_##isa##_scan_total_f64(const void *x, size_t n) { return jk_scan_rows(JK_ELEM_F64, (void *)x, n, 0.0, 0); } \
    double jkk_##isa##_scan_total_f32(const void *x, size_t n) { return jk_scan_rows(JK_ELEM_F32, (void *)x, n, 0.0, 0); } \
    int64_t jkk_##isa##_scan_i64(void *x, size_t n, int64_t c) { return jk_scan_i64(x, n, c); }                \
    int64_t jkk_##isa##_scan_i32(void *x, size_t n, int64_t c) { return jk_scan_i32(x, n, c); }

#endif
