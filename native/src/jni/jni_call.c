/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JNI glue for dev.jkernels.internal.NativeBridge: one generic synchronous
 * entry (call), one asynchronous (submit) and the job accessors, for every
 * registered operation. Translation only: no operation is named here.
 *
 * A call carries up to JK_MAX_SLOTS Java arrays, each with its own offset and
 * length, plus integer and double scalars; the op's definition says each
 * slot's element type and role. The glue checks each slot against it (type,
 * bounds, overlap between slots of the same array), then runs the op one of
 * three ways, so that no Java array is ever held for long:
 *   - pinned windows: streaming ops run as a series of windows of at most
 *     JNI_WINDOW_BYTES of slot data (each slot's part per its unit: the op's,
 *     or its own with JK_OP_SLOT_UNITS, where a unit of 0 puts the whole,
 *     read-only slot in every window); each window pins the arrays
 *     (GetPrimitiveArrayCritical, each distinct array once, released in reverse
 *     order) only while it runs, and only if the pool is idle (or inline), so a
 *     pin lasts a fraction of a millisecond and never waits behind another
 *     caller's job. Between windows the GC may run and move the arrays.
 *   - copied windows: a window that finds the pool busy copies its part of the
 *     slots into native memory instead, in bounded pieces, and runs there.
 *   - copied whole: every op that is not streaming (costly ops, whose items may
 *     take long; team and phased ops, whose time grows faster than their data)
 *     runs on native copies of all its slots, copied in and out in bounded
 *     pieces, so nothing is pinned while it runs. Synchronous calls take their
 *     copies' buffers from a bounded cache (jni_common.h), so a large call does
 *     not fault fresh pages in every time.
 * Written slots behave the same on every path when a call fails or is
 * cancelled: the elements the call reached hold new values, the others their
 * old ones (copies are taken of written slots too, so copying back preserves
 * what was not computed).
 *
 * Asynchronous jobs never see a Java array: submit copies the slots into
 * native memory the job owns; the Java side copies written slots back
 * (jobCopyOut) once the job is finished, then frees it.
 *
 * A slot may also be a direct java.nio buffer of the slot's type (Java has
 * checked its byte order). One whose address is aligned to its element size is
 * used in place on every path, synchronous or not: nothing pins or copies it
 * (Java keeps the buffer reachable until the call returns or the job is
 * delivered, and an off-heap array's memory is held, jni_memory.c, so closing
 * it meanwhile frees nothing). A misaligned one (a view of a ByteBuffer at an
 * odd position) is copied like an array, with memcpy, and its call runs as
 * "copied whole": kernels may assume their elements are aligned. Overlaps
 * between direct slots are judged by address, whatever their types.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jni_common.h"
#include "ops/ops.h"
#include "dev_jkernels_internal_NativeBridge.h"

/* At most this much slot data is pinned at once (measured: a window of this
 * size runs in about 0.1-0.3 ms on this project's machine). */
#define JNI_WINDOW_BYTES ((size_t)4 << 20)

/* How streaming ops treat heap arrays (setting jkernels.pin, NativeBridge.setPinMode): in pinned windows
 * (the policy above), never pinned (every window copied), or pinned whole for the entire call, waiting for
 * the pool: the naive way, which holds up the GC for as long as the call runs. The last two exist for the
 * GC-stall benchmark (GcStall) and for diagnosis; set once, before any call. */
enum { PIN_WINDOWS = 0, PIN_NEVER = 1, PIN_WHOLE = 2 };
static _Atomic int pin_mode_setting = PIN_WINDOWS; /* written by each pool's creation, read by every call */

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_setPinMode(JNIEnv *env, jclass cls, jint mode) {
    (void)env, (void)cls;
    if (mode >= PIN_WINDOWS && mode <= PIN_WHOLE) atomic_store_explicit(&pin_mode_setting, mode, memory_order_relaxed);
}

static int pin_mode(void) { return atomic_load_explicit(&pin_mode_setting, memory_order_relaxed); }

/* Bits of the `flags` argument, as NativeBridge.CALL_* says. */
enum { CALL_INLINE = 1, CALL_ITEM_FAILURES = 2 };

static const char *const type_names[] = {"?", "double", "float", "long", "int"};

