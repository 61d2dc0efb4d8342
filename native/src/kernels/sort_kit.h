/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sort kit template (sort.h says what a kit does). Included once per ISA path and key type, after these:
 *   SK_T        the key type                               SK_V        its vector (the key itself on ref)
 *   SK_LANES    keys per vector (a power of two)           SK_MAXKEY   the largest key (pads the network)
 *   SK_REGS     vectors the network sorts at most (8 or 16: as many as the registers hold)
 *   SK_LOADU(p), SK_STOREU(p, v), SK_SET1(x)               unaligned load and store, broadcast
 *   SK_MIN(a, b), SK_MAX(a, b)                             lanewise
 *   SK_XOR(v, j)         lane l gets lane l ^ j of v (0 < j < SK_LANES)
 *   SK_SORT2(j, v, p)    lane l gets min(v, p) when (l & j) == 0, else max(v, p)
 *   SK_PART(a, v, pv, le, wl, wr)  stores v's lanes below the pivot vector pv (at most it, when le) at
 *               a + *wl on, the others ending at a + *wr, and advances *wl and *wr; it may write anywhere in
 *               [*wl, *wl + SK_LANES) and [*wr - SK_LANES, *wr), which the partition keeps free
 *   SK_ID       a prefix for this instance's static names  SK_KIT      the kit function's name
 *   SK_BITS     floating-point keys only: the signed integer type of their bits (gives has_special)
 * SK_BITS, SK_T, SK_V, SK_MAXKEY, SK_ID and SK_KIT are undefined at the end; the lane count and the operations stay
 * defined for the next instance, which may #undef and redefine them.
 *
 * Invariants of the partition loop (sk_partition): keys in [wl, rl) and [rr, wr) have been read, so those
 * slots are free; the 2 * SK_UNROLL vectors read first are held in registers, so the free slots number
 * 2 * SK_UNROLL * SK_LANES between steps; reading the next SK_UNROLL vectors from the end with less free
 * room leaves at least that many keys free on each side before they are stored. The network sorts whole vectors; its flip formulation (compare i with
 * i ^ (k - 1), then half-cleaners) keeps every exchange ascending, so no direction masks are needed.
 */
#include <string.h>

#define SK_CAT2(a, b) a##_##b
#define SK_CAT(a, b) SK_CAT2(a, b)
#define SK_FN(name) SK_CAT(SK_ID, name)
#define SK_BASE (SK_REGS * SK_LANES)
#define SK_UNROLL (SK_REGS / 2) /* vectors per partition step (one guess of the side for all): 2 * SK_UNROLL vectors <= SK_BASE */
#ifndef SK_SAMPLE_MOST
#define SK_SAMPLE_MOST 64
#define SK_SAMPLE_BIG 65536
#define SK_SAMPLE_MID 2048
#endif

/* The network, written so that every register index is a constant (the compiler then keeps r[] in
 * registers; loops over it, even unrolled, left it in memory). Steps on r[0, regs), regs a constant:
 *   in-register, distance j < SK_LANES: each lane meets lane l ^ j of its own register;
 *   flip of blocks of k keys: lane l of register q meets lane l ^ (k - 1) (k <= SK_LANES) or, for bigger
 *   blocks of b = k / SK_LANES registers, the reversed register q ^ (b - 1);
 *   half-cleaner across registers at distance d: register q meets q + d.
 * Each "if" below is decided at compile time. */
#define SK_EACH16(M, x) M(0, x) M(1, x) M(2, x) M(3, x) M(4, x) M(5, x) M(6, x) M(7, x) M(8, x) M(9, x) \
    M(10, x) M(11, x) M(12, x) M(13, x) M(14, x) M(15, x)
#define SK_IN_REG(q, jm)                                                         \
    if ((q) < regs) {                                                            \
        SK_V p_ = SK_XOR(r[q], (jm) & (SK_LANES - 1));                           \
        r[q] = SK_SORT2(((jm) + 1) / 2, r[q], p_);                               \
    }
#define SK_CROSS(q, d)                                                           \
    if ((d) > 0 && (q) + (d) < regs && !((q) & (d))) {                           \
        SK_V x_ = r[q], y_ = r[((q) + (d)) & 15];                                \
        r[q] = SK_MIN(x_, y_);                                                   \
        r[((q) + (d)) & 15] = SK_MAX(x_, y_);                                    \
    }
