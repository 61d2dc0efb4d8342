/* The pthread runtime; see runtime.h for the invariants. */
#define _GNU_SOURCE
#include "runtime.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct jk_rt_job {
    jk_runtime *rt;
    jk_range_fn fn;
    void *ctx;
    size_t n;
    size_t grain;
    atomic_size_t cursor;   /* next unclaimed index */
    atomic_size_t done;     /* indices run so far */
    atomic_int status;      /* first failing status (or cancel), 0 while all is well */
    /* guarded by the pool lock: */
    int participants;       /* workers inside the job */
    int queued;             /* still in the run queue */
    atomic_int finished;    /* written under the pool lock; read without it by spinning waiters */
    int async;              /* heap job owned by the submitter */
    int notify;             /* goes on the finished list when done */
    int listed;             /* on the finished list, not handed out yet */
    pthread_cond_t done_cond; /* broadcast when finished */
    jk_rt_job *next;        /* run queue link */
    jk_rt_job *next_finished;
    jk_rt_job *owned_prev, *owned_next; /* async jobs not freed yet */
};

typedef struct {
    jk_runtime *rt;
    int index;
    pthread_t thread;
    atomic_uint_fast64_t jobs, chunks, items, busy_ns;
} worker;

struct jk_runtime {
    pthread_mutex_t lock;
    pthread_mutex_t resize_lock; /* serializes resize and stop; taken before lock */
    pthread_cond_t work;         /* workers wait here for a job */
    pthread_cond_t drained;      /* stop waits here for callers and async jobs */
    pthread_cond_t finished_cond;/* next_finished waits here */
    jk_rt_job *head, *tail;      /* FIFO of jobs with chunks to hand out */
    jk_rt_job *finished_head, *finished_tail;
    jk_rt_job *owned;            /* async jobs not freed yet; stop detaches them */
    atomic_int target;           /* worker count; slots at or above it retire */
    int queued, active, callers, pending, stopping;
    atomic_uint events;          /* bumped on anything an idle worker must notice; spinners watch it */
    int waiters;                 /* threads inside job_wait or next_finished */
    unsigned wake_generation;
    uint64_t jobs_finished, jobs_failed;
    worker *workers;             /* JK_RT_MAX_WORKERS slots */
};

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

/* How long an idle worker, or a caller waiting for its job, keeps polling
 * before it sleeps on a condition variable. Waking a sleeping thread costs
 * tens of microseconds on a VM (futex wake plus a trip through the scheduler),
 * more than a whole medium-sized job; a poll notices new work within a few
 * hundred nanoseconds. Back-to-back calls, the common case in numeric loops,
 * then never pay the wake-up. The polls yield the CPU, so a spinner never
 * keeps the caller that is about to submit from running. */
#define SPIN_NS 50000u

static void cpu_relax(int round) {
    if (round < 64) __builtin_ia32_pause();
    else sched_yield();
}

/* Polls until *value differs from seen or SPIN_NS pass. Returns 1 if it changed. */
static int spin_while_equal(const atomic_uint *value, unsigned seen) {
    uint64_t deadline = now_ns() + SPIN_NS;
    for (int round = 0;; round++) {
        if (atomic_load_explicit(value, memory_order_acquire) != seen) return 1;
        if ((round & 15) == 15 && now_ns() > deadline) return 0;
        cpu_relax(round);
    }
}

/* Polls until the job is finished or SPIN_NS pass. Returns 1 if it finished. */
static int spin_until_finished(jk_rt_job *j) {
    uint64_t deadline = now_ns() + SPIN_NS;
    for (int round = 0;; round++) {
        if (atomic_load_explicit(&j->finished, memory_order_acquire)) return 1;
        if ((round & 15) == 15 && now_ns() > deadline) return 0;
        cpu_relax(round);
    }
}

/* Something idle workers must see happened. Lock held. */
static void notify_workers(jk_runtime *rt, int all) {
    atomic_fetch_add_explicit(&rt->events, 1, memory_order_release);
    if (all) pthread_cond_broadcast(&rt->work); else pthread_cond_signal(&rt->work);
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

static void queue_push(jk_runtime *rt, jk_rt_job *j) {
    j->next = NULL;
    j->queued = 1;
    if (rt->tail) rt->tail->next = j; else rt->head = j;
    rt->tail = j;
    rt->queued++;
}

/* Unlinks j if it is still queued. Lock held. */
static void queue_remove(jk_runtime *rt, jk_rt_job *j) {
    if (!j->queued) return;
    jk_rt_job **link = &rt->head, *prev = NULL;
    while (*link != j) { prev = *link; link = &(*link)->next; }
    *link = j->next;
    if (rt->tail == j) rt->tail = prev;
    j->queued = 0;
    rt->queued--;
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
            pthread_cond_broadcast(&rt->finished_cond);
        }
        if (rt->stopping) pthread_cond_broadcast(&rt->drained);
    }
    pthread_cond_broadcast(&j->done_cond);
}

