/* The pthread runtime; see runtime.h for the invariants. */
#define _GNU_SOURCE
#include "runtime.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { STATUS_NOMEM = 4, STATUS_STOPPING = 5, STATUS_THREAD = 7, STATUS_BUSY = 8 };

typedef struct job {
    jk_range_fn fn;
    void *ctx;
    size_t n;
    size_t grain;
    atomic_size_t cursor;   /* next unclaimed index */
    atomic_int status;      /* first failing status, 0 while all is well */
    int participants;       /* workers inside the job; guarded by the pool lock */
    int queued;             /* still in the queue; guarded by the pool lock */
    pthread_cond_t done;    /* signalled when participants drops to 0 off-queue */
    struct job *next;       /* queue link; guarded by the pool lock */
} job;

struct jk_runtime {
    pthread_mutex_t lock;
    pthread_cond_t work;    /* workers wait here for a job */
    pthread_cond_t drained; /* stop waits here for callers to leave */
    job *head, *tail;       /* FIFO of jobs with unclaimed chunks (maybe) */
    int active;             /* workers inside a job */
    int callers;            /* threads inside jk_runtime_run with a queued job */
    int stopping;
    int threads;
    pthread_t *workers;
};

static void queue_push(jk_runtime *rt, job *j) {
    j->next = NULL;
    j->queued = 1;
    if (rt->tail) rt->tail->next = j; else rt->head = j;
    rt->tail = j;
}

/* Unlinks j if it is still queued. Caller holds the lock. */
static void queue_remove(jk_runtime *rt, job *j) {
    if (!j->queued) return;
    job **link = &rt->head;
    job *prev = NULL;
    while (*link != j) { prev = *link; link = &(*link)->next; }
    *link = j->next;
    if (rt->tail == j) rt->tail = prev;
    j->queued = 0;
}

/* Claims and runs chunks until none are left or the job has failed. */
static void work_on(job *j) {
    for (;;) {
        if (atomic_load_explicit(&j->status, memory_order_relaxed) != 0) return;
        size_t begin = atomic_fetch_add_explicit(&j->cursor, j->grain, memory_order_relaxed);
        if (begin >= j->n) return;
        size_t end = j->n - begin > j->grain ? begin + j->grain : j->n;
        int st = j->fn(j->ctx, begin, end);
        if (st != 0) {
            int expected = 0;
            atomic_compare_exchange_strong(&j->status, &expected, st);
        }
    }
}

/* Called with the lock held after a participant ran out of chunks. */
static void leave_job(jk_runtime *rt, job *j) {
    queue_remove(rt, j); /* no chunk left to hand out: stop attracting workers */
    rt->active--;
    if (--j->participants == 0) pthread_cond_signal(&j->done);
}

static void *worker_main(void *arg) {
    jk_runtime *rt = arg;
    pthread_mutex_lock(&rt->lock);
    for (;;) {
        while (!rt->head && !rt->stopping) pthread_cond_wait(&rt->work, &rt->lock);
        if (!rt->head) break; /* stopping and drained */
        job *j = rt->head;
        j->participants++;
        rt->active++;
        pthread_mutex_unlock(&rt->lock);
        work_on(j);
        pthread_mutex_lock(&rt->lock);
        leave_job(rt, j);
    }
    pthread_mutex_unlock(&rt->lock);
    return NULL;
}

static int start_worker(jk_runtime *rt, int index) {
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
    int rc = pthread_create(&rt->workers[index], NULL, worker_main, rt);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc == 0) {
        char name[16]; /* the kernel keeps 15 characters of a thread name */
        snprintf(name, sizeof name, "jk-worker-%d", index % 10000);
        pthread_setname_np(rt->workers[index], name);
    }
    return rc;
}

static void join_workers(jk_runtime *rt, int started) {
    pthread_mutex_lock(&rt->lock);
    rt->stopping = 1;
    pthread_cond_broadcast(&rt->work);
    while (rt->callers > 0) pthread_cond_wait(&rt->drained, &rt->lock);
    pthread_mutex_unlock(&rt->lock);
    for (int i = 0; i < started; i++) pthread_join(rt->workers[i], NULL);
}

static void free_runtime(jk_runtime *rt) {
    pthread_cond_destroy(&rt->drained);
    pthread_cond_destroy(&rt->work);
    pthread_mutex_destroy(&rt->lock);
    free(rt->workers);
    free(rt);
}

jk_runtime *jk_runtime_start(int threads, int *status) {
    jk_runtime *rt = calloc(1, sizeof *rt);
    pthread_t *workers = rt ? calloc((size_t)threads, sizeof *workers) : NULL;
    if (!workers) {
        free(rt);
        *status = STATUS_NOMEM;
        return NULL;
    }
    rt->workers = workers;
    rt->threads = threads;
    pthread_mutex_init(&rt->lock, NULL);
    pthread_cond_init(&rt->work, NULL);
    pthread_cond_init(&rt->drained, NULL);
    for (int i = 0; i < threads; i++) {
        if (start_worker(rt, i) != 0) {
            join_workers(rt, i);
            free_runtime(rt);
            *status = STATUS_THREAD;
            return NULL;
        }
    }
    *status = 0;
    return rt;
}

void jk_runtime_stop(jk_runtime *rt) {
    if (!rt) return;
    join_workers(rt, rt->threads);
    free_runtime(rt);
}

int jk_runtime_threads(const jk_runtime *rt) { return rt ? rt->threads : 0; }

int jk_runtime_callers(jk_runtime *rt) {
    pthread_mutex_lock(&rt->lock);
    int callers = rt->callers;
    pthread_mutex_unlock(&rt->lock);
    return callers;
}

int jk_runtime_run(jk_runtime *rt, jk_range_fn fn, void *ctx, size_t n, size_t grain, int only_if_idle) {
    if (n == 0) return 0;
    job j = {.fn = fn, .ctx = ctx, .n = n, .grain = grain ? grain : 1};
    atomic_init(&j.cursor, 0);
    atomic_init(&j.status, 0);
    pthread_cond_init(&j.done, NULL);

    pthread_mutex_lock(&rt->lock);
    int refused = rt->stopping ? STATUS_STOPPING : only_if_idle && (rt->head || rt->active > 0) ? STATUS_BUSY : 0;
    if (refused) {
        pthread_mutex_unlock(&rt->lock);
        pthread_cond_destroy(&j.done);
        return refused;
    }
    rt->callers++;
    queue_push(rt, &j);
    /* Wake no more workers than there are chunks to share. */
    size_t chunks = (n - 1) / j.grain + 1;
    if (chunks >= (size_t)rt->threads) pthread_cond_broadcast(&rt->work);
    else for (size_t i = 0; i < chunks; i++) pthread_cond_signal(&rt->work);
    while (j.queued || j.participants > 0) pthread_cond_wait(&j.done, &rt->lock);
    if (--rt->callers == 0 && rt->stopping) pthread_cond_signal(&rt->drained);
    pthread_mutex_unlock(&rt->lock);

    pthread_cond_destroy(&j.done);
    return atomic_load(&j.status);
}
