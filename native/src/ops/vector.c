/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector operations on doubles and floats. Reductions cut x into JK_REDUCE_BLOCK-element
 * blocks (the last one shorter), reduce each block with the path's block
 * kernel, and add the block results pairwise in a fixed tree. The blocking
 * depends on n only, so the result has the same bits for every thread count,
 * ISA path, window and backend.
 */
#include <math.h>
#include <stdlib.h>

#include "ops.h"
#include "../kernels/vector.h"

JK_KERNEL_VARIANTS(jk_reduce_shape, sum_block_f64);
JK_KERNEL_VARIANTS(jk_reduce_shape, dot_block_f64);
JK_KERNEL_VARIANTS(jk_reduce_shape, sum_block_f32);
JK_KERNEL_VARIANTS(jk_reduce_shape, sumsq_block_f32);
JK_KERNEL_VARIANTS(jk_reduce_shape, dot_block_f32);
JK_KERNEL_VARIANTS(jk_reduce_i64_shape, sum_block_i64);
JK_KERNEL_VARIANTS(jk_reduce_i64_shape, sum_block_i32);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmin_f64);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmax_f64);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmin_f32);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmax_f32);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmin_i64);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmax_i64);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmin_i32);
JK_KERNEL_VARIANTS(jk_extreme_shape, argmax_i32);
JK_KERNEL_VARIANTS(jk_moments_shape, moments_f64);
JK_KERNEL_VARIANTS(jk_norm_shape, norm_block_f64);
JK_KERNEL_VARIANTS(jk_moments_shape, moments_f32);
JK_KERNEL_VARIANTS(jk_axpy_shape, axpy_f64);
JK_KERNEL_VARIANTS(jk_scale_shape, scale_f64);
JK_KERNEL_VARIANTS(jk_axpy_shape, axpy_f32);
JK_KERNEL_VARIANTS(jk_scale_shape, scale_f32);
JK_KERNEL_VARIANTS(jk_scan_shape, scan_f64);
JK_KERNEL_VARIANTS(jk_scan_shape, scan_f32);
JK_KERNEL_VARIANTS(jk_scan_total_shape, scan_total_f64);
JK_KERNEL_VARIANTS(jk_scan_total_shape, scan_total_f32);
JK_KERNEL_VARIANTS(jk_scan_int_shape, scan_i64);
JK_KERNEL_VARIANTS(jk_scan_int_shape, scan_i32);

#define REDUCE_GRAIN_BLOCKS 4
#define STREAM_GRAIN 16384
#define INLINE_PARTIALS 64 /* reductions of up to this many blocks keep their partials in the op */

/* Elements of block b of n (the last block may be short). */
static size_t block_length(size_t n, size_t b) {
    size_t begin = b * JK_REDUCE_BLOCK;
    return n - begin < JK_REDUCE_BLOCK ? n - begin : JK_REDUCE_BLOCK;
}

/* Blocks of a reduction over n elements. */
static size_t block_count(size_t n) { return n ? (n - 1) / JK_REDUCE_BLOCK + 1 : 0; }

/* What a reduction definition sets: the final step on the pairwise total
 * (NULL: none). */
typedef struct {
    double (*finish)(double total, size_t n);
} reduce_params;

typedef struct {
    jk_value *heap; /* partials when there are too many to keep inline */
    jk_value inline_partials[INLINE_PARTIALS];
} reduce_state;

/* One partial per block: .f64 for floating reductions, .i64 for integer ones (the op's result kind). */
static jk_value *partials(jk_op *op) {
    reduce_state *s = JK_OP_STATE(op, reduce_state);
    return s->heap ? s->heap : s->inline_partials;
}

/* One partial per block; a reduction of two slots is a dot product; an integer result, an integer sum. */
static int reduce_range(void *ctx, size_t first_block, size_t end_block, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    jk_value *p = partials(op);
    size_t n = op->args.slot[0].length;
    int integer = op->def->result == JK_RESULT_I64;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = block_length(n, b);
        const void *x = jk_op_slot(op, 0, begin);
        if (integer)
            p[b].i64 = ((jk_reduce_i64_shape *)op->kernel[0])(x, len);
        else
            p[b].f64 = ((jk_reduce_shape *)op->kernel[0])(x, op->def->slots == 2 ? jk_op_slot(op, 1, begin) : NULL, len);
    }
    return JK_OK;
}

