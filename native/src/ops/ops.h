/* The ops layer: the public jk_pool, and how each operation is cut into
 * chunks for the runtime. Knows no intrinsics (those live in kernels/). */
#ifndef JKERNELS_OPS_H
#define JKERNELS_OPS_H

#include "jkernels/jkernels.h"
#include "../runtime/runtime.h"
#include "../dispatch/dispatch.h"

struct jk_pool {
    jk_runtime *runtime;
    const jk_kernel_table *kernels;
    jk_isa isa;
};

/* Runs fn over [0, n) in chunks of `grain`. When the whole job is one chunk
 * and `cheap`, it runs on the calling thread: waking a worker would cost more
 * than the work. JK_CALL_IF_IDLE is honoured as jk_common.h describes. */
jk_status jk_ops_run(jk_pool *pool, jk_range_fn fn, void *ctx, size_t n, size_t grain, int cheap,
                     jk_call_flags flags);

#endif
