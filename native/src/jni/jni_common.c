/* Helpers shared by the JNI glue files. */
#include "jni_common.h"

#include <stdio.h>

void jni_throw(JNIEnv *env, const char *cls, const char *msg) {
    if ((*env)->ExceptionCheck(env)) return;
    jclass c = (*env)->FindClass(env, cls);
    if (c) (*env)->ThrowNew(env, c, msg);
}

void jni_throw_status(JNIEnv *env, jk_status st, const char *what) {
    if (st == JK_OK) return;
    char msg[256];
    snprintf(msg, sizeof msg, "jkernels %s failed: %s (status %d)", what, jk_status_name(st), (int)st);
    switch (st) {
    case JK_ERR_NULL: jni_throw(env, "java/lang/NullPointerException", msg); return;
    case JK_ERR_ARGUMENT:
    case JK_ERR_DOMAIN:
    case JK_ERR_UNSUPPORTED: jni_throw(env, "java/lang/IllegalArgumentException", msg); return;
    case JK_ERR_NOMEM: jni_throw(env, "java/lang/OutOfMemoryError", msg); return;
    case JK_ERR_CANCELLED: jni_throw(env, "java/util/concurrent/CancellationException", msg); return;
    default: jni_throw(env, "java/lang/IllegalStateException", msg); return;
    }
}

void jni_copy_in(JNIEnv *env, jni_elem type, jarray src, size_t n, void *buf) {
    switch (type) {
    case JNI_LONG: (*env)->GetLongArrayRegion(env, src, 0, (jsize)n, buf); return;
    case JNI_DOUBLE: (*env)->GetDoubleArrayRegion(env, src, 0, (jsize)n, buf); return;
    case JNI_INT: (*env)->GetIntArrayRegion(env, src, 0, (jsize)n, buf); return;
    }
}

void jni_copy_out(JNIEnv *env, jni_elem type, jarray dst, size_t n, const void *buf) {
    switch (type) {
    case JNI_LONG: (*env)->SetLongArrayRegion(env, dst, 0, (jsize)n, buf); return;
    case JNI_DOUBLE: (*env)->SetDoubleArrayRegion(env, dst, 0, (jsize)n, buf); return;
    case JNI_INT: (*env)->SetIntArrayRegion(env, dst, 0, (jsize)n, buf); return;
    }
}
