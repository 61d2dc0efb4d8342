/*
 * The pthread runtime: N workers pulling chunks of queued jobs.
 *
 * Assumptions and invariants (read before changing anything here):
 *  - Workers are plain pthreads, never attached to a JVM, with every
 *    asynchronous signal blocked so process-directed signals reach the JVM's
 *    own threads.
 *  - A job is the index range [0, n) cut into chunks of `grain` indices. Workers
 *    claim chunks with an atomic cursor, so uneven chunks balance by themselves
 *    and no index is ever run twice or skipped (unless the job stops early).
 *  - Jobs queue FIFO; a worker helps the oldest job that still has unclaimed
 *    chunks. A synchronous caller sleeps until its job is finished: exactly
 *    `threads` threads compute, however many callers there are.
 *  - A job stops early when a chunk fails or it is cancelled: its status
 *    becomes non-zero, workers see that before claiming their next chunk, and
 *    the chunks nobody claimed are skipped. The pool itself is unaffected.
 *  - A job is finished when it is out of the queue and no worker is inside it.
 *    That moment is decided under the pool lock, once, by whoever makes it true
 *    (the last worker leaving, or a cancel finding nobody inside); after it,
 *    no worker touches the job again.
 *  - Synchronous jobs live in their caller's stack frame (safe by the rule
 *    above). Asynchronous jobs are heap objects the owner frees once finished.
 *  - Resizing changes the worker count while jobs run: new workers join the
 *    queue at once; retired workers leave between two chunks (a claimed chunk
 *    always runs to its end), and resize returns once they have exited.
 *  - Stopping waits for every synchronous caller inside jk_runtime_run, every
 *    unfinished asynchronous job and every thread inside job_wait or
 *    next_finished (those return STOPPING at once), then joins the workers.
 *    Asynchronous jobs not freed yet outlive the runtime, detached: their owner
 *    can still query and free them. No call may start once stopping has begun
 *    (it races with the free); the owner guarantees that.
 *  - Statistics are per worker slot, written only by that worker (relaxed
 *    atomics) and read by anyone; they add up since the runtime started.
 *  - The runtime knows nothing about kernels: it runs jk_range_fn callbacks.
 */
#ifndef JKERNELS_RUNTIME_H
#define JKERNELS_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/* Status values shared with jk_status (jk_common.h). */
enum {
    JK_RT_NOMEM = 4,
    JK_RT_STOPPING = 5,
    JK_RT_THREAD = 7,
    JK_RT_BUSY = 8,
    JK_RT_CANCELLED = 9,
    JK_RT_TIMEOUT = 10
};

/* Most workers a runtime can have at once. */
#define JK_RT_MAX_WORKERS 1024

typedef struct jk_runtime jk_runtime;
typedef struct jk_rt_job jk_rt_job;

/* Runs indices [begin, end) of a job. Returns 0 on success or a non-zero status
 * that stops the job; `ctx` is the job's context. */
typedef int (*jk_range_fn)(void *ctx, size_t begin, size_t end);

typedef struct {
    uint64_t jobs;    /* jobs this worker took part in */
    uint64_t chunks;  /* chunks it ran */
    uint64_t items;   /* indices it ran */
    uint64_t busy_ns; /* time spent inside chunks */
} jk_rt_worker_stats;

typedef struct {
    int threads;          /* current worker count */
    int active;           /* workers inside a job right now */
    int queued;           /* jobs in the queue with chunks to hand out */
    int callers;          /* synchronous callers waiting */
    int pending;          /* asynchronous jobs not finished yet */
    uint64_t jobs_finished; /* jobs finished since start, any outcome */
    uint64_t jobs_failed;   /* of which failed or were cancelled */
} jk_rt_stats;

/* Starts `threads` workers (1..JK_RT_MAX_WORKERS). Returns NULL with *status
 * set on failure: JK_RT_NOMEM or JK_RT_THREAD. */
jk_runtime *jk_runtime_start(int threads, int *status);

/* Waits for synchronous callers, unfinished asynchronous jobs and threads in
 * job_wait / next_finished (woken with JK_RT_STOPPING), joins every worker,
 * frees the runtime. Asynchronous jobs not freed yet stay valid, finished and
 * detached: job_wait, job_finished, job_status, job_cancel (0) and job_free
 * still work on them. NULL is ignored. */
void jk_runtime_stop(jk_runtime *rt);

int jk_runtime_threads(jk_runtime *rt);

/* Runs fn over [0, n) in chunks of `grain` (>= 1) on the workers and waits.
 * Returns 0, the status of the first failing chunk, JK_RT_CANCELLED,
 * JK_RT_STOPPING when the runtime is stopping, or JK_RT_BUSY when
 * `only_if_idle` and a job is queued or a worker busy (then nothing ran).
 * n == 0 returns 0 without touching anything. */
int jk_runtime_run(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int only_if_idle);

/* Queues fn over [0, n) and returns at once with the job in *out. `ctx` must
 * stay valid until the job is finished. When `notify`, the finished job is also
 * handed out once by jk_runtime_next_finished. Returns 0, JK_RT_NOMEM or
 * JK_RT_STOPPING. n == 0 gives a job that is already finished. */
int jk_runtime_submit(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int notify,
                      jk_rt_job **out);

/* Waits up to timeout_ns (< 0: forever) for the job to finish. Returns its
 * status, or JK_RT_TIMEOUT. */
int jk_runtime_job_wait(jk_rt_job *job, int64_t timeout_ns);

/* Stops the job's unclaimed chunks; chunks already running finish. Returns 1
 * when chunks were left to hand out (its status becomes JK_RT_CANCELLED unless
 * it had already failed), 0 when the job was finished or all its chunks were
 * claimed already (it then runs to its end). */
int jk_runtime_job_cancel(jk_rt_job *job);

/* 1 once finished. */
int jk_runtime_job_finished(jk_rt_job *job);

/* The job's status: 0 while running or when it succeeded. */
int jk_runtime_job_status(jk_rt_job *job);

/* Indices run so far (chunk granularity) and the job's size. */
size_t jk_runtime_job_done(jk_rt_job *job);
size_t jk_runtime_job_size(jk_rt_job *job);

void *jk_runtime_job_ctx(jk_rt_job *job);

/* Frees a finished asynchronous job (unfinished: returns JK_RT_BUSY and frees
 * nothing). A notify job not yet handed out is taken off the finished list. */
int jk_runtime_job_free(jk_rt_job *job);

/* Waits up to timeout_ns (< 0: forever) for a finished notify job and hands it
 * out (each once). Returns 0 with *out set, JK_RT_TIMEOUT, or JK_RT_STOPPING
 * when woken by jk_runtime_wake or by stop with nothing to hand out. */
int jk_runtime_next_finished(jk_runtime *rt, int64_t timeout_ns, jk_rt_job **out);

/* Wakes every thread waiting in jk_runtime_next_finished once. */
void jk_runtime_wake(jk_runtime *rt);

/* Cancels every job queued or running, synchronous or not. Returns how many. */
int jk_runtime_cancel_all(jk_runtime *rt);

/* Sets the worker count (1..JK_RT_MAX_WORKERS) while jobs may run. Returns 0,
 * JK_RT_THREAD (the workers that started are kept), or JK_RT_STOPPING. */
int jk_runtime_resize(jk_runtime *rt, int threads);

/* Fills *stats and, for slots 0..min(cap, threads)-1, per-worker statistics.
 * Returns the number of worker entries written. */
int jk_runtime_stats(jk_runtime *rt, jk_rt_stats *stats, jk_rt_worker_stats *workers, int cap);

#endif
