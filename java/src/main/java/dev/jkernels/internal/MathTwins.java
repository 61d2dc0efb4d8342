// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * The element-wise math functions one element at a time: the twins of {@code native/src/kernels/vmath.h}, the
 * same IEEE operations in the same order, {@link Math#fma} where the native code fuses, so every element's
 * result has the same bits as the native kernels' on every ISA path (that file states the algorithms and
 * their error analysis). Java evaluates {@code a * b * c} as {@code (a * b) * c} and never fuses on its own,
 * as the native side, compiled with {@code -ffp-contract=off}. Not API.
 */
public final class MathTwins {
    private MathTwins() {}

    static final double LOG2E = 1.4426950408889634; // only picks n: any value near 1/ln2 works
    static final double LN2_HI = 0x1.62e42fefa39efp-1; // ln2 rounded to double
    static final double LN2_LO = 2.319046813846299558417771e-17; // ln2 - LN2_HI, rounded
    static final double SHIFT = 0x1.8p52; // adding it rounds |v| < 2^51 to an integer, ties to even
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);

    static final float LOG2EF = 1.44269504f;
    static final float LN2_HIF = 0x1.62e430p-1f; // ln2 rounded to float
    static final float LN2_LOF = -1.904654299957767878541823432e-9f; // ln2 - LN2_HIF, rounded
    static final float SHIFTF = 0x1.8p23f;
    private static final int SHIFTF_BITS = Float.floatToRawIntBits(SHIFTF);

    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL; // sqrt(1/2) rounded: where m's range starts
    static final double LOG_LN2_HI = 0x1.62e42feep-1; // ln2 to 32 bits: k times it is exact
    static final double LOG_LN2_LO = 1.90821492927058770002e-10; // ln2 - LOG_LN2_HI, rounded
    static final int SQRT_HALF_BITSF = 0x3f3504f3;
    static final float LOG_LN2_HIF = 0x1.62ep-1f; // ln2 to 13 bits
    static final float LOG_LN2_LOF = 3.1946184945309417232121458176568e-5f; // ln2 - LOG_LN2_HIF, rounded

    /** e^x, as vmath.h's jk_vm_exp. */
    public static double exp(double x) {
        if (x != x) {
            return x;
        }
        double xc = x < -746.0 ? -746.0 : x > 710.0 ? 710.0 : x;
        double t = xc * LOG2E + SHIFT;
        double n = t - SHIFT;
        double r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        double p = 1.0 / 6227020800.0;
        p = Math.fma(p, r, 1.0 / 479001600.0);
        p = Math.fma(p, r, 1.0 / 39916800.0);
        p = Math.fma(p, r, 1.0 / 3628800.0);
        p = Math.fma(p, r, 1.0 / 362880.0);
        p = Math.fma(p, r, 1.0 / 40320.0);
        p = Math.fma(p, r, 1.0 / 5040.0);
        p = Math.fma(p, r, 1.0 / 720.0);
        p = Math.fma(p, r, 1.0 / 120.0);
        p = Math.fma(p, r, 1.0 / 24.0);
        p = Math.fma(p, r, 1.0 / 6.0);
        p = Math.fma(p, r, 0.5);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        long ni = Double.doubleToRawLongBits(t) - SHIFT_BITS;
        long n1 = ((ni + 1076) >>> 1) - 538, n2 = ni - n1;
        return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
    }

    /** e^x in float arithmetic, as vmath.h's jk_vm_expf. */
    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        float xc = x < -104.0f ? -104.0f : x > 89.0f ? 89.0f : x;
        float t = xc * LOG2EF + SHIFTF;
        float n = t - SHIFTF;
        float r = Math.fma(-n, LN2_HIF, xc);
        r = Math.fma(-n, LN2_LOF, r);
        float p = 1.0f / 40320.0f;
        p = Math.fma(p, r, 1.0f / 5040.0f);
        p = Math.fma(p, r, 1.0f / 720.0f);
        p = Math.fma(p, r, 1.0f / 120.0f);
        p = Math.fma(p, r, 1.0f / 24.0f);
        p = Math.fma(p, r, 1.0f / 6.0f);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1.0f);
        p = Math.fma(p, r, 1.0f);
        int ni = Float.floatToRawIntBits(t) - SHIFTF_BITS;
        int n1 = ((ni + 150) >>> 1) - 75, n2 = ni - n1;
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /** log x, as vmath.h's jk_vm_log. */
    public static double log(double x) {
        if (x != x) {
            return x;
        }
        if (x < 0.0) {
            return Double.NaN;
        }
        if (x == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        boolean tiny = x < 0x1p-1022;
        return logCore(tiny ? x * 0x1p54 : x, tiny ? 54.0 : 0.0, 0.0);
    }

    /** log(xs) - kshift ln2 + corr for a positive finite normal xs, as vmath.h's jk_vm_log_core. */
    private static double logCore(double xs, double kshift, double corr) {
        long u = Double.doubleToRawLongBits(xs) + (0x3ff0000000000000L - SQRT_HALF_BITS);
        double m = Double.longBitsToDouble((u & 0x000fffffffffffffL) + SQRT_HALF_BITS);
        double k = (Double.longBitsToDouble((u >>> 52) | 0x4330000000000000L) - (0x1p52 + 1023.0)) - kshift;
        double f = m - 1.0;
        double s = f / (f + 2.0);
        double z = s * s;
        double w = 2.0 / 21.0;
        w = Math.fma(w, z, 2.0 / 19.0);
        w = Math.fma(w, z, 2.0 / 17.0);
        w = Math.fma(w, z, 2.0 / 15.0);
        w = Math.fma(w, z, 2.0 / 13.0);
        w = Math.fma(w, z, 2.0 / 11.0);
        w = Math.fma(w, z, 2.0 / 9.0);
        w = Math.fma(w, z, 2.0 / 7.0);
        w = Math.fma(w, z, 2.0 / 5.0);
        w = Math.fma(w, z, 2.0 / 3.0);
        double hfsq = 0.5 * f * f;
        double b = (Math.fma(k, LOG_LN2_LO, s * (hfsq + w * z)) - hfsq) + corr;
        double a = k * LOG_LN2_HI;
        double sum = a + f;
        return sum + (((a - sum) + f) + b);
    }

    /** log x in float arithmetic, as vmath.h's jk_vm_logf. */
    public static float log(float x) {
        if (x != x) {
            return x;
        }
        if (x < 0.0f) {
            return Float.NaN;
        }
        if (x == 0.0f) {
            return Float.NEGATIVE_INFINITY;
        }
        if (x == Float.POSITIVE_INFINITY) {
            return x;
        }
        boolean tiny = x < 0x1p-126f;
        float xs = tiny ? x * 0x1p24f : x;
        int u = Float.floatToRawIntBits(xs) + (0x3f800000 - SQRT_HALF_BITSF);
        float m = Float.intBitsToFloat((u & 0x007fffff) + SQRT_HALF_BITSF);
        float k = ((float) (u >>> 23) - 127.0f) - (tiny ? 24.0f : 0.0f);
        float f = m - 1.0f;
        float s = f / (f + 2.0f);
        float z = s * s;
        float w = 2.0f / 9.0f;
        w = Math.fma(w, z, 2.0f / 7.0f);
        w = Math.fma(w, z, 2.0f / 5.0f);
        w = Math.fma(w, z, 2.0f / 3.0f);
        float hfsq = 0.5f * f * f;
        float b = Math.fma(k, LOG_LN2_LOF, s * (hfsq + w * z)) - hfsq;
        float a = k * LOG_LN2_HIF;
        float sum = a + f;
        return sum + (((a - sum) + f) + b);
    }

    // sin(2 pi r) = r (S0 + S1 r^2 + ... + S8 r^16), cos(2 pi r) = 1 + C1 r^2 + ... + C8 r^16: vmath.h's JK_TURN_*
    static final double S0 = 0x1.921fb54442d18p+2, S1 = -0x1.4abbce625be53p+5, S2 = 0x1.466bc6775aae2p+6,
            S3 = -0x1.32d2cce62bd86p+6, S4 = 0x1.50783487ee782p+5, S5 = -0x1.e3074fde8871fp+3,
            S6 = 0x1.e8f434d018d63p+1, S7 = -0x1.6fadb9f155744p-1, S8 = 0x1.aaec32af93359p-4;
    static final double C1 = -0x1.3bd3cc9be45dep+4, C2 = 0x1.03c1f081b5ac4p+6, C3 = -0x1.55d3c7e3cbffap+6,
            C4 = 0x1.e1f506891babbp+5, C5 = -0x1.a6d1f2a204a8cp+4, C6 = 0x1.f9d38a3763cc3p+2,
            C7 = -0x1.b6e24f44b128fp+0, C8 = 0x1.20c62c2f2d7f5p-2;
    static final float SF0 = 0x1.921fb6p+2f, SF1 = -0x1.4abbcep+5f, SF2 = 0x1.466bc6p+6f, SF3 = -0x1.32d2ccp+6f,
            SF4 = 0x1.507834p+5f;
    static final float CF1 = -0x1.3bd3ccp+4f, CF2 = 0x1.03c1f0p+6f, CF3 = -0x1.55d3c8p+6f, CF4 = 0x1.e1f506p+5f,
            CF5 = -0x1.a6d1f2p+4f;

    /**
     * sin(2 pi u) into sc[0] and cos(2 pi u) into sc[1], for |u| below 2^49, as vmath.h's jk_vm_sincos_turn: u
     * = q/4 + r exactly (q = rint(4u) by the shifter, |r| at most 1/8), the polynomials in r, then the quarter turn
     * q mod 4 swaps and negates.
     */
    public static void sinCosTurn(double u, double[] sc) {
        double t = u * 4.0 + SHIFT;
        double r = u - (t - SHIFT) * 0.25;
        double z = r * r;
        double ps = S8;
        ps = Math.fma(ps, z, S7);
        ps = Math.fma(ps, z, S6);
        ps = Math.fma(ps, z, S5);
        ps = Math.fma(ps, z, S4);
        ps = Math.fma(ps, z, S3);
        ps = Math.fma(ps, z, S2);
        ps = Math.fma(ps, z, S1);
        ps = Math.fma(ps, z, S0);
        double s = r * ps;
        double c = C8;
        c = Math.fma(c, z, C7);
        c = Math.fma(c, z, C6);
        c = Math.fma(c, z, C5);
        c = Math.fma(c, z, C4);
        c = Math.fma(c, z, C3);
        c = Math.fma(c, z, C2);
        c = Math.fma(c, z, C1);
        c = Math.fma(c, z, 1.0);
        int quarter = (int) (Double.doubleToRawLongBits(t) - SHIFT_BITS) & 3;
        boolean odd = (quarter & 1) != 0;
        double sin = odd ? c : s, cos = odd ? s : c;
        sc[0] = (quarter & 2) != 0 ? -sin : sin;
        sc[1] = ((quarter + 1) & 2) != 0 ? -cos : cos;
    }

    /** sin(2 pi u) and cos(2 pi u) in float arithmetic for |u| below 2^20, as vmath.h's jk_vm_sincos_turnf. */
    public static void sinCosTurn(float u, float[] sc) {
        float t = u * 4.0f + SHIFTF;
        float r = u - (t - SHIFTF) * 0.25f;
        float z = r * r;
        float ps = SF4;
        ps = Math.fma(ps, z, SF3);
        ps = Math.fma(ps, z, SF2);
        ps = Math.fma(ps, z, SF1);
        ps = Math.fma(ps, z, SF0);
        float s = r * ps;
        float c = CF5;
        c = Math.fma(c, z, CF4);
        c = Math.fma(c, z, CF3);
        c = Math.fma(c, z, CF2);
        c = Math.fma(c, z, CF1);
        c = Math.fma(c, z, 1.0f);
        int quarter = (Float.floatToRawIntBits(t) - SHIFTF_BITS) & 3;
        boolean odd = (quarter & 1) != 0;
        float sin = odd ? c : s, cos = odd ? s : c;
        sc[0] = (quarter & 2) != 0 ? -sin : sin;
        sc[1] = ((quarter + 1) & 2) != 0 ? -cos : cos;
    }

    // ---- expm1, tanh, sigmoid, log1p, sin and cos: vmath.h's functions of the same names

    /** A double-double's two parts, the functions' scratch (a local of each call; the JIT keeps it in registers). */
    private static final class Pair {
        double hi, lo;
    }

    /** e^x = 2^n (1 + h + l): sets p to (h, l) and returns the shifter sum holding n, as jk_vm_expm1_parts. */
    private static double expm1Parts(double x, Pair p) {
        double t = x * LOG2E + SHIFT;
        double n = t - SHIFT;
        double rh = Math.fma(-n, LN2_HI, x);
        double rl = -n * LN2_LO;
        double r = rh + rl;
        double c = (rh - r) + rl;
        double q = 1.0 / 87178291200.0;
        q = Math.fma(q, r, 1.0 / 6227020800.0);
        q = Math.fma(q, r, 1.0 / 479001600.0);
        q = Math.fma(q, r, 1.0 / 39916800.0);
        q = Math.fma(q, r, 1.0 / 3628800.0);
        q = Math.fma(q, r, 1.0 / 362880.0);
        q = Math.fma(q, r, 1.0 / 40320.0);
        q = Math.fma(q, r, 1.0 / 5040.0);
        q = Math.fma(q, r, 1.0 / 720.0);
        q = Math.fma(q, r, 1.0 / 120.0);
        q = Math.fma(q, r, 1.0 / 24.0);
        q = Math.fma(q, r, 1.0 / 6.0);
        double rr = r * r;
        double rre = Math.fma(r, r, -rr);
        double half = 0.5 * rr;
        double s1 = r + half;
        double e1 = (r - s1) + half;
        double tail = Math.fma(rr * r, q, (e1 + 0.5 * rre) + Math.fma(c, r, c));
        double h = s1 + tail;
        p.hi = h;
        p.lo = (s1 - h) + tail;
        return t;
    }

    /** e^x - 1 as the pair p, as jk_vm_expm1_pair. */
    private static void expm1Pair(double x, Pair p) {
        double xc = x < -45.0 ? -45.0 : x > 710.0 ? 710.0 : x;
        long n = Double.doubleToRawLongBits(expm1Parts(xc, p)) - SHIFT_BITS;
        double pw = Double.longBitsToDouble((n + 1022) << 52); // 2^(n-1)
        boolean exact = n >= -53 && n <= 53; // 2^(n-1) - 1/2 is exact
        double a1 = exact ? pw - 0.5 : pw, a2 = exact ? 0.0 : -0.5, b = pw * p.hi;
        double s0 = a1 + b, bv = s0 - a1, e0 = (a1 - (s0 - bv)) + (b - bv);
        double s = s0 + a2, cv = s - s0, e1 = (s0 - (s - cv)) + (a2 - cv);
        double w = Math.fma(pw, p.lo, e0 + e1);
        double y = s + w;
        p.hi = 2.0 * y;
        p.lo = 2.0 * ((s - y) + w);
    }

    /** The quotient (nh + nl) / (dh + dl) rounded once, as jk_vm_div_pair. */
    private static double divPair(double nh, double nl, double dh, double dl) {
        double inv = 1.0 / dh;
        double q0 = nh * inv;
        double rem = Math.fma(-q0, dh, nh) + (nl - q0 * dl);
        return Math.fma(rem, inv, q0);
    }

    /** e^x - 1, as vmath.h's jk_vm_expm1. */
    public static double expm1(double x) {
        if (x != x || Math.abs(x) < 0x1p-54) {
            return x;
        }
        Pair p = new Pair();
        expm1Pair(x, p);
        return p.hi;
    }

    /** tanh x, as vmath.h's jk_vm_tanh. */
    public static double tanh(double x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs(x), y = a;
        if (a >= 0x1p-28) {
            Pair p = new Pair();
            expm1Pair(2.0 * (a > 22.0 ? 22.0 : a), p);
            double th = p.hi, tl = p.lo;
            double dh = th + 2.0, bv = dh - th, d = (th - (dh - bv)) + (2.0 - bv);
            y = divPair(th, tl, dh, d + tl);
        }
        return Math.copySign(y, x);
    }

    /** The logistic function 1 / (1 + e^-x), as vmath.h's jk_vm_sigmoid. */
    public static double sigmoid(double x) {
        if (x != x) {
            return x;
        }
        double a = -Math.abs(x);
        Pair p = new Pair();
        double t = expm1Parts(a < -746.0 ? -746.0 : a, p);
        double g = 1.0 + p.hi;
        double gl = ((1.0 - g) + p.hi) + p.lo;
        long ni = Double.doubleToRawLongBits(t) - SHIFT_BITS;
        long n1 = ((ni + 1076) >>> 1) - 538, n2 = ni - n1;
        double s1 = Double.longBitsToDouble((n1 + 1023) << 52), s2 = Double.longBitsToDouble((n2 + 1023) << 52);
        double eh = g * s1 * s2, el = gl * s1 * s2;
        double dh = 1.0 + eh;
        double dl = ((1.0 - dh) + eh) + el;
        return x < 0.0 ? divPair(eh, el, dh, dl) : divPair(1.0, 0.0, dh, dl);
    }

    /** log(1 + x), as vmath.h's jk_vm_log1p. */
    public static double log1p(double x) {
        if (x != x || x == Double.POSITIVE_INFINITY || Math.abs(x) < 0x1p-54) {
            return x;
        }
        if (x <= -1.0) {
            return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        double u = 1.0 + x, bv = u - 1.0, e = (1.0 - (u - bv)) + (x - bv);
        double c = e / u;
        return logCore(u, 0.0, Math.fma(-0.5 * c, c, c));
    }

    static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    static final double PIO2_1 = 0x1.921fb54442d18p+0; // pi/2 rounded to double
    static final double PIO2_2 = 0x1.1a62633145c07p-54; // pi/2 - PIO2_1, rounded
    static final double PIO2_3 = -0x1.f1976b7ed8fbcp-110; // pi/2 - PIO2_1 - PIO2_2, rounded
    static final double TRIG_FAST_MAX = 0x1p30; // below: the three-part reduction; from it on: reduceBig

    /** vmath.h's jk_two_over_pi_bits: a word of zeros, then 2/pi's bits after the point, 64 a word. */
    static final long[] TWO_OVER_PI_BITS = {
        0x0000000000000000L, 0xa2f9836e4e441529L, 0xfc2757d1f534ddc0L, 0xdb6295993c439041L,
        0xfe5163abdebbc561L, 0xb7246e3a424dd2e0L, 0x06492eea09d1921cL, 0xfe1deb1cb129a73eL,
        0xe88235f52ebb4484L, 0xe99c7026b45f7e41L, 0x3991d639835339f4L, 0x9c845f8bbdf9283bL,
        0x1ff897ffde05980fL, 0xef2f118b5a0a6d1fL, 0x6d367ecf27cb09b7L, 0x4f463f669e5fea2dL,
        0x7527bac7ebe5f17bL, 0x3d0739f78a5292eaL, 0x6bfb5fb11f8d5d08L, 0x56033046fc7b6babL};

    /** sin x, as vmath.h's jk_vm_sin. */
    public static double sin(double x) {
        if (x != x || Math.abs(x) < 0x1p-27) {
            return x;
        }
        return trig(x, 0);
    }

    /** cos x, as vmath.h's jk_vm_cos. */
    public static double cos(double x) {
        return x != x ? x : trig(x, 1);
    }

    /** sin x (cosine 0) or cos x (cosine 1) of a number, as jk_vm_trig. */
    private static double trig(double x, int cosine) {
        if (Math.abs(x) == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        Pair p = new Pair();
        int q = reduce(x, p) + cosine;
        double y = (q & 1) != 0 ? cosReduced(p.hi, p.lo) : sinReduced(p.hi, p.lo);
        return (q & 2) != 0 ? -y : y;
    }

    /** x = q pi/2 + p.hi + p.lo; returns q (its low two bits are what count), as jk_vm_trig_reduce. */
    private static int reduce(double x, Pair p) {
        if (Math.abs(x) >= TRIG_FAST_MAX) {
            return reduceBig(x, p);
        }
        double t = x * TWO_OVER_PI + SHIFT;
        double n = t - SHIFT;
        double a = Math.fma(-n, PIO2_1, x);
        double bh = n * PIO2_2;
        double be = Math.fma(n, PIO2_2, -bh);
        double b = -bh;
        double s = a + b, bv = s - a, e = (a - (s - bv)) + (b - bv);
        e = (e - be) - n * PIO2_3;
        double rh = s + e;
        p.hi = rh;
        p.lo = (s - rh) + e;
        return (int) (Double.doubleToRawLongBits(t) - SHIFT_BITS);
    }

    /** Payne and Hanek's reduction of a finite |x| from 2^30 on, the integer steps of vmath.h's jk_vm_reduce_big. */
    static int reduceBig(double x, Pair p) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1075; // x = m 2^exponent
        long m = (bits & 0x000fffffffffffffL) | 0x0010000000000000L;
        int g = exponent - 1 + 63;
        long c0 = twoOverPiWord(g), c1 = twoOverPiWord(g + 64), c2 = twoOverPiWord(g + 128);
        long r0 = m * c2;
        long p1 = m * c1;
        long r1 = p1 + unsignedMultiplyHigh(m, c2);
        long r2 = m * c0 + unsignedMultiplyHigh(m, c1) + (Long.compareUnsigned(r1, p1) < 0 ? 1 : 0);
        int q = (int) (r2 >>> 62);
        long hi = (r2 << 2) | (r1 >>> 62), lo = (r1 << 2) | (r0 >>> 62);
        boolean neg = hi < 0;
        q = (q + (neg ? 1 : 0)) & 3;
        if (neg) { // the fraction minus 1, negated
            hi = ~hi + (lo == 0 ? 1 : 0);
            lo = -lo;
        }
        int lz = hi != 0 ? Long.numberOfLeadingZeros(hi) : lo != 0 ? 64 + Long.numberOfLeadingZeros(lo) : 128;
        double rh = 0.0, rl = 0.0;
        if (lz < 128) {
            if (lz >= 64) {
                hi = lo << (lz - 64);
                lo = 0;
            } else if (lz > 0) {
                hi = (hi << lz) | (lo >>> (64 - lz));
                lo <<= lz;
            }
            double fh = Math.scalb((double) (hi >>> 11), -53 - lz);
            double fl = Math.scalb((double) (((hi & 0x7ff) << 42) | (lo >>> 22)), -106 - lz);
            double ph = fh * PIO2_1;
            double pt = Math.fma(fh, PIO2_1, -ph) + (fh * PIO2_2 + fl * PIO2_1);
            double h = ph + pt, l = (ph - h) + pt;
            rh = neg ? -h : h;
            rl = neg ? -l : l;
        }
        if (x < 0) {
            rh = -rh;
            rl = -rl;
            q = (4 - q) & 3;
        }
        p.hi = rh;
        p.lo = rl;
        return q;
    }

    /** 64 bits of the padded expansion of 2/pi from bit g (g = 0 is the first zero), as jk_two_over_pi_window. */
    private static long twoOverPiWord(int g) {
        int k = g >> 6, sh = g & 63;
        long a = TWO_OVER_PI_BITS[k], b = TWO_OVER_PI_BITS[k + 1];
        return sh == 0 ? a : (a << sh) | (b >>> (64 - sh));
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrived in JDK 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** sin(rh + rl) for |rh + rl| at most about pi/4, as jk_vm_sincos_reduced. */
    private static double sinReduced(double rh, double rl) {
        double z = rh * rh;
        double ps = -1.0 / 355687428096000.0;
        ps = Math.fma(ps, z, 1.0 / 1307674368000.0);
        ps = Math.fma(ps, z, -1.0 / 6227020800.0);
        ps = Math.fma(ps, z, 1.0 / 39916800.0);
        ps = Math.fma(ps, z, -1.0 / 362880.0);
        ps = Math.fma(ps, z, 1.0 / 5040.0);
        ps = Math.fma(ps, z, -1.0 / 120.0);
        ps = Math.fma(ps, z, 1.0 / 6.0);
        double hz = 0.5 * z;
        return rh + Math.fma(-(z * rh), ps, Math.fma(-hz, rl, rl));
    }

    /** cos(rh + rl) for |rh + rl| at most about pi/4, as jk_vm_sincos_reduced. */
    private static double cosReduced(double rh, double rl) {
        double z = rh * rh;
        double pc = 1.0 / 6402373705728000.0;
        pc = Math.fma(pc, z, -1.0 / 20922789888000.0);
        pc = Math.fma(pc, z, 1.0 / 87178291200.0);
        pc = Math.fma(pc, z, -1.0 / 479001600.0);
        pc = Math.fma(pc, z, 1.0 / 3628800.0);
        pc = Math.fma(pc, z, -1.0 / 40320.0);
        pc = Math.fma(pc, z, 1.0 / 720.0);
        pc = Math.fma(pc, z, -1.0 / 24.0);
        double hz = 0.5 * z;
        double ze = Math.fma(rh, rh, -z);
        double w = 1.0 - hz;
        double tail = ((1.0 - w) - hz) - Math.fma(0.5, ze, rh * rl);
        return w + Math.fma(-(z * z), pc, tail);
    }

    // ---- the float forms: vmath.h's *_f32 functions, in double arithmetic to about 2^-40, rounded to float once

    /** e^x = 2^n (1 + p): returns p, 2^n in scale.hi, as jk_vm_expm1_40. */
    private static double expm1For40(double x, Pair scale) {
        double t = x * LOG2E + SHIFT;
        double n = t - SHIFT;
        double r = Math.fma(-n, LN2_HI, x);
        r = Math.fma(-n, LN2_LO, r);
        double q = 1.0 / 39916800.0;
        q = Math.fma(q, r, 1.0 / 3628800.0);
        q = Math.fma(q, r, 1.0 / 362880.0);
        q = Math.fma(q, r, 1.0 / 40320.0);
        q = Math.fma(q, r, 1.0 / 5040.0);
        q = Math.fma(q, r, 1.0 / 720.0);
        q = Math.fma(q, r, 1.0 / 120.0);
        q = Math.fma(q, r, 1.0 / 24.0);
        q = Math.fma(q, r, 1.0 / 6.0);
        q = Math.fma(q, r, 0.5);
        scale.hi = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - SHIFT_BITS + 1023) << 52);
        return Math.fma(r * r, q, r);
    }

    /** e^x - 1 of a float, as vmath.h's jk_vm_expm1_f32. */
    public static float expm1(float x) {
        if (x != x || Math.abs(x) < 0x1p-30f) {
            return x;
        }
        double d = x < -104.0f ? -104.0 : x > 89.0f ? 89.0 : x;
        Pair s = new Pair();
        double p = expm1For40(d, s);
        return (float) Math.fma(s.hi, p, s.hi - 1.0);
    }

    /** tanh of a float, as vmath.h's jk_vm_tanh_f32. */
    public static float tanh(float x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs((double) x);
        Pair s = new Pair();
        double p = expm1For40(2.0 * (a > 10.0 ? 10.0 : a), s);
        double t = Math.fma(s.hi, p, s.hi - 1.0);
        return (float) Math.copySign(t / (t + 2.0), x);
    }

    /** The logistic function of a float, as vmath.h's jk_vm_sigmoid_f32. */
    public static float sigmoid(float x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs((double) x);
        Pair s = new Pair();
        double p = expm1For40(-(a > 104.0 ? 104.0 : a), s);
        double e = Math.fma(s.hi, p, s.hi);
        return (float) ((x < 0.0f ? e : 1.0) / (1.0 + e));
    }

    /** log(1 + x) of a float: the double function, rounded once (vmath.h's jk_vm_log1p_f32). */
    public static float log1p(float x) {
        return x != x ? x : (float) log1p((double) x);
    }

    /** sin of a float, as vmath.h's jk_vm_sin_f32. */
    public static float sin(float x) {
        if (x != x || Math.abs(x) < 0x1p-12f) {
            return x;
        }
        return (float) trigFloat(x, 0);
    }

    /** cos of a float, as vmath.h's jk_vm_cos_f32. */
    public static float cos(float x) {
        return x != x ? x : (float) trigFloat(x, 1);
    }

    /** sin (cosine 0) or cos (cosine 1) of a float as a double, as jk_vm_trig_f32. */
    private static double trigFloat(double x, int cosine) {
        if (Math.abs(x) == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        Pair p = new Pair();
        int q = reduce(x, p) + cosine;
        double r = p.hi, z = r * r, y;
        if ((q & 1) == 0) {
            double ps = 1.0 / 6227020800.0;
            ps = Math.fma(ps, z, -1.0 / 39916800.0);
            ps = Math.fma(ps, z, 1.0 / 362880.0);
            ps = Math.fma(ps, z, -1.0 / 5040.0);
            ps = Math.fma(ps, z, 1.0 / 120.0);
            ps = Math.fma(ps, z, -1.0 / 6.0);
            y = Math.fma(r * z, ps, r);
        } else {
            double pc = -1.0 / 87178291200.0;
            pc = Math.fma(pc, z, 1.0 / 479001600.0);
            pc = Math.fma(pc, z, -1.0 / 3628800.0);
            pc = Math.fma(pc, z, 1.0 / 40320.0);
            pc = Math.fma(pc, z, -1.0 / 720.0);
            pc = Math.fma(pc, z, 1.0 / 24.0);
            y = Math.fma(z * z, pc, 1.0 - 0.5 * z);
        }
        return (q & 2) != 0 ? -y : y;
    }
}
