/*
 * JNI glue for dev.jkernels.internal.NativeBridge: translation only.
 * Pins or copies arrays, calls the C API, turns a jk_status into one Java
 * exception and returns at once. Arguments were checked in Java already; the C
 * API re-checks them. No JNI call happens inside a critical region.
 *
 * Memory policy (see run_on_arrays): an operation either pins the Java arrays
 * with GetPrimitiveArrayCritical and runs only if the pool is idle (so a pinned
 * array never waits behind another caller's job, holding up the GC), or runs
 * on malloc'd copies. Costly map kernels (fib) always take copies; Java picks
 * (NativeEngine), this file only carries it out.
 */
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>

#include "jkernels/jkernels.h"
#include "jni_common.h"
#include "dev_jkernels_internal_NativeBridge.h"

static void throw_domain(JNIEnv *env, const char *kernel, long long value, size_t index) {
    char msg[256];
    snprintf(msg, sizeof msg, "%s: input %lld at index %zu is outside the kernel's domain", kernel, value, index);
    jni_throw(env, "java/lang/IllegalArgumentException", msg);
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_abiVersion(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return jk_abi_version();
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_checkJavaAbi(JNIEnv *env, jclass cls, jint java_abi) {
    (void)cls;
    if (java_abi == JK_ABI_VERSION) return;
    char msg[200];
    snprintf(msg, sizeof msg, "jkernels ABI mismatch: the native library implements ABI %d, the Java classes use ABI %d",
             JK_ABI_VERSION, (int)java_abi);
    jni_throw(env, "java/lang/UnsatisfiedLinkError", msg);
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_supportedIsa(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return jk_isa_supported();
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_availableCpus(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return jk_available_cpus();
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_poolCreate(JNIEnv *env, jclass cls, jint threads, jint isa) {
    (void)cls;
    jk_pool *pool = NULL;
    jk_status st = jk_pool_create(threads, (jk_isa)isa, &pool);
    if (st != JK_OK) {
        jni_throw_status(env, st, "pool creation");
        return 0;
    }
    return (jlong)(intptr_t)pool;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_poolDestroy(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    jk_pool_destroy(jni_pool(pool));
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_poolThreads(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_threads(jni_pool(pool));
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_poolIsa(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_isa(jni_pool(pool));
}

/* ---- arrays: pinned when the pool is idle, copied otherwise ---- */

typedef struct {
    jarray array;
    jni_elem type;
    int reads;  /* its contents are input */
    int writes; /* its contents are output */
} array_arg;

/* One C API call on up to two arrays of n elements (b may be NULL). */
typedef jk_status (*array_call)(void *ctx, void *a, void *b, size_t n, jk_call_flags flags);

static void copy_in(JNIEnv *env, const array_arg *arg, jsize n, void *buf) {
    jni_copy_in(env, arg->type, arg->array, (size_t)n, buf);
}

static void copy_out(JNIEnv *env, const array_arg *arg, jsize n, const void *buf) {
    jni_copy_out(env, arg->type, arg->array, (size_t)n, buf);
}

/* Pins both arrays (one if they are the same) and runs the call only if the
 * pool is idle. Returns JK_ERR_BUSY (nothing done) or the call's status; with
 * an exception pending when pinning failed. */
static jk_status run_pinned(JNIEnv *env, array_call call, void *ctx, array_arg *a, array_arg *b, int same, jsize n,
                            jk_call_flags flags) {
    void *pb = b && !same ? (*env)->GetPrimitiveArrayCritical(env, b->array, NULL) : NULL;
    if (b && !same && !pb) return JK_ERR_NOMEM;
    void *pa = (*env)->GetPrimitiveArrayCritical(env, a->array, NULL);
    if (!pa) {
        if (pb) (*env)->ReleasePrimitiveArrayCritical(env, b->array, pb, JNI_ABORT);
        return JK_ERR_NOMEM;
    }
    jk_status st = call(ctx, pa, b ? (same ? pa : pb) : NULL, (size_t)n, flags);
    int done = st != JK_ERR_BUSY;
    (*env)->ReleasePrimitiveArrayCritical(env, a->array, pa, done && (a->writes || (same && b->writes)) ? 0 : JNI_ABORT);
    if (pb) (*env)->ReleasePrimitiveArrayCritical(env, b->array, pb, done && b->writes ? 0 : JNI_ABORT);
    return st;
}

/* Runs the call on malloc'd copies; writes the outputs back on success. */
static jk_status run_copied(JNIEnv *env, array_call call, void *ctx, array_arg *a, array_arg *b, int same, jsize n) {
    size_t bytes = n ? (size_t)n * 8 : 8; /* jlong and jdouble are both 8 bytes */
    void *ca = malloc(bytes);
    void *cb = b && !same ? malloc(bytes) : NULL;
    jk_status st = JK_ERR_NOMEM;
    if (ca && (cb || !b || same)) {
        if (a->reads || (same && b->reads)) copy_in(env, a, n, ca);
        if (cb && b->reads) copy_in(env, b, n, cb);
        st = call(ctx, ca, b ? (same ? ca : cb) : NULL, (size_t)n, JK_CALL_DEFAULT);
        if (st == JK_OK && (a->writes || (same && b->writes))) copy_out(env, a, n, ca);
        if (st == JK_OK && cb && b->writes) copy_out(env, b, n, cb);
    }
    free(ca);
    free(cb);
    return st;
}

/* How Java wants an array call run (NativeBridge.MODE_*). */
enum { MODE_COPY = 0, MODE_PIN_IF_IDLE = 1, MODE_INLINE = 2 };

/* Checks the lengths (the C API cannot see Java array bounds), then runs the
 * call: pinned on the calling thread (MODE_INLINE), pinned if the pool is idle
 * and else on copies (MODE_PIN_IF_IDLE), or on copies (MODE_COPY). */
static jk_status run_on_arrays(JNIEnv *env, array_call call, void *ctx, array_arg *a, array_arg *b, int mode) {
    jsize n = (*env)->GetArrayLength(env, a->array);
    if (b && (*env)->GetArrayLength(env, b->array) != n) {
        char msg[96];
        snprintf(msg, sizeof msg, "array lengths differ: %d and %d", (int)n, (int)(*env)->GetArrayLength(env, b->array));
        jni_throw(env, "java/lang/IllegalArgumentException", msg);
        return JK_ERR_ARGUMENT;
    }
    int same = b && (*env)->IsSameObject(env, a->array, b->array);
    if (mode == MODE_INLINE) return run_pinned(env, call, ctx, a, b, same, n, JK_CALL_INLINE);
    jk_status st = mode == MODE_PIN_IF_IDLE ? run_pinned(env, call, ctx, a, b, same, n, JK_CALL_IF_IDLE) : JK_ERR_BUSY;
    return st == JK_ERR_BUSY ? run_copied(env, call, ctx, a, b, same, n) : st;
}

/* Throws for a failed status unless something is pending already. */
static void finish(JNIEnv *env, jk_status st, const char *what) {
    if (st != JK_OK && !(*env)->ExceptionCheck(env)) jni_throw_status(env, st, what);
}

/* ---- maps ---- */

typedef struct {
    jk_pool *pool;
    int kernel;
    size_t bad;
    long long bad_value;
} map_ctx;

static jk_status call_map_i64(void *ctx, void *in, void *out, size_t n, jk_call_flags flags) {
    map_ctx *m = ctx;
    jk_status st = jk_map_i64(m->pool, (jk_i64_kernel)m->kernel, in, out, n, &m->bad, flags);
    if (st == JK_ERR_DOMAIN) m->bad_value = ((const int64_t *)in)[m->bad]; /* a failing item is not written */
    return st;
}

static jk_status call_map_f64(void *ctx, void *in, void *out, size_t n, jk_call_flags flags) {
    map_ctx *m = ctx;
    return jk_map_f64(m->pool, (jk_f64_kernel)m->kernel, in, out, n, &m->bad, flags);
}

static void finish_map(JNIEnv *env, jk_status st, const map_ctx *m, const char *what) {
    if (st == JK_ERR_DOMAIN && !(*env)->ExceptionCheck(env)) throw_domain(env, what, m->bad_value, m->bad);
    else finish(env, st, what);
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapLong(JNIEnv *env, jclass cls, jlong pool, jint kernel,
                                                                      jlongArray in, jlongArray out, jint mode) {
    (void)cls;
    map_ctx m = {jni_pool(pool), kernel, 0, 0};
    array_arg a = {in, JNI_LONG, 1, 0}, b = {out, JNI_LONG, 0, 1};
    finish_map(env, run_on_arrays(env, call_map_i64, &m, &a, &b, mode), &m, "long map");
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapDouble(JNIEnv *env, jclass cls, jlong pool, jint kernel,
                                                                        jdoubleArray in, jdoubleArray out, jint mode) {
    (void)cls;
    map_ctx m = {jni_pool(pool), kernel, 0, 0};
    array_arg a = {in, JNI_DOUBLE, 1, 0}, b = {out, JNI_DOUBLE, 0, 1};
    finish_map(env, run_on_arrays(env, call_map_f64, &m, &a, &b, mode), &m, "double map");
}

/* ---- vector operations ---- */

typedef struct {
    jk_pool *pool;
    double scalar; /* a for axpy and scale */
    double result; /* sum and dot */
} vector_ctx;

static jk_status call_sum(void *ctx, void *x, void *unused, size_t n, jk_call_flags flags) {
    vector_ctx *v = ctx;
    (void)unused;
    return jk_sum_f64(v->pool, x, n, &v->result, flags);
}

static jk_status call_dot(void *ctx, void *x, void *y, size_t n, jk_call_flags flags) {
    vector_ctx *v = ctx;
    return jk_dot_f64(v->pool, x, y, n, &v->result, flags);
}

static jk_status call_axpy(void *ctx, void *x, void *y, size_t n, jk_call_flags flags) {
    vector_ctx *v = ctx;
    return jk_axpy_f64(v->pool, v->scalar, x, y, n, flags);
}

static jk_status call_scale(void *ctx, void *x, void *unused, size_t n, jk_call_flags flags) {
    vector_ctx *v = ctx;
    (void)unused;
    return jk_scale_f64(v->pool, v->scalar, x, n, flags);
}

JNIEXPORT jdouble JNICALL Java_dev_jkernels_internal_NativeBridge_sum(JNIEnv *env, jclass cls, jlong pool, jdoubleArray x, jint mode) {
    (void)cls;
    vector_ctx v = {jni_pool(pool), 0, 0};
    array_arg a = {x, JNI_DOUBLE, 1, 0};
    finish(env, run_on_arrays(env, call_sum, &v, &a, NULL, mode), "sum");
    return v.result;
}

JNIEXPORT jdouble JNICALL Java_dev_jkernels_internal_NativeBridge_dot(JNIEnv *env, jclass cls, jlong pool, jdoubleArray x,
                                                                     jdoubleArray y, jint mode) {
    (void)cls;
    vector_ctx v = {jni_pool(pool), 0, 0};
    array_arg a = {x, JNI_DOUBLE, 1, 0}, b = {y, JNI_DOUBLE, 1, 0};
    finish(env, run_on_arrays(env, call_dot, &v, &a, &b, mode), "dot");
    return v.result;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_axpy(JNIEnv *env, jclass cls, jlong pool, jdouble alpha,
                                                                   jdoubleArray x, jdoubleArray y, jint mode) {
    (void)cls;
    vector_ctx v = {jni_pool(pool), alpha, 0};
    array_arg a = {x, JNI_DOUBLE, 1, 0}, b = {y, JNI_DOUBLE, 1, 1};
    finish(env, run_on_arrays(env, call_axpy, &v, &a, &b, mode), "axpy");
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_scale(JNIEnv *env, jclass cls, jlong pool, jdouble alpha,
                                                                    jdoubleArray x, jint mode) {
    (void)cls;
    vector_ctx v = {jni_pool(pool), alpha, 0};
    array_arg a = {x, JNI_DOUBLE, 1, 1};
    finish(env, run_on_arrays(env, call_scale, &v, &a, NULL, mode), "scale");
}