static double pairwise(const jk_value *p, size_t lo, size_t hi) {
    if (hi - lo == 1) return p[lo].f64;
    size_t mid = lo + (hi - lo) / 2;
    return pairwise(p, lo, mid) + pairwise(p, mid, hi);
}

/* Integer partials add in any order (wrapping addition is associative); floating ones pairwise. */
static jk_status complete_reduce(jk_op *op, jk_status st) {
    const reduce_params *params = op->def->params;
    if (op->def->result == JK_RESULT_I64) {
        uint64_t total = 0;
        for (size_t b = 0; st == JK_OK && b < op->work.end; b++) total += (uint64_t)partials(op)[b].i64;
        op->value.i64 = (int64_t)total;
        return st;
    }
    double total = st == JK_OK && op->work.end ? pairwise(partials(op), 0, op->work.end) : 0.0;
    op->value.f64 = params && params->finish ? params->finish(total, op->args.slot[0].length) : total;
    return st;
}

static void release_reduce(jk_op *op) {
    reduce_state *s = JK_OP_STATE(op, reduce_state);
    free(s->heap);
    s->heap = NULL;
}

static jk_status prepare_reduce(jk_op *op) {
    size_t n = op->args.slot[0].length;
    size_t blocks = block_count(n);
    jk_op_set_range(op, reduce_range, blocks, REDUCE_GRAIN_BLOCKS, JK_REDUCE_BLOCK, 1);
    op->items = n;
    op->complete = complete_reduce;
    op->release = release_reduce;
    reduce_state *s = JK_OP_STATE(op, reduce_state);
    s->heap = NULL;
    if (blocks > INLINE_PARTIALS && !(s->heap = malloc(blocks * sizeof(jk_value)))) return JK_ERR_NOMEM;
    return JK_OK;
}

/* ---- extremes: min, max, argmin, argmax ----
 * Each block gives its first extreme (the kernel's index and the element's value, widened to a jk_value:
 * .f64 for double and float, .i64 for long and int); complete() keeps, in block order, the first block
 * whose extreme is strictly better, so the result is the whole slice's first extreme whatever the cut. */

#define INLINE_EXTREMES 32

/* A block's two answers: an extreme's value and index, or variance's sum and M2. */
typedef struct {
    jk_value value, extra;
} pair_partial;

typedef struct {
    pair_partial *heap;
    pair_partial inline_partials[INLINE_EXTREMES];
} extreme_state;

/* What an extreme definition sets: argmax rather than argmin, and the index rather than the value. */
typedef struct {
    int max;
    int index;
} extreme_params;

static pair_partial *extremes(jk_op *op) {
    extreme_state *s = JK_OP_STATE(op, extreme_state);
    return s->heap ? s->heap : s->inline_partials;
}

static int is_floating(const jk_op *op) {
    return op->def->slot_type[0] == JK_TYPE_F64 || op->def->slot_type[0] == JK_TYPE_F32;
}

static jk_value element_value(int type, const void *at) {
    jk_value v;
    switch (type) {
    case JK_TYPE_F64: v.f64 = *(const double *)at; break;
    case JK_TYPE_F32: v.f64 = *(const float *)at; break;
    case JK_TYPE_I64: v.i64 = *(const int64_t *)at; break;
    default: v.i64 = *(const int32_t *)at; break;
    }
    return v;
}

static int extreme_range(void *ctx, size_t first_block, size_t end_block, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    pair_partial *p = extremes(op);
    size_t n = op->args.slot[0].length;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = block_length(n, b);
        size_t at = begin + ((jk_extreme_shape *)op->kernel[0])(jk_op_slot(op, 0, begin), len);
        p[b].extra.i64 = (int64_t)at;
        p[b].value = element_value(op->def->slot_type[0], jk_op_slot(op, 0, at));
    }
    return JK_OK;
}

static jk_status complete_extreme(jk_op *op, jk_status st) {
    const extreme_params *params = op->def->params;
    pair_partial *p = extremes(op);
    size_t best = 0;
    if (st != JK_OK) return st;
    for (size_t b = 1; b < op->work.end; b++) {
        int better = is_floating(op) ? jk_float_better(p[b].value.f64, p[best].value.f64, params->max)
                                     : JK_INT_BETTER(p[b].value.i64, p[best].value.i64, params->max);
        if (better) best = b;
    }
    if (params->index)
        op->value.i64 = p[best].extra.i64 + op->args.i[0]; /* i[0]: where the slice starts in the caller's array */
    else
        op->value = p[best].value;
    return st;
}

