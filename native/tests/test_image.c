/* SPDX-License-Identifier: Apache-2.0 */
/* Mandelbrot images through the public C API: every schedule, ISA path and
 * thread count gives the reference image of jk_image.h, computed here. */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jkernels/jkernels.h"

#define LONG_NS (30000 * 1000000LL)

/* jk_image.h's definition, written out independently of the kernels: c from
 * the pixel, then z = z^2 + c from z0 = 0 while |z|^2 <= 4 held before the
 * step, counting steps, at most max_iterations. No FMA (-ffp-contract=off). */
static int32_t reference_pixel(const jk_mandelbrot *m, int32_t col, int32_t row) {
    double dx = (m->x_max - m->x_min) / m->width;
    double dy = (m->y_max - m->y_min) / m->height;
    double cx = m->x_min + (double)col * dx;
    double cy = m->y_min + (double)row * dy;
    double zx = 0.0, zy = 0.0;
    int32_t count = 0;
    for (; count < m->max_iterations; count++) {
        if (zx * zx + zy * zy > 4.0) break;
        double next_x = zx * zx - zy * zy + cx;
        zy = 2.0 * zx * zy + cy;
        zx = next_x;
    }
    return count;
}

static int32_t *reference_image(const jk_mandelbrot *m) {
    int32_t *img = malloc((size_t)m->width * (size_t)m->height * sizeof *img);
    for (int32_t r = 0; r < m->height; r++)
        for (int32_t c = 0; c < m->width; c++) img[(size_t)r * (size_t)m->width + (size_t)c] = reference_pixel(m, c, r);
    return img;
}

/* Index of the first differing pixel, or -1. */
static long first_difference(const int32_t *a, const int32_t *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return (long)i;
    return -1;
}

static const jk_mandelbrot images[] = {
    {37, 23, -2.0, 1.0, -1.2, 1.2, 200, {0}},      /* the whole set, odd sizes */
    {64, 3, -0.75, -0.74, 0.1, 0.11, 500, {0}},    /* fewer rows than some thread counts */
    {1, 1, 3.0, 4.0, 0.0, 1.0, 10, {0}},            /* one pixel, escapes at once */
    {5, 9, 0.3, -0.3, 0.4, -0.4, 1, {0}},           /* reversed bounds, one iteration */
};

