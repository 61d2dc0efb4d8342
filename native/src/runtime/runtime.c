/* SPDX-License-Identifier: Apache-2.0 */
/* The pthread runtime; see runtime.h for the invariants. */
#define _GNU_SOURCE
#include "runtime.h"

#include <errno.h>
#include <fenv.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>

#include "jkernels/jk_common.h" /* jk_available_cpus */

#define CACHE_LINE 64
#define DEFAULT_SPIN_NS 50000

struct jk_rt_buffer {
    void *ptr;
    size_t size;
    jk_rt_buffer *next; /* free list of the runtime's lendable scratch */
};

struct jk_rt_job {
    /* Read by every chunk; written before the job is queued (status: rarely). */
    alignas(CACHE_LINE) int kind;
    void *ctx;
    jk_range_fn fn;
    size_t begin, end, grain;
    jk_team_fn team_fn;
    int nphases;
    jk_rt_phase phases[JK_RT_MAX_PHASES];
    size_t size;            /* progress units in all */
    int team_size;          /* members, fixed when the job is formed */
    atomic_int status;      /* first failing status (or cancel), 0 while all is well */
    jk_runtime *rt;
    /* Claimed by every chunk. */
    alignas(CACHE_LINE) atomic_size_t cursor;
    /* Counted by every chunk. */
    alignas(CACHE_LINE) atomic_size_t done;
    /* PHASES: one cursor per phase (only one is busy at a time). */
    alignas(CACHE_LINE) atomic_size_t phase_cursor[JK_RT_MAX_PHASES];
    /* The team's barrier. */
    alignas(CACHE_LINE) pthread_mutex_t team_lock;
    pthread_cond_t team_cond;
    int team_active;        /* members that have not returned yet; guarded by team_lock */
    int team_arrived;       /* at the current barrier; guarded by team_lock */
    atomic_uint team_gen;   /* barrier generation; written under team_lock */
    _Atomic(void *) team_value; /* broadcast; atomic: see jk_rt_broadcast */
    /* Guarded by the runtime lock. */
    int team_open;          /* ranks still to be taken by workers */
    int team_next_rank;     /* the rank the next joining worker gets */
    int participants;       /* threads inside the job */
    int queued;             /* in the run queue */
    atomic_int finished;    /* written under the lock; read without it by spinning waiters */
    int async, notify, listed;
    pthread_cond_t done_cond; /* broadcast when finished */
    jk_rt_job *next;        /* run queue */
    jk_rt_job *next_finished;
    jk_rt_job *live_prev, *live_next;   /* every unfinished job */
    jk_rt_job *owned_prev, *owned_next; /* async jobs not freed yet */
};

typedef struct {
    /* Written only by this worker; plain loads and stores (no locked instructions). */
    alignas(CACHE_LINE) atomic_uint_fast64_t jobs, chunks, items, busy_ns;
    jk_runtime *rt;
    int index;
    int idle;               /* counted in rt->idle; guarded by the lock */
    pthread_t thread;
    jk_rt_buffer scratch;
} worker;

struct jk_runtime {
    /* Read on hot paths, written rarely. */
    alignas(CACHE_LINE) atomic_int target; /* worker count; slots at or above it retire */
    _Atomic int64_t spin_ns;      /* in effect: 0 while there are more workers than CPUs */
    int64_t spin_requested;       /* what start asked for */
    unsigned fork_generation;
    /* Watched by spinning workers. */
    alignas(CACHE_LINE) atomic_uint events;  /* bumped on anything an idle worker must notice */
    atomic_int spinning;                     /* workers polling events right now */
    atomic_uint cancel_epoch;
    atomic_int stop_flag;                    /* stopping, for calls that take no lock */
    atomic_int inline_runs;                  /* calls running inline now; stop waits for them */
    /* Watched by the one next_finished waiter that polls instead of sleeping. */
    alignas(CACHE_LINE) atomic_uint finished_events; /* bumped when next_finished waiters must look again */
    atomic_int finished_poller;                      /* 1 while a waiter polls finished_events */
    alignas(CACHE_LINE) pthread_mutex_t lock;
    pthread_mutex_t resize_lock; /* serializes resize and stop; taken before lock */
    pthread_cond_t work;         /* workers wait here */
    pthread_cond_t drained;      /* stop and resize wait here */
    pthread_cond_t finished_cond;/* next_finished waits here */
    jk_rt_job *head, *tail;      /* FIFO of jobs with work to hand out */
    jk_rt_job *finished_head, *finished_tail;
    jk_rt_job *live;             /* every unfinished job (cancel_all) */
    jk_rt_job *owned;            /* async jobs not freed yet; stop detaches them */
    jk_rt_buffer *lendable;     /* scratch for callers and nested runs */
    int queued, active, callers, pending, stopping, waiters;
    int idle;                    /* workers waiting for work, not retired */
    int sleeping;                /* of which blocked on `work` */
    int spin_claimed;            /* spinning workers notify_workers already counted on for a job */
    int reserved;                /* team ranks promised to idle workers, not taken yet */
    unsigned wake_generation;
    uint64_t jobs_finished, jobs_failed;
    worker *workers;             /* JK_RT_MAX_WORKERS slots */
};

/* The poll time in effect. Polling only pays when every worker has a CPU to
 * poll on: with more workers than the process may use, nobody polls. */
static int64_t spin_of(const jk_runtime *rt) { return atomic_load_explicit(&rt->spin_ns, memory_order_relaxed); }
static void set_spin_for(jk_runtime *rt, int threads) {
    atomic_store_explicit(&rt->spin_ns, threads > jk_available_cpus() ? 0 : rt->spin_requested, memory_order_relaxed);
}

/* ---- process-wide state: fork detection, the thread's current runtime ---- */

static atomic_uint fork_generation;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
static void on_fork_child(void) { atomic_fetch_add(&fork_generation, 1); }
static void register_atfork(void) { pthread_atfork(NULL, NULL, on_fork_child); }

static int forked(const jk_runtime *rt) {
    return rt->fork_generation != atomic_load_explicit(&fork_generation, memory_order_relaxed);
}

/* The runtime this thread is computing for right now (workers: always theirs),
 * so that a nested call runs inline instead of waiting for itself. */
static _Thread_local jk_runtime *computing_for;

/* ---- small helpers ---- */

static void init_cond(pthread_cond_t *c) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void stat_add(atomic_uint_fast64_t *counter, uint64_t v) {
    atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + v, memory_order_relaxed);
}

/* Waits on c until `deadline_ns` (0: forever). Returns ETIMEDOUT once past it. */
static int wait_until(pthread_cond_t *c, pthread_mutex_t *m, uint64_t deadline_ns) {
    if (deadline_ns == 0) return pthread_cond_wait(c, m);
    struct timespec ts = {.tv_sec = (time_t)(deadline_ns / 1000000000u), .tv_nsec = (long)(deadline_ns % 1000000000u)};
    return pthread_cond_timedwait(c, m, &ts);
}