/* One slot of a call: the Java array or direct buffer, and where its data lives now. */
typedef struct {
    jarray array; /* or the buffer */
    char *address; /* a direct buffer's element 0; NULL for an array */
    int in_place;  /* a direct buffer aligned to its element size: the op works on it where it is */
    jni_mem_block *held; /* the off-heap array the slot lies in, held until the call or job ends; or NULL */
    size_t offset, length, size; /* elements, element size */
    int type, role;
    int owner;   /* the first slot of the same Java array (pins go by owner) */
    int rep;     /* the first slot of exactly the same array range (copies go by rep) */
    void *pinned; /* owner slots: the pinned array's first element */
    void *buffer; /* rep slots: native copy (whole slot, or the current window) */
    size_t buffer_bytes; /* a synchronous call's buffer from the cache (jni_buffer_take): its capacity; 0 for
                          * an asynchronous job's, which the job owns and frees */
} jslot;

typedef struct {
    JNIEnv *env;
    const jk_op_def *def;
    int slots;
    jslot s[JK_MAX_SLOTS];
    jk_args args;
} jcall;

/* ---- gathering and checking the arguments ---- */

static const jk_op_def *op_at(JNIEnv *env, jint index) {
    const jk_op_def *def = jk_op_at(index);
    if (!def) {
        char msg[96];
        snprintf(msg, sizeof msg, "jkernels: no native operation has index %d", (int)index);
        jni_throw(env, "java/lang/IllegalStateException", msg);
    }
    return def;
}

/* Throws cls with a formatted message; returns 0 for the caller to return. */
__attribute__((format(printf, 3, 4))) static int fail(JNIEnv *env, const char *cls, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jni_throw(env, cls, msg);
    return 0;
}

static int written(const jslot *s) { return (s->role & JK_ROLE_WRITE) != 0; }

/* Slot elements [first, first + n) into or out of native memory: a direct buffer's with memcpy, an array's in
 * bounded pieces (jni_common.h). */
static void slot_copy_in(JNIEnv *env, const jslot *s, size_t first, size_t n, void *dst) {
    if (s->address) memcpy(dst, s->address + (s->offset + first) * s->size, n * s->size);
    else jni_copy_in(env, s->type, s->array, s->offset + first, n, dst);
}

static void slot_copy_out(JNIEnv *env, const jslot *s, size_t first, size_t n, const void *src) {
    if (s->address) memcpy(s->address + (s->offset + first) * s->size, src, n * s->size);
    else jni_copy_out(env, s->type, s->array, s->offset + first, n, src);
}

/* Where an in-place slot's first element is. */
static void *in_place_data(const jslot *s) { return s->length ? s->address + s->offset * s->size : NULL; }

static void release_holds(jslot *s, int slots) {
    for (int k = 0; k < slots; k++) {
        jni_mem_release(s[k].held);
        s[k].held = NULL;
    }
}

/* Where two slots' elements are, in bytes, in a space common to both: addresses for two direct buffers, offsets
 * for two slots of one array. Returns 0 when they cannot share memory (an array and a buffer, two arrays). */
static int common_space(JNIEnv *env, const jslot *a, const jslot *b, uintptr_t *at_a, uintptr_t *at_b) {
    if (a->address && b->address) {
        *at_a = (uintptr_t)a->address + a->offset * a->size;
        *at_b = (uintptr_t)b->address + b->offset * b->size;
        return 1;
    }
    if (a->address || b->address || a->type != b->type || !(*env)->IsSameObject(env, a->array, b->array)) return 0;
    *at_a = a->offset * a->size;
    *at_b = b->offset * b->size;
    return 1;
}

/* Records which slots share an array (owner: the first slot of that array,
 * which pins it) or exactly the same range of it or of direct memory (rep: the
 * first such slot, whose copy they share), and rejects overlaps the op cannot
 * take. Every pair is looked at: three slots of one array may relate
 * differently pairwise. Returns 0 with an exception pending on failure. */
static int relate_slots(jcall *c) {
    JNIEnv *env = c->env;
    for (int k = 0; k < c->slots; k++) {
        jslot *sk = &c->s[k];
        sk->owner = sk->rep = k;
        for (int j = 0; j < k; j++) {
            jslot *sj = &c->s[j];
            uintptr_t bj, bk;
            if (!common_space(env, sj, sk, &bj, &bk)) continue;
            if (!sk->address && sk->owner == k) sk->owner = sj->owner;
            size_t ej = bj + sj->length * sj->size, ek = bk + sk->length * sk->size;
            int same = sj->type == sk->type && bj == bk && sj->length == sk->length;
            int overlap = sj->length && sk->length && bj < ek && bk < ej;
            int any_written = written(sj) || written(sk);
            int both_write_only = sj->role == JK_ROLE_WRITE && sk->role == JK_ROLE_WRITE;
            /* Slot units are the op's per call: two slots of one range may take different parts per window,
             * so they never share a copy. */
            int units = (c->def->flags & JK_OP_SLOT_UNITS) != 0;
            int shared = same && !units && (!any_written || ((c->def->flags & JK_OP_IN_PLACE) && !both_write_only));
            if (shared) {
                if (sk->rep == k) sk->rep = sj->rep;
            } else if (overlap && any_written) {
                return fail(env, "java/lang/IllegalArgumentException",
                            "%s: slots %d and %d share elements of one array (offsets %zu and %zu, lengths %zu "
                            "and %zu); a written slot must be exactly another slot or apart from it",
                            c->def->name, j, k, sj->offset, sk->offset, sj->length, sk->length);
            }
        }
    }
    return 1;
}

