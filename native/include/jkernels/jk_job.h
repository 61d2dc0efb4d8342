/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jkernels public C ABI: asynchronous jobs.
 *
 * Every operation has a _submit form (jk_call_submit, and the typed ones) that
 * queues the work and returns at once with a jk_job. The caller keeps the
 * job's arrays alive and untouched until the job is finished, then frees it
 * with jk_job_free. A job is waited for either on its own (jk_job_wait) or,
 * when submitted with JK_CALL_NOTIFY, through jk_pool_next_finished, which lets
 * threads collect the jobs of a whole pool in the order they finish. Nothing
 * here calls back into the caller's code: no thread of the pool ever runs
 * anything but kernels.
 *
 * A job may be waited for, cancelled and read from several threads at once,
 * but freed only once nobody else uses it: freeing is the owner's last act.
 */
#ifndef JKERNELS_JK_JOB_H
#define JKERNELS_JK_JOB_H

#include "jk_pool.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jk_job jk_job;

/* Waits up to timeout_ns (negative: forever) for the job to finish, polling
 * for the pool's spin time (cut to the timeout) before it sleeps. Returns its
 * final status, or JK_ERR_TIMEOUT while it still runs. */
JK_API jk_status jk_job_wait(jk_job *job, int64_t timeout_ns);

/* Stops handing out the job's work; chunks already running finish (workers
 * check between chunks). Returns 1 if work was left to hand out (the job's
 * status becomes JK_ERR_CANCELLED unless it had failed already), 0 if the job
 * had finished or all its chunks were already claimed (then it runs to its end
 * and its results are complete). */
JK_API int jk_job_cancel(jk_job *job);

/* Work done so far and in all, in the operation's own items (elements, or
 * pixels for images), counted per finished chunk. */
JK_API void jk_job_progress(jk_job *job, size_t *done, size_t *total);

/* For a finished job: its status; *value (may be NULL) its result, as the
 * operation's result kind says (jk_op.h); *bad_index (may be
 * NULL) the lowest failing item on JK_ERR_DOMAIN, else SIZE_MAX. JK_ERR_BUSY
 * while the job still runs. */
JK_API jk_status jk_job_result(jk_job *job, jk_value *value, size_t *bad_index);

/* The `user` pointer given at submission. */
JK_API void *jk_job_user(const jk_job *job);

/* Frees a finished job (JK_ERR_BUSY, and nothing freed, while it runs; cancel
 * and wait first). A NOTIFY job not handed out yet is dropped from the list.
 * NULL is ignored. */
JK_API jk_status jk_job_free(jk_job *job);

/* Waits up to timeout_ns (negative: forever) for a finished NOTIFY job of this
 * pool and hands it out, each exactly once (to one of the threads waiting), in
 * the order they finished. Returns JK_OK with *job set, JK_ERR_TIMEOUT, or
 * JK_ERR_STATE when jk_pool_wake was called while waiting or jk_pool_destroy
 * has begun. One waiter at a time polls for the pool's spin time before it
 * sleeps (as idle workers do); the others sleep at once. */
JK_API jk_status jk_pool_next_finished(jk_pool *pool, int64_t timeout_ns, jk_job **job);

/* Wakes the threads waiting in jk_pool_next_finished (they get JK_ERR_STATE). */
JK_API void jk_pool_wake(jk_pool *pool);

#ifdef __cplusplus
}
#endif

#endif
