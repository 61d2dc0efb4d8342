/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The pthread runtime: N workers running queued jobs.
 *
 * Assumptions and invariants (read before changing anything here):
 *  - Workers are plain pthreads, never attached to a JVM, with every
 *    asynchronous signal blocked (process-directed signals reach the JVM's own
 *    threads) and the default floating-point environment (round to nearest, no
 *    flush-to-zero), whatever the creating thread had set. A calling thread that
 *    computes (inline work, member 0 of a team) computes in that environment
 *    too; its own is restored afterwards.
 *  - Three kinds of work, one job type:
 *      RANGE   [begin, end) cut into chunks of `grain` indices that workers claim
 *              with an atomic cursor: uneven chunks balance by themselves, no
 *              index runs twice or is skipped (unless the job stops early).
 *              Chunks are handed out in index order, and a chunk handed out
 *              runs to its end even when the job stops meanwhile (a stop only
 *              keeps later chunks from being handed out): so a chunk may wait
 *              for an earlier one (jk_rt_await), which gives up once the job
 *              stopped.
 *              Workers join and leave at any time; the calling thread sleeps.
 *      TEAM    a team of t members with dense ranks 0..t-1, fixed for the whole
 *              job, each running the team function once; barriers and broadcast
 *              between them. t is at most the requested size and at most one more
 *              than the idle workers at submission: a team never waits for a
 *              worker busy elsewhere. A synchronous caller is member 0 and
 *              computes; an asynchronous team is all workers.
 *      PHASES  a team that runs a list of range phases back to back: members
 *              claim the chunks of phase p dynamically, then meet at a barrier,
 *              then phase p+1. No other job runs on the team in between.
 *    Results must never depend on t or on who ran which chunk.
 *  - Jobs queue FIFO. An idle worker first fills a team job it was counted for
 *    (`reserved`), else helps the oldest range job with unclaimed chunks; a
 *    worker never joins a job whose cursor is exhausted (such a job leaves the
 *    queue).
 *  - A job stops early when a chunk or member fails or it is cancelled: its
 *    status becomes non-zero, workers see it before claiming their next chunk,
 *    team members see it at barriers and through jk_rt_stopped.
 *  - A job is finished when it is out of the queue and nobody is inside it.
 *    That moment is decided under the runtime lock, once, by whoever makes it
 *    true; after it, no worker touches the job again.
 *  - Synchronous jobs live in their caller's stack frame (safe by the rule
 *    above). Asynchronous jobs are heap objects the owner frees once finished.
 *  - Waiting polls before it sleeps, for the spin time (0 while workers
 *    outnumber CPUs): idle workers, callers of job_wait, and at most one
 *    thread in next_finished at a time (the others sleep). A finished NOTIFY
 *    job signals a sleeping next_finished waiter only when nobody polls; the
 *    poller rechecks the list under the lock before it leaves or sleeps, and a
 *    waiter that takes a job signals again while jobs are left.
 *  - Nested calls: a thread already computing for this runtime (a worker, or a
 *    caller inside its team job) that calls it again runs the inner job inline,
 *    on itself, as a team of one. No deadlock, same results.
 *  - Resizing: new workers join at once; a retired worker leaves a range job
 *    between two chunks but always finishes a team job it belongs to, and a
 *    resize that lowers the count first waits for forming teams (their members
 *    were counted). resize returns once retired workers have exited.
 *  - Stopping waits for every synchronous caller, unfinished asynchronous job
 *    and thread inside job_wait / next_finished (those return STOPPING at
 *    once), then joins the workers. Asynchronous jobs not freed yet outlive the
 *    runtime, detached. No call may start once stopping has begun.
 *  - fork(): a child process has none of the workers. Every call on a runtime
 *    started before the fork returns JK_RT_FORKED in the child; stop there only
 *    frees memory.
 *  - Hot paths: the cursor, the progress counter and each worker's statistics
 *    sit on cache lines of their own; statistics are written only by their
 *    worker, with plain (relaxed) loads and stores, never locked instructions.
 *  - Idle workers and waiting callers poll for `spin_ns` before they sleep (0
 *    while the runtime has more workers than the process may use CPUs; decided
 *    again at each resize).
 *  - The runtime knows nothing about kernels: it runs callbacks.
 */
#ifndef JKERNELS_RUNTIME_H
#define JKERNELS_RUNTIME_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Status values shared with jk_status (jk_common.h). */
enum {
    JK_RT_ARGUMENT = 2,
    JK_RT_NOMEM = 4,
    JK_RT_STOPPING = 5,
    JK_RT_THREAD = 7,
    JK_RT_BUSY = 8,
    JK_RT_CANCELLED = 9,
    JK_RT_TIMEOUT = 10,
    JK_RT_FORKED = 11
};

