/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: operations, called generically.
 *
 * Every operation of the library (sum_f64, map_fib_i64, mandelbrot_i32, ...)
 * is one registered definition, found by name. A call passes its arguments in
 * a jk_args: up to JK_MAX_SLOTS arrays ("slots", each of one element type and
 * role), up to JK_MAX_INTS integer and JK_MAX_REALS double scalars; it returns
 * a jk_status and, for operations with a result, a jk_value. The typed
 * functions of jk_map.h, jk_vector.h and jk_image.h are thin wrappers over
 * this. jk_op_describe tells what an operation expects, so a binding (the Java
 * one does) can check its own description against the library's.
 *
 * Slots: a WRITE slot is written in full by a successful call; a READ_WRITE
 * slot is read and updated. A written slot must not overlap another slot,
 * except that it may be exactly another slot (same pointer, same length) for
 * operations that allow in-place use (their documentation says so).
 */
#ifndef JKERNELS_JK_OP_H
#define JKERNELS_JK_OP_H

#include "jk_job.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed for a MAJOR version: jk_args and jk_op_info are laid out with them. */
#define JK_MAX_SLOTS 4
#define JK_MAX_INTS 8
#define JK_MAX_REALS 4

typedef enum jk_type { JK_TYPE_NONE = 0, JK_TYPE_F64 = 1, JK_TYPE_F32 = 2, JK_TYPE_I64 = 3, JK_TYPE_I32 = 4 } jk_type;
typedef enum jk_role { JK_ROLE_READ = 1, JK_ROLE_WRITE = 2, JK_ROLE_READ_WRITE = 3 } jk_role;
typedef enum jk_result_kind { JK_RESULT_NONE = 0, JK_RESULT_F64 = 1, JK_RESULT_I64 = 2 } jk_result_kind;

/* Bits of jk_op_info.flags: how an operation behaves, for bindings. */
/* Streaming: time proportional to data, and work index i covers elements
 * [i*unit, (i+1)*unit) of every slot (one slot, or all of the same length; or
 * per slot with JK_OP_SLOT_UNITS), so any range of indices may run on its own,
 * on its part of each slot (bindings cut big calls into such windows). */
#define JK_OP_STREAMING 1u
#define JK_OP_COSTLY 2u      /* items may each take long: never pin caller memory for it */
#define JK_OP_ITEM_FAILURES 4u /* items may fail one by one (jk_args.item_status) */
#define JK_OP_IN_PLACE 8u    /* a written slot may be exactly a read slot */
#define JK_OP_SAME_LENGTH 16u /* every slot has the same length */
/* With JK_OP_STREAMING: work index i covers elements [i*u_k, (i+1)*u_k) of slot k, u_k being the op's own
 * unit for that slot, decided per call inside the library; u_k == 0 means slot k (read only) is needed whole
 * by every index (a vector every column of a matrix is multiplied by). The units are not part of this ABI: a
 * binding outside the library must treat such an operation as not streaming (run it whole). */
#define JK_OP_SLOT_UNITS 32u

typedef struct jk_slot {
    void *data;    /* the first element; may be NULL when length is 0 */
    size_t length; /* in elements */
} jk_slot;

typedef struct jk_args {
    uint32_t size;              /* sizeof(jk_args) */
    jk_slot slot[JK_MAX_SLOTS];
    int64_t i[JK_MAX_INTS];
    double d[JK_MAX_REALS];
    /* Operations with JK_OP_ITEM_FAILURES: when not NULL, one zeroed byte per
     * item of slot 0; a failing item gets its status there and the call goes on
     * with the others (it ends with JK_ERR_DOMAIN and the lowest bad index). When
     * NULL, the first failure stops the call. */
    uint8_t *item_status;
} jk_args;

typedef struct jk_op_def jk_op_def;

typedef struct jk_op_info {
    uint32_t size;                     /* in: sizeof(jk_op_info) */
    const char *name;                  /* constant, for example "sum_f64" */
    int slots, ints, reals;            /* how many of each the operation uses */
    jk_type slot_type[JK_MAX_SLOTS];
    jk_role slot_role[JK_MAX_SLOTS];
    jk_result_kind result;
    uint32_t flags;                    /* JK_OP_* */
} jk_op_info;

/* The registered operations, in name order; stable for the life of the process. */
JK_API int jk_op_count(void);
JK_API const jk_op_def *jk_op_at(int index);

/* The operation of that name, or NULL. */
JK_API const jk_op_def *jk_op_find(const char *name);

/* Errors: JK_ERR_NULL, JK_ERR_ARGUMENT (info->size too small). */
JK_API jk_status jk_op_describe(const jk_op_def *op, jk_op_info *info);

/* Runs op on the pool and waits. result may be NULL for operations without
 * one. Errors: JK_ERR_NULL, JK_ERR_ARGUMENT (a slot, scalar, flag or
 * overlap the operation does not accept), JK_ERR_DOMAIN (with *bad_index, when
 * given, the lowest failing item), the operation's own, JK_ERR_CANCELLED,
 * JK_ERR_STATE, JK_ERR_BUSY (JK_CALL_IF_IDLE), JK_ERR_FORKED. On failure the
 * written slots may be partly written. */
JK_API jk_status jk_call(jk_pool *pool, const jk_op_def *op, const jk_args *args, jk_value *result,
                         size_t *bad_index, jk_call_flags flags);

/* Queues op and returns at once with *job; the slots must stay valid and
 * untouched until the job is finished. Flags: JK_CALL_NOTIFY. *job is stored
 * before the job can finish (so before jk_pool_next_finished can hand it out);
 * on failure it is set to NULL. */
JK_API jk_status jk_call_submit(jk_pool *pool, const jk_op_def *op, const jk_args *args, jk_call_flags flags,
                                void *user, jk_job **job);

#ifdef __cplusplus
}
#endif

#endif
