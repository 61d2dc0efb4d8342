/* Reference kernels: portable C, the definition every ISA path must match bit
 * for bit. Compiled for baseline x86-64 with -ffp-contract=off. */
#include "../kernel_table.h"

/* The seed's fib, naive on purpose: it exists to burn CPU evenly. */
static int64_t fib(int64_t n) { return n <= 2 ? 1 : fib(n - 1) + fib(n - 2); }

#define FIB_MAX 92 /* fib(93) overflows int64 */

static jk_status fib_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    for (size_t i = 0; i < n; i++) {
        if (in[i] < 0 || in[i] > FIB_MAX) {
            *bad = i;
            return JK_ERR_DOMAIN;
        }
        out[i] = fib(in[i]);
    }
    return JK_OK;
}

static jk_status square_i64(const int64_t *in, int64_t *out, size_t n, size_t *bad) {
    (void)bad;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = (uint64_t)in[i]; /* unsigned: wraps like Java instead of UB */
        out[i] = (int64_t)(v * v);
    }
    return JK_OK;
}

static jk_status square_f64(const double *in, double *out, size_t n, size_t *bad) {
    (void)bad;
    for (size_t i = 0; i < n; i++) out[i] = in[i] * in[i];
    return JK_OK;
}

static double sum_block(const double *x, size_t n) {
    double lanes[JK_REDUCE_LANES] = {0};
    for (size_t i = 0; i < n; i++) lanes[i % JK_REDUCE_LANES] += x[i];
    return jk_combine_lanes(lanes);
}

static double dot_block(const double *x, const double *y, size_t n) {
    double lanes[JK_REDUCE_LANES] = {0};
    for (size_t i = 0; i < n; i++) lanes[i % JK_REDUCE_LANES] += x[i] * y[i];
    return jk_combine_lanes(lanes);
}

static void axpy(double a, const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] += a * x[i];
}

static void scale(double a, double *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] *= a;
}

/* The order of operations is the contract of jk_image.h; the Java twin
 * (JavaKernels.mandelbrotRows) repeats it expression for expression. */
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

static void mandelbrot_rows(const jk_mandelbrot *m, size_t row_begin, size_t row_end, int32_t *out) {
    double dx = (m->x_max - m->x_min) / m->width;
    double dy = (m->y_max - m->y_min) / m->height;
    for (size_t row = row_begin; row < row_end; row++) {
        double cy = m->y_min + (double)row * dy;
        int32_t *line = out + row * (size_t)m->width;
        for (int32_t col = 0; col < m->width; col++) line[col] = escape_count(m->x_min + col * dx, cy, m->max_iterations);
    }
}

/* Grains: fib items cost up to seconds, so one item per chunk lets workers
 * balance them; cheap element-wise items go in chunks of 16 Ki (128 KiB). */
#define CHEAP_GRAIN 16384

const jk_kernel_table jk_ref_kernels = {
    .map_i64 = {
        [JK_I64_FIB] = {fib_i64, 1, 0},
        [JK_I64_SQUARE] = {square_i64, CHEAP_GRAIN, 1},
    },
    .map_f64 = {
        [JK_F64_SQUARE] = {square_f64, CHEAP_GRAIN, 1},
    },
    .sum_block = sum_block,
    .dot_block = dot_block,
    .axpy = axpy,
    .scale = scale,
    .mandelbrot_rows = mandelbrot_rows,
};
