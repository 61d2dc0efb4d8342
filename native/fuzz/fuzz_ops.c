/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the native C API: one registered operation per input, with hostile slot lengths,
 * aliased and NULL slots, raw integer and real scalars and call flags, run through jk_call on a two-thread
 * pool of an ISA path the input picks (every path the CPU has). Built under ASan+UBSan (ci/fuzz.sh), so an
 * out-of-bounds access, a use of freed memory or undefined arithmetic is a finding; so is a status outside
 * jk_status, or a bad item index beyond the items. Operations without a result get NULL for it.
 *
 * Input layout (any byte string is valid; missing bytes read as 0): op choice, shape bits (an extra slot,
 * item statuses, call flags), ISA path, a common slot length (2 bytes), then per slot a byte choosing its
 * length (the common one, its own, tiny, NULL data, or aliasing slot 0), then the integer and real scalars
 * (a kind byte each: small, an edge value, or raw bits). Slot contents are drawn from the whole input. Each
 * family's seed corpus (native/fuzz/corpus/<family>/seed-NN) is the same twelve inputs: op choices 0-11
 * (taken modulo the family's op count) with ordinary lengths and small scalars; libFuzzer finds the rest.
 *
 * Registry-driven: every operation whose name matches the regular expression JK_FUZZ_OPS (and not
 * JK_FUZZ_SKIP) is fuzzed, so one binary serves every op family (ci/fuzz.sh runs it once per family, each
 * with its own corpus) and a new kernel is fuzzed with no edit here.
 *
 * Invariants the harness keeps, so that every call ends in bounded time (a hang would be reported as a
 * finding, and an accepted request for 2^62 samples is not a bug):
 *   - slot buffers are exactly length * element size (the C API trusts the caller for that), at most
 *     MAX_ELEMENTS elements, filled from the input;
 *   - operations flagged JK_OP_COSTLY (whose items may each take long: fib, escape counts) get their integer
 *     scalars and integer elements reduced to small magnitudes; so do the scalars of inline calls (the
 *     watchdog below cannot stop a call that runs on the caller) and of the operations JK_FUZZ_SCALAR_WORK
 *     names, whose work an integer scalar sets (a sample count: one chunk of it may take hours, and
 *     cancelling waits for running chunks);
 *   - a watchdog cancels the pools' work once a call has run WATCHDOG_MS (cancellation is part of the
 *     contract under test: the call must then return JK_ERR_CANCELLED, or its result if it got there
 *     first).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jkernels/jkernels.h"

#define MAX_ELEMENTS 4096
#define WATCHDOG_MS 200
#define MAX_FUZZED_OPS 256
#define UNKNOWN_CALL_FLAG (1u << 7)
_Static_assert(!(UNKNOWN_CALL_FLAG & JK_CALL_KNOWN_FLAGS), "the flag the harness sets to be refused must be unknown");

static jk_pool *pools[JK_ISA_COUNT];
static int pool_count;
static const jk_op_def *ops[MAX_FUZZED_OPS];
static jk_op_info infos[MAX_FUZZED_OPS];
static int scalar_work[MAX_FUZZED_OPS]; /* named by JK_FUZZ_SCALAR_WORK: an integer scalar sets the work */
static int op_count;
static atomic_llong call_started_ns; /* 0 while no call runs */

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *watchdog(void *unused) {
    (void)unused;
    const struct timespec tick = {0, 20 * 1000000L};
    for (;;) {
        nanosleep(&tick, NULL);
        long long started = atomic_load(&call_started_ns);
        if (started && now_ns() - started > WATCHDOG_MS * 1000000LL)
            for (int p = 0; p < pool_count; p++) jk_pool_cancel_all(pools[p]);
    }
    return NULL;
}

static void die(const char *what) { /* harness set-up only: never reached from a fuzzed call */
    fprintf(stderr, "fuzz_ops: %s\n", what);
    exit(2);
}

