/* SPDX-License-Identifier: Apache-2.0 */
/* CPU detection. Which kernel runs on which path is each operation's business
 * (ops/ops.h: JK_KERNEL); this only says what the CPU supports. */
#ifndef JKERNELS_DISPATCH_H
#define JKERNELS_DISPATCH_H

#include "jkernels/jk_common.h"

/* Parses "ref" | "avx2" | "avx512"; JK_ISA_BEST for NULL or anything else. */
jk_isa jk_isa_parse(const char *name);

#endif
