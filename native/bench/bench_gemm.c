/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Native benchmark of gemm_f64 / gemm_f32 without JNI (no copies, no JVM): C = A B, column-major, alpha 1,
 * beta 0, on the shapes (square 512, 1024, 2048; 2048x2048x64, 64x2048x2048, 4096x256x4096; small
 * 4 ... 32), on every ISA path the CPU has, at 1 thread and at N (the CPUs the process may use). Each figure
 * is the median GFLOP/s over rounds (a round: one call, or for small shapes as many calls as fill 20 ms),
 * with the min-max of the rounds, after one warm-up round. bench/scripts/gemm_numpy.py measures numpy's
 * OpenBLAS on the same shapes for comparison.
 * Usage: bench_gemm [rounds] [isa]   (default 5 rounds, every path). Not a test: it measures.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jkernels/jkernels.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const int shapes[][3] = {{512, 512, 512},    {1024, 1024, 1024}, {2048, 2048, 2048}, {2048, 2048, 64},
                                {64, 2048, 2048},   {4096, 4096, 256},  {4, 4, 4},          {8, 8, 8},
                                {16, 16, 16},       {32, 32, 32}}; /* m, n, k */

/* One measured shape: the median and range of GFLOP/s over rounds. */
static void measure(jk_pool *pool, const jk_op_def *op, int f32, int m, int n, int k, int rounds) {
    size_t es = f32 ? 4 : 8;
    void *a = malloc((size_t)m * k * es), *b = malloc((size_t)k * n * es), *c = calloc((size_t)m * n, es);
    for (size_t i = 0; i < (size_t)m * k; i++) f32 ? (void)(((float *)a)[i] = (float)(i % 7) * 0.25f) : (void)(((double *)a)[i] = (double)(i % 7) * 0.25);
    for (size_t i = 0; i < (size_t)k * n; i++) f32 ? (void)(((float *)b)[i] = (float)(i % 5) * 0.5f) : (void)(((double *)b)[i] = (double)(i % 5) * 0.5);
    jk_args args = {.size = sizeof args,
                    .slot = {{a, (size_t)m * k}, {b, (size_t)k * n}, {c, (size_t)m * n}},
                    .i = {0, 0, m, n, k, m, k, m},
                    .d = {1, 0}};
    double flops = 2.0 * m * n * k, t0 = now_s();
    jk_call(pool, op, &args, NULL, NULL, 0);
    int calls = (int)(0.02 / (now_s() - t0 + 1e-9)) + 1;
    double *g = malloc(rounds * sizeof *g);
    for (int r = 0; r < rounds; r++) {
        t0 = now_s();
        for (int i = 0; i < calls; i++) jk_call(pool, op, &args, NULL, NULL, 0);
        g[r] = flops * calls / (now_s() - t0) / 1e9;
    }
    qsort(g, rounds, sizeof *g, cmp_double);
    printf("  %s %5d x %5d x %5d  %7.1f GFLOP/s  [%.1f, %.1f]\n", f32 ? "sgemm" : "dgemm", m, n, k, g[rounds / 2], g[0],
           g[rounds - 1]);
    fflush(stdout);
    free(g), free(a), free(b), free(c);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5, only = argc > 2 ? atoi(argv[2]) : -1;
    cpu_set_t set;
    int cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    for (int isa = JK_ISA_REF; isa <= (int)jk_isa_supported(); isa++) {
        if (only >= 0 && isa != only) continue;
        for (int threads = 1; threads <= cpus; threads = threads == cpus ? cpus + 1 : cpus) {
            jk_pool *pool;
            if (jk_pool_create(threads, (jk_isa)isa, &pool) != JK_OK) continue;
            printf("isa %s, %d thread(s):\n", isa == JK_ISA_REF ? "ref" : isa == JK_ISA_AVX2 ? "avx2" : "avx512", threads);
            for (int f32 = 0; f32 <= 1; f32++)
                for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
                    measure(pool, jk_op_find(f32 ? "gemm_f32" : "gemm_f64"), f32, shapes[s][0], shapes[s][1],
                            shapes[s][2], rounds);
            jk_pool_destroy(pool);
        }
    }
    return 0;
}
