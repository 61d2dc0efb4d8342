/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The op layer: one definition per operation, and the generic machinery that
 * checks, prepares and runs any of them, synchronously or as a job.
 *
 * An operation is a `jk_op_def` in the file of its family (map.c, vector.c,
 * image.c, ...), registered with JK_REGISTER_OP; nothing else names it. A
 * definition says:
 *   - its slots (element type and role each), how many integer and double
 *     scalars it takes, its result kind, and behaviour flags (jk_op.h);
 *   - `check`: what the generic checks (slot count, NULL data, lengths, overlap)
 *     cannot know: domains, shapes, scalar ranges;
 *   - `prepare`: how it is cut into work for the runtime (a range of indices, a
 *     team, phases), what each index stands for (`unit` items; `slot_unit` per
 *     slot for JK_OP_SLOT_UNITS, set after jk_op_set_range, which resets it), what happens
 *     after the work ran (`complete`), and its own state in `state`;
 *   - its kernels: up to JK_OP_MAX_KERNELS functions, each with a reference
 *     variant and optional ISA overrides (JK_KERNEL); the op layer resolves the
 *     best one for the pool's ISA path.
 *
 * Invariants:
 *  - A range function reaches slot memory only through jk_op_slot(): the JNI
 *    glue re-points slots between windows (pinned arrays can move, copies are
 *    windows of the array), so no pointer into a slot survives a chunk.
 *  - `state` holds no pointer into the jk_op itself: an async job copies the op.
 *  - `complete` may run more than once and must give the same answer.
 *  - Nothing here knows intrinsics; kernels know nothing of ops.
 */
#ifndef JKERNELS_OPS_H
#define JKERNELS_OPS_H

#include <stdalign.h>
#include <stdatomic.h>

#include "jkernels/jkernels.h"
#include "../runtime/runtime.h"

struct jk_pool {
    jk_runtime *runtime;
    jk_isa isa;
};

/* Any kernel function; each definition casts to its own shape. */
typedef void (*jk_kernel_fn)(void);

#define JK_OP_MAX_KERNELS 4
#define JK_OP_STATE_BYTES 768

typedef struct jk_op jk_op;

struct jk_op_def {
    const char *name;
    uint8_t slots, ints, reals;
    uint8_t slot_type[JK_MAX_SLOTS]; /* jk_type */
    uint8_t slot_role[JK_MAX_SLOTS]; /* jk_role */
    uint8_t result;                  /* jk_result_kind */
    uint32_t flags;                  /* JK_OP_* */
    jk_status (*check)(const jk_args *args);  /* NULL: the generic checks are all */
    jk_status (*prepare)(jk_op *op);          /* sets op->work, unit, items, complete, state */
    const void *params;              /* constant data of the definition, for prepares shared by a family */
    jk_kernel_fn kernels[JK_OP_MAX_KERNELS][JK_ISA_COUNT];
};

struct jk_op {
    const jk_op_def *def;
    jk_pool *pool;
    jk_args args;
    size_t origin[JK_MAX_SLOTS];     /* the element index slot k's data stands for (0 unless windowed copies) */
    jk_kernel_fn kernel[JK_OP_MAX_KERNELS]; /* resolved for the pool's ISA path */
    jk_rt_work work;                 /* its ctx is set by the runner, to this op */
    int cheap;                       /* one chunk is cheap enough to run on the calling thread */
    size_t unit;                     /* op items per work index (progress, windows) */
    /* Elements of slot k per work index, for windows (jk_op.h JK_OP_SLOT_UNITS): `unit` for every slot unless
     * prepare says otherwise; 0: the whole slot, read only, in every window. */
    size_t slot_unit[JK_MAX_SLOTS];
    size_t items;                    /* op items in all */
    jk_status (*complete)(jk_op *op, jk_status st); /* after the work; NULL: st as is */
    void (*release)(jk_op *op);      /* frees what prepare allocated; NULL: nothing */
    jk_value value;
    atomic_size_t bad_index;         /* lowest failing item; SIZE_MAX while none */
    alignas(16) unsigned char state[JK_OP_STATE_BYTES];
};

/* The op's own state, as the definition's type (which must fit: the array
 * size turns negative, a compile error, when it does not). */
#define JK_OP_STATE(op, type) \
    ((type *)(void *)((op)->state + 0 * sizeof(char[sizeof(type) <= JK_OP_STATE_BYTES ? 1 : -1])))

