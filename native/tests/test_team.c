/* SPDX-License-Identifier: Apache-2.0 */
/* The runtime's team work and what came with it: TEAM and PHASES jobs, the
 * barrier and broadcast, per-thread scratch, nested calls, the floating-point
 * environment of computing threads, fork(), cursor bounds, the spin policy,
 * resizing, stopping and cancelling with teams, and the per-worker statistics.
 * Some tests pin down bugs found while writing these: inline runs with grain 0
 * or a huge grain, a cursor wrapping with five or more claimers, the x87
 * control word of computing callers, one spinner counted for two jobs, a
 * retiring spinner keeping a wake-up, and broadcast in a stopped team (TSan).
 *
 * Every wait is bounded, and an alarm ends the process with the name of the
 * test that was running when one hangs (a deadlock fails, never hangs). */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xmmintrin.h>

#include "check.h"
#include "jkernels/jk_common.h" /* jk_available_cpus */
#include "runtime/runtime.h"

#define MS 1000000LL
#define LONG_NS (10000 * MS) /* "forever" for a wait that must succeed */
#define MAX_RANKS 64

/* ---- harness: a watchdog per test, bounded waits --------------------------- */

static const char *volatile current_test = "setup";

static void on_alarm(int sig) {
    (void)sig;
    const char *name = current_test;
    static const char head[] = "test_team: timed out (deadlock?) in ";
    if (write(2, head, sizeof head - 1) < 0 || write(2, name, strlen(name)) < 0 || write(2, "\n", 1) < 0) {
    }
    _exit(1);
}

static void begin(const char *name) {
    current_test = name;
    alarm(60);
}

static uint64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_us(long us) {
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

/* Waits (yielding, then sleeping) until *v >= value or timeout_ns pass; returns whether it got there. */
static int await_ge(atomic_int *v, int value, int64_t timeout_ns) {
    uint64_t limit = mono_ns() + (uint64_t)timeout_ns;
    for (int round = 0; atomic_load(v) < value; round++) {
        if (mono_ns() > limit) return 0;
        if (round < 50) sched_yield();
        else sleep_us(50);
    }
    return 1;
}

static jk_runtime *start_rt(int threads, int64_t spin_ns) {
    int status = -1;
    jk_runtime *rt = jk_runtime_start(threads, spin_ns, &status);
    CHECK(rt && status == 0, "start %d threads spin %lld: status %d", threads, (long long)spin_ns, status);
    return rt;
}

static jk_rt_work team_work(jk_team_fn fn, void *ctx, int team_max) {
    jk_rt_work w;
    memset(&w, 0, sizeof w);
    w.kind = JK_RT_TEAM;
    w.ctx = ctx;
    w.team_fn = fn;
    w.team_max = team_max;
    return w;
}

static jk_rt_work range_work(jk_range_fn fn, void *ctx, size_t begin, size_t end, size_t grain) {
    jk_rt_work w;
    memset(&w, 0, sizeof w);
    w.kind = JK_RT_RANGE;
    w.ctx = ctx;
    w.fn = fn;
    w.begin = begin;
    w.end = end;
    w.grain = grain;
    return w;
}

static jk_rt_work phases_work(void *ctx, int team_max, int nphases, const jk_rt_phase *phases) {
    jk_rt_work w;
    memset(&w, 0, sizeof w);
    w.kind = JK_RT_PHASES;
    w.ctx = ctx;
    w.team_max = team_max;
    w.nphases = nphases;
    for (int p = 0; p < nphases && p < JK_RT_MAX_PHASES; p++) w.phases[p] = phases[p];
    return w;
}

/* Submits, waits, frees. A job still running after LONG_NS is leaked (TIMEOUT). */
static int submit_wait(jk_runtime *rt, const jk_rt_work *w) {
    jk_rt_job *j = NULL;
    int st = jk_runtime_submit(rt, w, 0, &j);
    if (st != 0) return st;
    st = jk_runtime_job_wait(j, LONG_NS);
    if (st != JK_RT_TIMEOUT) jk_runtime_job_free(j);
    return st;
}

static int store_size(void *ctx, jk_rt_self *self) {
    atomic_store((atomic_int *)ctx, self->size);
    return 0;
}

/* Returns once every worker is idle (an async team of all of them could form),
 * or 0 after a few seconds. When it returns 1, idle == threads and nothing is
 * reserved: the next team's size is exactly min(team_max, threads). */
static int wait_all_idle(jk_runtime *rt, int threads) {
    for (int attempt = 0; attempt < 3000; attempt++) {
        atomic_int size = 0;
        jk_rt_work w = team_work(store_size, &size, threads);
        if (submit_wait(rt, &w) != 0) return 0;
        if (atomic_load(&size) == threads) return 1;
        sleep_us(1000);
    }
    return 0;
}

static jk_rt_stats rt_stats(jk_runtime *rt) {
    jk_rt_stats s;
    jk_runtime_stats(rt, &s, NULL, 0);
    return s;
}

static uint64_t dbits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* ---- 1. team jobs: ranks, sizes, who runs them ------------------------------ */

enum {
    BAD_SIZE = 1,         /* members disagree on the size */
    BAD_RANK = 2,         /* rank outside 0..size-1 */
    BAD_RANK0_THREAD = 4, /* a sync job's rank 0 not on the caller */
    BAD_RANK0_WORKER = 8, /* ... or with worker != -1 */
    BAD_ON_CALLER = 16,   /* another member on the caller's thread */
    BAD_WORKER = 32,      /* a worker member with a bad worker slot */
    BAD_RT = 64
};

typedef struct {
    jk_runtime *rt;
    pthread_t caller;
    int sync;        /* rank 0 must be the caller */
    int max_worker;  /* worker slots are below this */
    atomic_int calls;
    atomic_int size; /* 0 until the first member stores its size */
    atomic_int ranks[MAX_RANKS];
    atomic_int errors;
    atomic_int worker_of[MAX_RANKS];
} team_probe;

static void probe_init(team_probe *p, jk_runtime *rt, int sync, int max_worker) {
    memset(p, 0, sizeof *p);
    p->rt = rt;
    p->caller = pthread_self();
    p->sync = sync;
    p->max_worker = max_worker;
}

static int probe_member(void *ctx, jk_rt_self *self) {
    team_probe *p = ctx;
    atomic_fetch_add(&p->calls, 1);
    int expected = 0;
    if (!atomic_compare_exchange_strong(&p->size, &expected, self->size) && expected != self->size)
        atomic_fetch_or(&p->errors, BAD_SIZE);
    if (self->rank < 0 || self->rank >= self->size || self->size > MAX_RANKS) {
        atomic_fetch_or(&p->errors, BAD_RANK);
        return 0;
    }
    if (self->rt != p->rt) atomic_fetch_or(&p->errors, BAD_RT);
    atomic_fetch_add(&p->ranks[self->rank], 1);
    atomic_store(&p->worker_of[self->rank], self->worker);
    int on_caller = pthread_equal(pthread_self(), p->caller);
    if (p->sync && self->rank == 0) {
        if (!on_caller) atomic_fetch_or(&p->errors, BAD_RANK0_THREAD);
        if (self->worker != -1) atomic_fetch_or(&p->errors, BAD_RANK0_WORKER);
    } else {
        if (on_caller) atomic_fetch_or(&p->errors, BAD_ON_CALLER);
        if (self->worker < 0 || self->worker >= p->max_worker) atomic_fetch_or(&p->errors, BAD_WORKER);
    }
    return 0;
}

/* Ranks dense and each once, one size for all, size within bounds. Returns the size. */
static int check_probe(team_probe *p, int team_max, int threads, const char *what) {
    int size = atomic_load(&p->size);
    CHECK(size >= 1 && size <= team_max && size <= threads, "%s: size %d, team_max %d, threads %d", what, size, team_max,
          threads);
    CHECK(atomic_load(&p->calls) == size, "%s: %d calls for size %d", what, atomic_load(&p->calls), size);
    int dense = 1;
    for (int r = 0; r < MAX_RANKS; r++)
        if (atomic_load(&p->ranks[r]) != (r < size ? 1 : 0)) dense = 0;
    CHECK(dense, "%s: ranks not dense 0..%d, each once", what, size - 1);
    CHECK(atomic_load(&p->errors) == 0, "%s: member errors 0x%x", what, atomic_load(&p->errors));
    return size;
}

static void test_team_ranks(void) {
    begin("team_ranks");
    static const int maxes[] = {1, 2, 3, 4, 5, 64};
    for (int threads = 1; threads <= 4; threads++) {
        jk_runtime *rt = start_rt(threads, -1);
        if (!rt) continue;
        for (size_t m = 0; m < sizeof maxes / sizeof *maxes; m++) {
            int team_max = maxes[m];
            for (int rep = 0; rep < 8; rep++) {
                int settled = rep == 0 && wait_all_idle(rt, threads);
                CHECK(rep != 0 || settled, "threads %d: workers never all idle", threads);
                char what[96];
                team_probe p;
                probe_init(&p, rt, 1, threads);
                jk_rt_work w = team_work(probe_member, &p, team_max);
                snprintf(what, sizeof what, "sync team threads %d team_max %d rep %d", threads, team_max, rep);
                CHECK(jk_runtime_run(rt, &w, 0) == 0, "%s: status", what);
                int size = check_probe(&p, team_max, threads, what);
                /* All idle: the team takes every worker it may, the caller being one member. */
                int want = team_max < threads ? team_max : threads;
                if (settled) CHECK(size == want, "%s: size %d with all idle, want %d", what, size, want);

                /* Asynchronous: workers only. */
                settled = rep == 0 && wait_all_idle(rt, threads);
                probe_init(&p, rt, 0, threads);
                w = team_work(probe_member, &p, team_max);
                snprintf(what, sizeof what, "async team threads %d team_max %d rep %d", threads, team_max, rep);
                CHECK(submit_wait(rt, &w) == 0, "%s: status", what);
                size = check_probe(&p, team_max, threads, what);
                if (settled) CHECK(size == want, "%s: size %d with all idle, want %d", what, size, want);

                /* IF_IDLE never refuses a team job. */
                probe_init(&p, rt, 1, threads);
                w = team_work(probe_member, &p, team_max);
                CHECK(jk_runtime_run(rt, &w, JK_RT_IF_IDLE) == 0, "team with IF_IDLE");
                check_probe(&p, team_max, threads, "team IF_IDLE");
            }
        }
        /* team_max = 1 and JK_RT_INLINE: on the caller, as a team of one, not counted as a job. */
        uint64_t finished = rt_stats(rt).jobs_finished;
        team_probe p;
        probe_init(&p, rt, 1, threads);
        jk_rt_work w = team_work(probe_member, &p, 1);
        CHECK(jk_runtime_run(rt, &w, 0) == 0, "inline team");
        CHECK(check_probe(&p, 1, 1, "team_max 1") == 1, "inline size");
        probe_init(&p, rt, 1, threads);
        w = team_work(probe_member, &p, 4);
        CHECK(jk_runtime_run(rt, &w, JK_RT_INLINE) == 0, "INLINE team");
        CHECK(check_probe(&p, 1, 1, "JK_RT_INLINE") == 1, "INLINE size");
        CHECK(rt_stats(rt).jobs_finished == finished, "inline runs are no jobs");
        /* Bad team work. */
        w = team_work(probe_member, &p, 0);
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "team_max 0");
        w = team_work(NULL, &p, 2);
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "no team function");
        w.kind = 7;
        w.team_fn = probe_member;
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "bad kind");
        jk_runtime_stop(rt);
    }
}

static int progress_member(void *ctx, jk_rt_self *self) {
    atomic_store((atomic_int *)ctx, self->size);
    jk_rt_add_done(self, 7);
    return 0;
}

/* TEAM progress: the units the work declares, what members report. */
static void test_team_progress(void) {
    begin("team_progress");
    jk_runtime *rt = start_rt(3, -1);
    if (!rt) return;
    for (int rep = 0; rep < 10; rep++) {
        atomic_int size = 0;
        jk_rt_work w = team_work(progress_member, &size, 1 + rep % 4);
        w.units = 100;
        jk_rt_job *j = NULL;
        CHECK(jk_runtime_submit(rt, &w, 0, &j) == 0 && jk_runtime_job_wait(j, LONG_NS) == 0, "team job");
        CHECK(jk_runtime_job_size(j) == 100 && jk_runtime_job_done(j) == (size_t)(7 * atomic_load(&size)),
              "team progress %zu of %zu for %d members", jk_runtime_job_done(j), jk_runtime_job_size(j),
              atomic_load(&size));
        CHECK(jk_runtime_job_ctx(j) == &size, "ctx");
        jk_runtime_job_free(j);
    }
    atomic_int size = 0;
    jk_rt_work w = team_work(progress_member, &size, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == 0 && atomic_load(&size) == 1, "jk_rt_add_done inline is harmless");
    jk_runtime_stop(rt);
}

/* ---- 2. team size adapts to idle workers ------------------------------------ */

typedef struct {
    atomic_int started;
    atomic_int release;
} gate;

/* Team member or chunk that holds its worker until the gate opens (or 20 s). */
static int hold_member(void *ctx, jk_rt_self *self) {
    gate *g = ctx;
    atomic_fetch_add(&g->started, 1);
    uint64_t limit = mono_ns() + 20000 * MS;
    while (!atomic_load(&g->release) && !jk_rt_stopped(self) && mono_ns() < limit) sleep_us(100);
    return 0;
}

static int hold_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    return hold_member(ctx, self);
}

