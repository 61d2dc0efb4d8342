/* SPDX-License-Identifier: Apache-2.0 */
/* Asynchronous jobs, cancellation, resizing, the finished list and statistics:
 * first on the runtime (runtime/runtime.h), then through the public C API.
 *
 * Every wait is bounded: a job that never finishes makes a check fail after
 * LONG_NS instead of hanging the suite, and a watchdog ends the process when
 * one test outlives WATCHDOG_NS (a join or a stop that never returns). Gates
 * (chunks that wait until the test releases them) make the interleavings
 * deterministic where it matters. */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "jkernels/jkernels.h"
#include "runtime/runtime.h"

#define MS 1000000LL
#define LONG_NS (10000 * MS) /* "forever" for a wait that must succeed */
#define WATCHDOG_NS (60000 * MS)
#define SHORT_NS (20 * MS)   /* a wait that must time out */

static uint64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Spins (yielding) until *flag >= value or LONG_NS passed; returns whether it got there. */
static int await_at_least(atomic_int *flag, int value) {
    uint64_t limit = mono_ns() + (uint64_t)LONG_NS;
    while (atomic_load(flag) < value) {
        if (mono_ns() > limit) return 0;
        sched_yield();
    }
    return 1;
}

/* Per-thread xorshift64*: check.h's generator is one global, not for threads. */
static uint64_t rng_next(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

/* ---- a configurable chunk function ---------------------------------------- */

typedef struct {
    atomic_int started; /* chunks that reached the gate */
    atomic_int passed;  /* chunks that went through it */
    atomic_int release;
} gate;

/* Waits for the release; gives up after LONG_NS so a broken test cannot hang. */
static void gate_pass(gate *g) {
    atomic_fetch_add(&g->started, 1);
    await_at_least(&g->release, 1);
    atomic_fetch_add(&g->passed, 1);
}

typedef struct {
    atomic_int *visits;   /* per index; may be NULL */
    size_t fail_at;       /* index whose chunk returns fail_status; SIZE_MAX: none */
    int fail_status;
    gate *g;              /* when set, every chunk waits at it */
    uint64_t min_chunk_ns; /* each chunk lasts at least this long */
    atomic_size_t items;  /* indices of the chunks that ran (the runtime's notion) */
    atomic_size_t chunks;
} work;

static void work_init(work *w, atomic_int *visits) {
    memset(w, 0, sizeof *w);
    w->visits = visits;
    w->fail_at = SIZE_MAX;
    atomic_init(&w->items, 0);
    atomic_init(&w->chunks, 0);
}

static int do_work(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    work *w = ctx;
    if (w->min_chunk_ns) { /* first, so that failing chunks last as long */
        uint64_t t0 = mono_ns();
        while (mono_ns() - t0 < w->min_chunk_ns) {
        }
    }
    atomic_fetch_add(&w->chunks, 1);
    atomic_fetch_add(&w->items, end - begin);
    if (w->g) gate_pass(w->g);
    for (size_t i = begin; i < end; i++) {
        if (i == w->fail_at) return w->fail_status;
        if (w->visits) atomic_fetch_add_explicit(&w->visits[i], 1, memory_order_relaxed);
    }
    return 0;
}

static atomic_int *new_visits(size_t n) { return calloc(n + 1, sizeof(atomic_int)); }

/* 1 when every index of [0, n) was visited exactly once. */
static int all_once(atomic_int *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (atomic_load(&v[i]) != 1) return 0;
    return 1;
}

/* Sum of visits when each index was visited at most once, else (size_t)-1. */
static size_t at_most_once(atomic_int *v, size_t n) {
    size_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        int c = atomic_load(&v[i]);
        if (c > 1) return (size_t)-1;
        sum += (size_t)c;
    }
    return sum;
}

static jk_rt_stats rt_stats(jk_runtime *rt) {
    jk_rt_stats s;
    jk_runtime_stats(rt, &s, NULL, 0);
    return s;
}

/* Threads of this process named jk-worker-*. */
static int count_workers(void) {
    DIR *d = opendir("/proc/self/task");
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[300], comm[32] = {0};
        snprintf(path, sizeof path, "/proc/self/task/%s/comm", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue; /* the thread just ended */
        if (fgets(comm, sizeof comm, f) && strncmp(comm, "jk-worker", 9) == 0) n++;
        fclose(f);
    }
    closedir(d);
    return n;
}

/* A joined thread can stay listed for a moment while the kernel ends it: poll. */
static int settle_workers(int expected) {
    int n = count_workers();
    for (int i = 0; i < 500 && n != expected; i++) {
        sleep_ms(10);
        n = count_workers();
    }
    return n;
}

static jk_runtime *start(int threads) {
    int status = -1;
    jk_runtime *rt = jk_runtime_start(threads, -1, &status);
    CHECK(rt && status == 0, "start %d threads: status %d", threads, status);
    return rt;
}

/* ---- 1. runtime: async jobs, waits, the finished list ----------------------- */

static void test_submit_every_index_once(void) {
    static const size_t sizes[] = {0, 1, 2, 3, 7, 64, 1000, 100003};
    static const size_t grains[] = {1, 3, 64, 100000};
    enum { JOBS = sizeof sizes / sizeof *sizes * (sizeof grains / sizeof *grains) };
    for (int threads = 1; threads <= 4; threads++) {
        jk_runtime *rt = start(threads);
        if (!rt) continue;
        /* All jobs in flight at once, then waited for. */
        jk_rt_job *jobs[JOBS];
        work works[JOBS];
        size_t ns[JOBS];
        int k = 0;
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            for (size_t g = 0; g < sizeof grains / sizeof *grains; g++, k++) {
                ns[k] = sizes[s];
                work_init(&works[k], new_visits(ns[k]));
                int rc = jk_runtime_submit_range(rt, do_work, &works[k], ns[k], grains[g], 0, &jobs[k]);
                CHECK(rc == 0, "submit: %d", rc);
                if (rc) jobs[k] = NULL;
            }
        }
        for (k = 0; k < JOBS; k++) {
            if (!jobs[k]) continue;
            int rc = jk_runtime_job_wait(jobs[k], LONG_NS);
            CHECK(rc == 0, "threads=%d n=%zu: wait %d", threads, ns[k], rc);
            CHECK(jk_runtime_job_finished(jobs[k]) == 1, "finished");
            CHECK(all_once(works[k].visits, ns[k]), "threads=%d n=%zu job %d: every index once", threads, ns[k], k);
            CHECK(jk_runtime_job_done(jobs[k]) == ns[k] && jk_runtime_job_size(jobs[k]) == ns[k], "done %zu of %zu",
                  jk_runtime_job_done(jobs[k]), ns[k]);
            CHECK(jk_runtime_job_ctx(jobs[k]) == &works[k], "ctx");
            CHECK(jk_runtime_job_cancel(jobs[k]) == 0, "cancel after finish");
            CHECK(jk_runtime_job_status(jobs[k]) == 0, "cancel after finish keeps the status");
            CHECK(jk_runtime_job_free(jobs[k]) == 0, "free");
            free(works[k].visits);
        }
        jk_rt_stats s = rt_stats(rt);
        CHECK(s.pending == 0 && s.queued == 0 && s.jobs_finished == JOBS && s.jobs_failed == 0,
              "pending %d queued %d finished %llu failed %llu", s.pending, s.queued,
              (unsigned long long)s.jobs_finished, (unsigned long long)s.jobs_failed);
        jk_runtime_stop(rt);
    }
}

/* Grains far above n: one chunk, run once (the cursor advances a grain per
 * claim and must not wrap back below n). */
static void test_huge_grains(void) {
    static const size_t grains[] = {(SIZE_MAX >> 1) + 1, (SIZE_MAX >> 1) + 3, SIZE_MAX - 1, SIZE_MAX};
    jk_runtime *rt = start(4);
    if (!rt) return;
    for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
        work w;
        work_init(&w, new_visits(10));
        jk_rt_job *j;
        CHECK(jk_runtime_submit_range(rt, do_work, &w, 10, grains[g], 0, &j) == 0, "submit");
        CHECK(jk_runtime_job_wait(j, LONG_NS) == 0, "grain %zx: wait", grains[g]);
        CHECK(all_once(w.visits, 10) && atomic_load(&w.chunks) == 1, "grain %zx: %zu chunks", grains[g],
              (size_t)atomic_load(&w.chunks));
        if (jk_runtime_job_free(j) == 0) {
            CHECK(jk_runtime_run_range(rt, do_work, &w, 10, grains[g], 0) == 0 && atomic_load(&w.chunks) == 2, "sync");
        }
        free(w.visits);
    }
    jk_runtime_stop(rt);
}

