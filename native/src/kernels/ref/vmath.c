/* SPDX-License-Identifier: Apache-2.0 */
/* The element-wise math kernels (kernels/vmath.h) compiled for the ref path: same bits as every other path. */
#include "../vmath.h"

JK_VMATH_KERNELS(ref)
