/* SPDX-License-Identifier: Apache-2.0 */
/* Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11): a
 * counter-based generator, each block of four 32-bit words a pure function of a 128-bit counter and a
 * 64-bit key, so any thread computes any part of the stream. jkernels' stream for a seed: key = (low and
 * high 32 bits of the seed), block j's counter = (low and high 32 bits of j, 0, 0), the words following
 * block by block, w0 w1 w2 w3; 32-bit value i is word i, 64-bit value i is word 2i | word 2i+1 << 32, and
 * the uniform values come from those (jk_random.h). The fill kernels write values straight from the
 * generator's registers: a group of blocks at a time as GCC vectors (one block per lane), transposed into
 * the stream's order, the rest block by block with the scalar form, which defines the stream. The normal
 * values (Box-Muller, below) are made by vector groups only, with vmath.h's log, sqrt, sine and cosine. */
#ifndef JKERNELS_KERNELS_RANDOM_H
#define JKERNELS_KERNELS_RANDOM_H

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#include "kernels.h"
#include "vmath.h"

/* Values [first, first + n) of the stream of `seed`, of the kernel's type, into out[0, n). */
typedef void jk_random_fill_shape(uint64_t seed, uint64_t first, size_t n, void *out);

#define JK_PHILOX_M0 0xD2511F53u
#define JK_PHILOX_M1 0xCD9E8D57u
#define JK_PHILOX_W0 0x9E3779B9u /* the key's bump between rounds: the golden ratio and sqrt(3) - 1 */
#define JK_PHILOX_W1 0xBB67AE85u
#define JK_PHILOX_ROUNDS 10

/* One counter through the ten rounds: each round multiplies words 0 and 2 by the constants, and the new
 * words are (hi(M1 x2) ^ x1 ^ k0, lo(M1 x2), hi(M0 x0) ^ x3 ^ k1, lo(M0 x0)); the key is bumped after
 * every round (the last bump is never used). Random123's known-answer vectors hold it (test_kernels.c). */
static inline void jk_philox_block(uint32_t x[4], uint32_t k0, uint32_t k1) {
    for (int r = 0; r < JK_PHILOX_ROUNDS; r++) {
        uint64_t p0 = (uint64_t)JK_PHILOX_M0 * x[0], p1 = (uint64_t)JK_PHILOX_M1 * x[2];
        uint32_t y0 = (uint32_t)(p1 >> 32) ^ x[1] ^ k0, y2 = (uint32_t)(p0 >> 32) ^ x[3] ^ k1;
        x[0] = y0;
        x[1] = (uint32_t)p1;
        x[2] = y2;
        x[3] = (uint32_t)p0;
        k0 += JK_PHILOX_W0;
        k1 += JK_PHILOX_W1;
    }
}

/* Block j of the stream of `seed`. */
static inline void jk_philox_stream_block(uint64_t seed, uint64_t j, uint32_t w[4]) {
    w[0] = (uint32_t)j;
    w[1] = (uint32_t)(j >> 32);
    w[2] = w[3] = 0;
    jk_philox_block(w, (uint32_t)seed, (uint32_t)(seed >> 32));
}

/* Blocks per vector group: one block per 32-bit lane of the path's widest register (16 on AVX-512, 8 on
 * AVX2, 4 on the SSE2 baseline), so no generic vector is wider than the path's registers. */
#if defined(__AVX512F__)
#define JK_PH_LANES 16
#elif defined(__AVX2__)
#define JK_PH_LANES 8
#else
#define JK_PH_LANES 4
#endif

typedef uint32_t jk_ph_u32v __attribute__((vector_size(JK_PH_LANES * 4)));
typedef int32_t jk_ph_s32v __attribute__((vector_size(JK_PH_LANES * 4)));
typedef uint64_t jk_ph_u64v __attribute__((vector_size(JK_PH_LANES * 4)));
typedef int64_t jk_ph_s64v __attribute__((vector_size(JK_PH_LANES * 4)));
typedef double jk_ph_f64v __attribute__((vector_size(JK_PH_LANES * 4)));
typedef float jk_ph_f32v __attribute__((vector_size(JK_PH_LANES * 4)));
_Static_assert(JK_PH_LANES * 4 == JK_VM_BYTES, "a block per 32-bit lane: the generator's vectors are vmath.h's");