static void test_team_size_adapts(void) {
    begin("team_size_adapts");
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    CHECK(wait_all_idle(rt, T), "idle");
    /* Every worker busy in an async team. */
    gate g = {0};
    jk_rt_work hold = team_work(hold_member, &g, T);
    jk_rt_job *busy = NULL;
    CHECK(jk_runtime_submit(rt, &hold, 0, &busy) == 0, "submit holder");
    CHECK(await_ge(&g.started, T, LONG_NS), "both workers held");

    /* A sync team now has only its caller, and does not wait for the held workers. */
    team_probe p;
    probe_init(&p, rt, 1, T);
    jk_rt_work w = team_work(probe_member, &p, 3);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "team while busy");
    CHECK(check_probe(&p, 3, T, "team while busy") == 1, "a sync team with no idle worker has size 1");
    CHECK(!atomic_load(&g.release) && !jk_runtime_job_finished(busy), "it ran while the workers were still held");
    /* IF_IDLE: a range job is refused, a team job runs. */
    probe_init(&p, rt, 1, T);
    w = team_work(probe_member, &p, 2);
    CHECK(jk_runtime_run(rt, &w, JK_RT_IF_IDLE) == 0, "team IF_IDLE while busy");
    CHECK(jk_runtime_run_range(rt, hold_chunk, &g, 1, 1, JK_RT_IF_IDLE) == JK_RT_BUSY, "range IF_IDLE while busy");

    /* An async team while all are busy: one worker (it waits for the first free one). */
    team_probe ap;
    probe_init(&ap, rt, 0, T);
    jk_rt_work aw = team_work(probe_member, &ap, T);
    jk_rt_job *later = NULL;
    CHECK(jk_runtime_submit(rt, &aw, 0, &later) == 0, "async team while busy");
    sleep_us(2000);
    CHECK(atomic_load(&ap.calls) == 0 && !jk_runtime_job_finished(later), "an async team waits for a worker");
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(busy, LONG_NS) == 0, "holder");
    CHECK(jk_runtime_job_wait(later, LONG_NS) == 0, "later team");
    CHECK(check_probe(&ap, T, T, "async team formed while busy") == 1, "async team while busy has size 1");
    jk_runtime_job_free(busy);
    jk_runtime_job_free(later);

    /* A busy sync range job (both workers held) does the same to a sync team. */
    gate g2 = {0};
    jk_rt_job *range_busy = NULL;
    CHECK(jk_runtime_submit_range(rt, hold_chunk, &g2, 2, 1, 0, &range_busy) == 0, "range holder");
    CHECK(await_ge(&g2.started, 2, LONG_NS), "both workers in the range job");
    probe_init(&p, rt, 1, T);
    w = team_work(probe_member, &p, 2);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "team beside a range job");
    CHECK(check_probe(&p, 2, T, "team beside range job") == 1, "size 1 beside a busy range job");
    atomic_store(&g2.release, 1);
    CHECK(jk_runtime_job_wait(range_busy, LONG_NS) == 0, "range holder");
    jk_runtime_job_free(range_busy);
    jk_runtime_stop(rt);
}

/* ---- 3. barrier and broadcast ----------------------------------------------- */

#define ROUNDS 48
typedef struct {
    int size_seen;
    int leave_step;  /* member r runs ROUNDS - r * leave_step rounds */
    int fail_rank;   /* -1: none */
    int fail_round;
    atomic_int arrived[ROUNDS];
    atomic_int errors;         /* arrival counts wrong after a barrier */
    atomic_int bcast_errors;   /* broadcast handed a wrong value */
    atomic_int stop_seen[MAX_RANKS]; /* first non-zero barrier result, per rank */
    atomic_int stop_round[MAX_RANKS];
    atomic_int stopped_flag[MAX_RANKS];
    atomic_int size;
    int tokens[ROUNDS];
} barrier_ctx;

static int rounds_of(const barrier_ctx *c, int rank) {
    int n = ROUNDS - rank * c->leave_step;
    return n > 1 ? n : 1;
}

static int barrier_member(void *ctx, jk_rt_self *self) {
    barrier_ctx *c = ctx;
    atomic_store(&c->size, self->size);
    int n = rounds_of(c, self->rank);
    for (int k = 0; k < n; k++) {
        if (self->rank == c->fail_rank && k == c->fail_round) return 7;
        atomic_fetch_add(&c->arrived[k], 1);
        int st = jk_rt_barrier(self);
        if (st != 0) {
            atomic_store(&c->stop_seen[self->rank], st);
            atomic_store(&c->stop_round[self->rank], k);
            atomic_store(&c->stopped_flag[self->rank], jk_rt_stopped(self));
            /* Every later barrier returns at once. */
            if (jk_rt_barrier(self) != st || jk_rt_barrier(self) != st) atomic_fetch_add(&c->errors, 1000);
            return 0;
        }
        /* Everyone still running (rounds > k) arrived before anyone passed. */
        int want = 0;
        for (int r = 0; r < self->size; r++) want += rounds_of(c, r) > k;
        if (atomic_load(&c->arrived[k]) != want) atomic_fetch_add(&c->errors, 1);
        /* Rank 0 runs the most rounds, so it is there for every broadcast. */
        void *v = jk_rt_broadcast(self, self->rank == 0 ? &c->tokens[k] : NULL);
        if (v != &c->tokens[k]) atomic_fetch_add(&c->bcast_errors, 1);
    }
    return 0;
}

static void run_barrier_case(jk_runtime *rt, int threads, int team_max, int async, int leave_step, int fail_rank,
                             const char *label) {
    barrier_ctx *c = calloc(1, sizeof *c);
    c->leave_step = leave_step;
    c->fail_rank = fail_rank;
    c->fail_round = 5;
    jk_rt_work w = team_work(barrier_member, c, team_max);
    int st = async ? submit_wait(rt, &w) : jk_runtime_run(rt, &w, 0);
    int size = atomic_load(&c->size);
    char what[128];
    snprintf(what, sizeof what, "%s threads %d team_max %d %s size %d", label, threads, team_max,
             async ? "async" : "sync", size);
    int fails = fail_rank >= 0 && fail_rank < size;
    CHECK(st == (fails ? 7 : 0), "%s: status %d", what, st);
    CHECK(atomic_load(&c->errors) == 0, "%s: %d barrier rounds passed early", what, atomic_load(&c->errors));
    if (!fails) {
        CHECK(atomic_load(&c->bcast_errors) == 0, "%s: %d bad broadcasts", what, atomic_load(&c->bcast_errors));
    } else {
        for (int r = 0; r < size; r++) {
            if (r == fail_rank) continue;
            CHECK(atomic_load(&c->stop_seen[r]) == 7 && atomic_load(&c->stop_round[r]) == c->fail_round &&
                      atomic_load(&c->stopped_flag[r]) == 7,
                  "%s: rank %d saw barrier %d at round %d, stopped %d", what, r, atomic_load(&c->stop_seen[r]),
                  atomic_load(&c->stop_round[r]), atomic_load(&c->stopped_flag[r]));
        }
    }
    free(c);
}

static void test_barrier(void) {
    begin("barrier");
    static const int64_t spins[] = {0, -1};
    for (size_t s = 0; s < 2; s++) {
        for (int threads = 1; threads <= 4; threads++) {
            jk_runtime *rt = start_rt(threads, spins[s]);
            if (!rt) continue;
            for (int team_max = 2; team_max <= threads + 1; team_max++) {
                for (int async = 0; async < 2; async++) {
                    run_barrier_case(rt, threads, team_max, async, 0, -1, "all rounds");
                    run_barrier_case(rt, threads, team_max, async, 9, -1, "early leavers");
                    run_barrier_case(rt, threads, team_max, async, 0, 1, "rank 1 fails");
                    run_barrier_case(rt, threads, team_max, async, 0, 0, "rank 0 fails");
                }
            }
            jk_runtime_stop(rt);
        }
    }
    /* A team of one (inline) and a range job: barriers return at once. */
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    run_barrier_case(rt, 2, 1, 0, 0, -1, "inline");
    jk_runtime_stop(rt);
}

/* ---- 4. phases jobs --------------------------------------------------------- */

/* Detects a worker that ran another job's chunk between two chunks of a phases job it belongs to. */
static _Thread_local int tl_phases_id;      /* the phases job this thread last ran a chunk of */
static _Thread_local int tl_interrupted_id; /* the phases job it then ran other work after */
static atomic_int next_phases_id = 1;
static atomic_int interleavings = 0;

typedef struct {
    int id;
    int nphases;
    size_t n[JK_RT_MAX_PHASES];
    atomic_int *visits[JK_RT_MAX_PHASES];
    atomic_size_t done[JK_RT_MAX_PHASES]; /* indices finished per phase */
    atomic_int order_errors;              /* a chunk of phase p began before phase p-1 ended */
    size_t fail_phase, fail_index;        /* SIZE_MAX: none */
    int slow;                             /* chunks sleep a little */
} phases_ctx;

static void mark_phases_chunk(int id) {
    if (tl_interrupted_id == id) atomic_fetch_add(&interleavings, 1);
    tl_phases_id = id;
}

static void mark_other_chunk(void) {
    if (tl_phases_id) tl_interrupted_id = tl_phases_id;
}

static int phase_chunk(phases_ctx *c, int p, size_t begin, size_t end) {
    mark_phases_chunk(c->id);
    if (p > 0 && atomic_load(&c->done[p - 1]) != c->n[p - 1]) atomic_fetch_add(&c->order_errors, 1);
    for (size_t i = begin; i < end; i++) {
        if ((size_t)p == c->fail_phase && i == c->fail_index) return 5;
        atomic_fetch_add(&c->visits[p][i], 1);
    }
    if (c->slow) sleep_us(c->slow);
    else if (begin % 3 == 0) sched_yield();
    atomic_fetch_add(&c->done[p], end - begin);
    return 0;
}

#define PHASE_FN(p) \
    static int phase_fn_##p(void *ctx, size_t b, size_t e, jk_rt_self *self) { (void)self; return phase_chunk(ctx, p, b, e); }
PHASE_FN(0)
PHASE_FN(1)
PHASE_FN(2)
PHASE_FN(3)
PHASE_FN(4)
PHASE_FN(5)
PHASE_FN(6)
PHASE_FN(7)
static const jk_range_fn phase_fns[JK_RT_MAX_PHASES] = {phase_fn_0, phase_fn_1, phase_fn_2, phase_fn_3,
                                                        phase_fn_4, phase_fn_5, phase_fn_6, phase_fn_7};

static phases_ctx *phases_new(int nphases, const size_t *n, const size_t *grain, jk_rt_phase *out) {
    phases_ctx *c = calloc(1, sizeof *c);
    c->id = atomic_fetch_add(&next_phases_id, 1);
    c->nphases = nphases;
    c->fail_phase = c->fail_index = SIZE_MAX;
    for (int p = 0; p < nphases; p++) {
        c->n[p] = n[p];
        c->visits[p] = calloc(n[p] + 1, sizeof(atomic_int));
        out[p] = (jk_rt_phase){.fn = phase_fns[p], .n = n[p], .grain = grain[p]};
    }
    return c;
}

static void phases_free(phases_ctx *c) {
    for (int p = 0; p < c->nphases; p++) free(c->visits[p]);
    free(c);
}

/* Visits per phase: 1 each (exact), or at most 1 (stopped). Returns the indices visited in phase p. */
static size_t phase_visited(phases_ctx *c, int p, int *twice) {
    size_t sum = 0;
    for (size_t i = 0; i < c->n[p]; i++) {
        int v = atomic_load(&c->visits[p][i]);
        if (v > 1) *twice = 1;
        sum += (size_t)v;
    }
    return sum;
}

/* A two-pass prefix sum over blocks: phase 0 sums each block, phase 1 (one
 * chunk) scans the block sums, phase 2 writes every block's prefix from its
 * offset. Exact only if each phase saw all of the previous one. */
typedef struct {
    const int64_t *x;
    int64_t *bsum, *boff, *out;
    size_t n, block, nblocks;
    atomic_int phase0_blocks, phase1_done, order_errors;
    int id;
} prefix_ctx;

static int prefix_p0(void *ctx, size_t b0, size_t b1, jk_rt_self *self) {
    (void)self;
    prefix_ctx *c = ctx;
    mark_phases_chunk(c->id);
    for (size_t b = b0; b < b1; b++) {
        int64_t s = 0;
        size_t end = (b + 1) * c->block < c->n ? (b + 1) * c->block : c->n;
        for (size_t i = b * c->block; i < end; i++) s += c->x[i];
        c->bsum[b] = s;
        if (b % 5 == 0) sched_yield(); /* stragglers: a member that ran ahead would read stale sums */
        atomic_fetch_add(&c->phase0_blocks, 1);
    }
    return 0;
}

static int prefix_p1(void *ctx, size_t b0, size_t b1, jk_rt_self *self) {
    (void)self, (void)b0, (void)b1;
    prefix_ctx *c = ctx;
    mark_phases_chunk(c->id);
    if ((size_t)atomic_load(&c->phase0_blocks) != c->nblocks) atomic_fetch_add(&c->order_errors, 1);
    int64_t run = 0;
    for (size_t b = 0; b < c->nblocks; b++) {
        c->boff[b] = run;
        run += c->bsum[b];
    }
    atomic_store(&c->phase1_done, 1);
    return 0;
}