static uint64_t deadline_after(int64_t timeout_ns) {
    return timeout_ns < 0 ? 0 : now_ns() + (uint64_t)timeout_ns + 1;
}

/* Polling, the alternative to a sleep: waking a sleeping thread costs tens of
 * microseconds on a VM, more than a whole medium-sized job, while a poll sees
 * new work within a few hundred nanoseconds, so back-to-back calls never pay
 * the wake-up. The polls pause, then yield, so a spinner never keeps the thread
 * that is about to submit or finish from running. */
static void cpu_relax(int round) {
    if (round < 64) __builtin_ia32_pause();
    else sched_yield();
}

/* Polls until *value differs from seen or spin_ns pass. Returns 1 if it changed. */
static int spin_while_equal(const atomic_uint *value, unsigned seen, int64_t spin_ns) {
    if (spin_ns <= 0) return 0;
    uint64_t deadline = now_ns() + (uint64_t)spin_ns;
    for (int round = 0;; round++) {
        if (atomic_load_explicit(value, memory_order_acquire) != seen) return 1;
        if ((round & 15) == 15 && now_ns() > deadline) return 0;
        cpu_relax(round);
    }
}

static int spin_until_set(const atomic_int *flag, int64_t spin_ns) {
    if (spin_ns <= 0) return 0;
    uint64_t deadline = now_ns() + (uint64_t)spin_ns;
    for (int round = 0;; round++) {
        if (atomic_load_explicit(flag, memory_order_acquire)) return 1;
        if ((round & 15) == 15 && now_ns() > deadline) return 0;
        cpu_relax(round);
    }
}

/* A calling thread computes in the default floating-point environment: round
 * to nearest, no flush-to-zero or denormals-are-zero (MXCSR 0x1F80 with the
 * exception flags left as they are). Returns what to restore.
 * The x87 control word too (0x037F, as FE_DFL_ENV, which the workers get):
 * fesetround() sets both units, and with only MXCSR reset a caller that had
 * rounded upward still got FE_UPWARD from fegetround() and rounded long double
 * arithmetic upward inside its member 0 or inline run, unlike any worker. */
#define MXCSR_DEFAULT 0x1F80u
#define MXCSR_FLAGS 0x3Fu
#define X87_DEFAULT 0x037F
typedef struct {
    unsigned csr;
    unsigned short cw;
} fp_saved;
static fp_saved enter_default_fp(void) {
    fp_saved saved;
    saved.csr = _mm_getcsr();
    __asm__ volatile("fnstcw %0" : "=m"(saved.cw));
    if ((saved.csr & ~MXCSR_FLAGS) != MXCSR_DEFAULT) _mm_setcsr(MXCSR_DEFAULT | (saved.csr & MXCSR_FLAGS));
    if (saved.cw != X87_DEFAULT) {
        unsigned short cw = X87_DEFAULT;
        __asm__ volatile("fldcw %0" : : "m"(cw));
    }
    return saved;
}
static void leave_default_fp(fp_saved saved) {
    if ((saved.csr & ~MXCSR_FLAGS) != MXCSR_DEFAULT) _mm_setcsr((saved.csr & ~MXCSR_FLAGS) | (_mm_getcsr() & MXCSR_FLAGS));
    if (saved.cw != X87_DEFAULT) __asm__ volatile("fldcw %0" : : "m"(saved.cw));
}

/* ---- scratch ---- */

static jk_rt_buffer *borrow_scratch(jk_runtime *rt) {
    pthread_mutex_lock(&rt->lock);
    jk_rt_buffer *s = rt->lendable;
    if (s) rt->lendable = s->next;
    pthread_mutex_unlock(&rt->lock);
    return s ? s : calloc(1, sizeof *s);
}

static void return_scratch(jk_runtime *rt, jk_rt_buffer *s) {
    if (!s) return;
    pthread_mutex_lock(&rt->lock);
    s->next = rt->lendable;
    rt->lendable = s;
    pthread_mutex_unlock(&rt->lock);
}

