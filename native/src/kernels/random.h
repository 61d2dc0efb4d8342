/* SPDX-License-Identifier: Apache-2.0 */
/* Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11): a
 * counter-based generator, each block of four 32-bit words a pure function of a 128-bit counter and a
 * 64-bit key, so any thread computes any part of the stream. jkernels' stream for a seed: key = (low and
 * high 32 bits of the seed), block j's counter = (low and high 32 bits of j, 0, 0), and the words follow
 * block by block, w0 w1 w2 w3 (jk_random.h's order). Written once here with GCC vectors of 16 lanes (one
 * block per lane) and compiled with each path's flags (JK_RANDOM_KERNELS); the scalar form defines it. */
#ifndef JKERNELS_KERNELS_RANDOM_H
#define JKERNELS_KERNELS_RANDOM_H

#include <stdint.h>
#include <string.h>

#include "kernels.h"

/* Blocks [first, first + blocks) of the stream of `seed`, four words each, into out[0, 4 * blocks). */
typedef void jk_philox_shape(uint64_t seed, uint64_t first, size_t blocks, uint32_t *out);

#define JK_PHILOX_M0 0xD2511F53u
#define JK_PHILOX_M1 0xCD9E8D57u
#define JK_PHILOX_W0 0x9E3779B9u /* the key's bump between rounds: the golden ratio and sqrt(3) - 1 */
#define JK_PHILOX_W1 0xBB67AE85u
#define JK_PHILOX_ROUNDS 10

/* One counter through the ten rounds: each round multiplies words 0 and 2 by the constants, and the new
 * words are (hi(M1 x2) ^ x1 ^ k0, lo(M1 x2), hi(M0 x0) ^ x3 ^ k1, lo(M0 x0)); the key is bumped after
 * every round (the last bump is never used). The known-answer vectors of Random123 hold it (test_kernels.c). */
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

typedef uint32_t jk_philox_u32x16 __attribute__((vector_size(16 * sizeof(uint32_t))));
typedef uint64_t jk_philox_u64x8 __attribute__((vector_size(8 * sizeof(uint64_t))));

/* hi and lo 32 bits of m * x, lane by lane: the even lanes' products and the odd lanes' in 64-bit lanes. */
static inline void jk_philox_mulhilo(uint32_t m, jk_philox_u32x16 x, jk_philox_u32x16 *hi, jk_philox_u32x16 *lo) {
    jk_philox_u64x8 w, even, odd;
    memcpy(&w, &x, sizeof w);
    even = (w & 0xFFFFFFFFu) * (uint64_t)m;
    odd = (w >> 32) * (uint64_t)m;
    jk_philox_u64x8 h = (even >> 32) | (odd & 0xFFFFFFFF00000000u), l = (even & 0xFFFFFFFFu) | (odd << 32);
    memcpy(hi, &h, sizeof h);
    memcpy(lo, &l, sizeof l);
}

/* Sixteen blocks at once (lane l: block first + l), then the scalar form for the rest. */
static inline void jk_philox_blocks(uint64_t seed, uint64_t first, size_t blocks, uint32_t *out) {
    const uint32_t key0 = (uint32_t)seed, key1 = (uint32_t)(seed >> 32);
    size_t b = 0;
    for (; b + 16 <= blocks; b += 16) {
        jk_philox_u32x16 x0, x1, x2 = {0}, x3 = {0}, hi0, lo0, hi1, lo1;
        for (int l = 0; l < 16; l++) {
            uint64_t j = first + b + (uint64_t)l;
            x0[l] = (uint32_t)j;
            x1[l] = (uint32_t)(j >> 32);
        }
        uint32_t k0 = key0, k1 = key1;
        for (int r = 0; r < JK_PHILOX_ROUNDS; r++) {
            jk_philox_mulhilo(JK_PHILOX_M0, x0, &hi0, &lo0);
            jk_philox_mulhilo(JK_PHILOX_M1, x2, &hi1, &lo1);
            x0 = hi1 ^ x1 ^ k0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1;
            x3 = lo0;
            k0 += JK_PHILOX_W0;
            k1 += JK_PHILOX_W1;
        }
        for (int l = 0; l < 16; l++) {
            uint32_t *w = out + 4 * (b + (size_t)l);
            w[0] = x0[l];
            w[1] = x1[l];
            w[2] = x2[l];
            w[3] = x3[l];
        }
    }
    for (; b < blocks; b++) {
        uint64_t j = first + b;
        uint32_t *w = out + 4 * b;
        w[0] = (uint32_t)j;
        w[1] = (uint32_t)(j >> 32);
        w[2] = w[3] = 0;
        jk_philox_block(w, key0, key1);
    }
}

/* Every path's random kernels are these definitions, compiled with its flags. */
#define JK_RANDOM_KERNELS(isa)                                                                               \
    jk_philox_shape jkk_##isa##_philox4x32;                                                                  \
    void jkk_##isa##_philox4x32(uint64_t seed, uint64_t first, size_t blocks, uint32_t *out) {               \
        jk_philox_blocks(seed, first, blocks, out);                                                          \
    }

#endif
