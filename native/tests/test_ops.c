/* SPDX-License-Identifier: Apache-2.0 */
/* The op layer, generically: every registered operation is described
 * consistently, has a reference variant for each of its kernels, rejects bad
 * arguments before running anything, and gives the same bits on every ISA
 * path the CPU has as on the reference path (for the operations this test can
 * feed on its own: streaming ones without integer scalars). */
#define _GNU_SOURCE /* nanosleep */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "ops/ops.h"

static void test_registry(void) {
    int n = jk_op_count();
    CHECK(n >= 8, "operations registered: %d", n);
    for (int i = 0; i < n; i++) {
        const jk_op_def *def = jk_op_at(i);
        CHECK(def && def->name && def->prepare, "definition %d is complete", i);
        if (!def) continue;
        CHECK(jk_op_find(def->name) == def, "%s is found by name", def->name);
        if (i > 0) CHECK(strcmp(jk_op_at(i - 1)->name, def->name) < 0, "sorted, unique: %s", def->name);
        CHECK(def->slots <= JK_MAX_SLOTS && def->ints <= JK_MAX_INTS && def->reals <= JK_MAX_REALS, "%s counts", def->name);
        CHECK(!(def->flags & JK_OP_STREAMING) || def->slots <= 1 || (def->flags & (JK_OP_SAME_LENGTH | JK_OP_SLOT_UNITS)),
              "%s: a streaming op's slots all have one length (windows cut every slot alike), or it gives each slot "
              "its unit", def->name);
        CHECK(!(def->flags & JK_OP_SLOT_UNITS) || (def->flags & JK_OP_STREAMING), "%s: slot units are for streaming",
              def->name);
        for (int k = 0; k < JK_OP_MAX_KERNELS; k++) {
            int any = 0;
            for (int isa = 0; isa < JK_ISA_COUNT; isa++) any |= def->kernels[k][isa] != NULL;
            CHECK(!any || def->kernels[k][JK_ISA_REF], "%s kernel %d has a reference variant", def->name, k);
        }
        jk_op_info info = {.size = sizeof info};
        CHECK(jk_op_describe(def, &info) == JK_OK && strcmp(info.name, def->name) == 0 && info.slots == def->slots,
              "%s describes itself", def->name);
        for (int k = 0; k < def->slots; k++)
            CHECK(info.slot_type[k] >= JK_TYPE_F64 && info.slot_type[k] <= JK_TYPE_I32 && info.slot_role[k] >= 1 &&
                      info.slot_role[k] <= 3, "%s slot %d typed", def->name, k);
    }
    CHECK(jk_op_at(-1) == NULL && jk_op_at(n) == NULL && jk_op_find("no such op") == NULL && jk_op_find(NULL) == NULL,
          "lookups outside the registry");
    jk_op_info small = {.size = 4};
    CHECK(jk_op_describe(jk_op_at(0), &small) == JK_ERR_ARGUMENT, "info too small");
    CHECK(jk_op_describe(NULL, &small) == JK_ERR_NULL, "NULL op");
}

