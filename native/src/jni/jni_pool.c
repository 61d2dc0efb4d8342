/* SPDX-License-Identifier: Apache-2.0 */
/* JNI glue for the pool and the registry of dev.jkernels.internal.NativeBridge:
 * create, resize, statistics, versions, the operations' descriptions.
 * Translation only, like jni_call.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jni_common.h"
#include "dev_jkernels_internal_NativeBridge.h"

JNIEXPORT jstring JNICALL Java_dev_jkernels_internal_NativeBridge_version(JNIEnv *env, jclass cls) {
    (void)cls;
    return (*env)->NewStringUTF(env, jk_version_string());
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_supportedIsa(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return jk_isa_supported();
}

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_NativeBridge_availableCpus(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return jk_available_cpus();
}

static const char *const role_names[] = {"?", "r", "w", "rw"};

/* One line per registered operation, in registry order (the index Java calls it
 * by): name slots ints reals result flags, slots as <role>:<type letter>
 * joined by ',' ("-" for none), e.g. "axpy_f64 r:D,rw:D 0 1 none 25". */
JNIEXPORT jobjectArray JNICALL Java_dev_jkernels_internal_NativeBridge_ops(JNIEnv *env, jclass cls) {
    (void)cls;
    jclass string_class = (*env)->FindClass(env, "java/lang/String");
    if (!string_class) return NULL;
    int n = jk_op_count();
    jobjectArray result = (*env)->NewObjectArray(env, n, string_class, NULL);
    static const char *const results[] = {"none", "double", "long"};
    for (int i = 0; result && i < n; i++) {
        jk_op_info info = {.size = sizeof info};
        jk_op_describe(jk_op_at(i), &info);
        char slots[64] = "-", line[192];
        size_t used = 0;
        for (int k = 0; k < info.slots; k++)
            used += (size_t)snprintf(slots + used, sizeof slots - used, "%s%s:%c", k ? "," : "",
                                     role_names[info.slot_role[k] & 3],
                                     /* by jk_type, JNI's letters: double, float, long, int */
                                     "?DFJI"[info.slot_type[k] <= JK_TYPE_I32 ? info.slot_type[k] : 0]);
        snprintf(line, sizeof line, "%s %s %d %d %s %u", info.name, slots, info.ints, info.reals,
                 results[info.result <= JK_RESULT_I64 ? info.result : 0], (unsigned)info.flags);
        jstring s = (*env)->NewStringUTF(env, line);
        if (!s) return NULL;
        (*env)->SetObjectArrayElement(env, result, i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return result;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_poolCreate(JNIEnv *env, jclass cls, jint threads,
                                                                          jint isa, jlong spin_nanos) {
    (void)cls;
    jk_pool_options o = JK_POOL_OPTIONS_INIT;
    o.threads = threads;
    o.isa = (jk_isa)isa;
    o.spin_ns = spin_nanos;
    jk_pool *pool = NULL;
    jk_status st = jk_pool_create_with(&o, &pool);
    if (st != JK_OK) {
        char msg[96];
        snprintf(msg, sizeof msg, "jkernels pool creation failed: %s (status %d)", jk_status_name(st), (int)st);
        jni_throw_status(env, st, msg);
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

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_poolSpinNanos(JNIEnv *env, jclass cls, jlong pool) {
    (void)env, (void)cls;
    return jk_pool_spin_ns(jni_pool(pool));
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_poolResize(JNIEnv *env, jclass cls, jlong pool,
                                                                         jint threads) {
    (void)cls;
    jk_status st = jk_pool_resize(jni_pool(pool), threads);
    if (st != JK_OK) {
        char msg[96];
        snprintf(msg, sizeof msg, "jkernels resize failed: %s (status %d)", jk_status_name(st), (int)st);
        jni_throw_status(env, st, msg);
    }
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
    jk_pool_stats s = {.size = sizeof s};
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
