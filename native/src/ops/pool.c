/* The public pool: a runtime plus the kernel table of one ISA path. */
#include <stdlib.h>

#include "ops.h"

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

jk_status jk_ops_run(jk_pool *pool, jk_range_fn fn, void *ctx, size_t n, size_t grain, int cheap,
                     jk_call_flags flags) {
    if (cheap && n <= grain) return (jk_status)(n ? fn(ctx, 0, n) : JK_OK);
    return (jk_status)jk_runtime_run(pool->runtime, fn, ctx, n, grain, (flags & JK_CALL_IF_IDLE) != 0);
}
