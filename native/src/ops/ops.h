/* The ops layer: the public jk_pool and jk_job, and how each operation is cut
 * into chunks for the runtime. Knows no intrinsics (those live in kernels/).
 *
 * Every operation is first prepared into a jk_op (what runs each chunk, how
 * many chunks, what to do once they ran), then either run synchronously
 * (jk_ops_sync) or queued as a job (jk_ops_submit). One preparation per
 * operation, two ways to run it: the sync and async forms cannot drift apart. */
#ifndef JKERNELS_OPS_H
#define JKERNELS_OPS_H

#include <stdatomic.h>

#include "jkernels/jkernels.h"
#include "../runtime/runtime.h"
#include "../dispatch/dispatch.h"

struct jk_pool {
    jk_runtime *runtime;
    const jk_kernel_table *kernels;
    jk_isa isa;
};

/* Reductions with at most this many blocks keep their partial sums inline. */
#define JK_OPS_INLINE_BLOCKS 64

typedef struct jk_op jk_op;

struct jk_op {
    jk_range_fn fn;          /* gets the jk_op itself as ctx */
    size_t n;                /* runtime indices: items, blocks or rows */
    size_t grain;
    int cheap;               /* one chunk may run on the calling thread */
    size_t unit;             /* operation items per runtime index (progress) */
    size_t items;            /* operation items in all */
    /* After the chunks ran and st is their status: completes the result and
     * returns the operation's status. NULL: st as is. */
    jk_status (*complete)(jk_op *op, jk_status st); /* idempotent: may run more than once */
    void (*release)(jk_op *op); /* frees what preparing allocated; NULL: nothing */
    const jk_kernel_table *kernels;
    double value;            /* reductions */
    atomic_size_t bad_index; /* maps: lowest failing item; SIZE_MAX while none */
    union {
        struct {
            const jk_map_i64_entry *i64;
            const jk_map_f64_entry *f64;
            const void *in;
            void *out;
            uint8_t *item_status; /* NULL: the first failure stops the job */
        } map;
        struct {
            const double *x, *y; /* y is NULL for sum */
            size_t len;
            double *heap;        /* partials when there are too many to keep inline */
            double inline_partials[JK_OPS_INLINE_BLOCKS];
        } reduce;
        struct {
            double a;
            const double *x;
            double *y;
        } stream;
        struct {
            jk_mandelbrot m;
            int32_t *out;
        } image;
    } u;
};

/* Sets the common fields; the operation sets its own after. */
void jk_op_init(jk_op *op, jk_pool *pool, jk_range_fn fn, size_t n, size_t grain, int cheap, size_t unit,
                size_t items);

/* Runs op on the pool and waits. When the whole job is one chunk and cheap, it
 * runs on the calling thread: waking a worker would cost more than the work.
 * JK_CALL_IF_IDLE is honoured as jk_common.h describes. */
jk_status jk_ops_sync(jk_pool *pool, jk_op *op, jk_call_flags flags);

/* Copies op into a new job and queues it. */
jk_status jk_ops_submit(jk_pool *pool, const jk_op *op, jk_call_flags flags, void *user, jk_job **job);

/* Frees what a prepared op holds (reduction partials); prepared but never run
 * ops and finished jobs both go through it. */
void jk_op_release(jk_op *op);

#endif