/* Most workers a runtime can have at once. */
#define JK_RT_MAX_WORKERS 1024
/* Most phases of one PHASES job. */
#define JK_RT_MAX_PHASES 8
/* Largest index a job may use: cursors advance past the end by at most one
 * grain per worker, which must never wrap. */
#define JK_RT_MAX_INDEX (SIZE_MAX / 4)

typedef struct jk_runtime jk_runtime;
typedef struct jk_rt_job jk_rt_job;
typedef struct jk_rt_buffer jk_rt_buffer;

/* What a running callback knows about its thread and job. Read-only for the
 * callback; valid only during the call. */
typedef struct jk_rt_self {
    jk_runtime *rt;
    jk_rt_job *job;
    int worker;              /* worker slot, or -1 on a calling thread */
    int rank;                /* team rank 0..size-1; 0 in range jobs */
    int size;                /* team size; 1 in range jobs */
    jk_rt_buffer *scratch;   /* this thread's scratch (private to the runtime) */
} jk_rt_self;

/* Runs indices [begin, end). Returns 0, or a non-zero status that stops the job. */
typedef int (*jk_range_fn)(void *ctx, size_t begin, size_t end, jk_rt_self *self);
/* One team member's whole share of a team job. Same return convention. */
typedef int (*jk_team_fn)(void *ctx, jk_rt_self *self);

typedef struct {
    jk_range_fn fn;
    size_t n;     /* indices [0, n) */
    size_t grain; /* >= 1 */
} jk_rt_phase;

enum { JK_RT_RANGE = 0, JK_RT_TEAM = 1, JK_RT_PHASES = 2 };

/* A description of work; copied by run/submit, so it may live on the stack. */
typedef struct {
    int kind;
    void *ctx;
    /* RANGE */
    jk_range_fn fn;
    size_t begin, end, grain;
    /* TEAM and PHASES: the most members wanted (>= 1, capped at the worker count) */
    int team_max;
    jk_team_fn team_fn;
    int nphases;
    jk_rt_phase phases[JK_RT_MAX_PHASES];
    /* TEAM: the work units it reports through jk_rt_add_done (progress). */
    size_t units;
} jk_rt_work;

/* Flags of jk_runtime_run. */
enum {
    /* Run only if no job is queued and no worker is busy; else JK_RT_BUSY and
     * nothing ran. A team job never waits for a busy worker, so it always runs. */
    JK_RT_IF_IDLE = 1,
    /* Run everything on the calling thread (a team of one). */
    JK_RT_INLINE = 2
};

typedef struct {
    uint64_t jobs;    /* jobs this worker took part in */
    uint64_t chunks;  /* chunks it ran (team members: one per team job) */
    uint64_t items;   /* indices it ran */
    uint64_t busy_ns; /* time spent inside jobs */
} jk_rt_worker_stats;

typedef struct {
    int threads;          /* current worker count */
    int active;           /* workers inside a job right now */
    int queued;           /* jobs in the queue with work to hand out */
    int callers;          /* synchronous callers inside jk_runtime_run */
    int pending;          /* asynchronous jobs not finished yet */
    uint64_t jobs_finished; /* jobs finished since start, any outcome */
    uint64_t jobs_failed;   /* of which failed or were cancelled */
} jk_rt_stats;

/* Starts `threads` workers (1..JK_RT_MAX_WORKERS) that poll `spin_ns` before
 * sleeping (< 0: the default, 50 us). Returns NULL with *status set on failure:
 * JK_RT_ARGUMENT, JK_RT_NOMEM or JK_RT_THREAD. */
jk_runtime *jk_runtime_start(int threads, int64_t spin_ns, int *status);

/* Waits for synchronous callers, unfinished asynchronous jobs and threads in
 * job_wait / next_finished (woken with JK_RT_STOPPING), joins every worker,
 * frees the runtime. Asynchronous jobs not freed yet stay valid, finished and
 * detached. NULL is ignored. */
void jk_runtime_stop(jk_runtime *rt);

int jk_runtime_threads(jk_runtime *rt);

/* The poll time in effect, in nanoseconds. */
int64_t jk_runtime_spin_ns(jk_runtime *rt);

/* Runs the work and waits. Returns 0, the first failing status,
 * JK_RT_CANCELLED, JK_RT_STOPPING, JK_RT_BUSY (IF_IDLE), JK_RT_ARGUMENT (a size
 * beyond JK_RT_MAX_INDEX, no phases, a bad kind) or JK_RT_FORKED. Empty work
 * returns 0 at once. */
int jk_runtime_run(jk_runtime *rt, const jk_rt_work *work, unsigned flags);

