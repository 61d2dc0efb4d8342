/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Element-wise math on doubles and floats: exp, log and sqrt, written once as lane-wise code on GCC
 * vectors and compiled with each path's flags (JK_VMATH_KERNELS), so every path, and the Java twin
 * (internal/MathTwins.java), runs the same operations on every element and gives the same bits.
 *
 * Invariants that keep the bits the same everywhere:
 *  - Every operation is an IEEE one of its type: +, -, *, / and sqrt, fused multiply-adds only where
 *    written as jk_vm_fma* (the AVX2 and AVX-512 instructions, libm's correctly rounded fma on the
 *    baseline; Math.fma in Java); -ffp-contract=off (CMakeLists.txt) so a * b + c never fuses by itself.
 *  - Lanes never mix: a tail runs as a padded vector whose extra lanes are thrown away, so an element's
 *    result does not depend on where it sits, the path or the cut of the work.
 *  - The constants are decimal or hexadecimal literals both compilers round the same way, or exact
 *    quotients of exact integers (1.0 / 720.0): each is its type's nearest value of the real number.
 *  - exp and log give a NaN input back as itself (its bits), and make a NaN from a number (log of a
 *    negative one) as the canonical quiet NaN (0x7ff8000000000000, Java's Double.NaN; 0x7fc00000 for
 *    floats). sqrt is the instruction's: a signaling NaN comes back quieted, sqrt(-1) is the x86 default
 *    NaN (0xfff8000000000000), as Java's Math.sqrt gives on x86.
 *
 * The algorithms (error bounds in ulps of the result, from the analysis in each function's comment;
 * the tests measure them):
 *  - exp: x = n ln2 + r, |r| <= ln2/2 (n = rint(x / ln2) by the 1.5 * 2^52 shifter, r by two fused
 *    steps with ln2 split in a high and a low part, exact for the high one); e^r by its Taylor polynomial
 *    (degree 13 for doubles, 8 for floats) in Horner form with fused steps; then times 2^n as two exact
 *    powers of two, so a subnormal result is rounded once. x is clamped to [-746, 710] first (floats:
 *    [-104, 89]), beyond which the result is 0 or Infinity anyway.
 *  - log: x = 2^k m with m in [sqrt(1/2), sqrt(2)) (subnormals scaled by 2^54 first, 2^24 for floats),
 *    f = m - 1 exact, s = f / (2 + f), log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with R the Taylor series
 *    of 2 atanh(s)/s - 2 (10 terms for doubles, 4 for floats); k ln2 + f summed as an exact pair
 *    (ln2's high part has few bits, so k times it is exact), the small terms added to the pair's error.
 *  - sqrt: the instruction, correctly rounded.
 *  - sin and cos of a turn (2 pi u, for random.h's normals): u reduced exactly to a quarter turn plus
 *    |r| <= 1/8, Taylor polynomials in r itself (so 2 pi u is never rounded), then swapped and negated.
 */
#ifndef JKERNELS_KERNELS_VMATH_H
#define JKERNELS_KERNELS_VMATH_H

#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels.h"

/* out[i] = f(x[i]) for i < n; out may be x (each vector is read before it is written). */
typedef void jk_vmath_f64_shape(const double *x, double *out, size_t n);
typedef void jk_vmath_f32_shape(const float *x, float *out, size_t n);

/* One vector of the path's widest register: 8 doubles (16 floats) on AVX-512, 4 (8) on AVX2, 2 (4) on the
 * SSE2 baseline. */
#if defined(__AVX512F__)
#define JK_VM_BYTES 64
#elif defined(__AVX2__)
#define JK_VM_BYTES 32
#else
#define JK_VM_BYTES 16
#endif
#define JK_VM_D (JK_VM_BYTES / 8)
#define JK_VM_F (JK_VM_BYTES / 4)

typedef double jk_vd __attribute__((vector_size(JK_VM_BYTES)));
typedef int64_t jk_vl __attribute__((vector_size(JK_VM_BYTES)));
typedef uint64_t jk_vu __attribute__((vector_size(JK_VM_BYTES)));
typedef float jk_vf __attribute__((vector_size(JK_VM_BYTES)));
typedef int32_t jk_vi __attribute__((vector_size(JK_VM_BYTES)));
typedef uint32_t jk_vw __attribute__((vector_size(JK_VM_BYTES)));

/* ---- lane helpers ---- */

static inline jk_vd jk_vd_set(double c) {
    jk_vd v = {0};
    for (int l = 0; l < JK_VM_D; l++) v[l] = c;
    return v;
}

static inline jk_vf jk_vf_set(float c) {
    jk_vf v = {0};
    for (int l = 0; l < JK_VM_F; l++) v[l] = c;
    return v;
}

/* a * b + c rounded once, lane by lane. */
static inline jk_vd jk_vm_fma(jk_vd a, jk_vd b, jk_vd c) {
#if JK_VM_BYTES == 64
    return (jk_vd)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif JK_VM_BYTES == 32
    return (jk_vd)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
    jk_vd r = {0};
    for (int l = 0; l < JK_VM_D; l++) r[l] = fma(a[l], b[l], c[l]);
    return r;
#endif
}

static inline jk_vf jk_vm_fmaf(jk_vf a, jk_vf b, jk_vf c) {
#if JK_VM_BYTES == 64
    return (jk_vf)_mm512_fmadd_ps((__m512)a, (__m512)b, (__m512)c);
#elif JK_VM_BYTES == 32
    return (jk_vf)_mm256_fmadd_ps((__m256)a, (__m256)b, (__m256)c);
#else
    jk_vf r = {0};
    for (int l = 0; l < JK_VM_F; l++) r[l] = fmaf(a[l], b[l], c[l]);
    return r;
#endif
}

static inline jk_vd jk_vm_sqrt(jk_vd x) {
#if JK_VM_BYTES == 64
    return (jk_vd)_mm512_sqrt_pd((__m512d)x);
#elif JK_VM_BYTES == 32
    return (jk_vd)_mm256_sqrt_pd((__m256d)x);
#else
    return (jk_vd)_mm_sqrt_pd((__m128d)x);
#endif
}

static inline jk_vf jk_vm_sqrtf(jk_vf x) {
#if JK_VM_BYTES == 64
    return (jk_vf)_mm512_sqrt_ps((__m512)x);
#elif JK_VM_BYTES == 32
    return (jk_vf)_mm256_sqrt_ps((__m256)x);
#else
    return (jk_vf)_mm_sqrt_ps((__m128)x);
#endif
}

/* Lane by lane: yes where mask is all ones (a comparison's true), else no. */
static inline jk_vd jk_vd_pick(jk_vl mask, jk_vd yes, jk_vd no) {
    return (jk_vd)(((jk_vl)yes & mask) | ((jk_vl)no & ~mask));
}

static inline jk_vf jk_vf_pick(jk_vi mask, jk_vf yes, jk_vf no) {
    return (jk_vf)(((jk_vi)yes & mask) | ((jk_vi)no & ~mask));
}

/* ---- exp ---- */

#define JK_LOG2E 1.4426950408889634          /* any value near 1/ln2 works: it only picks n */
#define JK_LN2_HI 0x1.62e42fefa39efp-1       /* ln2 rounded to double */
#define JK_LN2_LO 2.319046813846299558417771e-17 /* ln2 - JK_LN2_HI, rounded */
#define JK_SHIFT 0x1.8p52                    /* adding it rounds |v| < 2^51 to an integer, ties to even */

/* e^x. n = rint(x log2 e) in [-1076, 1024] (x clamped); r = x - n ln2: the first fused step is exact
 * (x - n JK_LN2_HI needs at most 53 bits), the second rounds once. e^r ~ sum r^k/k!, k <= 13: the
 * truncation is below 0.05 ulp on |r| <= 0.3466; Horner's fused steps leave ~0.75 ulp in all. The
 * scaling: n's integer is t's bits minus the shifter's; n = n1 + n2 with both in [-538, 512], so
 * p 2^n1 is exact and the second product rounds once (a subnormal result included). */
static inline jk_vd jk_vm_exp(jk_vd x) {
    const jk_vd shift = jk_vd_set(JK_SHIFT);
    jk_vd xc = jk_vd_pick(x < -746.0, jk_vd_set(-746.0), x);
    xc = jk_vd_pick(xc > 710.0, jk_vd_set(710.0), xc);
    jk_vd t = xc * JK_LOG2E + shift;
    jk_vd n = t - shift;
    jk_vd r = jk_vm_fma(-n, jk_vd_set(JK_LN2_HI), xc);
    r = jk_vm_fma(-n, jk_vd_set(JK_LN2_LO), r);
    jk_vd p = jk_vd_set(1.0 / 6227020800.0);
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 479001600.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 39916800.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 3628800.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 362880.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 40320.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 5040.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 720.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 120.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 24.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0 / 6.0));
    p = jk_vm_fma(p, r, jk_vd_set(0.5));
    p = jk_vm_fma(p, r, jk_vd_set(1.0));
    p = jk_vm_fma(p, r, jk_vd_set(1.0));
    jk_vu ni = (jk_vu)t - (jk_vu)shift; /* unsigned: wrapping arithmetic, the bits of Java's long steps */
    jk_vu n1 = ((ni + 1076) >> 1) - 538, n2 = ni - n1;
    jk_vd y = (p * (jk_vd)((n1 + 1023) << 52)) * (jk_vd)((n2 + 1023) << 52);
    return jk_vd_pick(x != x, x, y);
}

