/* SPDX-License-Identifier: Apache-2.0 */
/* A tiny assertion helper for the C tests: count failures, report, exit code. */
#ifndef JK_TEST_CHECK_H
#define JK_TEST_CHECK_H
#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        check_count++;                                                     \
        if (!(cond)) {                                                     \
            check_failures++;                                              \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

static inline int check_report(const char *suite) {
    printf("%s: %d checks, %d failed\n", suite, check_count, check_failures);
    return check_failures ? 1 : 0;
}

/* xorshift64*: reproducible inputs without libc's rand state. */
static unsigned long long test_rng = 0x9E3779B97F4A7C15ull;
static inline unsigned long long next_random(void) {
    test_rng ^= test_rng >> 12;
    test_rng ^= test_rng << 25;
    test_rng ^= test_rng >> 27;
    return test_rng * 2685821657736338717ull;
}
static inline double random_double(void) { return (double)(next_random() >> 11) / 9007199254740992.0 * 2.0 - 1.0; }

/* Same bits, except that any two NaNs match: which NaN an invalid operation yields (sign,
 * payload) depends on operand order the compiler may swap, so the contract excludes it. */
static inline int same_bits(double a, double b) { return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0; }

#endif