void *jk_rt_scratch(jk_rt_self *self, size_t bytes) {
    if (!self->scratch && !(self->scratch = borrow_scratch(self->rt))) return NULL;
    jk_rt_buffer *s = self->scratch;
    if (s->size < bytes) {
        size_t want = bytes > 2 * s->size ? bytes : 2 * s->size;
        if (want > SIZE_MAX - CACHE_LINE) return NULL;
        want = (want + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
        free(s->ptr);
        s->ptr = aligned_alloc(CACHE_LINE, want);
        s->size = s->ptr ? want : 0;
    }
    return s->ptr;
}

/* ---- queue and lists (lock held) ---- */

static void queue_push(jk_runtime *rt, jk_rt_job *j) {
    j->next = NULL;
    j->queued = 1;
    if (rt->tail) rt->tail->next = j; else rt->head = j;
    rt->tail = j;
    rt->queued++;
}

static void queue_remove(jk_runtime *rt, jk_rt_job *j) {
    if (!j->queued) return;
    jk_rt_job **link = &rt->head, *prev = NULL;
    while (*link != j) { prev = *link; link = &(*link)->next; }
    *link = j->next;
    if (rt->tail == j) rt->tail = prev;
    j->queued = 0;
    rt->queued--;
}

static void live_add(jk_runtime *rt, jk_rt_job *j) {
    j->live_prev = NULL;
    j->live_next = rt->live;
    if (rt->live) rt->live->live_prev = j;
    rt->live = j;
}

static void live_remove(jk_runtime *rt, jk_rt_job *j) {
    if (j->live_prev) j->live_prev->live_next = j->live_next; else rt->live = j->live_next;
    if (j->live_next) j->live_next->live_prev = j->live_prev;
}

/* A finished job was listed (one waiter suffices) or every waiter must return
 * (wake, stop). The poller sees the event count change; sleepers get the
 * signal, but not for a listed job while a waiter polls: that poller rechecks
 * the list under the lock before it leaves or sleeps, and a waiter that takes
 * a job passes the signal on if more are listed (next_finished). Signalling
 * anyway would make the finishing worker wake a sleeper while it holds the
 * lock, and the poller, seeing the job at once, would then block on the lock
 * for that system call and its own wake-up: the poll's whole gain lost. Lock
 * held. */
static void tell_finished_waiters(jk_runtime *rt, int all) {
    atomic_fetch_add_explicit(&rt->finished_events, 1, memory_order_release);
    if (all) pthread_cond_broadcast(&rt->finished_cond);
    else if (!atomic_load_explicit(&rt->finished_poller, memory_order_acquire)) pthread_cond_signal(&rt->finished_cond);
}

static void finished_remove(jk_runtime *rt, jk_rt_job *j) {
    if (!j->listed) return;
    jk_rt_job **link = &rt->finished_head, *prev = NULL;
    while (*link != j) { prev = *link; link = &(*link)->next_finished; }
    *link = j->next_finished;
    if (rt->finished_tail == j) rt->finished_tail = prev;
    j->listed = 0;
}

/* The one place a job becomes finished. Lock held; j is off the queue with
 * nobody inside. */
static void finish(jk_runtime *rt, jk_rt_job *j) {
    live_remove(rt, j);
    atomic_store_explicit(&j->finished, 1, memory_order_release);
    rt->jobs_finished++;
    if (atomic_load(&j->status) != 0) rt->jobs_failed++;
    if (j->async) {
        rt->pending--;
        if (j->notify) {
            j->next_finished = NULL;
            j->listed = 1;
            if (rt->finished_tail) rt->finished_tail->next_finished = j; else rt->finished_head = j;
            rt->finished_tail = j;
            tell_finished_waiters(rt, 0);
        }
        if (rt->stopping) pthread_cond_broadcast(&rt->drained);
    }
    pthread_cond_broadcast(&j->done_cond);
}

/* Something idle workers must notice happened; wakes up to `wanted` of them
 * (the spinners see it by themselves). Lock held. */
static void notify_workers(jk_runtime *rt, int wanted) {
    atomic_fetch_add_explicit(&rt->events, 1, memory_order_release);
    /* A spinner takes one job. Counting every spinner for every job let two
     * jobs queued before the spinner came back under the lock both rely on it:
     * it took the first, a sleeping worker counted for the second (a team's
     * reserved rank) was never woken, and that team waited for the spinner's
     * job to end. Spinners already counted on are not counted again. */
    int spinners = atomic_load_explicit(&rt->spinning, memory_order_relaxed) - rt->spin_claimed;
    int counted = spinners <= 0 ? 0 : wanted < spinners ? wanted : spinners;
    rt->spin_claimed += counted;
    int wake = wanted - counted;
    if (wake <= 0 || rt->sleeping == 0) return;
    if (wake >= rt->sleeping) pthread_cond_broadcast(&rt->work);
    else while (wake-- > 0) pthread_cond_signal(&rt->work);
}

static void notify_all_workers(jk_runtime *rt) {
    atomic_fetch_add_explicit(&rt->events, 1, memory_order_release);
    pthread_cond_broadcast(&rt->work);
}

/* ---- stopping a job ---- */

static void wake_team(jk_rt_job *j) {
    if (j->kind == JK_RT_RANGE) return;
    pthread_mutex_lock(&j->team_lock);
    pthread_cond_broadcast(&j->team_cond);
    pthread_mutex_unlock(&j->team_lock);
}

static void stop_job(jk_rt_job *j, int status) {
    int expected = 0;
    if (atomic_compare_exchange_strong(&j->status, &expected, status)) wake_team(j);
}

/* Team ranks promised to idle workers are taken or given back; a resize waits
 * for none to be left. Lock held. */
static void release_reserved(jk_runtime *rt, int ranks) {
    rt->reserved -= ranks;
    if (rt->reserved == 0 && ranks > 0) pthread_cond_broadcast(&rt->drained);
}

/* A team job nobody will take more ranks of: its open ranks go back. Lock held. */
static void close_team(jk_runtime *rt, jk_rt_job *j) {
    release_reserved(rt, j->team_open);
    j->team_open = 0;
    queue_remove(rt, j);
}

/* Stops j if work is left to hand out. A range job whose chunks are all
 * claimed runs to its end: its work is nearly done, and dropping it would
 * throw finished results away. Lock held. */
static int cancel_locked(jk_runtime *rt, jk_rt_job *j) {
    if (atomic_load(&j->finished)) return 0;
    if (j->kind == JK_RT_RANGE) {
        size_t seen = atomic_load(&j->cursor);
        do {
            if (seen >= j->end) return 0;
        } while (!atomic_compare_exchange_weak(&j->cursor, &seen, j->end));
        queue_remove(rt, j);
    } else {
        close_team(rt, j);
    }
    stop_job(j, JK_RT_CANCELLED);
    if (j->participants == 0) finish(rt, j);
    return 1;
}

/* ---- running work ---- */

static int retired(const worker *w) {
    return w->index >= atomic_load_explicit(&w->rt->target, memory_order_relaxed);
}

/* Claims and runs chunks of a range job until none are left, it stopped, or
 * the worker retired (w NULL: a caller, never retires). */
static void work_range(jk_rt_job *j, jk_rt_self *self, worker *w) {
    while (atomic_load_explicit(&j->status, memory_order_relaxed) == 0 && !(w && retired(w))) {
        size_t begin = atomic_fetch_add_explicit(&j->cursor, j->grain, memory_order_relaxed);
        if (begin >= j->end) return;
        size_t end = j->end - begin > j->grain ? begin + j->grain : j->end;
        int st = j->fn(j->ctx, begin, end, self);
        atomic_fetch_add_explicit(&j->done, end - begin, memory_order_relaxed);
        if (w) {
            stat_add(&w->chunks, 1);
            stat_add(&w->items, end - begin);
        }
        if (st != 0) stop_job(j, st);
    }
}

/* Runs the phases as one team member: the chunks of each phase are claimed
 * dynamically by the members, who then meet at a barrier. */
static int phases_member(void *ctx, jk_rt_self *self) {
    (void)ctx;
    jk_rt_job *j = self->job;
    for (int p = 0; p < j->nphases; p++) {
        const jk_rt_phase *phase = &j->phases[p];
        while (atomic_load_explicit(&j->status, memory_order_relaxed) == 0) {
            size_t begin = atomic_fetch_add_explicit(&j->phase_cursor[p], phase->grain, memory_order_relaxed);
            if (begin >= phase->n) break;
            size_t end = phase->n - begin > phase->grain ? begin + phase->grain : phase->n;
            int st = phase->fn(j->ctx, begin, end, self);
            atomic_fetch_add_explicit(&j->done, end - begin, memory_order_relaxed);
            if (st != 0) return st;
        }
        if (p + 1 < j->nphases && jk_rt_barrier(self) != 0) break;
    }
    return 0;
}

/* A member that returned no longer counts at barriers. */
static void team_leave(jk_rt_job *j) {
    pthread_mutex_lock(&j->team_lock);
    if (--j->team_active > 0 && j->team_arrived > 0 && j->team_arrived >= j->team_active) {
        j->team_arrived = 0;
        atomic_fetch_add_explicit(&j->team_gen, 1, memory_order_release);
        pthread_cond_broadcast(&j->team_cond);
    }
    pthread_mutex_unlock(&j->team_lock);
}

static void run_team_member(jk_rt_job *j, jk_rt_self *self) {
    jk_team_fn fn = j->kind == JK_RT_PHASES ? phases_member : j->team_fn;
    int st = fn(j->ctx, self);
    if (st != 0) stop_job(j, st);
    team_leave(j);
}

int jk_rt_barrier(jk_rt_self *self) {
    jk_rt_job *j = self->job;
    if (!j) return 0;
    if (self->size <= 1) return atomic_load(&j->status);
    pthread_mutex_lock(&j->team_lock);
    unsigned gen = atomic_load_explicit(&j->team_gen, memory_order_relaxed);
    if (++j->team_arrived >= j->team_active) {
        j->team_arrived = 0;
        atomic_store_explicit(&j->team_gen, gen + 1, memory_order_release);
        pthread_cond_broadcast(&j->team_cond);
        pthread_mutex_unlock(&j->team_lock);
        return atomic_load(&j->status);
    }
    pthread_mutex_unlock(&j->team_lock);
    int64_t spin = j->rt ? spin_of(j->rt) : 0;
    uint64_t deadline = now_ns() + (uint64_t)(spin > 0 ? spin : 0);
    for (int round = 0; spin > 0; round++) {
        if (atomic_load_explicit(&j->team_gen, memory_order_acquire) != gen || atomic_load(&j->status) != 0)
            return atomic_load(&j->status);
        if ((round & 15) == 15 && now_ns() > deadline) break;
        cpu_relax(round);
    }
    pthread_mutex_lock(&j->team_lock);
    while (atomic_load_explicit(&j->team_gen, memory_order_relaxed) == gen && atomic_load(&j->status) == 0)
        pthread_cond_wait(&j->team_cond, &j->team_lock);
    pthread_mutex_unlock(&j->team_lock);
    return atomic_load(&j->status);
}

void *jk_rt_broadcast(jk_rt_self *self, void *value) {
    if (!self->job || self->size <= 1) return value;
    /* Once the job stopped, barriers return at once and order nothing: member
     * 0's store and the others' loads then overlapped (a data race). Relaxed
     * atomics make that a stale value, for members about to see jk_rt_stopped;
     * while the job runs, the barriers order them as before. */
    jk_rt_barrier(self); /* everyone has read the previous broadcast */
    if (self->rank == 0) atomic_store_explicit(&self->job->team_value, value, memory_order_relaxed);
    jk_rt_barrier(self);
    return atomic_load_explicit(&self->job->team_value, memory_order_relaxed);
}

int jk_rt_stopped(const jk_rt_self *self) {
    return self->job ? atomic_load_explicit(&self->job->status, memory_order_relaxed) : 0;
}

int jk_rt_await(const atomic_size_t *counter, size_t at_least, jk_rt_self *self) {
    if (atomic_load_explicit(counter, memory_order_acquire) >= at_least) return 0;
    if (!self->job) return JK_RT_ARGUMENT; /* inline: nobody else could publish it */
    int64_t spin = spin_of(self->rt);
    for (int round = 0; atomic_load_explicit(counter, memory_order_acquire) < at_least; round++) {
        int st = jk_rt_stopped(self);
        if (st != 0) return st;
        cpu_relax(spin > 0 ? round : 64); /* pause while spinning is allowed, else yield */
    }
    return 0;
}

void jk_rt_add_done(jk_rt_self *self, size_t units) {
    if (self->job) atomic_fetch_add_explicit(&self->job->done, units, memory_order_relaxed);
}

static size_t clamp_grain(size_t grain, size_t n);

/* Runs everything on the calling thread, as a team of one. No job object:
 * barriers return at once, nothing can cancel it. */
static int run_inline(jk_runtime *rt, const jk_rt_work *w) {
    fp_saved fp = enter_default_fp();
    jk_runtime *outer = computing_for;
    computing_for = rt;
    jk_rt_self self = {.rt = rt, .job = NULL, .worker = -1, .rank = 0, .size = 1, .scratch = NULL};
    int st = 0;
    /* The grains clamped as for a queued job (same chunks): a raw grain of 0
     * never advanced, and one above SIZE_MAX - b wrapped b back below the end,
     * re-running chunks and indices below begin. */
    if (w->kind == JK_RT_RANGE) {
        size_t grain = clamp_grain(w->grain, w->end - w->begin);
        for (size_t b = w->begin; b < w->end && st == 0; b += grain)
            st = w->fn(w->ctx, b, w->end - b > grain ? b + grain : w->end, &self);
    } else if (w->kind == JK_RT_TEAM) {
        st = w->team_fn(w->ctx, &self);
    } else {
        for (int p = 0; p < w->nphases && st == 0; p++) {
            const jk_rt_phase *ph = &w->phases[p];
            size_t grain = clamp_grain(ph->grain, ph->n);
            for (size_t b = 0; b < ph->n && st == 0; b += grain)
                st = ph->fn(w->ctx, b, ph->n - b > grain ? b + grain : ph->n, &self);
        }
    }
    computing_for = outer;
    leave_default_fp(fp);
    return_scratch(rt, self.scratch);
    return st;
}

/* ---- workers ---- */

/* The job an idle worker should take, or NULL: first a team job it may have
 * been counted for, then the oldest range job with chunks left. Jobs that have
 * nothing left to hand out leave the queue on the way. Lock held. */
static jk_rt_job *pick(jk_runtime *rt) {
    for (int pass = rt->reserved > 0 ? 0 : 1; pass < 2; pass++) {
        for (jk_rt_job *j = rt->head, *next; j; j = next) {
            next = j->next;
            if (j->kind == JK_RT_RANGE) {
                if (pass == 0) continue;
                if (atomic_load(&j->cursor) < j->end && atomic_load(&j->status) == 0) return j;
                queue_remove(rt, j);
                if (j->participants == 0) finish(rt, j);
            } else if (atomic_load(&j->status) != 0) {
                close_team(rt, j);
                if (j->participants == 0) finish(rt, j);
            } else if (j->team_open > 0) {
                return j;
            }
        }
    }
    return NULL;
}

/* Waits for something to happen: polls, then sleeps. Lock held on entry and exit. */
static void wait_for_work(jk_runtime *rt) {
    unsigned seen = atomic_load_explicit(&rt->events, memory_order_acquire);
    if (spin_of(rt) > 0) {
        atomic_fetch_add_explicit(&rt->spinning, 1, memory_order_relaxed);
        pthread_mutex_unlock(&rt->lock);
        int changed = spin_while_equal(&rt->events, seen, spin_of(rt));
        pthread_mutex_lock(&rt->lock);
        atomic_fetch_sub_explicit(&rt->spinning, 1, memory_order_relaxed);
        /* Back under the lock with news: it picks now, whatever it was counted on for. */
        if (rt->spin_claimed > 0 && atomic_load(&rt->events) != seen) rt->spin_claimed--;
        if (changed) return;
    }
    /* Every change a worker must see bumps `events` under the lock: unchanged
     * now means the wake-up for it has not been sent yet. */
    if (atomic_load(&rt->events) == seen) {
        rt->sleeping++;
        pthread_cond_wait(&rt->work, &rt->lock);
        rt->sleeping--;
    }
}

/* A participant leaves j. Lock held. */
static void leave_job(jk_runtime *rt, jk_rt_job *j) {
    if (j->kind == JK_RT_RANGE && (atomic_load(&j->cursor) >= j->end || atomic_load(&j->status) != 0))
        queue_remove(rt, j);
    if (--j->participants == 0 && !j->queued) finish(rt, j);
}

/* Takes j: a team rank, or a place in a range job. Lock held. Returns the rank. */
static int join(jk_runtime *rt, jk_rt_job *j) {
    j->participants++;
    if (j->kind == JK_RT_RANGE) return 0;
    int rank = j->team_next_rank++;
    release_reserved(rt, 1);
    if (--j->team_open == 0) queue_remove(rt, j);
    return rank;
}

static void run_job_as_worker(worker *w, jk_rt_job *j, int rank) {
    jk_rt_self self = {.rt = w->rt, .job = j, .worker = w->index, .rank = rank,
                       .size = j->kind == JK_RT_RANGE ? 1 : j->team_size, .scratch = &w->scratch};
    uint64_t t0 = now_ns();
    if (j->kind == JK_RT_RANGE) {
        work_range(j, &self, w);
    } else {
        run_team_member(j, &self);
        stat_add(&w->chunks, 1);
    }
    stat_add(&w->jobs, 1);
    stat_add(&w->busy_ns, now_ns() - t0);
}

static void set_idle(jk_runtime *rt, worker *w, int idle) {
    if (w->idle == idle) return;
    w->idle = idle;
    rt->idle += idle ? 1 : -1;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    jk_runtime *rt = w->rt;
    fesetenv(FE_DFL_ENV); /* whatever the thread that created the pool had set */
    computing_for = rt;
    pthread_mutex_lock(&rt->lock);
    for (;;) {
        jk_rt_job *j = NULL;
        while (!retired(w)) {
            if ((j = pick(rt)) != NULL) break;
            if (rt->stopping && !rt->head) break;
            set_idle(rt, w, 1);
            wait_for_work(rt);
        }
        if (!j) { /* retired, or stopping and drained */
            /* A retired spinner may have been counted on by notify_workers for
             * queued work after the retire's broadcast: without a new wake-up
             * that work waited, with the other workers asleep, for the next call. */
            if (rt->head) notify_all_workers(rt);
            break;
        }
        set_idle(rt, w, 0);
        int rank = join(rt, j);
        rt->active++;
        pthread_mutex_unlock(&rt->lock);
        run_job_as_worker(w, j, rank);
        pthread_mutex_lock(&rt->lock);
        rt->active--;
        leave_job(rt, j);
    }
    set_idle(rt, w, 0);
    pthread_mutex_unlock(&rt->lock);
    return NULL;
}

static int start_worker(jk_runtime *rt, int index) {
    worker *w = &rt->workers[index];
    w->rt = rt;
    w->index = index;
    w->idle = 0;
    sigset_t all, old;
    sigfillset(&all);
    /* Faults stay deliverable: a blocked SIGSEGV would kill the process without
     * the JVM's crash report. */
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGFPE);
    sigdelset(&all, SIGILL);
    /* The new thread inherits this mask: no asynchronous signal reaches a worker. */
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&w->thread, NULL, worker_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc == 0) {
        char name[16]; /* the kernel keeps 15 characters of a thread name */
        snprintf(name, sizeof name, "jk-worker-%d", index);
        pthread_setname_np(w->thread, name);
    }
    return rc;
}