static void release_extreme(jk_op *op) {
    extreme_state *s = JK_OP_STATE(op, extreme_state);
    free(s->heap);
    s->heap = NULL;
}

/* The setup every pair-partial reduction shares: one range index per block, `complete` after them, the
 * pairs inline or on the heap. */
static jk_status prepare_pairs(jk_op *op, jk_range_fn range, jk_status (*complete)(jk_op *, jk_status)) {
    extreme_state *s = JK_OP_STATE(op, extreme_state);
    s->heap = NULL;
    size_t n = op->args.slot[0].length, blocks = block_count(n);
    jk_op_set_range(op, range, blocks, REDUCE_GRAIN_BLOCKS, JK_REDUCE_BLOCK, 1);
    op->items = n;
    op->complete = complete;
    op->release = release_extreme;
    if (blocks > INLINE_EXTREMES && !(s->heap = malloc(blocks * sizeof(pair_partial)))) return JK_ERR_NOMEM;
    return JK_OK;
}

static jk_status prepare_extreme(jk_op *op) {
    if (op->args.slot[0].length == 0) return JK_ERR_ARGUMENT;
    return prepare_pairs(op, extreme_range, complete_extreme);
}

/* ---- variance: per block (count, sum, squared deviations from the block's mean), merged in the blocks'
 * pairwise tree with Chan's formulas: n = na + nb, d = mean_b - mean_a, M2 = M2a + M2b + d^2 na nb / n.
 * The partials are the extremes' pairs: .value the block's sum, .extra its M2. */

static int moments_range(void *ctx, size_t first_block, size_t end_block, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    pair_partial *p = extremes(op);
    size_t n = op->args.slot[0].length;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = block_length(n, b);
        double sum, m2;
        ((jk_moments_shape *)op->kernel[0])(jk_op_slot(op, 0, begin), len, &sum, &m2);
        p[b].value.f64 = sum;
        p[b].extra.f64 = m2;
    }
    return JK_OK;
}

typedef struct {
    double n, mean, m2;
} moments;

static moments merge_moments(const pair_partial *p, size_t lo, size_t hi, size_t total) {
    if (hi - lo == 1) {
        double n = (double)block_length(total, lo);
        return (moments){n, p[lo].value.f64 / n, p[lo].extra.f64};
    }
    size_t mid = lo + (hi - lo) / 2;
    moments a = merge_moments(p, lo, mid, total), b = merge_moments(p, mid, hi, total);
    double n = a.n + b.n, d = b.mean - a.mean;
    return (moments){n, a.mean + d * (b.n / n), a.m2 + b.m2 + d * d * (a.n * b.n / n)};
}

/* Population variance M2 / n (numpy's default); NaN for an empty slice. */
static jk_status complete_variance(jk_op *op, jk_status st) {
    if (st != JK_OK) return st;
    size_t n = op->args.slot[0].length;
    op->value.f64 = n ? merge_moments(extremes(op), 0, op->work.end, n).m2 / (double)n : NAN;
    return st;
}

static jk_status prepare_variance(jk_op *op) { return prepare_pairs(op, moments_range, complete_variance); }

/* ---- norm2 of doubles: per block (ssq, k), its sum of squares, scaled by 4^k only where the plain one
 * would overflow or underflow (jk_norm_block); merged in the blocks' pairwise tree at the smaller k,
 * s = s1 * 4^(k - k1) + s2 * 4^(k - k2) (powers of two: exact unless a negligible part underflows), one
 * more step down (k - 1) where two finite halves overflow; the norm is sqrt(s) * 2^-k. Scaling by powers of two
 * commutes with rounding, so wherever the plain sum of squares neither overflows nor underflows, the
 * result has exactly its bits; elsewhere it is still right. */

typedef struct {
    double ssq;
    int k;
} scaled_ssq;

static int norm_range(void *ctx, size_t first_block, size_t end_block, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    pair_partial *p = extremes(op);
    size_t n = op->args.slot[0].length;
    for (size_t b = first_block; b < end_block; b++) {
        size_t begin = b * JK_REDUCE_BLOCK;
        size_t len = block_length(n, b);
        int k;
        ((jk_norm_shape *)op->kernel[0])(jk_op_slot(op, 0, begin), len, &p[b].value.f64, &k);
        p[b].extra.i64 = k;
    }
    return JK_OK;
}

