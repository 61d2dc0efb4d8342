/* Fills one kernel table per ISA path: reference kernels first, then each path
 * overrides what it implements (the pattern of BLIS's per-config cntx init). */
#include "dispatch.h"

#include <pthread.h>

static jk_kernel_table tables[JK_ISA_COUNT];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void init_tables(void) {
    jk_kernels_init_ref(&tables[JK_ISA_REF]);
    tables[JK_ISA_AVX2] = tables[JK_ISA_REF];
    jk_kernels_init_avx2(&tables[JK_ISA_AVX2]);
    tables[JK_ISA_AVX512] = tables[JK_ISA_AVX2];
    jk_kernels_init_avx512(&tables[JK_ISA_AVX512]);
}

const jk_kernel_table *jk_kernels_for(jk_isa isa) {
    pthread_once(&tables_once, init_tables);
    if (isa < JK_ISA_REF || isa >= JK_ISA_COUNT) return NULL;
    return &tables[isa];
}
