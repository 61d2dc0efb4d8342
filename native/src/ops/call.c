/* SPDX-License-Identifier: Apache-2.0 */
/* The generic runner: checks, prepares and runs any registered operation,
 * synchronously (jk_call) or as a job (jk_call_submit). Knows no operation. */
#include <stdlib.h>
#include <string.h>

#include "ops.h"

static int written(const jk_op_def *def, int k) { return (def->slot_role[k] & JK_ROLE_WRITE) != 0; }

/* Slots a and b share memory. Equal spans count as overlapping. */
static int overlap(const jk_op_def *def, const jk_args *args, int a, int b, int *same) {
    size_t la = args->slot[a].length * jk_type_size(def->slot_type[a]);
    size_t lb = args->slot[b].length * jk_type_size(def->slot_type[b]);
    uintptr_t pa = (uintptr_t)args->slot[a].data, pb = (uintptr_t)args->slot[b].data;
    *same = pa == pb && la == lb;
    return la && lb && pa < pb + lb && pb < pa + la;
}

jk_status jk_op_check(const jk_op_def *def, const jk_args *args) {
    if (!def || !args) return JK_ERR_NULL;
    if (args->size < sizeof(jk_args)) return JK_ERR_ARGUMENT;
    for (int k = 0; k < def->slots; k++) {
        if (args->slot[k].length && !args->slot[k].data) return JK_ERR_NULL;
        if (args->slot[k].length > JK_RT_MAX_INDEX / 8) return JK_ERR_ARGUMENT;
        if ((def->flags & JK_OP_SAME_LENGTH) && args->slot[k].length != args->slot[0].length) return JK_ERR_ARGUMENT;
    }
    /* A written slot shares memory with no other slot, unless it is exactly a
     * read slot of an op that may run in place. */
    for (int a = 0; a < def->slots; a++)
        for (int b = a + 1; b < def->slots; b++) {
            int same;
            if (!(written(def, a) || written(def, b)) || !overlap(def, args, a, b, &same)) continue;
            int both_write_only = def->slot_role[a] == JK_ROLE_WRITE && def->slot_role[b] == JK_ROLE_WRITE;
            if (!(same && (def->flags & JK_OP_IN_PLACE) && !both_write_only)) return JK_ERR_ARGUMENT;
        }
    return def->check ? def->check(args) : JK_OK;
}

/* The best variant of each kernel for the path: the path's own, else the one
 * of the closest path below. Never above the pool's path, which never exceeds
 * what the CPU supports (jk_pool_create checks it). */
static void resolve_kernels(jk_op *op) {
    for (int k = 0; k < JK_OP_MAX_KERNELS; k++) {
        op->kernel[k] = NULL;
        for (int isa = op->pool->isa; isa >= JK_ISA_REF && !op->kernel[k]; isa--) op->kernel[k] = op->def->kernels[k][isa];
    }
}

/* jk_rt_work is mostly its phase table, read only by PHASES work (up to
 * nphases). Clearing or copying the whole struct on every call cost more than
 * a small call's work (rep stos / rep movs of half a kilobyte, twice), so the
 * helpers below touch every field but the table. */
static void clear_work(jk_rt_work *w) {
    w->kind = JK_RT_RANGE;
    w->ctx = NULL;
    w->fn = NULL;
    w->begin = w->end = 0;
    w->grain = 1;
    w->team_max = 0;
    w->team_fn = NULL;
    w->nphases = 0;
    w->units = 0;
}

static void copy_work(jk_rt_work *dst, const jk_rt_work *src) {
    if (src->kind == JK_RT_PHASES) {
        *dst = *src;
        return;
    }
    dst->kind = src->kind;
    dst->ctx = src->ctx;
    dst->fn = src->fn;
    dst->begin = src->begin;
    dst->end = src->end;
    dst->grain = src->grain;
    dst->team_max = src->team_max;
    dst->team_fn = src->team_fn;
    dst->nphases = 0;
    dst->units = src->units;
}

