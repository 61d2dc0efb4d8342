/* Every kernel on every ISA path this CPU supports, against the reference
 * kernels bit for bit, including tails and special values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dispatch/dispatch.h"

#define MAX_N 4200

static double xs[MAX_N], ys[MAX_N], out_ref[MAX_N], out_isa[MAX_N];
static int64_t ls[MAX_N], lout_ref[MAX_N], lout_isa[MAX_N];

static void fill_inputs(int specials) {
    for (int i = 0; i < MAX_N; i++) {
        xs[i] = random_double() * 1e3;
        ys[i] = random_double();
        ls[i] = (int64_t)next_random();
    }
    if (specials) {
        const double sp[] = {NAN, INFINITY, -INFINITY, -0.0, 0.0, 1e308, -1e308, 4.9e-324};
        for (int i = 0; i < MAX_N; i += 37) xs[i] = sp[(i / 37) % 8];
    }
}

static void compare_isa(jk_isa isa) {
    const jk_kernel_table *ref = jk_kernels_for(JK_ISA_REF), *t = jk_kernels_for(isa);
    const char *name = jk_isa_name(isa);
    static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 4095, 4096};
    size_t bad = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        ref->map_f64[JK_F64_SQUARE].fn(xs, out_ref, n, &bad);
        t->map_f64[JK_F64_SQUARE].fn(xs, out_isa, n, &bad);
        for (size_t i = 0; i < n; i++) CHECK(same_bits(out_ref[i], out_isa[i]), "%s square_f64 n=%zu i=%zu", name, n, i);

        ref->map_i64[JK_I64_SQUARE].fn(ls, lout_ref, n, &bad);
        t->map_i64[JK_I64_SQUARE].fn(ls, lout_isa, n, &bad);
        CHECK(memcmp(lout_ref, lout_isa, n * sizeof *ls) == 0, "%s square_i64 n=%zu", name, n);

        double r = ref->sum_block(xs, n), v = t->sum_block(xs, n);
        CHECK(same_bits(r, v), "%s sum n=%zu: %a vs %a", name, n, r, v);
        r = ref->dot_block(xs, ys, n), v = t->dot_block(xs, ys, n);
        CHECK(same_bits(r, v), "%s dot n=%zu: %a vs %a", name, n, r, v);

        memcpy(out_ref, ys, n * sizeof *ys);
        memcpy(out_isa, ys, n * sizeof *ys);
        ref->axpy(-2.5, xs, out_ref, n);
        t->axpy(-2.5, xs, out_isa, n);
        for (size_t i = 0; i < n; i++) CHECK(same_bits(out_ref[i], out_isa[i]), "%s axpy n=%zu i=%zu", name, n, i);

        memcpy(out_ref, xs, n * sizeof *xs);
        memcpy(out_isa, xs, n * sizeof *xs);
        ref->scale(0.1, out_ref, n);
        t->scale(0.1, out_isa, n);
        for (size_t i = 0; i < n; i++) CHECK(same_bits(out_ref[i], out_isa[i]), "%s scale n=%zu i=%zu", name, n, i);
    }
}

static void test_reference_values(void) {
    const jk_kernel_table *ref = jk_kernels_for(JK_ISA_REF);
    int64_t in[] = {38, 37, 36, 35, 34, 33, 0, 1, 2, 3}, out[10];
    const int64_t expected[] = {39088169, 24157817, 14930352, 9227465, 5702887, 3524578, 1, 1, 1, 2};
    size_t bad = 99;
    CHECK(ref->map_i64[JK_I64_FIB].fn(in, out, 10, &bad) == JK_OK, "fib status");
    CHECK(memcmp(out, expected, sizeof out) == 0, "fib seed values");
    int64_t badin[] = {5, 93, -1};
    CHECK(ref->map_i64[JK_I64_FIB].fn(badin, out, 3, &bad) == JK_ERR_DOMAIN && bad == 1, "fib domain, bad=%zu", bad);

    int64_t big[] = {3037000500LL, INT64_MIN, -7};
    ref->map_i64[JK_I64_SQUARE].fn(big, out, 3, &bad);
    CHECK(out[0] == (int64_t)(3037000500ULL * 3037000500ULL), "square wraps");
    CHECK(out[1] == 0 && out[2] == 49, "square of INT64_MIN wraps to 0, -7 -> 49");

    double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(ref->sum_block(x, 10) == 55.0, "sum 1..10");
    CHECK(ref->dot_block(x, x, 10) == 385.0, "dot 1..10");
    double nz[] = {-0.0};
    double sq;
    ref->map_f64[JK_F64_SQUARE].fn(nz, &sq, 1, &bad);
    CHECK(same_bits(sq, 0.0), "(-0)^2 = +0");
}

int main(void) {
    test_reference_values();
    printf("supported ISA: %s\n", jk_isa_name(jk_isa_supported()));
    for (int isa = JK_ISA_AVX2; isa <= (int)jk_isa_supported(); isa++) {
        fill_inputs(0);
        compare_isa((jk_isa)isa);
        fill_inputs(1);
        compare_isa((jk_isa)isa);
        printf("checked path %s against ref\n", jk_isa_name((jk_isa)isa));
    }
    return check_report("kernels");
}
