/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every kernel file shares. Kernels never allocate, never start threads
 * and never fail except through their status return; the op layer decides how
 * the work is split and which ISA variant runs.
 *
 * Naming: the variant of kernel <name> for path <isa> is jkk_<isa>_<name>
 * (hidden: the library does not export it). Each family header declares the
 * shapes (function types) of its kernels; a kernel file declares its functions
 * with them before defining them, so the op definition (which declares the same
 * names with the same shapes, see ops.h JK_KERNEL_VARIANTS) and the kernel agree,
 * checked by the compiler. Only the ISA folders get ISA flags; their code must
 * never run on a CPU without the ISA, which the op layer guarantees by never
 * resolving a variant above the pool's path.
 */
#ifndef JKERNELS_KERNELS_H
#define JKERNELS_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "jkernels/jk_common.h"

#endif
