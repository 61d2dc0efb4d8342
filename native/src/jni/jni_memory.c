/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Off-heap arrays (dev.jkernels.OffHeapArray): page-aligned (so 64-byte
 * aligned), zeroed blocks of their own mappings, handed to Java as direct
 * ByteBuffers, and the registry that knows them.
 *
 * A block lives in two steps, because Java cannot make an old buffer forget
 * its address:
 *   - close (OffHeapArray.close): the memory goes back to the system
 *     (MADV_DONTNEED), but the mapping stays, so a view kept past close reads
 *     zeros instead of crashing the JVM, and calls naming it are refused;
 *   - unmap (the Java Cleaner, once no buffer of the block is reachable): the
 *     mapping goes and the block leaves the registry.
 * Invariants (all under `lock`):
 *   - `blocks[0..count)` are the blocks still mapped, sorted by base address,
 *     pairwise disjoint.
 *   - A block's memory is returned exactly when it is closed and no call or job
 *     holds it (closing a held block only marks it; the last release returns
 *     it), so the library never works on memory that is gone, whichever thread
 *     closes the block and when; unmapping waits for holds the same way.
 *   - `live_bytes` is the sum of the sizes of the blocks not yet returned.
 * Memory the registry does not know (ByteBuffer.allocateDirect's, another
 * library's) is the JVM's to keep alive, which it does while Java holds the
 * buffer.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, MADV_DONTNEED */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "jni_common.h"
#include "dev_jkernels_internal_NativeBridge.h"

struct jni_mem_block {
    char *base;
    size_t bytes;  /* what Java asked for */
    size_t mapped; /* bytes, rounded up to whole pages (at least one) */
    size_t holds;  /* calls and jobs using the block now */
    int closed;    /* OffHeapArray.close() ran */
    int returned;  /* the memory went back to the system */
    int unmapping; /* the Cleaner ran while a hold was left: the last release unmaps */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static jni_mem_block **blocks;
static size_t count, capacity;
static size_t live_bytes;

/* The index of the first block whose base is above `address` (under lock). */
static size_t upper_bound(const char *address) {
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (blocks[mid]->base <= address) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The block holding `address`, or NULL (under lock). */
static jni_mem_block *find(const char *address) {
    size_t at = upper_bound(address);
    if (at == 0) return NULL;
    jni_mem_block *b = blocks[at - 1];
    return address < b->base + b->mapped ? b : NULL;
}

/* Gives b's memory back to the system, once (under lock); the mapping stays, reading zeros. */
static void give_back(jni_mem_block *b) {
    if (b->returned) return;
    b->returned = 1;
    live_bytes -= b->bytes;
    madvise(b->base, b->mapped, MADV_DONTNEED);
}

/* Unmaps b and forgets it (under lock): nobody holds it, no Java buffer of it is left. */
static void unmap(jni_mem_block *b) {
    give_back(b);
    size_t at = upper_bound(b->base) - 1;
    memmove(&blocks[at], &blocks[at + 1], (count - at - 1) * sizeof *blocks);
    count--;
    munmap(b->base, b->mapped);
    free(b);
}

int jni_mem_hold(const void *first, size_t bytes, jni_mem_block **held) {
    *held = NULL;
    pthread_mutex_lock(&lock);
    jni_mem_block *b = count ? find(first) : NULL;
    int ok = 1;
    if (b && (b->closed || b->unmapping || (const char *)first + bytes > b->base + b->bytes)) ok = 0;
    else if (b) b->holds++, *held = b;
    pthread_mutex_unlock(&lock);
    return ok;
}

void jni_mem_release(jni_mem_block *b) {
    if (!b) return;
    pthread_mutex_lock(&lock);
    if (--b->holds == 0 && b->unmapping) unmap(b);
    else if (b->holds == 0 && b->closed) give_back(b);
    pthread_mutex_unlock(&lock);
}

/* A new zeroed block of `bytes` (at least one page mapped), page aligned, as a direct ByteBuffer;
 * OutOfMemoryError naming the size when it cannot be had. */
JNIEXPORT jobject JNICALL Java_dev_jkernels_internal_NativeBridge_memAllocate(JNIEnv *env, jclass cls, jlong bytes) {
    (void)cls;
    char msg[160];
    if (bytes < 0 || bytes > INT32_MAX) {
        snprintf(msg, sizeof msg, "jkernels: an off-heap array of %lld bytes is outside 0..%d", (long long)bytes,
                 INT32_MAX);
        jni_throw(env, "java/lang/IllegalArgumentException", msg);
        return NULL;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t mapped = bytes ? ((size_t)bytes + page - 1) / page * page : page;
    jni_mem_block *b = malloc(sizeof *b);
    /* MAP_NORESERVE: like malloc's memory, it is committed when touched, not when mapped. */
    void *base = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) base = NULL;
    pthread_mutex_lock(&lock);
    int room = count < capacity;
    if (!room && b && base) {
        size_t grown = capacity ? 2 * capacity : 64;
        jni_mem_block **more = realloc(blocks, grown * sizeof *blocks);
        if (more) blocks = more, capacity = grown, room = 1;
    }
    if (room && b && base) {
        *b = (jni_mem_block){.base = base, .bytes = (size_t)bytes, .mapped = mapped};
        size_t at = upper_bound(base);
        memmove(&blocks[at + 1], &blocks[at], (count - at) * sizeof *blocks);
        blocks[at] = b;
        count++;
        live_bytes += (size_t)bytes;
    }
    pthread_mutex_unlock(&lock);
    if (!room || !b || !base) {
        free(b);
        if (base) munmap(base, mapped);
        snprintf(msg, sizeof msg, "jkernels: no native memory for an off-heap array of %lld bytes", (long long)bytes);
        jni_throw(env, "java/lang/OutOfMemoryError", msg);
        return NULL;
    }
    jobject buffer = (*env)->NewDirectByteBuffer(env, base, bytes);
    if (!buffer) { /* exception pending; no Java buffer refers to the block */
        pthread_mutex_lock(&lock);
        unmap(b);
        pthread_mutex_unlock(&lock);
    }
    return buffer;
}

/* The open or closed block that starts at `address` (under lock), or NULL. */
static jni_mem_block *block_at(jlong address) {
    char *base = (char *)(intptr_t)address;
    jni_mem_block *b = count ? find(base) : NULL;
    return b && b->base == base && !b->unmapping ? b : NULL;
}

/* Closes the block at `address` (a memAllocate buffer's): its memory goes back to the system now, or when the
 * last call or job holding it ends. Returns false when it was closed already. */
JNIEXPORT jboolean JNICALL Java_dev_jkernels_internal_NativeBridge_memClose(JNIEnv *env, jclass cls, jlong address) {
    (void)env, (void)cls;
    pthread_mutex_lock(&lock);
    jni_mem_block *b = block_at(address);
    int closing = b && !b->closed;
    if (closing) {
        b->closed = 1;
        if (b->holds == 0) give_back(b);
    }
    pthread_mutex_unlock(&lock);
    return closing ? JNI_TRUE : JNI_FALSE;
}

/* Unmaps the block at `address`, once no Java buffer of it is reachable (the Cleaner's part). */
JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_memUnmap(JNIEnv *env, jclass cls, jlong address) {
    (void)env, (void)cls;
    pthread_mutex_lock(&lock);
    jni_mem_block *b = block_at(address);
    if (b && b->holds) b->unmapping = 1;
    else if (b) unmap(b);
    pthread_mutex_unlock(&lock);
}

/* One of the registry's counters, read under its lock. */
static jlong read_locked(const size_t *counter) {
    pthread_mutex_lock(&lock);
    size_t value = *counter;
    pthread_mutex_unlock(&lock);
    return (jlong)value;
}

/* Bytes of off-heap arrays whose memory has not gone back to the system. */
JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_memBytes(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return read_locked(&live_bytes);
}

/* The first byte of a direct buffer, or 0 for one that is not direct. */
JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_bufferAddress(JNIEnv *env, jclass cls, jobject buffer) {
    (void)cls;
    return buffer ? (jlong)(intptr_t)(*env)->GetDirectBufferAddress(env, buffer) : 0;
}

/* Whether [address, address + bytes) lies in an off-heap array that is closed (what a call through a view kept
 * past close names; the Java side asks before any backend runs). */
JNIEXPORT jboolean JNICALL Java_dev_jkernels_internal_NativeBridge_memClosed(JNIEnv *env, jclass cls, jlong address,
                                                                            jlong bytes) {
    (void)env, (void)cls;
    jni_mem_block *held;
    if (bytes <= 0) return JNI_FALSE;
    if (!jni_mem_hold((const void *)(intptr_t)address, (size_t)bytes, &held)) return JNI_TRUE;
    jni_mem_release(held);
    return JNI_FALSE;
}

/* Holds the off-heap array [address, address + bytes) lies in, for a JAVA-backend call or job (the JNI glue holds
 * its own): returns the hold, to give to memRelease; 0 for memory that is not an off-heap array; -1, holding
 * nothing, for an off-heap array that is closed. */
JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_memHold(JNIEnv *env, jclass cls, jlong address,
                                                                       jlong bytes) {
    (void)env, (void)cls;
    jni_mem_block *held;
    if (bytes <= 0) return 0;
    if (!jni_mem_hold((const void *)(intptr_t)address, (size_t)bytes, &held)) return -1;
    return (jlong)(intptr_t)held;
}

JNIEXPORT void JNICALL Java_dev_jkernels_internal_NativeBridge_memRelease(JNIEnv *env, jclass cls, jlong hold) {
    (void)env, (void)cls;
    if (hold > 0) jni_mem_release((jni_mem_block *)(intptr_t)hold);
}

/* Blocks still mapped (open, or closed with a Java buffer of theirs still reachable): for the leak tests. */
JNIEXPORT jlong JNICALL Java_dev_jkernels_internal_NativeBridge_memBlocks(JNIEnv *env, jclass cls) {
    (void)env, (void)cls;
    return read_locked(&count);
}
