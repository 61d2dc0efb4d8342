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
        double xs = tiny ? x * 0x1p54 : x;
        long u = Double.doubleToRawLongBits(xs) + (0x3ff0000000000000L - SQRT_HALF_BITS);
        double m = Double.longBitsToDouble((u & 0x000fffffffffffffL) + SQRT_HALF_BITS);
        double k = (Double.longBitsToDouble((u >>> 52) | 0x4330000000000000L) - (0x1p52 + 1023.0)) - (tiny ? 54.0 : 0.0);
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
        double b = Math.fma(k, LOG_LN2_LO, s * (hfsq + w * z)) - hfsq;
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
}
