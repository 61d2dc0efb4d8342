/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sorting: sort (in place, ascending, in exactly the order of Java's Arrays.sort) and argsort (the stable
 * permutation that sorts) for f64, f32, i64 and i32, on the team.
 *
 * sort of floating point: Arrays.sort first walks the range from its end, turning -0.0 into 0.0 (counted)
 * and swapping each NaN with the last key not yet known to be NaN; the NaNs' order at the end is whatever
 * that walk leaves. This op does the same walk, sorts the rest with the kit, then writes the counted -0.0s
 * over the first zeros: every key's bits come out where Arrays.sort puts them, NaN payloads included.
 *
 * argsort: each key becomes an int64 word that sorts like (key, index): the key's order-preserving integer
 * image (floats: the bits with the magnitude flipped for negatives, every NaN the largest image) less the
 * smallest, in the high bits, the index in as few low bits as the length needs; one int64 sort gives the
 * stable order. When the keys span more bits than the word has left (64-bit keys far apart), the high part
 * keeps the top bits, and runs of equal high parts are re-sorted by (the remaining low bits, index), which
 * always fit (form_of). The part keeps 32 bits or more, so runs are short unless keys repeat; doubles of both
 * signs, or with a NaN, always span enough bits to take this second pass.
 *
 * The team: ranges longer than split_above (a fixed fraction of the length, never of the team size) are
 * split by the kit's quicksort step, one side pushed on a shared stack, the other kept; shorter ones are
 * sorted whole. Any member takes any task, so the result is the same for every team size: a sorted array is
 * unique (equal keys are equal bits once NaNs and -0.0 are out), and so is a stable permutation.
 *
 * Invariants:
 *  - Tasks on the stack are disjoint ranges longer than split_above, so at most SORT_TASKS are pending.
 *  - A member holding a task counts as busy until it has pushed or finished all of the task's parts; the
 *    team is done when the stack is empty and nobody is busy.
 *  - A split step past SORT_DEPTH levels sorts its range whole instead (the kit's own depth limit then
 *    applies): never quadratic.
 *
 * Slots: sort: the keys (read and written). argsort: keys (read), indices (int32, written), the same
 * length; integer 0 is added to every index (the slice's offset, so indices are into the whole array).
 */
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "../kernels/sort.h"

JK_KERNEL_VARIANTS(jk_sort_kit_shape, sort_f64);
JK_KERNEL_VARIANTS(jk_sort_kit_shape, sort_f32);
JK_KERNEL_VARIANTS(jk_sort_kit_shape, sort_i64);
JK_KERNEL_VARIANTS(jk_sort_kit_shape, sort_i32);

/* Below this many keys one thread sorts faster than a team gets going. */
#define SORT_TEAM_FROM ((size_t)1 << 15)
/* Ranges longer than length / SORT_PARTS (and than SORT_SPLIT_MIN) are split rather than sorted whole. */
#define SORT_PARTS 16
#define SORT_SPLIT_MIN ((size_t)1 << 14)
#define SORT_TASKS (SORT_PARTS + 1)
#define SORT_DEPTH 64

typedef struct {
    size_t begin, end;
    int depth;
} sort_task;

typedef struct {
    atomic_flag lock; /* guards count, busy and tasks */
    int busy;
    size_t count;
    size_t split_above;
    int counts_progress;  /* tasks report their keys as progress (not argsort's second pass) */
    atomic_size_t events; /* pushes and finished tasks: what an idle member waits for */
    sort_task tasks[SORT_TASKS];
} sort_sched;

typedef struct {
    const jk_sort_kit *kit;
    sort_sched sched;
    int64_t *packed;      /* argsort: the (key, index) words, allocated by prepare */
    _Atomic int64_t min, max; /* argsort: the order images' extremes, met by every member */
    size_t negative_zeros; /* sort of floats: counted by member 0's walk */
    size_t finite_end;     /* sort of floats: where the NaNs begin */
    int presorted;         /* sort: the range was monotone already (1 ascending, -1 reversed by member 0) */
} sort_state;

static void lock(sort_sched *s) {
    while (atomic_flag_test_and_set_explicit(&s->lock, memory_order_acquire)) sched_yield();
}
static void unlock(sort_sched *s) { atomic_flag_clear_explicit(&s->lock, memory_order_release); }

static void sched_init(sort_sched *s, size_t n) {
    atomic_flag_clear(&s->lock);
    s->busy = 0;
    s->count = 0;
    s->counts_progress = 1;
    atomic_init(&s->events, 0);
    s->split_above = n / SORT_PARTS > SORT_SPLIT_MIN ? n / SORT_PARTS : SORT_SPLIT_MIN;
}

/* Pushes a range longer than split_above (room is guaranteed: pending tasks are disjoint and that long). */
static void sched_push(sort_sched *s, size_t begin, size_t end, int depth) {
    lock(s);
    s->tasks[s->count++] = (sort_task){begin, end, depth};
    unlock(s);
    atomic_fetch_add_explicit(&s->events, 1, memory_order_release);
}

static void progress(const sort_sched *s, jk_rt_self *self, size_t keys) {
    if (s->counts_progress) jk_rt_add_done(self, keys);
}

/* Sorts keys[t.begin, t.end), splitting while it is long, pushing one side of each split. Looks for a stop
 * (cancel, a failed member) before each step: every step is at most a pass over the range. */
static int run_task(const jk_sort_kit *kit, sort_sched *s, char *keys, sort_task t, jk_rt_self *self) {
    size_t size = kit->size;
    int st;
    while (t.end - t.begin > s->split_above && t.depth < SORT_DEPTH) {
        if ((st = jk_rt_stopped(self))) return st;
        size_t lo, hi, n = t.end - t.begin;
        kit->split(keys + t.begin * size, n, &lo, &hi);
        progress(s, self, hi - lo);
        sort_task left = {t.begin, t.begin + lo, t.depth + 1}, right = {t.begin + hi, t.end, t.depth + 1};
        sort_task keep = left.end - left.begin >= right.end - right.begin ? left : right;
        sort_task give = keep.begin == left.begin ? right : left;
        if (give.end - give.begin > s->split_above) {
            sched_push(s, give.begin, give.end, give.depth);
        } else {
            kit->sort(keys + give.begin * size, give.end - give.begin);
            progress(s, self, give.end - give.begin);
        }
        t = keep;
    }
    if ((st = jk_rt_stopped(self))) return st;
    kit->sort(keys + t.begin * size, t.end - t.begin);
    progress(s, self, t.end - t.begin);
    return JK_OK;
}

/* Every member: takes tasks until none is left and nobody can push more, waiting in between as the runtime
 * waits (jk_rt_await: polling only while spinning is allowed). Returns 0 or the job's stop status. */
static int sched_run(const jk_sort_kit *kit, sort_sched *s, char *keys, jk_rt_self *self) {
    for (;;) {
        size_t seen = atomic_load_explicit(&s->events, memory_order_acquire);
        lock(s);
        if (s->count) {
            sort_task t = s->tasks[--s->count];
            s->busy++;
            unlock(s);
            int st = run_task(kit, s, keys, t, self);
            lock(s);
            s->busy--;
            unlock(s);
            atomic_fetch_add_explicit(&s->events, 1, memory_order_release);
            if (st) return st;
            continue;
        }
        int done = s->busy == 0;
        unlock(s);
        if (done) return JK_OK;
        int st = jk_rt_await(&s->events, seen + 1, self); /* a push, or a task finished */
        if (st) return st;
    }
}

/* keys[0, n) sorted by the team; member 0 has pushed the whole range before the barrier that precedes. */
static int team_sort(jk_op *op, char *keys, size_t n, jk_rt_self *self) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    if (n <= st->sched.split_above) { /* one short task: member 0 takes it */
        if (self->rank == 0) {
            st->sched.count = 0;
            st->kit->sort(keys, n);
            progress(&st->sched, self, n);
        }
        return JK_OK;
    }
    return sched_run(st->kit, &st->sched, keys, self);
}