#define JK_LOG2EF 1.44269504f
#define JK_LN2_HIF 0x1.62e430p-1f                      /* ln2 rounded to float */
#define JK_LN2_LOF -1.904654299957767878541823432e-9f /* ln2 - JK_LN2_HIF, rounded */
#define JK_SHIFTF 0x1.8p23f

/* e^x in float arithmetic, as jk_vm_exp: n in [-150, 128] (x clamped to [-104, 89]), Taylor degree 8
 * (truncation below 0.01 ulp), n = n1 + n2 with both in [-75, 64]. */
static inline jk_vf jk_vm_expf(jk_vf x) {
    const jk_vf shift = jk_vf_set(JK_SHIFTF);
    jk_vf xc = jk_vf_pick(x < -104.0f, jk_vf_set(-104.0f), x);
    xc = jk_vf_pick(xc > 89.0f, jk_vf_set(89.0f), xc);
    jk_vf t = xc * JK_LOG2EF + shift;
    jk_vf n = t - shift;
    jk_vf r = jk_vm_fmaf(-n, jk_vf_set(JK_LN2_HIF), xc);
    r = jk_vm_fmaf(-n, jk_vf_set(JK_LN2_LOF), r);
    jk_vf p = jk_vf_set(1.0f / 40320.0f);
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f / 5040.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f / 720.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f / 120.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f / 24.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f / 6.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(0.5f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f));
    p = jk_vm_fmaf(p, r, jk_vf_set(1.0f));
    jk_vw ni = (jk_vw)t - (jk_vw)shift;
    jk_vw n1 = ((ni + 150) >> 1) - 75, n2 = ni - n1;
    jk_vf y = (p * (jk_vf)((n1 + 127) << 23)) * (jk_vf)((n2 + 127) << 23);
    return jk_vf_pick(x != x, x, y);
}

