/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sort and argsort on every ISA path and team size, against references written the plain way: for floating
 * point, Arrays.sort's own first walk (NaNs to the end by its swaps, -0.0 counted and turned into 0.0), qsort
 * of the rest, the counted -0.0s written back; for argsort, qsort of (key in Java's order, index) pairs.
 * Every length up to 300, powers of two around the team and network sizes, and the patterns that break
 * careless quicksorts (under ThreadSanitizer, a sample: see UNDER_TSAN).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "jkernels/jkernels.h"

enum { F64 = JK_TYPE_F64, F32 = JK_TYPE_F32, I64 = JK_TYPE_I64, I32 = JK_TYPE_I32 };
static const char *sort_names[] = {"", "sort_f64", "sort_f32", "sort_i64", "sort_i32"};
static const char *argsort_names[] = {"", "argsort_f64", "argsort_f32", "argsort_i64", "argsort_i32"};
static size_t size_of(int type) { return type == F64 || type == I64 ? 8 : 4; }

enum { RANDOM, SORTED, REVERSED, EQUAL, FEW, ORGAN, SAWTOOTH, SPECIALS, KILLER, PATTERNS };

/* Key i of a pattern as a double; SPECIALS mixes NaNs of several payloads and signs, +-0.0 and +-Inf. */
static double key(int pattern, size_t i, size_t n) {
    static const uint64_t nans[] = {0x7FF8000000000000u, 0xFFF8000000000001u, 0x7FF0000000000123u, 0xFFF4000000000000u};
    switch (pattern) {
    case SORTED: return (double)i;
    case REVERSED: return -(double)i;
    case EQUAL: return 3;
    case FEW: return (double)(next_random() % 3);
    case ORGAN: return (double)(i < n / 2 ? i : n - i);
    case SAWTOOTH: return (double)(i % 17);
    case KILLER: return (double)(i % 2 ? i : n / 2 + i / 2); /* median-of-3 killer shape */
    case SPECIALS: {
        unsigned r = (unsigned)(next_random() % 8);
        if (r < 4) {
            double x;
            memcpy(&x, &nans[r], sizeof x);
            return x;
        }
        return r == 4 ? -0.0 : r == 5 ? 0.0 : r == 6 ? -INFINITY : (double)(next_random() % 5) - 2;
    }
    default: return random_double() * 1000;
    }
}

static void fill(int type, void *x, size_t n, int pattern) {
    for (size_t i = 0; i < n; i++) {
        double k = key(pattern, i, n);
        if (type == F64) ((double *)x)[i] = k;
        else if (type == F32) ((float *)x)[i] = (float)k; /* NaN payloads narrow; NaNs stay NaNs */
        else if (type == I64) ((int64_t *)x)[i] = pattern == RANDOM ? (int64_t)next_random() : k != k ? 9 : (int64_t)k;
        else ((int32_t *)x)[i] = pattern == RANDOM ? (int32_t)next_random() : k != k ? 9 : (int32_t)k;
    }
}

/* Java's order as a signed integer image (NaN largest, -0.0 below 0.0). */
static int64_t order(int type, const void *x, size_t i) {
    if (type == I64) return ((const int64_t *)x)[i];
    if (type == I32) return ((const int32_t *)x)[i];
    if (type == F64) {
        double v = ((const double *)x)[i];
        int64_t b;
        memcpy(&b, &v, 8);
        return v != v ? INT64_MAX : b ^ (int64_t)((uint64_t)(b >> 63) >> 1);
    }
    float v = ((const float *)x)[i];
    int32_t b;
    memcpy(&b, &v, 4);
    return v != v ? INT32_MAX : b ^ (int32_t)((uint32_t)(b >> 31) >> 1);
}

static int cmp_pair(const void *a, const void *b) {
    const int64_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* What Arrays.sort leaves: the walk, then the rest sorted by order (bijective off NaN), -0.0 written back. */
static void reference_sort(int type, char *x, size_t n) {
    size_t es = size_of(type), high = n, zeros = 0;
    if (type == F64 || type == F32) {
        for (size_t k = n; k > 0;) {
            k--;
            double v = type == F64 ? ((double *)x)[k] : ((float *)x)[k];
            if (v == 0 && signbit(v)) {
                zeros++;
                if (type == F64) ((double *)x)[k] = 0.0;
                else ((float *)x)[k] = 0.0f;
            } else if (v != v) {
                char t[8];
                high--;
                memcpy(t, x + k * es, es);
                memcpy(x + k * es, x + high * es, es);
                memcpy(x + high * es, t, es);
            }
        }
    }
    int64_t (*pairs)[2] = malloc((high ? high : 1) * sizeof *pairs);
    char *copy = malloc((high ? high : 1) * es);
    memcpy(copy, x, high * es);
    for (size_t i = 0; i < high; i++) pairs[i][0] = order(type, copy, i), pairs[i][1] = (int64_t)i;
    qsort(pairs, high, sizeof *pairs, cmp_pair);
    for (size_t i = 0; i < high; i++) memcpy(x + i * es, copy + (size_t)pairs[i][1] * es, es);
    for (size_t i = 0; i < high && zeros; i++) {
        double v = type == F64 ? ((double *)x)[i] : ((float *)x)[i];
        if (v == 0) {
            if (type == F64) ((double *)x)[i] = -0.0;
            else ((float *)x)[i] = -0.0f;
            zeros--;
        }
    }
    free(pairs);
    free(copy);
}

static int failures_shown = 0;

static void check_one(jk_pool *pool, int type, size_t n, int pattern, int isa, int threads) {
    size_t es = size_of(type);
    char *x = malloc(n * es + 1), *got = malloc(n * es + 1), *want = malloc(n * es + 1);
    int32_t *idx = malloc(n * 4 + 4);
    int64_t (*pairs)[2] = malloc((n + 1) * sizeof *pairs);
    fill(type, x, n, pattern);
    memcpy(got, x, n * es);
    memcpy(want, x, n * es);
    jk_args args = {.size = sizeof args};
    args.slot[0] = (jk_slot){got, n};
    jk_status st = jk_call(pool, jk_op_find(sort_names[type]), &args, NULL, NULL, 0);
    reference_sort(type, want, n);
    int same = st == JK_OK && memcmp(got, want, n * es) == 0;
    if (!same && failures_shown++ < 10) CHECK(same, "%s n=%zu pattern %d isa %d threads %d status %d", sort_names[type], n, pattern, isa, threads, st);
    else CHECK(same, "(more)");

    jk_args a2 = {.size = sizeof a2};
    a2.slot[0] = (jk_slot){x, n};
    a2.slot[1] = (jk_slot){idx, n};
    a2.i[0] = 5; /* indices of a slice at offset 5 */
    st = jk_call(pool, jk_op_find(argsort_names[type]), &a2, NULL, NULL, 0);
    for (size_t i = 0; i < n; i++) pairs[i][0] = order(type, x, i), pairs[i][1] = (int64_t)i;
    qsort(pairs, n, sizeof *pairs, cmp_pair);
    int ok = st == JK_OK;
    for (size_t i = 0; i < n && ok; i++) ok = idx[i] == (int32_t)pairs[i][1] + 5;
    if (!ok && failures_shown++ < 10) CHECK(ok, "%s n=%zu pattern %d isa %d threads %d status %d", argsort_names[type], n, pattern, isa, threads, st);
    else CHECK(ok, "(more)");
    free(x), free(got), free(want), free(idx), free(pairs);
}

static void bad_arguments(jk_pool *pool) {
    double x[4] = {3, 1, 2, 0};
    int32_t idx[4];
    jk_args a = {.size = sizeof a};
    a.slot[0] = (jk_slot){x, 4};
    a.slot[1] = (jk_slot){idx, 3};
    CHECK(jk_call(pool, jk_op_find("argsort_f64"), &a, NULL, NULL, 0) == JK_ERR_ARGUMENT, "lengths differ");
    a.slot[1] = (jk_slot){idx, 4};
    a.i[0] = -1;
    CHECK(jk_call(pool, jk_op_find("argsort_f64"), &a, NULL, NULL, 0) == JK_ERR_ARGUMENT, "negative offset");
    a.i[0] = INT32_MAX;
    CHECK(jk_call(pool, jk_op_find("argsort_f64"), &a, NULL, NULL, 0) == JK_ERR_ARGUMENT, "indices past 2^31 - 1");
    a.i[0] = INT32_MAX - 3;
    CHECK(jk_call(pool, jk_op_find("argsort_f64"), &a, NULL, NULL, 0) == JK_OK, "the last indices an int holds");
    CHECK(idx[0] == INT32_MAX - 3 + 3 && idx[3] == INT32_MAX - 3, "offset added: %d %d", idx[0], idx[3]);
    jk_args s = {.size = sizeof s};
    s.slot[0] = (jk_slot){NULL, 4};
    CHECK(jk_call(pool, jk_op_find("sort_f64"), &s, NULL, NULL, 0) == JK_ERR_NULL, "null keys");
}

/* argsort's words that cannot be allocated: JK_ERR_NOMEM, and the next call works. In a child process whose
 * address space is capped a little above what it uses (not under the sanitizers, whose shadow memory the cap
 * would break). */
static void out_of_memory(void) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    printf("sort: out-of-memory check skipped under a sanitizer\n");
#else
    size_t n = (size_t)64 << 20; /* 256 MiB of int keys; the words would need 512 MiB */
    int32_t *keys = calloc(n, sizeof *keys), *idx = calloc(n, sizeof *idx);
    if (!keys || !idx) {
        printf("sort: out-of-memory check skipped: no room for its input\n");
        free(keys), free(idx);
        return;
    }
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        jk_pool *pool;
        if (jk_pool_create(2, jk_isa_supported(), &pool) != JK_OK) _exit(3);
        long pages = 0;
        FILE *statm = fopen("/proc/self/statm", "r");
        if (!statm || fscanf(statm, "%ld", &pages) != 1) _exit(4);
        fclose(statm);
        struct rlimit cap = {.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)64 << 20)};
        cap.rlim_max = cap.rlim_cur;
        if (setrlimit(RLIMIT_AS, &cap) != 0) _exit(5);
        jk_args a = {.size = sizeof a};
        a.slot[0] = (jk_slot){keys, n};
        a.slot[1] = (jk_slot){idx, n};
        if (jk_call(pool, jk_op_find("argsort_i32"), &a, NULL, NULL, 0) != JK_ERR_NOMEM) _exit(6);
        a.slot[0].length = a.slot[1].length = 100000; /* 800 KB of words: fits */
        if (jk_call(pool, jk_op_find("argsort_i32"), &a, NULL, NULL, 0) != JK_OK || idx[99999] != 99999) _exit(7);
        jk_pool_destroy(pool);
        _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the capped child: status %d", status);
    free(keys), free(idx);