static int matches(const char *pattern, const char *name) {
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) die("bad regular expression in JK_FUZZ_OPS/JK_FUZZ_SKIP");
    int hit = regexec(&re, name, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    const char *include = getenv("JK_FUZZ_OPS"), *skip = getenv("JK_FUZZ_SKIP"), *work = getenv("JK_FUZZ_SCALAR_WORK");
    for (int i = 0; i < jk_op_count() && op_count < MAX_FUZZED_OPS; i++) {
        const jk_op_def *op = jk_op_at(i);
        jk_op_info info = {.size = sizeof info};
        if (jk_op_describe(op, &info) != JK_OK) die("jk_op_describe failed");
        if ((include && !matches(include, info.name)) || (skip && *skip && matches(skip, info.name))) continue;
        scalar_work[op_count] = work && *work && matches(work, info.name);
        ops[op_count] = op;
        infos[op_count++] = info;
    }
    if (!op_count) die("no operation matches JK_FUZZ_OPS");
    fprintf(stderr, "fuzz_ops: %d operations:", op_count);
    for (int i = 0; i < op_count; i++) fprintf(stderr, " %s", infos[i].name);
    fprintf(stderr, "\n");
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++)
        if (jk_pool_create(2, (jk_isa)isa, &pools[pool_count++]) != JK_OK) die("jk_pool_create failed");
    pthread_t t;
    if (pthread_create(&t, NULL, watchdog, NULL)) die("no watchdog thread");
    pthread_detach(t);
    return 0;
}

/* Reads the input front to back; past its end, zeros. */
typedef struct {
    const uint8_t *p;
    size_t left;
} reader;

static uint64_t take(reader *r, int bytes) {
    uint64_t v = 0;
    for (int b = 0; b < bytes; b++, r->left ? (r->p++, r->left--) : 0) v = v << 8 | (r->left ? *r->p : 0);
    return v;
}

static int64_t hostile_int(reader *r, int bounded) {
    static const int64_t edges[] = {0, 1, -1, 2, 3, 7, 8, 64, 1000, INT32_MAX, (int64_t)INT32_MAX + 1, INT32_MIN,
                                    INT64_MAX, INT64_MIN, (int64_t)1 << 40, -((int64_t)1 << 40)};
    uint8_t kind = (uint8_t)take(r, 1);
    int64_t v = kind < 96 ? (int64_t)(take(r, 1) % 80) - 8        /* small: sizes, offsets, flags */
                : kind < 192 ? edges[take(r, 1) % (sizeof edges / sizeof *edges)]
                             : (int64_t)take(r, 8);                  /* raw bits */
    if (bounded && (v > 4096 || v < -4096)) v %= 4096;
    return v;
}

static double hostile_real(reader *r) {
    static const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, 1e300, 4.9e-324, 1.0 / 0.0, -1.0 / 0.0,
                                   0.0 / 0.0};
    uint8_t kind = (uint8_t)take(r, 1);
    if (kind < 128) return edges[take(r, 1) % (sizeof edges / sizeof *edges)];
    uint64_t bits = take(r, 8);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static size_t element_size(jk_type type) {
    return type == JK_TYPE_F64 || type == JK_TYPE_I64 ? 8 : 4;
}