/* ---- sort ---- */

static int is_float(const jk_op *op) {
    return op->def->slot_type[0] == JK_TYPE_F64 || op->def->slot_type[0] == JK_TYPE_F32;
}

/* Arrays.sort's first walk over a[0, n) (see the top), block by block from the end; a block the kit finds
 * free of NaNs and -0.0 is one the walk would leave as it is (its swaps only touch slots at or after the
 * current one). Returns where the NaNs begin. */
#define WALK_BLOCK 512
#define NAN_ZERO_WALK(name, T, U, SIGN)                                                        \
    static size_t name(const jk_sort_kit *kit, T *a, size_t n, size_t *negative_zeros) {      \
        size_t high = n, zeros = 0;                                                            \
        for (size_t k = n; k > 0;) {                                                           \
            size_t from = k >= WALK_BLOCK ? k - WALK_BLOCK : 0;                                \
            if (!kit->has_special(a + from, k - from)) {                                       \
                k = from;                                                                      \
                continue;                                                                      \
            }                                                                                  \
            while (k > from) {                                                                 \
                T ak = a[--k];                                                                 \
                U bits;                                                                        \
                memcpy(&bits, &ak, sizeof bits);                                               \
                if (bits == SIGN) {                                                            \
                    zeros++;                                                                   \
                    a[k] = 0;                                                                  \
                } else if (ak != ak) {                                                         \
                    a[k] = a[--high];                                                          \
                    a[high] = ak;                                                              \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
        *negative_zeros = zeros;                                                               \
        return high;                                                                           \
    }
NAN_ZERO_WALK(walk_f64, double, uint64_t, (uint64_t)1 << 63)
NAN_ZERO_WALK(walk_f32, float, uint32_t, (uint32_t)1 << 31)
#undef NAN_ZERO_WALK

/* Slot key i as a double (floats widened), and writing -0.0 there. */
static double key_at(jk_op *op, size_t i) {
    return op->def->slot_type[0] == JK_TYPE_F32 ? *(float *)jk_op_slot(op, 0, i) : *(double *)jk_op_slot(op, 0, i);
}
static void negative_zero_at(jk_op *op, size_t i) {
    if (op->def->slot_type[0] == JK_TYPE_F32) *(float *)jk_op_slot(op, 0, i) = -0.0f;
    else *(double *)jk_op_slot(op, 0, i) = -0.0;
}

/* After the team: the counted -0.0s back over zeros. Sorted (st == 0): the first zeros of a[0, finite_end),
 * found by bisection, which is where Arrays.sort puts them. Stopped part way: the first zeros wherever they
 * are, so the array is still a permutation of the input's bits. Idempotent, as complete must be. */
static jk_status complete_sort(jk_op *op, jk_status status) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    size_t count = st->negative_zeros, n = op->args.slot[0].length, i = 0;
    if (status == JK_OK) {
        size_t hi = st->finite_end;
        while (i < hi) { /* the first key >= 0 */
            size_t mid = i + (hi - i) / 2;
            if (key_at(op, mid) < 0) i = mid + 1;
            else hi = mid;
        }
    }
    for (; count > 0 && i < n; i++)
        if (key_at(op, i) == 0) {
            negative_zero_at(op, i);
            count--;
        }
    return status;
}

/* a[0, n) of `size`-byte keys in reverse order. */
static void reverse(char *a, size_t n, size_t size) {
    if (size == 8) {
        uint64_t *x = (uint64_t *)(void *)a;
        for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
            uint64_t t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    } else {
        uint32_t *x = (uint32_t *)(void *)a;
        for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
            uint32_t t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }
}

static int sort_team(void *ctx, jk_rt_self *self) {
    jk_op *op = ctx;
    sort_state *st = JK_OP_STATE(op, sort_state);
    size_t n = op->args.slot[0].length;
    char *keys = jk_op_slot(op, 0, 0);
    if (self->rank == 0) {
        st->finite_end = n;
        st->negative_zeros = 0;
        if (is_float(op)) {
            st->finite_end = op->def->slot_type[0] == JK_TYPE_F64
                                 ? walk_f64(st->kit, (double *)keys, n, &st->negative_zeros)
                                 : walk_f32(st->kit, (float *)keys, n, &st->negative_zeros);
            jk_rt_add_done(self, n - st->finite_end);
        }
        sched_init(&st->sched, st->finite_end);
        st->sched.tasks[st->sched.count++] = (sort_task){0, st->finite_end, 0};
        /* Sorted or reversed already (Arrays.sort finds runs too): one pass instead of a sort. */
        st->presorted = st->kit->monotone(keys, st->finite_end);
        if (st->presorted < 0) reverse(keys, st->finite_end, st->kit->size);
        if (st->presorted) jk_rt_add_done(self, st->finite_end);
    }
    int status = self->size > 1 ? jk_rt_barrier(self) : JK_OK;
    if (status || st->presorted) return status;
    return team_sort(op, keys, st->finite_end, self); /* complete_sort puts back the -0.0s */
}

static jk_status prepare_sort(jk_op *op) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    size_t n = op->args.slot[0].length;
    st->kit = ((jk_sort_kit_shape *)op->kernel[0])();
    st->packed = NULL;
    st->negative_zeros = 0; /* until member 0's walk counts them (a job cancelled first has none to restore) */
    st->presorted = 0;
    st->finite_end = n;
    jk_op_set_team(op, sort_team, n < SORT_TEAM_FROM ? 1 : JK_RT_MAX_WORKERS, n);
    if (is_float(op)) op->complete = complete_sort;
    return JK_OK;
}

#define SORT_OP(opname, type, kernel)                                                                        \
    static const jk_op_def opname = {.name = #opname, .slots = 1, .slot_type = {type},                       \
                                     .slot_role = {JK_ROLE_READ_WRITE}, .result = JK_RESULT_NONE,           \
                                     .prepare = prepare_sort, .kernels = {JK_KERNEL(kernel)}};              \
    JK_REGISTER_OP(opname)

SORT_OP(sort_f64, JK_TYPE_F64, sort_f64);
SORT_OP(sort_f32, JK_TYPE_F32, sort_f32);
SORT_OP(sort_i64, JK_TYPE_I64, sort_i64);
SORT_OP(sort_i32, JK_TYPE_I32, sort_i32);

/* ---- argsort ---- */

/* Order-preserving signed integer images of floating-point keys; every NaN is the largest. */
static int64_t order_f64(double x) {
    if (x != x) return INT64_MAX;
    int64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits ^ (int64_t)((uint64_t)(bits >> 63) >> 1);
}
static int32_t order_f32(float x) {
    if (x != x) return INT32_MAX;
    int32_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits ^ (int32_t)((uint32_t)(bits >> 31) >> 1);
}

/* Key i of the slot as a 64-bit order image (32-bit keys widened). */
static int64_t order_of(const jk_op *op, size_t i) {
    const void *p = jk_op_slot(op, 0, i);
    switch (op->def->slot_type[0]) {
    case JK_TYPE_F64: return order_f64(*(const double *)p);
    case JK_TYPE_F32: return order_f32(*(const float *)p);
    case JK_TYPE_I64: return *(const int64_t *)p;
    default: return *(const int32_t *)p;
    }
}

static int bit_length(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

/* The words: (order - min) >> shift in the high bits, the index in the low index_bits; the key part has
 * 63 - index_bits bits, so a word is never negative and words sort like (key part, index). When the keys
 * span more bits than that (shift > 0), keys with the same key part get second words from their low `shift`
 * bits, which with the index fit too (shift <= index_bits + 1, index_bits <= 31). */
typedef struct {
    int index_bits, shift;
    int64_t min;
} word_form;

static word_form form_of(size_t n, int64_t min, int64_t max) {
    word_form f = {.index_bits = bit_length(n > 1 ? n - 1 : 0), .min = min};
    int span = bit_length((uint64_t)max - (uint64_t)min), room = 63 - f.index_bits;
    f.shift = span > room ? span - room : 0;
    return f;
}

static int64_t first_word(word_form f, int64_t order, size_t index) {
    return (int64_t)(((((uint64_t)order - (uint64_t)f.min) >> f.shift) << f.index_bits) | index);
}
static int64_t second_word(word_form f, int64_t order, size_t index) {
    uint64_t low = ((uint64_t)order - (uint64_t)f.min) & (((uint64_t)1 << f.shift) - 1);
    return (int64_t)((low << f.index_bits) | index);
}
static size_t index_of(word_form f, int64_t w) { return (size_t)((uint64_t)w & (((uint64_t)1 << f.index_bits) - 1)); }

static void atomic_min64(_Atomic int64_t *at, int64_t x) {
    int64_t seen = atomic_load_explicit(at, memory_order_relaxed);
    while (x < seen && !atomic_compare_exchange_weak_explicit(at, &seen, x, memory_order_relaxed, memory_order_relaxed)) {
    }
}
static void atomic_max64(_Atomic int64_t *at, int64_t x) {
    int64_t seen = atomic_load_explicit(at, memory_order_relaxed);
    while (x > seen && !atomic_compare_exchange_weak_explicit(at, &seen, x, memory_order_relaxed, memory_order_relaxed)) {
    }
}

/* Runs of equal key parts that start in this member's share get second words, sorted here when short,
 * pushed when long. Rewriting a word changes its key part, so every boundary a member needs is found before
 * anyone writes (the barrier): where its first run starts (one begun in the share before belongs to that
 * member) and where its last run ends (it may reach into the next share). */
static int split_runs(jk_op *op, word_form f, size_t n, jk_rt_self *self) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    int64_t *w = st->packed;
    int b = f.index_bits;
    size_t from, to;
    jk_op_share(n, self->size, self->rank, &from, &to);
    size_t start = from, last_end = to;
    while (start > 0 && start < to && (w[start] >> b) == (w[start - 1] >> b)) start++;
    while (to > from && last_end < n && (w[last_end] >> b) == (w[to - 1] >> b)) last_end++;
    int status = self->size > 1 ? jk_rt_barrier(self) : JK_OK;
    if (status) return status;
    for (size_t i = start; i < to;) {
        size_t end = i + 1;
        while (end < to && (w[end] >> b) == (w[i] >> b)) end++;
        if (end == to) end = last_end;
        if (end - i > 1) {
            for (size_t j = i; j < end; j++) {
                size_t index = index_of(f, w[j]);
                w[j] = second_word(f, order_of(op, index), index);
            }
            if (end - i > st->sched.split_above) sched_push(&st->sched, i, end, 0);
            else st->kit->sort(w + i, end - i);
        }
        i = end;
    }
    return JK_OK;
}

static int argsort_team(void *ctx, jk_rt_self *self) {
    jk_op *op = ctx;
    sort_state *st = JK_OP_STATE(op, sort_state);
    size_t n = op->args.slot[0].length, from, to;
    int64_t *w = st->packed, lo = INT64_MAX, hi = INT64_MIN;
    jk_op_share(n, self->size, self->rank, &from, &to);
    for (size_t i = from; i < to; i++) { /* each key's order image, kept in its word's place */
        int64_t order = w[i] = order_of(op, i);
        lo = order < lo ? order : lo;
        hi = order > hi ? order : hi;
    }
    atomic_min64(&st->min, lo);
    atomic_max64(&st->max, hi);
    int status = self->size > 1 ? jk_rt_barrier(self) : JK_OK;
    if (status) return status;
    word_form f = form_of(n, atomic_load(&st->min), atomic_load(&st->max));
    for (size_t i = from; i < to; i++) w[i] = first_word(f, w[i], i);
    if (self->rank == 0) st->sched.tasks[st->sched.count++] = (sort_task){0, n, 0};
    if (self->size > 1 && (status = jk_rt_barrier(self))) return status;
    if ((status = team_sort(op, (char *)w, n, self))) return status;
    if (f.shift > 0) {
        if (self->rank == 0) st->sched.counts_progress = 0; /* the keys were counted by the first sort */
        if (self->size > 1 && (status = jk_rt_barrier(self))) return status;
        if ((status = split_runs(op, f, n, self))) return status;
        if (self->size > 1 && (status = jk_rt_barrier(self))) return status;
        if ((status = sched_run(st->kit, &st->sched, (char *)w, self))) return status;
    }
    if (self->size > 1 && (status = jk_rt_barrier(self))) return status;
    int32_t *out = jk_op_slot(op, 1, 0), offset = (int32_t)op->args.i[0];
    for (size_t i = from; i < to; i++) out[i] = (int32_t)index_of(f, w[i]) + offset;
    return JK_OK;
}

static void release_argsort(jk_op *op) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    free(st->packed);
    st->packed = NULL;
}