static int prefix_p2(void *ctx, size_t b0, size_t b1, jk_rt_self *self) {
    (void)self;
    prefix_ctx *c = ctx;
    mark_phases_chunk(c->id);
    if (atomic_load(&c->phase1_done) != 1) atomic_fetch_add(&c->order_errors, 1);
    for (size_t b = b0; b < b1; b++) {
        int64_t run = c->boff[b];
        size_t end = (b + 1) * c->block < c->n ? (b + 1) * c->block : c->n;
        for (size_t i = b * c->block; i < end; i++) c->out[i] = run += c->x[i];
    }
    return 0;
}

static int run_prefix(jk_runtime *rt, const int64_t *x, const int64_t *want, size_t n, size_t block, size_t grain,
                      int team_max, int async) {
    prefix_ctx c;
    memset(&c, 0, sizeof c);
    c.x = x;
    c.n = n;
    c.block = block;
    c.nblocks = (n + block - 1) / block;
    c.bsum = calloc(c.nblocks, sizeof *c.bsum);
    c.boff = calloc(c.nblocks, sizeof *c.boff);
    c.out = calloc(n, sizeof *c.out);
    c.id = atomic_fetch_add(&next_phases_id, 1);
    jk_rt_phase ph[3] = {{prefix_p0, c.nblocks, grain}, {prefix_p1, 1, 1}, {prefix_p2, c.nblocks, grain}};
    jk_rt_work w = phases_work(&c, team_max, 3, ph);
    int st = async ? submit_wait(rt, &w) : jk_runtime_run(rt, &w, 0);
    int ok = st == 0 && atomic_load(&c.order_errors) == 0 && memcmp(c.out, want, n * sizeof *want) == 0;
    free(c.bsum);
    free(c.boff);
    free(c.out);
    return ok;
}

typedef struct {
    jk_runtime *rt;
    atomic_int stop;
    int failures;
    int jobs;
} range_caller;

static int count_once(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    mark_other_chunk();
    atomic_int *v = ctx;
    for (size_t i = begin; i < end; i++) atomic_fetch_add(&v[i], 1);
    return 0;
}

static void *range_caller_main(void *arg) {
    range_caller *c = arg;
    while (!atomic_load(&c->stop)) {
        size_t n = 1 + (size_t)(c->jobs * 37 % 600);
        atomic_int *v = calloc(n, sizeof *v);
        int st = jk_runtime_run_range(c->rt, count_once, v, n, 1 + (size_t)(c->jobs % 5), 0);
        int ok = st == 0;
        for (size_t i = 0; i < n; i++) ok &= atomic_load(&v[i]) == 1;
        c->failures += !ok;
        c->jobs++;
        free(v);
    }
    return NULL;
}

static void test_phases(void) {
    begin("phases");
    static const size_t n[JK_RT_MAX_PHASES] = {0, 1, 7, 100, 1000, 3, 64, 5000};
    static const size_t grain[JK_RT_MAX_PHASES] = {1, 2, 3, 7, 64, 1 << 20, 5, 0};
    enum { N = 20000 };
    int64_t *x = malloc(N * sizeof *x), *want = malloc(N * sizeof *want);
    int64_t run = 0;
    for (size_t i = 0; i < N; i++) {
        x[i] = (int64_t)((i * 7919) % 1000) - 500;
        want[i] = run += x[i];
    }
    for (int threads = 1; threads <= 4; threads++) {
        jk_runtime *rt = start_rt(threads, threads == 3 ? 0 : -1);
        if (!rt) continue;
        for (int team_max = 1; team_max <= threads + 1; team_max++) {
            for (int async = 0; async < 2; async++) {
                /* Every index of every phase once, each phase after the previous one. */
                jk_rt_phase ph[JK_RT_MAX_PHASES];
                phases_ctx *c = phases_new(JK_RT_MAX_PHASES, n, grain, ph);
                jk_rt_work w = phases_work(c, team_max, JK_RT_MAX_PHASES, ph);
                int st;
                if (async) {
                    jk_rt_job *j = NULL;
                    st = jk_runtime_submit(rt, &w, 0, &j);
                    if (st == 0) {
                        st = jk_runtime_job_wait(j, LONG_NS);
                        size_t total = 0;
                        for (int p = 0; p < JK_RT_MAX_PHASES; p++) total += n[p];
                        CHECK(jk_runtime_job_size(j) == total && jk_runtime_job_done(j) == total,
                              "progress %zu of %zu, want %zu", jk_runtime_job_done(j), jk_runtime_job_size(j), total);
                        jk_runtime_job_free(j);
                    }
                } else {
                    st = jk_runtime_run(rt, &w, 0);
                }
                CHECK(st == 0, "phases threads %d team_max %d async %d: status %d", threads, team_max, async, st);
                for (int p = 0; p < JK_RT_MAX_PHASES; p++) {
                    int twice = 0;
                    size_t seen = phase_visited(c, p, &twice);
                    CHECK(seen == n[p] && !twice, "threads %d team_max %d async %d phase %d: %zu of %zu indices%s",
                          threads, team_max, async, p, seen, n[p], twice ? ", some twice" : "");
                }
                CHECK(atomic_load(&c->order_errors) == 0, "threads %d team_max %d: %d chunks began before the previous phase ended",
                      threads, team_max, atomic_load(&c->order_errors));
                phases_free(c);

                /* The prefix sum, several grains. */
                static const size_t grains[] = {1, 3, 50};
                for (size_t g = 0; g < 3; g++)
                    CHECK(run_prefix(rt, x, want, N, 64, grains[g], team_max, async),
                          "prefix sum threads %d team_max %d grain %zu async %d", threads, team_max, grains[g], async);
            }
        }

        /* A failing phase stops the later ones. */
        static const size_t fn3[3] = {1000, 1000, 1000}, fg3[3] = {10, 10, 10};
        jk_rt_phase ph[3];
        phases_ctx *c = phases_new(3, fn3, fg3, ph);
        c->fail_phase = 1;
        c->fail_index = 500;
        jk_rt_work w = phases_work(c, threads + 1, 3, ph);
        CHECK(jk_runtime_run(rt, &w, 0) == 5, "failing phase status");
        int twice = 0;
        CHECK(phase_visited(c, 0, &twice) == 1000 && !twice, "phase 0 ran completely");
        CHECK(phase_visited(c, 1, &twice) < 1000 && !twice, "phase 1 stopped");
        CHECK(phase_visited(c, 2, &twice) == 0 && atomic_load(&c->done[2]) == 0, "phase 2 never ran after a failure");
        phases_free(c);
        jk_runtime_stop(rt);
    }

    /* Beside another caller's range jobs: both exact, and no worker ran that
     * caller's chunks in the middle of a phases job it belonged to. */
    jk_runtime *rt = start_rt(3, -1);
    if (rt) {
        range_caller other = {.rt = rt};
        pthread_t t;
        pthread_create(&t, NULL, range_caller_main, &other);
        int bad = 0;
        for (int rep = 0; rep < 60; rep++) bad += !run_prefix(rt, x, want, N, 64, 2, 3, rep % 2);
        atomic_store(&other.stop, 1);
        pthread_join(t, NULL);
        CHECK(bad == 0, "%d prefix sums wrong beside range jobs", bad);
        CHECK(other.failures == 0 && other.jobs > 0, "%d of %d range jobs wrong beside phases jobs", other.failures,
              other.jobs);
        CHECK(atomic_load(&interleavings) == 0, "%d times a member ran another job between phases",
              atomic_load(&interleavings));
        jk_runtime_stop(rt);
    }

    /* Bad phases work. */
    rt = start_rt(1, -1);
    if (rt) {
        jk_rt_phase ph[JK_RT_MAX_PHASES];
        phases_ctx *c = phases_new(2, n + 2, grain + 2, ph);
        jk_rt_work w = phases_work(c, 2, 0, ph);
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "no phases");
        w = phases_work(c, 2, 2, ph);
        w.nphases = JK_RT_MAX_PHASES + 1;
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "too many phases");
        w = phases_work(c, 2, 2, ph);
        w.phases[1].fn = NULL;
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "phase without a function");
        w = phases_work(c, 2, 2, ph);
        w.phases[1].n = JK_RT_MAX_INDEX + 1;
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "phase beyond JK_RT_MAX_INDEX");
        jk_rt_job *j = NULL;
        CHECK(jk_runtime_submit(rt, &w, 0, &j) == JK_RT_ARGUMENT, "submit: phase beyond JK_RT_MAX_INDEX");
        w = phases_work(c, 0, 2, ph);
        CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "phases team_max 0");
        static const size_t zero[2] = {0, 0};
        jk_rt_phase empty[2];
        phases_ctx *e = phases_new(2, zero, zero, empty);
        w = phases_work(e, 2, 2, empty);
        CHECK(jk_runtime_run(rt, &w, 0) == 0, "empty phases");
        CHECK(jk_runtime_submit(rt, &w, 0, &j) == 0 && jk_runtime_job_finished(j), "empty phases job finished at once");
        jk_runtime_job_free(j);
        phases_free(e);
        phases_free(c);
        jk_runtime_stop(rt);
    }
    free(x);
    free(want);
}

/* ---- 5. scratch --------------------------------------------------------------- */

enum { SLOTS = 8 };
typedef struct {
    size_t bytes;
    int round;                    /* 0: note each worker's buffer; 1: same again; 2: grow; 3: smaller: kept */
    atomic_uintptr_t first[SLOTS];
    atomic_uintptr_t grown[SLOTS];
    atomic_int compared, bad;
} scratch_ctx;

static int scratch_ok(const void *p) { return p && ((uintptr_t)p & 63) == 0; }

static int scratch_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    scratch_ctx *c = ctx;
    unsigned char *p = jk_rt_scratch(self, c->bytes);
    if (!scratch_ok(p) || self->worker < 0 || self->worker >= SLOTS) {
        atomic_fetch_add(&c->bad, 1);
        return 0;
    }
    memset(p, c->round + 1, c->bytes); /* the whole size asked for is ours (ASan) */
    uintptr_t me = (uintptr_t)p, zero = 0;
    atomic_uintptr_t *slot = c->round < 2 ? &c->first[self->worker] : &c->grown[self->worker];
    if (c->round == 0 || c->round == 2) {
        if (!atomic_compare_exchange_strong(slot, &zero, me) && zero != me) atomic_fetch_add(&c->bad, 1);
    } else {
        uintptr_t had = atomic_load(slot);
        if (had) {
            atomic_fetch_add(&c->compared, 1);
            if (had != me) atomic_fetch_add(&c->bad, 1);
        }
    }
    sleep_us(200); /* so that every worker takes some chunks */
    return 0;
}

/* Members of one team hold their scratch at once: all distinct, contents private. */
typedef struct {
    atomic_uintptr_t ptr[MAX_RANKS];
    atomic_int bad;
    size_t bytes;
} team_scratch_ctx;

static int team_scratch_member(void *ctx, jk_rt_self *self) {
    team_scratch_ctx *c = ctx;
    unsigned char *p = jk_rt_scratch(self, c->bytes);
    if (!scratch_ok(p)) {
        atomic_fetch_add(&c->bad, 1);
        p = NULL;
    }
    if (p) memset(p, self->rank + 1, c->bytes);
    atomic_store(&c->ptr[self->rank], (uintptr_t)p);
    jk_rt_barrier(self);
    for (int r = 0; r < self->size; r++)
        if (r != self->rank && atomic_load(&c->ptr[r]) == (uintptr_t)p) atomic_fetch_add(&c->bad, 1);
    for (size_t i = 0; p && i < c->bytes; i++)
        if (p[i] != (unsigned char)(self->rank + 1)) {
            atomic_fetch_add(&c->bad, 1);
            break;
        }
    jk_rt_barrier(self);
    return 0;
}

/* A nested run gets its own scratch. */
typedef struct {
    jk_runtime *rt;
    atomic_int bad, runs;
} nest_scratch_ctx;

static _Thread_local unsigned char *tl_outer_scratch;

static int inner_scratch_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    nest_scratch_ctx *c = ctx;
    unsigned char *p = jk_rt_scratch(self, 256);
    if (!scratch_ok(p) || p == tl_outer_scratch) atomic_fetch_add(&c->bad, 1);
    if (p) memset(p, 0x55, 256);
    return 0;
}

static int outer_scratch(nest_scratch_ctx *c, jk_rt_self *self) {
    unsigned char *p = jk_rt_scratch(self, 256);
    if (!scratch_ok(p)) {
        atomic_fetch_add(&c->bad, 1);
        return 0;
    }
    memset(p, 0xAA, 256);
    tl_outer_scratch = p;
    if (jk_runtime_run_range(c->rt, inner_scratch_chunk, c, 3, 1, 0) != 0) atomic_fetch_add(&c->bad, 1);
    tl_outer_scratch = NULL;
    if (jk_rt_scratch(self, 256) != p) atomic_fetch_add(&c->bad, 1); /* ours, untouched by the inner job */
    for (int i = 0; i < 256; i++)
        if (p[i] != 0xAA) {
            atomic_fetch_add(&c->bad, 1);
            break;
        }
    atomic_fetch_add(&c->runs, 1);
    return 0;
}

static int outer_scratch_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    return outer_scratch(ctx, self);
}

static int outer_scratch_member(void *ctx, jk_rt_self *self) { return outer_scratch(ctx, self); }

/* Two caller threads inside inline jobs at once. */
typedef struct {
    jk_runtime *rt;
    pthread_barrier_t *meet;
    atomic_uintptr_t *slot, *other;
    atomic_int *bad;
} caller_scratch_arg;

