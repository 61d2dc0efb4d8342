/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counter-based random numbers: value i of a seed's stream is a pure function of (seed, i), so a call's
 * output for (seed, offset, length) is the same however its range is cut (threads, windows, paths), and
 * filling [0, n) at once equals filling [0, k) and [k, n). Words come from Philox4x32-10 blocks
 * (kernels/random.h); 32-bit values take one word each (value i is word i), 64-bit values two (value i
 * is word 2i, then word 2i + 1 as its high half). jk_random.h states the mapping to doubles and floats.
 */
#include "ops.h"
#include "../kernels/random.h"

JK_KERNEL_VARIANTS(jk_philox_shape, philox4x32);

#define RANDOM_GRAIN 16384 /* values per chunk */
#define BUFFER_BLOCKS 64   /* blocks generated at a time, on the stack (1 KiB) */

/* How one op turns words into its values: `words` per value, and what it writes. */
typedef struct {
    unsigned words;
    void (*emit)(const uint32_t *w, size_t values, void *out);
} random_params;

static void emit_i32(const uint32_t *w, size_t values, void *out) { memcpy(out, w, values * sizeof *w); }

static void emit_i64(const uint32_t *w, size_t values, void *out) {
    uint64_t *o = out;
    for (size_t k = 0; k < values; k++) o[k] = (uint64_t)w[2 * k] | (uint64_t)w[2 * k + 1] << 32;
}

/* The top 53 bits of the 64-bit value over 2^53: in [0, 1), never 1.0, every multiple of 2^-53 equally likely. */
static void emit_f64(const uint32_t *w, size_t values, void *out) {
    double *o = out;
    for (size_t k = 0; k < values; k++) o[k] = (double)(((uint64_t)w[2 * k] | (uint64_t)w[2 * k + 1] << 32) >> 11) * 0x1p-53;
}

/* The top 24 bits of the word over 2^24: in [0, 1), never 1.0f. */
static void emit_f32(const uint32_t *w, size_t values, void *out) {
    float *o = out;
    for (size_t k = 0; k < values; k++) o[k] = (float)(w[k] >> 8) * 0x1p-24f;
}

/* Values [begin, end) of the slice are stream values offset + begin ... (i[0] the seed, i[1] the offset). */
static int random_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    const random_params *p = op->def->params;
    uint64_t seed = (uint64_t)op->args.i[0], offset = (uint64_t)op->args.i[1];
    uint64_t word = (offset + begin) * p->words, end_word = (offset + end) * p->words;
    uint32_t buffer[4 * BUFFER_BLOCKS];
    size_t at = begin;
    while (word < end_word) {
        uint64_t block = word / 4, skip = word % 4, blocks = (end_word - block * 4 + 3) / 4;
        if (blocks > BUFFER_BLOCKS) blocks = BUFFER_BLOCKS;
        ((jk_philox_shape *)op->kernel[0])(seed, block, (size_t)blocks, buffer);
        uint64_t take = blocks * 4 - skip; /* a multiple of p->words: so are word and end_word */
        if (take > end_word - word) take = end_word - word;
        size_t values = (size_t)(take / p->words);
        p->emit(buffer + skip, values, jk_op_slot(op, 0, at));
        at += values;
        word += take;
    }
    return JK_OK;
}

/* The offset is a stream index (>= 0), and the end of the range, offset + length, fits in a long. */
static jk_status check_random(const jk_args *a) {
    int64_t offset = a->i[1];
    if (offset < 0 || (uint64_t)offset > (uint64_t)INT64_MAX - a->slot[0].length) return JK_ERR_ARGUMENT;
    return JK_OK;
}

static jk_status prepare_random(jk_op *op) {
    jk_op_set_range(op, random_range, op->args.slot[0].length, RANDOM_GRAIN, 1, 1);
    return JK_OK;
}

static const random_params bits_i64_params = {2, emit_i64}, bits_i32_params = {1, emit_i32};
static const random_params uniform_f64_params = {2, emit_f64}, uniform_f32_params = {1, emit_f32};

#define RANDOM_OP(opname, type, params_)                                                                     \
    static const jk_op_def opname = {.name = #opname, .slots = 1, .ints = 2, .slot_type = {type},            \
                                     .slot_role = {JK_ROLE_WRITE}, .result = JK_RESULT_NONE,                \
                                     .flags = JK_OP_STREAMING, .check = check_random,                       \
                                     .prepare = prepare_random, .params = &params_,                         \
                                     .kernels = {JK_KERNEL(philox4x32)}};                                   \
    JK_REGISTER_OP(opname)

RANDOM_OP(random_bits_i64, JK_TYPE_I64, bits_i64_params);
RANDOM_OP(random_bits_i32, JK_TYPE_I32, bits_i32_params);
RANDOM_OP(random_uniform_f64, JK_TYPE_F64, uniform_f64_params);
RANDOM_OP(random_uniform_f32, JK_TYPE_F32, uniform_f32_params);
