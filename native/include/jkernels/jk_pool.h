/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: the worker pool.
 *
 * A jk_pool owns `threads` plain pthreads (never attached to a JVM) and an ISA
 * path. Any number of threads may call the operations of one pool at once:
 * their jobs queue onto the same workers, so the process never runs more than
 * `threads` kernel threads per pool for range work. A synchronous caller sleeps
 * while its range job runs; for team work (one fixed team per job, see
 * jk_op.h) it computes as member 0, beside at most threads - 1 idle workers.
 * A thread already computing for a pool (a kernel that calls the pool) runs
 * the inner call inline, on itself.
 */
#ifndef JKERNELS_JK_POOL_H
#define JKERNELS_JK_POOL_H

#include "jk_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Upper bound on the worker count of one pool. */
#define JK_MAX_THREADS 1024

typedef struct jk_pool jk_pool;

typedef struct jk_pool_options {
    uint32_t size;   /* sizeof(jk_pool_options) */
    int threads;     /* 1..JK_MAX_THREADS, or 0 for the default (JKERNELS_NUM_THREADS, else jk_available_cpus()) */
    jk_isa isa;      /* JK_ISA_BEST or a path no higher than jk_isa_supported() */
    /* How long idle workers and waiting callers poll before they sleep, in
     * nanoseconds: polling saves the thread wake-up (tens of microseconds on a
     * VM) between back-to-back calls, at the cost of CPU time while idle. -1:
     * JKERNELS_SPIN (microseconds) when set, else 50 us. Always 0 when the pool
     * has more threads than the process may use CPUs. */
    int64_t spin_ns;
} jk_pool_options;

#define JK_POOL_OPTIONS_INIT {sizeof(jk_pool_options), 0, JK_ISA_BEST, -1}

/* Creates a pool. Errors: JK_ERR_NULL (options, out), JK_ERR_ARGUMENT (size,
 * threads, isa, spin_ns < -1), JK_ERR_UNSUPPORTED (isa above the CPU's),
 * JK_ERR_NOMEM, JK_ERR_THREAD. */
JK_API jk_status jk_pool_create_with(const jk_pool_options *options, jk_pool **out);

/* jk_pool_create_with with the given threads and isa, the rest default. */
JK_API jk_status jk_pool_create(int threads, jk_isa isa, jk_pool **out);

/* Lets the calls already in progress finish and return (unfinished jobs run to
 * their end: cancel them first to hurry; a jk_pool_next_finished waiter gets
 * JK_ERR_STATE), joins every worker, frees the pool. Jobs not freed yet stay
 * valid, finished: they can still be waited for, read and freed after it.
 * No call may start once destroy has begun: like a mutex, the pool must be
 * quiet before it goes. In a child of fork() it only frees memory. NULL is
 * ignored. */
JK_API void jk_pool_destroy(jk_pool *pool);

/* Worker count; 0 for NULL. */
JK_API int jk_pool_threads(const jk_pool *pool);

/* The resolved ISA path (never JK_ISA_BEST); JK_ISA_REF for NULL. */
JK_API jk_isa jk_pool_isa(const jk_pool *pool);

/* The poll time in effect, in nanoseconds; 0 for NULL. */
JK_API int64_t jk_pool_spin_ns(const jk_pool *pool);

/* Sets the worker count (1..JK_MAX_THREADS) while jobs run: no chunk is lost
 * or run twice. New workers start at once; retired ones finish the chunk they
 * are running (or the team job they belong to) and exit before this returns.
 * Errors: JK_ERR_NULL, JK_ERR_ARGUMENT, JK_ERR_THREAD (the workers that started
 * are kept), JK_ERR_STATE (destroy has begun), JK_ERR_FORKED. */
JK_API jk_status jk_pool_resize(jk_pool *pool, int threads);

/* Cancels every job that still has work to hand out, synchronous or not
 * (synchronous callers get JK_ERR_CANCELLED); chunks already running finish. A
 * range job whose chunks are all claimed runs to its end; a running team job
 * stops at its next barrier. Returns how many jobs. */
JK_API int jk_pool_cancel_all(jk_pool *pool);

typedef struct jk_pool_stats {
    uint32_t size;          /* in: sizeof(jk_pool_stats) */
    int threads;            /* current worker count */
    int active;             /* workers inside a job now */
    int queued;             /* jobs waiting with work left to hand out */
    int callers;            /* synchronous callers inside a call */
    int pending;            /* asynchronous jobs not finished */
    uint64_t jobs_finished; /* since the pool started, any outcome */
    uint64_t jobs_failed;   /* of those, failed or cancelled */
} jk_pool_stats;

/* Per worker slot, since the pool started (a slot keeps its counts across
 * resizes). Work run on a calling thread is not counted. */
typedef struct jk_worker_stats {
    uint64_t jobs;    /* jobs the worker took part in */
    uint64_t chunks;  /* chunks it ran (one per team job it was a member of) */
    uint64_t items;   /* work units it ran (items, blocks or rows) */
    uint64_t busy_ns; /* time inside jobs */
    uint64_t reserved[4]; /* zero; room for more counters */
} jk_worker_stats;

/* Fills *stats (its `size` set by the caller) and up to `cap` worker entries
 * (workers may be NULL when cap is 0); *count receives the number written.
 * Errors: JK_ERR_NULL, JK_ERR_ARGUMENT (stats->size too small). */
JK_API jk_status jk_pool_stats_get(jk_pool *pool, jk_pool_stats *stats, jk_worker_stats *workers, int cap,
                                   int *count);

#ifdef __cplusplus
}
#endif

#endif