/* Queues the work and returns at once with the job in *out; `ctx` must stay
 * valid until the job is finished. When `notify`, the finished job is also
 * handed out once by jk_runtime_next_finished. Returns 0, JK_RT_NOMEM,
 * JK_RT_STOPPING, JK_RT_ARGUMENT or JK_RT_FORKED. Empty work gives a job that
 * is already finished. */
int jk_runtime_submit(jk_runtime *rt, const jk_rt_work *work, int notify, jk_rt_job **out);

/* Shorthands for a RANGE job over [0, n). */
int jk_runtime_run_range(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, unsigned flags);
int jk_runtime_submit_range(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int notify,
                            jk_rt_job **out);

/* Inside a job. */

/* Waits until every team member still running arrives (members that returned
 * no longer count). Returns the job's status: non-zero means stop. Range jobs:
 * returns at once. */
int jk_rt_barrier(jk_rt_self *self);

/* Member 0's `value`, handed to every member (two barriers). */
void *jk_rt_broadcast(jk_rt_self *self, void *value);

/* Non-zero once the job failed or was cancelled: long team functions poll it. */
int jk_rt_stopped(const jk_rt_self *self);

/* In a range job, waits until *counter >= at_least (an acquire load), which an
 * earlier chunk publishes (release). Polls while the runtime spins (not at all
 * when workers outnumber CPUs), else yields the CPU between looks. Returns 0;
 * the job's status once it stopped; JK_RT_ARGUMENT at once when the wait could
 * never end (a run on one thread: every earlier chunk ran already). */
int jk_rt_await(const atomic_size_t *counter, size_t at_least, jk_rt_self *self);

/* Progress of a team job, in its own units. */
void jk_rt_add_done(jk_rt_self *self, size_t units);

/* This thread's scratch memory: at least `bytes`, 64-byte aligned, kept
 * between jobs (its contents are not), grown on demand; NULL when out of
 * memory. A later call may move it. */
void *jk_rt_scratch(jk_rt_self *self, size_t bytes);

/* Asynchronous jobs. */

/* Waits up to timeout_ns (< 0: forever) for the job to finish. Returns its
 * status, or JK_RT_TIMEOUT. */
int jk_runtime_job_wait(jk_rt_job *job, int64_t timeout_ns);

/* Stops the job's unclaimed work; chunks already running finish. Returns 1
 * when work was left to hand out (its status becomes JK_RT_CANCELLED unless it
 * had already failed), 0 when the job was finished or, for a range job, all
 * its chunks were claimed already (it then runs to its end). A started team job
 * stops at its next barrier or jk_rt_stopped check. */
int jk_runtime_job_cancel(jk_rt_job *job);

/* 1 once finished. */
int jk_runtime_job_finished(jk_rt_job *job);

/* The job's status: 0 while running or when it succeeded. */
int jk_runtime_job_status(jk_rt_job *job);

/* Work units done so far (chunk granularity) and in all. */
size_t jk_runtime_job_done(jk_rt_job *job);
size_t jk_runtime_job_size(jk_rt_job *job);

void *jk_runtime_job_ctx(jk_rt_job *job);

/* Frees a finished asynchronous job (unfinished: returns JK_RT_BUSY and frees
 * nothing). A notify job not yet handed out is taken off the finished list. */
int jk_runtime_job_free(jk_rt_job *job);

/* Waits up to timeout_ns (< 0: forever) for a finished notify job and hands it
 * out (each once, to one waiter). Returns 0 with *out set, JK_RT_TIMEOUT, or
 * JK_RT_STOPPING when woken by jk_runtime_wake or by stop. */
int jk_runtime_next_finished(jk_runtime *rt, int64_t timeout_ns, jk_rt_job **out);

/* Wakes every thread waiting in jk_runtime_next_finished once. */
void jk_runtime_wake(jk_runtime *rt);

/* Cancels every job with work left to hand out, synchronous or not, and bumps
 * the cancel epoch. Returns how many jobs. */
int jk_runtime_cancel_all(jk_runtime *rt);

/* Bumped by every cancel_all: a caller running one operation as several jobs
 * compares it between them to stop too. */
unsigned jk_runtime_cancel_epoch(jk_runtime *rt);

/* Sets the worker count (1..JK_RT_MAX_WORKERS) while jobs may run. Returns 0,
 * JK_RT_ARGUMENT, JK_RT_THREAD (the workers that started are kept),
 * JK_RT_STOPPING or JK_RT_FORKED. */
int jk_runtime_resize(jk_runtime *rt, int threads);

/* Fills *stats and, for slots 0..min(cap, threads)-1, per-worker statistics.
 * Returns the number of worker entries written. */
int jk_runtime_stats(jk_runtime *rt, jk_rt_stats *stats, jk_rt_worker_stats *workers, int cap);

#endif