/* Lowers the worker count to `threads` and joins the workers above it. Waits
 * first for forming teams, whose members were counted among the idle workers.
 * Called with resize_lock held and lock not held. */
static void retire_down_to(jk_runtime *rt, int threads) {
    pthread_mutex_lock(&rt->lock);
    while (rt->reserved > 0 && threads > 0) pthread_cond_wait(&rt->drained, &rt->lock);
    int old = atomic_load(&rt->target);
    atomic_store(&rt->target, threads);
    for (int i = threads; i < old; i++) set_idle(rt, &rt->workers[i], 0);
    notify_all_workers(rt);
    pthread_mutex_unlock(&rt->lock);
    for (int i = threads; i < old; i++) pthread_join(rt->workers[i].thread, NULL);
}

/* Raises the worker count to `threads`; keeps the ones that started on failure.
 * Called with resize_lock held and lock not held. */
static int grow_to(jk_runtime *rt, int threads) {
    int old = atomic_load(&rt->target);
    for (int i = old; i < threads; i++) {
        /* Raise the target first so the new worker does not see itself retired. */
        atomic_store(&rt->target, i + 1);
        if (start_worker(rt, i) != 0) {
            atomic_store(&rt->target, i);
            return JK_RT_THREAD;
        }
    }
    return 0;
}

