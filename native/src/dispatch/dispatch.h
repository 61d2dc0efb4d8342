/* CPU detection and the per-ISA kernel tables. */
#ifndef JKERNELS_DISPATCH_H
#define JKERNELS_DISPATCH_H

#include "jkernels/jk_common.h"
#include "../kernels/kernel_table.h"

/* Parses "ref" | "avx2" | "avx512"; JK_ISA_BEST for NULL or anything else. */
jk_isa jk_isa_parse(const char *name);

/* The kernel table of an ISA path: the reference kernels, overridden by those
 * of each path up to this one. NULL for a path the CPU does not support. Built
 * once, never freed. */
const jk_kernel_table *jk_kernels_for(jk_isa isa);

#endif