static scaled_ssq merge_norms(const pair_partial *p, size_t lo, size_t hi) {
    if (hi - lo == 1) return (scaled_ssq){p[lo].value.f64, (int)p[lo].extra.i64};
    size_t mid = lo + (hi - lo) / 2;
    scaled_ssq a = merge_norms(p, lo, mid), b = merge_norms(p, mid, hi);
    int k = a.k < b.k ? a.k : b.k;
    double s = ldexp(a.ssq, 2 * (k - a.k)) + ldexp(b.ssq, 2 * (k - b.k));
    if (isinf(s) && isfinite(a.ssq) && isfinite(b.ssq)) { /* two finite halves overflowed: one scale down */
        k--;
        s = ldexp(a.ssq, 2 * (k - a.k)) + ldexp(b.ssq, 2 * (k - b.k));
    }
    return (scaled_ssq){s, k};
}

static jk_status complete_norm(jk_op *op, jk_status st) {
    if (st != JK_OK) return st;
    if (!op->work.end) {
        op->value.f64 = 0.0;
        return st;
    }
    scaled_ssq total = merge_norms(extremes(op), 0, op->work.end);
    op->value.f64 = ldexp(sqrt(total.ssq), -total.k);
    return st;
}

static jk_status prepare_norm(jk_op *op) { return prepare_pairs(op, norm_range, complete_norm); }

static int axpy_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    ((jk_axpy_shape *)op->kernel[0])(op->args.d[0], jk_op_slot(op, 0, begin), jk_op_slot(op, 1, begin), end - begin);
    return JK_OK;
}

static int scale_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    ((jk_scale_shape *)op->kernel[0])(op->args.d[0], jk_op_slot(op, 0, begin), end - begin);
    return JK_OK;
}

static jk_status prepare_stream(jk_op *op) {
    jk_op_set_range(op, op->def->slots == 2 ? axpy_range : scale_range, op->args.slot[0].length, STREAM_GRAIN, 1, 1);
    return JK_OK;
}

/* ---- prefix sums in place: an ordered range of chunks of blocks (ops.h), one pass over memory where it can.
 * Block b's carry C[b] is the sum of everything before it: C[0] = -0.0 (-0.0 + x is x, bit for bit, so the
 * first element stays as it is), C[b+1] = C[b] + total(b), the block's total as jk_scan_rows defines it
 * (independent of its carry). A chunk whose carry is already known when it starts scans each block in one
 * pass (kernel 1 returns the total, for the next carry); otherwise it computes its blocks' totals first
 * (kernel 0, reading them into cache), waits for its carry (jk_rt_await), publishes the carries of its own
 * blocks and the next chunk's, then scans from cache. `known` counts the carries known; only the chunk owning blocks
 * [b0, b1) raises it past b0 + 1, and only after it reached b0 + 1, so it only grows. The bits depend on n
 * only: the carries chain in block order whoever computes them. Floating carries are doubles (float
 * elements are widened); integer ones wrap (ints use only their low 32 bits). */

#define PREFIX_GRAIN_BLOCKS 8 /* a chunk's blocks (256 KiB of doubles) stay in L2 between its two passes */

typedef struct {
    atomic_size_t known; /* carries[0, known) are set */
    jk_value *heap;
    jk_value inline_carries[INLINE_PARTIALS + 1];
} prefix_state;

static jk_value *block_carries(jk_op *op) {
    prefix_state *s = JK_OP_STATE(op, prefix_state);
    return s->heap ? s->heap : s->inline_carries;
}

static jk_value next_carry(int floating, jk_value carry, jk_value total) {
    jk_value v;
    if (floating)
        v.f64 = carry.f64 + total.f64;
    else
        v.i64 = (int64_t)((uint64_t)carry.i64 + (uint64_t)total.i64);
    return v;
}

/* Scans block b from its carry; returns its total. */
static jk_value scan_block(jk_op *op, size_t b, int floating) {
    void *x = jk_op_slot(op, 0, b * JK_REDUCE_BLOCK);
    size_t len = block_length(op->args.slot[0].length, b);
    jk_value carry = block_carries(op)[b], total;
    if (floating)
        total.f64 = ((jk_scan_shape *)op->kernel[1])(x, len, carry.f64);
    else
        total.i64 = ((jk_scan_int_shape *)op->kernel[1])(x, len, carry.i64);
    return total;
}