/* Checks slot k (an array, or a direct buffer, of the op's type; within it)
 * and holds the off-heap array it lies in. Returns 0 with an exception pending. */
static int gather_slot(jcall *c, int k, jint offset, jint length) {
    JNIEnv *env = c->env;
    const jk_op_def *def = c->def;
    jslot *s = &c->s[k];
    s->type = def->slot_type[k];
    s->role = def->slot_role[k];
    s->size = jk_type_size(s->type);
    if (!s->array) return fail(env, "java/lang/NullPointerException", "%s: slot %d is null", def->name, k);
    jlong n;
    const char *what = "an array";
    if (jni_is_array_of(env, s->array, s->type)) {
        n = (*env)->GetArrayLength(env, s->array);
    } else if (jni_is_buffer_of(env, s->array, s->type)) {
        if (!(s->address = (*env)->GetDirectBufferAddress(env, s->array)))
            return fail(env, "java/lang/IllegalArgumentException", "%s: slot %d is a %s buffer that is not direct",
                        def->name, k, type_names[s->type]);
        n = (*env)->GetDirectBufferCapacity(env, s->array);
        s->in_place = (uintptr_t)s->address % s->size == 0;
        what = "a buffer";
    } else {
        return fail(env, "java/lang/IllegalArgumentException", "%s: slot %d must be a %s[] or a direct buffer of %s",
                    def->name, k, type_names[s->type], type_names[s->type]);
    }
    if (offset < 0 || length < 0 || offset > n - length)
        return fail(env, "java/lang/IndexOutOfBoundsException", "%s: slot %d: offset %d, length %d outside %s of %lld",
                    def->name, k, (int)offset, (int)length, what, (long long)n);
    s->offset = (size_t)offset;
    s->length = (size_t)length;
    c->args.slot[k].length = s->length;
    if (s->address && s->length &&
        !jni_mem_hold(s->address + s->offset * s->size, s->length * s->size, &s->held))
        return fail(env, "java/lang/IllegalStateException", "%s: slot %d is a buffer of an OffHeapArray that is closed",
                    def->name, k);
    return 1;
}

/* Fills c from the Java arguments and checks each slot. Returns 0 with an
 * exception pending on failure, nothing held. */
static int gather(JNIEnv *env, jcall *c, const jk_op_def *def, jobject arrays[JK_MAX_SLOTS],
                  const jint offsets[JK_MAX_SLOTS], const jint lengths[JK_MAX_SLOTS], const jlong ints[JK_MAX_INTS],
                  const jdouble reals[JK_MAX_REALS]) {
    c->env = env;
    c->def = def;
    c->slots = def->slots;
    /* Field by field: a compound literal clears the whole struct (rep stos),
     * a measurable part of a small call, and every field is set anyway. */
    c->args.size = sizeof(jk_args);
    c->args.item_status = NULL;
    for (int k = 0; k < JK_MAX_SLOTS; k++) c->args.slot[k] = (jk_slot){NULL, 0};
    for (int i = 0; i < JK_MAX_INTS; i++) c->args.i[i] = ints[i];
    for (int i = 0; i < JK_MAX_REALS; i++) c->args.d[i] = reals[i];
    for (int k = 0; k < c->slots; k++) c->s[k] = (jslot){.array = arrays[k]}; /* nothing held yet */
    for (int k = 0; k < c->slots; k++)
        if (!gather_slot(c, k, offsets[k], lengths[k])) {
            release_holds(c->s, c->slots);
            return 0;
        }
    if (relate_slots(c)) return 1;
    release_holds(c->s, c->slots);
    return 0;
}

/* ---- pinning ---- */

/* Pins every distinct array (owners, in slot order) and points the args at
 * the slots. Returns 0 with an exception pending when a pin fails (the pins
 * already taken are released). */
