/* What the JNI glue files share: handles, exceptions, array copies. */
#ifndef JKERNELS_JNI_COMMON_H
#define JKERNELS_JNI_COMMON_H

#include <jni.h>
#include <stdint.h>

#include "jkernels/jkernels.h"

typedef enum { JNI_LONG, JNI_DOUBLE, JNI_INT } jni_elem;

static inline jk_pool *jni_pool(jlong handle) { return (jk_pool *)(intptr_t)handle; }

static inline size_t jni_elem_size(jni_elem type) { return type == JNI_INT ? 4 : 8; }

/* Throws cls with msg unless an exception is pending already (JNI allows no
 * call then). */
void jni_throw(JNIEnv *env, const char *cls, const char *msg);

/* Throws the Java exception for a failed status; JK_OK throws nothing, and
 * nothing is thrown over a pending exception. */
void jni_throw_status(JNIEnv *env, jk_status st, const char *what);

void jni_copy_in(JNIEnv *env, jni_elem type, jarray src, size_t n, void *buf);
void jni_copy_out(JNIEnv *env, jni_elem type, jarray dst, size_t n, const void *buf);

#endif
