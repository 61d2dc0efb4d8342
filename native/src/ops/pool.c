/* SPDX-License-Identifier: Apache-2.0 */
/* The public pool: a runtime and an ISA path; versions and status names. */
#include <stdlib.h>
#include <string.h>

#include "ops.h"

_Static_assert(JK_MAX_THREADS == JK_RT_MAX_WORKERS, "the pool and the runtime agree on the worker limit");
_Static_assert((int)JK_ERR_CANCELLED == (int)JK_RT_CANCELLED && (int)JK_ERR_TIMEOUT == (int)JK_RT_TIMEOUT &&
                   (int)JK_ERR_STATE == (int)JK_RT_STOPPING && (int)JK_ERR_BUSY == (int)JK_RT_BUSY &&
                   (int)JK_ERR_THREAD == (int)JK_RT_THREAD && (int)JK_ERR_NOMEM == (int)JK_RT_NOMEM &&
                   (int)JK_ERR_ARGUMENT == (int)JK_RT_ARGUMENT && (int)JK_ERR_FORKED == (int)JK_RT_FORKED,
               "runtime statuses are jk_status values");

int jk_version(void) { return JK_VERSION_MAJOR * 10000 + JK_VERSION_MINOR * 100 + JK_VERSION_PATCH; }

const char *jk_version_string(void) { return JK_VERSION_STRING; }

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
    case JK_ERR_FORKED: return "forked";
    default: break;
    }
    return status >= JK_STATUS_USER_FIRST && status <= JK_STATUS_USER_LAST ? "user" : "unknown";
}

/* An environment variable holding a whole number in [min, max], else fallback. */
static long long env_number(const char *name, long long min, long long max, long long fallback) {
    const char *env = getenv(name);
    if (!env || !*env) return fallback;
    char *end;
    long long v = strtoll(env, &end, 10);
    return *end == '\0' && v >= min && v <= max ? v : fallback;
}

jk_status jk_pool_create_with(const jk_pool_options *o, jk_pool **out) {
    if (!o || !out) return JK_ERR_NULL;
    *out = NULL;
    if (o->size < sizeof *o) return JK_ERR_ARGUMENT;
    if (o->threads < 0 || o->threads > JK_MAX_THREADS || o->spin_ns < -1) return JK_ERR_ARGUMENT;
    if (o->isa < JK_ISA_BEST || o->isa >= JK_ISA_COUNT) return JK_ERR_ARGUMENT;
    jk_isa isa = o->isa == JK_ISA_BEST ? jk_isa_default() : o->isa;
    if (isa > jk_isa_supported()) return JK_ERR_UNSUPPORTED;
    int threads = o->threads ? o->threads : (int)env_number("JKERNELS_NUM_THREADS", 1, JK_MAX_THREADS, jk_available_cpus());
    int64_t spin = o->spin_ns >= 0 ? o->spin_ns : env_number("JKERNELS_SPIN", 0, 1000000, -1000) * 1000;

    jk_pool *pool = malloc(sizeof *pool);
    if (!pool) return JK_ERR_NOMEM;
    int status;
    pool->runtime = jk_runtime_start(threads, spin < 0 ? -1 : spin, &status);
    if (!pool->runtime) {
        free(pool);
        return (jk_status)status;
    }
    pool->isa = isa;
    *out = pool;
    return JK_OK;
}

jk_status jk_pool_create(int threads, jk_isa isa, jk_pool **out) {
    jk_pool_options o = JK_POOL_OPTIONS_INIT;
    o.threads = threads;
    o.isa = isa;
    return jk_pool_create_with(&o, out);
}

void jk_pool_destroy(jk_pool *pool) {
    if (!pool) return;
    jk_runtime_stop(pool->runtime);
    free(pool);
}

int jk_pool_threads(const jk_pool *pool) { return pool ? jk_runtime_threads(pool->runtime) : 0; }

jk_isa jk_pool_isa(const jk_pool *pool) { return pool ? pool->isa : JK_ISA_REF; }

int64_t jk_pool_spin_ns(const jk_pool *pool) { return pool ? jk_runtime_spin_ns(pool->runtime) : 0; }

jk_status jk_pool_resize(jk_pool *pool, int threads) {
    if (!pool) return JK_ERR_NULL;
    if (threads < 1 || threads > JK_MAX_THREADS) return JK_ERR_ARGUMENT;
    return (jk_status)jk_runtime_resize(pool->runtime, threads);
}

int jk_pool_cancel_all(jk_pool *pool) { return pool ? jk_runtime_cancel_all(pool->runtime) : 0; }

jk_status jk_pool_stats_get(jk_pool *pool, jk_pool_stats *stats, jk_worker_stats *workers, int cap, int *count) {
    if (!pool || !stats || !count || (!workers && cap > 0)) return JK_ERR_NULL;
    if (stats->size < sizeof *stats) return JK_ERR_ARGUMENT;
    if (cap < 0) cap = 0;
    if (cap > JK_MAX_THREADS) cap = JK_MAX_THREADS;
    /* The runtime fills its own layout; the public one has room to grow. */
    jk_rt_worker_stats *raw = cap ? malloc((size_t)cap * sizeof *raw) : NULL;
    if (cap && !raw) return JK_ERR_NOMEM;
    jk_rt_stats s;
    *count = jk_runtime_stats(pool->runtime, &s, raw, cap);
    for (int i = 0; i < *count; i++)
        workers[i] = (jk_worker_stats){raw[i].jobs, raw[i].chunks, raw[i].items, raw[i].busy_ns, {0}};
    free(raw);
    jk_pool_stats out = {stats->size, s.threads, s.active, s.queued, s.callers, s.pending, s.jobs_finished,
                         s.jobs_failed};
    memcpy(stats, &out, sizeof out); /* a newer caller's larger struct keeps its later fields */
    return JK_OK;
}