jk_status jk_op_prepare(jk_op *op, jk_pool *pool, const jk_op_def *def, const jk_args *args) {
    if (!pool) return JK_ERR_NULL;
    jk_status st = jk_op_check(def, args);
    if (st != JK_OK) return st;
    op->def = def;
    op->pool = pool;
    op->args = *args;
    memset(op->origin, 0, sizeof op->origin);
    clear_work(&op->work);
    op->cheap = 0;
    op->unit = 1;
    for (int k = 0; k < JK_MAX_SLOTS; k++) op->slot_unit[k] = 1;
    op->items = 0;
    op->complete = NULL;
    op->release = NULL;
    op->value.i64 = 0;
    atomic_init(&op->bad_index, SIZE_MAX);
    resolve_kernels(op);
    st = def->prepare(op);
    if (st != JK_OK) jk_op_release(op);
    return st;
}

void jk_op_set_range(jk_op *op, jk_range_fn fn, size_t n, size_t grain, size_t unit, int cheap) {
    clear_work(&op->work);
    op->work.fn = fn;
    op->work.end = n;
    op->work.grain = grain ? grain : 1;
    op->unit = unit;
    for (int k = 0; k < JK_MAX_SLOTS; k++) op->slot_unit[k] = unit;
    op->cheap = cheap;
    op->items = n * unit;
}

void jk_op_set_team(jk_op *op, jk_team_fn fn, int team_max, size_t units) {
    clear_work(&op->work);
    op->work.kind = JK_RT_TEAM;
    op->work.team_fn = fn;
    op->work.team_max = team_max > 0 ? team_max : 1;
    op->work.units = units;
    op->unit = 1;
    for (int k = 0; k < JK_MAX_SLOTS; k++) op->slot_unit[k] = 1;
    op->cheap = 0;
    op->items = units;
}

void jk_op_record_bad(jk_op *op, size_t index) {
    size_t seen = atomic_load(&op->bad_index);
    while (index < seen && !atomic_compare_exchange_weak(&op->bad_index, &seen, index)) {
    }
}

jk_status jk_op_run_window(jk_op *op, size_t begin, size_t end, jk_call_flags flags) {
    jk_rt_work w;
    copy_work(&w, &op->work);
    w.ctx = op;
    unsigned rt_flags = 0;
    if (w.kind == JK_RT_RANGE) {
        w.begin = begin;
        w.end = end;
        /* One cheap chunk: waking a worker would cost more than the work. */
        if (op->cheap && end - begin <= w.grain) rt_flags |= JK_RT_INLINE;
    }
    if (flags & JK_CALL_INLINE) rt_flags |= JK_RT_INLINE;
    if (flags & JK_CALL_IF_IDLE) rt_flags |= JK_RT_IF_IDLE;
    return (jk_status)jk_runtime_run(op->pool->runtime, &w, rt_flags);
}

jk_status jk_op_complete(jk_op *op, jk_status st) {
    if (st == JK_ERR_BUSY) return st;
    /* Items that failed while the call went on make it fail as a whole. */
    if (st == JK_OK && atomic_load(&op->bad_index) != SIZE_MAX) st = JK_ERR_DOMAIN;
    return op->complete ? op->complete(op, st) : st;
}

void jk_op_release(jk_op *op) {
    if (op->release) op->release(op);
    op->release = NULL;
}

static jk_status check_flags(jk_call_flags flags, jk_call_flags allowed) {
    return flags & ~allowed ? JK_ERR_ARGUMENT : JK_OK;
}

jk_status jk_call(jk_pool *pool, const jk_op_def *def, const jk_args *args, jk_value *result, size_t *bad_index,
                  jk_call_flags flags) {
    jk_status st = check_flags(flags, JK_CALL_IF_IDLE | JK_CALL_INLINE);
    if (st != JK_OK) return st;
    jk_op op;
    st = jk_op_prepare(&op, pool, def, args);
    if (st != JK_OK) return st;
    st = jk_op_complete(&op, jk_op_run_window(&op, op.work.begin, op.work.end, flags));
    if (st == JK_OK && result) *result = op.value;
    if (st == JK_ERR_DOMAIN && bad_index) *bad_index = atomic_load(&op.bad_index);
    jk_op_release(&op);
    return st;
}

jk_status jk_call_submit(jk_pool *pool, const jk_op_def *def, const jk_args *args, jk_call_flags flags, void *user,
                         jk_job **job) {
    if (!job) return JK_ERR_NULL;
    *job = NULL; /* what every failure leaves */
    jk_status st = check_flags(flags, JK_CALL_NOTIFY);
    if (st != JK_OK) return st;
    jk_op op;
    st = jk_op_prepare(&op, pool, def, args);
    return st != JK_OK ? st : jk_op_submit(&op, flags, user, job);
}