static void test_wait_timeout_and_free_busy(void) {
    jk_runtime *rt = start(2);
    if (!rt) return;
    gate g = {0};
    work w;
    work_init(&w, new_visits(1));
    w.g = &g;
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 1, 1, 0, &j) == 0, "submit");
    CHECK(await_at_least(&g.started, 1), "the chunk reached the gate");
    uint64_t t0 = mono_ns();
    CHECK(jk_runtime_job_wait(j, SHORT_NS) == JK_RT_TIMEOUT, "wait times out while the chunk is held");
    CHECK(mono_ns() - t0 >= (uint64_t)SHORT_NS, "the wait lasted its timeout: %llu ns",
          (unsigned long long)(mono_ns() - t0));
    CHECK(jk_runtime_job_wait(j, 0) == JK_RT_TIMEOUT, "a zero timeout polls");
    CHECK(jk_runtime_job_finished(j) == 0, "not finished");
    CHECK(jk_runtime_job_free(j) == JK_RT_BUSY, "free of a running job is refused");
    jk_rt_stats s = rt_stats(rt);
    CHECK(s.pending == 1 && s.active >= 1, "pending %d active %d", s.pending, s.active);
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(j, LONG_NS) == 0, "then the status");
    CHECK(all_once(w.visits, 1), "ran once");
    CHECK(jk_runtime_job_free(j) == 0, "free once finished");
    CHECK(jk_runtime_job_free(NULL) == 0, "free NULL");

    /* n == 0: finished at once, and handed out when notify. */
    jk_rt_job *empty;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 0, 1, 1, &empty) == 0, "submit n=0");
    CHECK(jk_runtime_job_finished(empty) == 1 && jk_runtime_job_wait(empty, 0) == 0, "n=0 is finished at once");
    CHECK(jk_runtime_job_cancel(empty) == 0, "cancel of a finished job");
    jk_rt_job *out = NULL;
    CHECK(jk_runtime_next_finished(rt, 0, &out) == 0 && out == empty, "n=0 notify job is handed out");
    CHECK(jk_runtime_next_finished(rt, 0, &out) == JK_RT_TIMEOUT, "once");
    CHECK(jk_runtime_job_free(empty) == 0, "free");
    CHECK(atomic_load(&w.chunks) == 1, "the n=0 job ran nothing");
    free(w.visits);
    jk_runtime_stop(rt);
}

/* Notify jobs come out of next_finished once each, in the order they finished,
 * which here is the reverse of the order they were submitted. */
static void test_next_finished_order(void) {
    enum { N = 3 };
    jk_runtime *rt = start(N);
    if (!rt) return;
    gate g[N] = {{0}};
    work w[N], plain;
    jk_rt_job *j[N], *pj;
    for (int i = 0; i < N; i++) {
        work_init(&w[i], new_visits(1));
        w[i].g = &g[i];
        CHECK(jk_runtime_submit_range(rt, do_work, &w[i], 1, 1, 1, &j[i]) == 0, "submit %d", i);
    }
    for (int i = 0; i < N; i++) CHECK(await_at_least(&g[i].started, 1), "job %d is held by a worker", i);
    /* A job without notify never shows up in the list. */
    work_init(&plain, new_visits(10));
    jk_rt_job *out = NULL;
    CHECK(jk_runtime_next_finished(rt, 0, &out) == JK_RT_TIMEOUT, "nothing finished yet");
    for (int i = N - 1; i >= 0; i--) {
        atomic_store(&g[i].release, 1);
        CHECK(jk_runtime_job_wait(j[i], LONG_NS) == 0, "job %d", i);
        if (i == 1) {
            CHECK(jk_runtime_submit_range(rt, do_work, &plain, 10, 2, 0, &pj) == 0, "plain submit");
            CHECK(jk_runtime_job_wait(pj, LONG_NS) == 0, "plain job");
        }
    }
    for (int i = N - 1; i >= 0; i--) {
        out = NULL;
        int rc = jk_runtime_next_finished(rt, LONG_NS, &out);
        CHECK(rc == 0 && out == j[i], "handed out in finishing order: want job %d, rc %d", i, rc);
    }
    CHECK(jk_runtime_next_finished(rt, SHORT_NS, &out) == JK_RT_TIMEOUT, "each once, plain job never");
    for (int i = 0; i < N; i++) {
        CHECK(jk_runtime_job_free(j[i]) == 0, "free");
        free(w[i].visits);
    }

    /* A notify job freed before anyone took it leaves the list. */
    jk_rt_job *a, *b;
    CHECK(jk_runtime_submit_range(rt, do_work, &plain, 10, 2, 1, &a) == 0 && jk_runtime_job_wait(a, LONG_NS) == 0, "a");
    CHECK(jk_runtime_submit_range(rt, do_work, &plain, 10, 2, 1, &b) == 0 && jk_runtime_job_wait(b, LONG_NS) == 0, "b");
    CHECK(jk_runtime_job_free(a) == 0, "free a while listed");
    CHECK(jk_runtime_next_finished(rt, LONG_NS, &out) == 0 && out == b, "b is still handed out");
    CHECK(jk_runtime_next_finished(rt, 0, &out) == JK_RT_TIMEOUT, "a is gone");
    CHECK(jk_runtime_job_free(b) == 0 && jk_runtime_job_free(pj) == 0, "free");
    free(plain.visits);
    jk_runtime_stop(rt);
}

typedef struct {
    jk_runtime *rt;
    atomic_int done;
    int rc;
    jk_rt_job *out;
} waiter;

static void *wait_next(void *arg) {
    waiter *w = arg;
    w->rc = jk_runtime_next_finished(w->rt, LONG_NS, &w->out);
    atomic_store(&w->done, 1);
    return NULL;
}

static void test_wake(void) {
    jk_runtime *rt = start(1);
    if (!rt) return;
    /* Wake only reaches threads already waiting, so keep waking until they return. */
    enum { WAITERS = 3 };
    waiter ws[WAITERS];
    pthread_t t[WAITERS];
    for (int i = 0; i < WAITERS; i++) {
        ws[i] = (waiter){.rt = rt, .rc = -1};
        pthread_create(&t[i], NULL, wait_next, &ws[i]);
    }
    uint64_t t0 = mono_ns();
    for (int i = 0; i < WAITERS; i++) {
        while (!atomic_load(&ws[i].done) && mono_ns() - t0 < (uint64_t)LONG_NS) {
            jk_runtime_wake(rt);
            sleep_ms(1);
        }
        pthread_join(t[i], NULL);
        CHECK(ws[i].rc == JK_RT_STOPPING, "woken waiter %d gets STOPPING, not %d", i, ws[i].rc);
    }
    CHECK(mono_ns() - t0 < (uint64_t)LONG_NS / 2, "woken promptly");

    /* With a job to hand out, a woken waiter takes the job. */
    work w;
    work_init(&w, NULL);
    jk_rt_job *j, *out = NULL;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 5, 1, 1, &j) == 0 && jk_runtime_job_wait(j, LONG_NS) == 0, "job");
    jk_runtime_wake(rt);
    CHECK(jk_runtime_next_finished(rt, LONG_NS, &out) == 0 && out == j, "a listed job wins over a wake");
    CHECK(jk_runtime_job_free(j) == 0, "free");
    jk_runtime_stop(rt);
}

typedef struct {
    jk_runtime *rt;
    atomic_int *taken;      /* per job: how often next_finished handed it out */
    work *works;            /* job i has ctx &works[i] */
    int njobs;
    atomic_int *collected;  /* by all takers */
    atomic_int *stop;       /* set before the final wakes */
    int bad;
} taker;

static void *take_finished(void *arg) {
    taker *t = arg;
    for (;;) {
        jk_rt_job *out = NULL;
        /* No timeout: a job left on the list while every taker sleeps must
         * show as a hang (caught by main), not be picked up at a timeout. */
        int rc = jk_runtime_next_finished(t->rt, -1, &out);
        if (rc == JK_RT_STOPPING) {
            if (atomic_load(t->stop)) break;
            continue;
        }
        if (rc != 0) { t->bad++; break; }
        ptrdiff_t k = (work *)jk_runtime_job_ctx(out) - t->works;
        if (k < 0 || k >= t->njobs) { t->bad++; continue; }
        atomic_fetch_add(&t->taken[k], 1);
        atomic_fetch_add(t->collected, 1);
    }
    return NULL;
}

/* Several threads take finished jobs while they keep finishing. At most one of
 * them polls (spin > 0), the rest sleep; each job must come out exactly once
 * and none may be stranded on the list while a taker sleeps. The jobs come in
 * bursts with pauses longer than any poll here, so takers are asleep when a
 * burst begins; each burst must be taken in full before the next one starts
 * (whose signals would otherwise rescue a stranded job). Run without polling,
 * with a poll far shorter than the pauses, and with the default poll. */