#define SK_FLIP_REGS(q, b)                                                       \
    if ((b) > 1 && (q) < regs && !((q) & ((b) / 2))) {                           \
        SK_V x_ = r[q], y_ = SK_XOR(r[((q) ^ ((b) - 1)) & 15], SK_LANES - 1);    \
        r[q] = SK_MIN(x_, y_);                                                   \
        r[((q) ^ ((b) - 1)) & 15] = SK_XOR(SK_MAX(x_, y_), SK_LANES - 1);        \
    }
/* Half-cleaner at distance j; flip of blocks of k. In-register steps pass j's "mask" j * 2 - 1 so that the
 * in-register macro serves both (lane l meets l ^ j for a half-cleaner, l ^ (k - 1) for a flip). */
#define SK_HALF(j)                                                               \
    if ((j) < SK_LANES) {                                                        \
        SK_EACH16(SK_IN_REG_HALF, j)                                             \
    } else {                                                                     \
        SK_EACH16(SK_CROSS, (j) / SK_LANES)                                      \
    }
#define SK_FLIP(k)                                                               \
    if ((k) <= SK_LANES) {                                                       \
        SK_EACH16(SK_IN_REG, (k) - 1)                                            \
    } else {                                                                     \
        SK_EACH16(SK_FLIP_REGS, (k) / SK_LANES)                                  \
    }
#define SK_IN_REG_HALF(q, j)                                                     \
    if ((q) < regs) {                                                            \
        SK_V p_ = SK_XOR(r[q], (j) & (SK_LANES - 1));                            \
        r[q] = SK_SORT2((j) & (SK_LANES - 1), r[q], p_);                         \
    }
#define SK_STAGE(k, ...)                                                         \
    if ((k) <= regs * SK_LANES) {                                                \
        SK_FLIP(k)                                                               \
        __VA_ARGS__                                                              \
    }

#define SK_NETWORK_OF(regs_)                                                                      \
    static void SK_FN(network_##regs_)(SK_T * buf) {                                             \
        enum { regs = regs_ };                                                                    \
        SK_V r[16];                                                                               \
        _Pragma("GCC unroll 16") for (int q = 0; q < regs; q++) r[q] = SK_LOADU(buf + q * SK_LANES); \
        SK_STAGE(2, )                                                                             \
        SK_STAGE(4, SK_HALF(1))                                                                   \
        SK_STAGE(8, SK_HALF(2) SK_HALF(1))                                                        \
        SK_STAGE(16, SK_HALF(4) SK_HALF(2) SK_HALF(1))                                            \
        SK_STAGE(32, SK_HALF(8) SK_HALF(4) SK_HALF(2) SK_HALF(1))                                 \
        SK_STAGE(64, SK_HALF(16) SK_HALF(8) SK_HALF(4) SK_HALF(2) SK_HALF(1))                     \
        SK_STAGE(128, SK_HALF(32) SK_HALF(16) SK_HALF(8) SK_HALF(4) SK_HALF(2) SK_HALF(1))        \
        SK_STAGE(256, SK_HALF(64) SK_HALF(32) SK_HALF(16) SK_HALF(8) SK_HALF(4) SK_HALF(2) SK_HALF(1)) \
        _Pragma("GCC unroll 16") for (int q = 0; q < regs; q++) SK_STOREU(buf + q * SK_LANES, r[q]); \
    }
SK_NETWORK_OF(1)
SK_NETWORK_OF(2)
SK_NETWORK_OF(4)
SK_NETWORK_OF(8)
#if SK_REGS == 16
SK_NETWORK_OF(16)
#endif
#undef SK_NETWORK_OF