static int caller_scratch_member(void *ctx, jk_rt_self *self) {
    caller_scratch_arg *a = ctx;
    unsigned char *p = jk_rt_scratch(self, 1000);
    if (!scratch_ok(p)) {
        atomic_fetch_add(a->bad, 1);
        return 0;
    }
    unsigned char mark = (unsigned char)(a->slot < a->other ? 1 : 2);
    memset(p, mark, 1000);
    atomic_store(a->slot, (uintptr_t)p);
    pthread_barrier_wait(a->meet); /* both hold their scratch now */
    if (atomic_load(a->other) == (uintptr_t)p) atomic_fetch_add(a->bad, 1);
    for (int i = 0; i < 1000; i++)
        if (p[i] != mark) {
            atomic_fetch_add(a->bad, 1);
            break;
        }
    pthread_barrier_wait(a->meet);
    return 0;
}

static void *caller_scratch_main(void *arg) {
    caller_scratch_arg *a = arg;
    jk_rt_work w = team_work(caller_scratch_member, a, 1);
    if (jk_runtime_run(a->rt, &w, 0) != 0) atomic_fetch_add(a->bad, 1);
    return NULL;
}

static void test_scratch(void) {
    begin("scratch");
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    /* Per worker: kept between jobs, grown on demand, not shrunk. */
    scratch_ctx *c = calloc(1, sizeof *c);
    static const size_t sizes[4] = {100, 100, 1 << 20, 64};
    for (int round = 0; round < 4; round++) {
        c->round = round;
        c->bytes = sizes[round];
        CHECK(jk_runtime_run_range(rt, scratch_chunk, c, 24, 1, 0) == 0, "scratch round %d", round);
    }
    CHECK(atomic_load(&c->bad) == 0, "%d bad worker scratch buffers (NULL, unaligned, moved)", atomic_load(&c->bad));
    CHECK(atomic_load(&c->compared) >= 2, "only %d comparisons of a worker's scratch across jobs", atomic_load(&c->compared));
    free(c);

    /* Members of one team, the caller among them: distinct and private. */
    for (int async = 0; async < 2; async++) {
        for (int rep = 0; rep < 20; rep++) {
            team_scratch_ctx t;
            memset(&t, 0, sizeof t);
            t.bytes = 4096 + (size_t)rep * 1000;
            jk_rt_work w = team_work(team_scratch_member, &t, T + 1);
            CHECK((async ? submit_wait(rt, &w) : jk_runtime_run(rt, &w, 0)) == 0, "team scratch");
            CHECK(atomic_load(&t.bad) == 0, "team scratch async %d rep %d: %d bad", async, rep, atomic_load(&t.bad));
        }
    }

    /* Two callers at once get their own. */
    pthread_barrier_t meet;
    pthread_barrier_init(&meet, NULL, 2);
    atomic_uintptr_t slots[2] = {0, 0};
    atomic_int bad = 0;
    caller_scratch_arg args[2] = {{rt, &meet, &slots[0], &slots[1], &bad}, {rt, &meet, &slots[1], &slots[0], &bad}};
    pthread_t callers[2];
    for (int i = 0; i < 2; i++) pthread_create(&callers[i], NULL, caller_scratch_main, &args[i]);
    for (int i = 0; i < 2; i++) pthread_join(callers[i], NULL);
    pthread_barrier_destroy(&meet);
    CHECK(bad == 0 && slots[0] && slots[1] && slots[0] != slots[1], "two callers' scratch: bad %d", atomic_load(&bad));

    /* Nested runs, on workers and on a caller. */
    nest_scratch_ctx n = {.rt = rt};
    CHECK(jk_runtime_run_range(rt, outer_scratch_chunk, &n, 8, 1, 0) == 0, "nested scratch on workers");
    jk_rt_work w = team_work(outer_scratch_member, &n, T + 1);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "nested scratch in a team");
    w = team_work(outer_scratch_member, &n, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "nested scratch inline");
    CHECK(atomic_load(&n.bad) == 0 && atomic_load(&n.runs) >= 10, "nested scratch: %d bad of %d", atomic_load(&n.bad),
          atomic_load(&n.runs));
    jk_runtime_stop(rt);
}

/* ---- 6. nested calls ---------------------------------------------------------- */

typedef struct {
    pthread_t thread;
    atomic_long sum;
    atomic_int off_thread;
} inner_ctx;

static int inner_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    inner_ctx *c = ctx;
    if (!pthread_equal(pthread_self(), c->thread)) atomic_fetch_add(&c->off_thread, 1);
    for (size_t i = begin; i < end; i++) atomic_fetch_add(&c->sum, (long)i);
    return 0;
}

static int inner_team(void *ctx, jk_rt_self *self) {
    inner_ctx *c = ctx;
    if (!pthread_equal(pthread_self(), c->thread) || self->size != 1 || self->rank != 0) atomic_fetch_add(&c->off_thread, 1);
    if (jk_rt_barrier(self) != 0) atomic_fetch_add(&c->off_thread, 1);
    int token;
    if (jk_rt_broadcast(self, &token) != &token) atomic_fetch_add(&c->off_thread, 1);
    atomic_fetch_add(&c->sum, 1);
    return 0;
}

static int inner_fail(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    return 6;
}

typedef struct {
    jk_runtime *rt;
    int everyone; /* outer chunks wait until this many are inside (all workers at once) */
    atomic_int inside, bad, done;
} nest_ctx;

static void nest_body(nest_ctx *c) {
    atomic_fetch_add(&c->inside, 1);
    await_ge(&c->inside, c->everyone, 2000 * MS); /* best effort: everyone nests at the same time */
    inner_ctx in;
    memset(&in, 0, sizeof in);
    in.thread = pthread_self();
    if (jk_runtime_run_range(c->rt, inner_range, &in, 100, 7, 0) != 0 || atomic_load(&in.sum) != 4950)
        atomic_fetch_add(&c->bad, 1);
    atomic_store(&in.sum, 0);
    jk_rt_work tw = team_work(inner_team, &in, 4);
    if (jk_runtime_run(c->rt, &tw, 0) != 0 || atomic_load(&in.sum) != 1) atomic_fetch_add(&c->bad, 1);
    /* A nested PHASES job: a prefix sum, inline. */
    static const size_t pn[2] = {30, 30}, pg[2] = {4, 4};
    jk_rt_phase ph[2];
    phases_ctx *pc = phases_new(2, pn, pg, ph);
    jk_rt_work pw = phases_work(pc, 3, 2, ph);
    int twice = 0;
    if (jk_runtime_run(c->rt, &pw, 0) != 0 || phase_visited(pc, 0, &twice) != 30 || phase_visited(pc, 1, &twice) != 30 ||
        twice)
        atomic_fetch_add(&c->bad, 1);
    phases_free(pc);
    /* A nested failure comes back to the outer chunk. */
    if (jk_runtime_run_range(c->rt, inner_fail, NULL, 10, 1, 0) != 6) atomic_fetch_add(&c->bad, 1);
    if (atomic_load(&in.off_thread) != 0) atomic_fetch_add(&c->bad, 1);
    atomic_fetch_add(&c->done, 1);
}

static int nest_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end, (void)self;
    nest_body(ctx);
    return 0;
}

static int nest_member(void *ctx, jk_rt_self *self) {
    (void)self;
    nest_body(ctx);
    return 0;
}

static void test_nested(void) {
    begin("nested");
    for (int threads = 1; threads <= 2; threads++) {
        for (int spin = 0; spin < 2; spin++) {
            jk_runtime *rt = start_rt(threads, spin ? -1 : 0);
            if (!rt) continue;
            /* Every worker nests at once from a range job. */
            nest_ctx c = {.rt = rt, .everyone = threads};
            CHECK(jk_runtime_run_range(rt, nest_chunk, &c, (size_t)threads, 1, 0) == 0, "nested from range chunks");
            CHECK(atomic_load(&c.bad) == 0 && atomic_load(&c.done) == threads, "threads %d: nested in range: %d bad, %d done",
                  threads, atomic_load(&c.bad), atomic_load(&c.done));
            /* Every worker nests at once from an async team. */
            nest_ctx t = {.rt = rt, .everyone = threads};
            CHECK(wait_all_idle(rt, threads), "idle");
            jk_rt_work w = team_work(nest_member, &t, threads);
            CHECK(submit_wait(rt, &w) == 0, "nested from async team");
            CHECK(atomic_load(&t.bad) == 0 && atomic_load(&t.done) == threads, "threads %d: nested in team: %d bad, %d done",
                  threads, atomic_load(&t.bad), atomic_load(&t.done));
            /* From a sync team: the caller (member 0) and the worker members. */
            nest_ctx s = {.rt = rt, .everyone = threads};
            CHECK(wait_all_idle(rt, threads), "idle");
            w = team_work(nest_member, &s, threads);
            CHECK(jk_runtime_run(rt, &w, 0) == 0, "nested from sync team");
            CHECK(atomic_load(&s.bad) == 0 && atomic_load(&s.done) == threads, "threads %d: nested in sync team: %d bad",
                  threads, atomic_load(&s.bad));
            /* From an inline run. */
            nest_ctx i = {.rt = rt, .everyone = 1};
            w = team_work(nest_member, &i, 1);
            CHECK(jk_runtime_run(rt, &w, 0) == 0 && atomic_load(&i.bad) == 0 && atomic_load(&i.done) == 1, "nested inline");
            /* Many outer chunks, each nesting, while another thread keeps the queue busy. */
            nest_ctx m = {.rt = rt, .everyone = 1};
            CHECK(jk_runtime_run_range(rt, nest_chunk, &m, 40, 1, 0) == 0 && atomic_load(&m.bad) == 0 &&
                      atomic_load(&m.done) == 40,
                  "many nested chunks: %d bad", atomic_load(&m.bad));
            jk_runtime_stop(rt);
        }
    }
}

/* ---- 7. the floating-point environment ----------------------------------------- */

/* Which parts of the default environment this thread lacks: 1 flush-to-zero
 * on, 2 denormals-are-zero on, 4 SSE rounding not to nearest, 8 fegetround,
 * 16 x87 (long double) rounding not to nearest. */
static int fp_not_default(void) {
    volatile double tiny = DBL_MIN, four = 4.0, den = 0x1p-1070, two = 2.0, one = 1.0, eps = 0x1p-60;
    volatile long double lone = 1.0L, leps = 0x1p-70L;
    int bad = 0;
    if (dbits(tiny / four) != dbits(0x1p-1024)) bad |= 1; /* a denormal result stays denormal */
    if (dbits(den * two) != dbits(0x1p-1069)) bad |= 2;   /* a denormal input is not zero */
    if (dbits(one + eps) != dbits(1.0)) bad |= 4;
    if (fegetround() != FE_TONEAREST) bad |= 8;
    if (lone + leps != 1.0L) bad |= 16;
    return bad;
}

/* Which parts of the test's environment (FTZ, DAZ, upward) this thread lacks. */
static int fp_not_custom(void) {
    volatile double tiny = DBL_MIN, four = 4.0, den = 0x1p-1070, two = 2.0, one = 1.0, eps = 0x1p-60;
    volatile long double lone = 1.0L, leps = 0x1p-70L;
    int bad = 0;
    if (dbits(tiny / four) != 0) bad |= 1;
    if (dbits(den * two) != 0) bad |= 2;
    if (dbits(one + eps) != dbits(0x1.0000000000001p0)) bad |= 4;
    if (fegetround() != FE_UPWARD) bad |= 8;
    if (lone + leps != 1.0L + 0x1p-63L) bad |= 16;
    if ((_mm_getcsr() & 0x8040u) != 0x8040u) bad |= 32;
    return bad;
}

typedef struct {
    pthread_t caller;
    atomic_int worker_bad, caller_bad, caller_runs, worker_runs, fail;
    atomic_int max_worker;
} fp_ctx;

static void fp_note(fp_ctx *c, jk_rt_self *self) {
    int bad = fp_not_default();
    if (pthread_equal(pthread_self(), c->caller)) {
        atomic_fetch_or(&c->caller_bad, bad);
        atomic_fetch_add(&c->caller_runs, 1);
    } else {
        atomic_fetch_or(&c->worker_bad, bad);
        atomic_fetch_add(&c->worker_runs, 1);
        int w = self->worker, m = atomic_load(&c->max_worker);
        while (w > m && !atomic_compare_exchange_weak(&c->max_worker, &m, w)) {
        }
    }
}

static int fp_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    fp_note(ctx, self);
    sleep_us(100);
    return 0;
}

static int fp_member(void *ctx, jk_rt_self *self) {
    fp_ctx *c = ctx;
    fp_note(c, self);
    jk_rt_barrier(self);
    return self->rank == 0 ? atomic_load(&c->fail) : 0;
}

