/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels-stream: the machine's memory bandwidth, measured after STREAM (McCalpin)'s rules, so the
 * benchmark report can put every memory-bound kernel's GB/s beside the limit of the machine it ran on.
 * Written for this project from STREAM's rules, not from its code.
 *
 * usage: jkernels-stream ELEMENTS THREADS REPETITIONS [4k|2m]
 *
 * Tests, over arrays of ELEMENTS doubles each (the caller picks at least 4 x the L3 size per array):
 *   copy    c[i] = a[i]                16 bytes per element  \
 *   scale   b[i] = q * c[i]            16                     | STREAM's four: every write goes to a
 *   add     c[i] = a[i] + b[i]         24                     | line not read, which costs an uncounted
 *   triad   a[i] = b[i] + q * c[i]     24                    /  read first (write-allocate)
 *   sum     s += a[i]                   8   read only: the limit of sum, dot, norm2
 *   update  a[i] = q * a[i]            16   in place: the limit of scale (x *= a)
 *   axpy    b[i] = b[i] + q * a[i]     24   in place: the limit of axpy (y += a x)
 * Bytes are counted as STREAM counts them, what the loop reads and writes. A kernel is compared with the
 * test that moves the same kind of traffic; the in-place tests exist because a kernel that writes where it
 * just read pays no write-allocate, and beats STREAM's out-of-place tests by up to a third.
 *
 * Pages: 4k (the default) asks the kernel for small pages (MADV_NOHUGEPAGE), as a JVM heap gets without
 * -XX:+UseTransparentHugePages; 2m aligns the arrays to 2 MiB and asks for transparent huge pages
 * (MADV_HUGEPAGE), which spares the TLB misses of a 4 KiB page walk. The output says how much of the arrays
 * the kernel really backed with huge pages.
 *
 * Rules kept from STREAM: each thread first touches the slice it later works on (so pages sit near it); a
 * test's time is from a barrier before to a barrier after, taken by thread 0; the first repetition is not
 * counted; the result is the best remaining repetition. One rule changed: each test runs its repetitions
 * back to back, as a benchmark harness calls a kernel, rather than interleaved with the other tests, whose
 * dirty lines left in the cache would be written back during the next test's time.
 *
 * Output, one line per test, for the bench harness to parse:
 *   STREAM test=copy threads=2 elements=16777216 bytes=268435456 best_s=0.0123 gbs=21.83 isa=avx512f pages=2m huge=100
 * (huge: the percent of the three arrays on huge pages).
 *
 * Built with portable flags (-march=x86-64-v2); the loops carry target_clones, so the CPU picks its
 * AVX-512, AVX2 or baseline copy at load time; `isa=` says which the CPU supports best.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default"), noinline))

enum { COPY, SCALE, ADD, TRIAD, SUM, UPDATE, AXPY, TESTS };
static const char *const NAMES[TESTS] = {"copy", "scale", "add", "triad", "sum", "update", "axpy"};
static const int BYTES_PER_ELEMENT[TESTS] = {16, 16, 24, 24, 8, 16, 24};
static const size_t HUGE_PAGE = 2u << 20;

static double *a, *b, *c;
static size_t elements;
static int threads;
static int repetitions;
static pthread_barrier_t barrier;
static double *times; /* [TESTS][repetitions] */
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

CLONES static void update_(double *restrict x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] = q * x[i];
}