/* Shuffle masks: JOIN(h) interleaves lanes [h L/2, (h + 1) L/2) of two 32-bit vectors (a word and the next
 * one of each block), PAIR(h) lanes [h L/4, (h + 1) L/4) of two 64-bit vectors. */
#if JK_PH_LANES == 16
#define JK_PH_JOIN0 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23
#define JK_PH_JOIN1 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31
#define JK_PH_PAIR0 0, 8, 1, 9, 2, 10, 3, 11
#define JK_PH_PAIR1 4, 12, 5, 13, 6, 14, 7, 15
#define JK_PH_LANE_INDEX {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
#elif JK_PH_LANES == 8
#define JK_PH_JOIN0 0, 8, 1, 9, 2, 10, 3, 11
#define JK_PH_JOIN1 4, 12, 5, 13, 6, 14, 7, 15
#define JK_PH_PAIR0 0, 4, 1, 5
#define JK_PH_PAIR1 2, 6, 3, 7
#define JK_PH_LANE_INDEX {0, 1, 2, 3, 4, 5, 6, 7}
#else
#define JK_PH_JOIN0 0, 4, 1, 5
#define JK_PH_JOIN1 2, 6, 3, 7
#define JK_PH_PAIR0 0, 2
#define JK_PH_PAIR1 1, 3
#define JK_PH_LANE_INDEX {0, 1, 2, 3}
#endif

/* The low 32 bits of each 64-bit lane times m, as 64-bit products: the paths' unsigned 32 x 32 -> 64
 * multiply (pmuludq), which a plain vector `*` of 64-bit lanes does not become. */
static inline jk_ph_u64v jk_mul_even(jk_ph_u64v a, uint32_t m) {
    jk_ph_u64v r;
#if JK_PH_LANES == 16
    __m512i v, p;
    memcpy(&v, &a, sizeof v);
    p = _mm512_mul_epu32(v, _mm512_set1_epi64(m));
#elif JK_PH_LANES == 8
    __m256i v, p;
    memcpy(&v, &a, sizeof v);
    p = _mm256_mul_epu32(v, _mm256_set1_epi64x(m));
#else
    __m128i v, p;
    memcpy(&v, &a, sizeof v);
    p = _mm_mul_epu32(v, _mm_set1_epi64x(m));
#endif
    memcpy(&r, &p, sizeof r);
    return r;
}

/* hi and lo 32 bits of m * x, lane by lane: the even lanes' and the odd lanes' products, rejoined. */
static inline void jk_philox_mulhilo(uint32_t m, jk_ph_u32v x, jk_ph_u32v *hi, jk_ph_u32v *lo) {
    jk_ph_u64v w;
    memcpy(&w, &x, sizeof w);
    jk_ph_u64v even = jk_mul_even(w, m), odd = jk_mul_even(w >> 32, m);
    jk_ph_u64v h = (even >> 32) | (odd & 0xFFFFFFFF00000000u), l = (even & 0xFFFFFFFFu) | (odd << 32);
    memcpy(hi, &h, sizeof h);
    memcpy(lo, &l, sizeof l);
}

/* JK_PH_LANES blocks [j, j + L), one per lane (word k of block j + l in x[k][l]). */
static inline void jk_philox_lanes(uint64_t seed, uint64_t j, jk_ph_u32v x[4]) {
    const jk_ph_u32v lane = JK_PH_LANE_INDEX;
    jk_ph_u32v lo = (uint32_t)j + lane;
    x[0] = lo;
    x[1] = (uint32_t)(j >> 32) - (jk_ph_u32v)(lo < (uint32_t)j); /* a lane past 2^32 carries (true is -1) */
    x[2] = x[3] = (jk_ph_u32v){0};
    uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
    for (int r = 0; r < JK_PHILOX_ROUNDS; r++) {
        jk_ph_u32v hi0, lo0, hi1, lo1;
        jk_philox_mulhilo(JK_PHILOX_M0, x[0], &hi0, &lo0);
        jk_philox_mulhilo(JK_PHILOX_M1, x[2], &hi1, &lo1);
        x[0] = hi1 ^ x[1] ^ k0;
        x[1] = lo1;
        x[2] = hi0 ^ x[3] ^ k1;
        x[3] = lo0;
        k0 += JK_PHILOX_W0;
        k1 += JK_PHILOX_W1;
    }
}