static void test_generic_checks(jk_pool *pool) {
    double x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, y[8] = {0};
    const jk_op_def *axpy = jk_op_find("axpy_f64"), *dot = jk_op_find("dot_f64"), *sq = jk_op_find("map_square_f64");
    jk_args a = {.size = sizeof a, .slot = {{x, 8}, {y, 8}}, .d = {2}};
    CHECK(jk_call(pool, axpy, &a, NULL, NULL, JK_CALL_DEFAULT) == JK_OK && y[7] == 16, "axpy runs");
    a.slot[1].length = 7;
    CHECK(jk_call(pool, axpy, &a, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "lengths differ");
    a.slot[1] = (jk_slot){x + 1, 7};
    a.slot[0].length = 7;
    CHECK(jk_call(pool, axpy, &a, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "partial overlap");
    a.slot[1] = (jk_slot){x, 7};
    CHECK(jk_call(pool, axpy, &a, NULL, NULL, JK_CALL_DEFAULT) == JK_OK && x[0] == 3, "exactly in place is fine");
    jk_args d = {.size = sizeof d, .slot = {{x, 8}, {x + 2, 6}}};
    jk_value v;
    CHECK(jk_call(pool, dot, &d, &v, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "dot: same length");
    d.slot[1] = (jk_slot){x + 1, 7};
    d.slot[0].length = 7;
    CHECK(jk_call(pool, dot, &d, &v, NULL, JK_CALL_DEFAULT) == JK_OK, "overlapping read-only slots are fine");
    const jk_op_def *argmin = jk_op_find("argmin_f64");
    jk_args b = {.size = sizeof b, .slot = {{x, 8}}, .i = {INT64_MAX - 8}};
    CHECK(jk_call(pool, argmin, &b, &v, NULL, JK_CALL_DEFAULT) == JK_OK && v.i64 == INT64_MAX - 8,
          "argmin: the largest slice start with start + length representable");
    b.i[0] = INT64_MAX - 7;
    CHECK(jk_call(pool, argmin, &b, &v, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "argmin: start + length overflows");
    b.i[0] = -1;
    CHECK(jk_call(pool, argmin, &b, &v, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "argmin: a negative start");
    jk_args m = {.size = sizeof m, .slot = {{NULL, 3}, {y, 3}}};
    CHECK(jk_call(pool, sq, &m, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL data with a length");
    m.slot[0] = (jk_slot){x, 3};
    CHECK(jk_call(pool, sq, &m, NULL, NULL, 64u) == JK_ERR_ARGUMENT, "unknown flag bit");
    CHECK(jk_call(pool, sq, &m, NULL, NULL, JK_CALL_NOTIFY) == JK_ERR_ARGUMENT, "NOTIFY is for submissions");
    jk_job *job = NULL;
    CHECK(jk_call_submit(pool, sq, &m, JK_CALL_INLINE, NULL, &job) == JK_ERR_ARGUMENT && !job, "INLINE is for calls");
    m.size = 8;
    CHECK(jk_call(pool, sq, &m, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "args->size too small");
    CHECK(jk_call(NULL, sq, &m, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL pool");
    CHECK(jk_call(pool, NULL, &m, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL op");
    CHECK(jk_call(pool, sq, NULL, NULL, NULL, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL args");
}

/* Random contents for a slot of its type. */
static void fill(void *data, int type, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (type) {
        case JK_TYPE_F64: ((double *)data)[i] = random_double() * 1e3; break;
        case JK_TYPE_F32: ((float *)data)[i] = (float)random_double(); break;
        case JK_TYPE_I64: ((int64_t *)data)[i] = (int64_t)next_random(); break;
        default: ((int32_t *)data)[i] = (int32_t)next_random(); break;
        }
    }
}

/* Runs def on `pools` (one per ISA path) with the same random arguments and
 * compares every written slot and the result with the reference path's. */
static void compare_paths(const jk_op_def *def, jk_pool **pools, int npools, size_t n) {
    void *input[JK_MAX_SLOTS] = {0}, *ref_out[JK_MAX_SLOTS] = {0};
    jk_args args = {.size = sizeof args};
    for (int k = 0; k < def->slots; k++) {
        size_t bytes = (n ? n : 1) * jk_type_size(def->slot_type[k]);
        input[k] = malloc(bytes);
        ref_out[k] = malloc(bytes);
        fill(input[k], def->slot_type[k], n);
    }
    for (int r = 0; r < def->reals; r++) args.d[r] = random_double() * 4;
    jk_value ref_value = {0};
    jk_status ref_status = JK_OK;
    for (int p = 0; p < npools; p++) {
        void *work[JK_MAX_SLOTS] = {0};
        for (int k = 0; k < def->slots; k++) {
            size_t bytes = (n ? n : 1) * jk_type_size(def->slot_type[k]);
            work[k] = malloc(bytes);
            memcpy(work[k], input[k], bytes);
            args.slot[k] = (jk_slot){work[k], n};
        }
        jk_value value = {0};
        jk_status st = jk_call(pools[p], def, &args, &value, NULL, JK_CALL_DEFAULT);
        for (int k = 0; k < def->slots; k++) {
            size_t bytes = n * jk_type_size(def->slot_type[k]);
            if (p == 0) memcpy(ref_out[k], work[k], bytes ? bytes : 1);
            else if (def->slot_role[k] & JK_ROLE_WRITE) {
                int same = 1;
                for (size_t i = 0; i < n && same; i++) {
                    if (def->slot_type[k] == JK_TYPE_F64) same = same_bits(((double *)ref_out[k])[i], ((double *)work[k])[i]);
                    else same = memcmp((char *)ref_out[k] + i * jk_type_size(def->slot_type[k]),
                                       (char *)work[k] + i * jk_type_size(def->slot_type[k]),
                                       jk_type_size(def->slot_type[k])) == 0;
                }
                CHECK(same, "%s n=%zu path %s slot %d matches ref", def->name, n, jk_isa_name(jk_pool_isa(pools[p])), k);
            }
            free(work[k]);
        }
        if (p == 0) {
            ref_value = value;
            ref_status = st;
        } else {
            CHECK(st == ref_status, "%s n=%zu status %d vs ref %d", def->name, n, st, ref_status);
            if (def->result == JK_RESULT_F64)
                CHECK(same_bits(value.f64, ref_value.f64), "%s n=%zu path %s: %a vs %a", def->name, n,
                      jk_isa_name(jk_pool_isa(pools[p])), value.f64, ref_value.f64);
            else if (def->result == JK_RESULT_I64)
                CHECK(value.i64 == ref_value.i64, "%s n=%zu result", def->name, n);
        }
    }
    for (int k = 0; k < def->slots; k++) {
        free(input[k]);
        free(ref_out[k]);
    }
}

static void test_every_path_matches_ref(void) {
    jk_pool *pools[JK_ISA_COUNT];
    int npools = 0;
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
        if (jk_pool_create(2, (jk_isa)isa, &pools[npools]) == JK_OK) npools++;
    CHECK(npools == (int)jk_isa_supported() + 1, "a pool per path");
    static const size_t sizes[] = {0, 1, 7, 8, 9, 100, 4095, 4096, 4097, 40000, 300001};
    int checked = 0;
    for (int i = 0; i < jk_op_count(); i++) {
        const jk_op_def *def = jk_op_at(i);
        if (!(def->flags & JK_OP_STREAMING) || def->ints > 0 || !(def->flags & JK_OP_SAME_LENGTH || def->slots == 1))
            continue;
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) compare_paths(def, pools, npools, sizes[s]);
        checked++;
    }
    CHECK(checked >= 6, "streaming operations compared: %d", checked);
    printf("compared %d operations on %d paths\n", checked, npools);
    for (int p = 0; p < npools; p++) jk_pool_destroy(pools[p]);
}

/* Prefix sums through the op layer (an ordered range), all four types: integers exact against a
 * sequential loop, doubles and floats within the scan's error bound of a long double loop, the same bits at
 * every thread count. */
static void test_prefix_sums(void) {
    enum { N = 40 * 4096 + 77 }; /* five chunks and a short block */
    static int64_t l[N], lw[N];
    static int32_t v[N], vw[N];
    static double d[N], dw[N], dfirst[N];
    static float f[N], fw[N], ffirst[N];
    for (size_t i = 0; i < N; i++) {
        l[i] = (int64_t)next_random();
        v[i] = (int32_t)next_random();
        d[i] = random_double() * 2 - 1;
        f[i] = (float)(random_double() - 0.25);
    }
    const jk_op_def *pl = jk_op_find("prefix_sum_i64"), *pv = jk_op_find("prefix_sum_i32");
    const jk_op_def *pd = jk_op_find("prefix_sum_f64"), *pf = jk_op_find("prefix_sum_f32");
    CHECK(pl && pv && pd && pf, "prefix ops registered");
    if (!pl || !pv || !pd || !pf) return;
    for (int threads = 1; threads <= 3; threads++) {
        jk_pool *pool;
        if (jk_pool_create(threads, JK_ISA_BEST, &pool) != JK_OK) continue;
        memcpy(lw, l, sizeof l);
        memcpy(vw, v, sizeof v);
        memcpy(dw, d, sizeof d);
        memcpy(fw, f, sizeof f);
        jk_args al = {.size = sizeof al, .slot = {{lw, N}}}, av = {.size = sizeof av, .slot = {{vw, N}}};
        jk_args ad = {.size = sizeof ad, .slot = {{dw, N}}}, af = {.size = sizeof af, .slot = {{fw, N}}};
        CHECK(jk_call(pool, pl, &al, NULL, NULL, JK_CALL_DEFAULT) == JK_OK && jk_call(pool, pv, &av, NULL, NULL, 0) == JK_OK &&
                  jk_call(pool, pd, &ad, NULL, NULL, 0) == JK_OK && jk_call(pool, pf, &af, NULL, NULL, 0) == JK_OK,
              "prefix sums run");
        uint64_t run = 0;
        uint32_t run32 = 0;
        size_t wrong = 0;
        for (size_t i = 0; i < N; i++) {
            wrong += lw[i] != (int64_t)(run += (uint64_t)l[i]);
            wrong += vw[i] != (int32_t)(run32 += (uint32_t)v[i]);
        }
        CHECK(wrong == 0, "threads %d: %zu integer prefix sums wrong", threads, wrong);
        long double exact = 0, exactf = 0, abs_sum = 0, worst = 0, worstf = 0;
        for (size_t i = 0; i < N; i++) {
            exact += d[i];
            exactf += f[i];
            abs_sum += fabsl((long double)d[i]);
            long double err = fabsl((long double)dw[i] - exact) / abs_sum;
            if (err > worst) worst = err;
            long double errf = fabsl((long double)fw[i] - exactf) / (fabsl(exactf) > 1 ? fabsl(exactf) : 1);
            if (errf > worstf) worstf = errf;
        }
        CHECK(worst < (N / 4096 + 516) * 0x1p-53, "threads %d: double prefix error %Lg u*sum|x|", threads, worst * 0x1p53);
        CHECK(worstf < 0x1p-23, "threads %d: float prefix relative error %Lg", threads, worstf);
        if (threads == 1) {
            memcpy(dfirst, dw, sizeof dw);
            memcpy(ffirst, fw, sizeof fw);
        } else {
            CHECK(memcmp(dfirst, dw, sizeof dw) == 0 && memcmp(ffirst, fw, sizeof fw) == 0,
                  "threads %d: the bits of one thread", threads);
        }
        jk_pool_destroy(pool);
    }
}

/* The ordered range's second path, made certain: the first chunk starts late, so the second one starts
 * without its carry, sums its blocks, waits, then scans; the bits are those of a run in order. */
static int late_first_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    jk_op *op = ctx;
    if (begin == 0) nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    return op->work.fn(op, begin, end, self);
}

static void test_prefix_chunk_waits_for_its_carry(void) {
    enum { N = 3 * 8 * 4096 };
    static double want[N], got[N];
    for (size_t i = 0; i < N; i++) want[i] = got[i] = random_double() - 0.5;
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    const jk_op_def *pd = jk_op_find("prefix_sum_f64");
    jk_args a = {.size = sizeof a, .slot = {{want, N}}};
    CHECK(jk_call(pool, pd, &a, NULL, NULL, JK_CALL_INLINE) == JK_OK, "in order, on the caller");
    jk_args b = {.size = sizeof b, .slot = {{got, N}}};
    jk_op op;
    CHECK(jk_op_prepare(&op, pool, pd, &b) == JK_OK && op.work.end == 24 && op.work.grain == 8, "three chunks of 8 blocks");
    int st;
    jk_runtime *rt = jk_runtime_start(2, -1, &st);
    CHECK(rt && jk_runtime_run_range(rt, late_first_chunk, &op, op.work.end, op.work.grain, 0) == 0, "the late run");
    jk_runtime_stop(rt);
    jk_op_release(&op);
    CHECK(memcmp(want, got, sizeof got) == 0, "a chunk that waited for its carry gives the bits of the run in order");
    jk_pool_destroy(pool);
}

/* A chunk waiting for what never comes gives up once its job is cancelled; on one thread it does not wait. */
static atomic_size_t never_published;
static atomic_int awaiting;

static int awaiting_chunk(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)ctx, (void)begin, (void)end;
    atomic_fetch_add(&awaiting, 1);
    return jk_rt_await(&never_published, 1, self);
}

static void test_await_gives_up_when_it_cannot_end(void) {
    int status;
    jk_runtime *rt = jk_runtime_start(2, -1, &status);
    CHECK(rt != NULL, "runtime");
    if (!rt) return;
    CHECK(jk_runtime_run_range(rt, awaiting_chunk, NULL, 3, 1, JK_RT_INLINE) == JK_RT_ARGUMENT,
          "inline, a wait for a later publication fails at once");
    atomic_store(&awaiting, 0);
    jk_rt_job *job = NULL;
    CHECK(jk_runtime_submit_range(rt, awaiting_chunk, NULL, 4, 1, 0, &job) == 0, "submit");
    for (int i = 0; i < 5000 && atomic_load(&awaiting) < 2; i++) nanosleep(&(struct timespec){0, 1000000}, NULL);
    CHECK(atomic_load(&awaiting) == 2, "both workers wait: %d", atomic_load(&awaiting));
    CHECK(jk_runtime_job_cancel(job) == 1, "cancelled with chunks left");
    int st = jk_runtime_job_wait(job, 10LL * 1000 * 1000 * 1000);
    if (st == JK_RT_TIMEOUT) { /* the chunks still wait: the job cannot be freed nor the runtime stopped */
        CHECK(0, "the waiting chunks did not give up");
        exit(check_report("ops"));
    }
    CHECK(st == JK_RT_CANCELLED, "the waiting chunks gave up: status %d", st);
    jk_runtime_job_free(job);
    jk_runtime_stop(rt);
}

/* Random streams through the op layer: one call equals two calls split anywhere, at every thread count and
 * path; doubles in [0, 1); a negative offset or one whose last index overflows is refused. */
static void test_random_streams(void) {
    enum { N = 100003 };
    static double whole[N], split[N];
    static int64_t bits[N];
    static int32_t words[2 * N + 2];
    const jk_op_def *uf = jk_op_find("random_uniform_f64"), *bl = jk_op_find("random_bits_i64");
    const jk_op_def *bi = jk_op_find("random_bits_i32");
    CHECK(uf && bl && bi, "random ops registered");
    if (!uf || !bl || !bi) return;
    const int64_t seed = -42, offset = 7;
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
        for (int threads = 1; threads <= 3; threads++) {
            jk_pool *pool;
            if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
            jk_args a = {.size = sizeof a, .slot = {{whole, N}}, .i = {seed, offset}};
            CHECK(jk_call(pool, uf, &a, NULL, NULL, 0) == JK_OK, "uniform");
            size_t cut = 12345 + (size_t)threads * 7 + (size_t)isa;
            jk_args b1 = {.size = sizeof b1, .slot = {{split, cut}}, .i = {seed, offset}};
            jk_args b2 = {.size = sizeof b2, .slot = {{split + cut, N - cut}}, .i = {seed, offset + (int64_t)cut}};
            CHECK(jk_call(pool, uf, &b1, NULL, NULL, 0) == JK_OK && jk_call(pool, uf, &b2, NULL, NULL, 0) == JK_OK, "split");
            CHECK(memcmp(whole, split, sizeof whole) == 0, "isa %d threads %d: one call equals two", isa, threads);
            int in_range = 1;
            for (size_t i = 0; i < N; i++) in_range &= whole[i] >= 0.0 && whole[i] < 1.0;
            CHECK(in_range, "uniform doubles in [0, 1)");
            jk_args l = {.size = sizeof l, .slot = {{bits, N}}, .i = {seed, offset}};
            jk_args w = {.size = sizeof w, .slot = {{words, 2 * N + 2}}, .i = {seed, 2 * offset}};
            CHECK(jk_call(pool, bl, &l, NULL, NULL, 0) == JK_OK && jk_call(pool, bi, &w, NULL, NULL, 0) == JK_OK, "bits");
            size_t wrong = 0;
            for (size_t i = 0; i < N; i++) {
                uint64_t from_words = (uint64_t)(uint32_t)words[2 * i] | (uint64_t)(uint32_t)words[2 * i + 1] << 32;
                wrong += (uint64_t)bits[i] != from_words || whole[i] != (double)(from_words >> 11) * 0x1p-53;
            }
            CHECK(wrong == 0, "isa %d threads %d: long i is words 2i, 2i+1; double i its top 53 bits", isa, threads);
            jk_args neg = {.size = sizeof neg, .slot = {{whole, 1}}, .i = {seed, -1}};
            jk_args over = {.size = sizeof over, .slot = {{whole, 2}}, .i = {seed, INT64_MAX}};
            jk_args last = {.size = sizeof last, .slot = {{whole, 1}}, .i = {seed, INT64_MAX - 1}};
            CHECK(jk_call(pool, uf, &neg, NULL, NULL, 0) == JK_ERR_ARGUMENT &&
                      jk_call(pool, uf, &over, NULL, NULL, 0) == JK_ERR_ARGUMENT &&
                      jk_call(pool, uf, &last, NULL, NULL, 0) == JK_OK,
                  "offsets: negative, and an end past Long.MAX_VALUE, refused; an end at Long.MAX_VALUE fine");
            jk_pool_destroy(pool);
        }
}

/* estimatePi: the same value at every thread count and path, within 4 standard errors of pi. */
static void test_estimate_pi(void) {
    const jk_op_def *pi = jk_op_find("random_pi");
    CHECK(pi != NULL, "random_pi registered");
    if (!pi) return;
    const int64_t samples = 100 * 1000 * 1000;
    double first = 0;
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
        for (int threads = 1; threads <= 3; threads += 2) {
            jk_pool *pool;
            if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
            jk_args a = {.size = sizeof a, .i = {7, isa == JK_ISA_REF ? 1000003 : samples}};
            jk_value v = {0};
            CHECK(jk_call(pool, pi, &a, &v, NULL, 0) == JK_OK, "estimate");
            if (isa == JK_ISA_REF) { /* the reference path at a small count: against the best path's below */
                jk_pool *best;
                if (jk_pool_create(threads, JK_ISA_BEST, &best) == JK_OK) {
                    jk_value w = {0};
                    CHECK(jk_call(best, pi, &a, &w, NULL, 0) == JK_OK && same_bits(v.f64, w.f64), "ref = best path");
                    jk_pool_destroy(best);
                }
            } else {
                if (first == 0) first = v.f64;
                CHECK(same_bits(first, v.f64), "isa %d threads %d: the same estimate", isa, threads);
                double p = M_PI / 4, se = 4 * sqrt(p * (1 - p) / (double)samples);
                CHECK(fabs(v.f64 - M_PI) < 4 * se, "pi %.9f, %.2f standard errors off", v.f64, fabs(v.f64 - M_PI) / se);
            }
            jk_args bad0 = {.size = sizeof bad0, .i = {7, 0}}, badbig = {.size = sizeof badbig, .i = {7, ((int64_t)1 << 62) + 1}};
            CHECK(jk_call(pool, pi, &bad0, &v, NULL, 0) == JK_ERR_ARGUMENT &&
                      jk_call(pool, pi, &badbig, &v, NULL, 0) == JK_ERR_ARGUMENT, "samples outside [1, 2^62] refused");
            jk_pool_destroy(pool);
        }
}

/* gemm_f64 on every path and 1-3 threads, column-major with padded leading dimensions: within the GEMM bound
 * of a long double triple loop, the same bits for every thread count, the padding untouched; bad shapes
 * refused. (The Java tests cover layouts, floats, every alpha and beta, and the facade's checks.) */
static void gemm_reference(const jk_args *a, double *c) {
    const double *x = a->slot[0].data, *y = a->slot[1].data;
    int64_t ta = a->i[0], tb = a->i[1], m = a->i[2], n = a->i[3], k = a->i[4], lda = a->i[5], ldb = a->i[6], ldc = a->i[7];
    for (int64_t j = 0; j < n; j++)
        for (int64_t i = 0; i < m; i++) {
            long double s = 0;
            for (int64_t p = 0; p < k; p++)
                s += (long double)(ta ? x[p + i * lda] : x[i + p * lda]) * (tb ? y[j + p * ldb] : y[p + j * ldb]);
            c[i + j * ldc] = (double)(a->d[0] * s + a->d[1] * c[i + j * ldc]);
        }
}

static void test_gemm(void) {
    const jk_op_def *gemm = jk_op_find("gemm_f64");
    CHECK(gemm != NULL, "gemm_f64 registered");
    if (!gemm) return;
    static const int shapes[][3] = {{1, 1, 1}, {7, 13, 3}, {33, 17, 65}, {129, 31, 600}, {65, 4100, 9}, {257, 129, 127}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int t = 0; t < 4; t++) {
            int ta = t & 1, tb = t >> 1, m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            int lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 1, ldc = m + 2;
            size_t la = (size_t)lda * (ta ? m : k), lb = (size_t)ldb * (tb ? k : n), lc = (size_t)ldc * n;
            double *a = malloc(la * 8), *b = malloc(lb * 8), *c0 = malloc(lc * 8), *ref = malloc(lc * 8), *c = malloc(lc * 8),
                   *first = malloc(lc * 8);
            for (size_t i = 0; i < la; i++) a[i] = random_double();
            for (size_t i = 0; i < lb; i++) b[i] = random_double();
            for (size_t i = 0; i < lc; i++) c0[i] = random_double();
            jk_args args = {.size = sizeof args, .slot = {{a, la}, {b, lb}, {c, lc}}, .i = {ta, tb, m, n, k, lda, ldb, ldc},
                            .d = {-1.5, 0.5}};
            memcpy(ref, c0, lc * 8);
            gemm_reference(&args, ref);
            for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
                for (int threads = 1; threads <= 3; threads++) {
                    jk_pool *pool;
                    if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
                    memcpy(c, c0, lc * 8);
                    CHECK(jk_call(pool, gemm, &args, NULL, NULL, 0) == JK_OK, "gemm runs");
                    double worst = 0;
                    for (int j = 0; j < n; j++)
                        for (int i = 0; i < ldc; i++) {
                            double e = fabs(c[i + j * ldc] - ref[i + j * ldc]);
                            if (i >= m) CHECK(same_bits(c[i + j * ldc], c0[i + j * ldc]), "padding row %d untouched", i);
                            worst = e > worst ? e : worst;
                        }
                    /* |a|, |b| <= 1: the bound (k + 2) u (1.5 k + 0.5) */
                    CHECK(worst <= (k + 2) * 0x1p-53 * (1.5 * k + 0.5), "isa %d %dx%dx%d t%d: error %g", isa, m, n, k, t, worst);
                    if (threads == 1) memcpy(first, c, lc * 8);
                    CHECK(memcmp(first, c, lc * 8) == 0, "isa %d threads %d %dx%dx%d: the same bits as 1 thread", isa,
                          threads, m, n, k);
                    jk_pool_destroy(pool);
                }
            free(a), free(b), free(c0), free(ref), free(c), free(first);
        }
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    double x[16] = {0};
    jk_args ok = {.size = sizeof ok, .slot = {{x, 4}, {x + 4, 4}, {x + 8, 4}}, .i = {0, 0, 2, 2, 2, 2, 2, 2}, .d = {1, 0}};
    CHECK(jk_call(pool, gemm, &ok, NULL, NULL, 0) == JK_OK, "a 2 x 2 product");
    jk_args bad = ok;
    bad.i[5] = 1;
    CHECK(jk_call(pool, gemm, &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "lda below m refused");
    bad = ok, bad.i[0] = 2;
    CHECK(jk_call(pool, gemm, &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "a transpose flag of 2 refused");
    bad = ok, bad.i[4] = 3, bad.i[6] = 3;
    CHECK(jk_call(pool, gemm, &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "k beyond A's slot refused");
    bad = ok, bad.i[3] = -1;
    CHECK(jk_call(pool, gemm, &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "negative n refused");
    bad = ok, bad.slot[2].data = x + 2;
    CHECK(jk_call(pool, gemm, &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "C overlapping A refused");
    jk_pool_destroy(pool);
}

/* gemv_n_f64 and gemv_t_f64 on every path and 1-3 threads: within the bound of a long double loop, the same
 * bits for every thread count, nothing past y's elements touched; alpha == 0 reads neither A nor x. */
static void test_gemv(void) {
    const jk_op_def *ops[2] = {jk_op_find("gemv_n_f64"), jk_op_find("gemv_t_f64")};
    CHECK(ops[0] && ops[1], "gemv_n_f64 and gemv_t_f64 registered");
    if (!ops[0] || !ops[1]) return;
    static const int shapes[][2] = {{1, 1}, {7, 3}, {33, 1030}, {1537, 129}, {4099, 17}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int trans = 0; trans <= 1; trans++) {
            int m = shapes[s][0], n = shapes[s][1], lda = m + 5, out = trans ? n : m, inner = trans ? m : n;
            size_t la = (size_t)lda * n;
            double *a = malloc(la * 8), *x = malloc(inner * 8), *y0 = malloc((out + 1) * 8), *ref = malloc(out * 8),
                   *y = malloc((out + 1) * 8), *first = malloc((out + 1) * 8);
            for (size_t i = 0; i < la; i++) a[i] = random_double();
            for (int i = 0; i < inner; i++) x[i] = random_double();
            for (int i = 0; i <= out; i++) y0[i] = random_double();
            for (int o = 0; o < out; o++) {
                long double sum = 0;
                for (int p = 0; p < inner; p++) sum += (long double)(trans ? a[p + o * lda] : a[o + p * lda]) * x[p];
                ref[o] = (double)(2.5L * sum - 0.5L * y0[o]);
            }
            const jk_op_def *gemv = ops[trans];
            jk_args args = {.size = sizeof args, .slot = {{a, la}, {x, (size_t)inner}, {y, (size_t)out}},
                            .i = {m, n, lda}, .d = {2.5, -0.5}};
            for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
                for (int threads = 1; threads <= 3; threads++) {
                    jk_pool *pool;
                    if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
                    memcpy(y, y0, (out + 1) * 8);
                    CHECK(jk_call(pool, gemv, &args, NULL, NULL, 0) == JK_OK, "gemv runs");
                    double worst = 0;
                    for (int o = 0; o < out; o++) worst = fmax(worst, fabs(y[o] - ref[o]));
                    CHECK(worst <= (inner + 2) * 0x1p-53 * (2.5 * inner + 0.5), "isa %d %dx%d trans %d: error %g", isa, m,
                          n, trans, worst);
                    CHECK(same_bits(y[out], y0[out]), "the element past y untouched");
                    if (threads == 1) memcpy(first, y, (out + 1) * 8);
                    CHECK(memcmp(first, y, (out + 1) * 8) == 0, "isa %d threads %d %dx%d trans %d: the same bits", isa,
                          threads, m, n, trans);
                    jk_pool_destroy(pool);
                }
            free(a), free(x), free(y0), free(ref), free(y), free(first);
        }
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    double nan_a[4] = {NAN, NAN, NAN, NAN}, yy[2] = {1, 2};
    for (int trans = 0; trans <= 1; trans++) {
        yy[0] = 1, yy[1] = 2;
        jk_args zero = {.size = sizeof zero, .slot = {{nan_a, 4}, {nan_a, 2}, {yy, 2}}, .i = {2, 2, 2}, .d = {0, 3}};
        CHECK(jk_call(pool, ops[trans], &zero, NULL, NULL, 0) == JK_OK && yy[0] == 3 && yy[1] == 6,
              "alpha = 0: y = beta y");
        jk_args bad = zero;
        bad.i[2] = 1;
        CHECK(jk_call(pool, ops[trans], &bad, NULL, NULL, 0) == JK_ERR_ARGUMENT, "lda below m refused");
    }
    jk_pool_destroy(pool);
}

int main(void) {
    test_registry();
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) == JK_OK) {
        test_generic_checks(pool);
        jk_pool_destroy(pool);
    } else {
        CHECK(0, "create");
    }
    test_every_path_matches_ref();
    test_prefix_sums();
    test_prefix_chunk_waits_for_its_carry();
    test_await_gives_up_when_it_cannot_end();
    test_random_streams();
    test_estimate_pi();
    test_gemm();
    test_gemv();
    return check_report("ops");
}
