/* SPDX-License-Identifier: Apache-2.0 */
/* The random kernels (kernels/random.h) compiled for the avx2 path: same bits as every other path. */
#include "../random.h"

JK_RANDOM_KERNELS(avx2)
