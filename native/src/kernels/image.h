/* SPDX-License-Identifier: Apache-2.0 */
/* Shapes of the image kernels. */
#ifndef JKERNELS_KERNELS_IMAGE_H
#define JKERNELS_KERNELS_IMAGE_H

#include "kernels.h"
#include "jkernels/jk_image.h"

/* Rows [row_begin, row_end) of the image, row r written to out_rows + (r - row_begin) * width. */
typedef void jk_mandelbrot_rows_shape(const jk_mandelbrot *m, size_t row_begin, size_t row_end, int32_t *out_rows);

#endif
