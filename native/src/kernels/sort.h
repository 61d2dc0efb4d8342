/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sorting kernels: an introsort whose partition and small-array sort are SIMD (the op layer, ops/sort.c,
 * removes NaNs and negative zeros first, splits big arrays over a team, and builds argsort on the int64 kit).
 *
 * One kit per ISA path and element type (f64, f32, i64, i32), all from one template (sort_kit.h):
 *   - partition: compare one vector with the pivot, then store the lanes that go left contiguously at the left
 *     write position and the others at the right one (a compress, or a permutation from a table), reading
 *     from whichever end has less free room so that no store overwrites unread keys (vqsort's scheme);
 *   - pivot: the median of a sample at pseudo-random positions (a fixed function of the length, so a run is
 *     reproducible), which keeps median-of-three killers and sorted inputs at random-input speed;
 *   - equal keys: when the pivot is the smallest key of the range, a second partition with <= takes every key
 *     equal to it out at once (they are in place), so few distinct values cost less, never more;
 *   - depth limit: beyond 2 log2(n) + 4 levels the range is heap-sorted (never quadratic);
 *   - small ranges (at most 8 or 16 vectors, what the registers hold): a bitonic network in registers on a
 *     copy padded with the largest key.
 * Keys are compared as their type: the float kits see no NaN and no -0.0 (the op's contract), so < is a total
 * order and equal keys are the same bits: the result is unique, whatever the path, pivots or thread count.
 */
#ifndef JKERNELS_KERNELS_SORT_H
#define JKERNELS_KERNELS_SORT_H

#include "kernels.h"

typedef struct jk_sort_kit {
    size_t size;  /* bytes per key */
    size_t small; /* ranges of at most this many keys go straight to the network */
    /* One quicksort step on a[0, n), n > small: afterwards every key of a[0, *lo) is below every key of
     * a[*hi, n), and the keys of a[*lo, *hi) (possibly none) are in their final places; both sides are
     * shorter than n. */
    void (*split)(void *a, size_t n, size_t *lo, size_t *hi);
    /* Sorts a[0, n) ascending. */
    void (*sort)(void *a, size_t n);
    /* 1 when a[0, n) is ascending already (non-decreasing), -1 when non-increasing, else 0; stops at the first
     * key that breaks both, so it costs next to nothing on unsorted input. */
    int (*monotone)(const void *a, size_t n);
    /* Floating-point kits: whether a[0, n) holds a NaN or a -0.0 (NULL for integer kits). */
    int (*has_special)(const void *a, size_t n);
} jk_sort_kit;

typedef const jk_sort_kit *jk_sort_kit_shape(void);

#endif
