/*
 * jkernels public C ABI: the worker pool.
 *
 * A jk_pool owns `threads` plain pthreads (never attached to a JVM) and an ISA
 * path. Any number of threads may call the operations of one pool at once:
 * their jobs queue onto the same workers, so the process never runs more than
 * `threads` kernel threads per pool. The calling thread sleeps while its job
 * runs; it does not compute.
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

/* Creates a pool. threads: 1..JK_MAX_THREADS, or 0 for the default
 * (JKERNELS_NUM_THREADS when set to a valid count, else jk_available_cpus()).
 * isa: JK_ISA_BEST or a path no higher than jk_isa_supported().
 * Errors: JK_ERR_NULL (out), JK_ERR_ARGUMENT (threads, isa),
 * JK_ERR_UNSUPPORTED (isa above the CPU's), JK_ERR_NOMEM, JK_ERR_THREAD. */
JK_API jk_status jk_pool_create(int threads, jk_isa isa, jk_pool **out);

/* Lets the calls already in progress finish and return (unfinished jobs run to
 * their end: cancel them first to hurry; a jk_pool_next_finished waiter gets
 * JK_ERR_STATE), joins every worker, frees the pool. Jobs not freed yet stay
 * valid, finished: they can still be waited for, read and freed after it.
 * No call may start once destroy has begun: like a mutex, the pool must be
 * quiet before it goes (a call racing with destroy may touch freed memory; one
 * that arrives while destroy waits usually gets JK_ERR_STATE, but that is not
 * a guarantee). NULL is ignored. */
JK_API void jk_pool_destroy(jk_pool *pool);

/* Worker count; 0 for NULL. */
JK_API int jk_pool_threads(const jk_pool *pool);

/* The resolved ISA path (never JK_ISA_BEST); JK_ISA_REF for NULL. */
JK_API jk_isa jk_pool_isa(const jk_pool *pool);

/* Sets the worker count (1..JK_MAX_THREADS) while jobs run: no chunk is lost
 * or run twice. New workers start at once; retired ones finish the chunk they
 * are running and exit before this returns. Errors: JK_ERR_NULL,
 * JK_ERR_ARGUMENT, JK_ERR_THREAD (the workers that started are kept),
 * JK_ERR_STATE (destroy has begun). */
JK_API jk_status jk_pool_resize(jk_pool *pool, int threads);

/* Cancels every job that still has chunks to hand out, synchronous or not
 * (synchronous callers get JK_ERR_CANCELLED); chunks already running finish. A
 * job whose chunks are all claimed runs to its end. Returns how many jobs. */
JK_API int jk_pool_cancel_all(jk_pool *pool);

typedef struct jk_pool_stats {
    int threads;            /* current worker count */
    int active;             /* workers inside a job now */
    int queued;             /* jobs waiting with work left to hand out */
    int callers;            /* synchronous callers waiting for their job */
    int pending;            /* asynchronous jobs not finished */
    uint64_t jobs_finished; /* since the pool started, any outcome */
    uint64_t jobs_failed;   /* of those, failed or cancelled */
} jk_pool_stats;

/* Per worker slot, since the pool started (a slot keeps its counts across
 * resizes). Work small enough to run on the calling thread is not counted. */
typedef struct jk_worker_stats {
    uint64_t jobs;    /* jobs the worker took part in */
    uint64_t chunks;  /* chunks it ran */
    uint64_t items;   /* work units it ran (items, blocks or rows) */
    uint64_t busy_ns; /* time inside chunks */
} jk_worker_stats;

/* Fills *stats and up to `cap` worker entries (workers may be NULL when cap is
 * 0); *count receives the number written. Errors: JK_ERR_NULL. */
JK_API jk_status jk_pool_stats_get(jk_pool *pool, jk_pool_stats *stats, jk_worker_stats *workers, int cap,
                                   int *count);

#ifdef __cplusplus
}
#endif

#endif