static void test_reference_values(void) {
    /* Hand-checked pixels: c = 3 escapes after the first step; c = 0 never does. */
    jk_mandelbrot out_of_set = {1, 1, 3.0, 4.0, 0.0, 1.0, 10, {0}}, origin = {1, 1, 0.0, 1.0, 0.0, 1.0, 10, {0}};
    CHECK(reference_pixel(&out_of_set, 0, 0) == 1, "c = 3: %d", reference_pixel(&out_of_set, 0, 0));
    CHECK(reference_pixel(&origin, 0, 0) == 10, "c = 0: %d", reference_pixel(&origin, 0, 0));
    /* c = -2 stays on the boundary (z: 0, -2, 2, 2, ...) */
    jk_mandelbrot minus_two = {1, 1, -2.0, 0.0, 0.0, 1.0, 50, {0}};
    CHECK(reference_pixel(&minus_two, 0, 0) == 50, "c = -2: %d", reference_pixel(&minus_two, 0, 0));
    jk_pool *pool;
    if (jk_pool_create(1, JK_ISA_BEST, &pool) != JK_OK) return;
    int32_t v = -1;
    CHECK(jk_mandelbrot_i32(pool, &out_of_set, &v, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_OK && v == 1,
          "library, c = 3: %d", v);
    CHECK(jk_mandelbrot_i32(pool, &origin, &v, JK_SCHEDULE_STATIC, JK_CALL_DEFAULT) == JK_OK && v == 10,
          "library, c = 0: %d", v);
    jk_pool_destroy(pool);
}

static void test_every_path(void) {
    for (size_t k = 0; k < sizeof images / sizeof *images; k++) {
        const jk_mandelbrot *m = &images[k];
        size_t n = (size_t)m->width * (size_t)m->height;
        int32_t *want = reference_image(m);
        int32_t *got = malloc(n * sizeof *got);
        for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++) {
            for (int threads = 1; threads <= 4; threads++) {
                jk_pool *pool;
                if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) {
                    CHECK(0, "create isa %d threads %d", isa, threads);
                    continue;
                }
                for (int schedule = JK_SCHEDULE_DYNAMIC; schedule <= JK_SCHEDULE_STATIC; schedule++) {
                    memset(got, 0xAB, n * sizeof *got);
                    jk_status st = jk_mandelbrot_i32(pool, m, got, (jk_schedule)schedule, JK_CALL_DEFAULT);
                    long d = first_difference(got, want, n);
                    CHECK(st == JK_OK && d < 0, "image %zu isa %d threads %d schedule %d: status %d, pixel %ld: %d vs %d",
                          k, isa, threads, schedule, st, d, d >= 0 ? got[d] : 0, d >= 0 ? want[d] : 0);

                    /* The async form, with notify. */
                    memset(got, 0xAB, n * sizeof *got);
                    jk_job *job = NULL, *handed = NULL;
                    int tag;
                    st = jk_mandelbrot_i32_submit(pool, m, got, (jk_schedule)schedule, JK_CALL_NOTIFY, &tag, &job);
                    CHECK(st == JK_OK, "submit: %d", st);
                    if (st != JK_OK) continue;
                    CHECK(jk_job_wait(job, LONG_NS) == JK_OK, "wait");
                    CHECK(jk_pool_next_finished(pool, LONG_NS, &handed) == JK_OK && handed == job, "notified");
                    d = first_difference(got, want, n);
                    CHECK(d < 0, "async image %zu isa %d threads %d schedule %d: pixel %ld", k, isa, threads, schedule, d);
                    size_t done, total;
                    jk_job_progress(job, &done, &total);
                    CHECK(done == n && total == n, "progress %zu/%zu of %zu pixels", done, total, n);
                    jk_value value = {1};
                    size_t bad = 0;
                    CHECK(jk_job_result(job, &value, &bad) == JK_OK && jk_job_user(job) == &tag, "result");
                    CHECK(jk_job_free(job) == JK_OK, "free");
                }
                jk_pool_destroy(pool);
            }
        }
        free(want);
        free(got);
    }
}

/* The STATIC schedule gives each worker one band: with as many rows as
 * workers, each worker runs one chunk. */
