/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels-stream: the machine's memory bandwidth, measured the way STREAM (McCalpin) does, so the
 * benchmark report can put every memory-bound kernel's GB/s beside the limit of the machine it ran on.
 * Written for this project from STREAM's rules, not from its code.
 *
 * usage: jkernels-stream ELEMENTS THREADS REPETITIONS
 *
 * Tests, over arrays of ELEMENTS doubles each (the caller picks at least 4 x the L3 size per array):
 *   copy   c[i] = a[i]                16 bytes per element
 *   scale  b[i] = q * c[i]            16
 *   add    c[i] = a[i] + b[i]         24
 *   triad  a[i] = b[i] + q * c[i]     24
 *   sum    s += a[i] (read only)       8   not one of STREAM's four: the limit for read-only kernels
 *                                          (sum, dot), which never write
 * Bytes are counted as STREAM counts them: what the loop reads and writes, not the extra read a
 * cache line costs before it is written (write-allocate).
 *
 * Rules kept from STREAM: each thread first touches the slice it later works on (so pages sit near it);
 * every repetition runs every test; a test's time is from a barrier before to a barrier after, taken by
 * thread 0; the first repetition is not counted; the result is the best remaining repetition.
 *
 * Output, one line per test, for the bench harness to parse:
 *   STREAM test=copy threads=2 elements=16777216 bytes=268435456 best_s=0.0123 gbs=21.83 isa=avx512f
 *
 * Built with portable flags (-march=x86-64-v2); the loops carry target_clones, so the CPU picks its
 * AVX-512, AVX2 or baseline copy at load time; `isa=` says which the CPU supports best.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default"), noinline))

enum { COPY, SCALE, ADD, TRIAD, SUM, TESTS };
static const char *const NAMES[TESTS] = {"copy", "scale", "add", "triad", "sum"};
static const int BYTES_PER_ELEMENT[TESTS] = {16, 16, 24, 24, 8};

static double *a, *b, *c;
static size_t elements;
static int threads;
static int repetitions;
static pthread_barrier_t barrier;
static double *times; /* [repetitions][TESTS] */
static double sums[1024];
static const double q = 3.0;

CLONES static void copy_(double *restrict to, const double *restrict from, size_t n) {
    for (size_t i = 0; i < n; i++) to[i] = from[i];
}

CLONES static void scale_(double *restrict to, const double *restrict from, size_t n) {
    for (size_t i = 0; i < n; i++) to[i] = q * from[i];
}

CLONES static void add_(double *restrict to, const double *restrict x, const double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) to[i] = x[i] + y[i];
}

CLONES static void triad_(double *restrict to, const double *restrict x, const double *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) to[i] = x[i] + q * y[i];
}

/* Eight independent sums: one add chain would measure add latency, not memory. */
CLONES static double sum_(const double *restrict x, size_t n) {
    double s[8] = {0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 8; k++) s[k] += x[i + k];
    }
    for (; i < n; i++) s[0] += x[i];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *worker(void *arg) {
    int id = (int)(size_t)arg;
    size_t from = elements * id / threads, to = elements * (id + 1) / threads, n = to - from;
    for (size_t i = from; i < to; i++) { /* first touch by the thread that works on the slice */
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.0;
    }
    for (int r = 0; r < repetitions; r++) {
        for (int t = 0; t < TESTS; t++) {
            pthread_barrier_wait(&barrier);
            double start = id == 0 ? now() : 0;
            switch (t) {
            case COPY: copy_(c + from, a + from, n); break;
            case SCALE: scale_(b + from, c + from, n); break;
            case ADD: add_(c + from, a + from, b + from, n); break;
            case TRIAD: triad_(a + from, b + from, c + from, n); break;
            case SUM: sums[id] += sum_(a + from, n); break;
            }
            pthread_barrier_wait(&barrier);
            if (id == 0) times[r * TESTS + t] = now() - start;
        }
    }
    return NULL;
}

static const char *isa(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return "avx512f";
    if (__builtin_cpu_supports("avx2")) return "avx2";
    return "baseline";
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s ELEMENTS THREADS REPETITIONS\n", argv[0]);
        return 2;
    }
    elements = strtoull(argv[1], NULL, 10);
    threads = atoi(argv[2]);
    repetitions = atoi(argv[3]);
    if (elements < 1024 || threads < 1 || threads > 1024 || repetitions < 2 || repetitions > 100) {
        fprintf(stderr, "%s: need ELEMENTS >= 1024, 1 <= THREADS <= 1024, 2 <= REPETITIONS <= 100\n", argv[0]);
        return 2;
    }
    size_t bytes = elements * sizeof(double);
    if (posix_memalign((void **)&a, 4096, bytes) || posix_memalign((void **)&b, 4096, bytes)
        || posix_memalign((void **)&c, 4096, bytes)) {
        fprintf(stderr, "%s: cannot allocate 3 x %zu bytes\n", argv[0], bytes);
        return 1;
    }
    times = calloc((size_t)repetitions * TESTS, sizeof(double));
    pthread_barrier_init(&barrier, NULL, (unsigned)threads);
    pthread_t *ids = calloc((size_t)threads, sizeof(pthread_t));
    for (int i = 1; i < threads; i++) {
        if (pthread_create(&ids[i], NULL, worker, (void *)(size_t)i)) {
            fprintf(stderr, "%s: cannot start thread %d\n", argv[0], i);
            return 1;
        }
    }
    worker(0);
    for (int i = 1; i < threads; i++) pthread_join(ids[i], NULL);

    /* Check the last repetition's values, as STREAM does: a wrong result is not a bandwidth. */
    double ea = 1.0, eb = 2.0, ec = 0.0;
    for (int r = 0; r < repetitions; r++) {
        ec = ea;
        eb = q * ec;
        ec = ea + eb;
        ea = eb + q * ec;
    }
    for (size_t i = 0; i < elements; i += elements / 97 + 1) {
        if (a[i] != ea || b[i] != eb || c[i] != ec) {
            fprintf(stderr, "%s: wrong values at %zu: %g %g %g, expected %g %g %g\n", argv[0], i, a[i], b[i], c[i],
                    ea, eb, ec);
            return 1;
        }
    }
    double checksum = 0;
    for (int i = 0; i < threads; i++) checksum += sums[i];

    for (int t = 0; t < TESTS; t++) {
        double best = times[TESTS + t];
        for (int r = 2; r < repetitions; r++) {
            if (times[r * TESTS + t] < best) best = times[r * TESTS + t];
        }
        size_t moved = (size_t)BYTES_PER_ELEMENT[t] * elements;
        printf("STREAM test=%s threads=%d elements=%zu bytes=%zu best_s=%.6f gbs=%.3f isa=%s\n", NAMES[t], threads,
               elements, moved, best, moved / best / 1e9, isa());
    }
    fprintf(stderr, "checksum %g\n", checksum);
    return 0;
}