static void test_next_finished_takers(void) {
    const int64_t spins[] = {0, 2000, -1};
    for (size_t s = 0; s < sizeof spins / sizeof spins[0]; s++) {
        int status = -1;
        jk_runtime *rt = jk_runtime_start(2, spins[s], &status);
        CHECK(rt && status == 0, "start with spin %lld", (long long)spins[s]);
        if (!rt) continue;
        enum { JOBS = 2000, BURST = 40, TAKERS = 3 };
        jk_rt_job **jobs = calloc(JOBS, sizeof *jobs);
        work *works = malloc(JOBS * sizeof *works);
        atomic_int *taken = new_visits(JOBS), collected = 0, stop = 0;
        taker tk[TAKERS];
        pthread_t t[TAKERS];
        for (int i = 0; i < TAKERS; i++) {
            tk[i] = (taker){.rt = rt, .taken = taken, .works = works, .njobs = JOBS, .collected = &collected, .stop = &stop};
            pthread_create(&t[i], NULL, take_finished, &tk[i]);
        }
        sleep_ms(20); /* the takers are waiting */
        int stranded = 0;
        for (int i = 0; i < JOBS && !stranded; i++) {
            work_init(&works[i], NULL);
            CHECK(jk_runtime_submit_range(rt, do_work, &works[i], 1, 1, 1, &jobs[i]) == 0, "submit");
            if (i % BURST == BURST - 1 || i == JOBS - 1) {
                uint64_t t0 = mono_ns();
                while (atomic_load(&collected) < i + 1 && mono_ns() - t0 < (uint64_t)LONG_NS) sleep_ms(1);
                stranded = atomic_load(&collected) < i + 1;
                CHECK(!stranded, "spin %lld: %d of the first %d jobs handed out", (long long)spins[s],
                      atomic_load(&collected), i + 1);
                sleep_ms(1);
            }
        }
        /* The takers, all inside next_finished now, return on a wake. */
        atomic_store(&stop, 1);
        uint64_t t0 = mono_ns();
        for (int i = 0; i < TAKERS; i++) {
            while (pthread_tryjoin_np(t[i], NULL) != 0 && mono_ns() - t0 < (uint64_t)WATCHDOG_NS) {
                jk_runtime_wake(rt);
                sleep_ms(1);
            }
            CHECK(tk[i].bad == 0, "taker %d: %d unexpected results", i, tk[i].bad);
        }
        int once = !stranded;
        for (int i = 0; i < JOBS; i++) once &= atomic_load(&taken[i]) == 1;
        CHECK(once, "spin %lld: every job handed out exactly once", (long long)spins[s]);
        jk_rt_job *none = NULL;
        CHECK(jk_runtime_next_finished(rt, 0, &none) == JK_RT_TIMEOUT, "nothing left");
        for (int i = 0; i < JOBS; i++)
            if (jobs[i]) jk_runtime_job_free(jobs[i]);
        free(jobs);
        free(works);
        free(taken);
        jk_runtime_stop(rt);
    }
}

typedef struct {
    jk_runtime *rt;
    int64_t timeout_ns;
    int rc;
    jk_rt_job *out;
    uint64_t took_ns;
} one_take;

static void *take_one(void *arg) {
    one_take *o = arg;
    uint64_t t0 = mono_ns();
    o->rc = jk_runtime_next_finished(o->rt, o->timeout_ns, &o->out);
    o->took_ns = mono_ns() - t0;
    return NULL;
}

/* Two jobs listed at once while one waiter polls and another sleeps: the
 * listing signals nobody (the poller will look), so the poller, taking the
 * first and not coming back, must pass the signal on to the sleeper. Both
 * jobs finish inside one cancel_all (queued behind a job that holds the only
 * worker), so they are listed under one hold of the lock. */
static void test_next_finished_passes_the_signal_on(void) {
    int status = -1;
    jk_runtime *rt = jk_runtime_start(1, 2000 * MS, &status); /* a 2 s poll: A polls throughout */
    CHECK(rt && status == 0, "start");
    if (!rt) return;
    work hold, w1, w2;
    gate g = {0};
    work_init(&hold, NULL);
    hold.g = &g;
    work_init(&w1, NULL);
    work_init(&w2, NULL);
    jk_rt_job *h, *j1, *j2;
    CHECK(jk_runtime_submit_range(rt, do_work, &hold, 1, 1, 0, &h) == 0, "holding job");
    CHECK(await_at_least(&g.started, 1), "the worker is held");
    CHECK(jk_runtime_submit_range(rt, do_work, &w1, 1, 1, 1, &j1) == 0 &&
          jk_runtime_submit_range(rt, do_work, &w2, 1, 1, 1, &j2) == 0, "two queued notify jobs");
    one_take a = {.rt = rt, .timeout_ns = LONG_NS}, b = {.rt = rt, .timeout_ns = 3000 * MS};
    pthread_t ta, tb;
    pthread_create(&ta, NULL, take_one, &a);
    sleep_ms(50); /* A is the poller */
    pthread_create(&tb, NULL, take_one, &b);
    sleep_ms(50); /* B sleeps */
    CHECK(jk_runtime_cancel_all(rt) == 2, "both queued jobs cancelled (finished) at once");
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(a.rc == 0 && b.rc == 0 && a.out != b.out, "each takes one: rc %d %d", a.rc, b.rc);
    CHECK(b.took_ns < 1500 * MS, "the sleeper got the second job at once, not at its 3 s timeout: %.0f ms",
          b.took_ns / 1e6);
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(h, LONG_NS) == 0, "holding job");
    jk_runtime_job_free(h);
    jk_runtime_job_free(j1);
    jk_runtime_job_free(j2);
    jk_runtime_stop(rt);
}

/* A timeout shorter than the poll is kept: the poll is cut to it. */
static void test_next_finished_timeout_cuts_poll(void) {
    int status = -1;
    jk_runtime *rt = jk_runtime_start(1, 2000 * MS, &status); /* a 2 s poll */
    CHECK(rt && status == 0, "start");
    if (!rt) return;
    jk_rt_job *out = NULL;
    uint64_t t0 = mono_ns();
    CHECK(jk_runtime_next_finished(rt, SHORT_NS, &out) == JK_RT_TIMEOUT, "times out");
    uint64_t took = mono_ns() - t0;
    CHECK(took < 1000 * MS, "after the 20 ms timeout, not the 2 s poll: %.1f ms", took / 1e6);
    work w;
    work_init(&w, NULL);
    gate g = {0};
    w.g = &g;
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 1, 1, 0, &j) == 0, "submit");
    CHECK(await_at_least(&g.started, 1), "running");
    t0 = mono_ns();
    CHECK(jk_runtime_job_wait(j, SHORT_NS) == JK_RT_TIMEOUT, "job_wait times out");
    took = mono_ns() - t0;
    CHECK(took < 1000 * MS, "job_wait: after the timeout, not the poll: %.1f ms", took / 1e6);
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(j, LONG_NS) == 0 && jk_runtime_job_free(j) == 0, "finish");
    jk_runtime_stop(rt);
}

/* ---- 2. cancellation ------------------------------------------------------ */

static void test_cancel_running(void) {
    for (int threads = 1; threads <= 4; threads++) {
        jk_runtime *rt = start(threads);
        if (!rt) continue;
        enum { N = 1000 };
        gate g = {0};
        work w;
        work_init(&w, new_visits(N));
        w.g = &g;
        jk_rt_job *j;
        CHECK(jk_runtime_submit_range(rt, do_work, &w, N, 1, 0, &j) == 0, "submit");
        CHECK(await_at_least(&g.started, threads), "every worker holds a chunk (%d of %d)", atomic_load(&g.started),
              threads);
        CHECK(jk_runtime_job_cancel(j) == 1, "cancel of a running job");
        CHECK(jk_runtime_job_status(j) == JK_RT_CANCELLED, "status at once");
        CHECK(jk_runtime_job_wait(j, SHORT_NS) == JK_RT_TIMEOUT, "held chunks keep it unfinished");
        CHECK(jk_runtime_job_cancel(j) == 0, "a second cancel finds nothing left to hand out");
        CHECK(jk_runtime_job_free(j) == JK_RT_BUSY, "not freed while chunks run");
        atomic_store(&g.release, 1);
        CHECK(jk_runtime_job_wait(j, LONG_NS) == JK_RT_CANCELLED, "finishes cancelled");
        int ran = atomic_load(&g.passed);
        CHECK(ran == threads, "threads=%d: %d chunks ran, the ones held at the cancel", threads, ran);
        CHECK(at_most_once(w.visits, N) == (size_t)ran && jk_runtime_job_done(j) == (size_t)ran,
              "visits match done %zu", jk_runtime_job_done(j));
        CHECK(jk_runtime_job_cancel(j) == 0, "cancel after finish");
        CHECK(jk_runtime_job_free(j) == 0, "free");
        free(w.visits);

        /* The pool is fine afterwards. */
        work ok;
        work_init(&ok, new_visits(5000));
        CHECK(jk_runtime_submit_range(rt, do_work, &ok, 5000, 7, 0, &j) == 0 && jk_runtime_job_wait(j, LONG_NS) == 0, "next job");
        CHECK(all_once(ok.visits, 5000), "next job complete");
        jk_runtime_job_free(j);
        CHECK(jk_runtime_run_range(rt, do_work, &ok, 10, 1, 0) == 0, "sync job");
        free(ok.visits);
        jk_rt_stats s = rt_stats(rt);
        CHECK(s.jobs_finished == 3 && s.jobs_failed == 1 && s.pending == 0 && s.queued == 0 && s.active == 0,
              "finished %llu failed %llu", (unsigned long long)s.jobs_finished, (unsigned long long)s.jobs_failed);
        jk_runtime_stop(rt);
    }
}