static int prefix_range(void *ctx, size_t b0, size_t b1, jk_rt_self *self) {
    jk_op *op = ctx;
    prefix_state *s = JK_OP_STATE(op, prefix_state);
    jk_value *carries = block_carries(op);
    int floating = is_floating(op);
    if (atomic_load_explicit(&s->known, memory_order_acquire) > b0) { /* one pass */
        for (size_t b = b0; b < b1; b++) {
            carries[b + 1] = next_carry(floating, carries[b], scan_block(op, b, floating));
            atomic_store_explicit(&s->known, b + 2, memory_order_release);
        }
        return JK_OK;
    }
    jk_value totals[PREFIX_GRAIN_BLOCKS];
    size_t n = op->args.slot[0].length;
    for (size_t b = b0; b < b1; b++) {
        const void *x = jk_op_slot(op, 0, b * JK_REDUCE_BLOCK);
        if (floating)
            totals[b - b0].f64 = ((jk_scan_total_shape *)op->kernel[0])(x, block_length(n, b));
        else
            totals[b - b0].i64 = ((jk_reduce_i64_shape *)op->kernel[0])(x, block_length(n, b));
    }
    int st = jk_rt_await(&s->known, b0 + 1, self);
    if (st != 0) return st; /* the job stopped: this chunk is left as it was */
    for (size_t b = b0; b < b1; b++) carries[b + 1] = next_carry(floating, carries[b], totals[b - b0]);
    atomic_store_explicit(&s->known, b1 + 1, memory_order_release);
    for (size_t b = b0; b < b1; b++) scan_block(op, b, floating);
    return JK_OK;
}

static void release_prefix(jk_op *op) {
    prefix_state *s = JK_OP_STATE(op, prefix_state);
    free(s->heap);
    s->heap = NULL;
}

static jk_status prepare_prefix(jk_op *op) {
    prefix_state *s = JK_OP_STATE(op, prefix_state);
    size_t n = op->args.slot[0].length, blocks = block_count(n);
    jk_op_set_range(op, prefix_range, blocks, PREFIX_GRAIN_BLOCKS, JK_REDUCE_BLOCK, 1);
    op->items = n;
    op->release = release_prefix;
    s->heap = NULL;
    if (blocks + 1 > INLINE_PARTIALS + 1 && !(s->heap = malloc((blocks + 1) * sizeof(jk_value)))) return JK_ERR_NOMEM;
    jk_value *carries = block_carries(op);
    if (is_floating(op))
        carries[0].f64 = -0.0;
    else
        carries[0].i64 = 0;
    atomic_init(&s->known, 1);
    return JK_OK;
}

#define R JK_ROLE_READ
#define RW JK_ROLE_READ_WRITE
#define F64 JK_TYPE_F64
#define F32 JK_TYPE_F32
#define I64 JK_TYPE_I64
#define I32 JK_TYPE_I32

/* Sum of x, deterministic blocking (jk_vector.h). */
static const jk_op_def sum_f64 = {.name = "sum_f64", .slots = 1, .slot_type = {F64}, .slot_role = {R},
                                  .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                  .kernels = {JK_KERNEL(sum_block_f64)}};
JK_REGISTER_OP(sum_f64);

/* Sum of x[i] * y[i], each product rounded first. */
static const jk_op_def dot_f64 = {.name = "dot_f64", .slots = 2, .slot_type = {F64, F64}, .slot_role = {R, R},
                                  .result = JK_RESULT_F64, .flags = JK_OP_STREAMING | JK_OP_SAME_LENGTH,
                                  .prepare = prepare_reduce, .kernels = {JK_KERNEL(dot_block_f64)}};
JK_REGISTER_OP(dot_f64);

/* Euclidean norm, safe from overflow and underflow: per-block scaled sums of squares (above), the square
 * root correctly rounded, then scaled back. Not unscaled like numpy.linalg.norm: [1e200, 1e200] gives
 * 1.414...e200, not +Inf; but the same bits as the plain sqrt(sum(x*x)) wherever that one is finite and
 * its squares normal. */
static const jk_op_def norm2_f64 = {.name = "norm2_f64", .slots = 1, .slot_type = {F64}, .slot_role = {R},
                                    .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_norm,
                                    .kernels = {JK_KERNEL(norm_block_f64)}};
JK_REGISTER_OP(norm2_f64);

