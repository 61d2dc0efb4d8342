/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Element-wise math on doubles and floats: exp, expm1, log, log1p, sqrt, tanh, sigmoid, sin and cos, written
 * once as lane-wise code on GCC vectors and compiled with each path's flags (JK_VMATH_KERNELS), so every path,
 * and the Java twin (internal/MathTwins.java), runs the same operations on every element and gives the same
 * bits.
 *
 * Invariants that keep the bits the same everywhere:
 *  - Every operation is an IEEE one of its type: +, -, *, / and sqrt, fused multiply-adds only where
 *    written as jk_vm_fma* (the AVX2 and AVX-512 instructions, libm's correctly rounded fma on the
 *    baseline; Math.fma in Java); -ffp-contract=off (CMakeLists.txt) so a * b + c never fuses by itself.
 *  - Lanes never mix: a tail runs as a padded vector whose extra lanes are thrown away, so an element's
 *    result does not depend on where it sits, the path or the cut of the work. The few lanes that take a
 *    scalar path (sin and cos from 2^30 on) run the same steps the Java twin runs for them.
 *  - The constants are decimal or hexadecimal literals both compilers round the same way, or exact
 *    quotients of exact integers (1.0 / 720.0): each is its type's nearest value of the real number.
 *  - Every function gives a NaN input back as itself (its bits; the float forms too), and makes a NaN from
 *    a number (log of a negative one, sin of Infinity) as the canonical quiet NaN (0x7ff8000000000000,
 *    Java's Double.NaN; 0x7fc00000 for floats). sqrt is the instruction's: a signaling NaN comes back
 *    quieted, sqrt(-1) is the x86 default NaN (0xfff8000000000000), as Java's Math.sqrt gives on x86.
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
 *  - expm1, tanh, sigmoid: one reduction x = n ln2 + r whose e^r - 1 is kept as a pair of doubles
 *    (jk_vm_expm1_parts), each function rounding once at its end (tanh and sigmoid by a pair division).
 *  - log1p: log of u = 1 + x (the log core) plus the sum's exact rounding error over u.
 *  - sin, cos: x = q pi/2 + r, |r| <= pi/4, as a pair (three parts of pi/2 below 2^30; Payne and Hanek's
 *    reduction in integers above), Taylor polynomials of r, the quadrant's swap and sign.
 *  - sqrt: the instruction, correctly rounded.
 *  - The float forms: exp and log in float arithmetic; the others in double arithmetic to about 2^-40
 *    (shorter polynomials, no pairs), rounded to float once; log1p's is the double function.
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

/* The vector functions are inlined into their loop, which is what lets the compiler keep their constants in
 * registers across the loop; the scalar reduction of huge arguments (rare) stays out of line. */
#define JK_VM_INLINE static inline __attribute__((always_inline))

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

JK_VM_INLINE jk_vd jk_vd_set(double c) {
    jk_vd v = {0};
    for (int l = 0; l < JK_VM_D; l++) v[l] = c;
    return v;
}

JK_VM_INLINE jk_vf jk_vf_set(float c) {
    jk_vf v = {0};
    for (int l = 0; l < JK_VM_F; l++) v[l] = c;
    return v;
}

/* a * b + c rounded once, lane by lane. */
JK_VM_INLINE jk_vd jk_vm_fma(jk_vd a, jk_vd b, jk_vd c) {
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

JK_VM_INLINE jk_vf jk_vm_fmaf(jk_vf a, jk_vf b, jk_vf c) {
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

JK_VM_INLINE jk_vd jk_vm_sqrt(jk_vd x) {
#if JK_VM_BYTES == 64
    return (jk_vd)_mm512_sqrt_pd((__m512d)x);
#elif JK_VM_BYTES == 32
    return (jk_vd)_mm256_sqrt_pd((__m256d)x);
#else
    return (jk_vd)_mm_sqrt_pd((__m128d)x);
#endif
}

JK_VM_INLINE jk_vf jk_vm_sqrtf(jk_vf x) {
#if JK_VM_BYTES == 64
    return (jk_vf)_mm512_sqrt_ps((__m512)x);
#elif JK_VM_BYTES == 32
    return (jk_vf)_mm256_sqrt_ps((__m256)x);
#else
    return (jk_vf)_mm_sqrt_ps((__m128)x);
#endif
}

/* Whether any lane of a mask (a comparison's result) is set. */
JK_VM_INLINE int jk_vl_any(jk_vl mask) {
#if JK_VM_BYTES == 64
    return _mm512_test_epi64_mask((__m512i)mask, (__m512i)mask) != 0;
#elif JK_VM_BYTES == 32
    return !_mm256_testz_si256((__m256i)mask, (__m256i)mask);
#else
    return _mm_movemask_pd((__m128d)mask) != 0;
#endif
}

/* Lane by lane: yes where mask is all ones (a comparison's true), else no. */
JK_VM_INLINE jk_vd jk_vd_pick(jk_vl mask, jk_vd yes, jk_vd no) {
    return (jk_vd)(((jk_vl)yes & mask) | ((jk_vl)no & ~mask));
}

JK_VM_INLINE jk_vf jk_vf_pick(jk_vi mask, jk_vf yes, jk_vf no) {
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
JK_VM_INLINE jk_vd jk_vm_exp(jk_vd x) {
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
JK_VM_INLINE jk_vf jk_vm_expf(jk_vf x) {
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

/* log(xs) - kshift ln2 + corr, for a positive finite normal xs (the core of log and log1p). k, m: adding
 * 1 - sqrt(1/2) (as bits) to xs's bits carries into the exponent exactly when m >= sqrt(2) would be; the
 * exponent field is then k + 1023 and the low bits plus sqrt(1/2)'s give m. k to double: its bits under
 * 2^52's, minus 2^52 + 1023. The result: S + e1 = k ln2_hi + f exactly (Fast2Sum: |k ln2_hi| >= ln2 > |f|
 * when k != 0), plus B = s (f^2/2 + R) + k ln2_lo - f^2/2 + corr, whose rounding is a small fraction of an
 * ulp of the result; ~0.6 ulp in all. corr must be tiny beside the result (log1p's rounding error of 1 + x). */
JK_VM_INLINE jk_vd jk_vm_log_core(jk_vd xs, jk_vd kshift, jk_vd corr) {
    jk_vu u = (jk_vu)xs + (uint64_t)(0x3ff0000000000000ll - JK_SQRT_HALF_BITS);
    jk_vd m = (jk_vd)((u & 0x000fffffffffffffull) + (uint64_t)JK_SQRT_HALF_BITS);
    jk_vd k = ((jk_vd)((u >> 52) | 0x4330000000000000ull) - (0x1p52 + 1023.0)) - kshift;
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
    jk_vd b = (jk_vm_fma(k, jk_vd_set(JK_LOG_LN2_LO), s * (hfsq + w * z)) - hfsq) + corr;
    jk_vd a = k * JK_LOG_LN2_HI;
    jk_vd sum = a + f;
    return sum + (((a - sum) + f) + b);
}

/* log x: subnormals scaled by 2^54 first; the special values picked last. */
JK_VM_INLINE jk_vd jk_vm_log(jk_vd x) {
    jk_vl tiny = x < 0x1p-1022;
    jk_vd xs = jk_vd_pick(tiny, x * 0x1p54, x);
    jk_vd y = jk_vm_log_core(xs, jk_vd_pick(tiny, jk_vd_set(54.0), jk_vd_set(0.0)), jk_vd_set(0.0));
    y = jk_vd_pick(x == 0.0, jk_vd_set(-INFINITY), y);
    y = jk_vd_pick(x < 0.0, (jk_vd)((jk_vl){0} + 0x7ff8000000000000ll), y);
    y = jk_vd_pick(x == INFINITY, x, y);
    return jk_vd_pick(x != x, x, y);
}

#define JK_SQRT_HALF_BITSF 0x3f3504f3 /* sqrt(1/2) rounded to float */
#define JK_LOG_LN2_HIF 0x1.62ep-1f    /* ln2 to 13 bits: k times it is exact for |k| < 2^11 */
#define JK_LOG_LN2_LOF 3.1946184945309417232121458176568e-5f /* ln2 - JK_LOG_LN2_HIF, rounded */

/* log x in float arithmetic, as jk_vm_log (subnormals scaled by 2^24, R with 4 terms). */
JK_VM_INLINE jk_vf jk_vm_logf(jk_vf x) {
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
JK_VM_INLINE void jk_vm_sincos_turn(jk_vd u, jk_vd *sin_out, jk_vd *cos_out) {
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
JK_VM_INLINE void jk_vm_sincos_turnf(jk_vf u, jk_vf *sin_out, jk_vf *cos_out) {
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

/* ---- helpers of the functions below ---- */

JK_VM_INLINE jk_vd jk_vd_abs(jk_vd x) {
    return (jk_vd)((jk_vl)x & INT64_MAX);
}

/* x with the sign bit of s (x non-negative). */
JK_VM_INLINE jk_vd jk_vd_signed_like(jk_vd x, jk_vd s) {
    return (jk_vd)((jk_vl)x | ((jk_vl)s & INT64_MIN));
}

/* The canonical quiet NaN, Java's Double.NaN. */
JK_VM_INLINE jk_vd jk_vd_nan(void) {
    return (jk_vd)((jk_vl){0} + 0x7ff8000000000000ll);
}

/* hi + lo = a + b exactly, hi the rounded sum (Knuth's TwoSum: any magnitudes, no overflow below 2^1023). */
JK_VM_INLINE void jk_vm_two_sum(jk_vd a, jk_vd b, jk_vd *hi, jk_vd *lo) {
    jk_vd s = a + b, bv = s - a;
    *hi = s;
    *lo = (a - (s - bv)) + (b - bv);
}

/* ---- expm1, and the exponentials of tanh and sigmoid ---- */

/* e^x = 2^n (1 + h + l) with x = n ln2 + r, |r| <= ln2/2 (n as in jk_vm_exp, t the shifter sum holding its
 * integer), and h + l = e^r - 1 to about 2^-57 of it: the pair every function below rounds once at the end.
 * r = rh + rl exactly as far as ln2's split goes (rh = x - n JK_LN2_HI is exact; c is the rounding error
 * of rh + rl). e^r - 1 = r + r^2/2 + r^3 q(r) with q the Taylor series' 1/3! .. 1/14! (the first dropped
 * term is below 2^-63 of the result): r^2 is split exactly by a fused step, so r + r^2/2 is an exact pair
 * (Fast2Sum, |r| > r^2/2), and only r^3 q (at most 1/40 of the result) carries rounding errors. */
JK_VM_INLINE void jk_vm_expm1_parts(jk_vd x, jk_vd *t_out, jk_vd *h_out, jk_vd *l_out) {
    const jk_vd shift = jk_vd_set(JK_SHIFT);
    jk_vd t = x * JK_LOG2E + shift;
    jk_vd n = t - shift;
    jk_vd rh = jk_vm_fma(-n, jk_vd_set(JK_LN2_HI), x);
    jk_vd rl = -n * JK_LN2_LO;
    jk_vd r = rh + rl;
    jk_vd c = (rh - r) + rl;
    jk_vd q = jk_vd_set(1.0 / 87178291200.0);
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 6227020800.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 479001600.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 39916800.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 3628800.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 362880.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 40320.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 5040.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 720.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 120.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 24.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 6.0));
    jk_vd rr = r * r;
    jk_vd rre = jk_vm_fma(r, r, -rr);
    jk_vd half = 0.5 * rr;
    jk_vd s1 = r + half;
    jk_vd e1 = (r - s1) + half;
    jk_vd tail = jk_vm_fma(rr * r, q, (e1 + 0.5 * rre) + jk_vm_fma(c, r, c));
    jk_vd h = s1 + tail;
    *t_out = t;
    *h_out = h;
    *l_out = (s1 - h) + tail;
}

/* e^x - 1 = 2 (a1 + 2^(n-1) h + a2 + 2^(n-1) l), halved so that 2^(n-1) exists for n = 1024, with x clamped
 * to [-45, 710] (beyond -45 the result rounds to -1). For |n| <= 53, a1 = 2^(n-1) - 1/2, exact, and a2 = 0
 * (adding -1/2 later would cancel against the result near 0); from 54 on, where 2^(n-1) - 1/2 would round,
 * a1 = 2^(n-1) and a2 = -1/2, far from the result's size. 2^(n-1) h is exact; two TwoSums add the three
 * exactly, their errors and 2^(n-1) l go to one error term and the sum is rounded once (the doubling is
 * exact, or overflows exactly where the correctly rounded result does). ~0.55 ulp. */
JK_VM_INLINE void jk_vm_expm1_pair(jk_vd x, jk_vd *hi, jk_vd *lo) {
    jk_vd xc = jk_vd_pick(x < -45.0, jk_vd_set(-45.0), x);
    xc = jk_vd_pick(xc > 710.0, jk_vd_set(710.0), xc);
    jk_vd t, h, l;
    jk_vm_expm1_parts(xc, &t, &h, &l);
    jk_vu n = (jk_vu)t - (jk_vu)jk_vd_set(JK_SHIFT);
    jk_vd p = (jk_vd)((n + 1022) << 52); /* 2^(n-1) */
    jk_vl exact = ((jk_vl)n >= -53) & ((jk_vl)n <= 53);
    jk_vd s0, e0, s, e1;
    jk_vm_two_sum(jk_vd_pick(exact, p - 0.5, p), p * h, &s0, &e0);
    jk_vm_two_sum(s0, jk_vd_pick(exact, jk_vd_set(0.0), jk_vd_set(-0.5)), &s, &e1);
    jk_vd w = jk_vm_fma(p, l, e0 + e1);
    jk_vd y = s + w;
    *hi = 2.0 * y;
    *lo = 2.0 * ((s - y) + w);
}

/* e^x - 1; x itself where |x| < 2^-54 (the exact result rounds to it: this keeps -0.0 and subnormals). */
JK_VM_INLINE jk_vd jk_vm_expm1(jk_vd x) {
    jk_vd hi, lo;
    jk_vm_expm1_pair(x, &hi, &lo);
    jk_vd y = jk_vd_pick(jk_vd_abs(x) < 0x1p-54, x, hi);
    return jk_vd_pick(x != x, x, y);
}

/* q0 + correction: the quotient (nh + nl) / (dh + dl) rounded once, from an approximate one: the remainder
 * nh - q0 dh by a fused step, the low parts' share added, divided by dh through its inverse (tiny beside q0). */
JK_VM_INLINE jk_vd jk_vm_div_pair(jk_vd nh, jk_vd nl, jk_vd dh, jk_vd dl) {
    jk_vd inv = 1.0 / dh;
    jk_vd q0 = nh * inv;
    jk_vd rem = jk_vm_fma(-q0, dh, nh) + (nl - q0 * dl);
    return jk_vm_fma(rem, inv, q0);
}

/* tanh x = T / (T + 2) with T = e^(2|x|) - 1 as a pair, the sign of x put back. |x| clamped to 22 (tanh
 * rounds to 1 from 19.1 on); x itself where |x| < 2^-28 (tanh x = x - x^3/3 rounds to x). ~0.55 ulp. */
JK_VM_INLINE jk_vd jk_vm_tanh(jk_vd x) {
    jk_vd a = jk_vd_abs(x);
    jk_vd th, tl, dh, d;
    jk_vm_expm1_pair(2.0 * jk_vd_pick(a > 22.0, jk_vd_set(22.0), a), &th, &tl);
    jk_vm_two_sum(th, jk_vd_set(2.0), &dh, &d);
    jk_vd y = jk_vm_div_pair(th, tl, dh, d + tl);
    y = jk_vd_pick(a < 0x1p-28, a, y);
    y = jk_vd_signed_like(y, x);
    return jk_vd_pick(x != x, x, y);
}

/* sigmoid x = 1 / (1 + e^-|x|) for x >= 0, e^-|x| / (1 + e^-|x|) for x < 0: E = e^-|x| as a pair (|x|
 * clamped to 746, where E is 0), scaled as jk_vm_exp does (its high part rounded once into the subnormals),
 * 1 + E an exact pair, the quotient rounded once. ~0.55 ulp; up to 1 ulp where the result is subnormal. */
JK_VM_INLINE jk_vd jk_vm_sigmoid(jk_vd x) {
    jk_vd a = -jk_vd_abs(x);
    a = jk_vd_pick(a < -746.0, jk_vd_set(-746.0), a);
    jk_vd t, h, l;
    jk_vm_expm1_parts(a, &t, &h, &l);
    jk_vd g = 1.0 + h;
    jk_vd gl = ((1.0 - g) + h) + l;
    jk_vu ni = (jk_vu)t - (jk_vu)jk_vd_set(JK_SHIFT);
    jk_vu n1 = ((ni + 1076) >> 1) - 538, n2 = ni - n1;
    jk_vd s1 = (jk_vd)((n1 + 1023) << 52), s2 = (jk_vd)((n2 + 1023) << 52);
    jk_vd eh = (g * s1) * s2, el = (gl * s1) * s2;
    jk_vd dh = 1.0 + eh;
    jk_vd dl = ((1.0 - dh) + eh) + el;
    jk_vl neg = x < 0.0;
    jk_vd y = jk_vm_div_pair(jk_vd_pick(neg, eh, jk_vd_set(1.0)), jk_vd_pick(neg, el, jk_vd_set(0.0)), dh, dl);
    return jk_vd_pick(x != x, x, y);
}

/* ---- log1p ---- */

/* log(1 + x): u = 1 + x rounded and its error e exactly (TwoSum), log u by jk_vm_log_core with
 * log(1 + e/u) ~ c - c^2/2 (c = e/u, |c| <= 2^-53) added: the next term is below 2^-159. x itself where
 * |x| < 2^-54; -1 gives -Infinity, below it NaN. ~0.6 ulp. */
JK_VM_INLINE jk_vd jk_vm_log1p(jk_vd x) {
    jk_vd u, e;
    jk_vm_two_sum(jk_vd_set(1.0), x, &u, &e);
    jk_vd ok = jk_vd_pick((u > 0.0) & (u < INFINITY), u, jk_vd_set(1.0)); /* keeps the core off what is picked away */
    jk_vd c = e / ok;
    jk_vd y = jk_vm_log_core(ok, jk_vd_set(0.0), jk_vm_fma(-0.5 * c, c, c));
    y = jk_vd_pick(jk_vd_abs(x) < 0x1p-54, x, y);
    y = jk_vd_pick(x == -1.0, jk_vd_set(-INFINITY), y);
    y = jk_vd_pick(x < -1.0, jk_vd_nan(), y);
    y = jk_vd_pick(x == INFINITY, x, y);
    return jk_vd_pick(x != x, x, y);
}

/* ---- sin and cos ---- */

#define JK_2_OVER_PI 0x1.45f306dc9c883p-1
#define JK_PIO2_1 0x1.921fb54442d18p+0    /* pi/2 rounded to double */
#define JK_PIO2_2 0x1.1a62633145c07p-54   /* pi/2 - JK_PIO2_1, rounded */
#define JK_PIO2_3 -0x1.f1976b7ed8fbcp-110 /* pi/2 - JK_PIO2_1 - JK_PIO2_2, rounded */
#define JK_TRIG_FAST_MAX 0x1p30           /* |x| below it: the three-part reduction; above: jk_vm_reduce_big */

/* The binary expansion of 2/pi, 64 bits a word, after one word of zeros: word k >= 1 holds the bits
 * 64 (k - 1) + 1 .. 64 k after the point, most significant first (MathAccuracyTest recomputes them). */
static const uint64_t jk_two_over_pi_bits[20] = {
    0x0000000000000000ull, 0xa2f9836e4e441529ull, 0xfc2757d1f534ddc0ull, 0xdb6295993c439041ull,
    0xfe5163abdebbc561ull, 0xb7246e3a424dd2e0ull, 0x06492eea09d1921cull, 0xfe1deb1cb129a73eull,
    0xe88235f52ebb4484ull, 0xe99c7026b45f7e41ull, 0x3991d639835339f4ull, 0x9c845f8bbdf9283bull,
    0x1ff897ffde05980full, 0xef2f118b5a0a6d1full, 0x6d367ecf27cb09b7ull, 0x4f463f669e5fea2dull,
    0x7527bac7ebe5f17bull, 0x3d0739f78a5292eaull, 0x6bfb5fb11f8d5d08ull, 0x56033046fc7b6babull};

/* 192 bits of 2/pi from bit g of the padded expansion (g = 0 is the first zero), as three words. */
static inline void jk_two_over_pi_window(int g, uint64_t w[3]) {
    int k = g >> 6, sh = g & 63;
    for (int i = 0; i < 3; i++) {
        uint64_t a = jk_two_over_pi_bits[k + i], b = jk_two_over_pi_bits[k + i + 1];
        w[i] = sh == 0 ? a : (a << sh) | (b >> (64 - sh));
    }
}

/* x = q pi/2 + rh + rl for a finite |x| >= 2^30, one element at a time (Payne and Hanek's reduction, in
 * integers): x = m 2^E (m the 53-bit significand), and x 2/pi mod 4 = m C 2^-190 mod 4, C the 192 bits of
 * 2/pi from bit E - 1 on (the bits before it add multiples of 4; those after, below 2^-137). Of the
 * product, bits 190 and 191 are q mod 4 and the 128 below the fraction, rounded to the nearest quadrant
 * (q + 1 and fraction - 1 from 1/2 on); the fraction to a normalized pair of 53-bit parts, times pi/2 as
 * a pair. Returns q mod 4; the same integer steps in MathTwins. */
static inline int jk_vm_reduce_big(double x, double *rh, double *rl) {
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int exponent = (int)((bits >> 52) & 0x7ff) - 1075; /* x = m 2^exponent */
    uint64_t m = (bits & 0x000fffffffffffffull) | 0x0010000000000000ull;
    uint64_t c[3];
    jk_two_over_pi_window(exponent - 1 + 63, c);
    __extension__ typedef unsigned __int128 u128; /* gcc and clang on x86-64 */
    u128 p2 = (u128)m * c[2], p1 = (u128)m * c[1];
    uint64_t r0 = (uint64_t)p2;
    uint64_t r1 = (uint64_t)p1 + (uint64_t)(p2 >> 64);
    uint64_t r2 = m * c[0] + (uint64_t)(p1 >> 64) + (r1 < (uint64_t)p1);
    int q = (int)(r2 >> 62);
    uint64_t hi = (r2 << 2) | (r1 >> 62), lo = (r1 << 2) | (r0 >> 62);
    int neg = (int)(hi >> 63);
    q = (q + neg) & 3;
    if (neg) { /* the fraction minus 1, negated: its two's complement */
        hi = ~hi + (lo == 0);
        lo = -lo;
    }
    int lz = hi != 0 ? __builtin_clzll(hi) : lo != 0 ? 64 + __builtin_clzll(lo) : 128;
    if (lz == 128) {
        *rh = *rl = 0.0;
    } else {
        if (lz >= 64) {
            hi = lo << (lz - 64);
            lo = 0;
        } else if (lz > 0) {
            hi = (hi << lz) | (lo >> (64 - lz));
            lo <<= lz;
        }
        double fh = ldexp((double)(hi >> 11), -53 - lz);
        double fl = ldexp((double)(((hi & 0x7ff) << 42) | (lo >> 22)), -106 - lz);
        double ph = fh * JK_PIO2_1;
        double pt = fma(fh, JK_PIO2_1, -ph) + (fh * JK_PIO2_2 + fl * JK_PIO2_1);
        double h = ph + pt;
        *rh = neg ? -h : h;
        *rl = neg ? -((ph - h) + pt) : (ph - h) + pt;
    }
    if (x < 0) {
        *rh = -*rh;
        *rl = -*rl;
        q = (4 - q) & 3;
    }
    return q;
}

/* Lanes l of a vector with big[l] set: x[l] reduced by jk_vm_reduce_big into q[l], rh[l], rl[l]. Out of line
 * (rare), so the vector code around it keeps its registers. */
static __attribute__((noinline, cold)) void jk_vm_reduce_big_lanes(const double *x, const int64_t *big, int64_t *q,
                                                                   double *rh, double *rl) {
    for (int l = 0; l < JK_VM_D; l++) {
        if (big[l]) q[l] = jk_vm_reduce_big(x[l], &rh[l], &rl[l]);
    }
}

/* sin and cos of x for a quadrant: x = q pi/2 + rh + rl, |rh + rl| <= pi/4 (a little more where q is off
 * by one at a tie), q below 2^51. Below 2^30: q = rint(x 2/pi) by the shifter; x - q JK_PIO2_1 is exact (a
 * multiple of x's ulp or 2^-53 below 1); q JK_PIO2_2 split exactly by a fused step; the pair summed by
 * TwoSum. That leaves the pair within about 2^-100 of x - q pi/2 and its rounding relative to the
 * remainder, however small (it is exact where it cancels). Lanes from 2^30 on (finite) are reduced by
 * jk_vm_reduce_big, one at a time. */
JK_VM_INLINE void jk_vm_trig_reduce(jk_vd x, jk_vl *q_out, jk_vd *rh_out, jk_vd *rl_out) {
    const jk_vd shift = jk_vd_set(JK_SHIFT);
    jk_vd t = x * JK_2_OVER_PI + shift;
    jk_vd n = t - shift;
    jk_vd a = jk_vm_fma(-n, jk_vd_set(JK_PIO2_1), x);
    jk_vd bh = n * JK_PIO2_2;
    jk_vd be = jk_vm_fma(n, jk_vd_set(JK_PIO2_2), -bh);
    jk_vd s, e;
    jk_vm_two_sum(a, -bh, &s, &e);
    e = (e - be) - n * JK_PIO2_3;
    jk_vd rh = s + e;
    jk_vd rl = (s - rh) + e;
    jk_vl q = (jk_vl)((jk_vu)t - (jk_vu)shift); /* wrapping: huge lanes' garbage is overwritten below */
    jk_vl big = (jk_vd_abs(x) >= JK_TRIG_FAST_MAX) & (jk_vd_abs(x) < INFINITY);
    if (jk_vl_any(big)) {
        double xs[JK_VM_D], hs[JK_VM_D], ls[JK_VM_D];
        int64_t qs[JK_VM_D], bs[JK_VM_D];
        memcpy(xs, &x, sizeof xs);
        memcpy(bs, &big, sizeof bs);
        memcpy(qs, &q, sizeof qs);
        memcpy(hs, &rh, sizeof hs);
        memcpy(ls, &rl, sizeof ls);
        jk_vm_reduce_big_lanes(xs, bs, qs, hs, ls);
        memcpy(&q, qs, sizeof q);
        memcpy(&rh, hs, sizeof rh);
        memcpy(&rl, ls, sizeof rl);
    }
    *q_out = q;
    *rh_out = rh;
    *rl_out = rl;
}

/* sin(rh + rl) and cos(rh + rl), |rh + rl| <= pi/4 + a little: the Taylor polynomials to r^17 and r^18
 * (the first dropped terms below 2^-62 of the result). sin = rh + (rh^3 S(z) + rl (1 - z/2)), z = rh^2;
 * cos = (1 - z/2) + (z^2 C(z) - rh rl), with 1 - z/2 an exact pair (z's rounding error by a fused step,
 * halved exactly; Fast2Sum) so that only the smaller terms round (rh^3 S is at most 1/10 of the sine, z^2 C
 * 1/40 of the cosine). ~0.6 ulp each. */
JK_VM_INLINE void jk_vm_sincos_reduced(jk_vd rh, jk_vd rl, jk_vd *sin_out, jk_vd *cos_out) {
    jk_vd z = rh * rh;
    jk_vd ps = jk_vd_set(-1.0 / 355687428096000.0);
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 1307674368000.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 6227020800.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 39916800.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 362880.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 5040.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 120.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 6.0));
    jk_vd hz = 0.5 * z;
    *sin_out = rh + jk_vm_fma(-(z * rh), ps, jk_vm_fma(-hz, rl, rl));
    jk_vd pc = jk_vd_set(1.0 / 6402373705728000.0);
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 20922789888000.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 87178291200.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 479001600.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 3628800.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 40320.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 720.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 24.0));
    jk_vd ze = jk_vm_fma(rh, rh, -z);
    jk_vd w = 1.0 - hz;
    jk_vd tail = ((1.0 - w) - hz) - jk_vm_fma(jk_vd_set(0.5), ze, rh * rl);
    *cos_out = w + jk_vm_fma(-(z * z), pc, tail);
}

/* sin x or cos x (cosine: the quadrant moved on by one): by the quadrant q mod 4, the reduced sine or
 * cosine and its sign. NaN gives itself back, +-Infinity the canonical NaN. */
JK_VM_INLINE jk_vd jk_vm_trig(jk_vd x, int cosine) {
    jk_vl q;
    jk_vd rh, rl, s, c;
    jk_vm_trig_reduce(x, &q, &rh, &rl);
    jk_vm_sincos_reduced(rh, rl, &s, &c);
    q += cosine;
    jk_vd y = jk_vd_pick((q & 1) != 0, c, s);
    y = (jk_vd)((jk_vl)y ^ (((q & 2) != 0) & INT64_MIN));
    y = jk_vd_pick(jk_vd_abs(x) == INFINITY, jk_vd_nan(), y);
    return jk_vd_pick(x != x, x, y);
}

/* sin x; x itself where |x| < 2^-27 (sin x = x - x^3/6 rounds to it: this keeps -0.0 and subnormals). */
JK_VM_INLINE jk_vd jk_vm_sin(jk_vd x) {
    jk_vd y = jk_vm_trig(x, 0);
    return jk_vd_pick(jk_vd_abs(x) < 0x1p-27, x, y);
}

JK_VM_INLINE jk_vd jk_vm_cos(jk_vd x) {
    return jk_vm_trig(x, 1);
}

/* ---- the float forms of expm1, tanh, sigmoid, sin and cos: double arithmetic to about 2^-40 ----
 *
 * A float result needs its double value only to about 2^-40 (relative) before the one rounding to float:
 * then it is within 0.5 + 2^-16 float ulps of exact. So these skip the pairs of the double functions and
 * use shorter polynomials (the first dropped terms below 2^-42 of the result); log1p's float form is the
 * double one (JK_VMATH_FUNCTIONS). The float argument is exact as a double; float results from 2^-126 down
 * are subnormal floats but normal doubles, so no scaling is needed. */

/* e^x = s (1 + p) with s = 2^n, x = n ln2 + r as in jk_vm_exp, p = r + r^2 (1/2 + r/6 + ... + r^9/11!) for
 * |x| <= 300 (the float forms' range, clamped by their callers). */
JK_VM_INLINE jk_vd jk_vm_expm1_40(jk_vd x, jk_vd *scale) {
    const jk_vd shift = jk_vd_set(JK_SHIFT);
    jk_vd t = x * JK_LOG2E + shift;
    jk_vd n = t - shift;
    jk_vd r = jk_vm_fma(-n, jk_vd_set(JK_LN2_HI), x);
    r = jk_vm_fma(-n, jk_vd_set(JK_LN2_LO), r);
    jk_vd q = jk_vd_set(1.0 / 39916800.0);
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 3628800.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 362880.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 40320.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 5040.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 720.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 120.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 24.0));
    q = jk_vm_fma(q, r, jk_vd_set(1.0 / 6.0));
    q = jk_vm_fma(q, r, jk_vd_set(0.5));
    *scale = (jk_vd)(((jk_vu)t - (jk_vu)shift + 1023) << 52);
    return jk_vm_fma(r * r, q, r);
}

/* expm1 of a float (as a double), x clamped to [-104, 89] (the results round to -1 and Infinity beyond):
 * s p + (s - 1), whose only rounding that counts is p's; x itself where |x| < 2^-30 (keeps -0.0). */
JK_VM_INLINE jk_vd jk_vm_expm1_f32(jk_vd x) {
    jk_vd xc = jk_vd_pick(x < -104.0, jk_vd_set(-104.0), x);
    xc = jk_vd_pick(xc > 89.0, jk_vd_set(89.0), xc);
    jk_vd s;
    jk_vd p = jk_vm_expm1_40(xc, &s);
    return jk_vd_pick(jk_vd_abs(x) < 0x1p-30, x, jk_vm_fma(s, p, s - 1.0));
}

/* tanh of a float: T / (T + 2), T = e^(2|x|) - 1, |x| clamped to 10 (beyond, the result rounds to 1), the
 * sign of x put back (T / (T + 2) is +0.0 at 0, so -0.0 comes back as itself). */
JK_VM_INLINE jk_vd jk_vm_tanh_f32(jk_vd x) {
    jk_vd a = jk_vd_abs(x);
    jk_vd s;
    jk_vd p = jk_vm_expm1_40(2.0 * jk_vd_pick(a > 10.0, jk_vd_set(10.0), a), &s);
    jk_vd t = jk_vm_fma(s, p, s - 1.0);
    return jk_vd_signed_like(t / (t + 2.0), x);
}

/* sigmoid of a float: 1 / (1 + E) for x >= 0, E / (1 + E) below, E = e^-|x| with |x| clamped to 104 (beyond,
 * the results round to 1 and 0). */
JK_VM_INLINE jk_vd jk_vm_sigmoid_f32(jk_vd x) {
    jk_vd a = jk_vd_abs(x);
    jk_vd s;
    jk_vd p = jk_vm_expm1_40(-jk_vd_pick(a > 104.0, jk_vd_set(104.0), a), &s);
    jk_vd e = jk_vm_fma(s, p, s);
    return jk_vd_pick(x < 0.0, e, jk_vd_set(1.0)) / (1.0 + e);
}

/* sin or cos of a float: jk_vm_trig_reduce's quadrant and rh (rl is below 2^-50 of it), sin r to r^13,
 * cos r to r^14, by the quadrant as jk_vm_trig. sin gives x itself where |x| < 2^-12. */
JK_VM_INLINE jk_vd jk_vm_trig_f32(jk_vd x, int cosine) {
    jk_vl q;
    jk_vd r, rl;
    jk_vm_trig_reduce(x, &q, &r, &rl);
    jk_vd z = r * r;
    jk_vd ps = jk_vd_set(1.0 / 6227020800.0);
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 39916800.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 362880.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 5040.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(1.0 / 120.0));
    ps = jk_vm_fma(ps, z, jk_vd_set(-1.0 / 6.0));
    jk_vd s = jk_vm_fma(r * z, ps, r);
    jk_vd pc = jk_vd_set(-1.0 / 87178291200.0);
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 479001600.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 3628800.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 40320.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(-1.0 / 720.0));
    pc = jk_vm_fma(pc, z, jk_vd_set(1.0 / 24.0));
    jk_vd c = jk_vm_fma(z * z, pc, 1.0 - 0.5 * z);
    q += cosine;
    jk_vd y = jk_vd_pick((q & 1) != 0, c, s);
    y = (jk_vd)((jk_vl)y ^ (((q & 2) != 0) & INT64_MIN));
    return jk_vd_pick(jk_vd_abs(x) == INFINITY, jk_vd_nan(), y);
}