/* Pairs of words as 64-bit values a[l] | b[l] << 32, for lanes [h L/2, (h + 1) L/2). */
static inline jk_ph_u64v jk_join_words(jk_ph_u32v a, jk_ph_u32v b, int h) {
    jk_ph_u32v t = h ? JK_SHUFFLE2(jk_ph_u32v, a, b, JK_PH_JOIN1) : JK_SHUFFLE2(jk_ph_u32v, a, b, JK_PH_JOIN0);
    jk_ph_u64v v;
    memcpy(&v, &t, sizeof v);
    return v;
}

/* The 64-bit values of L blocks in stream order (block l's two values at 2l and 2l + 1): four vectors. */
static inline void jk_values64(const jk_ph_u32v x[4], jk_ph_u64v v[4]) {
    for (int h = 0; h < 2; h++) {
        jk_ph_u64v first = jk_join_words(x[0], x[1], h), second = jk_join_words(x[2], x[3], h);
        v[2 * h] = JK_SHUFFLE2(jk_ph_u64v, first, second, JK_PH_PAIR0);
        v[2 * h + 1] = JK_SHUFFLE2(jk_ph_u64v, first, second, JK_PH_PAIR1);
    }
}

static inline double jk_uniform53(uint64_t v) { return (double)(v >> 11) * 0x1p-53; }

/* u * 2^-53 for u <= 2^53, exactly, lane by lane. AVX-512DQ converts 64-bit integers; the other paths have
 * no such instruction, so u is split into 27 and 26 bits, each made a double exactly by the 2^52 trick
 * (the bits of 2^52 + a, for a < 2^52), and the scaled halves, exact, add up exactly. */
static inline jk_ph_f64v jk_unit53(jk_ph_u64v u) {
#if JK_PH_LANES == 16
    return __builtin_convertvector((jk_ph_s64v)u, jk_ph_f64v) * 0x1p-53;
#else
    const jk_ph_u64v magic = (jk_ph_u64v){0} + 0x4330000000000000u;
    jk_ph_u64v hb = (u >> 26) | magic, lb = (u & 0x3FFFFFFu) | magic;
    jk_ph_f64v h, l;
    memcpy(&h, &hb, sizeof h);
    memcpy(&l, &lb, sizeof l);
    return (h - 0x1p52) * 0x1p-27 + (l - 0x1p52) * 0x1p-53;
#endif
}
static inline float jk_uniform24(uint32_t w) { return (float)(w >> 8) * 0x1p-24f; }

/* Values [from, to) of the fill below, block by block with the scalar form. */
static inline void jk_fill64_blocks(uint64_t seed, uint64_t first, size_t from, size_t to, void *out, int as_double) {
    for (size_t i = from; i < to;) {
        uint32_t w[4];
        jk_philox_stream_block(seed, (first + i) / 2, w);
        for (uint64_t k = (first + i) % 2; k < 2 && i < to; k++, i++) {
            uint64_t v = (uint64_t)w[2 * k] | (uint64_t)w[2 * k + 1] << 32;
            if (as_double) ((double *)out)[i] = jk_uniform53(v);
            else ((uint64_t *)out)[i] = v;
        }
    }
}

static inline void jk_fill32_blocks(uint64_t seed, uint64_t first, size_t from, size_t to, void *out, int as_float) {
    for (size_t i = from; i < to;) {
        uint32_t w[4];
        jk_philox_stream_block(seed, (first + i) / 4, w);
        for (uint64_t k = (first + i) % 4; k < 4 && i < to; k++, i++) {
            if (as_float) ((float *)out)[i] = jk_uniform24(w[k]);
            else ((uint32_t *)out)[i] = w[k];
        }
    }
}

