/*
 * JNI glue for dev.jkernels.internal.NativeBridge: translation only.
 * Pins or copies arrays, calls the C API, turns a jk_status into one Java
 * exception and returns at once. Arguments were checked in Java already; the C
 * API re-checks them. No JNI call happens inside a critical region.
 *
 * Memory policy: map kernels whose items are costly (fib) run on a malloc'd
 * copy, so no heap array stays pinned while they run; cheap maps and vector
 * operations pin with GetPrimitiveArrayCritical for the short time they take.
 * Java picks the variant (NativeBackend), this file only carries it out.
 */
#include <jni.h>
#include <stdio.h>
#include <stdlib.h>

#include "jkernels/jkernels.h"
#include "dev_jkernels_internal_NativeBridge.h"

static jk_pool *as_pool(jlong handle) { return (jk_pool *)(intptr_t)handle; }

static void throw_named(JNIEnv *env, const char *cls, const char *msg) {
    jclass c = (*env)->FindClass(env, cls);
    if (c) (*env)->ThrowNew(env, c, msg);
}

/* Throws the Java exception for a failed status; JK_OK throws nothing. */
static void throw_status(JNIEnv *env, jk_status st, const char *what) {
    char msg[256];
    snprintf(msg, sizeof msg, "jkernels %s failed: %s (status %d)", what, jk_status_name(st), (int)st);
    switch (st) {
    case JK_OK: return;
    case JK_ERR_NULL: throw_named(env, "java/lang/NullPointerException", msg); return;
    case JK_ERR_ARGUMENT:
    case JK_ERR_DOMAIN:
    case JK_ERR_UNSUPPORTED: throw_named(env, "java/lang/IllegalArgumentException", msg); return;
    case JK_ERR_NOMEM: throw_named(env, "java/lang/OutOfMemoryError", msg); return;
    default: throw_named(env, "java/lang/IllegalStateException", msg); return;
    }
}

static void throw_domain(JNIEnv *env, const char *kernel, long long value, size_t index) {
    char msg[256];
    snprintf(msg, sizeof msg, "%s: input %lld at index %zu is outside the kernel's domain", kernel, value, index);
    throw_named(env, "java/lang/IllegalArgumentException", msg);
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
    throw_named(env, "java/lang/UnsatisfiedLinkError", msg);
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
        throw_status(env, st, "pool creation");
        return 0;
    }
    return (jlong)(intptr_t)pool;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_poolDestroy(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    jk_pool_destroy(as_pool(pool));
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_poolThreads(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_threads(as_pool(pool));
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_poolIsa(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_isa(as_pool(pool));
}

/* ---- maps on a private copy (costly items: nothing stays pinned) ---- */

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapLongCopied(JNIEnv *env, jclass cls, jlong pool,
                                                                            jint kernel, jlongArray in, jlongArray out) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, in);
    int64_t *buf = malloc(n ? (size_t)n * sizeof *buf : 1);
    if (!buf) {
        throw_status(env, JK_ERR_NOMEM, "map buffer");
        return;
    }
    (*env)->GetLongArrayRegion(env, in, 0, n, (jlong *)buf);
    size_t bad = 0;
    jk_status st = jk_map_i64(as_pool(pool), (jk_i64_kernel)kernel, buf, buf, (size_t)n, &bad);
    if (st == JK_OK) (*env)->SetLongArrayRegion(env, out, 0, n, (const jlong *)buf);
    else if (st == JK_ERR_DOMAIN) {
        jlong value;
        (*env)->GetLongArrayRegion(env, in, (jsize)bad, 1, &value);
        throw_domain(env, "long map", (long long)value, bad);
    } else throw_status(env, st, "long map");
    free(buf);
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapDoubleCopied(JNIEnv *env, jclass cls, jlong pool,
                                                                              jint kernel, jdoubleArray in, jdoubleArray out) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, in);
    double *buf = malloc(n ? (size_t)n * sizeof *buf : 1);
    if (!buf) {
        throw_status(env, JK_ERR_NOMEM, "map buffer");
        return;
    }
    (*env)->GetDoubleArrayRegion(env, in, 0, n, buf);
    size_t bad = 0;
    jk_status st = jk_map_f64(as_pool(pool), (jk_f64_kernel)kernel, buf, buf, (size_t)n, &bad);
    if (st == JK_OK) (*env)->SetDoubleArrayRegion(env, out, 0, n, buf);
    else if (st == JK_ERR_DOMAIN) throw_domain(env, "double map", 0, bad);
    else throw_status(env, st, "double map");
    free(buf);
}

/* ---- pinned (cheap, short) operations ---- */