/* ---- log ---- */

#define JK_SQRT_HALF_BITS 0x3fe6a09e667f3bcdll /* sqrt(1/2) rounded: where m's range starts */
#define JK_LOG_LN2_HI 0x1.62e42feep-1          /* ln2 to 32 bits: k times it is exact for |k| < 2^21 */
#define JK_LOG_LN2_LO 1.90821492927058770002e-10 /* ln2 - JK_LOG_LN2_HI, rounded */

/* log x. k, m: adding 1 - sqrt(1/2) (as bits) to x's bits carries into the exponent exactly when m >= sqrt(2)
 * would be; the exponent field is then k + 1023 and the low bits plus sqrt(1/2)'s give m. k to double: its
 * bits under 2^52's, minus 2^52 + 1023. The result: S + e1 = k ln2_hi + f exactly (Fast2Sum: |k ln2_hi| >=
 * ln2 > |f| when k != 0), plus B = s (f^2/2 + R) + k ln2_lo - f^2/2, whose rounding is a small fraction of
 * an ulp of the result; ~0.6 ulp in all. */
static inline jk_vd jk_vm_log(jk_vd x) {
    jk_vl tiny = x < 0x1p-1022;
    jk_vd xs = jk_vd_pick(tiny, x * 0x1p54, x);
    jk_vu u = (jk_vu)xs + (uint64_t)(0x3ff0000000000000ll - JK_SQRT_HALF_BITS);
    jk_vd m = (jk_vd)((u & 0x000fffffffffffffull) + (uint64_t)JK_SQRT_HALF_BITS);
    jk_vd k = ((jk_vd)((u >> 52) | 0x4330000000000000ull) - (0x1p52 + 1023.0)) - jk_vd_pick(tiny, jk_vd_set(54.0), jk_vd_set(0.0));
    jk_vd f = m - 1.0;
    jk_vd s = f / (f + 2.0);
    jk_vd z = s * s;
    jk_vd w = jk_vd_set(2.0 / 21.0);
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 19.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 17.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 15.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 13.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 11.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 9.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 7.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 5.0));
    w = jk_vm_fma(w, z, jk_vd_set(2.0 / 3.0));
    jk_vd hfsq = (0.5 * f) * f;
    jk_vd b = jk_vm_fma(k, jk_vd_set(JK_LOG_LN2_LO), s * (hfsq + w * z)) - hfsq;
    jk_vd a = k * JK_LOG_LN2_HI;
    jk_vd sum = a + f;
    jk_vd y = sum + (((a - sum) + f) + b);
    y = jk_vd_pick(x == 0.0, jk_vd_set(-INFINITY), y);
    y = jk_vd_pick(x < 0.0, (jk_vd)((jk_vl){0} + 0x7ff8000000000000ll), y);
    y = jk_vd_pick(x == INFINITY, x, y);
    return jk_vd_pick(x != x, x, y);
}

