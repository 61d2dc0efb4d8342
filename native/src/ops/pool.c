/* The public pool: a runtime plus the kernel table of one ISA path. */
#include <stdlib.h>

#include "ops.h"

_Static_assert(JK_MAX_THREADS == JK_RT_MAX_WORKERS, "the pool and the runtime agree on the worker limit");
_Static_assert((int)JK_ERR_CANCELLED == (int)JK_RT_CANCELLED && (int)JK_ERR_TIMEOUT == (int)JK_RT_TIMEOUT &&
                   (int)JK_ERR_STATE == (int)JK_RT_STOPPING && (int)JK_ERR_BUSY == (int)JK_RT_BUSY &&
                   (int)JK_ERR_THREAD == (int)JK_RT_THREAD && (int)JK_ERR_NOMEM == (int)JK_RT_NOMEM,
               "runtime statuses are jk_status values");

int jk_abi_version(void) { return JK_ABI_VERSION; }

const char *jk_status_name(jk_status status) {
    switch (status) {
    case JK_OK: return "ok";
    case JK_ERR_NULL: return "null";
    case JK_ERR_ARGUMENT: return "argument";
    case JK_ERR_DOMAIN: return "domain";
    case JK_ERR_NOMEM: return "nomem";
    case JK_ERR_STATE: return "state";
    case JK_ERR_UNSUPPORTED: return "unsupported";
    case JK_ERR_THREAD: return "thread";
    case JK_ERR_BUSY: return "busy";
    case JK_ERR_CANCELLED: return "cancelled";
    case JK_ERR_TIMEOUT: return "timeout";
    }
    return "unknown";
}

/* JKERNELS_NUM_THREADS when it holds a valid count, else the available CPUs. */
static int default_threads(void) {
    const char *env = getenv("JKERNELS_NUM_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= JK_MAX_THREADS) return (int)v;
    }
    return jk_available_cpus();
}

jk_status jk_pool_create(int threads, jk_isa isa, jk_pool **out) {
    if (!out) return JK_ERR_NULL;
    *out = NULL;
    if (threads < 0 || threads > JK_MAX_THREADS) return JK_ERR_ARGUMENT;
    if (isa < JK_ISA_BEST || isa >= JK_ISA_COUNT) return JK_ERR_ARGUMENT;
    if (isa == JK_ISA_BEST) isa = jk_isa_default();
    if (isa > jk_isa_supported()) return JK_ERR_UNSUPPORTED;

    jk_pool *pool = malloc(sizeof *pool);
    if (!pool) return JK_ERR_NOMEM;
    int status;
    pool->runtime = jk_runtime_start(threads ? threads : default_threads(), &status);
    if (!pool->runtime) {
        free(pool);
        return (jk_status)status;
    }
    pool->kernels = jk_kernels_for(isa);
    pool->isa = isa;
    *out = pool;
    return JK_OK;
}

void jk_pool_destroy(jk_pool *pool) {
    if (!pool) return;
    jk_runtime_stop(pool->runtime);
    free(pool);
}

int jk_pool_threads(const jk_pool *pool) { return pool ? jk_runtime_threads(pool->runtime) : 0; }

jk_isa jk_pool_isa(const jk_pool *pool) { return pool ? pool->isa : JK_ISA_REF; }

jk_status jk_pool_resize(jk_pool *pool, int threads) {
    if (!pool) return JK_ERR_NULL;
    if (threads < 1 || threads > JK_MAX_THREADS) return JK_ERR_ARGUMENT;
    return (jk_status)jk_runtime_resize(pool->runtime, threads);
}

int jk_pool_cancel_all(jk_pool *pool) { return pool ? jk_runtime_cancel_all(pool->runtime) : 0; }

jk_status jk_pool_stats_get(jk_pool *pool, jk_pool_stats *stats, jk_worker_stats *workers, int cap, int *count) {
    if (!pool || !stats || !count || (!workers && cap > 0)) return JK_ERR_NULL;
    jk_rt_stats s;
    _Static_assert(sizeof(jk_rt_worker_stats) == sizeof(jk_worker_stats), "same worker stats layout");
    *count = jk_runtime_stats(pool->runtime, &s, (jk_rt_worker_stats *)(void *)workers, cap < 0 ? 0 : cap);
    *stats = (jk_pool_stats){s.threads, s.active, s.queued, s.callers, s.pending, s.jobs_finished, s.jobs_failed};
    return JK_OK;
}
