/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the JNI glue files; the class cache filled at load. */
#include "jni_common.h"

#include <pthread.h>
#include <stdlib.h>

#include <stdio.h>

static jclass array_class[5];  /* by jk_type: [D, [F, [J, [I */
static jclass buffer_class[5]; /* by jk_type: java.nio.DoubleBuffer, FloatBuffer, LongBuffer, IntBuffer */
static jclass failures_class;  /* dev.jkernels.internal.Failures */
static jmethodID for_status;   /* static Throwable forStatus(int, String) */

static jclass global_class(JNIEnv *env, const char *name) {
    jclass local = (*env)->FindClass(env, name);
    if (!local) return NULL;
    jclass global = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return global;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
    static const char *const names[5] = {NULL, "[D", "[F", "[J", "[I"};
    for (int t = JK_TYPE_F64; t <= JK_TYPE_I32; t++)
        if (!(array_class[t] = global_class(env, names[t]))) return JNI_ERR;
    static const char *const buffers[5] = {NULL, "java/nio/DoubleBuffer", "java/nio/FloatBuffer", "java/nio/LongBuffer",
                                           "java/nio/IntBuffer"};
    for (int t = JK_TYPE_F64; t <= JK_TYPE_I32; t++)
        if (!(buffer_class[t] = global_class(env, buffers[t]))) return JNI_ERR;
    if (!(failures_class = global_class(env, "dev/jkernels/internal/Failures"))) return JNI_ERR;
    for_status = (*env)->GetStaticMethodID(env, failures_class, "forStatus", "(ILjava/lang/String;)Ljava/lang/Throwable;");
    return for_status ? JNI_VERSION_1_8 : JNI_ERR;
}

void jni_throw(JNIEnv *env, const char *cls, const char *message) {
    if ((*env)->ExceptionCheck(env)) return;
    jclass c = (*env)->FindClass(env, cls);
    if (c) (*env)->ThrowNew(env, c, message);
}

void jni_throw_status(JNIEnv *env, jk_status st, const char *message) {
    if (st == JK_OK || (*env)->ExceptionCheck(env)) return;
    jstring text = (*env)->NewStringUTF(env, message);
    if (!text) return; /* OutOfMemoryError pending */
    jobject e = (*env)->CallStaticObjectMethod(env, failures_class, for_status, (jint)st, text);
    if (e && !(*env)->ExceptionCheck(env)) (*env)->Throw(env, (jthrowable)e);
}

int jni_is_array_of(JNIEnv *env, jobject array, int type) {
    return type >= JK_TYPE_F64 && type <= JK_TYPE_I32 && (*env)->IsInstanceOf(env, array, array_class[type]);
}

int jni_is_buffer_of(JNIEnv *env, jobject buffer, int type) {
    return type >= JK_TYPE_F64 && type <= JK_TYPE_I32 && (*env)->IsInstanceOf(env, buffer, buffer_class[type]);
}

static size_t elem_size(int type) { return type == JK_TYPE_F32 || type == JK_TYPE_I32 ? 4 : 8; }

void jni_copy_in(JNIEnv *env, int type, jarray array, size_t offset, size_t n, void *dst) {
    size_t piece = JNI_COPY_PIECE_BYTES / elem_size(type);
    for (size_t done = 0; done < n && !(*env)->ExceptionCheck(env); done += piece) {
        jsize start = (jsize)(offset + done), len = (jsize)(n - done < piece ? n - done : piece);
        char *at = (char *)dst + done * elem_size(type);
        switch (type) {
        case JK_TYPE_F64: (*env)->GetDoubleArrayRegion(env, array, start, len, (jdouble *)(void *)at); break;
        case JK_TYPE_F32: (*env)->GetFloatArrayRegion(env, array, start, len, (jfloat *)(void *)at); break;
        case JK_TYPE_I64: (*env)->GetLongArrayRegion(env, array, start, len, (jlong *)(void *)at); break;
        case JK_TYPE_I32: (*env)->GetIntArrayRegion(env, array, start, len, (jint *)(void *)at); break;
        }
    }
}

void jni_copy_out(JNIEnv *env, int type, jarray array, size_t offset, size_t n, const void *src) {
    size_t piece = JNI_COPY_PIECE_BYTES / elem_size(type);
    for (size_t done = 0; done < n && !(*env)->ExceptionCheck(env); done += piece) {
        jsize start = (jsize)(offset + done), len = (jsize)(n - done < piece ? n - done : piece);
        const char *at = (const char *)src + done * elem_size(type);
        switch (type) {
        case JK_TYPE_F64: (*env)->SetDoubleArrayRegion(env, array, start, len, (const jdouble *)(const void *)at); break;
        case JK_TYPE_F32: (*env)->SetFloatArrayRegion(env, array, start, len, (const jfloat *)(const void *)at); break;
        case JK_TYPE_I64: (*env)->SetLongArrayRegion(env, array, start, len, (const jlong *)(const void *)at); break;
        case JK_TYPE_I32: (*env)->SetIntArrayRegion(env, array, start, len, (const jint *)(const void *)at); break;
        }
    }
}

/* ---- the buffer cache (jni_common.h) ---- */

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    void *ptr;
    size_t bytes;
} cache[JNI_BUFFER_CACHE_ENTRIES];
static size_t cached_bytes; /* guarded by cache_lock, as cache is */

void *jni_buffer_take(size_t bytes, size_t *capacity) {
    int best = -1;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < JNI_BUFFER_CACHE_ENTRIES; i++) /* the smallest that fits, at most four times the need */
        if (cache[i].ptr && cache[i].bytes >= bytes && cache[i].bytes / 4 <= bytes &&
            (best < 0 || cache[i].bytes < cache[best].bytes))
            best = i;
    void *p = NULL;
    if (best >= 0) {
        p = cache[best].ptr;
        *capacity = cache[best].bytes;
        cached_bytes -= cache[best].bytes;
        cache[best].ptr = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
    if (!p && (p = malloc(bytes))) *capacity = bytes;
    return p;
}

void jni_buffer_give(void *buffer, size_t capacity) {
    if (!buffer) return;
    void *evicted[JNI_BUFFER_CACHE_ENTRIES + 1];
    int n = 0;
    pthread_mutex_lock(&cache_lock);
    if (capacity <= JNI_BUFFER_CACHE_BYTES) {
        /* make room: drop the smallest entries first (the large ones are the costly ones to fault in) */
        for (;;) {
            int free_slot = -1, smallest = -1;
            for (int i = 0; i < JNI_BUFFER_CACHE_ENTRIES; i++) {
                if (!cache[i].ptr) free_slot = i;
                else if (smallest < 0 || cache[i].bytes < cache[smallest].bytes) smallest = i;
            }
            if (free_slot >= 0 && cached_bytes + capacity <= JNI_BUFFER_CACHE_BYTES) {
                cache[free_slot].ptr = buffer;
                cache[free_slot].bytes = capacity;
                cached_bytes += capacity;
                buffer = NULL;
                break;
            }
            if (smallest < 0 || cache[smallest].bytes > capacity) break; /* keep the larger ones: drop this */
            evicted[n++] = cache[smallest].ptr;
            cached_bytes -= cache[smallest].bytes;
            cache[smallest].ptr = NULL;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    for (int i = 0; i < n; i++) free(evicted[i]);
    free(buffer); /* NULL once cached */
}
