/* SPDX-License-Identifier: Apache-2.0 */
/* The pthread runtime: every index exactly once at every thread count, many
 * submitting threads at once, failing chunks, clean start and stop. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "runtime/runtime.h"

typedef struct {
    atomic_int *visits;
    size_t fail_at; /* index whose chunk fails; SIZE_MAX for none */
} visit_job;

static int visit(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    visit_job *job = ctx;
    for (size_t i = begin; i < end; i++) {
        if (i == job->fail_at) return 3;
        atomic_fetch_add(&job->visits[i], 1);
    }
    return 0;
}

static int callers_of(jk_runtime *rt) {
    jk_rt_stats stats;
    jk_runtime_stats(rt, &stats, NULL, 0);
    return stats.callers;
}

static int visited_once(atomic_int *visits, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (atomic_load(&visits[i]) != 1) return 0;
    return 1;
}

static void test_every_index_once(void) {
    static const size_t sizes[] = {0, 1, 2, 3, 7, 64, 1000, 100003};
    static const size_t grains[] = {1, 2, 7, 64, 100000, 1 << 20};
    for (int threads = 1; threads <= 8; threads++) {
        int status;
        jk_runtime *rt = jk_runtime_start(threads, -1, &status);
        CHECK(rt && status == 0, "start %d threads", threads);
        if (!rt) continue;
        CHECK(jk_runtime_threads(rt) == threads, "threads %d", jk_runtime_threads(rt));
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            for (size_t g = 0; g < sizeof grains / sizeof *grains; g++) {
                size_t n = sizes[s];
                atomic_int *visits = calloc(n + 1, sizeof *visits);
                visit_job job = {visits, SIZE_MAX};
                int rc = jk_runtime_run_range(rt, visit, &job, n, grains[g], 0);
                CHECK(rc == 0, "run status %d", rc);
                CHECK(visited_once(visits, n), "threads=%d n=%zu grain=%zu", threads, n, grains[g]);
                free(visits);
            }
        }
        jk_runtime_stop(rt);
    }
}

typedef struct {
    jk_runtime *rt;
    int seed;
    int failures;
} submitter;

static void *submit_many(void *arg) {
    submitter *s = arg;
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(s->seed * 131 + round * 17) % 5000 + 1;
        atomic_int *visits = calloc(n, sizeof *visits);
        visit_job job = {visits, SIZE_MAX};
        if (jk_runtime_run_range(s->rt, visit, &job, n, (size_t)(round % 13) + 1, 0) != 0 || !visited_once(visits, n))
            s->failures++;
        free(visits);
    }
    return NULL;
}

static void test_queued_jobs_from_many_threads(void) {
    int status;
    jk_runtime *rt = jk_runtime_start(2, -1, &status);
    CHECK(rt != NULL, "start");
    if (!rt) return;
    enum { SUBMITTERS = 8 };
    pthread_t callers[SUBMITTERS];
    submitter subs[SUBMITTERS];
    for (int i = 0; i < SUBMITTERS; i++) {
        subs[i] = (submitter){rt, i, 0};
        pthread_create(&callers[i], NULL, submit_many, &subs[i]);
    }
    for (int i = 0; i < SUBMITTERS; i++) {
        pthread_join(callers[i], NULL);
        CHECK(subs[i].failures == 0, "submitter %d had %d bad jobs", i, subs[i].failures);
    }
    jk_runtime_stop(rt);
}

static void test_failing_chunk_keeps_pool(void) {
    int status;
    jk_runtime *rt = jk_runtime_start(3, -1, &status);
    if (!rt) {
        CHECK(0, "start");
        return;
    }
    size_t n = 10000;
    atomic_int *visits = calloc(n, sizeof *visits);
    visit_job failing = {visits, 4321};
    CHECK(jk_runtime_run_range(rt, visit, &failing, n, 10, 0) == 3, "failing job reports the chunk's status");
    memset(visits, 0, n * sizeof *visits);
    visit_job ok = {visits, SIZE_MAX};
    CHECK(jk_runtime_run_range(rt, visit, &ok, n, 10, 0) == 0, "the pool keeps working after a failure");
    CHECK(visited_once(visits, n), "complete after failure");
    free(visits);
    jk_runtime_stop(rt);
}

static int count_tasks(void) {
    /* Threads of this process, from /proc/self/status. */
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int threads = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "Threads:", 8) == 0) threads = atoi(line + 8);
    if (f) fclose(f);
    return threads;
}