/* The values before the first group boundary (a group: L blocks, `per` values of the kind). */
static inline size_t jk_fill_head(uint64_t first, size_t n, uint64_t per) {
    uint64_t head = (per - first % per) % per;
    return head < n ? (size_t)head : n;
}

/* 64-bit values [first, first + n): L blocks (2L values) at a time from the first group boundary, block
 * by block before it and after the last whole group. `as_double`: their uniform doubles. */
static inline void jk_fill64(uint64_t seed, uint64_t first, size_t n, void *out, int as_double) {
    const size_t group = 2 * JK_PH_LANES, quarter = JK_PH_LANES / 2;
    size_t i = jk_fill_head(first, n, group);
    jk_fill64_blocks(seed, first, 0, i, out, as_double);
    for (; n - i >= group; i += group) {
        jk_ph_u32v x[4];
        jk_ph_u64v v[4];
        jk_philox_lanes(seed, (first + i) / 2, x);
        jk_values64(x, v);
        for (int q = 0; q < 4; q++) {
            if (as_double) {
                jk_ph_f64v f = jk_unit53(v[q] >> 11);
                memcpy((double *)out + i + quarter * q, &f, sizeof f);
            } else {
                memcpy((uint64_t *)out + i + quarter * q, &v[q], sizeof v[q]);
            }
        }
    }
    jk_fill64_blocks(seed, first, i, n, out, as_double);
}

/* 32-bit values [first, first + n), the same way (L blocks = 4L values). `as_float`: uniform floats. */
static inline void jk_fill32(uint64_t seed, uint64_t first, size_t n, void *out, int as_float) {
    const size_t group = 4 * JK_PH_LANES, quarter = JK_PH_LANES;
    size_t i = jk_fill_head(first, n, group);
    jk_fill32_blocks(seed, first, 0, i, out, as_float);
    for (; n - i >= group; i += group) {
        jk_ph_u32v x[4];
        jk_ph_u64v v[4];
        jk_philox_lanes(seed, (first + i) / 4, x);
        jk_values64(x, v); /* the 64-bit values are word pairs in stream order: so are their halves */
        for (int q = 0; q < 4; q++) {
            jk_ph_u32v w;
            memcpy(&w, &v[q], sizeof w);
            if (as_float) {
                jk_ph_f32v g = __builtin_convertvector((jk_ph_s32v)(w >> 8), jk_ph_f32v) * 0x1p-24f;
                memcpy((float *)out + i + quarter * q, &g, sizeof g);
            } else {
                memcpy((uint32_t *)out + i + quarter * q, &w, sizeof w);
            }
        }
    }
    jk_fill32_blocks(seed, first, i, n, out, as_float);
}

/* ---- normals: Box-Muller on each block ----
 * Pair k of a block is (u1, u2) -> sqrt(-2 log u1) (cos 2 pi u2, sin 2 pi u2), with u1 in (0, 1] (never
 * log 0) and u2 in [0, 1): doubles take one pair per block, u1 from its 64-bit value 0 ((v >> 11) + 1 times
 * 2^-53) and u2 from value 1 (the uniform double); floats two pairs per block, from words (0, 1) and (2, 3)
 * ((w >> 8) + 1 times 2^-24, and the uniform float). Normal value i is the cosine of its pair for even i and
 * the sine for odd i. log, sqrt and the turn's sine and cosine are vmath.h's, so the values are the same on
 * every path and in the Java twin; |z| < 8.5717 for doubles (sqrt(106 ln 2) and rounding), 5.7682 for floats.
 * The fills run whole vector groups only (L blocks); a group the range covers in part is made into a buffer
 * and its part copied, so every value comes from the same code whatever the cut. */

/* The 2L normal doubles of blocks [j, j + L). Each half of the lanes: the blocks' u1 and u2 as 64-bit
 * lanes, their radius and angle, the cosines and sines interleaved into stream order. */
