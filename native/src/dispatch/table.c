/* Builds one kernel table per supported ISA path: the path below it, overridden
 * by what the path provides (the pattern of BLIS's per-config cntx init). This
 * file is baseline code; it reads the ISA tables as data and never calls into
 * an ISA folder, so nothing compiled for AVX runs on a CPU without it. */
#include "dispatch.h"

#include <pthread.h>

static jk_kernel_table tables[JK_ISA_COUNT];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

#define OVERRIDE(field) \
    if (o->field) t->field = o->field

static void override(jk_kernel_table *t, const jk_kernel_table *o) {
    for (int k = 0; k < JK_I64_KERNEL_COUNT; k++) OVERRIDE(map_i64[k].fn);
    for (int k = 0; k < JK_F64_KERNEL_COUNT; k++) OVERRIDE(map_f64[k].fn);
    OVERRIDE(sum_block);
    OVERRIDE(dot_block);
    OVERRIDE(axpy);
    OVERRIDE(scale);
    OVERRIDE(mandelbrot_rows);
}

static void init_tables(void) {
    static const jk_kernel_table *const overrides[JK_ISA_COUNT] = {
        [JK_ISA_AVX2] = &jk_avx2_kernels,
        [JK_ISA_AVX512] = &jk_avx512_kernels,
    };
    tables[JK_ISA_REF] = jk_ref_kernels;
    for (int isa = JK_ISA_REF + 1; isa <= (int)jk_isa_supported(); isa++) {
        tables[isa] = tables[isa - 1];
        override(&tables[isa], overrides[isa]);
    }
}

const jk_kernel_table *jk_kernels_for(jk_isa isa) {
    pthread_once(&tables_once, init_tables);
    if (isa < JK_ISA_REF || isa > jk_isa_supported()) return NULL;
    return &tables[isa];
}