/* ---- in definitions ---- */

/* Registers a definition (a linker section lists them all; no table to edit). */
#define JK_REGISTER_OP(def)                                                                   \
    __attribute__((used, section("jk_ops"))) static const jk_op_def *const jk_op_entry_##def = &def

/* The ISA variants of kernel `name` of shape `shape` (a function type). The
 * reference variant jkk_ref_<name> must exist; jkk_avx2_<name> and
 * jkk_avx512_<name> are weak: a path that does not define one keeps the one of
 * the path below. Each kernel file declares its functions with the same shape
 * before defining them, so the compiler checks both sides. */
#define JK_KERNEL_VARIANTS(shape, name)                                     \
    shape jkk_ref_##name;                                                   \
    __attribute__((weak, visibility("hidden"))) shape jkk_avx2_##name;     \
    __attribute__((weak, visibility("hidden"))) shape jkk_avx512_##name
#define JK_KERNEL(name) {(jk_kernel_fn)jkk_ref_##name, (jk_kernel_fn)jkk_avx2_##name, (jk_kernel_fn)jkk_avx512_##name}

/* Slot k's element `index` (in the slot's own elements). */
static inline void *jk_op_slot(const jk_op *op, int k, size_t index);

/* Size in bytes of one element of a jk_type. */
static inline size_t jk_type_size(int type) { return type == JK_TYPE_F32 || type == JK_TYPE_I32 ? 4 : 8; }

static inline void *jk_op_slot(const jk_op *op, int k, size_t index) {
    return (char *)op->args.slot[k].data + (index - op->origin[k]) * jk_type_size(op->def->slot_type[k]);
}

/* Part `part` of `parts` of [0, count) units: [*from, *to), the parts in order and as even as they come. */
static inline void jk_op_share(size_t count, int parts, int part, size_t *from, size_t *to) {
    *from = count * (size_t)part / (size_t)parts;
    *to = count * (size_t)(part + 1) / (size_t)parts;
}

/* A range job over [0, n) in chunks of `grain`, `unit` op items per index. */
void jk_op_set_range(jk_op *op, jk_range_fn fn, size_t n, size_t grain, size_t unit, int cheap);

/* A team job of at most team_max members (capped by the runtime at its workers), each running fn once
 * (runtime.h: barriers, broadcast, per-member scratch); `units` of progress in all (jk_rt_add_done). Team
 * work is never windowed: the JNI glue runs it on copies of its slots. */
void jk_op_set_team(jk_op *op, jk_team_fn fn, int team_max, size_t units);

/* Ordered ranges. The runtime hands a range's chunks out in index order, and
 * every chunk handed out runs to its end (runtime.h), so a range function may
 * wait for what an earlier chunk publishes (a scan's carry), never for what a
 * later one does, with jk_rt_await, which gives up when the job stops (a chunk
 * failed, or the job was cancelled); a chunk that gives up returns that
 * status. Windows (the JNI glue's) run one after another in index order, so
 * what a window publishes in the op's state is there for the next. */

/* Records a failing item (lowest wins). */
void jk_op_record_bad(jk_op *op, size_t index);

/* ---- the runner (call.c) ---- */

/* Checks args against def (generic checks, then def->check). */
jk_status jk_op_check(const jk_op_def *def, const jk_args *args);

/* Checks and prepares; on success the caller runs it and then releases it. */
jk_status jk_op_prepare(jk_op *op, jk_pool *pool, const jk_op_def *def, const jk_args *args);

/* Runs work indices [begin, end) of a prepared op and waits (all of it:
 * 0, work.end). Flags: JK_CALL_IF_IDLE, JK_CALL_INLINE. Returns the runtime's
 * status; JK_ERR_BUSY means nothing ran. Range work only may be windowed. */
jk_status jk_op_run_window(jk_op *op, size_t begin, size_t end, jk_call_flags flags);

/* The op's final status after its work ran with status st (result in op->value). */
jk_status jk_op_complete(jk_op *op, jk_status st);

void jk_op_release(jk_op *op);

/* Copies a prepared op into a new job and queues it (the job owns what the op
 * allocated from then on, also when this fails). */
jk_status jk_op_submit(jk_op *op, jk_call_flags flags, void *user, jk_job **job);

#endif