#define JK_SQRT_HALF_BITSF 0x3f3504f3 /* sqrt(1/2) rounded to float */
#define JK_LOG_LN2_HIF 0x1.62ep-1f    /* ln2 to 13 bits: k times it is exact for |k| < 2^11 */
#define JK_LOG_LN2_LOF 3.1946184945309417232121458176568e-5f /* ln2 - JK_LOG_LN2_HIF, rounded */

/* log x in float arithmetic, as jk_vm_log (subnormals scaled by 2^24, R with 4 terms). */
static inline jk_vf jk_vm_logf(jk_vf x) {
    jk_vi tiny = x < 0x1p-126f;
    jk_vf xs = jk_vf_pick(tiny, x * 0x1p24f, x);
    jk_vw u = (jk_vw)xs + (uint32_t)(0x3f800000 - JK_SQRT_HALF_BITSF);
    jk_vf m = (jk_vf)((u & 0x007fffffu) + (uint32_t)JK_SQRT_HALF_BITSF);
    jk_vf k = (__builtin_convertvector((jk_vi)(u >> 23), jk_vf) - 127.0f) - jk_vf_pick(tiny, jk_vf_set(24.0f), jk_vf_set(0.0f));
    jk_vf f = m - 1.0f;
    jk_vf s = f / (f + 2.0f);
    jk_vf z = s * s;
    jk_vf w = jk_vf_set(2.0f / 9.0f);
    w = jk_vm_fmaf(w, z, jk_vf_set(2.0f / 7.0f));
    w = jk_vm_fmaf(w, z, jk_vf_set(2.0f / 5.0f));
    w = jk_vm_fmaf(w, z, jk_vf_set(2.0f / 3.0f));
    jk_vf hfsq = (0.5f * f) * f;
    jk_vf b = jk_vm_fmaf(k, jk_vf_set(JK_LOG_LN2_LOF), s * (hfsq + w * z)) - hfsq;
    jk_vf a = k * JK_LOG_LN2_HIF;
    jk_vf sum = a + f;
    jk_vf y = sum + (((a - sum) + f) + b);
    y = jk_vf_pick(x == 0.0f, jk_vf_set(-INFINITY), y);
    y = jk_vf_pick(x < 0.0f, (jk_vf)((jk_vi){0} + 0x7fc00000), y);
    y = jk_vf_pick(x == INFINITY, x, y);
    return jk_vf_pick(x != x, x, y);
}

/* ---- sine and cosine of a turn ---- */

/* Coefficients of sin(2 pi r) = r (S0 + S1 r^2 + ... + S8 r^16) and cos(2 pi r) = C0 + C1 r^2 + ... + C8 r^16:
 * the Taylor series' (-1)^k (2 pi)^(2k+1) / (2k+1)! and (-1)^k (2 pi)^(2k) / (2k)!, rounded to double. In r,
 * not 2 pi r, so the argument is never rounded; the first dropped terms are below 0.03 ulp on |r| <= 1/8. */