static void free_scratch_list(jk_rt_buffer *s) {
    while (s) {
        jk_rt_buffer *next = s->next;
        free(s->ptr);
        free(s);
        s = next;
    }
}

static void free_runtime(jk_runtime *rt) {
    pthread_cond_destroy(&rt->finished_cond);
    pthread_cond_destroy(&rt->drained);
    pthread_cond_destroy(&rt->work);
    pthread_mutex_destroy(&rt->resize_lock);
    pthread_mutex_destroy(&rt->lock);
    for (int i = 0; i < JK_RT_MAX_WORKERS; i++) free(rt->workers[i].scratch.ptr);
    free_scratch_list(rt->lendable);
    free(rt->workers);
    free(rt);
}

jk_runtime *jk_runtime_start(int threads, int64_t spin_ns, int *status) {
    if (threads < 1 || threads > JK_RT_MAX_WORKERS) { /* the workers array has JK_RT_MAX_WORKERS slots */
        *status = JK_RT_ARGUMENT;
        return NULL;
    }
    pthread_once(&atfork_once, register_atfork);
    jk_runtime *rt = aligned_alloc(CACHE_LINE, (sizeof *rt + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE);
    worker *workers = rt ? aligned_alloc(CACHE_LINE, JK_RT_MAX_WORKERS * sizeof *workers) : NULL;
    if (!workers) {
        free(rt);
        *status = JK_RT_NOMEM;
        return NULL;
    }
    memset(rt, 0, sizeof *rt);
    memset(workers, 0, JK_RT_MAX_WORKERS * sizeof *workers);
    rt->workers = workers;
    atomic_init(&rt->target, 0);
    atomic_init(&rt->events, 0);
    atomic_init(&rt->spinning, 0);
    atomic_init(&rt->finished_events, 0);
    atomic_init(&rt->finished_poller, 0);
    atomic_init(&rt->cancel_epoch, 0);
    atomic_init(&rt->stop_flag, 0);
    atomic_init(&rt->inline_runs, 0);
    /* Polling only pays when every worker has a CPU to poll on. */
    rt->spin_requested = spin_ns < 0 ? DEFAULT_SPIN_NS : spin_ns;
    set_spin_for(rt, threads);
    rt->fork_generation = atomic_load(&fork_generation);
    pthread_mutex_init(&rt->lock, NULL);
    pthread_mutex_init(&rt->resize_lock, NULL);
    init_cond(&rt->work);
    init_cond(&rt->drained);
    init_cond(&rt->finished_cond);
    if (grow_to(rt, threads) != 0) {
        retire_down_to(rt, 0);
        free_runtime(rt);
        *status = JK_RT_THREAD;
        return NULL;
    }
    *status = 0;
    return rt;
}

void jk_runtime_stop(jk_runtime *rt) {
    if (!rt) return;
    if (forked(rt)) { /* a child of fork(): no workers here, and its locks may be held by nobody */
        for (int i = 0; i < JK_RT_MAX_WORKERS; i++) free(rt->workers[i].scratch.ptr);
        free_scratch_list(rt->lendable);
        free(rt->workers);
        free(rt);
        return;
    }
    pthread_mutex_lock(&rt->resize_lock);
    atomic_store(&rt->stop_flag, 1);
    while (atomic_load(&rt->inline_runs) > 0) sched_yield();
    pthread_mutex_lock(&rt->lock);
    rt->stopping = 1;
    notify_all_workers(rt);
    tell_finished_waiters(rt, 1); /* next_finished waiters return STOPPING */
    while (rt->callers > 0 || rt->pending > 0 || rt->waiters > 0) pthread_cond_wait(&rt->drained, &rt->lock);
    /* Every async job is finished now; the ones not freed yet outlive the
     * runtime, detached: their owners may still query and free them. */
    for (jk_rt_job *j = rt->owned, *next; j; j = next) {
        next = j->owned_next;
        j->rt = NULL;
        j->listed = 0;
    }
    rt->owned = NULL;
    pthread_mutex_unlock(&rt->lock);
    retire_down_to(rt, 0);
    pthread_mutex_unlock(&rt->resize_lock);
    free_runtime(rt);
}

int jk_runtime_threads(jk_runtime *rt) { return rt ? atomic_load(&rt->target) : 0; }

int64_t jk_runtime_spin_ns(jk_runtime *rt) { return rt ? spin_of(rt) : 0; }

/* ---- jobs ---- */

static size_t work_size(const jk_rt_work *w) {
    if (w->kind == JK_RT_RANGE) return w->end > w->begin ? w->end - w->begin : 0;
    if (w->kind == JK_RT_TEAM) return w->units;
    size_t n = 0;
    for (int p = 0; p < w->nphases; p++) n += w->phases[p].n;
    return n;
}

static int work_empty(const jk_rt_work *w) {
    if (w->kind == JK_RT_RANGE) return w->end <= w->begin;
    if (w->kind == JK_RT_PHASES) {
        for (int p = 0; p < w->nphases; p++)
            if (w->phases[p].n > 0) return 0;
        return 1;
    }
    return 0;
}

static int work_valid(const jk_rt_work *w) {
    if (w->kind == JK_RT_RANGE) return w->fn && w->end <= JK_RT_MAX_INDEX && w->begin <= w->end;
    if (w->team_max < 1) return 0;
    if (w->kind == JK_RT_TEAM) return w->team_fn != NULL;
    if (w->kind != JK_RT_PHASES || w->nphases < 1 || w->nphases > JK_RT_MAX_PHASES) return 0;
    for (int p = 0; p < w->nphases; p++)
        if (!w->phases[p].fn || w->phases[p].n > JK_RT_MAX_INDEX) return 0;
    return 1;
}

static size_t clamp_grain(size_t grain, size_t n) {
    /* A grain above n is one chunk anyway; capping it keeps every cursor below
     * n + one grain per claiming thread, far from wrapping. */
    if (grain > n) grain = n;
    /* That alone is not enough: with end and grain both near JK_RT_MAX_INDEX,
     * five claimers (a PHASES team of five, or five workers in a range job)
     * already wrapped the cursor back into the range and ran a chunk twice.
     * The cursor stays below end + (claimers + 1) * grain, claimers <=
     * JK_RT_MAX_WORKERS and end <= JK_RT_MAX_INDEX: this cap (about 1.3e16
     * indices per chunk) keeps that below SIZE_MAX. */
    if (grain > (SIZE_MAX - JK_RT_MAX_INDEX) / (JK_RT_MAX_WORKERS + 1))
        grain = (SIZE_MAX - JK_RT_MAX_INDEX) / (JK_RT_MAX_WORKERS + 1);
    return grain ? grain : 1;
}

/* Sets up a job from its work; the caller forms the team and queues it. */
static void init_job(jk_rt_job *j, jk_runtime *rt, const jk_rt_work *w) {
    j->kind = w->kind;
    j->ctx = w->ctx;
    j->fn = w->fn;
    j->begin = w->begin;
    j->end = w->end;
    j->grain = w->kind == JK_RT_RANGE ? clamp_grain(w->grain, w->end - w->begin) : 1;
    j->team_fn = w->team_fn;
    j->nphases = w->kind == JK_RT_PHASES ? w->nphases : 0;
    for (int p = 0; p < j->nphases; p++) {
        j->phases[p] = w->phases[p];
        j->phases[p].grain = clamp_grain(w->phases[p].grain, w->phases[p].n);
        atomic_init(&j->phase_cursor[p], 0);
    }
    j->size = work_size(w);
    j->team_size = 1;
    atomic_init(&j->status, 0);
    j->rt = rt;
    atomic_init(&j->cursor, w->begin);
    atomic_init(&j->done, 0);
    j->team_active = 0;
    j->team_arrived = 0;
    atomic_init(&j->team_gen, 0);
    atomic_init(&j->team_value, NULL);
    j->team_open = 0;
    j->team_next_rank = 0;
    j->participants = 0;
    j->queued = 0;
    atomic_init(&j->finished, 0);
    j->async = j->notify = j->listed = 0;
    j->next = j->next_finished = NULL;
    j->owned_prev = j->owned_next = NULL;
    init_cond(&j->done_cond);
    if (j->kind != JK_RT_RANGE) {
        pthread_mutex_init(&j->team_lock, NULL);
        init_cond(&j->team_cond);
    }
}

static void destroy_job(jk_rt_job *j) {
    pthread_cond_destroy(&j->done_cond);
    if (j->kind != JK_RT_RANGE) {
        pthread_cond_destroy(&j->team_cond);
        pthread_mutex_destroy(&j->team_lock);
    }
}

/* Decides a team's size and reserves its worker ranks: at most the requested
 * size and the worker count, and no more workers than are idle now (at least
 * one member when no caller computes). Lock held. */
static void form_team(jk_runtime *rt, jk_rt_job *j, int team_max, int caller_computes) {
    int threads = atomic_load(&rt->target);
    int t = team_max < threads ? team_max : threads;
    int free_workers = rt->idle - rt->reserved;
    if (free_workers < 0) free_workers = 0;
    int workers = t - caller_computes;
    if (workers > free_workers) workers = free_workers;
    if (workers < 1 - caller_computes) workers = 1 - caller_computes;
    j->team_size = workers + caller_computes;
    j->team_active = j->team_size;
    j->team_open = workers;
    j->team_next_rank = caller_computes;
    rt->reserved += workers;
}

/* Queues j and wakes no more workers than it can use. Lock held. */
static void enqueue(jk_runtime *rt, jk_rt_job *j) {
    queue_push(rt, j);
    size_t wanted;
    if (j->kind == JK_RT_RANGE) wanted = (j->end - j->begin - 1) / j->grain + 1;
    else wanted = (size_t)j->team_open;
    int threads = atomic_load(&rt->target);
    notify_workers(rt, wanted < (size_t)threads ? (int)wanted : threads);
}

static int refuse(jk_runtime *rt, unsigned flags) {
    if (rt->stopping) return JK_RT_STOPPING;
    if ((flags & JK_RT_IF_IDLE) && (rt->head || rt->active > 0)) return JK_RT_BUSY;
    return 0;
}

/* A synchronous caller waits for its job. Lock not held. */
static void await_finished(jk_runtime *rt, jk_rt_job *j) {
    if (!atomic_load(&j->finished)) spin_until_set(&j->finished, spin_of(rt)); /* a short job is over before a sleep would begin */
    pthread_mutex_lock(&rt->lock);
    while (!atomic_load(&j->finished)) pthread_cond_wait(&j->done_cond, &rt->lock);
    if (--rt->callers == 0 && rt->stopping) pthread_cond_broadcast(&rt->drained);
    pthread_mutex_unlock(&rt->lock);
}

/* The caller computes as member 0 of its team. Lock not held. */
static void run_as_member_zero(jk_runtime *rt, jk_rt_job *j) {
    fp_saved fp = enter_default_fp();
    jk_runtime *outer = computing_for;
    computing_for = rt;
    jk_rt_self self = {.rt = rt, .job = j, .worker = -1, .rank = 0, .size = j->team_size, .scratch = NULL};
    run_team_member(j, &self);
    computing_for = outer;
    leave_default_fp(fp);
    return_scratch(rt, self.scratch);
    pthread_mutex_lock(&rt->lock);
    leave_job(rt, j);
    pthread_mutex_unlock(&rt->lock);
}

int jk_runtime_run(jk_runtime *rt, const jk_rt_work *w, unsigned flags) {
    if (forked(rt)) return JK_RT_FORKED;
    if (!work_valid(w)) return JK_RT_ARGUMENT;
    if (work_empty(w)) return 0;
    int team = w->kind != JK_RT_RANGE;
    if (computing_for == rt) return run_inline(rt, w); /* nested: part of a job stop already waits for */
    if ((flags & JK_RT_INLINE) || (team && w->team_max == 1)) {
        /* Counted without the lock: stop sets its flag, then waits for the count (seq_cst both). */
        atomic_fetch_add(&rt->inline_runs, 1);
        int st = atomic_load(&rt->stop_flag) ? JK_RT_STOPPING : run_inline(rt, w);
        atomic_fetch_sub(&rt->inline_runs, 1);
        return st;
    }
    alignas(CACHE_LINE) jk_rt_job j;
    init_job(&j, rt, w);

    pthread_mutex_lock(&rt->lock);
    int refused = refuse(rt, team ? flags & ~(unsigned)JK_RT_IF_IDLE : flags);
    if (refused) {
        pthread_mutex_unlock(&rt->lock);
        destroy_job(&j);
        return refused;
    }
    rt->callers++;
    live_add(rt, &j);
    if (team) {
        form_team(rt, &j, w->team_max, 1);
        j.participants = 1; /* the caller */
        if (j.team_open > 0) enqueue(rt, &j);
    } else {
        enqueue(rt, &j);
    }
    pthread_mutex_unlock(&rt->lock);

    if (team) run_as_member_zero(rt, &j);
    await_finished(rt, &j);
    destroy_job(&j);
    return atomic_load(&j.status);
}

int jk_runtime_submit(jk_runtime *rt, const jk_rt_work *w, int notify, jk_rt_job **out) {
    if (forked(rt)) return JK_RT_FORKED;
    if (!work_valid(w)) return JK_RT_ARGUMENT;
    jk_rt_job *j = aligned_alloc(CACHE_LINE, (sizeof *j + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE);
    if (!j) return JK_RT_NOMEM;
    init_job(j, rt, w);
    j->async = 1;
    j->notify = notify;

    pthread_mutex_lock(&rt->lock);
    if (rt->stopping) {
        pthread_mutex_unlock(&rt->lock);
        destroy_job(j);
        free(j);
        return JK_RT_STOPPING;
    }
    rt->pending++;
    j->owned_next = rt->owned;
    if (rt->owned) rt->owned->owned_prev = j;
    rt->owned = j;
    *out = j; /* published under the lock: a NOTIFY job may be handed out as soon as it is released */
    live_add(rt, j);
    if (work_empty(w)) {
        finish(rt, j);
    } else {
        if (j->kind != JK_RT_RANGE) form_team(rt, j, w->team_max, 0);
        enqueue(rt, j);
    }
    pthread_mutex_unlock(&rt->lock);
    return 0;
}

int jk_runtime_run_range(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, unsigned flags) {
    jk_rt_work w = {.kind = JK_RT_RANGE, .ctx = ctx, .fn = fn, .begin = 0, .end = n, .grain = grain};
    return jk_runtime_run(rt, &w, flags);
}

int jk_runtime_submit_range(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int notify,
                            jk_rt_job **out) {
    jk_rt_work w = {.kind = JK_RT_RANGE, .ctx = ctx, .fn = fn, .begin = 0, .end = n, .grain = grain};
    return jk_runtime_submit(rt, &w, notify, out);
}

/* The spin time, cut to what is left before deadline (0: none). */
static int64_t poll_time_left(jk_runtime *rt, uint64_t deadline) {
    int64_t spin = spin_of(rt);
    if (deadline != 0) {
        uint64_t now = now_ns();
        int64_t left = deadline > now ? (int64_t)(deadline - now) : 0;
        if (left < spin) spin = left;
    }
    return spin;
}

/* A waiter leaves job_wait or next_finished. Lock held. */
static void waiter_leaves(jk_runtime *rt) {
    if (--rt->waiters == 0 && rt->stopping) pthread_cond_broadcast(&rt->drained);
}

int jk_runtime_job_wait(jk_rt_job *j, int64_t timeout_ns) {
    jk_runtime *rt = j->rt;
    if (!rt) return atomic_load(&j->status); /* detached by stop: finished */
    if (forked(rt)) return JK_RT_FORKED;
    uint64_t deadline = deadline_after(timeout_ns);
    pthread_mutex_lock(&rt->lock);
    rt->waiters++; /* stop waits for us to leave before it frees rt */
    int st = 0;
    int64_t spin = poll_time_left(rt, deadline);
    if (spin > 0 && !atomic_load(&j->finished)) { /* as await_finished: a short job ends before a sleep would */
        pthread_mutex_unlock(&rt->lock);
        spin_until_set(&j->finished, spin);
        pthread_mutex_lock(&rt->lock);
    }
    while (!atomic_load(&j->finished)) {
        if (wait_until(&j->done_cond, &rt->lock, deadline) == ETIMEDOUT && !atomic_load(&j->finished)) {
            st = JK_RT_TIMEOUT;
            break;
        }
    }
    if (st == 0) st = atomic_load(&j->status);
    waiter_leaves(rt);
    pthread_mutex_unlock(&rt->lock);
    return st;
}

int jk_runtime_job_cancel(jk_rt_job *j) {
    jk_runtime *rt = j->rt;
    if (!rt || forked(rt)) return 0; /* detached by stop: finished */
    pthread_mutex_lock(&rt->lock);
    int cancelled = cancel_locked(rt, j);
    pthread_mutex_unlock(&rt->lock);
    return cancelled;
}

int jk_runtime_job_finished(jk_rt_job *j) {
    jk_runtime *rt = j->rt;
    if (!rt) return 1; /* detached by stop: finished */
    if (forked(rt)) return atomic_load(&j->finished);
    pthread_mutex_lock(&rt->lock);
    int finished = atomic_load(&j->finished);
    pthread_mutex_unlock(&rt->lock);
    return finished;
}

int jk_runtime_job_status(jk_rt_job *j) { return atomic_load(&j->status); }
size_t jk_runtime_job_done(jk_rt_job *j) { return atomic_load_explicit(&j->done, memory_order_relaxed); }
size_t jk_runtime_job_size(jk_rt_job *j) { return j->size; }
void *jk_runtime_job_ctx(jk_rt_job *j) { return j->ctx; }

int jk_runtime_job_free(jk_rt_job *j) {
    if (!j) return 0;
    jk_runtime *rt = j->rt;
    if (rt && !forked(rt)) { /* else detached by stop (finished, on no list), or a fork child's copy */
        pthread_mutex_lock(&rt->lock);
        if (!atomic_load(&j->finished)) {
            pthread_mutex_unlock(&rt->lock);
            return JK_RT_BUSY;
        }
        finished_remove(rt, j);
        if (j->owned_prev) j->owned_prev->owned_next = j->owned_next; else rt->owned = j->owned_next;
        if (j->owned_next) j->owned_next->owned_prev = j->owned_prev;
        pthread_mutex_unlock(&rt->lock);
    }
    if (!rt || !forked(rt)) destroy_job(j); /* a fork child's copy may hold locks of threads that are gone */
    free(j);
    return 0;
}

/* How long a next_finished waiter may poll before it sleeps: the spin time,
 * cut to what is left of its timeout; 0 if another waiter polls already (one
 * poller is enough to see the next job, more would only take CPUs from the
 * workers). On a nonzero result the caller is the poller and must clear
 * finished_poller when done. */
static int64_t claim_finished_poll(jk_runtime *rt, uint64_t deadline) {
    int64_t spin = poll_time_left(rt, deadline);
    if (spin <= 0) return 0;
    int expected = 0;
    if (!atomic_compare_exchange_strong(&rt->finished_poller, &expected, 1)) return 0;
    return spin;
}

int jk_runtime_next_finished(jk_runtime *rt, int64_t timeout_ns, jk_rt_job **out) {
    if (forked(rt)) return JK_RT_FORKED;
    uint64_t deadline = deadline_after(timeout_ns);
    pthread_mutex_lock(&rt->lock);
    rt->waiters++; /* stop wakes us and waits for us to leave */
    unsigned generation = rt->wake_generation;
    int st = 0, polled = 0;
    while (!rt->finished_head) {
        if (rt->wake_generation != generation || rt->stopping) { st = JK_RT_STOPPING; break; }
        /* Waking a sleeper costs more than a short job (see cpu_relax), so the
         * first round polls the event count without the lock; finish() bumps
         * it under the lock after listing the job, so nothing is missed. */
        int64_t spin = polled ? 0 : claim_finished_poll(rt, deadline);
        if (spin > 0) {
            polled = 1;
            unsigned seen = atomic_load_explicit(&rt->finished_events, memory_order_relaxed);
            pthread_mutex_unlock(&rt->lock);
            spin_while_equal(&rt->finished_events, seen, spin);
            atomic_store_explicit(&rt->finished_poller, 0, memory_order_release);
            pthread_mutex_lock(&rt->lock);
            continue;
        }
        if (wait_until(&rt->finished_cond, &rt->lock, deadline) == ETIMEDOUT && !rt->finished_head) {
            st = JK_RT_TIMEOUT;
            break;
        }
    }
    if (st == 0) {
        jk_rt_job *j = rt->finished_head;
        finished_remove(rt, j);
        *out = j;
        /* Jobs listed while a waiter polled signalled nobody: pass it on. */
        if (rt->finished_head) pthread_cond_signal(&rt->finished_cond);
    }
    waiter_leaves(rt);
    pthread_mutex_unlock(&rt->lock);
    return st;
}

void jk_runtime_wake(jk_runtime *rt) {
    if (forked(rt)) return;
    pthread_mutex_lock(&rt->lock);
    rt->wake_generation++;
    tell_finished_waiters(rt, 1);
    pthread_mutex_unlock(&rt->lock);
}

int jk_runtime_cancel_all(jk_runtime *rt) {
    if (forked(rt)) return 0;
    pthread_mutex_lock(&rt->lock);
    atomic_fetch_add(&rt->cancel_epoch, 1);
    int count = 0;
    for (jk_rt_job *j = rt->live, *next; j; j = next) {
        next = j->live_next; /* read first: cancelling may finish j, which unlinks it */
        count += cancel_locked(rt, j);
    }
    pthread_mutex_unlock(&rt->lock);
    return count;
}

unsigned jk_runtime_cancel_epoch(jk_runtime *rt) { return atomic_load(&rt->cancel_epoch); }

int jk_runtime_resize(jk_runtime *rt, int threads) {
    if (forked(rt)) return JK_RT_FORKED;
    if (threads < 1 || threads > JK_RT_MAX_WORKERS) return JK_RT_ARGUMENT;
    pthread_mutex_lock(&rt->resize_lock);
    pthread_mutex_lock(&rt->lock);
    int stopping = rt->stopping;
    pthread_mutex_unlock(&rt->lock);
    int st = 0;
    if (stopping) st = JK_RT_STOPPING;
    else if (threads > atomic_load(&rt->target)) st = grow_to(rt, threads);
    else if (threads < atomic_load(&rt->target)) retire_down_to(rt, threads);
    set_spin_for(rt, atomic_load(&rt->target));
    pthread_mutex_unlock(&rt->resize_lock);
    return st;
}

int jk_runtime_stats(jk_runtime *rt, jk_rt_stats *stats, jk_rt_worker_stats *workers, int cap) {
    if (!workers) cap = 0;
    if (forked(rt)) {
        *stats = (jk_rt_stats){0};
        return 0;
    }
    pthread_mutex_lock(&rt->lock);
    int threads = atomic_load(&rt->target);
    *stats = (jk_rt_stats){.threads = threads, .active = rt->active, .queued = rt->queued,
                           .callers = rt->callers, .pending = rt->pending,
                           .jobs_finished = rt->jobs_finished, .jobs_failed = rt->jobs_failed};
    pthread_mutex_unlock(&rt->lock);
    int count = cap < threads ? cap : threads;
    for (int i = 0; i < count; i++) {
        const worker *w = &rt->workers[i];
        workers[i] = (jk_rt_worker_stats){
            .jobs = atomic_load_explicit(&w->jobs, memory_order_relaxed),
            .chunks = atomic_load_explicit(&w->chunks, memory_order_relaxed),
            .items = atomic_load_explicit(&w->items, memory_order_relaxed),
            .busy_ns = atomic_load_explicit(&w->busy_ns, memory_order_relaxed)};
    }
    return count;
}