static jk_status prepare_argsort(jk_op *op) {
    sort_state *st = JK_OP_STATE(op, sort_state);
    size_t n = op->args.slot[0].length;
    st->kit = ((jk_sort_kit_shape *)op->kernel[0])();
    st->packed = malloc((n ? n : 1) * sizeof(int64_t));
    if (!st->packed) return JK_ERR_NOMEM;
    op->release = release_argsort;
    atomic_init(&st->min, INT64_MAX);
    atomic_init(&st->max, INT64_MIN);
    sched_init(&st->sched, n);
    jk_op_set_team(op, argsort_team, n < SORT_TEAM_FROM ? 1 : JK_RT_MAX_WORKERS, n);
    return JK_OK;
}

/* Indices fit an int: the offset is at least 0 and offset + length at most 2^31. */
static jk_status check_argsort(const jk_args *a) {
    if (a->i[0] < 0 || (uint64_t)a->i[0] + a->slot[0].length > (uint64_t)INT32_MAX + 1) return JK_ERR_ARGUMENT;
    return JK_OK;
}

#define ARGSORT_OP(opname, type)                                                                             \
    static const jk_op_def opname = {.name = #opname, .slots = 2, .ints = 1, .slot_type = {type, JK_TYPE_I32}, \
                                     .slot_role = {JK_ROLE_READ, JK_ROLE_WRITE}, .result = JK_RESULT_NONE,  \
                                     .flags = JK_OP_SAME_LENGTH, .check = check_argsort,                    \
                                     .prepare = prepare_argsort, .kernels = {JK_KERNEL(sort_i64)}};         \
    JK_REGISTER_OP(opname)

ARGSORT_OP(argsort_f64, JK_TYPE_F64);
ARGSORT_OP(argsort_f32, JK_TYPE_F32);
ARGSORT_OP(argsort_i64, JK_TYPE_I64);
ARGSORT_OP(argsort_i32, JK_TYPE_I32);
