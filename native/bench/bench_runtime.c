/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Native micro-benchmark of the runtime's fixed costs, without JNI or any kernel:
 *   handoff  - one job of one chunk that does nothing, run back to back on the workers
 *              (the caller queues it and waits): the hand-off latency a small call pays;
 *   async    - one asynchronous job of one chunk, submitted with notify and collected with
 *              jk_runtime_next_finished: the native part of a submit(...).join();
 *   cold     - the same as handoff with 2 ms of idle time before each job, so sleeping workers must wake;
 *   claim    - one job of 2^21 empty chunks of one index each: the cost of claiming, running and
 *              counting one chunk, at 1 and 2 workers (time / chunks).
 * Each figure is the median over rounds, with the min-max spread of the round medians.
 * Usage: bench_runtime [rounds]   (default 7). Not a test: it asserts nothing, it measures.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "runtime/runtime.h"

static int nothing(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end, (void)self;
    return 0;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void sleep_ns(long ns) {
    struct timespec ts = {0, ns};
    nanosleep(&ts, NULL);
}

/* Median latency of `calls` one-chunk jobs, with `idle_ns` of sleep before each. */
static double handoff_round(jk_runtime *rt, int calls, long idle_ns) {
    double *t = malloc(calls * sizeof *t);
    for (int i = 0; i < calls; i++) {
        if (idle_ns) sleep_ns(idle_ns);
        double t0 = now_ns();
        jk_runtime_run_range(rt, nothing, NULL, 1, 1, 0);
        t[i] = now_ns() - t0;
    }
    double m = median(t, calls);
    free(t);
    return m;
}

/* Median latency of `calls` asynchronous one-chunk jobs, each submitted with
 * notify and collected with jk_runtime_next_finished (how the Java side waits). */
static double async_round(jk_runtime *rt, int calls) {
    double *t = malloc(calls * sizeof *t);
    for (int i = 0; i < calls; i++) {
        double t0 = now_ns();
        jk_rt_job *job = NULL, *done = NULL;
        if (jk_runtime_submit_range(rt, nothing, NULL, 1, 1, 1, &job) != 0 ||
            jk_runtime_next_finished(rt, -1, &done) != 0 || done != job) {
            fprintf(stderr, "bench_runtime: an asynchronous job was not handed back\n");
            exit(1);
        }
        jk_runtime_job_free(done);
        t[i] = now_ns() - t0;
    }
    double m = median(t, calls);
    free(t);
    return m;
}

static double claim_round(jk_runtime *rt, size_t chunks) {
    double t0 = now_ns();
    jk_runtime_run_range(rt, nothing, NULL, chunks, 1, 0);
    return (now_ns() - t0) / chunks;
}

static void report(const char *what, const char *unit, double *rounds, int n) {
    double lo = rounds[0], hi = rounds[0];
    for (int i = 1; i < n; i++) {
        if (rounds[i] < lo) lo = rounds[i];
        if (rounds[i] > hi) hi = rounds[i];
    }
    printf("%-28s median %8.1f %s  (rounds %.1f-%.1f, n=%d)\n", what, median(rounds, n), unit, lo, hi, n);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    if (rounds < 1 || rounds > 100) rounds = 7;
    double *r = malloc(rounds * sizeof *r);
    for (int threads = 1; threads <= 2; threads++) {
        int st;
        jk_runtime *rt = jk_runtime_start(threads, -1, &st);
        if (!rt) {
            fprintf(stderr, "cannot start %d workers: status %d\n", threads, st);
            return 1;
        }
        char label[64];
        handoff_round(rt, 2000, 0); /* warm-up */
        for (int i = 0; i < rounds; i++) r[i] = handoff_round(rt, 20000, 0);
        snprintf(label, sizeof label, "handoff, %d worker%s", threads, threads > 1 ? "s" : "");
        report(label, "ns", r, rounds);
        async_round(rt, 2000);
        for (int i = 0; i < rounds; i++) r[i] = async_round(rt, 20000);
        snprintf(label, sizeof label, "async job, %d worker%s", threads, threads > 1 ? "s" : "");
        report(label, "ns", r, rounds);
        for (int i = 0; i < rounds; i++) r[i] = handoff_round(rt, 200, 2000000);
        snprintf(label, sizeof label, "cold handoff, %d worker%s", threads, threads > 1 ? "s" : "");
        report(label, "ns", r, rounds);
        claim_round(rt, 1 << 18);
        for (int i = 0; i < rounds; i++) r[i] = claim_round(rt, 1 << 21);
        snprintf(label, sizeof label, "chunk claim, %d worker%s", threads, threads > 1 ? "s" : "");
        report(label, "ns/chunk", r, rounds);
        jk_runtime_stop(rt);
    }
    free(r);
    return 0;
}