static void test_cancel_queued(void) {
    jk_runtime *rt = start(1);
    if (!rt) return;
    gate g = {0};
    work held, queued;
    work_init(&held, new_visits(1));
    held.g = &g;
    work_init(&queued, new_visits(100));
    jk_rt_job *h, *q;
    CHECK(jk_runtime_submit_range(rt, do_work, &held, 1, 1, 0, &h) == 0, "submit held");
    CHECK(await_at_least(&g.started, 1), "the only worker is held");
    CHECK(jk_runtime_submit_range(rt, do_work, &queued, 100, 1, 1, &q) == 0, "submit queued");
    CHECK(rt_stats(rt).queued == 2 || rt_stats(rt).queued == 1, "queued");
    CHECK(jk_runtime_job_cancel(q) == 1, "cancel a queued job");
    CHECK(jk_runtime_job_finished(q) == 1, "nobody joined it: finished at once");
    CHECK(jk_runtime_job_wait(q, 0) == JK_RT_CANCELLED, "cancelled");
    jk_rt_job *out = NULL;
    CHECK(jk_runtime_next_finished(rt, 0, &out) == 0 && out == q, "a cancelled notify job is handed out");
    CHECK(jk_runtime_job_cancel(q) == 0, "cancel after finish");
    CHECK(jk_runtime_job_free(q) == 0, "free");
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(h, LONG_NS) == 0, "the held job is untouched");
    CHECK(jk_runtime_job_free(h) == 0, "free");
    CHECK(atomic_load(&queued.chunks) == 0, "no chunk of the cancelled job ran");
    free(held.visits);
    free(queued.visits);
    jk_runtime_stop(rt);
}

/* A job that failed first keeps its failure when cancelled before it finishes. */
static int fail_then_hold(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    gate *g = ctx;
    (void)end;
    if (begin == 1) {
        gate_pass(g);
        return 0;
    }
    await_at_least(&g->started, 1); /* chunk 1 is held by the other worker */
    return 3;
}

/* A job whose chunks are all claimed is not cancelled: it runs to its end and
 * keeps its results. */
static void test_cancel_all_claimed(void) {
    for (int threads = 1; threads <= 3; threads++) {
        jk_runtime *rt = start(threads);
        if (!rt) continue;
        gate g = {0};
        work w;
        work_init(&w, new_visits((size_t)threads));
        w.g = &g;
        jk_rt_job *j;
        CHECK(jk_runtime_submit_range(rt, do_work, &w, (size_t)threads, 1, 0, &j) == 0, "submit");
        CHECK(await_at_least(&g.started, threads), "every chunk is held");
        CHECK(jk_runtime_job_cancel(j) == 0, "threads=%d: nothing left to hand out, not cancelled", threads);
        atomic_store(&g.release, 1);
        CHECK(jk_runtime_job_wait(j, LONG_NS) == 0, "runs to its end");
        CHECK(at_most_once(w.visits, (size_t)threads) == (size_t)threads, "every index ran");
        CHECK(jk_runtime_job_free(j) == 0, "free");
        jk_runtime_stop(rt);
        free(w.visits);
    }
}

static void test_cancel_after_failure(void) {
    jk_runtime *rt = start(2);
    if (!rt) return;
    gate g = {0};
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, fail_then_hold, &g, 2, 1, 0, &j) == 0, "submit");
    uint64_t t0 = mono_ns();
    while (jk_runtime_job_status(j) == 0 && mono_ns() - t0 < (uint64_t)LONG_NS) sched_yield();
    CHECK(jk_runtime_job_status(j) == 3, "chunk 0 failed");
    CHECK(jk_runtime_job_cancel(j) == 0, "both chunks are claimed (1 is held): nothing left to cancel");
    CHECK(jk_runtime_job_status(j) == 3, "the failure stays");
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(j, LONG_NS) == 3, "finishes with the failure");
    CHECK(jk_runtime_job_free(j) == 0, "free");
    jk_runtime_stop(rt);
}

typedef struct {
    jk_runtime *rt;
    work *w;
    size_t n;
    int rc;
} sync_caller;

static void *run_sync(void *arg) {
    sync_caller *c = arg;
    c->rc = jk_runtime_run_range(c->rt, do_work, c->w, c->n, 1, 0);
    return NULL;
}

static void test_cancel_all(void) {
    jk_runtime *rt = start(1);
    if (!rt) return;
    gate g = {0};
    work held, s1w, s2w, b, c;
    work_init(&held, new_visits(4));
    held.g = &g;
    work_init(&s1w, new_visits(100));
    work_init(&s2w, new_visits(100));
    work_init(&b, new_visits(50));
    work_init(&c, new_visits(50));
    jk_rt_job *h, *jb, *jc;
    CHECK(jk_runtime_submit_range(rt, do_work, &held, 4, 1, 0, &h) == 0, "submit held");
    CHECK(await_at_least(&g.started, 1), "held");
    sync_caller s[2] = {{rt, &s1w, 100, -1}, {rt, &s2w, 100, -1}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, run_sync, &s[i]);
    CHECK(jk_runtime_submit_range(rt, do_work, &b, 50, 5, 0, &jb) == 0, "submit b");
    CHECK(jk_runtime_submit_range(rt, do_work, &c, 50, 5, 1, &jc) == 0, "submit c");
    uint64_t t0 = mono_ns();
    while (rt_stats(rt).callers < 2 && mono_ns() - t0 < (uint64_t)LONG_NS) sched_yield();
    jk_rt_stats st = rt_stats(rt);
    CHECK(st.callers == 2 && st.pending == 3 && st.queued == 5, "callers %d pending %d queued %d", st.callers,
          st.pending, st.queued);
    int count = jk_runtime_cancel_all(rt);
    CHECK(count == 5, "cancel_all cancelled %d of 5", count);
    CHECK(jk_runtime_cancel_all(rt) == 0, "nothing left to cancel");
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        CHECK(s[i].rc == JK_RT_CANCELLED, "sync caller %d gets CANCELLED, not %d", i, s[i].rc);
    }
    CHECK(jk_runtime_job_wait(jb, 0) == JK_RT_CANCELLED && jk_runtime_job_wait(jc, 0) == JK_RT_CANCELLED,
          "queued async jobs finished cancelled at once");
    CHECK(jk_runtime_job_wait(h, SHORT_NS) == JK_RT_TIMEOUT, "the held job waits for its chunk");
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(h, LONG_NS) == JK_RT_CANCELLED, "held job cancelled");
    CHECK(atomic_load(&held.chunks) == 1, "only the held chunk ran: %zu", (size_t)atomic_load(&held.chunks));
    CHECK(atomic_load(&s1w.chunks) + atomic_load(&s2w.chunks) + atomic_load(&b.chunks) + atomic_load(&c.chunks) == 0,
          "no queued job ran a chunk");
    st = rt_stats(rt);
    CHECK(st.callers == 0 && st.pending == 0 && st.queued == 0 && st.jobs_finished == 5 && st.jobs_failed == 5,
          "callers %d pending %d queued %d finished %llu failed %llu", st.callers, st.pending, st.queued,
          (unsigned long long)st.jobs_finished, (unsigned long long)st.jobs_failed);
    jk_rt_job *out;
    CHECK(jk_runtime_next_finished(rt, 0, &out) == 0 && out == jc, "the notify job is listed");
    jk_runtime_job_free(h);
    jk_runtime_job_free(jb);
    jk_runtime_job_free(jc);
    CHECK(rt_stats(rt).pending == 0, "pending back to 0");
    CHECK(jk_runtime_cancel_all(rt) == 0, "idle: nothing to cancel");
    free(held.visits), free(s1w.visits), free(s2w.visits), free(b.visits), free(c.visits);
    jk_runtime_stop(rt);
}

/* ---- 3. races: submit, cancel, free, resize at once ------------------------- */

typedef struct {
    jk_runtime *rt;
    uint64_t seed;
    int rounds;
    int bad;            /* jobs that broke a rule */
    int ok, cancelled;  /* outcomes seen */
} racer;

/* Checks a finished job's visits against its status. */
static int check_outcome(racer *r, int st, atomic_int *visits, size_t n, size_t done) {
    if (st == 0) {
        r->ok++;
        return all_once(visits, n) && done == n;
    }
    if (st == JK_RT_CANCELLED) {
        r->cancelled++;
        size_t sum = at_most_once(visits, n);
        return sum != (size_t)-1 && sum == done;
    }
    return 0;
}

static void *race_submitter(void *arg) {
    racer *r = arg;
    enum { BATCH = 3 };
    for (int round = 0; round < r->rounds; round++) {
        jk_rt_job *j[BATCH] = {0};
        work w[BATCH];
        size_t n[BATCH];
        int freed[BATCH] = {0};
        for (int k = 0; k < BATCH; k++) {
            n[k] = 1 + rng_next(&r->seed) % 3000;
            size_t grain = 1 + rng_next(&r->seed) % 50;
            work_init(&w[k], new_visits(n[k]));
            if (rng_next(&r->seed) % 5 == 0) { /* a synchronous caller now and then */
                int st = jk_runtime_run_range(r->rt, do_work, &w[k], n[k], grain, 0);
                size_t ran = st == 0 ? n[k] : at_most_once(w[k].visits, n[k]);
                if (!check_outcome(r, st, w[k].visits, n[k], ran)) r->bad++;
                continue;
            }
            if (jk_runtime_submit_range(r->rt, do_work, &w[k], n[k], grain, 0, &j[k]) != 0) {
                r->bad++;
                j[k] = NULL;
            }
        }
        for (int k = 0; k < BATCH; k++) {
            if (!j[k]) continue;
            switch (rng_next(&r->seed) % 5) {
            case 0: /* cancel at once */
                jk_runtime_job_cancel(j[k]);
                break;
            case 1: { /* cancel a little later */
                int spins = (int)(rng_next(&r->seed) % 200);
                for (int s = 0; s < spins; s++) sched_yield();
                jk_runtime_job_cancel(j[k]);
                break;
            }
            case 2: { /* try to free while it may run */
                int rc = jk_runtime_job_free(j[k]);
                if (rc == 0) {
                    freed[k] = 1; /* it had finished: its status is gone, visits still at most once */
                    if (at_most_once(w[k].visits, n[k]) == (size_t)-1) r->bad++;
                } else if (rc != JK_RT_BUSY) {
                    r->bad++;
                }
                break;
            }
            default:
                break;
            }
        }
        for (int k = 0; k < BATCH; k++) {
            if (j[k] && !freed[k]) {
                int st = jk_runtime_job_wait(j[k], LONG_NS);
                if (st == JK_RT_TIMEOUT) { /* never finished: leave it and its visits be */
                    r->bad++;
                    continue;
                }
                if (!check_outcome(r, st, w[k].visits, n[k], jk_runtime_job_done(j[k]))) r->bad++;
                if (jk_runtime_job_free(j[k]) != 0) r->bad++;
            }
            free(w[k].visits);
        }
    }
    return NULL;
}

