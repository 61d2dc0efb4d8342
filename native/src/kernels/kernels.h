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

/* Lane shuffles of GCC vectors with constant indices, as in GCC's __builtin_shuffle: JK_SHUFFLE2 picks
 * lanes of a and b (index N and up is lane index - N of b), JK_SHUFFLE1 lanes of a; mask_type is the
 * integer vector type of the mask (same lane count and width). The shipped library is built by GCC; clang,
 * which has __builtin_shufflevector instead, builds the fuzzing targets (native/fuzz). */
#if defined(__clang__)
#define JK_SHUFFLE2(mask_type, a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#define JK_SHUFFLE1(mask_type, a, ...) __builtin_shufflevector(a, a, __VA_ARGS__)
#else
#define JK_SHUFFLE2(mask_type, a, b, ...) __builtin_shuffle(a, b, (mask_type){__VA_ARGS__})
#define JK_SHUFFLE1(mask_type, a, ...) __builtin_shuffle(a, (mask_type){__VA_ARGS__})
#endif

#endif