static int pin_all(jcall *c) {
    JNIEnv *env = c->env;
    for (int k = 0; k < c->slots; k++) {
        jslot *s = &c->s[k];
        if (s->owner != k || s->address) continue;
        s->pinned = (*env)->GetPrimitiveArrayCritical(env, s->array, NULL);
        if (!s->pinned) {
            for (int j = k - 1; j >= 0; j--)
                if (c->s[j].owner == j && !c->s[j].address) (*env)->ReleasePrimitiveArrayCritical(env, c->s[j].array, c->s[j].pinned, JNI_ABORT);
            if (!(*env)->ExceptionCheck(env)) jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: cannot pin an array");
            return 0;
        }
    }
    for (int k = 0; k < c->slots; k++) {
        jslot *s = &c->s[k];
        c->args.slot[k].data = s->address ? in_place_data(s)
                               : s->length ? (char *)c->s[s->owner].pinned + s->offset * s->size : NULL;
    }
    return 1;
}

/* Releases the pins in reverse order; `keep` writes back the written slots
 * (HotSpot never copies for critical access, so this only matters elsewhere). */
static void unpin_all(jcall *c, int keep) {
    for (int k = c->slots - 1; k >= 0; k--) {
        jslot *s = &c->s[k];
        if (s->owner != k || s->address) continue;
        int writes = 0;
        for (int j = 0; j < c->slots; j++) writes |= c->s[j].owner == k && written(&c->s[j]);
        (*c->env)->ReleasePrimitiveArrayCritical(c->env, s->array, s->pinned, keep && writes ? 0 : JNI_ABORT);
        s->pinned = NULL;
    }
}

/* ---- copies ---- */

static void free_buffers(jcall *c) {
    for (int k = 0; k < c->slots; k++) {
        if (c->s[k].buffer_bytes) jni_buffer_give(c->s[k].buffer, c->s[k].buffer_bytes);
        else free(c->s[k].buffer);
        c->s[k].buffer = NULL;
        c->s[k].buffer_bytes = 0;
    }
}

/* Elements [first[k], first[k] + count[k]) of each slot k: a window (span) or whole slots (all). */
typedef struct {
    size_t first[JK_MAX_SLOTS], count[JK_MAX_SLOTS];
} jspan;

static jspan whole_slots(void) {
    jspan w;
    for (int k = 0; k < JK_MAX_SLOTS; k++) w.first[k] = 0, w.count[k] = SIZE_MAX;
    return w;
}

/* The elements work indices [begin, end) reach in each slot: slot_unit[k] per index (jk_op.h, ops.h), the
 * whole slot where it is 0; clipped to each slot's length. */
static jspan span_of(const jcall *c, const jk_op *op, size_t begin, size_t end) {
    jspan w = whole_slots();
    for (int k = 0; k < c->slots; k++) {
        size_t unit = op->slot_unit[k], length = c->s[k].length;
        if (!unit) continue;
        w.first[k] = begin * unit < length ? begin * unit : length;
        w.count[k] = (end - begin) * unit;
    }
    return w;
}

/* Elements of slot k a span holds: its count, clipped to the slot. */
static size_t span_count(const jcall *c, const jspan *w, int k) {
    size_t left = c->s[k].length - w->first[k];
    return w->count[k] < left ? w->count[k] : left;
}

/* Native buffers for the span of every slot, one per distinct range. `cached`:
 * a synchronous call's, from the cache, every slot then copied in (its contents
 * are stale); else zeroed (an asynchronous job's: write-only slots are not
 * copied in). Returns 0 with OutOfMemoryError pending. */
static int alloc_buffers(jcall *c, const jspan *w, int cached) {
    for (int k = 0; k < c->slots; k++) {
        jslot *s = &c->s[k];
        if (s->rep != k || s->in_place) continue;
        size_t n = span_count(c, w, k), bytes = (n ? n : 1) * s->size;
        s->buffer_bytes = 0;
        s->buffer = cached ? jni_buffer_take(bytes, &s->buffer_bytes) : calloc(n ? n : 1, s->size);
        if (!s->buffer) {
            free_buffers(c);
            jni_throw(c->env, "java/lang/OutOfMemoryError", "jkernels: no native memory for a call's copies");
            return 0;
        }
    }
    return 1;
}

/* Points the args at the buffers, each standing for its slot's elements from the span's first on (in-place
 * slots: at the slot itself). */