static int retired(const worker *w) {
    return w->index >= atomic_load_explicit(&w->rt->target, memory_order_relaxed);
}

static void stop_job(jk_rt_job *j, int status) {
    int expected = 0;
    atomic_compare_exchange_strong(&j->status, &expected, status);
}

/* Claims and runs chunks until none are left, the job stopped, or w retired. */
static void work_on(worker *w, jk_rt_job *j) {
    while (atomic_load_explicit(&j->status, memory_order_relaxed) == 0 && !retired(w)) {
        size_t begin = atomic_fetch_add_explicit(&j->cursor, j->grain, memory_order_relaxed);
        if (begin >= j->n) return;
        size_t end = j->n - begin > j->grain ? begin + j->grain : j->n;
        uint64_t t0 = now_ns();
        int st = j->fn(j->ctx, begin, end);
        atomic_fetch_add_explicit(&w->busy_ns, now_ns() - t0, memory_order_relaxed);
        atomic_fetch_add_explicit(&w->chunks, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&w->items, end - begin, memory_order_relaxed);
        atomic_fetch_add_explicit(&j->done, end - begin, memory_order_relaxed);
        if (st != 0) stop_job(j, st);
    }
}

/* A participant leaves j. Lock held. */
static void leave_job(jk_runtime *rt, jk_rt_job *j) {
    /* Out of chunks or stopped: stop attracting workers. A retiring worker
     * leaves the job queued for the others. */
    if (atomic_load(&j->cursor) >= j->n || atomic_load(&j->status) != 0) queue_remove(rt, j);
    rt->active--;
    if (--j->participants == 0 && !j->queued) finish(rt, j);
}

static void *worker_main(void *arg) {
    worker *w = arg;
    jk_runtime *rt = w->rt;
    pthread_mutex_lock(&rt->lock);
    for (;;) {
        while (!rt->head && !rt->stopping && !retired(w)) {
            unsigned seen = atomic_load_explicit(&rt->events, memory_order_acquire);
            pthread_mutex_unlock(&rt->lock);
            int changed = spin_while_equal(&rt->events, seen);
            pthread_mutex_lock(&rt->lock);
            if (!changed && !rt->head && !rt->stopping && !retired(w)) pthread_cond_wait(&rt->work, &rt->lock);
        }
        if (retired(w) || !rt->head) break; /* retired, or stopping and drained */
        jk_rt_job *j = rt->head;
        j->participants++;
        rt->active++;
        pthread_mutex_unlock(&rt->lock);
        atomic_fetch_add_explicit(&w->jobs, 1, memory_order_relaxed);
        work_on(w, j);
        pthread_mutex_lock(&rt->lock);
        leave_job(rt, j);
    }
    pthread_mutex_unlock(&rt->lock);
    return NULL;
}