JK_VM_INLINE jk_vd jk_vm_sin_f32(jk_vd x) {
    return jk_vd_pick(jk_vd_abs(x) < 0x1p-12, x, jk_vm_trig_f32(x, 0));
}

JK_VM_INLINE jk_vd jk_vm_cos_f32(jk_vd x) {
    return jk_vm_trig_f32(x, 1);
}

JK_VM_INLINE jk_vd jk_vm_log1p_f32(jk_vd x) {
    return jk_vm_log1p(x);
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

/* The float functions computed in double arithmetic: out = (float) f((double) x), f the function's _f32
 * form above, a float NaN given back as itself. JK_VM_D floats a vector. */
typedef float jk_vfh __attribute__((vector_size(JK_VM_BYTES / 2)));
typedef int32_t jk_vih __attribute__((vector_size(JK_VM_BYTES / 2)));

#define JK_VM_MAP_VIA_F64(isa, name, fn)                                                                    \
    JK_VM_INLINE jk_vfh jkk_##isa##_##name##_vector(jk_vfh x) {                                            \
        jk_vfh y = __builtin_convertvector(fn(__builtin_convertvector(x, jk_vd)), jk_vfh);                 \
        jk_vih nan = x != x;                                                                               \
        return (jk_vfh)(((jk_vih)x & nan) | ((jk_vih)y & ~nan));                                           \
    }                                                                                                      \
    JK_VM_MAP(isa, name, float, jk_vfh, JK_VM_D, jkk_##isa##_##name##_vector)

#define JK_VMATH_FUNCTIONS(isa, fn)                                                                         \
    jk_vmath_f64_shape jkk_##isa##_##fn##_f64;                                                             \
    jk_vmath_f32_shape jkk_##isa##_##fn##_f32;                                                             \
    JK_VM_MAP(isa, fn##_f64, double, jk_vd, JK_VM_D, jk_vm_##fn)                                           \
    JK_VM_MAP_VIA_F64(isa, fn##_f32, jk_vm_##fn##_f32)

#define JK_VMATH_KERNELS(isa)                                                                               \
    jk_vmath_f64_shape jkk_##isa##_exp_f64, jkk_##isa##_log_f64, jkk_##isa##_sqrt_f64;                     \
    jk_vmath_f32_shape jkk_##isa##_exp_f32, jkk_##isa##_log_f32, jkk_##isa##_sqrt_f32;                     \
    JK_VM_MAP(isa, exp_f64, double, jk_vd, JK_VM_D, jk_vm_exp)                                             \
    JK_VM_MAP(isa, log_f64, double, jk_vd, JK_VM_D, jk_vm_log)                                             \
    JK_VM_MAP(isa, sqrt_f64, double, jk_vd, JK_VM_D, jk_vm_sqrt)                                           \
    JK_VM_MAP(isa, exp_f32, float, jk_vf, JK_VM_F, jk_vm_expf)                                             \
    JK_VM_MAP(isa, log_f32, float, jk_vf, JK_VM_F, jk_vm_logf)                                             \
    JK_VM_MAP(isa, sqrt_f32, float, jk_vf, JK_VM_F, jk_vm_sqrtf)                                           \
    JK_VMATH_FUNCTIONS(isa, expm1)                                                                         \
    JK_VMATH_FUNCTIONS(isa, log1p)                                                                         \
    JK_VMATH_FUNCTIONS(isa, tanh)                                                                          \
    JK_VMATH_FUNCTIONS(isa, sigmoid)                                                                       \
    JK_VMATH_FUNCTIONS(isa, sin)                                                                           \
    JK_VMATH_FUNCTIONS(isa, cos)

#endif