static void test_fp_environment(void) {
    begin("fp_environment");
    fenv_t saved_env;
    fegetenv(&saved_env);
    unsigned saved_csr = _mm_getcsr();
    /* The starting thread computes with flush-to-zero, denormals-are-zero, rounding up. */
    _mm_setcsr(_mm_getcsr() | 0x8040u);
    fesetround(FE_UPWARD);
    CHECK(fp_not_custom() == 0, "the test's environment is in effect: 0x%x", fp_not_custom());
    jk_runtime *rt = start_rt(2, -1);
    if (rt) {
        fp_ctx c;
        memset(&c, 0, sizeof c);
        c.caller = pthread_self();
        /* Workers: range and async team. */
        CHECK(jk_runtime_run_range(rt, fp_chunk, &c, 16, 1, 0) == 0, "fp range");
        CHECK(fp_not_custom() == 0, "caller's environment kept across a range job: 0x%x", fp_not_custom());
        CHECK(wait_all_idle(rt, 2), "idle");
        jk_rt_work w = team_work(fp_member, &c, 2);
        CHECK(submit_wait(rt, &w) == 0, "fp async team");
        CHECK(atomic_load(&c.worker_runs) >= 3 && atomic_load(&c.worker_bad) == 0,
              "workers compute in the default environment: missing 0x%x", atomic_load(&c.worker_bad));
        CHECK(atomic_load(&c.caller_runs) == 0, "the caller computed nothing so far");

        /* The caller as member 0, as an inline team, with JK_RT_INLINE, and when member 0 fails. */
        w = team_work(fp_member, &c, 2);
        CHECK(jk_runtime_run(rt, &w, 0) == 0, "fp sync team");
        CHECK(fp_not_custom() == 0, "caller's environment restored after member 0: missing 0x%x", fp_not_custom());
        w = team_work(fp_member, &c, 1);
        CHECK(jk_runtime_run(rt, &w, 0) == 0, "fp inline team");
        CHECK(fp_not_custom() == 0, "restored after an inline team: missing 0x%x", fp_not_custom());
        CHECK(jk_runtime_run_range(rt, fp_chunk, &c, 3, 1, JK_RT_INLINE) == 0, "fp INLINE range");
        CHECK(fp_not_custom() == 0, "restored after JK_RT_INLINE: missing 0x%x", fp_not_custom());
        atomic_store(&c.fail, 3);
        w = team_work(fp_member, &c, 2);
        CHECK(jk_runtime_run(rt, &w, 0) == 3, "fp failing member 0");
        CHECK(fp_not_custom() == 0, "restored after a failing member 0: missing 0x%x", fp_not_custom());
        CHECK(atomic_load(&c.caller_runs) >= 6 && atomic_load(&c.caller_bad) == 0,
              "the caller computes in the default environment, not its own: missing 0x%x", atomic_load(&c.caller_bad));

        /* Workers started later by a resize from this thread. */
        CHECK(jk_runtime_resize(rt, 3) == 0, "grow");
        CHECK(wait_all_idle(rt, 3), "idle");
        memset(&c, 0, sizeof c);
        c.caller = pthread_self();
        w = team_work(fp_member, &c, 3);
        CHECK(submit_wait(rt, &w) == 0, "fp team after grow");
        CHECK(atomic_load(&c.max_worker) == 2 && atomic_load(&c.worker_bad) == 0,
              "a worker added by resize computes in the default environment: worker %d, missing 0x%x",
              atomic_load(&c.max_worker), atomic_load(&c.worker_bad));
        jk_runtime_stop(rt);
    }
    fesetenv(&saved_env);
    _mm_setcsr(saved_csr);
    CHECK(fp_not_default() == 0, "test restored the default environment");
}

/* ---- 8. fork() ------------------------------------------------------------------ */

static int nothing_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    return 0;
}

static int nothing_member(void *ctx, jk_rt_self *self) {
    (void)ctx, (void)self;
    return 0;
}

typedef struct {
    jk_runtime *rt;
    atomic_int stop, jobs, bad;
} hammer_arg;

/* Keeps the runtime busy (its lock taken and released all the time) around the fork. */
static void *hammer_main(void *arg) {
    hammer_arg *h = arg;
    while (!atomic_load(&h->stop)) {
        jk_rt_work w = team_work(nothing_member, NULL, 2);
        if (jk_runtime_run_range(h->rt, nothing_chunk, NULL, 64, 1, 0) != 0 || jk_runtime_run(h->rt, &w, 0) != 0)
            atomic_fetch_add(&h->bad, 1);
        atomic_fetch_add(&h->jobs, 1);
    }
    return NULL;
}

static int child_checks(jk_runtime *rt, jk_rt_job *finished_job, jk_rt_job *running_job) {
    int fails = 0;
    jk_rt_work w = range_work(nothing_chunk, NULL, 0, 100, 1);
    if (jk_runtime_run(rt, &w, 0) != JK_RT_FORKED) fails |= 1;
    jk_rt_work t = team_work(nothing_member, NULL, 2);
    if (jk_runtime_run(rt, &t, 0) != JK_RT_FORKED) fails |= 2;
    jk_rt_job *j = NULL;
    if (jk_runtime_submit(rt, &w, 0, &j) != JK_RT_FORKED) fails |= 4;
    if (jk_runtime_resize(rt, 3) != JK_RT_FORKED) fails |= 8;
    jk_rt_job *out = NULL;
    if (jk_runtime_next_finished(rt, -1, &out) != JK_RT_FORKED) fails |= 16;
    if (jk_runtime_job_wait(running_job, -1) != JK_RT_FORKED) fails |= 32;
    if (jk_runtime_job_wait(finished_job, -1) != JK_RT_FORKED) fails |= 64;
    jk_runtime_stop(rt); /* returns: frees memory only */
    return fails;
}

static void test_fork(void) {
    begin("fork");
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    CHECK(jk_runtime_run_range(rt, nothing_chunk, NULL, 100, 1, 0) == 0, "before fork");
    jk_rt_job *done_job = NULL, *running = NULL;
    CHECK(jk_runtime_submit_range(rt, nothing_chunk, NULL, 10, 1, 1, &done_job) == 0 &&
              jk_runtime_job_wait(done_job, LONG_NS) == 0,
          "a finished notify job");
    gate g = {0};
    CHECK(jk_runtime_submit_range(rt, hold_chunk, &g, 1, 1, 0, &running) == 0, "a running job");
    CHECK(await_ge(&g.started, 1, LONG_NS), "running job started");
    hammer_arg h = {.rt = rt};
    pthread_t hammer;
    pthread_create(&hammer, NULL, hammer_main, &h);
    await_ge(&h.jobs, 20, LONG_NS);

    for (int rep = 0; rep < 3; rep++) {
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid == 0) {
            alarm(10); /* a hang in the child: exit 1 */
            int fails = child_checks(rt, done_job, running);
            _exit(fails == 0 ? 42 : 100 + fails);
        }
        CHECK(pid > 0, "fork");
        if (pid < 0) break;
        int status = 0;
        pid_t got = 0;
        uint64_t limit = mono_ns() + 15000 * MS;
        while ((got = waitpid(pid, &status, WNOHANG)) == 0 && mono_ns() < limit) sleep_us(1000);
        if (got == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            CHECK(0, "fork child %d hung", rep);
        } else {
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "fork child %d: %s %d (100 + failed calls mask)", rep,
                  WIFEXITED(status) ? "exit" : "signal", WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        }
    }
    atomic_store(&h.stop, 1);
    pthread_join(hammer, NULL);
    CHECK(atomic_load(&h.bad) == 0, "the parent's jobs around the forks");
    atomic_store(&g.release, 1);
    CHECK(jk_runtime_job_wait(running, LONG_NS) == 0, "the running job finishes in the parent");
    jk_rt_job *out = NULL;
    CHECK(jk_runtime_next_finished(rt, 0, &out) == 0 && out == done_job, "the parent's finished list is intact");
    jk_runtime_job_free(done_job);
    jk_runtime_job_free(running);
    atomic_int *v = calloc(1000, sizeof *v);
    CHECK(jk_runtime_run_range(rt, count_once, v, 1000, 3, 0) == 0, "parent after fork");
    int ok = 1;
    for (int i = 0; i < 1000; i++) ok &= atomic_load(&v[i]) == 1;
    CHECK(ok, "parent runs every index after the fork");
    free(v);
    team_probe p;
    probe_init(&p, rt, 1, 2);
    jk_rt_work w = team_work(probe_member, &p, 2);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "parent team after fork");
    check_probe(&p, 2, 2, "team after fork");
    CHECK(jk_runtime_resize(rt, 3) == 0 && jk_runtime_threads(rt) == 3, "parent resizes after fork");
    jk_runtime_stop(rt);
}

/* ---- 9. cursor bounds and cancelling range jobs ---------------------------------- */

/* The chunks of a huge range, noted without touching their indices. */
enum { MAX_SPANS = 4096 };
typedef struct {
    atomic_int calls;
    atomic_int team_size;
    size_t begin[MAX_SPANS], end[MAX_SPANS];
} span_ctx;

static int span_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    span_ctx *c = ctx;
    if (self->size > atomic_load(&c->team_size)) atomic_store(&c->team_size, self->size);
    int k = atomic_fetch_add(&c->calls, 1);
    if (k >= MAX_SPANS) return 8; /* a runaway chunk loop: stop it */
    c->begin[k] = begin;
    c->end[k] = end;
    return 0;
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* 1 when the chunks tile [begin, end) exactly: every index once, none outside. */
static int spans_tile(span_ctx *c, size_t begin, size_t end) {
    int n = atomic_load(&c->calls);
    if (n < 1 || n > MAX_SPANS) return 0;
    /* Sorted begins; each must start where the previous chunk ended. */
    size_t *b = malloc((size_t)n * sizeof *b);
    memcpy(b, c->begin, (size_t)n * sizeof *b);
    qsort(b, (size_t)n, sizeof *b, cmp_size);
    int ok = b[0] == begin;
    size_t at = begin;
    for (int i = 0; i < n && ok; i++) {
        if (b[i] != at) ok = 0;
        size_t e = 0;
        int found = 0;
        for (int k = 0; k < n; k++)
            if (c->begin[k] == b[i]) e = c->end[k], found++;
        if (found != 1 || e <= at || e > end) ok = 0;
        at = e;
    }
    free(b);
    return ok && at == end;
}

static void test_cursor_bounds(void) {
    begin("cursor_bounds");
    jk_runtime *rt = start_rt(4, -1);
    if (!rt) return;
    static span_ctx c;
    memset(&c, 0, sizeof c);
    jk_rt_work w = range_work(span_chunk, &c, 0, JK_RT_MAX_INDEX + 1, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "range end beyond JK_RT_MAX_INDEX");
    jk_rt_job *j = NULL;
    CHECK(jk_runtime_submit(rt, &w, 0, &j) == JK_RT_ARGUMENT, "submit: end beyond JK_RT_MAX_INDEX");
    w = range_work(span_chunk, &c, SIZE_MAX - 10, SIZE_MAX, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "range near SIZE_MAX");
    w = range_work(span_chunk, &c, 5, 4, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "begin > end");
    w = range_work(NULL, &c, 0, 4, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == JK_RT_ARGUMENT, "no range function");
    CHECK(atomic_load(&c.calls) == 0, "refused work runs nothing");

    /* Up to the limit: every index once, in any grain. */
    static const size_t grains[] = {JK_RT_MAX_INDEX, JK_RT_MAX_INDEX / 2, JK_RT_MAX_INDEX / 3 + 1, JK_RT_MAX_INDEX / 7,
                                    (size_t)1 << 60};
    for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
        for (int rep = 0; rep < 10; rep++) {
            memset(&c, 0, sizeof c);
            size_t begin = rep % 2 ? JK_RT_MAX_INDEX / 5 : 0;
            w = range_work(span_chunk, &c, begin, JK_RT_MAX_INDEX, grains[g]);
            CHECK(jk_runtime_run(rt, &w, rep % 3 == 2 ? JK_RT_INLINE : 0) == 0, "huge range");
            CHECK(spans_tile(&c, begin, JK_RT_MAX_INDEX), "range [%zu, MAX_INDEX) grain %zu: %d chunks not tiling it",
                  begin, grains[g], atomic_load(&c.calls));
        }
    }
    memset(&c, 0, sizeof c);
    w = range_work(span_chunk, &c, JK_RT_MAX_INDEX - 10, JK_RT_MAX_INDEX, 3);
    CHECK(jk_runtime_run(rt, &w, 0) == 0 && atomic_load(&c.calls) == 4 && spans_tile(&c, JK_RT_MAX_INDEX - 10, JK_RT_MAX_INDEX),
          "the last indices before the limit");
    jk_runtime_stop(rt);
}

/* With as many claiming members as threads, a phase's cursor runs past its end
 * by a grain per member: it must never wrap back into the range. */
static void test_cursor_many_members(void) {
    begin("cursor_many_members");
    enum { T = 6 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    static const size_t grains[] = {JK_RT_MAX_INDEX, JK_RT_MAX_INDEX / 2 + 1, JK_RT_MAX_INDEX / 3};
    static span_ctx c;
    for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
        for (int team = 5; team <= T; team++) {
            CHECK(wait_all_idle(rt, T), "idle");
            memset(&c, 0, sizeof c);
            jk_rt_phase ph = {span_chunk, JK_RT_MAX_INDEX, grains[g]};
            jk_rt_work w = phases_work(&c, team, 1, &ph);
            CHECK(jk_runtime_run(rt, &w, 0) == 0, "huge phase");
            CHECK(atomic_load(&c.team_size) == team, "team of %d, want %d", atomic_load(&c.team_size), team);
            CHECK(spans_tile(&c, 0, JK_RT_MAX_INDEX),
                  "phase [0, MAX_INDEX) grain %zu, %d members: %d chunks not tiling it (a chunk ran twice)", grains[g],
                  team, atomic_load(&c.calls));
        }
    }
    /* Range jobs with every worker claiming (probabilistic: workers must join before the first claim). */
    for (int rep = 0; rep < 50; rep++) {
        memset(&c, 0, sizeof c);
        CHECK(jk_runtime_run_range(rt, span_chunk, &c, JK_RT_MAX_INDEX, JK_RT_MAX_INDEX, 0) == 0, "huge range");
        CHECK(spans_tile(&c, 0, JK_RT_MAX_INDEX), "huge range on %d workers: %d chunks not tiling it", T,
              atomic_load(&c.calls));
    }
    jk_runtime_stop(rt);
}

