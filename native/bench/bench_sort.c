/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Native sort benchmark, without JNI: sort and argsort of random keys (and, for doubles, the pathological
 * patterns the contract names) on every ISA path, at 1 and N threads; the median of `rounds` timed calls
 * on fresh copies of the same input. Every result is checked against qsort.
 *
 * Usage: bench_sort [rounds] [isa] [n]   (default 5 rounds, every path, n = 10,000,000). Not a test: it measures.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jkernels/jkernels.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t state = 42;
static uint64_t next(void) {
    uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

enum { RANDOM, SORTED, REVERSED, EQUAL, FEW, ORGAN, SAWTOOTH, ONE_SWAP, PATTERNS };
static const char *pattern_names[] = {"random", "sorted", "reversed", "all-equal", "few-distinct", "organ-pipe",
                                      "sawtooth", "sorted+1-swap"};

/* Key i of a pattern, as a double in [0, n). */
static double pattern_key(int pattern, size_t i, size_t n) {
    switch (pattern) {
    case SORTED: return (double)i;
    case REVERSED: return (double)(n - i);
    case EQUAL: return 7.0;
    case FEW: return (double)(next() % 4);
    case ORGAN: return (double)(i < n / 2 ? i : n - i);
    case SAWTOOTH: return (double)(i % 1000);
    case ONE_SWAP: return (double)(i == n / 3 ? n / 2 : i == n / 2 ? n / 3 : i);
    default: return (double)(next() >> 11) * 0x1.0p-53;
    }
}

static void fill(int type, void *x, size_t n, int pattern) {
    for (size_t i = 0; i < n; i++) {
        double k = pattern_key(pattern, i, n);
        switch (type) {
        case JK_TYPE_F64: ((double *)x)[i] = k; break;
        case JK_TYPE_F32: ((float *)x)[i] = (float)k; break;
        case JK_TYPE_I64: ((int64_t *)x)[i] = pattern == RANDOM ? (int64_t)next() : (int64_t)k; break;
        default: ((int32_t *)x)[i] = pattern == RANDOM ? (int32_t)next() : (int32_t)k; break;
        }
    }
}

#define CMP(name, T)                                                   \
    static int name(const void *a, const void *b) {                    \
        T x = *(const T *)a, y = *(const T *)b;                        \
        return x < y ? -1 : x > y;                                     \
    }
CMP(cmp_f64, double)
CMP(cmp_f32, float)
CMP(cmp_i64, int64_t)
CMP(cmp_i32, int32_t)

static size_t size_of(int type) { return type == JK_TYPE_F64 || type == JK_TYPE_I64 ? 8 : 4; }

static int (*cmp_of(int type))(const void *, const void *) {
    return type == JK_TYPE_F64 ? cmp_f64 : type == JK_TYPE_F32 ? cmp_f32 : type == JK_TYPE_I64 ? cmp_i64 : cmp_i32;
}

static int by_median(const void *a, const void *b) { return cmp_f64(a, b); }

/* Median ms of `rounds` calls; checks the last result against qsort (sort) or as a sorting permutation. */
static double measure(jk_pool *pool, int type, int arg, size_t n, int pattern, int rounds, int *ok) {
    static const char *sorts[] = {"", "sort_f64", "sort_f32", "sort_i64", "sort_i32"};
    static const char *argsorts[] = {"", "argsort_f64", "argsort_f32", "argsort_i64", "argsort_i32"};
    size_t es = size_of(type);
    char *x = malloc(n * es), *y = malloc(n * es), *ref = malloc(n * es);
    int32_t *idx = malloc(n * sizeof(int32_t));
    double times[64];
    fill(type, x, n, pattern);
    const jk_op_def *op = jk_op_find(arg ? argsorts[type] : sorts[type]);
    for (int r = 0; r < rounds; r++) {
        memcpy(y, x, n * es);
        jk_args args = {.size = sizeof args};
        args.slot[0] = (jk_slot){y, n};
        if (arg) args.slot[1] = (jk_slot){idx, n};
        double t0 = now();
        jk_status st = jk_call(pool, op, &args, NULL, NULL, 0);
        times[r] = (now() - t0) * 1e3;
        if (st != JK_OK) *ok = 0;
    }
    memcpy(ref, x, n * es);
    qsort(ref, n, es, cmp_of(type));
    int (*cmp)(const void *, const void *) = cmp_of(type);
    for (size_t i = 0; i < n && *ok; i++) {
        const char *got = arg ? x + (size_t)idx[i] * es : y + i * es;
        if (cmp(got, ref + i * es) != 0) *ok = 0;
        if (arg && i > 0 && cmp(x + (size_t)idx[i - 1] * es, got) == 0 && idx[i - 1] > idx[i]) *ok = 0;
    }
    free(x), free(y), free(ref), free(idx);
    qsort(times, (size_t)rounds, sizeof times[0], by_median);
    return times[rounds / 2];
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5, only = argc > 2 ? atoi(argv[2]) : -1;
    size_t n = argc > 3 ? (size_t)atoll(argv[3]) : 10000000;
    if (rounds < 1 || rounds > 64) rounds = 5;
    cpu_set_t set;
    int cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    static const char *types[] = {"", "f64", "f32", "i64", "i32"};
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++) {
        if (only >= 0 && isa != only) continue;
        for (int threads = 1; threads <= cpus; threads = threads == cpus ? cpus + 1 : cpus) {
            jk_pool *pool;
            if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
            printf("isa %s, %d thread(s), n = %zu, median of %d (ms):\n",
                   isa == JK_ISA_REF ? "ref" : isa == JK_ISA_AVX2 ? "avx2" : "avx512", threads, n, rounds);
            for (int type = JK_TYPE_F64; type <= JK_TYPE_I32; type++)
                for (int arg = 0; arg <= 1; arg++) {
                    int ok = 1;
                    double ms = measure(pool, type, arg, n, RANDOM, rounds, &ok);
                    printf("  %-7s %s random        %8.1f%s\n", arg ? "argsort" : "sort", types[type], ms,
                           ok ? "" : "  WRONG");
                }
            for (int pattern = SORTED; pattern < PATTERNS; pattern++) {
                int ok = 1;
                double ms = measure(pool, JK_TYPE_F64, 0, n, pattern, rounds, &ok);
                printf("  sort    f64 %-14s %8.1f%s\n", pattern_names[pattern], ms, ok ? "" : "  WRONG");
            }
            jk_pool_destroy(pool);
        }
    }
    return 0;
}