/* y += a * x; x == y allowed. */
static const jk_op_def axpy_f64 = {.name = "axpy_f64", .slots = 2, .reals = 1, .slot_type = {F64, F64},
                                   .slot_role = {R, RW}, .result = JK_RESULT_NONE,
                                   .flags = JK_OP_STREAMING | JK_OP_SAME_LENGTH | JK_OP_IN_PLACE,
                                   .prepare = prepare_stream, .kernels = {JK_KERNEL(axpy_f64)}};
JK_REGISTER_OP(axpy_f64);

/* x *= a. */
static const jk_op_def scale_f64 = {.name = "scale_f64", .slots = 1, .reals = 1, .slot_type = {F64},
                                    .slot_role = {RW}, .result = JK_RESULT_NONE, .flags = JK_OP_STREAMING,
                                    .prepare = prepare_stream, .kernels = {JK_KERNEL(scale_f64)}};
JK_REGISTER_OP(scale_f64);

/* The float forms: terms widened to double (exactly), the double reduction above, the total rounded to
 * float once at the end; axpy and scale in float arithmetic, the factor a float. */
static double round_to_float(double total, size_t n) {
    (void)n;
    return (float)total;
}
static double float_square_root(double total, size_t n) {
    (void)n;
    return (float)sqrt(total);
}
static const reduce_params sum_f32_params = {round_to_float};
static const reduce_params norm2_f32_params = {float_square_root};

static const jk_op_def sum_f32 = {.name = "sum_f32", .slots = 1, .slot_type = {F32}, .slot_role = {R},
                                  .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                  .params = &sum_f32_params, .kernels = {JK_KERNEL(sum_block_f32)}};
JK_REGISTER_OP(sum_f32);

static const jk_op_def dot_f32 = {.name = "dot_f32", .slots = 2, .slot_type = {F32, F32}, .slot_role = {R, R},
                                  .result = JK_RESULT_F64, .flags = JK_OP_STREAMING | JK_OP_SAME_LENGTH,
                                  .prepare = prepare_reduce, .params = &sum_f32_params,
                                  .kernels = {JK_KERNEL(dot_block_f32)}};
JK_REGISTER_OP(dot_f32);

/* The float norm does not overflow or underflow on the way (float squares are far inside double's range);
 * its square root is taken in double, then rounded to float. */
static const jk_op_def norm2_f32 = {.name = "norm2_f32", .slots = 1, .slot_type = {F32}, .slot_role = {R},
                                    .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                    .params = &norm2_f32_params, .kernels = {JK_KERNEL(sumsq_block_f32)}};
JK_REGISTER_OP(norm2_f32);

static const jk_op_def axpy_f32 = {.name = "axpy_f32", .slots = 2, .reals = 1, .slot_type = {F32, F32},
                                   .slot_role = {R, RW}, .result = JK_RESULT_NONE,
                                   .flags = JK_OP_STREAMING | JK_OP_SAME_LENGTH | JK_OP_IN_PLACE,
                                   .prepare = prepare_stream, .kernels = {JK_KERNEL(axpy_f32)}};
JK_REGISTER_OP(axpy_f32);

static const jk_op_def scale_f32 = {.name = "scale_f32", .slots = 1, .reals = 1, .slot_type = {F32},
                                    .slot_role = {RW}, .result = JK_RESULT_NONE, .flags = JK_OP_STREAMING,
                                    .prepare = prepare_stream, .kernels = {JK_KERNEL(scale_f32)}};
JK_REGISTER_OP(scale_f32);

/* Integer sums, exact: longs wrap as Java's + does; ints are widened to long first, so their sum (of at
 * most 2^31 ints) never overflows. The blocks are the floating ones, for one cut of the work. */
static const jk_op_def sum_i64 = {.name = "sum_i64", .slots = 1, .slot_type = {I64}, .slot_role = {R},
                                  .result = JK_RESULT_I64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                  .kernels = {JK_KERNEL(sum_block_i64)}};
JK_REGISTER_OP(sum_i64);

static const jk_op_def sum_i32 = {.name = "sum_i32", .slots = 1, .slot_type = {I32}, .slot_role = {R},
                                  .result = JK_RESULT_I64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                  .kernels = {JK_KERNEL(sum_block_i32)}};
JK_REGISTER_OP(sum_i32);

static const extreme_params min_value = {0, 0}, max_value = {1, 0}, min_index = {0, 1}, max_index = {1, 1};