static void test_start_stop_leaves_no_thread(void) {
    int before = count_tasks();
    for (int i = 0; i < 100; i++) {
        int status;
        jk_runtime *rt = jk_runtime_start(1 + i % 5, -1, &status);
        CHECK(rt != NULL, "start %d", i);
        if (i % 2) { /* stop right after a job, and right after start */
            atomic_int visits[16] = {0};
            visit_job job = {visits, SIZE_MAX};
            jk_runtime_run_range(rt, visit, &job, 16, 1, 0);
        }
        jk_runtime_stop(rt);
    }
    /* A joined thread can linger in the count for a moment while the kernel ends it. */
    int after = count_tasks();
    for (int wait = 0; wait < 100 && after > before; wait++) {
        usleep(10000);
        after = count_tasks();
    }
    CHECK(after <= before, "threads before %d after %d", before, after);
    jk_runtime_stop(NULL); /* ignored */
}

/* A job whose chunks wait until the test releases them. */
typedef struct {
    atomic_int started;
    atomic_int release;
} gate_job;

static int wait_at_gate(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    gate_job *g = ctx;
    (void)begin, (void)end, (void)self;
    atomic_fetch_add(&g->started, 1);
    while (!atomic_load(&g->release)) sched_yield();
    return 0;
}

typedef struct {
    jk_runtime *rt;
    gate_job *gate;
    size_t n;
    int status;
} gate_caller;

static void *run_gate(void *arg) {
    gate_caller *c = arg;
    c->status = jk_runtime_run_range(c->rt, wait_at_gate, c->gate, c->n, 1, 0);
    return NULL;
}

/* only_if_idle refuses while another job runs, without running anything. */
static void test_only_if_idle(void) {
    int status;
    jk_runtime *rt = jk_runtime_start(2, -1, &status);
    if (!rt) {
        CHECK(0, "start");
        return;
    }
    atomic_int visits[8] = {0};
    visit_job idle_job = {visits, SIZE_MAX};
    CHECK(jk_runtime_run_range(rt, visit, &idle_job, 8, 1, 1) == 0 && visited_once(visits, 8), "runs when idle");

    gate_job gate = {0};
    gate_caller caller = {rt, &gate, 1, -1};
    pthread_t t;
    pthread_create(&t, NULL, run_gate, &caller);
    while (atomic_load(&gate.started) == 0) sched_yield();
    atomic_int untouched[8] = {0};
    visit_job refused = {untouched, SIZE_MAX};
    CHECK(jk_runtime_run_range(rt, visit, &refused, 8, 1, 1) == 8, "busy while a worker runs a job");
    int any = 0;
    for (int i = 0; i < 8; i++) any |= atomic_load(&untouched[i]);
    CHECK(!any, "a refused job runs nothing");
    atomic_store(&gate.release, 1);
    pthread_join(t, NULL);
    CHECK(caller.status == 0, "gate job status %d", caller.status);
    jk_runtime_stop(rt);
}

/* Stopping while callers wait lets their jobs finish before the runtime is freed. */
static void test_stop_waits_for_callers(void) {
    int status;
    jk_runtime *rt = jk_runtime_start(1, -1, &status);
    if (!rt) {
        CHECK(0, "start");
        return;
    }
    gate_job gate = {0};
    gate_caller callers[3];
    pthread_t threads[3];
    for (int i = 0; i < 3; i++) {
        callers[i] = (gate_caller){rt, &gate, 4, -1};
        pthread_create(&threads[i], NULL, run_gate, &callers[i]);
    }
    /* One job runs (its chunk waits at the gate), two are queued: all three callers are inside. */
    while (callers_of(rt) < 3) sched_yield();
    atomic_store(&gate.release, 1); /* release as stop begins: stop must wait for all three */
    jk_runtime_stop(rt);
    for (int i = 0; i < 3; i++) {
        pthread_join(threads[i], NULL);
        CHECK(callers[i].status == 0, "caller %d status %d: its queued job ran to the end", i, callers[i].status);
    }
}

int main(void) {
    test_every_index_once();
    test_queued_jobs_from_many_threads();
    test_failing_chunk_keeps_pool();
    test_start_stop_leaves_no_thread();
    test_only_if_idle();
    test_stop_waits_for_callers();
    return check_report("runtime");
}
