/* Running prepared operations: synchronously, or as jobs. */
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
    jk_op op; /* the chunks' ctx: it must not move while the job runs */
};

void jk_op_init(jk_op *op, jk_pool *pool, jk_range_fn fn, size_t n, size_t grain, int cheap, size_t unit,
                size_t items) {
    op->fn = fn;
    op->n = n;
    op->grain = grain;
    op->cheap = cheap;
    op->unit = unit;
    op->items = items;
    op->complete = NULL;
    op->release = NULL;
    op->kernels = pool->kernels;
    op->value = 0.0;
    atomic_init(&op->bad_index, SIZE_MAX);
}

void jk_op_release(jk_op *op) {
    if (op->release) op->release(op);
}

static jk_status complete(jk_op *op, jk_status st) { return op->complete ? op->complete(op, st) : st; }

/* Runs op's chunks one after the other on the calling thread. */
static jk_status run_inline(jk_op *op) {
    for (size_t begin = 0; begin < op->n; begin += op->grain) {
        size_t end = op->n - begin > op->grain ? begin + op->grain : op->n;
        int st = op->fn(op, begin, end);
        if (st != 0) return (jk_status)st;
    }
    return JK_OK;
}

jk_status jk_ops_sync(jk_pool *pool, jk_op *op, jk_call_flags flags) {
    jk_status st;
    if ((flags & JK_CALL_INLINE) || (op->cheap && op->n <= op->grain)) st = run_inline(op);
    else st = (jk_status)jk_runtime_run(pool->runtime, op->fn, op, op->n, op->grain, (flags & JK_CALL_IF_IDLE) != 0);
    return st == JK_ERR_BUSY ? st : complete(op, st);
}

jk_status jk_ops_submit(jk_pool *pool, const jk_op *op, jk_call_flags flags, void *user, jk_job **out) {
    jk_job *job = malloc(sizeof *job);
    if (!job) return JK_ERR_NOMEM;
    job->user = user;
    pthread_mutex_init(&job->result_lock, NULL);
    job->completed = 0;
    job->op = *op;
    atomic_init(&job->op.bad_index, SIZE_MAX);
    int st = jk_runtime_submit(pool->runtime, job->op.fn, &job->op, job->op.n, job->op.grain,
                               (flags & JK_CALL_NOTIFY) != 0, &job->rt_job);
    if (st != 0) {
        pthread_mutex_destroy(&job->result_lock);
        free(job);
        return (jk_status)st;
    }
    *out = job;
    return JK_OK;
}

jk_status jk_job_wait(jk_job *job, int64_t timeout_ns) {
    if (!job) return JK_ERR_NULL;
    int st = jk_runtime_job_wait(job->rt_job, timeout_ns);
    if (st == JK_RT_TIMEOUT) return JK_ERR_TIMEOUT;
    return jk_job_result(job, NULL, NULL);
}

int jk_job_cancel(jk_job *job) { return job ? jk_runtime_job_cancel(job->rt_job) : 0; }

void jk_job_progress(jk_job *job, size_t *done, size_t *total) {
    size_t d = 0, t = 0;
    if (job) {
        t = job->op.items;
        size_t units = jk_runtime_job_done(job->rt_job);
        d = units >= job->op.n ? t : units * job->op.unit;
        if (d > t) d = t;
    }
    if (done) *done = d;
    if (total) *total = t;
}

/* The runtime decided "finished" under its lock, which jk_runtime_job_finished
 * takes too, so every chunk's writes are visible here. */
jk_status jk_job_result(jk_job *job, double *value, size_t *bad_index) {
    if (!job) return JK_ERR_NULL;
    if (!jk_runtime_job_finished(job->rt_job)) return JK_ERR_BUSY;
    pthread_mutex_lock(&job->result_lock);
    if (!job->completed) {
        job->result = complete(&job->op, (jk_status)jk_runtime_job_status(job->rt_job));
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
