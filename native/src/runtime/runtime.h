/*
 * The pthread runtime: N workers pulling chunks of queued jobs.
 *
 * Assumptions and invariants (read before changing anything here):
 *  - Workers are plain pthreads, never attached to a JVM, with every signal
 *    blocked so process-directed signals reach the JVM's own threads.
 *  - A job is the index range [0, n) cut into chunks of `grain` indices. Workers
 *    claim chunks with an atomic cursor, so uneven chunks balance by themselves.
 *  - Jobs queue FIFO; a worker helps the oldest job that still has unclaimed
 *    chunks. The submitting thread sleeps until its job is complete: exactly
 *    `threads` threads compute, however many callers there are.
 *  - A job lives in its caller's stack frame. A worker touches a job only after
 *    joining it under the pool lock and until it leaves it under the same lock;
 *    the caller returns only when the job is out of the queue and no worker is
 *    in it. That is what makes the stack allocation safe.
 *  - A chunk that returns a non-zero status marks the job failed; the remaining
 *    chunks are skipped, the pool itself is unaffected.
 *  - Stopping lets every caller already inside jk_runtime_run finish and return
 *    before the runtime is freed. No call may start once stopping has begun
 *    (one that does races with the free); the owner guarantees that.
 *  - The runtime knows nothing about kernels: it runs jk_range_fn callbacks.
 */
#ifndef JKERNELS_RUNTIME_H
#define JKERNELS_RUNTIME_H

#include <stddef.h>

typedef struct jk_runtime jk_runtime;

/* Runs indices [begin, end) of a job. Returns 0 on success or a non-zero status
 * that fails the job; `ctx` is the job's context. */
typedef int (*jk_range_fn)(void *ctx, size_t begin, size_t end);

/* Starts `threads` workers (>= 1). Returns NULL with *status set on failure:
 * 4 (out of memory) or 7 (thread start). Mirrors jk_status values. */
jk_runtime *jk_runtime_start(int threads, int *status);

/* Waits for the callers inside jk_runtime_run, joins every worker, frees the
 * runtime. NULL is ignored. */
void jk_runtime_stop(jk_runtime *rt);

int jk_runtime_threads(const jk_runtime *rt);

/* Threads inside jk_runtime_run with a job queued or running (tests, statistics). */
int jk_runtime_callers(jk_runtime *rt);

/* Runs fn over [0, n) in chunks of `grain` (>= 1) on the workers and waits.
 * Returns 0, the status of the first failing chunk to report, 5 when the
 * runtime is stopping, or 8 when `only_if_idle` and a job is queued or a
 * worker busy (then nothing ran). n == 0 returns 0 without touching anything. */
int jk_runtime_run(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int only_if_idle);

#endif