/* a[0, n), n <= SK_BASE: the network of the fewest vectors that hold n keys, on a padded copy. */
static void SK_FN(small)(SK_T *a, size_t n) {
    if (n < 2) return;
    SK_T buf[SK_BASE];
    memcpy(buf, a, n * sizeof(SK_T));
    size_t regs = 1;
    while (regs * SK_LANES < n) regs *= 2;
    for (size_t i = n; i < regs * SK_LANES; i++) buf[i] = SK_MAXKEY;
    switch (regs) {
    case 1: SK_FN(network_1)(buf); break;
    case 2: SK_FN(network_2)(buf); break;
    case 4: SK_FN(network_4)(buf); break;
    case 8: SK_FN(network_8)(buf); break;
#if SK_REGS == 16
    case 16: SK_FN(network_16)(buf); break;
#endif
    default: break;
    }
    memcpy(a, buf, n * sizeof(SK_T));
}

/* Moves the keys of a[0, n) below the pivot (at most it, when le) to the front; returns how many.
 * n >= 2 * SK_UNROLL vectors. Inlined with a constant le, so each of its two uses gets its own loop. */
static inline __attribute__((always_inline)) size_t SK_FN(partition)(SK_T *a, size_t n, SK_T pivot, int le) {
    enum { STEP = SK_UNROLL * SK_LANES };
    SK_V pv = SK_SET1(pivot), held[2 * SK_UNROLL];
    for (int u = 0; u < SK_UNROLL; u++) {
        held[u] = SK_LOADU(a + u * SK_LANES);
        held[SK_UNROLL + u] = SK_LOADU(a + n - STEP + u * SK_LANES);
    }
    size_t rl = STEP, rr = n - STEP, wl = 0, wr = n;
    while (rr - rl >= STEP) {
        int take_left = rl - wl <= wr - rr; /* the end with less free room gets more; no branch to mispredict */
        const SK_T *from = a + (take_left ? rl : rr - STEP);
        rl += take_left ? STEP : 0;
        rr -= take_left ? 0 : STEP;
        SK_V v[SK_UNROLL];
        for (int u = 0; u < SK_UNROLL; u++) v[u] = SK_LOADU(from + u * SK_LANES);
        for (int u = 0; u < SK_UNROLL; u++) SK_PART(a, v[u], pv, le, &wl, &wr);
    }
    /* The rest: fewer than STEP keys unread, and the held vectors. Copied out, [wl, wr) is all free room, and
     * a vector step stays safe while that room is at least two vectors (its two stores then cannot meet). */
    SK_T rest[3 * STEP];
    size_t count = 2 * STEP + (rr - rl);
    for (int u = 0; u < 2 * SK_UNROLL; u++) SK_STOREU(rest + u * SK_LANES, held[u]);
    memcpy(rest + 2 * STEP, a + rl, (rr - rl) * sizeof(SK_T));
    size_t i = 0;
    for (; count - i >= 2 * SK_LANES; i += SK_LANES) SK_PART(a, SK_LOADU(rest + i), pv, le, &wl, &wr);
    for (; i < count; i++) {
        SK_T x = rest[i];
        int left = le ? x <= pivot : x < pivot;
        a[wl] = x;
        a[wr - 1] = x;
        wl += (size_t)left;
        wr -= (size_t)!left;
    }
    return wl;
}

/* The median of a sample of a[0, n), one key from each of `count` equal stretches at a position drawn by a
 * generator seeded with n (splitmix64): reproducible, and no input pattern lines up with it. Bigger ranges
 * get bigger samples (a better split saves a pass over more keys); a cheap pivot matters for the many small
 * ranges. */
static SK_T SK_FN(pivot)(const SK_T *a, size_t n) {
    enum { MOST = SK_BASE < SK_SAMPLE_MOST ? SK_BASE : SK_SAMPLE_MOST, FEW = SK_BASE < 8 ? SK_BASE : 8 };
    SK_T s[MOST];
    size_t count = n > SK_SAMPLE_BIG ? MOST : n > SK_SAMPLE_MID && MOST >= 16 ? 16 : FEW;
    uint64_t state = (uint64_t)n * 0x9E3779B97F4A7C15u, stretch = n / count;
    for (size_t i = 0; i < count; i++) {
        uint64_t z = (state += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        z ^= z >> 31;
        s[i] = a[i * stretch + (size_t)(((z >> 32) * stretch) >> 32)]; /* z's high half scaled to [0, stretch) */
    }
    SK_FN(small)(s, count);
    return s[count / 2];
}

static void SK_FN(split)(void *keys, size_t n, size_t *lo, size_t *hi) {
    SK_T *a = keys, p = SK_FN(pivot)(a, n);
    size_t below = SK_FN(partition)(a, n, p, 0);
    if (below) {
        *lo = *hi = below;
    } else { /* p is the smallest key: every key equal to it goes in front, in place */
        *lo = 0;
        *hi = SK_FN(partition)(a, n, p, 1);
    }
}

static void SK_FN(sift)(SK_T *a, size_t root, size_t n) {
    SK_T x = a[root];
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && a[child] < a[child + 1]) child++;
        if (!(x < a[child])) break;
        a[root] = a[child];
    }
    a[root] = x;
}