/* Inline runs (JK_RT_INLINE, team_max 1, nested calls) cut the same chunks as
 * queued jobs: a grain of 0 is 1, a grain past the end is one chunk (it must
 * not wrap the loop back below begin). */
static int inline_nested_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end;
    void **args = ctx;
    jk_rt_work *inner = args[1];
    return jk_runtime_run(self->rt, inner, 0) == 0 ? 0 : 9;
}

static void test_inline_grains(void) {
    begin("inline_grains");
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    static span_ctx c;
    static const size_t grains[] = {1, 3, 5, 6, (size_t)1 << 40, SIZE_MAX / 2 + 1, SIZE_MAX - 1, SIZE_MAX, 0};
    for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
        size_t begin = 5, end = 37;
        size_t want = grains[g] == 0 ? 32 : (end - begin - 1) / (grains[g] < 32 ? grains[g] : 32) + 1;
        for (int how = 0; how < 4; how++) {
            memset(&c, 0, sizeof c);
            jk_rt_work w = range_work(span_chunk, &c, begin, end, grains[g]);
            int st;
            if (how == 0) st = jk_runtime_run(rt, &w, 0);                /* queued */
            else if (how == 1) st = jk_runtime_run(rt, &w, JK_RT_INLINE); /* inline */
            else if (how == 2) {                                          /* nested on a worker */
                void *args[2] = {NULL, &w};
                st = jk_runtime_run_range(rt, inline_nested_chunk, args, 1, 1, 0);
            } else { /* a PHASES job of one member (inline) */
                jk_rt_phase ph = {span_chunk, end, grains[g]};
                jk_rt_work pw = phases_work(&c, 1, 1, &ph);
                st = jk_runtime_run(rt, &pw, 0);
                begin = 0;
                want = grains[g] == 0 ? 37 : (end - 1) / (grains[g] < 37 ? grains[g] : 37) + 1;
            }
            CHECK(st == 0 && spans_tile(&c, begin, end) && (size_t)atomic_load(&c.calls) == want,
                  "grain %zu, %s: status %d, %d chunks (want %zu) tiling [%zu, %zu): %d", grains[g],
                  how == 0 ? "queued" : how == 1 ? "JK_RT_INLINE" : how == 2 ? "nested" : "inline phases", st,
                  atomic_load(&c.calls), want, begin, end, spans_tile(&c, begin, end));
        }
    }
    jk_runtime_stop(rt);
}

typedef struct {
    atomic_int *visits;
    atomic_int runs;
} slow_visit;

static int slow_visit_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    slow_visit *s = ctx;
    mark_other_chunk();
    for (size_t i = begin; i < end; i++) atomic_fetch_add(&s->visits[i], 1);
    if (atomic_fetch_add(&s->runs, 1) % 16 == 0) sched_yield();
    return 0;
}

typedef struct {
    jk_runtime *rt;
    atomic_int stop;
    int bad, cancelled, jobs;
} sync_victim;

static void *sync_victim_main(void *arg) {
    sync_victim *v = arg;
    while (!atomic_load(&v->stop)) {
        size_t n = 3000;
        slow_visit s = {calloc(n, sizeof(atomic_int)), 0};
        int st = jk_runtime_run_range(v->rt, slow_visit_chunk, &s, n, 1 + (size_t)(v->jobs % 4), 0);
        size_t sum = 0;
        int twice = 0;
        for (size_t i = 0; i < n; i++) {
            int c = atomic_load(&s.visits[i]);
            twice |= c > 1;
            sum += (size_t)c;
        }
        if (twice || (st == 0 && sum != n) || (st != 0 && st != JK_RT_CANCELLED)) v->bad++;
        v->cancelled += st == JK_RT_CANCELLED;
        v->jobs++;
        free(s.visits);
    }
    return NULL;
}

static void test_cancel_range_repeatedly(void) {
    begin("cancel_range_repeatedly");
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    int any_cancelled = 0;
    for (int rep = 0; rep < 60; rep++) {
        size_t n = 2000;
        slow_visit s = {calloc(n, sizeof(atomic_int)), 0};
        jk_rt_job *j = NULL;
        CHECK(jk_runtime_submit_range(rt, slow_visit_chunk, &s, n, 1 + (size_t)(rep % 3), 0, &j) == 0, "submit");
        if (!j) break;
        for (int k = 0; k < rep % 7; k++) sched_yield(); /* cancel at different points */
        int hits = 0;
        for (int k = 0; k < 200 && !jk_runtime_job_finished(j); k++)
            hits += rep % 3 == 2 ? jk_runtime_cancel_all(rt) : jk_runtime_job_cancel(j);
        int st = jk_runtime_job_wait(j, LONG_NS);
        size_t sum = 0;
        int twice = 0;
        for (size_t i = 0; i < n; i++) {
            int c = atomic_load(&s.visits[i]);
            twice |= c > 1;
            sum += (size_t)c;
        }
        CHECK(!twice, "rep %d: an index ran twice after cancels", rep);
        CHECK(hits <= 1, "rep %d: cancelled %d times", rep, hits);
        CHECK(st == (hits ? JK_RT_CANCELLED : 0), "rep %d: status %d after %d cancels", rep, st, hits);
        CHECK(jk_runtime_job_done(j) == sum, "rep %d: done %zu, ran %zu", rep, jk_runtime_job_done(j), sum);
        if (hits) CHECK(sum < n, "rep %d: a cancelled job skipped work", rep);
        else CHECK(sum == n, "rep %d: an uncancelled job ran everything", rep);
        CHECK(jk_runtime_job_cancel(j) == 0, "cancel after the end");
        any_cancelled |= hits;
        jk_runtime_job_free(j);
        free(s.visits);
    }
    CHECK(any_cancelled, "some job was cancelled while it ran");

    /* Synchronous callers' jobs under repeated cancel_all. */
    sync_victim v = {.rt = rt};
    pthread_t t;
    pthread_create(&t, NULL, sync_victim_main, &v);
    for (int k = 0; k < 400; k++) {
        jk_runtime_cancel_all(rt);
        sleep_us(100);
    }
    atomic_store(&v.stop, 1);
    pthread_join(t, NULL);
    CHECK(v.bad == 0 && v.jobs > 0, "%d of %d sync jobs ran an index twice or lost one (%d cancelled)", v.bad, v.jobs,
          v.cancelled);
    atomic_int *vis = calloc(500, sizeof *vis);
    CHECK(jk_runtime_run_range(rt, count_once, vis, 500, 1, 0) == 0, "runs after cancels");
    int ok = 1;
    for (int i = 0; i < 500; i++) ok &= atomic_load(&vis[i]) == 1;
    CHECK(ok, "every index after cancels");
    free(vis);
    jk_runtime_stop(rt);
}

/* ---- 10. spin policy ------------------------------------------------------------- */

static void test_spin_policy(void) {
    begin("spin_policy");
    int cpus = jk_available_cpus();
    CHECK(cpus >= 1, "cpus %d", cpus);
    struct {
        int threads;
        int64_t spin, want;
    } cases[] = {{1, -1, 50000},        {1, 0, 0},          {1, 12345, 12345},  {cpus, 777, 777},
                 {cpus, -5, 50000},     {cpus + 1, 777, 0}, {cpus + 1, -1, 0},  {cpus + 2, 0, 0},
                 {1, 2000000, 2000000}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jk_runtime *rt = start_rt(cases[i].threads, cases[i].spin);
        if (!rt) continue;
        CHECK(jk_runtime_spin_ns(rt) == cases[i].want, "threads %d (cpus %d) spin %lld: in effect %lld, want %lld",
              cases[i].threads, cpus, (long long)cases[i].spin, (long long)jk_runtime_spin_ns(rt),
              (long long)cases[i].want);
        /* It works either way: range, team with barriers, waits that sleep and wake. */
        atomic_int *v = calloc(3000, sizeof *v);
        int ok = jk_runtime_run_range(rt, count_once, v, 3000, 7, 0) == 0;
        for (int k = 0; k < 3000; k++) ok &= atomic_load(&v[k]) == 1;
        free(v);
        CHECK(ok, "range at spin %lld", (long long)cases[i].want);
        run_barrier_case(rt, cases[i].threads, cases[i].threads + 1, 0, 0, -1, "spin policy");
        sleep_us(3000); /* idle long enough for spinners to sleep */
        run_barrier_case(rt, cases[i].threads, cases[i].threads, 1, 5, -1, "spin policy after sleeping");
        jk_runtime_stop(rt);
    }
    int status = 0;
    CHECK(jk_runtime_start(0, -1, &status) == NULL && status == JK_RT_ARGUMENT, "0 threads");
    CHECK(jk_runtime_start(JK_RT_MAX_WORKERS + 1, -1, &status) == NULL && status == JK_RT_ARGUMENT, "too many threads");
    CHECK(jk_runtime_spin_ns(NULL) == 0 && jk_runtime_threads(NULL) == 0, "NULL runtime");
}

/* ---- 11. resizing with team jobs ---------------------------------------------------- */

typedef struct {
    jk_runtime *rt;
    int seed, async, iterations;
    int failures, jobs;
    atomic_int *stop;
} team_submitter;

static void *team_submitter_main(void *arg) {
    team_submitter *s = arg;
    for (int i = 0; i < s->iterations && !atomic_load(s->stop); i++) {
        int team_max = 1 + (s->seed + i) % 4;
        team_probe p;
        probe_init(&p, s->rt, !s->async, JK_RT_MAX_WORKERS);
        jk_rt_work w = team_work(probe_member, &p, team_max);
        int st = s->async ? submit_wait(s->rt, &w) : jk_runtime_run(s->rt, &w, 0);
        int size = atomic_load(&p.size);
        int ok = st == 0 && size >= 1 && size <= team_max && atomic_load(&p.calls) == size && atomic_load(&p.errors) == 0;
        for (int r = 0; r < size && r < MAX_RANKS; r++) ok &= atomic_load(&p.ranks[r]) == 1;
        /* And a team that meets at barriers: a lost rank would hang it. */
        barrier_ctx *b = calloc(1, sizeof *b);
        b->fail_rank = -1;
        b->leave_step = i % 3;
        jk_rt_work bw = team_work(barrier_member, b, team_max);
        st = s->async ? submit_wait(s->rt, &bw) : jk_runtime_run(s->rt, &bw, 0);
        ok &= st == 0 && atomic_load(&b->errors) == 0 && atomic_load(&b->bcast_errors) == 0;
        free(b);
        s->failures += !ok;
        s->jobs++;
        if (i % 4 == 3) sleep_us(50); /* back-to-back teams can hold a shrinking resize off for a long time */
    }
    return NULL;
}

static void test_resize_with_teams(void) {
    begin("resize_with_teams");
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    enum { SUBS = 4 };
    atomic_int stop = 0;
    team_submitter subs[SUBS];
    pthread_t threads[SUBS];
    for (int i = 0; i < SUBS; i++) {
        subs[i] = (team_submitter){.rt = rt, .seed = i, .async = i == SUBS - 1, .iterations = 1 << 30, .stop = &stop};
        pthread_create(&threads[i], NULL, team_submitter_main, &subs[i]);
    }
    int bad_resizes = 0;
    uint64_t slowest = 0;
    for (int k = 0; k < 60; k++) {
        int n = 1 + (k * 7) % 4;
        uint64_t t0 = mono_ns();
        bad_resizes += jk_runtime_resize(rt, n) != 0 || jk_runtime_threads(rt) != n;
        uint64_t took = mono_ns() - t0;
        if (took > slowest) slowest = took;
        sleep_us(300);
    }
    /* Shrinking waits for forming teams: it must not starve while teams keep coming. */
    CHECK(slowest < 5000 * MS, "slowest resize took %llu ms", (unsigned long long)(slowest / MS));
    atomic_store(&stop, 1);
    int jobs = 0;
    for (int i = 0; i < SUBS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(subs[i].failures == 0 && subs[i].jobs > 10, "submitter %d: %d of %d team jobs lost a rank or failed", i,
              subs[i].failures, subs[i].jobs);
        jobs += subs[i].jobs;
    }
    if (getenv("TEST_TEAM_VERBOSE"))
        printf("resize_with_teams: slowest resize %.2f ms, %d team jobs during the resizes\n", (double)slowest / 1e6, jobs);
    CHECK(bad_resizes == 0, "%d resizes failed", bad_resizes);

    /* Growing lets later teams be bigger; shrinking makes them smaller. */
    static const int counts[] = {1, 4, 2, 3};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        int n = counts[i];
        CHECK(jk_runtime_resize(rt, n) == 0 && jk_runtime_threads(rt) == n, "resize to %d", n);
        CHECK(wait_all_idle(rt, n), "idle at %d", n);
        team_probe p;
        probe_init(&p, rt, 0, n);
        jk_rt_work w = team_work(probe_member, &p, 8);
        CHECK(submit_wait(rt, &w) == 0, "async team at %d", n);
        CHECK(check_probe(&p, 8, n, "async team after resize") == n, "async team at %d threads: size %d", n,
              atomic_load(&p.size));
        CHECK(wait_all_idle(rt, n), "idle at %d", n);
        probe_init(&p, rt, 1, n);
        w = team_work(probe_member, &p, 8);
        CHECK(jk_runtime_run(rt, &w, 0) == 0, "sync team at %d", n);
        CHECK(check_probe(&p, 8, n, "sync team after resize") == n, "sync team at %d threads: size %d", n,
              atomic_load(&p.size));
    }
    CHECK(jk_runtime_resize(rt, 0) == JK_RT_ARGUMENT && jk_runtime_resize(rt, JK_RT_MAX_WORKERS + 1) == JK_RT_ARGUMENT,
          "resize arguments");
    jk_runtime_stop(rt);
}

