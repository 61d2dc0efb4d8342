/*
 * JNI glue for the asynchronous half of dev.jkernels.internal.NativeBridge:
 * jobs, resize, statistics. Translation only, like jni_bridge.c.
 *
 * Memory policy: a job never sees a Java array. Submission copies the inputs
 * into malloc'd buffers the job owns (so the caller may reuse its arrays at
 * once), the Java completion thread copies the results out of them once the
 * job is finished, and freeJob releases everything. A handle is an
 * async_call pointer; Java guarantees it is used only between submission and
 * freeJob (see NativeEngine).
 */
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jkernels/jkernels.h"
#include "jni_common.h"
#include "dev_jkernels_internal_NativeBridge.h"

typedef struct {
    jk_job *job;
    size_t n;              /* elements of in/out, or pixels */
    jni_elem type;         /* of in/out */
    void *in;              /* x for sum/dot/axpy */
    void *out;             /* map output, y for dot/axpy, x for scale, image pixels */
    uint8_t *item_status;  /* per-item failures of a map, or NULL */
} async_call;

static async_call *as_call(jlong handle) { return (async_call *)(intptr_t)handle; }

static void free_call(async_call *c) {
    if (!c) return;
    jk_job_free(c->job);
    free(c->in);
    free(c->out);
    free(c->item_status);
    free(c);
}

/* Allocates a call with an `in` copy of `src` (may be NULL), an `out` buffer
 * (a copy of out_src when given) and per-item statuses when asked. NULL with
 * OutOfMemoryError pending on failure. */
static async_call *new_call(JNIEnv *env, jarray src, jarray out_src, size_t n, jni_elem type, int out_wanted,
                            int per_item) {
    async_call *c = calloc(1, sizeof *c);
    size_t bytes = (n ? n : 1) * jni_elem_size(type);
    int ok = c != NULL;
    if (ok && src) ok = (c->in = malloc(bytes)) != NULL;
    if (ok && (out_wanted || out_src)) ok = (c->out = malloc(bytes)) != NULL;
    if (ok && per_item) ok = (c->item_status = calloc(n ? n : 1, 1)) != NULL;
    if (!ok) {
        free_call(c);
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for an asynchronous job's copies");
        return NULL;
    }
    c->n = n;
    c->type = type;
    if (src) jni_copy_in(env, type, src, n, c->in);
    if (out_src) jni_copy_in(env, type, out_src, n, c->out);
    return c;
}

/* Returns the handle, or 0 with an exception pending. */
static jlong submitted(JNIEnv *env, async_call *c, jk_status st, const char *what) {
    if (st == JK_OK) return (jlong)(intptr_t)c;
    c->job = NULL;
    free_call(c);
    jni_throw_status(env, st, what);
    return 0;
}