static void test_static_bands(void) {
    jk_pool *pool;
    if (jk_pool_create(3, JK_ISA_BEST, &pool) != JK_OK) return;
    jk_mandelbrot m = {16, 7, -2.0, 1.0, -1.0, 1.0, 50, {0}};
    int32_t out[16 * 7];
    jk_worker_stats before[3], after[3];
    jk_pool_stats s = {.size = sizeof s};
    int count;
    jk_pool_stats_get(pool, &s, before, 3, &count);
    CHECK(jk_mandelbrot_i32(pool, &m, out, JK_SCHEDULE_STATIC, JK_CALL_DEFAULT) == JK_OK, "static");
    jk_pool_stats_get(pool, &s, after, 3, &count);
    uint64_t chunks = 0, rows = 0;
    for (int i = 0; i < count; i++) {
        chunks += after[i].chunks - before[i].chunks;
        rows += after[i].items - before[i].items;
    }
    CHECK(chunks == 3 && rows == 7, "STATIC: %llu chunks for %llu rows (bands of 3, 3, 1)", (unsigned long long)chunks,
          (unsigned long long)rows);
    jk_pool_stats_get(pool, &s, before, 3, &count);
    CHECK(jk_mandelbrot_i32(pool, &m, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_OK, "dynamic");
    jk_pool_stats_get(pool, &s, after, 3, &count);
    chunks = 0;
    for (int i = 0; i < count; i++) chunks += after[i].chunks - before[i].chunks;
    CHECK(chunks == 7, "DYNAMIC: one chunk per row, %llu", (unsigned long long)chunks);
    jk_pool_destroy(pool);
}

static void test_arguments(void) {
    jk_pool *pool;
    if (jk_pool_create(2, JK_ISA_BEST, &pool) != JK_OK) return;
    int32_t out[64];
    jk_job *job = NULL;
    const jk_mandelbrot good = {4, 4, -2.0, 1.0, -1.0, 1.0, 10, {0}};
    jk_mandelbrot bad[] = {good, good, good, good, good, good, good, good, good, good, good};
    bad[0].width = 0;
    bad[1].height = 0;
    bad[2].width = -3;
    bad[3].max_iterations = 0;
    bad[4].max_iterations = -1;
    bad[5].x_min = NAN;
    bad[6].x_max = INFINITY;
    bad[7].y_min = -INFINITY;
    bad[8].y_max = NAN;
    bad[9].height = INT32_MIN;
    bad[10].x_min = -NAN;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(jk_mandelbrot_i32(pool, &bad[i], out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT,
              "bad image %zu", i);
        CHECK(jk_mandelbrot_i32_submit(pool, &bad[i], out, JK_SCHEDULE_STATIC, JK_CALL_DEFAULT, NULL, &job) ==
                  JK_ERR_ARGUMENT,
              "bad image %zu, submit", i);
    }
    CHECK(jk_mandelbrot_i32(pool, &good, out, (jk_schedule)2, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "schedule 2");
    CHECK(jk_mandelbrot_i32(pool, &good, out, (jk_schedule)-1, JK_CALL_DEFAULT) == JK_ERR_ARGUMENT, "schedule -1");
    CHECK(jk_mandelbrot_i32_submit(pool, &good, out, (jk_schedule)7, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_ARGUMENT,
          "schedule 7, submit");
    CHECK(jk_mandelbrot_i32(NULL, &good, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL pool");
    CHECK(jk_mandelbrot_i32(pool, NULL, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL image");
    CHECK(jk_mandelbrot_i32(pool, &good, NULL, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_ERR_NULL, "NULL out");
    CHECK(jk_mandelbrot_i32_submit(pool, &good, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT, NULL, NULL) == JK_ERR_NULL,
          "NULL job");
    CHECK(jk_mandelbrot_i32_submit(NULL, &good, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL,
          "NULL pool, submit");
    CHECK(jk_mandelbrot_i32_submit(pool, NULL, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT, NULL, &job) == JK_ERR_NULL,
          "NULL image, submit");
    /* A failed call writes nothing. */
    for (int i = 0; i < 64; i++) out[i] = -5;
    jk_mandelbrot_i32(pool, &bad[5], out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT);
    int untouched = 1;
    for (int i = 0; i < 64; i++) untouched &= out[i] == -5;
    CHECK(untouched, "nothing written on an argument error");
    /* The image is copied at submission: the caller's struct may change after. */
    jk_mandelbrot m = good;
    int32_t want[16];
    CHECK(jk_mandelbrot_i32(pool, &m, want, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT) == JK_OK, "sync");
    CHECK(jk_mandelbrot_i32_submit(pool, &m, out, JK_SCHEDULE_DYNAMIC, JK_CALL_DEFAULT, NULL, &job) == JK_OK, "submit");
    m.width = 0, m.x_min = NAN;
    CHECK(jk_job_wait(job, LONG_NS) == JK_OK && memcmp(out, want, sizeof want) == 0, "copied at submission");
    jk_job_free(job);
    jk_pool_destroy(pool);
}

int main(void) {
    test_reference_values();
    test_every_path();
    test_static_bands();
    test_arguments();
    return check_report("image");
}