#define JK_TURN_S0 0x1.921fb54442d18p+2
#define JK_TURN_S1 -0x1.4abbce625be53p+5
#define JK_TURN_S2 0x1.466bc6775aae2p+6
#define JK_TURN_S3 -0x1.32d2cce62bd86p+6
#define JK_TURN_S4 0x1.50783487ee782p+5
#define JK_TURN_S5 -0x1.e3074fde8871fp+3
#define JK_TURN_S6 0x1.e8f434d018d63p+1
#define JK_TURN_S7 -0x1.6fadb9f155744p-1
#define JK_TURN_S8 0x1.aaec32af93359p-4
#define JK_TURN_C1 -0x1.3bd3cc9be45dep+4
#define JK_TURN_C2 0x1.03c1f081b5ac4p+6
#define JK_TURN_C3 -0x1.55d3c7e3cbffap+6
#define JK_TURN_C4 0x1.e1f506891babbp+5
#define JK_TURN_C5 -0x1.a6d1f2a204a8cp+4
#define JK_TURN_C6 0x1.f9d38a3763cc3p+2
#define JK_TURN_C7 -0x1.b6e24f44b128fp+0
#define JK_TURN_C8 0x1.20c62c2f2d7f5p-2

/* sin(2 pi u) and cos(2 pi u) for |u| < 2^49 (Box-Muller's angle: random.h). u = q/4 + r with q = rint(4u)
 * (the shifter) and |r| <= 1/8, exactly: q/4 and u are both multiples of u's ulp, and |r| <= |u|. Then the
 * quarter turn q mod 4 (the low bits of q's integer) swaps and negates: (sin, cos) of q/4 + r is (s, c),
 * (c, -s), (-s, -c), (-c, s) for q mod 4 = 0 .. 3, with s, c those of r. About 1 ulp of 1 (absolute). */
static inline void jk_vm_sincos_turn(jk_vd u, jk_vd *sin_out, jk_vd *cos_out) {
    const jk_vd shift = jk_vd_set(JK_SHIFT);
    jk_vd t = u * 4.0 + shift;
    jk_vd r = u - (t - shift) * 0.25;
    jk_vd z = r * r;
    jk_vd ps = jk_vd_set(JK_TURN_S8);
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S7));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S6));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S5));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S4));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S3));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S2));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S1));
    ps = jk_vm_fma(ps, z, jk_vd_set(JK_TURN_S0));
    jk_vd s = r * ps;
    jk_vd c = jk_vd_set(JK_TURN_C8);
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C7));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C6));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C5));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C4));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C3));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C2));
    c = jk_vm_fma(c, z, jk_vd_set(JK_TURN_C1));
    c = jk_vm_fma(c, z, jk_vd_set(1.0));
    jk_vl quarter = ((jk_vl)t - (jk_vl)shift) & 3;
    jk_vl odd = (quarter & 1) != 0, sin_neg = (quarter & 2) != 0, cos_neg = ((quarter + 1) & 2) != 0;
    const jk_vl sign = (jk_vl){0} + INT64_MIN;
    *sin_out = (jk_vd)((jk_vl)jk_vd_pick(odd, c, s) ^ (sin_neg & sign));
    *cos_out = (jk_vd)((jk_vl)jk_vd_pick(odd, s, c) ^ (cos_neg & sign));
}

/* The float coefficients: the same series rounded to float, to r^9 for sine and r^10 for cosine (the first
 * dropped terms below 0.05 ulp on |r| <= 1/8). */
#define JK_TURN_SF0 0x1.921fb6p+2f
#define JK_TURN_SF1 -0x1.4abbcep+5f
#define JK_TURN_SF2 0x1.466bc6p+6f
#define JK_TURN_SF3 -0x1.32d2ccp+6f
#define JK_TURN_SF4 0x1.507834p+5f
#define JK_TURN_CF1 -0x1.3bd3ccp+4f
#define JK_TURN_CF2 0x1.03c1f0p+6f
#define JK_TURN_CF3 -0x1.55d3c8p+6f
#define JK_TURN_CF4 0x1.e1f506p+5f
#define JK_TURN_CF5 -0x1.a6d1f2p+4f

/* sin(2 pi u) and cos(2 pi u) in float arithmetic for |u| < 2^20 (the shifter rounds |4u| < 2^22), as
 * jk_vm_sincos_turn. */