typedef struct {
    jk_runtime *rt;
    atomic_int stop;
    int resizes, cancel_alls, bad;
} resizer;

static void *race_resizer(void *arg) {
    resizer *z = arg;
    uint64_t seed = 0x1234567;
    while (!atomic_load(&z->stop)) {
        int threads = 1 + (int)(rng_next(&seed) % 6);
        if (jk_runtime_resize(z->rt, threads) != 0) z->bad++;
        if (jk_runtime_threads(z->rt) != threads) z->bad++;
        z->resizes++;
        if (rng_next(&seed) % 50 == 0) {
            jk_runtime_cancel_all(z->rt);
            z->cancel_alls++;
        }
        sleep_ms((int)(rng_next(&seed) % 2));
    }
    return NULL;
}

static void test_races(void) {
    CHECK(settle_workers(0) == 0, "no worker before the test");
    jk_runtime *rt = start(3);
    if (!rt) return;
    CHECK(settle_workers(3) == 3, "3 workers named jk-worker");
    enum { SUBMITTERS = 4 };
    racer rs[SUBMITTERS];
    pthread_t ts[SUBMITTERS], tz;
    resizer z = {.rt = rt};
    pthread_create(&tz, NULL, race_resizer, &z);
    for (int i = 0; i < SUBMITTERS; i++) {
        rs[i] = (racer){.rt = rt, .seed = 0x9E3779B97F4A7C15ull * (uint64_t)(i + 1), .rounds = 800};
        pthread_create(&ts[i], NULL, race_submitter, &rs[i]);
    }
    int ok = 0, cancelled = 0;
    for (int i = 0; i < SUBMITTERS; i++) {
        pthread_join(ts[i], NULL);
        CHECK(rs[i].bad == 0, "submitter %d: %d jobs broke the rules", i, rs[i].bad);
        ok += rs[i].ok;
        cancelled += rs[i].cancelled;
    }
    atomic_store(&z.stop, 1);
    pthread_join(tz, NULL);
    CHECK(z.bad == 0, "resizer: %d bad resizes", z.bad);
    printf("races: %d jobs ok, %d cancelled, %d resizes, %d cancel_all\n", ok, cancelled, z.resizes, z.cancel_alls);
    CHECK(ok > 0 && cancelled > 0, "both outcomes happened");
    jk_rt_stats s = rt_stats(rt);
    CHECK(s.pending == 0 && s.queued == 0 && s.callers == 0 && s.active == 0, "idle: pending %d queued %d active %d",
          s.pending, s.queued, s.active);
    int threads = jk_runtime_threads(rt);
    CHECK(settle_workers(threads) == threads, "worker threads %d, threads %d", count_workers(), threads);
    CHECK(jk_runtime_resize(rt, 5) == 0 && settle_workers(5) == 5, "5 workers after resize");
    CHECK(jk_runtime_resize(rt, 1) == 0 && settle_workers(1) == 1, "1 worker after resize");
    jk_runtime_stop(rt);
    CHECK(settle_workers(0) == 0, "no worker after stop");
}

/* A long job while the worker count keeps changing: no index lost or run twice. */
static void test_resize_during_job(void) {
    jk_runtime *rt = start(2);
    if (!rt) return;
    enum { N = 60000 };
    work w;
    work_init(&w, new_visits(N));
    w.min_chunk_ns = 20000; /* 20 us per chunk of 7: the job lasts a while */
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, N, 7, 0, &j) == 0, "submit");
    int resizes = 0;
    uint64_t t0 = mono_ns();
    while (!jk_runtime_job_finished(j) && mono_ns() - t0 < (uint64_t)LONG_NS) {
        CHECK(jk_runtime_resize(rt, 1 + resizes % 6) == 0, "resize");
        resizes++;
    }
    CHECK(jk_runtime_job_wait(j, LONG_NS) == 0, "job status");
    CHECK(all_once(w.visits, N), "every index once across %d resizes", resizes);
    CHECK(resizes > 10, "the job lived through resizes: %d", resizes);
    jk_runtime_job_free(j);
    free(w.visits);
    jk_runtime_stop(rt);
}

/* ---- 4. stop and statistics ---------------------------------------------- */

typedef struct {
    gate *g;
    atomic_llong released_at;
} releaser;

static void *release_later(void *arg) {
    releaser *r = arg;
    sleep_ms(50);
    atomic_store(&r->released_at, (long long)mono_ns());
    atomic_store(&r->g->release, 1);
    return NULL;
}

static void test_stop_waits_for_async(void) {
    jk_runtime *rt = start(2);
    if (!rt) return;
    gate g = {0};
    work w;
    work_init(&w, new_visits(3));
    w.g = &g;
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 3, 1, 1, &j) == 0, "submit");
    CHECK(await_at_least(&g.started, 2), "both workers held");
    releaser r = {&g, 0};
    pthread_t t;
    pthread_create(&t, NULL, release_later, &r);
    jk_runtime_stop(rt);
    uint64_t stopped_at = mono_ns();
    CHECK(atomic_load(&g.passed) == 3 && all_once(w.visits, 3), "stop let the job run to its end: %d chunks",
          atomic_load(&g.passed));
    CHECK(atomic_load(&r.released_at) != 0 && (uint64_t)atomic_load(&r.released_at) <= stopped_at,
          "stop returned after the release");
    /* The job outlives its runtime: finished, and its owner can still free it. */
    CHECK(jk_runtime_job_finished(j) == 1 && jk_runtime_job_wait(j, 0) == 0, "finished after stop");
    CHECK(jk_runtime_job_cancel(j) == 0, "nothing to cancel");
    CHECK(jk_runtime_job_free(j) == 0, "freed after stop");
    pthread_join(t, NULL);
    free(w.visits);

    /* Finished jobs, freed or not, do not hold stop up. */
    rt = start(1);
    if (!rt) return;
    jk_rt_job *a, *b;
    work_init(&w, NULL);
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 10, 1, 1, &a) == 0 && jk_runtime_job_wait(a, LONG_NS) == 0, "a");
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 10, 1, 0, &b) == 0 && jk_runtime_job_wait(b, LONG_NS) == 0, "b");
    jk_runtime_stop(rt);
    CHECK(jk_runtime_job_free(a) == 0 && jk_runtime_job_free(b) == 0, "free after stop");
}

typedef struct {
    jk_runtime *rt;
    jk_rt_job *job;
    atomic_int done;
    int rc;
} helper;

static void *stop_it(void *arg) {
    helper *s = arg;
    jk_runtime_stop(s->rt);
    atomic_store(&s->done, 1);
    return NULL;
}

static void *wait_it(void *arg) {
    helper *s = arg;
    s->rc = jk_runtime_job_wait(s->job, LONG_NS);
    atomic_store(&s->done, 1);
    return NULL;
}

/* Threads inside next_finished or job_wait when stop begins: the first get
 * STOPPING at once, the others their job's status, and stop waits for both to
 * leave before it frees the runtime. */
static void test_stop_with_waiters(void) {
    jk_runtime *rt = start(1);
    if (!rt) return;
    gate g = {0};
    work w;
    work_init(&w, new_visits(1));
    w.g = &g;
    jk_rt_job *j;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 1, 1, 1, &j) == 0, "submit");
    CHECK(await_at_least(&g.started, 1), "held");
    waiter next = {.rt = rt, .rc = -1};
    helper job_waiter = {.job = j, .rc = -1}, stop = {.rt = rt};
    pthread_t tn, tj, ts;
    pthread_create(&tn, NULL, wait_next, &next);
    pthread_create(&tj, NULL, wait_it, &job_waiter);
    sleep_ms(20); /* most likely both wait now; if not, they start while stop waits for the held job */
    pthread_create(&ts, NULL, stop_it, &stop);
    /* stop cannot end while the job is held, so rt stays valid meanwhile */
    uint64_t t0 = mono_ns();
    while (!atomic_load(&next.done) && mono_ns() - t0 < 10000 * MS) sleep_ms(1);
    CHECK(atomic_load(&next.done) && next.rc == JK_RT_STOPPING, "stop wakes next_finished: done %d rc %d",
          atomic_load(&next.done), next.rc);
    if (!atomic_load(&next.done)) jk_runtime_wake(rt); /* unstick it before the runtime goes */
    CHECK(!atomic_load(&stop.done) && !atomic_load(&job_waiter.done), "stop waits for the held job");
    atomic_store(&g.release, 1);
    pthread_join(tn, NULL);
    pthread_join(tj, NULL);
    pthread_join(ts, NULL);
    CHECK(job_waiter.rc == 0, "the job waiter gets the status: %d", job_waiter.rc);
    CHECK(jk_runtime_job_wait(j, 0) == 0 && jk_runtime_job_free(j) == 0, "the job outlives the runtime");
    free(w.visits);
}