/* ---- 12. cancelling team and phases jobs --------------------------------------------- */

typedef struct {
    atomic_int calls;
    atomic_int at_barrier;
    atomic_int barrier_result[MAX_RANKS];
    atomic_int holder_saw_stop;
} cancel_ctx;

/* Members other than rank 0 wait at a barrier; rank 0 works until stopped. */
static int cancel_member(void *ctx, jk_rt_self *self) {
    cancel_ctx *c = ctx;
    atomic_fetch_add(&c->calls, 1);
    if (self->rank == 0) {
        uint64_t limit = mono_ns() + 20000 * MS;
        while (!jk_rt_stopped(self) && mono_ns() < limit) sleep_us(100);
        atomic_store(&c->holder_saw_stop, jk_rt_stopped(self));
    } else {
        atomic_fetch_add(&c->at_barrier, 1);
    }
    atomic_store(&c->barrier_result[self->rank], jk_rt_barrier(self) + 1);
    return 0;
}

/* Every member waits at the barrier except the last rank, which works until stopped. */
static int cancel_member_all_wait(void *ctx, jk_rt_self *self) {
    cancel_ctx *c = ctx;
    atomic_fetch_add(&c->calls, 1);
    if (self->rank == self->size - 1) {
        uint64_t limit = mono_ns() + 20000 * MS;
        while (!jk_rt_stopped(self) && mono_ns() < limit) sleep_us(100);
        atomic_store(&c->holder_saw_stop, jk_rt_stopped(self));
        return 0; /* returns without the barrier */
    }
    atomic_fetch_add(&c->at_barrier, 1);
    atomic_store(&c->barrier_result[self->rank], jk_rt_barrier(self) + 1);
    return 0;
}

typedef struct {
    jk_runtime *rt;
    cancel_ctx *c;
    int wait_for;
    int cancelled;
} canceller_arg;

static void *canceller_main(void *arg) {
    canceller_arg *a = arg;
    await_ge(&a->c->at_barrier, a->wait_for, LONG_NS);
    sleep_us(2000);
    a->cancelled = jk_runtime_cancel_all(a->rt);
    return NULL;
}

static void test_cancel_teams(void) {
    begin("cancel_teams");
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    CHECK(wait_all_idle(rt, T), "idle");

    /* Queued teams cancelled before any member ran finish at once. */
    gate g = {0};
    jk_rt_work hold = team_work(hold_member, &g, T);
    jk_rt_job *busy = NULL;
    CHECK(jk_runtime_submit(rt, &hold, 0, &busy) == 0, "holder");
    CHECK(await_ge(&g.started, T, LONG_NS), "workers held");
    team_probe p;
    probe_init(&p, rt, 0, T);
    jk_rt_work w = team_work(probe_member, &p, T);
    jk_rt_job *queued = NULL;
    CHECK(jk_runtime_submit(rt, &w, 0, &queued) == 0, "queued team");
    CHECK(!jk_runtime_job_finished(queued), "queued team waits for a worker");
    CHECK(jk_runtime_job_cancel(queued) == 1, "cancel a queued team");
    CHECK(jk_runtime_job_finished(queued) && jk_runtime_job_status(queued) == JK_RT_CANCELLED &&
              jk_runtime_job_wait(queued, 0) == JK_RT_CANCELLED,
          "a cancelled queued team is finished at once");
    CHECK(jk_runtime_job_cancel(queued) == 0, "cancel a finished team");
    static const size_t pn[2] = {100, 100}, pg[2] = {1, 1};
    jk_rt_phase ph[2];
    phases_ctx *pc = phases_new(2, pn, pg, ph);
    jk_rt_work pw = phases_work(pc, T, 2, ph);
    jk_rt_job *queued_phases = NULL;
    CHECK(jk_runtime_submit(rt, &pw, 0, &queued_phases) == 0, "queued phases");
    unsigned epoch = jk_runtime_cancel_epoch(rt);
    int count = jk_runtime_cancel_all(rt);
    CHECK(count == 2, "cancel_all: %d jobs (the holder and the queued phases)", count);
    CHECK(jk_runtime_cancel_epoch(rt) == epoch + 1, "epoch bumped");
    CHECK(jk_runtime_job_finished(queued_phases) && jk_runtime_job_wait(queued_phases, 0) == JK_RT_CANCELLED,
          "queued phases cancelled at once");
    /* The holder's members see jk_rt_stopped and return. */
    CHECK(jk_runtime_job_wait(busy, LONG_NS) == JK_RT_CANCELLED, "running holder cancelled");
    CHECK(atomic_load(&p.calls) == 0 && atomic_load(&pc->done[0]) == 0, "cancelled queued teams ran nothing");
    jk_runtime_job_free(busy);
    jk_runtime_job_free(queued);
    jk_runtime_job_free(queued_phases);
    phases_free(pc);
    CHECK(jk_runtime_cancel_all(rt) == 0 && jk_runtime_cancel_epoch(rt) == epoch + 2, "cancel_all with nothing bumps");

    /* A running async team: members waiting at a barrier are released, the job finishes. */
    for (int variant = 0; variant < 2; variant++) {
        CHECK(wait_all_idle(rt, T), "idle");
        cancel_ctx c;
        memset(&c, 0, sizeof c);
        jk_rt_work cw = team_work(variant ? cancel_member_all_wait : cancel_member, &c, T);
        jk_rt_job *j = NULL;
        CHECK(jk_runtime_submit(rt, &cw, 0, &j) == 0, "running team");
        CHECK(await_ge(&c.at_barrier, T - 1, LONG_NS), "members at the barrier");
        sleep_us(2000);
        CHECK(!jk_runtime_job_finished(j), "the team is waiting");
        CHECK(jk_runtime_job_cancel(j) == 1, "cancel a running team");
        CHECK(jk_runtime_job_wait(j, 5000 * MS) == JK_RT_CANCELLED, "variant %d: a cancelled team finishes", variant);
        CHECK(atomic_load(&c.holder_saw_stop) == JK_RT_CANCELLED, "the working member saw jk_rt_stopped");
        for (int r = 0; r < T; r++) {
            if (variant && r == T - 1) continue;
            CHECK(atomic_load(&c.barrier_result[r]) == JK_RT_CANCELLED + 1, "variant %d rank %d: barrier returned %d",
                  variant, r, atomic_load(&c.barrier_result[r]) - 1);
        }
        jk_runtime_job_free(j);
    }

    /* A running sync team, cancelled from another thread by cancel_all. */
    CHECK(wait_all_idle(rt, T), "idle");
    cancel_ctx c;
    memset(&c, 0, sizeof c);
    canceller_arg a = {rt, &c, 1, 0};
    pthread_t t;
    pthread_create(&t, NULL, canceller_main, &a);
    jk_rt_work cw = team_work(cancel_member, &c, T);
    CHECK(jk_runtime_run(rt, &cw, 0) == JK_RT_CANCELLED, "sync team cancelled by cancel_all");
    pthread_join(t, NULL);
    CHECK(a.cancelled == 1 && atomic_load(&c.barrier_result[1]) == JK_RT_CANCELLED + 1, "sync team: %d cancelled",
          a.cancelled);

    /* A running phases job stops: no later phase starts. */
    static const size_t sn[2] = {400, 400}, sg[2] = {1, 1};
    pc = phases_new(2, sn, sg, ph);
    pc->slow = 200;
    pw = phases_work(pc, T, 2, ph);
    jk_rt_job *j = NULL;
    CHECK(jk_runtime_submit(rt, &pw, 0, &j) == 0, "running phases");
    uint64_t limit = mono_ns() + LONG_NS;
    while (atomic_load(&pc->done[0]) < 3 && mono_ns() < limit) sleep_us(100);
    CHECK(jk_runtime_job_cancel(j) == 1, "cancel running phases");
    CHECK(jk_runtime_job_wait(j, 5000 * MS) == JK_RT_CANCELLED, "phases cancelled");
    int twice = 0;
    size_t ran = phase_visited(pc, 0, &twice);
    CHECK(ran < 400 && !twice, "phase 0 stopped early: %zu of 400", ran);
    CHECK(phase_visited(pc, 1, &twice) == 0, "phase 1 never started after the cancel");
    jk_runtime_job_free(j);
    phases_free(pc);

    /* The runtime still forms full teams afterwards. */
    CHECK(wait_all_idle(rt, T), "idle after cancels");
    jk_runtime_stop(rt);
}

/* Stop waits for a running team and a queued one (its rank reserved), which then runs. */
typedef struct {
    jk_runtime *rt;
    atomic_int returned;
} stopper_arg;

static void *stopper_main(void *arg) {
    stopper_arg *a = arg;
    jk_runtime_stop(a->rt);
    atomic_store(&a->returned, 1);
    return NULL;
}

static void test_stop_with_teams(void) {
    begin("stop_with_teams");
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    CHECK(wait_all_idle(rt, T), "idle");
    gate g = {0};
    jk_rt_work hold = team_work(hold_member, &g, T);
    jk_rt_job *running = NULL, *queued = NULL;
    CHECK(jk_runtime_submit(rt, &hold, 0, &running) == 0, "running team");
    CHECK(await_ge(&g.started, T, LONG_NS), "held");
    team_probe p;
    probe_init(&p, rt, 0, T);
    jk_rt_work w = team_work(probe_member, &p, T);
    CHECK(jk_runtime_submit(rt, &w, 1, &queued) == 0, "queued team");
    stopper_arg a = {rt, 0};
    pthread_t t;
    pthread_create(&t, NULL, stopper_main, &a);
    sleep_us(20000);
    CHECK(!atomic_load(&a.returned), "stop waits for the team jobs");
    jk_rt_job *j = NULL;
    CHECK(jk_runtime_submit(rt, &w, 0, &j) == JK_RT_STOPPING, "no new jobs while stopping");
    atomic_store(&g.release, 1);
    pthread_join(t, NULL);
    CHECK(jk_runtime_job_finished(running) && jk_runtime_job_status(running) == 0, "running team finished");
    CHECK(jk_runtime_job_finished(queued) && jk_runtime_job_wait(queued, 0) == 0, "queued team ran before the stop");
    check_probe(&p, T, T, "team queued at stop");
    CHECK(jk_runtime_job_free(running) == 0 && jk_runtime_job_free(queued) == 0, "detached jobs freed");
}

/* ---- 13. statistics -------------------------------------------------------------------- */

static int sleepy_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    sleep_us(2000);
    return 0;
}

static int yield_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    sched_yield();
    return 0;
}

static int fail_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    return 4;
}

typedef struct {
    uint64_t jobs, chunks, items, busy;
} stat_sum;

static stat_sum sum_stats(jk_runtime *rt, jk_rt_stats *s) {
    jk_rt_worker_stats ws[16];
    int n = jk_runtime_stats(rt, s, ws, 16);
    stat_sum r = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        r.jobs += ws[i].jobs;
        r.chunks += ws[i].chunks;
        r.items += ws[i].items;
        r.busy += ws[i].busy_ns;
    }
    return r;
}

static void test_stats(void) {
    begin("stats");
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, -1);
    if (!rt) return;
    jk_rt_stats s;
    jk_rt_worker_stats ws[4];
    CHECK(jk_runtime_stats(rt, &s, ws, 4) == T && s.threads == T, "entries");
    CHECK(jk_runtime_stats(rt, &s, ws, 1) == 1 && jk_runtime_stats(rt, &s, NULL, 0) == 0, "capped");
    stat_sum a = sum_stats(rt, &s);
    uint64_t finished = s.jobs_finished, failed = s.jobs_failed;

    CHECK(jk_runtime_run_range(rt, yield_chunk, NULL, 1000, 10, 0) == 0, "sync range");
    jk_rt_job *j = NULL;
    CHECK(jk_runtime_submit_range(rt, yield_chunk, NULL, 777, 7, 0, &j) == 0 && jk_runtime_job_wait(j, LONG_NS) == 0,
          "async range");
    jk_runtime_job_free(j);
    stat_sum b = sum_stats(rt, &s);
    CHECK(b.items - a.items == 1000 + 777, "range items on workers: %llu", (unsigned long long)(b.items - a.items));
    CHECK(b.chunks - a.chunks == 100 + 111, "range chunks on workers: %llu", (unsigned long long)(b.chunks - a.chunks));
    CHECK(b.jobs - a.jobs >= 2 && b.jobs - a.jobs <= 2 * T, "range jobs joined: %llu", (unsigned long long)(b.jobs - a.jobs));
    CHECK(s.jobs_finished - finished == 2 && s.jobs_failed == failed, "jobs finished %llu",
          (unsigned long long)(s.jobs_finished - finished));

    /* Team members count a chunk each, workers only; inline runs count nothing. */
    CHECK(wait_all_idle(rt, T), "idle");
    a = sum_stats(rt, &s);
    finished = s.jobs_finished;
    jk_rt_work w = team_work(nothing_member, NULL, T);
    CHECK(submit_wait(rt, &w) == 0, "async team");
    CHECK(wait_all_idle(rt, T), "idle");
    b = sum_stats(rt, &s);
    /* wait_all_idle ran async teams of T too: count them through jobs_finished. */
    uint64_t teams = s.jobs_finished - finished;
    CHECK(b.chunks - a.chunks == teams * T && b.items == a.items, "async teams of %d: %llu chunks for %llu teams", T,
          (unsigned long long)(b.chunks - a.chunks), (unsigned long long)teams);
    a = b;
    finished = s.jobs_finished;
    w = team_work(nothing_member, NULL, T);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "sync team"); /* caller + one worker */
    w = team_work(nothing_member, NULL, 1);
    CHECK(jk_runtime_run(rt, &w, 0) == 0, "inline team");
    CHECK(jk_runtime_run_range(rt, yield_chunk, NULL, 50, 1, JK_RT_INLINE) == 0, "inline range");
    b = sum_stats(rt, &s);
    CHECK(b.chunks - a.chunks == 1 && b.items == a.items && s.jobs_finished - finished == 1,
          "sync team: %llu worker chunks, %llu jobs", (unsigned long long)(b.chunks - a.chunks),
          (unsigned long long)(s.jobs_finished - finished));

    /* Failures count; busy_ns grows by at least the time chunks took. */
    a = sum_stats(rt, &s);
    failed = s.jobs_failed;
    CHECK(jk_runtime_run_range(rt, fail_chunk, NULL, 1, 1, 0) == 4, "failing job");
    CHECK(jk_runtime_run_range(rt, sleepy_chunk, NULL, 4, 1, 0) == 0, "sleepy job");
    b = sum_stats(rt, &s);
    CHECK(s.jobs_failed - failed == 1, "failed %llu", (unsigned long long)(s.jobs_failed - failed));
    CHECK(b.busy - a.busy >= 4 * 2000000ull, "busy_ns grew %llu for 4 chunks of 2 ms", (unsigned long long)(b.busy - a.busy));
    CHECK(b.items - a.items == 5, "items %llu", (unsigned long long)(b.items - a.items));
    CHECK(s.active == 0 && s.queued == 0 && s.callers == 0 && s.pending == 0, "quiet");
    jk_runtime_stop(rt);
}