static inline void jk_vm_sincos_turnf(jk_vf u, jk_vf *sin_out, jk_vf *cos_out) {
    const jk_vf shift = jk_vf_set(JK_SHIFTF);
    jk_vf t = u * 4.0f + shift;
    jk_vf r = u - (t - shift) * 0.25f;
    jk_vf z = r * r;
    jk_vf ps = jk_vf_set(JK_TURN_SF4);
    ps = jk_vm_fmaf(ps, z, jk_vf_set(JK_TURN_SF3));
    ps = jk_vm_fmaf(ps, z, jk_vf_set(JK_TURN_SF2));
    ps = jk_vm_fmaf(ps, z, jk_vf_set(JK_TURN_SF1));
    ps = jk_vm_fmaf(ps, z, jk_vf_set(JK_TURN_SF0));
    jk_vf s = r * ps;
    jk_vf c = jk_vf_set(JK_TURN_CF5);
    c = jk_vm_fmaf(c, z, jk_vf_set(JK_TURN_CF4));
    c = jk_vm_fmaf(c, z, jk_vf_set(JK_TURN_CF3));
    c = jk_vm_fmaf(c, z, jk_vf_set(JK_TURN_CF2));
    c = jk_vm_fmaf(c, z, jk_vf_set(JK_TURN_CF1));
    c = jk_vm_fmaf(c, z, jk_vf_set(1.0f));
    jk_vi quarter = ((jk_vi)t - (jk_vi)shift) & 3;
    jk_vi odd = (quarter & 1) != 0, sin_neg = (quarter & 2) != 0, cos_neg = ((quarter + 1) & 2) != 0;
    const jk_vi sign = (jk_vi){0} + INT32_MIN;
    *sin_out = (jk_vf)((jk_vi)jk_vf_pick(odd, c, s) ^ (sin_neg & sign));
    *cos_out = (jk_vf)((jk_vi)jk_vf_pick(odd, s, c) ^ (cos_neg & sign));
}

/* ---- the kernels ---- */

/* out[0, n) = fn(x[0, n)), a vector at a time; the tail as one vector padded with 1.0 (a value every
 * function takes without a special case), of which only the tail's lanes are stored. */
#define JK_VM_MAP(isa, name, T, V, LANES, fn)                                                               \
    void jkk_##isa##_##name(const T *x, T *out, size_t n) {                                                \
        size_t i = 0;                                                                                      \
        for (; i + LANES <= n; i += LANES) {                                                               \
            V v;                                                                                           \
            memcpy(&v, x + i, sizeof v);                                                                   \
            v = fn(v);                                                                                     \
            memcpy(out + i, &v, sizeof v);                                                                 \
        }                                                                                                  \
        if (i < n) {                                                                                       \
            T buf[LANES];                                                                                  \
            for (int l = 0; l < LANES; l++) buf[l] = 1;                                                    \
            memcpy(buf, x + i, (n - i) * sizeof(T));                                                       \
            V v;                                                                                           \
            memcpy(&v, buf, sizeof v);                                                                     \
            v = fn(v);                                                                                     \
            memcpy(buf, &v, sizeof v);                                                                     \
            memcpy(out + i, buf, (n - i) * sizeof(T));                                                     \
        }                                                                                                  \
    }

#define JK_VMATH_KERNELS(isa)                                                                               \
    jk_vmath_f64_shape jkk_##isa##_exp_f64, jkk_##isa##_log_f64, jkk_##isa##_sqrt_f64;                     \
    jk_vmath_f32_shape jkk_##isa##_exp_f32, jkk_##isa##_log_f32, jkk_##isa##_sqrt_f32;                     \
    JK_VM_MAP(isa, exp_f64, double, jk_vd, JK_VM_D, jk_vm_exp)                                             \
    JK_VM_MAP(isa, log_f64, double, jk_vd, JK_VM_D, jk_vm_log)                                             \
    JK_VM_MAP(isa, sqrt_f64, double, jk_vd, JK_VM_D, jk_vm_sqrt)                                           \
    JK_VM_MAP(isa, exp_f32, float, jk_vf, JK_VM_F, jk_vm_expf)                                             \
    JK_VM_MAP(isa, log_f32, float, jk_vf, JK_VM_F, jk_vm_logf)                                             \
    JK_VM_MAP(isa, sqrt_f32, float, jk_vf, JK_VM_F, jk_vm_sqrtf)

#endif