/* Fills a slot from the input (cycling through it), integer elements small for costly operations. */
static void fill(void *data, size_t n, jk_type type, int costly, const uint8_t *in, size_t size) {
    uint8_t *bytes = data;
    size_t total = n * element_size(type);
    for (size_t b = 0; b < total; b++) bytes[b] = size ? in[(b * 131 + 7) % size] : (uint8_t)b;
    if (!costly) return;
    for (size_t e = 0; e < n; e++) {
        if (type == JK_TYPE_I64) ((int64_t *)data)[e] %= 16;
        if (type == JK_TYPE_I32) ((int32_t *)data)[e] %= 16;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    reader r = {data, size};
    int which = (int)(take(&r, 1) % (uint64_t)op_count);
    const jk_op_info *info = &infos[which];
    int costly = (info->flags & JK_OP_COSTLY) != 0;
    uint8_t shape = (uint8_t)take(&r, 1);
    jk_pool *pool = pools[take(&r, 1) % (uint64_t)pool_count];

    jk_args args = {.size = sizeof args};
    void *buffers[JK_MAX_SLOTS] = {0};
    int slots = info->slots + (shape & 1); /* sometimes one slot more than the operation takes */
    if (slots > JK_MAX_SLOTS) slots = JK_MAX_SLOTS;
    size_t common = take(&r, 2) % (MAX_ELEMENTS + 1);
    for (int k = 0; k < slots; k++) {
        jk_type type = k < info->slots ? info->slot_type[k] : JK_TYPE_F64;
        uint8_t how = (uint8_t)take(&r, 1);
        size_t n = how < 160 ? common : how < 224 ? take(&r, 2) % (MAX_ELEMENTS + 1) : how % 4;
        if (how == 255 && n) { /* NULL data with a length: must be refused, never dereferenced */
            args.slot[k].length = n;
            continue;
        }
        if (k > 0 && how >= 248 && args.slot[0].data && element_size(type) == element_size(info->slot_type[0])) {
            args.slot[k] = args.slot[0]; /* the same memory twice: refused unless the op allows it */
            continue;
        }
        buffers[k] = malloc(n ? n * element_size(type) : 1);
        if (!buffers[k]) die("out of memory in the harness");
        fill(buffers[k], n, type, costly, data, size);
        args.slot[k] = (jk_slot){buffers[k], n};
    }
    jk_call_flags flags = (shape & 4) ? JK_CALL_INLINE : (shape & 8) ? JK_CALL_IF_IDLE : JK_CALL_DEFAULT;
    if ((shape & 0xF0) == 0xF0) flags |= UNKNOWN_CALL_FLAG; /* must be refused */
    /* No watchdog can stop these in time (an inline call; a chunk of 2^41 option paths): keep their work small. */
    int bounded = costly || scalar_work[which] || (flags & JK_CALL_INLINE);
    for (int i = 0; i < JK_MAX_INTS; i++) args.i[i] = i < info->ints + 1 ? hostile_int(&r, bounded) : 0;
    for (int i = 0; i < JK_MAX_REALS; i++) args.d[i] = i < info->reals + 1 ? hostile_real(&r) : 0.0;
    uint8_t *item_status = NULL;
    if ((shape & 2) && args.slot[0].length && (info->flags & JK_OP_ITEM_FAILURES)) {
        item_status = calloc(args.slot[0].length, 1);
        args.item_status = item_status;
    }

    jk_value result;
    size_t bad_index = (size_t)-1;
    atomic_store(&call_started_ns, now_ns());
    jk_value *result_out = info->result == JK_RESULT_NONE ? NULL : &result;
    jk_status status = jk_call(pool, ops[which], &args, result_out, &bad_index, flags);
    atomic_store(&call_started_ns, 0);

    if (status < JK_OK || status > JK_ERR_FORKED) {
        fprintf(stderr, "fuzz_ops: %s returned %d, not a jk_status\n", info->name, (int)status);
        abort();
    }
    if ((flags & UNKNOWN_CALL_FLAG) && status == JK_OK) {
        fprintf(stderr, "fuzz_ops: %s accepted an unknown call flag\n", info->name);
        abort();
    }
    if (status == JK_ERR_DOMAIN && bad_index != (size_t)-1 && bad_index >= args.slot[0].length
        && args.slot[0].length) {
        fprintf(stderr, "fuzz_ops: %s reported bad item %zu of %zu\n", info->name, bad_index, args.slot[0].length);
        abort();
    }
    free(item_status);
    for (int k = 0; k < JK_MAX_SLOTS; k++) free(buffers[k]);
    return 0;
}