/* A pinned input and output; out may be the same array as in (pinned once). */
typedef struct {
    jarray in_array, out_array;
    void *in, *out;
} pinned_pair;

static int pin_pair(JNIEnv *env, pinned_pair *p, jarray in, jarray out) {
    int same = (*env)->IsSameObject(env, in, out);
    p->in_array = in;
    p->out_array = out;
    p->out = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    p->in = same ? p->out : (p->out ? (*env)->GetPrimitiveArrayCritical(env, in, NULL) : NULL);
    if (p->in && p->out) return 1;
    if (p->out) (*env)->ReleasePrimitiveArrayCritical(env, out, p->out, JNI_ABORT);
    throw_status(env, JK_ERR_NOMEM, "array pinning");
    return 0;
}

static void unpin_pair(JNIEnv *env, pinned_pair *p) {
    if (p->in != p->out) (*env)->ReleasePrimitiveArrayCritical(env, p->in_array, p->in, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, p->out_array, p->out, 0);
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapLongPinned(JNIEnv *env, jclass cls, jlong pool,
                                                                            jint kernel, jlongArray in, jlongArray out) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, in);
    pinned_pair p;
    if (!pin_pair(env, &p, in, out)) return;
    size_t bad = 0;
    jk_status st = jk_map_i64(as_pool(pool), (jk_i64_kernel)kernel, p.in, p.out, (size_t)n, &bad);
    jlong value = st == JK_ERR_DOMAIN ? ((const jlong *)p.in)[bad] : 0;
    unpin_pair(env, &p);
    if (st == JK_ERR_DOMAIN) throw_domain(env, "long map", (long long)value, bad);
    else throw_status(env, st, "long map");
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_mapDoublePinned(JNIEnv *env, jclass cls, jlong pool,
                                                                              jint kernel, jdoubleArray in, jdoubleArray out) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, in);
    pinned_pair p;
    if (!pin_pair(env, &p, in, out)) return;
    size_t bad = 0;
    jk_status st = jk_map_f64(as_pool(pool), (jk_f64_kernel)kernel, p.in, p.out, (size_t)n, &bad);
    unpin_pair(env, &p);
    if (st == JK_ERR_DOMAIN) throw_domain(env, "double map", 0, bad);
    else throw_status(env, st, "double map");
}

JNIEXPORT jdouble JNICALL Java_dev_jkernels_internal_NativeBridge_sum(JNIEnv *env, jclass cls, jlong pool, jdoubleArray x) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, x);
    double *px = (*env)->GetPrimitiveArrayCritical(env, x, NULL);
    if (!px) {
        throw_status(env, JK_ERR_NOMEM, "array pinning");
        return 0;
    }
    double result = 0;
    jk_status st = jk_sum_f64(as_pool(pool), px, (size_t)n, &result);
    (*env)->ReleasePrimitiveArrayCritical(env, x, px, JNI_ABORT);
    throw_status(env, st, "sum");
    return result;
}

JNIEXPORT jdouble JNICALL Java_dev_jkernels_internal_NativeBridge_dot(JNIEnv *env, jclass cls, jlong pool, jdoubleArray x,
                                                                     jdoubleArray y) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, x);
    pinned_pair p;
    if (!pin_pair(env, &p, x, y)) return 0;
    double result = 0;
    jk_status st = jk_dot_f64(as_pool(pool), p.in, p.out, (size_t)n, &result);
    /* y is read-only here: release without copy-back. */
    if (p.in != p.out) (*env)->ReleasePrimitiveArrayCritical(env, p.in_array, p.in, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, p.out_array, p.out, JNI_ABORT);
    throw_status(env, st, "dot");
    return result;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_axpy(JNIEnv *env, jclass cls, jlong pool, jdouble a,
                                                                   jdoubleArray x, jdoubleArray y) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, x);
    pinned_pair p;
    if (!pin_pair(env, &p, x, y)) return;
    jk_status st = jk_axpy_f64(as_pool(pool), a, p.in, p.out, (size_t)n);
    unpin_pair(env, &p);
    throw_status(env, st, "axpy");
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_scale(JNIEnv *env, jclass cls, jlong pool, jdouble a,
                                                                    jdoubleArray x) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, x);
    double *px = (*env)->GetPrimitiveArrayCritical(env, x, NULL);
    if (!px) {
        throw_status(env, JK_ERR_NOMEM, "array pinning");
        return;
    }
    jk_status st = jk_scale_f64(as_pool(pool), a, px, (size_t)n);
    (*env)->ReleasePrimitiveArrayCritical(env, x, px, 0);
    throw_status(env, st, "scale");
}