static void test_stats(void) {
    enum { T = 3 };
    jk_runtime *rt = start(T);
    if (!rt) return;
    jk_rt_worker_stats ws[8];
    jk_rt_stats s;
    CHECK(jk_runtime_stats(rt, &s, ws, 8) == T, "entries");
    CHECK(s.threads == T && s.jobs_finished == 0 && ws[0].items == 0, "fresh");
    CHECK(jk_runtime_stats(rt, &s, ws, 2) == 2, "capped at cap");

    work w;
    work_init(&w, new_visits(3000));
    w.min_chunk_ns = 1000; /* every chunk lasts >= 1 us */
    CHECK(jk_runtime_run_range(rt, do_work, &w, 1000, 10, 0) == 0, "sync");
    jk_rt_job *a, *b, *f, *e;
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 3000, 25, 0, &a) == 0, "a");
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 999, 1, 1, &b) == 0, "b");
    CHECK(jk_runtime_submit_range(rt, do_work, &w, 0, 1, 0, &e) == 0, "empty");
    CHECK(jk_runtime_job_wait(a, LONG_NS) == 0 && jk_runtime_job_wait(b, LONG_NS) == 0, "waits");
    work failing;
    work_init(&failing, NULL);
    failing.fail_at = 0;
    failing.fail_status = 6;
    failing.min_chunk_ns = 1000;
    CHECK(jk_runtime_submit_range(rt, do_work, &failing, 1, 1, 0, &f) == 0 && jk_runtime_job_wait(f, LONG_NS) == 6, "fail");
    CHECK(jk_runtime_run_range(rt, do_work, &failing, 1, 1, 0) == 6, "sync fail");
    CHECK(jk_runtime_run_range(rt, do_work, &failing, 0, 1, 0) == 0, "n = 0 touches nothing");

    int count = jk_runtime_stats(rt, &s, ws, 8);
    CHECK(count == T, "entries %d", count);
    uint64_t items = 0, chunks = 0;
    for (int i = 0; i < count; i++) {
        items += ws[i].items;
        chunks += ws[i].chunks;
        if (ws[i].chunks) {
            CHECK(ws[i].jobs >= 1, "worker %d ran chunks in %llu jobs", i, (unsigned long long)ws[i].jobs);
            CHECK(ws[i].busy_ns >= ws[i].chunks * 1000, "worker %d: busy %llu ns for %llu chunks", i,
                  (unsigned long long)ws[i].busy_ns, (unsigned long long)ws[i].chunks);
        }
    }
    size_t want_items = atomic_load(&w.items) + atomic_load(&failing.items);
    size_t want_chunks = atomic_load(&w.chunks) + atomic_load(&failing.chunks);
    CHECK(want_items == 1000 + 3000 + 999 + 2, "indices run %zu", want_items);
    CHECK(items == want_items && chunks == want_chunks, "workers ran %llu items in %llu chunks; want %zu in %zu",
          (unsigned long long)items, (unsigned long long)chunks, want_items, want_chunks);
    CHECK(s.jobs_finished == 6 && s.jobs_failed == 2, "finished %llu failed %llu", (unsigned long long)s.jobs_finished,
          (unsigned long long)s.jobs_failed);
    CHECK(s.queued == 0 && s.active == 0 && s.callers == 0 && s.pending == 0, "idle: queued %d active %d pending %d",
          s.queued, s.active, s.pending);
    jk_runtime_job_free(a), jk_runtime_job_free(b), jk_runtime_job_free(e), jk_runtime_job_free(f);
    CHECK(rt_stats(rt).pending == 0, "pending");
    /* A slot keeps its counts across resizes. */
    CHECK(jk_runtime_resize(rt, 1) == 0 && jk_runtime_resize(rt, T) == 0, "resize");
    jk_rt_worker_stats after[8];
    CHECK(jk_runtime_stats(rt, &s, after, 8) == T, "entries");
    for (int i = 0; i < T; i++) CHECK(after[i].items == ws[i].items, "slot %d kept its counts", i);
    free(w.visits);
    jk_runtime_stop(rt);
}

/* ---- 5. the public API ---------------------------------------------------- */

static int64_t fib_ref(int64_t n) {
    int64_t a = 1, b = 1; /* fib(0) = fib(1) = fib(2) = 1, as the kernel's n <= 2 -> 1 */
    for (int64_t i = 3; i <= n; i++) {
        int64_t c = a + b;
        a = b;
        b = c;
    }
    return b;
}