/* argmin/argmax: the slice's start must be an index (>= 0) that leaves start + length representable, so the
 * answer cannot overflow (the fuzzer found the unchecked sum). */
static jk_status check_index_base(const jk_args *a) {
    return a->i[0] >= 0 && (uint64_t)a->i[0] <= (uint64_t)INT64_MAX - a->slot[0].length ? JK_OK : JK_ERR_ARGUMENT;
}

/* min, max (the value, in the element's type: a double or long result) and argmin, argmax (the index in
 * the slice plus the integer argument, the slice's start in the caller's array, so the answer is an index
 * there) of one element type; an empty slice, and a negative start or one that start + length overflows, are
 * refused (JK_ERR_ARGUMENT). */
#define EXTREME_OPS(suffix, type, value_result)                                                                \
    static const jk_op_def min_##suffix = {.name = "min_" #suffix, .slots = 1, .slot_type = {type},            \
                                           .slot_role = {R}, .result = value_result, .flags = JK_OP_STREAMING, \
                                           .prepare = prepare_extreme, .params = &min_value,                   \
                                           .kernels = {JK_KERNEL(argmin_##suffix)}};                           \
    JK_REGISTER_OP(min_##suffix);                                                                              \
    static const jk_op_def max_##suffix = {.name = "max_" #suffix, .slots = 1, .slot_type = {type},            \
                                           .slot_role = {R}, .result = value_result, .flags = JK_OP_STREAMING, \
                                           .prepare = prepare_extreme, .params = &max_value,                   \
                                           .kernels = {JK_KERNEL(argmax_##suffix)}};                           \
    JK_REGISTER_OP(max_##suffix);                                                                              \
    static const jk_op_def argmin_##suffix = {.name = "argmin_" #suffix, .slots = 1, .ints = 1,               \
                                              .slot_type = {type},                                             \
                                              .slot_role = {R}, .result = JK_RESULT_I64,                       \
                                              .flags = JK_OP_STREAMING, .check = check_index_base,             \
                                              .prepare = prepare_extreme, .params = &min_index, .kernels = {JK_KERNEL(argmin_##suffix)}};  \
    JK_REGISTER_OP(argmin_##suffix);                                                                           \
    static const jk_op_def argmax_##suffix = {.name = "argmax_" #suffix, .slots = 1, .ints = 1,               \
                                              .slot_type = {type},                                             \
                                              .slot_role = {R}, .result = JK_RESULT_I64,                       \
                                              .flags = JK_OP_STREAMING, .check = check_index_base,             \
                                              .prepare = prepare_extreme, .params = &max_index, .kernels = {JK_KERNEL(argmax_##suffix)}};  \
    JK_REGISTER_OP(argmax_##suffix)

EXTREME_OPS(f64, F64, JK_RESULT_F64);
EXTREME_OPS(f32, F32, JK_RESULT_F64);
EXTREME_OPS(i64, I64, JK_RESULT_I64);
EXTREME_OPS(i32, I32, JK_RESULT_I64);

/* mean: sum's total over n, in double for either element type (NaN for an empty slice); variance:
 * moments merged as above, divided by n. Both return doubles. */
static double over_n(double total, size_t n) { return total / (double)n; }
static const reduce_params mean_params = {over_n};

static const jk_op_def mean_f64 = {.name = "mean_f64", .slots = 1, .slot_type = {F64}, .slot_role = {R},
                                   .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                   .params = &mean_params, .kernels = {JK_KERNEL(sum_block_f64)}};
JK_REGISTER_OP(mean_f64);

static const jk_op_def mean_f32 = {.name = "mean_f32", .slots = 1, .slot_type = {F32}, .slot_role = {R},
                                   .result = JK_RESULT_F64, .flags = JK_OP_STREAMING, .prepare = prepare_reduce,
                                   .params = &mean_params, .kernels = {JK_KERNEL(sum_block_f32)}};
JK_REGISTER_OP(mean_f32);

static const jk_op_def variance_f64 = {.name = "variance_f64", .slots = 1, .slot_type = {F64}, .slot_role = {R},
                                       .result = JK_RESULT_F64, .flags = JK_OP_STREAMING,
                                       .prepare = prepare_variance, .kernels = {JK_KERNEL(moments_f64)}};
JK_REGISTER_OP(variance_f64);

static const jk_op_def variance_f32 = {.name = "variance_f32", .slots = 1, .slot_type = {F32}, .slot_role = {R},
                                       .result = JK_RESULT_F64, .flags = JK_OP_STREAMING,
                                       .prepare = prepare_variance, .kernels = {JK_KERNEL(moments_f32)}};
JK_REGISTER_OP(variance_f32);

/* Inclusive prefix sums in place: x[i] = x[0] + ... + x[i], in the blocks' order above (jk_vector.h);
 * longs and ints wrap as Java's + does. */
#define PREFIX_OP(suffix, type, total_kernel)                                                                  \
    static const jk_op_def prefix_sum_##suffix = {.name = "prefix_sum_" #suffix, .slots = 1,                   \
                                                  .slot_type = {type}, .slot_role = {RW},                      \
                                                  .result = JK_RESULT_NONE, .flags = JK_OP_STREAMING,          \
                                                  .prepare = prepare_prefix,                                   \
                                                  .kernels = {JK_KERNEL(total_kernel), JK_KERNEL(scan_##suffix)}}; \
    JK_REGISTER_OP(prefix_sum_##suffix)

PREFIX_OP(f64, F64, scan_total_f64);
PREFIX_OP(f32, F32, scan_total_f32);
PREFIX_OP(i64, I64, sum_block_i64);
PREFIX_OP(i32, I32, sum_block_i32);

/* ---- the typed C API (jk_vector.h) ---- */

static jk_args vector_args(double a, const double *x, const double *y, size_t n) {
    return (jk_args){.size = sizeof(jk_args), .slot = {{(void *)x, n}, {(void *)y, y ? n : 0}}, .d = {a}};
}

jk_status jk_sum_f64(jk_pool *pool, const double *x, size_t n, double *result, jk_call_flags flags) {
    if (!result) return JK_ERR_NULL;
    jk_args a = vector_args(0, x, NULL, n);
    jk_value v;
    jk_status st = jk_call(pool, &sum_f64, &a, &v, NULL, flags);
    if (st == JK_OK) *result = v.f64;
    return st;
}

jk_status jk_dot_f64(jk_pool *pool, const double *x, const double *y, size_t n, double *result, jk_call_flags flags) {
    if (!result || (!y && n)) return JK_ERR_NULL;
    jk_args a = vector_args(0, x, y, n);
    jk_value v;
    jk_status st = jk_call(pool, &dot_f64, &a, &v, NULL, flags);
    if (st == JK_OK) *result = v.f64;
    return st;
}

jk_status jk_axpy_f64(jk_pool *pool, double alpha, const double *x, double *y, size_t n, jk_call_flags flags) {
    if (!y && n) return JK_ERR_NULL;
    jk_args a = vector_args(alpha, x, y, n);
    return jk_call(pool, &axpy_f64, &a, NULL, NULL, flags);
}

jk_status jk_scale_f64(jk_pool *pool, double alpha, double *x, size_t n, jk_call_flags flags) {
    jk_args a = vector_args(alpha, x, NULL, n);
    return jk_call(pool, &scale_f64, &a, NULL, NULL, flags);
}

jk_status jk_sum_f64_submit(jk_pool *pool, const double *x, size_t n, jk_call_flags flags, void *user, jk_job **job) {
    jk_args a = vector_args(0, x, NULL, n);
    return jk_call_submit(pool, &sum_f64, &a, flags, user, job);
}

jk_status jk_dot_f64_submit(jk_pool *pool, const double *x, const double *y, size_t n, jk_call_flags flags,
                            void *user, jk_job **job) {
    if (!y && n) return JK_ERR_NULL;
    jk_args a = vector_args(0, x, y, n);
    return jk_call_submit(pool, &dot_f64, &a, flags, user, job);
}

jk_status jk_axpy_f64_submit(jk_pool *pool, double alpha, const double *x, double *y, size_t n, jk_call_flags flags,
                             void *user, jk_job **job) {
    if (!y && n) return JK_ERR_NULL;
    jk_args a = vector_args(alpha, x, y, n);
    return jk_call_submit(pool, &axpy_f64, &a, flags, user, job);
}

jk_status jk_scale_f64_submit(jk_pool *pool, double alpha, double *x, size_t n, jk_call_flags flags, void *user,
                              jk_job **job) {
    jk_args a = vector_args(alpha, x, NULL, n);
    return jk_call_submit(pool, &scale_f64, &a, flags, user, job);
}