static void point_at_buffers(jcall *c, jk_op *op, const jspan *w) {
    for (int k = 0; k < c->slots; k++) {
        jk_slot *slot = op ? &op->args.slot[k] : &c->args.slot[k];
        int in_place = c->s[k].in_place;
        slot->data = in_place ? in_place_data(&c->s[k]) : c->s[c->s[k].rep].buffer;
        if (op) op->origin[k] = in_place ? 0 : w->first[c->s[k].rep];
    }
}

/* Copies the span of each distinct range in, or (out) of each written one
 * back; `all_in` copies write-only slots in too. */
static void copy_window(jcall *c, const jspan *w, int out, int all_in) {
    for (int k = 0; k < c->slots; k++) {
        jslot *s = &c->s[k];
        size_t first = w->first[k];
        if (s->rep != k || s->in_place || first >= s->length) continue;
        size_t n = span_count(c, w, k);
        int slot_written = 0, slot_read = 0;
        for (int j = 0; j < c->slots; j++)
            if (c->s[j].rep == k) {
                slot_written |= written(&c->s[j]);
                slot_read |= (c->s[j].role & JK_ROLE_READ) != 0;
            }
        if (out && slot_written) slot_copy_out(c->env, s, first, n, s->buffer);
        if (!out && (slot_read || all_in)) slot_copy_in(c->env, s, first, n, s->buffer);
    }
}

/* ---- running ---- */

/* Work indices per window: as many as keep the window's slot data within
 * JNI_WINDOW_BYTES, in whole chunks when a chunk fits. */
static size_t window_indices(const jcall *c, const jk_op *op) {
    size_t per_index = 0, bytes = 0, whole = 0;
    for (int k = 0; k < c->slots; k++)
        if (c->s[k].rep == k) {
            per_index += op->slot_unit[k] * c->s[k].size;
            bytes += c->s[k].length * c->s[k].size;
            if (!op->slot_unit[k]) whole += c->s[k].length * c->s[k].size; /* in every window */
        }
    if (bytes <= JNI_WINDOW_BYTES || pin_mode() == PIN_WHOLE) /* one window: no divisions, which a small call notices */
        return op->work.end > op->work.begin ? op->work.end - op->work.begin : 1;
    size_t budget = whole < JNI_WINDOW_BYTES / 2 ? JNI_WINDOW_BYTES - whole : JNI_WINDOW_BYTES / 2;
    size_t w = per_index ? budget / per_index : 1;
    if (w >= op->work.grain) w -= w % op->work.grain;
    return w ? w : 1;
}

/* Runs work indices [begin, end) on copies of the window's elements. */
static jk_status run_copied_window(jcall *c, jk_op *op, size_t begin, size_t end) {
    jspan w = span_of(c, op, begin, end);
    if (!alloc_buffers(c, &w, 1)) return JK_ERR_NOMEM;
    copy_window(c, &w, 0, 1);
    jk_status st = JK_ERR_NOMEM; /* an exception is pending if a copy failed */
    if (!(*c->env)->ExceptionCheck(c->env)) {
        point_at_buffers(c, op, &w);
        st = jk_op_run_window(op, begin, end, JK_CALL_DEFAULT);
        copy_window(c, &w, 1, 0);
    }
    free_buffers(c);
    return st;
}

/* Streaming ops: window after window, each pinned while it runs if the pool is
 * idle (or inline), else copied. A streaming op's work index i covers elements
 * [i*unit, (i+1)*unit) of every slot, or its own unit's of each slot, whole
 * slots included (JK_OP_SLOT_UNITS, jk_op.h), which is what makes a window's
 * copy the right part of each slot. */
static jk_status run_windows(jcall *c, jk_op *op, jk_call_flags pin_flags) {
    size_t begin = op->work.begin, end = op->work.end;
    int arrays = 0; /* direct buffers alone need no windows: nothing is pinned */
    for (int k = 0; k < c->slots; k++) arrays |= !c->s[k].address;
    if ((!arrays || pin_mode() == PIN_WHOLE) && pin_flags == JK_CALL_IF_IDLE) pin_flags = JK_CALL_DEFAULT;
    int copy_all = arrays && pin_mode() == PIN_NEVER;
    size_t step = op->work.kind == JK_RT_RANGE && arrays ? window_indices(c, op) : (end > begin ? end - begin : 1);
    unsigned epoch = jk_runtime_cancel_epoch(op->pool->runtime);
    jk_status st = JK_OK;
    int pinned = 1; /* the caller pinned for prepare */
    for (size_t w0 = begin;; w0 += step) {
        size_t w1 = end - w0 > step ? w0 + step : end;
        if (copy_all) {
            if (pinned) unpin_all(c, 0); /* prepare's pin */
            pinned = 0;
            st = JK_ERR_BUSY; /* run copied, below */
        } else {
            if (!pinned && !pin_all(c)) return JK_ERR_NOMEM;
            for (int k = 0; k < c->slots; k++) {
                op->args.slot[k].data = c->args.slot[k].data;
                op->origin[k] = 0;
            }
            st = jk_op_run_window(op, w0, w1, pin_flags);
            unpin_all(c, st != JK_ERR_BUSY);
            pinned = 0;
        }
        if (st == JK_ERR_BUSY) st = run_copied_window(c, op, w0, w1);
        if (st != JK_OK || w1 >= end) break;
        if (jk_runtime_cancel_epoch(op->pool->runtime) != epoch) {
            st = JK_ERR_CANCELLED; /* KernelPool.shutdownNow() while this call ran */
            break;
        }
    }
    return st;
}