CLONES static void axpy_(double *restrict y, const double *restrict x, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = y[i] + q * x[i];
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void run_test(int test, int id, size_t from, size_t n) {
    switch (test) {
    case COPY: copy_(c + from, a + from, n); break;
    case SCALE: scale_(b + from, c + from, n); break;
    case ADD: add_(c + from, a + from, b + from, n); break;
    case TRIAD: triad_(a + from, b + from, c + from, n); break;
    case SUM: sums[id] += sum_(a + from, n); break;
    case UPDATE: update_(a + from, n); break;
    case AXPY: axpy_(b + from, a + from, n); break;
    }
}

static void *worker(void *arg) {
    int id = (int)(size_t)arg;
    size_t from = elements * id / threads, to = elements * (id + 1) / threads, n = to - from;
    for (size_t i = from; i < to; i++) { /* first touch by the thread that works on the slice */
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.0;
    }
    for (int t = 0; t < TESTS; t++) {
        for (int r = 0; r < repetitions; r++) {
            pthread_barrier_wait(&barrier);
            double start = id == 0 ? now() : 0;
            run_test(t, id, from, n);
            pthread_barrier_wait(&barrier);
            if (id == 0) times[t * repetitions + r] = now() - start;
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

/* An array of `bytes`, aligned for huge pages, with the page size asked for (advice only: it may be ignored). */
static double *allocate(size_t bytes, int huge) {
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, rounded)) return NULL;
    madvise(p, rounded, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

/* The kB of anonymous memory on huge pages (/proc/self/smaps_rollup), or -1 when it cannot be read. */
static long anon_huge_kb(void) {
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1) break;
    }
    fclose(f);
    return kb;
}

/* Replays every test's repetitions on one element, to know what each array must hold at the end. */
static void expected_values(double *ea, double *eb, double *ec) {
    double x = 1.0, y = 2.0, z = 0.0;
    for (int r = 0; r < repetitions; r++) z = x;         /* copy */
    for (int r = 0; r < repetitions; r++) y = q * z;     /* scale */
    for (int r = 0; r < repetitions; r++) z = x + y;     /* add */
    for (int r = 0; r < repetitions; r++) x = y + q * z; /* triad */
    for (int r = 0; r < repetitions; r++) x = q * x;     /* update */
    for (int r = 0; r < repetitions; r++) y = y + q * x; /* axpy */
    *ea = x;
    *eb = y;
    *ec = z;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s ELEMENTS THREADS REPETITIONS [4k|2m]\n", argv[0]);
        return 2;
    }
    elements = strtoull(argv[1], NULL, 10);
    threads = atoi(argv[2]);
    repetitions = atoi(argv[3]);
    const char *pages = argc == 5 ? argv[4] : "4k";
    if (elements < 1024 || threads < 1 || threads > 1024 || repetitions < 2 || repetitions > 100
        || (strcmp(pages, "4k") != 0 && strcmp(pages, "2m") != 0)) {
        fprintf(stderr, "%s: need ELEMENTS >= 1024, 1 <= THREADS <= 1024, 2 <= REPETITIONS <= 100, pages 4k or 2m\n",
                argv[0]);
        return 2;
    }
    int huge = strcmp(pages, "2m") == 0;
    size_t bytes = elements * sizeof(double);
    a = allocate(bytes, huge);
    b = allocate(bytes, huge);
    c = allocate(bytes, huge);
    times = calloc((size_t)repetitions * TESTS, sizeof(double));
    pthread_t *ids = calloc((size_t)threads, sizeof(pthread_t));
    if (!a || !b || !c || !times || !ids) {
        fprintf(stderr, "%s: cannot allocate 3 x %zu bytes\n", argv[0], bytes);
        return 1;
    }
    pthread_barrier_init(&barrier, NULL, (unsigned)threads);
    for (int i = 1; i < threads; i++) {
        if (pthread_create(&ids[i], NULL, worker, (void *)(size_t)i)) {
            fprintf(stderr, "%s: cannot start thread %d\n", argv[0], i);
            return 1;
        }
    }
    worker(0);
    for (int i = 1; i < threads; i++) pthread_join(ids[i], NULL);
    long huge_kb = anon_huge_kb();
    int huge_percent = huge_kb < 0 ? -1 : (int)(100.0 * huge_kb * 1024 / (3.0 * bytes) + 0.5);
    if (huge_percent > 100) huge_percent = 100;

    /* Check the values, as STREAM does: a wrong result is not a bandwidth. */
    double ea, eb, ec;
    expected_values(&ea, &eb, &ec);
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
        double best = times[t * repetitions + 1];
        for (int r = 2; r < repetitions; r++) {
            if (times[t * repetitions + r] < best) best = times[t * repetitions + r];
        }
        size_t moved = (size_t)BYTES_PER_ELEMENT[t] * elements;
        printf("STREAM test=%s threads=%d elements=%zu bytes=%zu best_s=%.6f gbs=%.3f isa=%s pages=%s huge=%d\n",
               NAMES[t], threads, elements, moved, best, moved / best / 1e9, isa(), pages, huge_percent);
    }
    fprintf(stderr, "checksum %g\n", checksum);
    return 0;
}