static inline void jk_normal64_group(uint64_t seed, uint64_t j, double *out) {
    jk_ph_u32v x[4];
    jk_philox_lanes(seed, j, x);
    for (int h = 0; h < 2; h++) {
        jk_ph_u64v a = jk_join_words(x[0], x[1], h), b = jk_join_words(x[2], x[3], h);
        jk_vd radius = jk_vm_sqrt(0.0 - 2.0 * jk_vm_log(jk_unit53((a >> 11) + 1))), s, c; /* +0 at u1 = 1 */
        jk_vm_sincos_turn(jk_unit53(b >> 11), &s, &c);
        jk_vd zc = radius * c, zs = radius * s;
        jk_vd first = JK_SHUFFLE2(jk_ph_u64v, zc, zs, JK_PH_PAIR0), second = JK_SHUFFLE2(jk_ph_u64v, zc, zs, JK_PH_PAIR1);
        memcpy(out + h * JK_PH_LANES, &first, sizeof first);
        memcpy(out + h * JK_PH_LANES + JK_PH_LANES / 2, &second, sizeof second);
    }
}

/* The 4L normal floats of blocks [j, j + L): the two pairs' four values per lane, transposed into stream
 * order as the 32-bit words are (jk_values64). */
static inline void jk_normal32_group(uint64_t seed, uint64_t j, float *out) {
    jk_ph_u32v x[4], z[4];
    jk_ph_u64v v[4];
    jk_philox_lanes(seed, j, x);
    for (int p = 0; p < 2; p++) {
        jk_vf u1 = __builtin_convertvector((jk_ph_s32v)((x[2 * p] >> 8) + 1), jk_ph_f32v) * 0x1p-24f;
        jk_vf u2 = __builtin_convertvector((jk_ph_s32v)(x[2 * p + 1] >> 8), jk_ph_f32v) * 0x1p-24f;
        jk_vf radius = jk_vm_sqrtf(0.0f - 2.0f * jk_vm_logf(u1)), s, c;
        jk_vm_sincos_turnf(u2, &s, &c);
        jk_vf zc = radius * c, zs = radius * s;
        memcpy(&z[2 * p], &zc, sizeof zc);
        memcpy(&z[2 * p + 1], &zs, sizeof zs);
    }
    jk_values64(z, v);
    for (int q = 0; q < 4; q++) memcpy(out + JK_PH_LANES * q, &v[q], sizeof v[q]);
}

/* Normal values [first, first + n): doubles (wide) or floats, group by group. */
static inline void jk_fill_normal(uint64_t seed, uint64_t first, size_t n, void *out, int wide) {
    const size_t per_block = wide ? 2 : 4, group = per_block * JK_PH_LANES, size = wide ? 8 : 4;
    for (size_t i = 0; i < n;) {
        uint64_t index = first + i, within = index % group;
        size_t take = group - within < n - i ? (size_t)(group - within) : n - i;
        uint64_t block = (index - within) / per_block;
        char *to = (char *)out + i * size;
        if (take == group) {
            if (wide) jk_normal64_group(seed, block, (double *)to);
            else jk_normal32_group(seed, block, (float *)to);
        } else {
            double buf[2 * JK_PH_LANES]; /* a group of either type: 16 L bytes */
            if (wide) jk_normal64_group(seed, block, buf);
            else jk_normal32_group(seed, block, (float *)buf);
            memcpy(to, (char *)buf + within * size, take * size);
        }
        i += take;
    }
}

/* ---- European options by Monte Carlo (ops/random.c's random_option) ----
 * In units of the strike: path i draws z = normal double i of the stream and prices both S = m e^(d z) and
 * its antithetic m e^(-d z) (m = F / K, the forward price S0 e^((r - v^2/2) T) over the strike, and d = v
 * sqrt T, both from the caller); its value is Y = the mean of the two payoffs, max(S - 1, 0) for a call,
 * max(1 - S, 0) for a put, undiscounted. The kernel returns, for paths [first, first + n), the sums of Y - C
 * and (Y - C)^2, C = Y at z = 0 (the payoff of m: a centre near the mean, so the variance's subtraction loses
 * little), each over four accumulators taken by position (path - first) mod 4 and added (a0 + a1) + (a2 +
 * a3): the same order on every path and in the twin. */