/* ---- 14. workers block asynchronous signals --------------------------------------------- */

static int mask_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end, (void)self;
    sigset_t set;
    pthread_sigmask(SIG_BLOCK, NULL, &set);
    if (!sigismember(&set, SIGINT) || !sigismember(&set, SIGTERM) || !sigismember(&set, SIGALRM) ||
        !sigismember(&set, SIGUSR1) || sigismember(&set, SIGSEGV) || sigismember(&set, SIGBUS) ||
        sigismember(&set, SIGFPE))
        atomic_fetch_add((atomic_int *)ctx, 1);
    return 0;
}

static void test_worker_signals(void) {
    begin("worker_signals");
    jk_runtime *rt = start_rt(2, -1);
    if (!rt) return;
    atomic_int bad = 0;
    CHECK(jk_runtime_run_range(rt, mask_chunk, &bad, 20, 1, 0) == 0 && atomic_load(&bad) == 0,
          "workers block asynchronous signals, not faults: %d bad", atomic_load(&bad));
    jk_runtime_stop(rt);
}

/* ---- 15. a team never waits for a worker busy elsewhere (spinning workers) ---------------- */

/* Pins the calling thread: cpu >= 0 to that CPU, -1 back to `saved`. */
static cpu_set_t saved_affinity;
static int pin_self(int cpu) {
    if (cpu < 0) return pthread_setaffinity_np(pthread_self(), sizeof saved_affinity, &saved_affinity);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return pthread_setaffinity_np(pthread_self(), sizeof one, &one);
}

static int pin_member(void *ctx, jk_rt_self *self) {
    (void)self;
    return pin_self(*(int *)ctx) == 0 ? 0 : 3;
}

/* Member rank 1 stays 40 ms: afterwards one worker has been idle long enough
 * to sleep, the other has just begun to spin. */
static int asymmetric_member(void *ctx, jk_rt_self *self) {
    (void)ctx;
    jk_rt_barrier(self); /* two workers, not one taking both ranks in turn */
    if (self->rank == 1) sleep_us(40000);
    return 0;
}

typedef struct {
    atomic_int done;   /* the team under test finished */
    atomic_int late;   /* the watchdog had to release the holder first */
    gate *holder;
} watchdog_arg;

static void *watchdog_main(void *arg) {
    watchdog_arg *a = arg;
    uint64_t limit = mono_ns() + 1500 * MS;
    while (!atomic_load(&a->done) && mono_ns() < limit) sleep_us(1000);
    if (!atomic_load(&a->done)) atomic_store(&a->late, 1);
    atomic_store(&a->holder->release, 1);
    return NULL;
}

static void test_team_beside_spinner(void) {
    begin("team_beside_spinner");
    sched_getaffinity(0, sizeof saved_affinity, &saved_affinity);
    if (jk_available_cpus() < 2 || CPU_COUNT(&saved_affinity) < 2) {
        printf("team_beside_spinner: skipped (needs 2 CPUs for spinning workers)\n");
        return;
    }
    int cpu = -1;
    for (int i = 0; i < CPU_SETSIZE && cpu < 0; i++)
        if (CPU_ISSET(i, &saved_affinity)) cpu = i;
    enum { T = 2 };
    jk_runtime *rt = start_rt(T, 20 * MS);
    if (!rt) return;
    CHECK(jk_runtime_spin_ns(rt) == 20 * MS, "spin in effect");
    CHECK(wait_all_idle(rt, T), "idle");
    /* Everybody on one CPU: a spinning worker then runs only when the others let it, so
     * the two submissions below reach the runtime before it takes either. */
    CHECK(pin_self(cpu) == 0, "pin caller");
    jk_rt_work pin = team_work(pin_member, &cpu, T);
    CHECK(submit_wait(rt, &pin) == 0, "pin workers");
    for (int attempt = 0; attempt < 3; attempt++) {
        CHECK(wait_all_idle(rt, T), "idle");
        jk_rt_work asym = team_work(asymmetric_member, NULL, T);
        CHECK(submit_wait(rt, &asym) == 0, "asymmetric team");
        /* Now: one worker asleep, one spinning. A takes one of them (it holds it until
         * B is done), B is formed with the other and must not wait for A's. */
        gate hold = {0};
        watchdog_arg wd = {.holder = &hold};
        pthread_t t;
        pthread_create(&t, NULL, watchdog_main, &wd);
        jk_rt_work aw = team_work(hold_member, &hold, 1);
        jk_rt_job *a = NULL;
        CHECK(jk_runtime_submit(rt, &aw, 0, &a) == 0, "A");
        team_probe p;
        probe_init(&p, rt, 1, T);
        jk_rt_work bw = team_work(probe_member, &p, T);
        CHECK(jk_runtime_run(rt, &bw, 0) == 0, "B");
        atomic_store(&wd.done, 1);
        pthread_join(t, NULL);
        CHECK(!atomic_load(&wd.late), "attempt %d: a team of %d formed beside an idle worker waited for a worker busy in another job",
              attempt, atomic_load(&p.size));
        check_probe(&p, T, T, "B");
        CHECK(jk_runtime_job_wait(a, LONG_NS) == 0, "A");
        jk_runtime_job_free(a);
    }
    CHECK(pin_self(-1) == 0, "unpin caller");
    jk_runtime_stop(rt);
}

/* ---- 16. a retiring worker that was counted on as a spinner ---------------------------- */

/* A worker is frozen where it is (in its spin loop) by a signal whose handler
 * waits: workers leave SIGSEGV deliverable, and a spinner holds no lock. */
static atomic_int frozen, thaw;
static void freeze_handler(int sig) {
    (void)sig;
    atomic_store(&frozen, 1);
    struct timespec ts = {0, 1000000};
    while (!atomic_load(&thaw)) nanosleep(&ts, NULL);
}

typedef struct {
    pthread_t worker1;
    atomic_int have;
} who_ctx;

/* The member on worker slot 1 notes its thread and works 80 ms; the other returns. */
static int note_worker1(void *ctx, jk_rt_self *self) {
    who_ctx *c = ctx;
    jk_rt_barrier(self); /* two workers, not one taking both ranks in turn */
    if (self->worker == 1) {
        c->worker1 = pthread_self();
        atomic_store(&c->have, 1);
        sleep_us(80000);
    }
    return 0;
}

typedef struct {
    jk_runtime *rt;
    int threads, status;
} resize_arg;

static void *resize_main(void *arg) {
    resize_arg *a = arg;
    a->status = jk_runtime_resize(a->rt, a->threads);
    return NULL;
}

/* Thaws the frozen worker once the job is queued, or after a second whatever
 * happened (so that a worker frozen at a bad moment cannot hang the test). */
static atomic_int submitted;
static void *thaw_main(void *arg) {
    (void)arg;
    uint64_t limit = mono_ns() + 1000 * MS;
    while (!atomic_load(&submitted) && mono_ns() < limit) sleep_us(1000);
    sleep_us(20000);
    atomic_store(&thaw, 1);
    return NULL;
}

static void test_retire_spinner(void) {
    begin("retire_spinner");
    if (jk_available_cpus() < 2) {
        printf("retire_spinner: skipped (needs 2 CPUs for spinning workers)\n");
        return;
    }
    jk_runtime *rt = start_rt(2, 50 * MS);
    if (!rt) return;
    CHECK(wait_all_idle(rt, 2), "idle");
    /* Worker 0 idle for 80 ms (asleep after its 50 ms poll), worker 1 just began to poll. */
    who_ctx who;
    memset(&who, 0, sizeof who);
    jk_rt_work w = team_work(note_worker1, &who, 2);
    int st = submit_wait(rt, &w);
    CHECK(st == 0 && atomic_load(&who.have), "asymmetric team: status %d, worker 1 in it %d", st, atomic_load(&who.have));
    if (st != 0 || !atomic_load(&who.have)) {
        jk_runtime_stop(rt);
        return;
    }
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = freeze_handler;
    sigaction(SIGSEGV, &sa, &old);
    atomic_store(&frozen, 0);
    atomic_store(&thaw, 0);
    atomic_store(&submitted, 0);
    pthread_t thawer;
    pthread_create(&thawer, NULL, thaw_main, NULL);
    pthread_kill(who.worker1, SIGSEGV);
    CHECK(await_ge(&frozen, 1, LONG_NS), "worker 1 frozen while polling");
    /* Retire worker 1 (the resize waits for it to exit), let worker 0 poll and fall asleep again. */
    resize_arg ra = {rt, 1, -1};
    pthread_t r;
    pthread_create(&r, NULL, resize_main, &ra);
    sleep_us(150000);
    /* Work for worker 0. notify_workers counts worker 1 as a spinner that will take it. */
    atomic_int v[4] = {0};
    jk_rt_job *j = NULL;
    CHECK(jk_runtime_submit_range(rt, count_once, v, 4, 1, 0, &j) == 0, "submit");
    atomic_store(&submitted, 1); /* soon thawed: worker 1 sees the news, finds itself retired and exits */
    pthread_join(thawer, NULL);
    pthread_join(r, NULL);
    CHECK(ra.status == 0 && jk_runtime_threads(rt) == 1, "resize to 1");
    st = jk_runtime_job_wait(j, 2000 * MS);
    CHECK(st == 0, "a job queued while a retiring spinner was counted on waits for nobody: status %d", st);
    if (st == JK_RT_TIMEOUT) { /* unstick it: a new worker takes it */
        jk_runtime_resize(rt, 2);
        st = jk_runtime_job_wait(j, LONG_NS);
    }
    if (st != JK_RT_TIMEOUT) jk_runtime_job_free(j);
    sigaction(SIGSEGV, &old, NULL);
    jk_runtime_stop(rt);
}

/* ---- 17. broadcast in a stopped team ----------------------------------------------------- */

/* Rank 1 fails; the others keep broadcasting (barriers then return at once):
 * member 0 storing the value and the others loading it are not ordered any
 * more, which must not be a data race (TSan). */
static int bcast_after_fail(void *ctx, jk_rt_self *self) {
    atomic_int *bad = ctx;
    if (self->rank == 0) atomic_store(&bad[1], self->size);
    if (self->rank == 1) {
        sleep_us(1000);
        return 4;
    }
    static int token;
    for (int k = 0; k < 200; k++) {
        void *v = jk_rt_broadcast(self, self->rank == 0 ? &token : NULL);
        if (!jk_rt_stopped(self) && v != &token) atomic_fetch_add(bad, 1);
    }
    return 0;
}

static void test_broadcast_after_failure(void) {
    begin("broadcast_after_failure");
    jk_runtime *rt = start_rt(3, -1);
    if (!rt) return;
    for (int rep = 0; rep < 10; rep++) {
        CHECK(wait_all_idle(rt, 3), "idle");
        atomic_int bad[2] = {0, 0};
        jk_rt_work w = team_work(bcast_after_fail, bad, 3);
        int st = rep % 2 ? submit_wait(rt, &w) : jk_runtime_run(rt, &w, 0);
        CHECK(st == 4 && atomic_load(&bad[1]) == 3, "status %d, size %d", st, atomic_load(&bad[1]));
        CHECK(atomic_load(&bad[0]) == 0, "%d bad broadcasts before the failure", atomic_load(&bad[0]));
    }
    jk_runtime_stop(rt);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    uint64_t t0 = mono_ns();
    test_team_ranks();
    test_team_size_adapts();
    test_team_progress();
    test_barrier();
    test_inline_grains();
    test_phases();
    test_scratch();
    test_nested();
    test_fp_environment();
    test_fork();
    test_cursor_bounds();
    test_cursor_many_members();
    test_cancel_range_repeatedly();
    test_spin_policy();
    test_resize_with_teams();
    test_cancel_teams();
    test_stop_with_teams();
    test_stats();
    test_worker_signals();
    test_team_beside_spinner();
    test_retire_spinner();
    test_broadcast_after_failure();
    alarm(0);
    printf("team: %.1f s\n", (double)(mono_ns() - t0) / 1e9);
    return check_report("team");
}
