/* SPDX-License-Identifier: Apache-2.0 */
/* What the JNI glue files share: handles, exceptions, element types, bounded
 * array copies. Translation only: no operation is named here. */
#ifndef JKERNELS_JNI_COMMON_H
#define JKERNELS_JNI_COMMON_H

#include <jni.h>
#include <stdint.h>

#include "jkernels/jkernels.h"

static inline jk_pool *jni_pool(jlong handle) { return (jk_pool *)(intptr_t)handle; }

/* Throws the exception dev.jkernels.internal.Failures.forStatus makes of a
 * status and a message (the one mapping from statuses to Java exceptions, shared
 * with the asynchronous path). JK_OK throws nothing; nothing is thrown over a
 * pending exception. */
void jni_throw_status(JNIEnv *env, jk_status st, const char *message);

/* Throws a new `cls` (a JNI class name) unless an exception is pending. */
void jni_throw(JNIEnv *env, const char *cls, const char *message);

/* True when `array` is a Java array of elements of `type` (jk_type). */
int jni_is_array_of(JNIEnv *env, jobject array, int type);

/* True when `buffer` is a java.nio buffer of elements of `type` (DoubleBuffer for F64, ...), direct or not. */
int jni_is_buffer_of(JNIEnv *env, jobject buffer, int type);

/* Off-heap arrays (jni_memory.c). jni_mem_hold: if [first, first + bytes) lies in an off-heap array, holds it
 * (*held; it is not freed before jni_mem_release(*held)), else *held = NULL (memory the registry does not
 * know). Returns 0 when that memory is an off-heap array that is closed, or runs past its end. */
typedef struct jni_mem_block jni_mem_block;
int jni_mem_hold(const void *first, size_t bytes, jni_mem_block **held);
void jni_mem_release(jni_mem_block *held); /* NULL ignored */

/* Copies n elements of a Java array of `type` starting at `offset` into or out
 * of native memory, in pieces of at most JNI_COPY_PIECE_BYTES: each piece is
 * one uninterruptible VM transition, so a huge array never keeps the thread
 * from a safepoint (and the GC from running) for long. */
#define JNI_COPY_PIECE_BYTES ((size_t)1 << 20)
void jni_copy_in(JNIEnv *env, int type, jarray array, size_t offset, size_t n, void *dst);
void jni_copy_out(JNIEnv *env, int type, jarray array, size_t offset, size_t n, const void *src);

/* Native buffers for synchronous calls' copies, kept between calls: a fresh buffer of a large call costs a
 * page fault per 4 KiB on its first touch (on this project's machine, 128 MiB took longer to fault in than
 * to compute a gemv on), so at most JNI_BUFFER_CACHE_BYTES of returned buffers wait for the next call, in at
 * most JNI_BUFFER_CACHE_ENTRIES entries. jni_buffer_take gives one of at least `bytes` (contents
 * unspecified; *capacity set to its real size) or NULL; jni_buffer_give takes it back (NULL ignored). */
#define JNI_BUFFER_CACHE_BYTES ((size_t)256 << 20)
#define JNI_BUFFER_CACHE_ENTRIES 8
void *jni_buffer_take(size_t bytes, size_t *capacity);
void jni_buffer_give(void *buffer, size_t capacity);

#endif
