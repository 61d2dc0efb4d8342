/* Element-wise maps: chunks of the kernel's grain, pulled by the workers. */
#include <stdatomic.h>

#include "ops.h"

typedef struct {
    const jk_map_i64_entry *i64;
    const jk_map_f64_entry *f64;
    const void *in;
    void *out;
    atomic_size_t bad_index; /* lowest failing index seen; SIZE_MAX while none */
} map_job;

static void record_bad(map_job *job, size_t index) {
    size_t seen = atomic_load(&job->bad_index);
    while (index < seen && !atomic_compare_exchange_weak(&job->bad_index, &seen, index)) {
    }
}

static int map_i64_range(void *ctx, size_t begin, size_t end) {
    map_job *job = ctx;
    size_t bad = 0;
    jk_status st = job->i64->fn((const int64_t *)job->in + begin, (int64_t *)job->out + begin, end - begin, &bad);
    if (st == JK_ERR_DOMAIN) record_bad(job, begin + bad);
    return st;
}

static int map_f64_range(void *ctx, size_t begin, size_t end) {
    map_job *job = ctx;
    size_t bad = 0;
    jk_status st = job->f64->fn((const double *)job->in + begin, (double *)job->out + begin, end - begin, &bad);
    if (st == JK_ERR_DOMAIN) record_bad(job, begin + bad);
    return st;
}

static jk_status finish(map_job *job, jk_status st, size_t *bad_index) {
    if (st == JK_ERR_DOMAIN && bad_index) *bad_index = atomic_load(&job->bad_index);
    return st;
}

jk_status jk_map_i64(jk_pool *pool, jk_i64_kernel kernel, const int64_t *in, int64_t *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    if (!pool || ((!in || !out) && n)) return JK_ERR_NULL;
    if (kernel < 0 || kernel >= JK_I64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    const jk_map_i64_entry *entry = &pool->kernels->map_i64[kernel];
    map_job job = {.i64 = entry, .in = in, .out = out};
    atomic_init(&job.bad_index, SIZE_MAX);
    return finish(&job, jk_ops_run(pool, map_i64_range, &job, n, entry->grain, entry->cheap, flags), bad_index);
}

jk_status jk_map_f64(jk_pool *pool, jk_f64_kernel kernel, const double *in, double *out, size_t n,
                     size_t *bad_index, jk_call_flags flags) {
    if (!pool || ((!in || !out) && n)) return JK_ERR_NULL;
    if (kernel < 0 || kernel >= JK_F64_KERNEL_COUNT) return JK_ERR_ARGUMENT;
    const jk_map_f64_entry *entry = &pool->kernels->map_f64[kernel];
    map_job job = {.f64 = entry, .in = in, .out = out};
    atomic_init(&job.bad_index, SIZE_MAX);
    return finish(&job, jk_ops_run(pool, map_f64_range, &job, n, entry->grain, entry->cheap, flags), bad_index);
}