static int start_worker(jk_runtime *rt, int index) {
    worker *w = &rt->workers[index];
    w->rt = rt;
    w->index = index;
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

/* Lowers the worker count to `threads` and joins the workers above it. Called
 * with resize_lock held and lock not held. */
static void retire_down_to(jk_runtime *rt, int threads) {
    pthread_mutex_lock(&rt->lock);
    int old = atomic_load(&rt->target);
    atomic_store(&rt->target, threads);
    notify_workers(rt, 1);
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

static void free_runtime(jk_runtime *rt) {
    pthread_cond_destroy(&rt->finished_cond);
    pthread_cond_destroy(&rt->drained);
    pthread_cond_destroy(&rt->work);
    pthread_mutex_destroy(&rt->resize_lock);
    pthread_mutex_destroy(&rt->lock);
    free(rt->workers);
    free(rt);
}

jk_runtime *jk_runtime_start(int threads, int *status) {
    if (threads < 1 || threads > JK_RT_MAX_WORKERS) { /* the workers array has JK_RT_MAX_WORKERS slots */
        *status = JK_RT_THREAD;
        return NULL;
    }
    jk_runtime *rt = calloc(1, sizeof *rt);
    worker *workers = rt ? calloc(JK_RT_MAX_WORKERS, sizeof *workers) : NULL;
    if (!workers) {
        free(rt);
        *status = JK_RT_NOMEM;
        return NULL;
    }
    rt->workers = workers;
    atomic_init(&rt->target, 0);
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
    pthread_mutex_lock(&rt->resize_lock);
    pthread_mutex_lock(&rt->lock);
    rt->stopping = 1;
    notify_workers(rt, 1);
    pthread_cond_broadcast(&rt->finished_cond); /* next_finished waiters return STOPPING */
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

/* Sets up a job; the caller queues it. */
static void init_job(jk_rt_job *j, jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain) {
    /* A grain above n is one chunk anyway; capping it keeps the cursor, which
     * every claim advances by a grain, from wrapping back below n. */
    if (grain > n) grain = n;
    *j = (jk_rt_job){.rt = rt, .fn = fn, .ctx = ctx, .n = n, .grain = grain ? grain : 1};
    atomic_init(&j->cursor, 0);
    atomic_init(&j->done, 0);
    atomic_init(&j->status, 0);
    init_cond(&j->done_cond);
}

/* Queues j and wakes no more workers than there are chunks to share. Lock held. */
static void enqueue(jk_runtime *rt, jk_rt_job *j) {
    queue_push(rt, j);
    atomic_fetch_add_explicit(&rt->events, 1, memory_order_release); /* for the spinning workers */
    size_t chunks = (j->n - 1) / j->grain + 1;
    if (chunks >= (size_t)atomic_load(&rt->target)) pthread_cond_broadcast(&rt->work);
    else for (size_t i = 0; i < chunks; i++) pthread_cond_signal(&rt->work);
}

int jk_runtime_run(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int only_if_idle) {
    if (n == 0) return 0;
    jk_rt_job j;
    init_job(&j, rt, fn, ctx, n, grain);

    pthread_mutex_lock(&rt->lock);
    int refused = rt->stopping ? JK_RT_STOPPING : only_if_idle && (rt->head || rt->active > 0) ? JK_RT_BUSY : 0;
    if (refused) {
        pthread_mutex_unlock(&rt->lock);
        pthread_cond_destroy(&j.done_cond);
        return refused;
    }
    rt->callers++;
    enqueue(rt, &j);
    if (!atomic_load(&j.finished)) {
        pthread_mutex_unlock(&rt->lock);
        spin_until_finished(&j); /* a short job is over before a sleep would even begin */
        pthread_mutex_lock(&rt->lock);
    }
    while (!atomic_load(&j.finished)) pthread_cond_wait(&j.done_cond, &rt->lock);
    if (--rt->callers == 0 && rt->stopping) pthread_cond_broadcast(&rt->drained);
    pthread_mutex_unlock(&rt->lock);

    pthread_cond_destroy(&j.done_cond);
    return atomic_load(&j.status);
}

int jk_runtime_submit(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int notify,
                      jk_rt_job **out) {
    jk_rt_job *j = malloc(sizeof *j);
    if (!j) return JK_RT_NOMEM;
    init_job(j, rt, fn, ctx, n, grain);
    j->async = 1;
    j->notify = notify;

    pthread_mutex_lock(&rt->lock);
    if (rt->stopping) {
        pthread_mutex_unlock(&rt->lock);
        pthread_cond_destroy(&j->done_cond);
        free(j);
        return JK_RT_STOPPING;
    }
    rt->pending++;
    j->owned_next = rt->owned;
    if (rt->owned) rt->owned->owned_prev = j;
    rt->owned = j;
    *out = j; /* published under the lock: a NOTIFY job may be handed out as soon as it is released */
    if (n == 0) finish(rt, j); else enqueue(rt, j);
    pthread_mutex_unlock(&rt->lock);
    return 0;
}

/* A waiter leaves job_wait or next_finished. Lock held. */
static void waiter_leaves(jk_runtime *rt) {
    if (--rt->waiters == 0 && rt->stopping) pthread_cond_broadcast(&rt->drained);
}

int jk_runtime_job_wait(jk_rt_job *j, int64_t timeout_ns) {
    jk_runtime *rt = j->rt;
    if (!rt) return atomic_load(&j->status); /* detached by stop: finished */
    uint64_t deadline = deadline_after(timeout_ns);
    pthread_mutex_lock(&rt->lock);
    rt->waiters++; /* stop waits for us to leave before it frees rt */
    int st = 0;
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

/* Stops j if unfinished. Lock held. */
/* Stops j if chunks are left to hand out: claims them all at once, so none of
 * them can start. A job whose chunks are all claimed already runs to its end:
 * its work is nearly done, and dropping it would throw finished results away.
 * Lock held. */
static int cancel_locked(jk_runtime *rt, jk_rt_job *j) {
    if (atomic_load(&j->finished)) return 0;
    if (atomic_fetch_add(&j->cursor, j->n) >= j->n) return 0;
    stop_job(j, JK_RT_CANCELLED);
    queue_remove(rt, j);
    if (j->participants == 0) finish(rt, j);
    return 1;
}

int jk_runtime_job_cancel(jk_rt_job *j) {
    jk_runtime *rt = j->rt;
    if (!rt) return 0; /* detached by stop: finished */
    pthread_mutex_lock(&rt->lock);
    int cancelled = cancel_locked(rt, j);
    pthread_mutex_unlock(&rt->lock);
    return cancelled;
}

int jk_runtime_job_finished(jk_rt_job *j) {
    jk_runtime *rt = j->rt;
    if (!rt) return 1; /* detached by stop: finished */
    pthread_mutex_lock(&rt->lock);
    int finished = atomic_load(&j->finished);
    pthread_mutex_unlock(&rt->lock);
    return finished;
}

int jk_runtime_job_status(jk_rt_job *j) { return atomic_load(&j->status); }
size_t jk_runtime_job_done(jk_rt_job *j) { return atomic_load_explicit(&j->done, memory_order_relaxed); }
size_t jk_runtime_job_size(jk_rt_job *j) { return j->n; }
void *jk_runtime_job_ctx(jk_rt_job *j) { return j->ctx; }

int jk_runtime_job_free(jk_rt_job *j) {
    if (!j) return 0;
    jk_runtime *rt = j->rt;
    if (rt) { /* else detached by stop: finished, on no list */
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
    pthread_cond_destroy(&j->done_cond);
    free(j);
    return 0;
}

int jk_runtime_next_finished(jk_runtime *rt, int64_t timeout_ns, jk_rt_job **out) {
    uint64_t deadline = deadline_after(timeout_ns);
    pthread_mutex_lock(&rt->lock);
    rt->waiters++; /* stop wakes us and waits for us to leave */
    unsigned generation = rt->wake_generation;
    int st = 0;
    while (!rt->finished_head) {
        if (rt->wake_generation != generation || rt->stopping) { st = JK_RT_STOPPING; break; }
        if (wait_until(&rt->finished_cond, &rt->lock, deadline) == ETIMEDOUT && !rt->finished_head) {
            st = JK_RT_TIMEOUT;
            break;
        }
    }
    if (st == 0) {
        jk_rt_job *j = rt->finished_head;
        finished_remove(rt, j);
        *out = j;
    }
    waiter_leaves(rt);
    pthread_mutex_unlock(&rt->lock);
    return st;
}

void jk_runtime_wake(jk_runtime *rt) {
    pthread_mutex_lock(&rt->lock);
    rt->wake_generation++;
    pthread_cond_broadcast(&rt->finished_cond);
    pthread_mutex_unlock(&rt->lock);
}

int jk_runtime_cancel_all(jk_runtime *rt) {
    pthread_mutex_lock(&rt->lock);
    int count = 0;
    /* A job whose chunks are all claimed stays queued until a worker leaves it: walk, do not pop. */
    for (jk_rt_job *j = rt->head, *next; j; j = next) {
        next = j->next; /* read first: cancelling unlinks j */
        count += cancel_locked(rt, j);
    }
    pthread_mutex_unlock(&rt->lock);
    return count;
}

int jk_runtime_resize(jk_runtime *rt, int threads) {
    if (threads < 1 || threads > JK_RT_MAX_WORKERS) return JK_RT_THREAD;
    pthread_mutex_lock(&rt->resize_lock);
    pthread_mutex_lock(&rt->lock);
    int stopping = rt->stopping;
    pthread_mutex_unlock(&rt->lock);
    int st = 0;
    if (stopping) st = JK_RT_STOPPING;
    else if (threads > atomic_load(&rt->target)) st = grow_to(rt, threads);
    else if (threads < atomic_load(&rt->target)) retire_down_to(rt, threads);
    pthread_mutex_unlock(&rt->resize_lock);
    return st;
}

int jk_runtime_stats(jk_runtime *rt, jk_rt_stats *stats, jk_rt_worker_stats *workers, int cap) {
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