#endif
}

/* ThreadSanitizer looks for races, which need a team: under it the one-thread pass samples lengths as the
 * team passes do and keeps the random and mixed patterns of the mid sizes, and the two-thread team sees every
 * pattern at one size (32769) instead of three, and the huge sizes only the specials: 41 s become 29 s on
 * two AVX-512 cores. The plain and the Address+UB runs keep everything. */
#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif
#if UNDER_TSAN
enum { ONE_THREAD_STRIDE = 37, ONE_THREAD_ALL_PATTERNS = 0 };
#else
enum { ONE_THREAD_STRIDE = 1, ONE_THREAD_ALL_PATTERNS = 1 };
#endif

int main(void) {
    out_of_memory();
    /* Sized for the sanitizer runs too: every length to 300 on one thread (but under TSan), a sample of them on teams (which
     * only split from 32 Ki keys on), the team sizes on 2 and 3 threads. */
    static const size_t big[] = {511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 32767, 32768, 32769, 100000, 300000};
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
        for (int threads = 1; threads <= 3; threads++) {
            jk_pool *pool;
            if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
            for (int type = F64; type <= I32; type++) {
                for (size_t n = 0; n <= 300; n += threads == 1 ? ONE_THREAD_STRIDE : 37)
                    for (int p = 0; p < PATTERNS; p++)
                        if (n <= 70 || p == RANDOM || p == SPECIALS || p == FEW || p == KILLER)
                            check_one(pool, type, n, p, isa, threads);
                for (size_t b = 0; b < sizeof big / sizeof big[0]; b++)
                    for (int p = 0; p < PATTERNS; p++) {
                        int team = big[b] >= 32767;
                        int huge = big[b] >= 100000, mixed = p == SPECIALS || p == FEW;
                        int one = (!team && (ONE_THREAD_ALL_PATTERNS || p == RANDOM || mixed)) || (p == SPECIALS && big[b] == 100000u);
                        int many = team && (huge ? (p == SPECIALS || (mixed && !UNDER_TSAN)) && big[b] == (threads == 2 ? 300000u : 100000u)
                                                 : p == RANDOM || mixed || (threads == 2 && (!UNDER_TSAN || big[b] == 32769u)));
                        if (threads == 1 ? one : many)
                            check_one(pool, type, big[b], p, isa, threads);
                    }
            }
            if (threads == 1) bad_arguments(pool);
            jk_pool_destroy(pool);
        }
    return check_report("sort");
}
