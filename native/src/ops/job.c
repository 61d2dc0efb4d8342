/* SPDX-License-Identifier: Apache-2.0 */
/* Prepared operations as asynchronous jobs. */
#include <pthread.h>
#include <stdlib.h>

#include "ops.h"

struct jk_job {
    jk_rt_job *rt_job;
    void *user;
    /* Completing writes op (a reduction's value): several threads may wait for
     * or read one job, so the first completes it under the lock, once. */
    pthread_mutex_t result_lock;
    int completed;
    jk_status result;
    jk_op op; /* the work's ctx: it must not move while the job runs */
};

jk_status jk_op_submit(jk_op *op, jk_call_flags flags, void *user, jk_job **out) {
    jk_job *job = malloc(sizeof *job);
    if (!job) {
        *out = NULL;
        jk_op_release(op);
        return JK_ERR_NOMEM;
    }
    job->user = user;
    pthread_mutex_init(&job->result_lock, NULL);
    job->completed = 0;
    job->op = *op;
    atomic_init(&job->op.bad_index, SIZE_MAX);
    job->op.work.ctx = &job->op;
    /* *out is set before the job can finish: a NOTIFY job may be handed out by
     * next_finished before jk_runtime_submit returns, and whoever takes it may
     * read *out (the JNI layer's handle does); the runtime lock orders this
     * store before that read. */
    *out = job;
    int st = jk_runtime_submit(op->pool->runtime, &job->op.work, (flags & JK_CALL_NOTIFY) != 0, &job->rt_job);
    if (st != 0) {
        *out = NULL;
        jk_op_release(&job->op);
        pthread_mutex_destroy(&job->result_lock);
        free(job);
        return (jk_status)st;
    }
    return JK_OK;
}

jk_status jk_job_wait(jk_job *job, int64_t timeout_ns) {
    if (!job) return JK_ERR_NULL;
    int st = jk_runtime_job_wait(job->rt_job, timeout_ns);
    if (st == JK_RT_TIMEOUT || st == JK_RT_FORKED) return (jk_status)st;
    return jk_job_result(job, NULL, NULL);
}

int jk_job_cancel(jk_job *job) { return job ? jk_runtime_job_cancel(job->rt_job) : 0; }

void jk_job_progress(jk_job *job, size_t *done, size_t *total) {
    size_t d = 0, t = 0;
    if (job) {
        t = job->op.items;
        size_t units = jk_runtime_job_done(job->rt_job);
        d = units >= jk_runtime_job_size(job->rt_job) ? t : units * job->op.unit;
        if (d > t) d = t;
    }
    if (done) *done = d;
    if (total) *total = t;
}

/* The runtime decided "finished" under its lock, which jk_runtime_job_finished
 * takes too, so every chunk's writes are visible here. */
jk_status jk_job_result(jk_job *job, jk_value *value, size_t *bad_index) {
    if (!job) return JK_ERR_NULL;
    if (!jk_runtime_job_finished(job->rt_job)) return JK_ERR_BUSY;
    pthread_mutex_lock(&job->result_lock);
    if (!job->completed) {
        job->result = jk_op_complete(&job->op, (jk_status)jk_runtime_job_status(job->rt_job));
        job->completed = 1;
    }
    jk_status st = job->result;
    if (value) *value = job->op.value;
    if (bad_index) *bad_index = atomic_load(&job->op.bad_index);
    pthread_mutex_unlock(&job->result_lock);
    return st;
}

void *jk_job_user(const jk_job *job) { return job ? job->user : NULL; }

jk_status jk_job_free(jk_job *job) {
    if (!job) return JK_OK;
    if (jk_runtime_job_free(job->rt_job) != 0) return JK_ERR_BUSY;
    jk_op_release(&job->op);
    pthread_mutex_destroy(&job->result_lock);
    free(job);
    return JK_OK;
}

jk_status jk_pool_next_finished(jk_pool *pool, int64_t timeout_ns, jk_job **job) {
    if (!pool || !job) return JK_ERR_NULL;
    jk_rt_job *rt_job;
    int st = jk_runtime_next_finished(pool->runtime, timeout_ns, &rt_job);
    if (st != 0) return (jk_status)st;
    /* The runtime job's ctx is &job->op, the job's own field. */
    *job = (jk_job *)(void *)((char *)jk_runtime_job_ctx(rt_job) - offsetof(jk_job, op));
    return JK_OK;
}

void jk_pool_wake(jk_pool *pool) {
    if (pool) jk_runtime_wake(pool->runtime);
}