#define NOTIFY JK_CALL_NOTIFY

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitMapLong(JNIEnv *env, jclass cls, jlong pool,
                                                                             jint kernel, jlongArray in,
                                                                             jboolean per_item) {
    (void)cls;
    size_t n = (size_t)(*env)->GetArrayLength(env, in);
    async_call *c = new_call(env, in, NULL, n, JNI_LONG, 1, per_item);
    if (!c) return 0;
    jk_status st = jk_map_i64_submit(jni_pool(pool), (jk_i64_kernel)kernel, c->in, c->out, n, c->item_status, NOTIFY,
                                     c, &c->job);
    return submitted(env, c, st, "long map submission");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitMapDouble(JNIEnv *env, jclass cls, jlong pool,
                                                                               jint kernel, jdoubleArray in,
                                                                               jboolean per_item) {
    (void)cls;
    size_t n = (size_t)(*env)->GetArrayLength(env, in);
    async_call *c = new_call(env, in, NULL, n, JNI_DOUBLE, 1, per_item);
    if (!c) return 0;
    jk_status st = jk_map_f64_submit(jni_pool(pool), (jk_f64_kernel)kernel, c->in, c->out, n, c->item_status, NOTIFY,
                                     c, &c->job);
    return submitted(env, c, st, "double map submission");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitSum(JNIEnv *env, jclass cls, jlong pool,
                                                                         jdoubleArray x) {
    (void)cls;
    size_t n = (size_t)(*env)->GetArrayLength(env, x);
    async_call *c = new_call(env, x, NULL, n, JNI_DOUBLE, 0, 0);
    if (!c) return 0;
    return submitted(env, c, jk_sum_f64_submit(jni_pool(pool), c->in, n, NOTIFY, c, &c->job), "sum submission");
}

/* The lengths were checked in Java; a mismatch here throws before any copy. */
static int same_length(JNIEnv *env, jarray x, jarray y) {
    if ((*env)->GetArrayLength(env, x) == (*env)->GetArrayLength(env, y)) return 1;
    jni_throw(env, "java/lang/IllegalArgumentException", "array lengths differ");
    return 0;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitDot(JNIEnv *env, jclass cls, jlong pool,
                                                                         jdoubleArray x, jdoubleArray y) {
    (void)cls;
    if (!same_length(env, x, y)) return 0;
    size_t n = (size_t)(*env)->GetArrayLength(env, x);
    async_call *c = new_call(env, x, y, n, JNI_DOUBLE, 0, 0);
    if (!c) return 0;
    return submitted(env, c, jk_dot_f64_submit(jni_pool(pool), c->in, c->out, n, NOTIFY, c, &c->job),
                     "dot submission");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitAxpy(JNIEnv *env, jclass cls, jlong pool,
                                                                          jdouble a, jdoubleArray x, jdoubleArray y) {
    (void)cls;
    if (!same_length(env, x, y)) return 0;
    size_t n = (size_t)(*env)->GetArrayLength(env, x);
    async_call *c = new_call(env, x, y, n, JNI_DOUBLE, 0, 0);
    if (!c) return 0;
    return submitted(env, c, jk_axpy_f64_submit(jni_pool(pool), a, c->in, c->out, n, NOTIFY, c, &c->job),
                     "axpy submission");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitScale(JNIEnv *env, jclass cls, jlong pool,
                                                                           jdouble a, jdoubleArray x) {
    (void)cls;
    size_t n = (size_t)(*env)->GetArrayLength(env, x);
    async_call *c = new_call(env, NULL, x, n, JNI_DOUBLE, 0, 0);
    if (!c) return 0;
    return submitted(env, c, jk_scale_f64_submit(jni_pool(pool), a, c->out, n, NOTIFY, c, &c->job),
                     "scale submission");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_submitMandelbrot(
    JNIEnv *env, jclass cls, jlong pool, jint width, jint height, jdouble x_min, jdouble x_max, jdouble y_min,
    jdouble y_max, jint max_iterations, jint schedule) {
    (void)cls;
    jk_mandelbrot m = {width, height, x_min, x_max, y_min, y_max, max_iterations};
    size_t pixels = width > 0 && height > 0 ? (size_t)width * (size_t)height : 0;
    async_call *c = new_call(env, NULL, NULL, pixels, JNI_INT, 1, 0);
    if (!c) return 0;
    jk_status st = jk_mandelbrot_i32_submit(jni_pool(pool), &m, c->out, (jk_schedule)schedule, NOTIFY, c, &c->job);
    return submitted(env, c, st, "mandelbrot submission");
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mandelbrot(
    JNIEnv *env, jclass cls, jlong pool, jintArray out, jint width, jint height, jdouble x_min, jdouble x_max,
    jdouble y_min, jdouble y_max, jint max_iterations, jint schedule) {
    (void)cls;
    jk_mandelbrot m = {width, height, x_min, x_max, y_min, y_max, max_iterations};
    size_t pixels = (size_t)(*env)->GetArrayLength(env, out);
    if (width <= 0 || height <= 0 || pixels != (size_t)width * (size_t)height) {
        jni_throw(env, "java/lang/IllegalArgumentException", "out.length != width * height");
        return;
    }
    /* A long job: computed into a native buffer so no array stays pinned meanwhile. */
    int32_t *image = malloc(pixels * sizeof *image);
    if (!image) {
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for the image");
        return;
    }
    jk_status st = jk_mandelbrot_i32(jni_pool(pool), &m, image, (jk_schedule)schedule, JK_CALL_DEFAULT);
    if (st == JK_OK) (*env)->SetIntArrayRegion(env, out, 0, (jsize)pixels, image);
    free(image);
    jni_throw_status(env, st, "mandelbrot");
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_nextFinished(JNIEnv *env, jclass cls, jlong pool,
                                                                            jlong timeout_nanos) {
    (void)env, (void)cls;
    jk_job *job = NULL;
    if (jk_pool_next_finished(jni_pool(pool), timeout_nanos, &job) != JK_OK) return 0;
    return (jlong)(intptr_t)jk_job_user(job);
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

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_jobStatus(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    return jk_job_result(as_call(handle)->job, NULL, NULL);
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_jobBadIndex(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    size_t bad = 0;
    jk_job_result(as_call(handle)->job, NULL, &bad);
    return bad == SIZE_MAX ? -1 : (jlong)bad;
}

JNIEXPORT jdouble JNICALL Java_dev_jkernels_internal_NativeBridge_jobValue(JNIEnv *env, jclass cls, jlong handle) {
    (void)env, (void)cls;
    double value = 0;
    jk_job_result(as_call(handle)->job, &value, NULL);
    return value;
}

/* Copies the job's output buffer into dst (same length, checked in Java). */
JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_jobCopyOut(JNIEnv *env, jclass cls, jlong handle,
                                                                         jarray dst) {
    (void)cls;
    async_call *c = as_call(handle);
    if (!c->out || (size_t)(*env)->GetArrayLength(env, dst) != c->n) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: job output does not fit the array");
        return;
    }
    jni_copy_out(env, c->type, dst, c->n, c->out);
}

/* Indices of the items that failed, ascending. */
JNIEXPORT jlongArray JNICALL Java_dev_jkernels_internal_NativeBridge_jobFailedItems(JNIEnv *env, jclass cls,
                                                                                   jlong handle) {
    (void)cls;
    async_call *c = as_call(handle);
    size_t count = 0;
    for (size_t i = 0; c->item_status && i < c->n; i++) count += c->item_status[i] != 0;
    jlongArray result = (*env)->NewLongArray(env, (jsize)count);
    if (!result || count == 0) return result;
    jlong *indices = malloc(count * sizeof *indices);
    if (!indices) {
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for failed items");
        return NULL;
    }
    for (size_t i = 0, k = 0; i < c->n; i++)
        if (c->item_status[i]) indices[k++] = (jlong)i;
    (*env)->SetLongArrayRegion(env, result, 0, (jsize)count, indices);
    free(indices);
    return result;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_freeJob(JNIEnv *env, jclass cls, jlong handle) {
    (void)cls;
    async_call *c = as_call(handle);
    if (jk_job_free(c->job) != JK_OK) {
        jni_throw(env, "java/lang/IllegalStateException", "jkernels: freeing a job that still runs");
        return;
    }
    c->job = NULL;
    free_call(c);
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_poolResize(JNIEnv *env, jclass cls, jlong pool,
                                                                         jint threads) {
    (void)cls;
    jni_throw_status(env, jk_pool_resize(jni_pool(pool), threads), "resize");
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_poolCancelAll(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_cancel_all(jni_pool(pool));
}

/* [threads, active, queued, callers, pending, jobsFinished, jobsFailed] then
 * [jobs, chunks, items, busyNanos] per worker. */
JNIEXPORT jlongArray JNICALL Java_dev_jkernels_internal_NativeBridge_poolStats(JNIEnv *env, jclass cls, jlong pool) {
    (void)cls;
    enum { HEAD = 7, PER_WORKER = 4 };
    /* On the heap: 1024 workers' worth would take 64 KiB of the Java thread's stack. */
    jk_worker_stats *workers = malloc(JK_MAX_THREADS * sizeof *workers);
    jlong *values = malloc((HEAD + PER_WORKER * JK_MAX_THREADS) * sizeof *values);
    if (!workers || !values) {
        free(workers);
        free(values);
        jni_throw(env, "java/lang/OutOfMemoryError", "jkernels: no native memory for statistics");
        return NULL;
    }
    jk_pool_stats s;
    int count = 0;
    jk_pool_stats_get(jni_pool(pool), &s, workers, JK_MAX_THREADS, &count);
    jlong head[HEAD] = {s.threads, s.active, s.queued, s.callers, s.pending, (jlong)s.jobs_finished,
                        (jlong)s.jobs_failed};
    memcpy(values, head, sizeof head);
    for (int i = 0; i < count; i++) {
        jlong *w = values + HEAD + PER_WORKER * i;
        w[0] = (jlong)workers[i].jobs;
        w[1] = (jlong)workers[i].chunks;
        w[2] = (jlong)workers[i].items;
        w[3] = (jlong)workers[i].busy_ns;
    }
    jsize len = HEAD + PER_WORKER * count;
    jlongArray result = (*env)->NewLongArray(env, len);
    if (result) (*env)->SetLongArrayRegion(env, result, 0, len, values);
    free(workers);
    free(values);
    return result;
}