typedef void jk_option_shape(uint64_t seed, uint64_t first, size_t n, const double terms[2], int put, double sums[2]);

#define JK_OPTION_BATCH 256 /* paths whose normals and values sit on the stack at a time (4 KiB) */

/* The payoff of one price in strikes, as the lanes compute it. */
static inline double jk_option_payoff(double price, int put) {
    double gain = put ? 1.0 - price : price - 1.0;
    return gain > 0.0 ? gain : 0.0;
}

/* terms: m = F / K and d = v sqrt(T). |d z| <= 10 * 8.58, so e^(d z) is within [e^-86, e^86]; with m within
 * [1e-100, 1e100] (the op's check) every Y is below 2e137 and 2^62 of their squares add up finitely. */
static inline void jk_option_paths(uint64_t seed, uint64_t first, size_t n, const double terms[2], int put, double sums[2]) {
    const double forward = terms[0], diffusion = terms[1];
    const double centre = jk_option_payoff(forward, put);
    const jk_vd zero = jk_vd_set(0.0);
    double z[JK_OPTION_BATCH] = {0}, y[JK_OPTION_BATCH]; /* lanes past a short batch's end: stale, unused */
    double acc[4] = {0, 0, 0, 0}, acc2[4] = {0, 0, 0, 0};
    for (size_t b = 0; b < n; b += JK_OPTION_BATCH) {
        size_t m = n - b < JK_OPTION_BATCH ? n - b : JK_OPTION_BATCH;
        jk_fill_normal(seed, first + b, m, z, 1);
        for (size_t i = 0; i < m; i += JK_VM_D) {
            jk_vd v;
            memcpy(&v, z + i, sizeof v);
            jk_vd g = jk_vm_exp(diffusion * v);
            jk_vd up = forward * g, down = forward / g;
            jk_vd gain_up = put ? 1.0 - up : up - 1.0, gain_down = put ? 1.0 - down : down - 1.0;
            jk_vd pay_up = jk_vd_pick(gain_up > 0.0, gain_up, zero), pay_down = jk_vd_pick(gain_down > 0.0, gain_down, zero);
            jk_vd value = (pay_up + pay_down) * 0.5 - centre;
            memcpy(y + i, &value, sizeof value);
        }
        for (size_t i = 0; i < m; i++) {
            size_t k = (b + i) & 3;
            acc[k] += y[i];
            acc2[k] += y[i] * y[i];
        }
    }
    sums[0] = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    sums[1] = (acc2[0] + acc2[1]) + (acc2[2] + acc2[3]);
}

/* Every path's random kernels are these definitions, compiled with its flags. */
#define JK_RANDOM_KERNELS(isa)                                                                               \
    jk_random_fill_shape jkk_##isa##_random_i64, jkk_##isa##_random_i32, jkk_##isa##_uniform_f64,            \
        jkk_##isa##_uniform_f32, jkk_##isa##_normal_f64, jkk_##isa##_normal_f32;                             \
    jk_option_shape jkk_##isa##_option_f64;                                                                  \
    void jkk_##isa##_option_f64(uint64_t s, uint64_t first, size_t n, const double terms[2], int put, double sums[2]) { \
        jk_option_paths(s, first, n, terms, put, sums);                                                      \
    }                                                                                                        \
    void jkk_##isa##_random_i64(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill64(s, first, n, out, 0); } \
    void jkk_##isa##_uniform_f64(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill64(s, first, n, out, 1); } \
    void jkk_##isa##_random_i32(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill32(s, first, n, out, 0); } \
    void jkk_##isa##_uniform_f32(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill32(s, first, n, out, 1); } \
    void jkk_##isa##_normal_f64(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill_normal(s, first, n, out, 1); } \
    void jkk_##isa##_normal_f32(uint64_t s, uint64_t first, size_t n, void *out) { jk_fill_normal(s, first, n, out, 0); }

#endif
