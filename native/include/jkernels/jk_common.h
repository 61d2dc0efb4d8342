/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: version, status codes, call flags, ISA paths.
 *
 * Every function of the C API takes pointers plus lengths and returns a
 * jk_status; none of them aborts, exits or prints. The API is usable from C
 * without any Java in the process.
 *
 * Compatibility rules: JK_VERSION_MAJOR changes when something is removed or
 * changes meaning; MINOR when something is added (a function, an op, a flag, a
 * field at the end of a struct that carries its size); PATCH for fixes. A
 * program built against MAJOR.m runs with any library MAJOR.n, n >= m: the
 * SONAME is libjkernels.so.MAJOR, and each MINOR's new symbols get a version
 * node of their own (JKERNELS_MAJOR.MINOR) that inherits the earlier ones.
 * Structs that may grow start with `uint32_t size` (set it to sizeof): the
 * library reads and writes only the fields within that size, so a caller built
 * against an older header keeps working (this version's sizes are the minimum
 * from now on); others end in reserved space that must be zero. Unknown flag
 * bits are rejected.
 */
#ifndef JKERNELS_JK_COMMON_H
#define JKERNELS_JK_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "jkernels/jk_version.h" /* generated from the Maven version: JK_VERSION_MAJOR/MINOR/PATCH, JK_VERSION_STRING */

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the functions the shared library exports; everything else is hidden. */
#define JK_API __attribute__((visibility("default")))

/* Options of one call: a combination of the JK_CALL_* bits. Any other bit is
 * JK_ERR_ARGUMENT. */
typedef uint32_t jk_call_flags;
#define JK_CALL_DEFAULT 0u
/* Run only if the pool is idle when the job is submitted (no job queued or
 * running); otherwise return JK_ERR_BUSY without touching the data. For a
 * caller that holds something while it waits, such as a JVM thread holding a
 * pinned array, which must not wait behind another caller's long job. Work small
 * enough to run on the calling thread, and team work (which never waits for a
 * busy worker), runs regardless. Synchronous calls only. */
#define JK_CALL_IF_IDLE 1u
/* Asynchronous jobs only: when the job finishes, hand it out (once) through
 * jk_pool_next_finished, so one thread can wait for many jobs. */
#define JK_CALL_NOTIFY 2u
/* Synchronous calls only: run the whole operation on the calling thread, no
 * worker involved (same chunks, same results). For inputs too small for the
 * hand-off to a worker to pay; the pool's statistics do not count it. */
#define JK_CALL_INLINE 4u
#define JK_CALL_KNOWN_FLAGS (JK_CALL_IF_IDLE | JK_CALL_NOTIFY | JK_CALL_INLINE)

typedef enum jk_status {
    JK_OK = 0,
    JK_ERR_NULL = 1,        /* a required pointer was NULL */
    JK_ERR_ARGUMENT = 2,    /* a length, count, flag or enum value is out of range */
    JK_ERR_DOMAIN = 3,      /* an input element is outside the kernel's domain */
    JK_ERR_NOMEM = 4,       /* an allocation failed */
    JK_ERR_STATE = 5,       /* the pool is shutting down */
    JK_ERR_UNSUPPORTED = 6, /* the requested ISA path is not supported by this CPU */
    JK_ERR_THREAD = 7,      /* a worker thread could not be started */
    JK_ERR_BUSY = 8,        /* JK_CALL_IF_IDLE and the pool was busy: nothing was done */
    JK_ERR_CANCELLED = 9,   /* the job was cancelled before all of it ran */
    JK_ERR_TIMEOUT = 10,    /* a wait ran out of time; the job goes on */
    JK_ERR_FORKED = 11,     /* the pool was created before fork(): this process has none of its workers */
    /* Statuses a user-written kernel may return for its own failures; jkernels
     * itself never uses them. */
    JK_STATUS_USER_FIRST = 1000,
    JK_STATUS_USER_LAST = 1999
} jk_status;

/* Instruction-set paths, lowest first. JK_ISA_BEST picks the best the CPU
 * and OS support (or the one forced lower by JKERNELS_ISA). */
typedef enum jk_isa {
    JK_ISA_BEST = -1,
    JK_ISA_REF = 0,    /* portable C, baseline x86-64 */
    JK_ISA_AVX2 = 1,   /* AVX2 + FMA */
    JK_ISA_AVX512 = 2, /* AVX-512 F + DQ */
    JK_ISA_COUNT = 3
} jk_isa;

/* A call's result: .f64 or .i64 by the operation's result kind (jk_op.h). */
typedef union jk_value {
    double f64;
    int64_t i64;
} jk_value;

/* JK_VERSION_MAJOR * 10000 + JK_VERSION_MINOR * 100 + JK_VERSION_PATCH of
 * the library that is running (compare with the one compiled against). */
JK_API int jk_version(void);

/* The full version, for example "0.1.0-SNAPSHOT". */
JK_API const char *jk_version_string(void);

/* A short constant name for a status ("ok", "null", "argument", ..., "user"
 * for the user range, "unknown" otherwise). */
JK_API const char *jk_status_name(jk_status status);

/* The best ISA path this CPU and OS support, ignoring JKERNELS_ISA. */
JK_API jk_isa jk_isa_supported(void);

/* The path JK_ISA_BEST resolves to: jk_isa_supported(), lowered by the
 * environment variable JKERNELS_ISA (ref|avx2|avx512) when it is set. An
 * unknown value or one above the CPU's is ignored. */
JK_API jk_isa jk_isa_default(void);

/* "ref", "avx2", "avx512"; NULL for a value outside the enum. */
JK_API const char *jk_isa_name(jk_isa isa);

/* CPUs this process may run on: the sched_getaffinity mask, capped by the
 * tightest cgroup v2 cpu.max quota (rounded up) from the process's cgroup up to
 * the root, at least 1. The same as the JVM's Runtime.availableProcessors() in
 * the common cases; it can be lower where the JVM reads only the process's own
 * cgroup (JDK 17-23) or is told otherwise (-XX:ActiveProcessorCount). */
JK_API int jk_available_cpus(void);

#ifdef __cplusplus
}
#endif

#endif