/* Every op that is not streaming (costly ones, teams, phases: their time is not
 * bounded by their size, so no pin may last as long as they run): everything on
 * copies. Returns 0 with an exception pending when the copies could not be made. */
static int run_copied_whole(jcall *c, jk_op *op, jk_pool *pool, jk_status *st, int *prepared) {
    jspan all = whole_slots();
    if (!alloc_buffers(c, &all, 1)) return 0;
    copy_window(c, &all, 0, 1);
    if ((*c->env)->ExceptionCheck(c->env)) {
        free_buffers(c);
        return 0;
    }
    point_at_buffers(c, NULL, &all);
    *st = jk_op_prepare(op, pool, c->def, &c->args);
    if ((*prepared = *st == JK_OK)) {
        *st = jk_op_complete(op, jk_op_run_window(op, op->work.begin, op->work.end, JK_CALL_DEFAULT));
        copy_window(c, &all, 1, 0);
    }
    return 1;
}

/* Throws for a failed call, naming the op (and for a domain error the item). */
static void throw_failure(jcall *c, const jk_op *op, jk_status st) {
    char msg[256];
    size_t bad = op ? atomic_load(&op->bad_index) : SIZE_MAX;
    if (st == JK_ERR_DOMAIN && bad != SIZE_MAX && c->slots > 0 && bad < c->s[0].length) {
        jslot *s = &c->s[0];
        union { double f64; float f32; int64_t i64; int32_t i32; } v = {0};
        slot_copy_in(c->env, s, bad, 1, &v);
        char value[48];
        if (s->type == JK_TYPE_F64) snprintf(value, sizeof value, "%.17g", v.f64);
        else if (s->type == JK_TYPE_F32) snprintf(value, sizeof value, "%.9g", (double)v.f32);
        else if (s->type == JK_TYPE_I64) snprintf(value, sizeof value, "%lld", (long long)v.i64);
        else snprintf(value, sizeof value, "%d", (int)v.i32);
        snprintf(msg, sizeof msg, "%s: input %s at index %zu is outside the kernel's domain", c->def->name, value, bad);
    } else {
        snprintf(msg, sizeof msg, "jkernels %s failed: %s (status %d)", c->def->name, jk_status_name(st), (int)st);
    }
    jni_throw_status(c->env, st, msg);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_call(
    JNIEnv *env, jclass cls, jlong pool, jint op_index, jint flags, jobject a0, jint o0, jint n0, jobject a1, jint o1,
    jint n1, jobject a2, jint o2, jint n2, jobject a3, jint o3, jint n3, jlong i0, jlong i1, jlong i2, jlong i3,
    jlong i4, jlong i5, jlong i6, jlong i7, jdouble d0, jdouble d1, jdouble d2, jdouble d3) {
    (void)cls;
    const jk_op_def *def = op_at(env, op_index);
    if (!def) return 0;
    jobject arrays[] = {a0, a1, a2, a3};
    const jint offsets[] = {o0, o1, o2, o3}, lengths[] = {n0, n1, n2, n3};
    const jlong ints[] = {i0, i1, i2, i3, i4, i5, i6, i7};
    const jdouble reals[] = {d0, d1, d2, d3};
    jcall c;
    if (!gather(env, &c, def, arrays, offsets, lengths, ints, reals)) return 0;

    jk_op op;
    jk_status st;
    int prepared = 0;
    int costly = (def->flags & JK_OP_COSTLY) != 0;
    int streaming = (def->flags & JK_OP_STREAMING) &&
                    (c.slots == 1 || (def->flags & (JK_OP_SAME_LENGTH | JK_OP_SLOT_UNITS)));
    for (int k = 0; k < c.slots; k++) streaming &= !c.s[k].address || c.s[k].in_place; /* misaligned: copied */
    if (flags & ~(CALL_INLINE | CALL_ITEM_FAILURES)) {
        release_holds(c.s, c.slots);
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: unknown call flags");
        return 0;
    }
    if (!costly && streaming) {
        if (!pin_all(&c)) {
            release_holds(c.s, c.slots);
            return 0;
        }
        st = jk_op_prepare(&op, jni_pool(pool), def, &c.args); /* never reads slot memory */
        if (!(prepared = st == JK_OK)) {
            unpin_all(&c, 0);
        } else {
            st = run_windows(&c, &op, (flags & CALL_INLINE) ? JK_CALL_INLINE : JK_CALL_IF_IDLE);
            st = jk_op_complete(&op, st);
        }
    } else if (!run_copied_whole(&c, &op, jni_pool(pool), &st, &prepared)) {
        release_holds(c.s, c.slots);
        return 0;
    }
    jlong result = st == JK_OK ? op.value.i64 : 0; /* the raw bits; Java reads them as the op's result kind */
    if (st != JK_OK && !(*env)->ExceptionCheck(env)) throw_failure(&c, prepared ? &op : NULL, st);
    if (prepared) jk_op_release(&op);
    free_buffers(&c);
    release_holds(c.s, c.slots);
    return result;
}

/* ---- asynchronous jobs ---- */

/* A submitted job and the native copies it runs on. The handle Java holds is
 * this pointer, valid from its submission until freeJob; nextFinished may hand
 * it to the delivering thread before submit has returned it. */
typedef struct {
    jk_job *job;
    jlong tag;             /* Java's name for the job, handed back by nextFinished */
    int slots;
    jslot s[JK_MAX_SLOTS]; /* arrays dropped: type, length, rep, buffer, the in-place address and the hold are
                            * used after submit */
    uint8_t *item_status;  /* per-item failures, or NULL */
} async_call;

static async_call *as_call(jlong handle) { return (async_call *)(intptr_t)handle; }

static void free_async(async_call *a) {
    if (!a) return;
    jk_job_free(a->job);
    for (int k = 0; k < a->slots; k++) free(a->s[k].buffer);
    release_holds(a->s, a->slots); /* after the job: its in-place slots may lie in off-heap arrays */
    free(a->item_status);
    free(a);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submit(
    JNIEnv *env, jclass cls, jlong pool, jint op_index, jint flags, jobject a0, jint o0, jint n0, jobject a1, jint o1,
    jint n1, jobject a2, jint o2, jint n2, jobject a3, jint o3, jint n3, jlong i0, jlong i1, jlong i2, jlong i3,
    jlong i4, jlong i5, jlong i6, jlong i7, jdouble d0, jdouble d1, jdouble d2, jdouble d3, jlong tag) {
    (void)cls;
    const jk_op_def *def = op_at(env, op_index);
    if (!def) return 0;
    jobject arrays[] = {a0, a1, a2, a3};
    const jint offsets[] = {o0, o1, o2, o3}, lengths[] = {n0, n1, n2, n3};
    const jlong ints[] = {i0, i1, i2, i3, i4, i5, i6, i7};
    const jdouble reals[] = {d0, d1, d2, d3};
    if (flags & ~(CALL_INLINE | CALL_ITEM_FAILURES)) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: unknown submit flags");
        return 0;
    }
    jcall c;
    if (!gather(env, &c, def, arrays, offsets, lengths, ints, reals)) return 0;
    async_call *a = calloc(1, sizeof *a);
    jspan all = whole_slots();
    int per_item = (flags & CALL_ITEM_FAILURES) && (def->flags & JK_OP_ITEM_FAILURES) && c.slots > 0;
    if (!a || (per_item && !(a->item_status = calloc(c.s[0].length ? c.s[0].length : 1, 1))) ||
        !alloc_buffers(&c, &all, 0)) {
        if (a) free(a->item_status);
        free(a);
        release_holds(c.s, c.slots);
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for an asynchronous job's copies");
        return 0;
    }
    copy_window(&c, &all, 0, 0); /* write-only slots start zeroed: a job publishes only when it ran to its end */
    a->tag = tag;
    a->slots = c.slots;
    for (int k = 0; k < c.slots; k++) {
        a->s[k] = c.s[k];
        a->s[k].array = NULL;
    }
    if ((*env)->ExceptionCheck(env)) {
        free_async(a);
        return 0;
    }
    point_at_buffers(&c, NULL, &all);
    c.args.item_status = a->item_status;
    jk_status st = jk_call_submit(jni_pool(pool), def, &c.args, JK_CALL_NOTIFY, a, &a->job);
    if (st != JK_OK) {
        a->job = NULL;
        free_async(a);
        char msg[160];
        snprintf(msg, sizeof msg, "jkernels %s submission failed: %s (status %d)", def->name, jk_status_name(st), (int)st);
        jni_throw_status(env, st, msg);
        return 0;
    }
    return (jlong)(intptr_t)a;
}

/* Copies written slot `k` of a finished job into `array` from `offset` on. */
JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_jobCopyOut(JNIEnv *env, jclass cls, jlong handle,
                                                                         jint k, jobject array, jint offset) {
    (void)cls;
    async_call *a = as_call(handle);
    if (jk_job_result(a->job, NULL, NULL) == JK_ERR_BUSY) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: copying out of a job that still runs");
        return;
    }
    if (k < 0 || k >= a->slots || !array) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: copying out a slot a job does not have");
        return;
    }
    jslot *s = &a->s[k];
    if (s->in_place) return; /* the job wrote it where it is */
    jslot target = {.array = array, .type = s->type, .size = s->size, .offset = (size_t)offset};
    jlong n = -1;
    if (jni_is_array_of(env, array, s->type)) n = (*env)->GetArrayLength(env, array);
    else if (jni_is_buffer_of(env, array, s->type) && (target.address = (*env)->GetDirectBufferAddress(env, array)))
        n = (*env)->GetDirectBufferCapacity(env, array);
    if (n < 0 || offset < 0 || offset > n || (size_t)(n - offset) < s->length) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: a job's slot does not fit the array it is copied to");
        return;
    }
    slot_copy_out(env, &target, 0, s->length, a->s[s->rep].buffer);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_nextFinished(JNIEnv *env, jclass cls, jlong pool,
                                                                            jlong timeout_nanos) {
    (void)env, (void)cls;
    jk_job *job = NULL;
    if (jk_pool_next_finished(jni_pool(pool), timeout_nanos, &job) != JK_OK) return 0;
    /* The handle, not only the tag: the delivering thread must not wait for the
     * submitting one to learn it (a tiny job finishes before submit returns).
     * a->job is set already (jk_op_submit stores it before queueing). */
    return (jlong)(intptr_t)jk_job_user(job);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobTag(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    return as_call(handle)->tag;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_wake(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    jk_pool_wake(jni_pool(pool));
}

JNIEXPORT jboolean JNICALL Java_dev_jkernels_internal_NativeBridge_cancelJob(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    return jk_job_cancel(as_call(handle)->job) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobDone(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    size_t done = 0;
    jk_job_progress(as_call(handle)->job, &done, NULL);
    return (jlong)done;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobTotal(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    size_t total = 0;
    jk_job_progress(as_call(handle)->job, NULL, &total);
    return (jlong)total;
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_jobStatus(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    return jk_job_result(as_call(handle)->job, NULL, NULL);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobBadIndex(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    size_t bad = SIZE_MAX;
    jk_job_result(as_call(handle)->job, NULL, &bad);
    return bad == SIZE_MAX ? -1 : (jlong)bad;
}

/* A finished job's result, as raw bits. */
JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobValue(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    jk_value value = {0};
    jk_job_result(as_call(handle)->job, &value, NULL);
    return value.i64;
}

/* Indices of the items that failed, ascending (empty without per-item failures). */
JNIEXPORT jlongArray JNICALL Java_dev_jkernels_internal_NativeBridge_jobFailedItems(JNIEnv *env, jclass cls,
                                                                                   jlong handle) {
    (void)cls;
    async_call *a = as_call(handle);
    size_t n = a->slots > 0 ? a->s[0].length : 0, count = 0;
    for (size_t i = 0; a->item_status && i < n; i++) count += a->item_status[i] != 0;
    jlongArray result = (*env)->NewLongArray(env, (jsize)count);
    if (!result || count == 0) return result;
    jlong *indices = malloc(count * sizeof *indices);
    if (!indices) {
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for failed items");
        return NULL;
    }
    for (size_t i = 0, k = 0; i < n; i++)
        if (a->item_status[i]) indices[k++] = (jlong)i;
    (*env)->SetLongArrayRegion(env, result, 0, (jsize)count, indices);
    free(indices);
    return result;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_freeJob(JNIEnv *env, jclass cls, jlong handle) {
    (void)cls;
    async_call *a = as_call(handle);
    if (jk_job_free(a->job) != JK_OK) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: freeing a job that still runs");
        return;
    }
    a->job = NULL;
    free_async(a);
}
