/* SPDX-License-Identifier: Apache-2.0 */
/* JNI glue for dev.jkernels.internal.JniProbe: calls that do (almost) nothing,
 * so a benchmark can measure what crossing into native costs, and the C heap's
 * size for the leak tests. */
#include <malloc.h>

#include "jni_common.h"
#include "dev_jkernels_internal_JniProbe.h"

JNIEXPORT jint JNICALL Java_dev_jkernels_internal_JniProbe_empty(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return 0;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_JniProbe_pinned(JNIEnv *env, jclass cls, jlongArray a) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, a); /* no JNI call may run while the array is pinned */
    jlong *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    if (!p) return 0;
    jlong first = n > 0 ? p[0] : 0;
    (*env)->ReleasePrimitiveArrayCritical(env, a, p, JNI_ABORT);
    return first;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_JniProbe_direct(JNIEnv *env, jclass cls, jobject buffer) {
    (void)cls;
    const jlong *p = (*env)->GetDirectBufferAddress(env, buffer);
    return p && (*env)->GetDirectBufferCapacity(env, buffer) >= 8 ? p[0] : 0;
}

JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_JniProbe_nativeHeapBytes(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    struct mallinfo2 info = mallinfo2(); /* glibc 2.33; the library already needs 2.34 */
    return (jlong)(info.uordblks + info.hblkhd);
}
