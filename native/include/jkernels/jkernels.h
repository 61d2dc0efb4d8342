/* SPDX-License-Identifier: Apache-2.0 */
/* jkernels public C ABI: everything. */
#ifndef JKERNELS_JKERNELS_H
#define JKERNELS_JKERNELS_H
#include "jk_common.h"
#include "jk_pool.h"
#include "jk_job.h"
#include "jk_op.h"
#include "jk_map.h"
#include "jk_vector.h"
#include "jk_image.h"
#include "jk_random.h"
#include "jk_math.h"
#endif