static void SK_FN(heapsort)(SK_T *a, size_t n) {
    for (size_t i = n / 2; i-- > 0;) SK_FN(sift)(a, i, n);
    for (size_t end = n; end-- > 1;) {
        SK_T top = a[0];
        a[0] = a[end];
        a[end] = top;
        SK_FN(sift)(a, 0, end);
    }
}

static void SK_FN(introsort)(SK_T *a, size_t n, int depth) {
    while (n > SK_BASE) {
        if (depth-- == 0) {
            SK_FN(heapsort)(a, n);
            return;
        }
        size_t lo, hi;
        SK_FN(split)(a, n, &lo, &hi);
        if (lo < n - hi) { /* recurse into the shorter side: the stack stays O(log n) deep */
            SK_FN(introsort)(a, lo, depth);
            a += hi;
            n -= hi;
        } else {
            SK_FN(introsort)(a + hi, n - hi, depth);
            n = lo;
        }
    }
    SK_FN(small)(a, n);
}

static void SK_FN(sort)(void *keys, size_t n) {
    int depth = 4;
    for (size_t m = n; m > 1; m >>= 1) depth += 2;
    SK_FN(introsort)(keys, n, depth);
}

static int SK_FN(monotone)(const void *keys, size_t n) {
    const SK_T *a = keys;
    size_t up = 1, down = 1;
    while (up < n && !(a[up] < a[up - 1])) up++;
    if (up >= n) return 1;
    while (down < n && !(a[down - 1] < a[down])) down++;
    return down >= n ? -1 : 0;
}

#ifdef SK_BITS
/* Branch-free over the bits, so the compiler vectorizes it with the path's instructions: a NaN's magnitude
 * bits exceed the infinity's, and -0.0 is the sign bit alone. */
static int SK_FN(has_special)(const void *keys, size_t n) {
    enum { BITS = 8 * sizeof(SK_BITS) };
    const SK_BITS sign = (SK_BITS)((uint64_t)1 << (BITS - 1)), magnitude = (SK_BITS)~sign;
    const SK_BITS infinity = BITS == 64 ? (SK_BITS)0x7FF0000000000000 : (SK_BITS)0x7F800000;
    SK_BITS any = 0;
    for (size_t i = 0; i < n; i++) {
        SK_BITS x;
        memcpy(&x, (const char *)keys + i * sizeof x, sizeof x);
        any |= (SK_BITS)((x & magnitude) > infinity) | (SK_BITS)(x == sign);
    }
    return any != 0;
}
#define SK_HAS_SPECIAL SK_FN(has_special)
#else
#define SK_HAS_SPECIAL NULL
#endif

const jk_sort_kit *SK_KIT(void) {
    static const jk_sort_kit kit = {.size = sizeof(SK_T), .small = SK_BASE, .split = SK_FN(split),
                                    .sort = SK_FN(sort), .monotone = SK_FN(monotone),
                                    .has_special = SK_HAS_SPECIAL};
    return &kit;
}
#undef SK_HAS_SPECIAL
#undef SK_BITS

#undef SK_CAT2
#undef SK_CAT
#undef SK_FN
#undef SK_BASE
#undef SK_UNROLL
#undef SK_T
#undef SK_V
#undef SK_MAXKEY
#undef SK_EACH16
#undef SK_IN_REG
#undef SK_IN_REG_HALF
#undef SK_CROSS
#undef SK_FLIP_REGS
#undef SK_HALF
#undef SK_FLIP
#undef SK_STAGE
#undef SK_ID
#undef SK_KIT