static void test_api_map_submit(void) {
    jk_pool *pool;
    if (jk_pool_create(3, JK_ISA_BEST, &pool) != JK_OK) {
        CHECK(0, "create");
        return;
    }
    enum { N = 64 };
    int64_t in[N], out[N];
    uint8_t item_status[N] = {0};
    for (int i = 0; i < N; i++) in[i] = i % 24, out[i] = -7;
    in[40] = 93, in[11] = -1, in[63] = 93, in[12] = INT64_MIN;
    int tag;
    jk_job *job = NULL;
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, in, out, N, item_status, JK_CALL_DEFAULT, &tag, &job) == JK_OK, "submit");
    CHECK(jk_job_wait(job, LONG_NS) == JK_ERR_DOMAIN, "domain status");
    size_t bad = 0;
    jk_value value = {1};
    CHECK(jk_job_result(job, &value, &bad) == JK_ERR_DOMAIN && bad == 11, "lowest bad index: %zu", bad);
    CHECK(jk_job_result(job, NULL, NULL) == JK_ERR_DOMAIN, "result again, NULL outputs");
    for (int i = 0; i < N; i++) {
        int is_bad = i == 40 || i == 11 || i == 63 || i == 12;
        if (is_bad) CHECK(item_status[i] == JK_ERR_DOMAIN && out[i] == -7, "item %d: status %d", i, item_status[i]);
        else CHECK(item_status[i] == 0 && out[i] == fib_ref(in[i]), "item %d: %lld status %d", i, (long long)out[i],
                   item_status[i]);
    }
    size_t done, total;
    jk_job_progress(job, &done, &total);
    CHECK(done == N && total == N, "progress %zu/%zu", done, total);
    CHECK(jk_job_user(job) == &tag, "user");
    CHECK(jk_job_cancel(job) == 0, "finished");
    CHECK(jk_job_free(job) == JK_OK, "free");

    /* Without item_status the job stops at its first failure (one worker: nothing after it runs). */
    jk_pool *one;
    if (jk_pool_create(1, JK_ISA_BEST, &one) == JK_OK) {
        for (int i = 0; i < N; i++) in[i] = 10, out[i] = -7;
        in[5] = -1;
        CHECK(jk_map_i64_submit(one, JK_I64_FIB, in, out, N, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_OK, "submit");
        CHECK(jk_job_wait(job, LONG_NS) == JK_ERR_DOMAIN, "domain");
        CHECK(jk_job_result(job, NULL, &bad) == JK_ERR_DOMAIN && bad == 5, "bad %zu", bad);
        int untouched = 1, before = 1;
        for (int i = 6; i < N; i++) untouched &= out[i] == -7;
        for (int i = 0; i < 5; i++) before &= out[i] == 55;
        CHECK(untouched && before, "ran up to the failure and no further");
        jk_job_progress(job, &done, &total);
        CHECK(done == 6 && total == N, "progress %zu/%zu", done, total);
        jk_job_free(job);
        jk_pool_destroy(one);
    }

    /* While a long job runs: BUSY results, progress that only grows; then a cancel. */
    if (jk_pool_create(1, JK_ISA_BEST, &one) == JK_OK) {
        for (int i = 0; i < N; i++) in[i] = 30, out[i] = -7;
        CHECK(jk_map_i64_submit(one, JK_I64_FIB, in, out, N, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_OK, "long");
        size_t last = 0;
        int busy = 0, monotonic = 1;
        for (int poll = 0; poll < 20; poll++) {
            jk_job_progress(job, &done, &total);
            monotonic &= done >= last && done <= total && total == N;
            last = done;
            busy += jk_job_result(job, NULL, NULL) == JK_ERR_BUSY;
            sched_yield();
        }
        CHECK(monotonic, "progress grows within its total");
        CHECK(busy > 0, "a running job's result is BUSY");
        int cancelled = jk_job_cancel(job);
        jk_status st = jk_job_wait(job, LONG_NS);
        CHECK(cancelled ? st == JK_ERR_CANCELLED : st == JK_OK, "cancel %d, status %d", cancelled, st);
        jk_job_progress(job, &done, &total);
        CHECK(cancelled ? done < N : done == N, "progress after cancel: %zu", done);
        CHECK(jk_job_free(job) == JK_OK, "free");
        jk_pool_destroy(one);
    }

    /* f64 map, in place, and an empty map. */
    double x[1000], y[1000];
    for (int i = 0; i < 1000; i++) x[i] = y[i] = i * 0.5;
    CHECK(jk_map_f64_submit(pool, JK_F64_SQUARE, y, y, 1000, item_status, JK_CALL_DEFAULT, NULL, &job) == JK_OK &&
              jk_job_wait(job, LONG_NS) == JK_OK,
          "f64 map");
    int same = 1;
    for (int i = 0; i < 1000; i++) same &= y[i] == x[i] * x[i];
    CHECK(same, "f64 squares");
    CHECK(jk_job_result(job, NULL, &bad) == JK_OK && bad == SIZE_MAX, "no bad index: %zu", bad);
    jk_job_free(job);
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, NULL, NULL, 0, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_OK &&
              jk_job_wait(job, 0) == JK_OK,
          "empty map");
    jk_job_progress(job, &done, &total);
    CHECK(done == 0 && total == 0, "empty progress");
    jk_job_free(job);

    /* Argument errors. */
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, in, out, N, NULL, JK_CALL_DEFAULT, NULL, NULL) == JK_ERR_NULL, "no job");
    CHECK(jk_map_i64_submit(NULL, JK_I64_FIB, in, out, N, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL, "no pool");
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, NULL, out, N, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL, "no in");
    CHECK(jk_map_i64_submit(pool, (jk_i64_kernel)7, in, out, N, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_ARGUMENT,
          "kernel");
    CHECK(jk_map_f64_submit(pool, (jk_f64_kernel)-1, x, y, 3, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_ARGUMENT,
          "kernel");
    CHECK(jk_job_wait(NULL, 0) == JK_ERR_NULL && jk_job_result(NULL, NULL, NULL) == JK_ERR_NULL, "NULL job");
    CHECK(jk_job_cancel(NULL) == 0 && jk_job_free(NULL) == JK_OK && jk_job_user(NULL) == NULL, "NULL job");
    jk_job_progress(NULL, &done, &total);
    CHECK(done == 0 && total == 0, "NULL progress");
    jk_pool_destroy(pool);
}

static void test_api_vector_submit(void) {
    static const size_t sizes[] = {0, 1, 4095, 4096, 4097, 3 * JK_REDUCE_BLOCK * 5 + 13, 70 * JK_REDUCE_BLOCK + 5};
    size_t max = 70 * JK_REDUCE_BLOCK + 5;
    double *x = malloc(max * sizeof *x), *y = malloc(max * sizeof *y);
    double *y1 = malloc(max * sizeof *y1), *y2 = malloc(max * sizeof *y2);
    uint64_t seed = 42;
    for (size_t i = 0; i < max; i++) {
        x[i] = (double)(int64_t)(rng_next(&seed) >> 11) / 1e9;
        y[i] = (double)(int64_t)(rng_next(&seed) >> 20) / 7e5;
    }
    for (int threads = 1; threads <= 4; threads += 3) {
        jk_pool *pool;
        if (jk_pool_create(threads, JK_ISA_BEST, &pool) != JK_OK) {
            CHECK(0, "create");
            continue;
        }
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            size_t n = sizes[s];
            double sum = 0, dot = 0;
            jk_value asum = {1}, adot = {1};
            CHECK(jk_sum_f64(pool, x, n, &sum, JK_CALL_DEFAULT) == JK_OK, "sum");
            CHECK(jk_dot_f64(pool, x, y, n, &dot, JK_CALL_DEFAULT) == JK_OK, "dot");
            jk_job *js, *jd;
            CHECK(jk_sum_f64_submit(pool, x, n, JK_CALL_DEFAULT, NULL, &js) == JK_OK, "sum submit");
            CHECK(jk_dot_f64_submit(pool, x, y, n, JK_CALL_DEFAULT, NULL, &jd) == JK_OK, "dot submit");
            CHECK(jk_job_wait(js, LONG_NS) == JK_OK && jk_job_wait(jd, LONG_NS) == JK_OK, "waits");
            CHECK(jk_job_result(js, &asum, NULL) == JK_OK && jk_job_result(jd, &adot, NULL) == JK_OK, "results");
            CHECK(same_bits(sum, asum.f64) && same_bits(dot, adot.f64), "n=%zu threads=%d: %a %a vs %a %a", n, threads,
                  asum.f64, adot.f64, sum, dot);
            size_t done, total;
            jk_job_progress(js, &done, &total);
            CHECK(done == n && total == n, "sum progress %zu/%zu of %zu", done, total, n);
            jk_job_free(js);
            jk_job_free(jd);

            memcpy(y1, y, n * sizeof *y);
            memcpy(y2, y, n * sizeof *y);
            jk_job *ja;
            CHECK(jk_axpy_f64(pool, 1.75, x, y1, n, JK_CALL_DEFAULT) == JK_OK, "axpy");
            CHECK(jk_axpy_f64_submit(pool, 1.75, x, y2, n, JK_CALL_DEFAULT, NULL, &ja) == JK_OK &&
                      jk_job_wait(ja, LONG_NS) == JK_OK,
                  "axpy submit");
            jk_job_progress(ja, &done, &total);
            CHECK(done == n && total == n, "axpy progress %zu/%zu", done, total);
            jk_job_free(ja);
            CHECK(n == 0 || memcmp(y1, y2, n * sizeof *y) == 0, "axpy n=%zu: same bits", n);
            CHECK(jk_scale_f64(pool, -0.3, y1, n, JK_CALL_DEFAULT) == JK_OK, "scale");
            CHECK(jk_scale_f64_submit(pool, -0.3, y2, n, JK_CALL_DEFAULT, NULL, &ja) == JK_OK &&
                      jk_job_wait(ja, LONG_NS) == JK_OK,
                  "scale submit");
            jk_job_free(ja);
            CHECK(n == 0 || memcmp(y1, y2, n * sizeof *y) == 0, "scale n=%zu: same bits", n);
        }
        jk_job *job;
        CHECK(jk_sum_f64_submit(pool, NULL, 3, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL, "null x");
        CHECK(jk_dot_f64_submit(pool, x, NULL, 3, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL, "null y");
        CHECK(jk_axpy_f64_submit(pool, 1, x, y, 3, JK_CALL_DEFAULT, NULL, NULL) == JK_ERR_NULL, "null job");
        CHECK(jk_scale_f64_submit(NULL, 1, y, 3, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL, "null pool");
        jk_pool_destroy(pool);
    }
    free(x), free(y), free(y1), free(y2);
}

typedef struct {
    jk_job *job;
    jk_status st;
    jk_value value;
} job_waiter;

static void *wait_job(void *arg) {
    job_waiter *w = arg;
    w->st = jk_job_wait(w->job, LONG_NS);
    jk_job_result(w->job, &w->value, NULL);
    return NULL;
}

/* Several threads may wait for one job and read its result. */
static void test_api_shared_wait(void) {
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    enum { N = 20 * JK_REDUCE_BLOCK };
    double *x = malloc(N * sizeof *x);
    for (int i = 0; i < N; i++) x[i] = 1.0 / (i + 1);
    double want;
    jk_sum_f64(pool, x, N, &want, JK_CALL_DEFAULT);
    for (int round = 0; round < 20; round++) {
        jk_job *job;
        CHECK(jk_sum_f64_submit(pool, x, N, JK_CALL_DEFAULT, NULL, &job) == JK_OK, "submit");
        job_waiter w[3];
        pthread_t t[3];
        for (int i = 0; i < 3; i++) {
            w[i] = (job_waiter){job, JK_ERR_STATE, {0}};
            pthread_create(&t[i], NULL, wait_job, &w[i]);
        }
        for (int i = 0; i < 3; i++) {
            pthread_join(t[i], NULL);
            CHECK(w[i].st == JK_OK && same_bits(w[i].value.f64, want), "waiter %d: %d %a", i, w[i].st, w[i].value.f64);
        }
        jk_job_free(job);
    }
    free(x);
    jk_pool_destroy(pool);
}

typedef struct {
    jk_pool *pool;
    jk_status st;
    atomic_int done;
} pool_waiter;

static void *wait_pool(void *arg) {
    pool_waiter *w = arg;
    jk_job *job = NULL;
    w->st = jk_pool_next_finished(w->pool, LONG_NS, &job);
    atomic_store(&w->done, 1);
    return NULL;
}

static void test_api_notify(void) {
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    enum { JOBS = 6, N = 5000 };
    double *x = malloc(N * sizeof *x);
    for (int i = 0; i < N; i++) x[i] = i;
    int tags[JOBS], seen[JOBS] = {0};
    jk_job *jobs[JOBS], *plain;
    for (int i = 0; i < JOBS; i++)
        CHECK(jk_sum_f64_submit(pool, x, N, JK_CALL_NOTIFY, &tags[i], &jobs[i]) == JK_OK, "submit %d", i);
    CHECK(jk_sum_f64_submit(pool, x, N, JK_CALL_DEFAULT, NULL, &plain) == JK_OK, "plain");
    for (int i = 0; i < JOBS; i++) {
        jk_job *job = NULL;
        CHECK(jk_pool_next_finished(pool, LONG_NS, &job) == JK_OK, "next %d", i);
        if (!job) continue;
        int k = (int)((int *)jk_job_user(job) - tags);
        CHECK(k >= 0 && k < JOBS && job == jobs[k], "a job of ours");
        if (k >= 0 && k < JOBS) seen[k]++;
        jk_value v = {0};
        CHECK(jk_job_result(job, &v, NULL) == JK_OK && v.f64 == (double)N * (N - 1) / 2, "sum %f", v.f64);
    }
    for (int i = 0; i < JOBS; i++) CHECK(seen[i] == 1, "job %d handed out %d times", i, seen[i]);
    jk_job *none = NULL;
    CHECK(jk_job_wait(plain, LONG_NS) == JK_OK, "plain");
    CHECK(jk_pool_next_finished(pool, SHORT_NS, &none) == JK_ERR_TIMEOUT && none == NULL, "each once, plain never");
    CHECK(jk_pool_next_finished(NULL, 0, &none) == JK_ERR_NULL && jk_pool_next_finished(pool, 0, NULL) == JK_ERR_NULL,
          "NULLs");
    for (int i = 0; i < JOBS; i++) jk_job_free(jobs[i]);
    jk_job_free(plain);

    pool_waiter w = {pool, JK_OK, 0};
    pthread_t t;
    pthread_create(&t, NULL, wait_pool, &w);
    uint64_t t0 = mono_ns();
    while (!atomic_load(&w.done) && mono_ns() - t0 < (uint64_t)LONG_NS) {
        jk_pool_wake(pool);
        sleep_ms(1);
    }
    pthread_join(t, NULL);
    CHECK(w.st == JK_ERR_STATE, "woken: %d", w.st);
    jk_pool_wake(NULL);
    free(x);
    jk_pool_destroy(pool);
}

static void test_api_pool_controls(void) {
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    CHECK(jk_pool_resize(NULL, 2) == JK_ERR_NULL, "NULL pool");
    CHECK(jk_pool_resize(pool, 0) == JK_ERR_ARGUMENT && jk_pool_resize(pool, -1) == JK_ERR_ARGUMENT &&
              jk_pool_resize(pool, JK_MAX_THREADS + 1) == JK_ERR_ARGUMENT,
          "resize bounds");
    CHECK(jk_pool_threads(pool) == 2, "unchanged");
    CHECK(jk_pool_resize(pool, 4) == JK_OK && jk_pool_threads(pool) == 4, "grow");
    CHECK(jk_pool_resize(pool, 1) == JK_OK && jk_pool_threads(pool) == 1, "shrink");
    CHECK(jk_pool_resize(pool, 1) == JK_OK, "same size");

    jk_pool_stats s = {.size = sizeof s};
    jk_worker_stats ws[4];
    int count = -1;
    CHECK(jk_pool_stats_get(NULL, &s, ws, 4, &count) == JK_ERR_NULL, "NULL pool");
    CHECK(jk_pool_stats_get(pool, NULL, ws, 4, &count) == JK_ERR_NULL, "NULL stats");
    CHECK(jk_pool_stats_get(pool, &s, ws, 4, NULL) == JK_ERR_NULL, "NULL count");
    CHECK(jk_pool_stats_get(pool, &s, NULL, 4, &count) == JK_ERR_NULL, "NULL workers with cap");
    CHECK(jk_pool_stats_get(pool, &s, NULL, 0, &count) == JK_OK && count == 0 && s.threads == 1, "cap 0");
    CHECK(jk_pool_stats_get(pool, &s, ws, -3, &count) == JK_OK && count == 0, "negative cap");

    /* Work the calling thread does itself is not counted; work on the pool is. */
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x), r;
    for (int i = 0; i < N; i++) x[i] = 1;
    CHECK(jk_pool_resize(pool, 3) == JK_OK, "grow");
    CHECK(jk_sum_f64(pool, x, N, &r, JK_CALL_DEFAULT) == JK_OK && r == N, "sum");
    CHECK(jk_scale_f64(pool, 2.0, x, N, JK_CALL_DEFAULT) == JK_OK, "scale");
    CHECK(jk_pool_stats_get(pool, &s, ws, 4, &count) == JK_OK && count == 3, "count %d", count);
    uint64_t items = 0;
    for (int i = 0; i < count; i++) items += ws[i].items;
    size_t blocks = (N - 1) / JK_REDUCE_BLOCK + 1;
    CHECK(items == blocks + N, "items %llu: %zu blocks + %d elements", (unsigned long long)items, blocks, N);
    CHECK(s.threads == 3 && s.jobs_finished == 2 && s.jobs_failed == 0 && s.queued == 0 && s.active == 0 &&
              s.pending == 0 && s.callers == 0,
          "pool stats");

    /* cancel_all: a long fib job on one worker, two more behind it. */
    CHECK(jk_pool_resize(pool, 1) == JK_OK, "one worker");
    enum { JOBS = 3, M = 64 };
    int64_t in[JOBS][M], out[JOBS][M];
    jk_job *jobs[JOBS];
    for (int k = 0; k < JOBS; k++) {
        for (int i = 0; i < M; i++) in[k][i] = 27;
        CHECK(jk_map_i64_submit(pool, JK_I64_FIB, in[k], out[k], M, NULL, JK_CALL_DEFAULT, NULL, &jobs[k]) == JK_OK,
              "submit");
    }
    int cancelled = jk_pool_cancel_all(pool);
    CHECK(cancelled >= 1 && cancelled <= JOBS, "cancel_all: %d", cancelled);
    int got = 0;
    for (int k = 0; k < JOBS; k++) {
        jk_status st = jk_job_wait(jobs[k], LONG_NS);
        if (st == JK_ERR_CANCELLED) got++;
        else {
            CHECK(st == JK_OK, "job %d: %d", k, st);
            int ok = 1;
            for (int i = 0; i < M; i++) ok &= out[k][i] == fib_ref(27);
            CHECK(ok, "job %d that was not cancelled is complete", k);
        }
        jk_job_free(jobs[k]);
    }
    CHECK(got == cancelled, "%d jobs ended cancelled, cancel_all said %d", got, cancelled);
    CHECK(jk_pool_cancel_all(pool) == 0 && jk_pool_cancel_all(NULL) == 0, "nothing left");
    CHECK(jk_pool_stats_get(pool, &s, NULL, 0, &count) == JK_OK && s.pending == 0 && s.queued == 0, "idle");
    free(x);
    jk_pool_destroy(pool);
}

/* A job still pending when the pool is destroyed can be freed afterwards. */
static void test_api_destroy_with_jobs(void) {
    jk_pool *pool;
    if (jk_pool_create(1, JK_ISA_BEST, &pool) != JK_OK) return;
    int64_t in[8] = {25, 25, 25, 25, 25, 25, 25, 25}, out[8];
    jk_job *job, *done;
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, in, out, 8, NULL, JK_CALL_NOTIFY, NULL, &done) == JK_OK &&
              jk_job_wait(done, LONG_NS) == JK_OK,
          "a finished job");
    CHECK(jk_map_i64_submit(pool, JK_I64_FIB, in, out, 8, NULL, JK_CALL_DEFAULT, NULL, &job) == JK_OK, "a pending job");
    jk_pool_destroy(pool);
    CHECK(jk_job_wait(job, 0) == JK_OK && out[7] == fib_ref(25), "destroy let it finish");
    CHECK(jk_job_free(job) == JK_OK && jk_job_free(done) == JK_OK, "both freed after destroy");
}

