/* SPDX-License-Identifier: Apache-2.0 */
/* Reference image kernels. */
#include "../image.h"

jk_mandelbrot_rows_shape jkk_ref_mandelbrot_rows;

/* The order of operations is the contract of jk_image.h; the Java twin
 * (ImageSpecs) repeats it expression for expression. */
static int32_t escape_count(double cx, double cy, int32_t max_iterations) {
    double x = 0.0, y = 0.0;
    int32_t i = 0;
    while (i < max_iterations && x * x + y * y <= 4.0) {
        double xt = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = xt;
        i++;
    }
    return i;
}

void jkk_ref_mandelbrot_rows(const jk_mandelbrot *m, size_t row_begin, size_t row_end, int32_t *out_rows) {
    double dx = (m->x_max - m->x_min) / m->width;
    double dy = (m->y_max - m->y_min) / m->height;
    for (size_t row = row_begin; row < row_end; row++) {
        double cy = m->y_min + (double)row * dy;
        int32_t *line = out_rows + (row - row_begin) * (size_t)m->width;
        for (int32_t col = 0; col < m->width; col++) line[col] = escape_count(m->x_min + col * dx, cy, m->max_iterations);
    }
}