static const char *_Atomic current_test = "";
static atomic_ullong current_since; /* mono_ns() when the current test began */

static void *watchdog(void *arg) {
    (void)arg;
    for (;;) {
        sleep_ms(200);
        unsigned long long since = atomic_load(&current_since);
        if (since && mono_ns() - since > (uint64_t)WATCHDOG_NS) {
            fprintf(stderr, "%s: still running after %lld s: a hang, failing\n", atomic_load(&current_test),
                    WATCHDOG_NS / 1000000000LL);
            fflush(NULL);
            _exit(3);
        }
    }
    return NULL;
}

/* Runs one test under the watchdog and prints how long it took (the suite
 * must stay quick under sanitizers). */
#define RUN(test)                                                                      \
    do {                                                                               \
        uint64_t t_ = mono_ns();                                                       \
        atomic_store(&current_test, #test);                                            \
        atomic_store(&current_since, t_);                                              \
        test();                                                                        \
        atomic_store(&current_since, 0);                                               \
        printf("  %-32s %7.3f s\n", #test, (double)(mono_ns() - t_) / 1e9);            \
        fflush(stdout);                                                                \
    } while (0)

int main(void) {
    uint64_t t0 = mono_ns();
    pthread_t dog;
    pthread_create(&dog, NULL, watchdog, NULL);
    pthread_detach(dog);
    RUN(test_submit_every_index_once);
    RUN(test_huge_grains);
    RUN(test_wait_timeout_and_free_busy);
    RUN(test_next_finished_order);
    RUN(test_wake);
    RUN(test_next_finished_takers);
    RUN(test_next_finished_timeout_cuts_poll);
    RUN(test_next_finished_passes_the_signal_on);
    RUN(test_cancel_running);
    RUN(test_cancel_queued);
    RUN(test_cancel_all_claimed);
    RUN(test_cancel_after_failure);
    RUN(test_cancel_all);
    RUN(test_races);
    RUN(test_resize_during_job);
    RUN(test_stop_waits_for_async);
    RUN(test_stop_with_waiters);
    RUN(test_stats);
    RUN(test_api_map_submit);
    RUN(test_api_vector_submit);
    RUN(test_api_shared_wait);
    RUN(test_api_notify);
    RUN(test_api_pool_controls);
    RUN(test_api_destroy_with_jobs);
    printf("async: %.2f s\n", (double)(mono_ns() - t0) / 1e9);
    return check_report("async");
}
