// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.TestScale;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The element-wise math definitions ({@link MathTwins}, which every native path matches bit for bit:
 * VectorMathTest) within 1 ulp of the exact result. Doubles against this file's own 36-digit BigDecimal
 * exp, expm1, log, log1p, tanh, sigmoid, sin and cos (the last two after a 400-digit reduction by pi/2, pi by
 * Machin's formula), floats against StrictMath's double result (within 2^-29 float ulps of exact). The number of
 * points per function is {@code -Djkernels.sweep.points} (default 100000, 20000 at the quick {@link TestScale});
 * {@code -Djkernels.sweep.floats=all} checks every float instead. The maxima found are printed, for the README.
 */
class MathAccuracyTest {
    private static final int POINTS = Integer.getInteger("jkernels.sweep.points", TestScale.pick(100_000, 20_000));
    private static final boolean ALL_FLOATS = "all".equals(System.getProperty("jkernels.sweep.floats"));
    /** 36 digits: every reference value is within 10^-32 of exact, relative, far below the 10^-20 the ulp counts need. */
    private static final MathContext MC = new MathContext(36, RoundingMode.HALF_EVEN);
    private static final BigDecimal EPS = BigDecimal.ONE.movePointLeft(38);
    private static final BigDecimal[] INVERSES = inverses(200); // 1/k, for the series
    private static final BigDecimal[] INVERSE_FACTORIALS = inverseFactorials(60);
    private static final BigDecimal LN2 = ln2();
    private static final BigDecimal SQRT2 = BigDecimal.valueOf(2).sqrt(MC);
    private static final BigDecimal E = expSeries(BigDecimal.ONE);

    // ---- the constants

    @Test
    void theSplitsOfLn2AreWhatTheCommentsSay() {
        assertNearest(LN2, MathTwins.LN2_HI, "LN2_HI");
        assertNearest(LN2.subtract(new BigDecimal(MathTwins.LN2_HI)), MathTwins.LN2_LO, "LN2_LO");
        assertNearest(LN2.subtract(new BigDecimal(MathTwins.LOG_LN2_HI)), MathTwins.LOG_LN2_LO, "LOG_LN2_LO");
        assertTrue(Long.numberOfTrailingZeros(Double.doubleToRawLongBits(MathTwins.LOG_LN2_HI)) >= 52 - 31,
                "LOG_LN2_HI has at most 32 significant bits, so k * it is exact for |k| < 2^21");
        assertNearestFloat(LN2, MathTwins.LN2_HIF, "LN2_HIF");
        assertNearestFloat(LN2.subtract(new BigDecimal(MathTwins.LN2_HIF)), MathTwins.LN2_LOF, "LN2_LOF");
        assertNearestFloat(LN2.subtract(new BigDecimal(MathTwins.LOG_LN2_HIF)), MathTwins.LOG_LN2_LOF, "LOG_LN2_LOF");
        assertTrue(Integer.numberOfTrailingZeros(Float.floatToRawIntBits(MathTwins.LOG_LN2_HIF)) >= 23 - 12,
                "LOG_LN2_HIF has at most 13 significant bits, so k * it is exact for |k| < 2^11");
        BigDecimal sqrtHalf = BigDecimal.valueOf(0.5).sqrt(new MathContext(60));
        assertNearest(sqrtHalf, Double.longBitsToDouble(MathTwins.SQRT_HALF_BITS), "SQRT_HALF_BITS");
        assertNearestFloat(sqrtHalf, Float.intBitsToFloat(MathTwins.SQRT_HALF_BITSF), "SQRT_HALF_BITSF");
    }

    private static void assertNearest(BigDecimal exact, double d, String name) {
        BigDecimal error = exact.subtract(new BigDecimal(d)).abs();
        BigDecimal halfUlp = new BigDecimal(Math.ulp(d)).divide(BigDecimal.valueOf(2));
        assertTrue(error.compareTo(halfUlp) <= 0, name + " = " + d + " is not the double nearest " + exact);
    }

    private static void assertNearestFloat(BigDecimal exact, float f, String name) {
        BigDecimal error = exact.subtract(new BigDecimal(f)).abs();
        BigDecimal halfUlp = new BigDecimal(Math.ulp(f)).divide(BigDecimal.valueOf(2));
        assertTrue(error.compareTo(halfUlp) <= 0, name + " = " + f + " is not the float nearest " + exact);
    }

    // ---- doubles

    @Test
    void expIsWithinOneUlp() {
        double[] x = MathInputs.exp(new SplittableRandom(1), POINTS);
        double worst = 0, at = Double.NaN;
        for (double v : x) {
            if (Double.isFinite(v)) {
                double e = expUlps(v, MathTwins.exp(v));
                if (e > worst) {
                    worst = e;
                    at = v;
                }
            }
        }
        System.out.printf("exp double: max %.4f ulp at %s over %d points%n", worst, Double.toHexString(at), POINTS);
        assertTrue(worst <= 1.0, "exp is " + worst + " ulp off at " + at);
    }

    @Test
    void logIsWithinOneUlp() {
        double[] x = MathInputs.log(new SplittableRandom(2), POINTS);
        double worst = 0, at = Double.NaN;
        for (double v : x) {
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                double e = logUlps(v, MathTwins.log(v));
                if (e > worst) {
                    worst = e;
                    at = v;
                }
            }
        }
        System.out.printf("log double: max %.4f ulp at %s over %d points%n", worst, Double.toHexString(at), POINTS);
        assertTrue(worst <= 1.0, "log is " + worst + " ulp off at " + at);
    }

    /**
     * exp overflows and underflows exactly where the correctly rounded function does: the thresholds the
     * VectorMath Javadoc states are the last x with a finite (nonzero) result.
     */
    @Test
    void expOverflowsAndUnderflowsAtTheCorrectlyRoundedThresholds() {
        double over = 709.782712893384, under = -745.1332191019411;
        BigDecimal maxPlusHalf = new BigDecimal(Double.MAX_VALUE).add(new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2)));
        BigDecimal halfMin = new BigDecimal(Double.MIN_VALUE).divide(BigDecimal.valueOf(2));
        assertTrue(exp(new BigDecimal(over)).compareTo(maxPlusHalf) < 0, "e^" + over + " rounds to a finite double");
        assertTrue(exp(new BigDecimal(Math.nextUp(over))).compareTo(maxPlusHalf) >= 0, "e^nextUp(" + over + ") rounds to Infinity");
        assertTrue(exp(new BigDecimal(under)).compareTo(halfMin) > 0, "e^" + under + " rounds to MIN_VALUE");
        assertTrue(exp(new BigDecimal(Math.nextDown(under))).compareTo(halfMin) <= 0, "e^nextDown(" + under + ") rounds to 0");
        assertTrue(Double.isFinite(MathTwins.exp(over)) && MathTwins.exp(Math.nextUp(over)) == Double.POSITIVE_INFINITY);
        assertEquals(Double.MIN_VALUE, MathTwins.exp(under));
        assertEquals(0.0, MathTwins.exp(Math.nextDown(under)));
        float overF = 88.72283f, underF = -103.97208f;
        assertTrue(Float.isFinite(MathTwins.exp(overF)) && MathTwins.exp(Math.nextUp(overF)) == Float.POSITIVE_INFINITY);
        assertEquals(Float.MIN_VALUE, MathTwins.exp(underF));
        assertEquals(0.0f, MathTwins.exp(Math.nextDown(underF)));
        assertTrue((float) StrictMath.exp(overF) < Float.POSITIVE_INFINITY && (float) StrictMath.exp(Math.nextUp(overF)) == Float.POSITIVE_INFINITY);
        assertEquals(Float.MIN_VALUE, (float) StrictMath.exp(underF));
        assertEquals(0.0f, (float) StrictMath.exp(Math.nextDown(underF)));
    }

    /** |computed - exact| in ulps of the exact result (+Infinity counting as 2^1024, one ulp above MAX_VALUE). */
    static double expUlps(double x, double computed) {
        if (x > 710 || x < -746) { // far beyond the thresholds
            return computed == (x > 0 ? Double.POSITIVE_INFINITY : 0.0) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (computed == 0) {
            return exp(new BigDecimal(x)).divide(new BigDecimal(Double.MIN_VALUE), MC).doubleValue();
        }
        if (computed == Double.POSITIVE_INFINITY) { // 2^53 ulps of MAX_VALUE, 2^971 each
            BigDecimal scaled = exp(new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(971), MC), MC));
            BigDecimal infinity = new BigDecimal(BigInteger.ONE.shiftLeft(53));
            return infinity.subtract(scaled.min(infinity)).doubleValue(); // beyond 2^1024 rounds to Infinity as 2^1024 does
        }
        int exponent = Math.max(Math.getExponent(computed), -1022);
        int e = exponent - 52; // computed = m 2^e with m an integer
        BigDecimal m = new BigDecimal(Math.scalb(computed, -e));
        BigDecimal scaled = exp(new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(e), MC), MC)); // e^x / 2^e
        return ulps(m, scaled, exponent, computed);
    }

    /** |computed - exact| in ulps of the exact result, for log. */
    static double logUlps(double x, double computed) {
        BigDecimal exact = log(x);
        if (computed == 0) {
            return exact.signum() == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        int exponent = Math.getExponent(computed), e = exponent - 52;
        BigDecimal m = new BigDecimal(Math.scalb(computed, -e));
        return ulps(m, exact.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-e)), MC), exponent, computed);
    }

    /**
     * |m - scaled| where both are the value over 2^e, the computed one's ulp; when the computed value is a
     * power of two (not the smallest normal) and the exact one below it, the exact one's ulp is half that.
     */
    private static double ulps(BigDecimal m, BigDecimal scaled, int exponent, double computed) {
        BigDecimal d = m.subtract(scaled, MC);
        boolean powerOfTwo = Math.abs(computed) == Math.scalb(1.0, exponent);
        double u = d.abs().doubleValue();
        boolean exactBelow = d.signum() * Math.signum(computed) > 0;
        return powerOfTwo && exactBelow && exponent > -1022 ? 2 * u : u;
    }

    // ---- expm1, log1p, tanh, sigmoid, sin, cos

    @Test
    void expm1IsWithinOneUlp() {
        assertWithinOneUlp("expm1", MathInputs.expm1(new SplittableRandom(11), POINTS), MathTwins::expm1, MathAccuracyTest::expm1);
    }

    @Test
    void log1pIsWithinOneUlp() {
        assertWithinOneUlp("log1p", MathInputs.log1p(new SplittableRandom(12), POINTS), MathTwins::log1p, MathAccuracyTest::log1p);
    }

    @Test
    void tanhIsWithinOneUlp() {
        assertWithinOneUlp("tanh", MathInputs.tanh(new SplittableRandom(13), POINTS), MathTwins::tanh, MathAccuracyTest::tanh);
    }

    @Test
    void sigmoidIsWithinOneUlp() {
        assertWithinOneUlp("sigmoid", MathInputs.sigmoid(new SplittableRandom(14), POINTS), MathTwins::sigmoid, MathAccuracyTest::sigmoid);
    }

    @Test
    void sinIsWithinOneUlp() {
        assertWithinOneUlp("sin", MathInputs.trig(new SplittableRandom(15), POINTS), MathTwins::sin, x -> sinCos(x, 0));
    }

    @Test
    void cosIsWithinOneUlp() {
        assertWithinOneUlp("cos", MathInputs.trig(new SplittableRandom(16), POINTS), MathTwins::cos, x -> sinCos(x, 1));
    }

    /** The float forms against StrictMath's double result (sigmoid: its double 1 / (1 + exp(-x))). */
    @Test
    void floatFunctionsInDoubleArithmeticAreWithinHalfAnUlpAndABit() {
        SplittableRandom r = new SplittableRandom(17);
        int n = 10 * POINTS;
        checkFloats("expm1", MathInputs.floats(MathInputs.expm1(r, n), r), MathTwins::expm1, StrictMath::expm1);
        checkFloats("log1p", MathInputs.floats(MathInputs.log1p(r, n), r), MathTwins::log1p, StrictMath::log1p);
        checkFloats("tanh", MathInputs.floats(MathInputs.tanh(r, n), r), MathTwins::tanh, StrictMath::tanh);
        checkFloats("sigmoid", MathInputs.floats(MathInputs.sigmoid(r, n), r), MathTwins::sigmoid, x -> 1 / (1 + StrictMath.exp(-x)));
        checkFloats("sin", MathInputs.floats(MathInputs.trig(r, n), r), MathTwins::sin, StrictMath::sin);
        checkFloats("cos", MathInputs.floats(MathInputs.trig(r, n), r), MathTwins::cos, StrictMath::cos);
    }

    private static void checkFloats(String name, float[] x, FloatFn f, DoubleUnaryOperator reference) {
        double worst = 0;
        float at = Float.NaN;
        long count = ALL_FLOATS ? 1L << 32 : x.length;
        for (long i = 0; i < count; i++) {
            float v = ALL_FLOATS ? Float.intBitsToFloat((int) i) : x[(int) i];
            double e = floatUlps(f.apply(v), reference.applyAsDouble(v));
            if (e > worst) {
                worst = e;
                at = v;
            }
        }
        System.out.printf("%s float: max %.4f ulp at %s (%s)%n", name, worst, Float.toHexString(at),
                ALL_FLOATS ? "every float" : count + " points");
        // the double value is within about 2^-40 of exact (log1p's 2^-52), so the float is the rounding of a value
        // within 2^-16 float ulps of exact: 0.5 + 2^-16 at worst (0.5 + 2^-12 leaves room for the reference's error)
        assertTrue(worst <= 0.5 + 0x1p-12, name + " float is " + worst + " ulp off at " + at);
    }

    interface FloatFn {
        float apply(float x);
    }

    /** expm1 overflows where exp does (the 1 is far below an ulp there), doubles and floats. */
    @Test
    void expm1OverflowsWhereExpDoes() {
        double over = 709.782712893384;
        assertTrue(Double.isFinite(MathTwins.expm1(over)) && MathTwins.expm1(Math.nextUp(over)) == Double.POSITIVE_INFINITY);
        float overF = 88.72283f;
        assertTrue(Float.isFinite(MathTwins.expm1(overF)) && MathTwins.expm1(Math.nextUp(overF)) == Float.POSITIVE_INFINITY);
    }

    @Test
    void theTableOfTwoOverPiHoldsItsBits() {
        BigDecimal twoOverPi = BigDecimal.valueOf(2).divide(PI, PI_MC);
        BigInteger bits = twoOverPi.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(64 * 19))).toBigInteger();
        for (int k = 1; k < 20; k++) {
            long word = bits.shiftRight(64 * (19 - k)).longValue();
            assertEquals(word, MathTwins.TWO_OVER_PI_BITS[k], "word " + k + " of 2/pi");
        }
        assertEquals(0, MathTwins.TWO_OVER_PI_BITS[0]);
        assertNearest(HALF_PI, MathTwins.PIO2_1, "PIO2_1");
        assertNearest(HALF_PI.subtract(new BigDecimal(MathTwins.PIO2_1)), MathTwins.PIO2_2, "PIO2_2");
        assertNearest(HALF_PI.subtract(new BigDecimal(MathTwins.PIO2_1)).subtract(new BigDecimal(MathTwins.PIO2_2)), MathTwins.PIO2_3, "PIO2_3");
    }

    private static void assertWithinOneUlp(String name, double[] x, DoubleUnaryOperator f, java.util.function.DoubleFunction<BigDecimal> exact) {
        double worst = 0, at = Double.NaN;
        for (double v : x) {
            BigDecimal want = Double.isFinite(v) ? exact.apply(v) : null;
            if (want == null) {
                continue; // infinities and log1p's x <= -1: the special values' table (VectorMathTest) covers them
            }
            double got = f.applyAsDouble(v);
            double e = Double.isNaN(got) ? Double.POSITIVE_INFINITY : ulpsOf(got, want);
            if (e > worst) {
                worst = e;
                at = v;
            }
        }
        System.out.printf("%s double: max %.4f ulp at %s over %d points%n", name, worst, Double.toHexString(at), x.length);
        assertTrue(worst <= 1.0, name + " is " + worst + " ulp off at " + Double.toHexString(at));
    }

    /**
     * |computed - exact| in ulps of the exact value (the spacing of doubles in its binade; 2^-1074 below the
     * normals). An infinite result counts as exact where the exact value rounds to it (beyond MAX_VALUE plus
     * half its ulp), a zero one where the exact value is below half of MIN_VALUE.
     */
    static double ulpsOf(double computed, BigDecimal exact) {
        BigDecimal abs = exact.abs();
        if (Double.isInfinite(computed)) {
            BigDecimal limit = new BigDecimal(Double.MAX_VALUE).add(new BigDecimal(Math.ulp(Double.MAX_VALUE)).divide(BigDecimal.valueOf(2)));
            return abs.compareTo(limit) >= 0 && Math.signum(computed) == exact.signum() ? 0 : Double.POSITIVE_INFINITY;
        }
        if (exact.signum() == 0) {
            return computed == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double approx = abs.doubleValue();
        int exponent = approx == 0 ? -1075 : Math.getExponent(approx);
        if (exponent >= -1022 && abs.compareTo(new BigDecimal(Math.scalb(1.0, exponent))) < 0) {
            exponent--; // the exact value lies just below the power of two it rounds to
        }
        BigDecimal ulp = new BigDecimal(Math.scalb(1.0, Math.max(exponent, -1022) - 52));
        return new BigDecimal(computed).subtract(exact).abs().divide(ulp, MC).doubleValue();
    }

    /** e^x - 1: the series itself for |x| below 1 (no cancellation), e^x - 1 beyond. */
    static BigDecimal expm1(double x) {
        if (Math.abs(x) >= 1) { // clamped: beyond, the results round to -1 and Infinity as at the ends
            return exp(new BigDecimal(Math.max(-800, Math.min(x, 720)))).subtract(BigDecimal.ONE, MC);
        }
        BigDecimal r = new BigDecimal(x), power = BigDecimal.ONE, sum = BigDecimal.ZERO;
        for (int k = 1;; k++) {
            power = power.multiply(r, MC);
            BigDecimal term = power.multiply(INVERSE_FACTORIALS[k], MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(sum.abs().multiply(EPS)) < 0) {
                return sum;
            }
        }
    }

    /** log(1 + x) for x > -1 (null at and below -1): 2 atanh(x / (2 + x)) near 0 (no cancellation), log of the exact 1 + x beyond. */
    static BigDecimal log1p(double x) {
        if (x <= -1) {
            return null;
        }
        BigDecimal xd = new BigDecimal(x);
        if (Math.abs(x) < 0.5) {
            return twiceAtanh(xd.divide(xd.add(BigDecimal.valueOf(2)), MC));
        }
        BigDecimal y = xd.add(BigDecimal.ONE);
        int k = Math.getExponent(y.doubleValue());
        BigDecimal m = k >= 0 ? y.divide(new BigDecimal(BigInteger.ONE.shiftLeft(k))) : y.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
        if (m.compareTo(SQRT2) >= 0) {
            m = m.divide(BigDecimal.valueOf(2));
            k++;
        } else if (m.multiply(SQRT2).compareTo(BigDecimal.ONE) < 0) {
            m = m.multiply(BigDecimal.valueOf(2));
            k--;
        }
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        return LN2.multiply(BigDecimal.valueOf(k), MC).add(twiceAtanh(s), MC);
    }

    /** tanh x = t / (t + 2), t = e^(2|x|) - 1, the sign of x; |x| beyond 40 as 40 (both round to 1). */
    static BigDecimal tanh(double x) {
        BigDecimal t = expm1(2 * Math.min(Math.abs(x), 40));
        BigDecimal y = t.divide(t.add(BigDecimal.valueOf(2)), MC);
        return x < 0 ? y.negate() : y;
    }

    /** 1 / (1 + e^-x); |x| beyond 750 as 750 (the results round to 1 and 0). */
    static BigDecimal sigmoid(double x) {
        double c = Math.max(-750, Math.min(750, x));
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(new BigDecimal(-c))), MC);
    }

    /** 400 digits: x - k pi/2 keeps 60 digits for the largest doubles (10^308) and the closest ones to k pi/2. */
    private static final MathContext PI_MC = new MathContext(400, RoundingMode.HALF_EVEN);
    private static final BigDecimal PI = machinPi();
    private static final BigDecimal HALF_PI = PI.divide(BigDecimal.valueOf(2));

    /** sin x (quarter 0) or cos x (quarter 1): x = k pi/2 + r exactly to 400 digits, then the series of r. */
    static BigDecimal sinCos(double x, int quarter) {
        BigDecimal xd = new BigDecimal(x);
        BigInteger k = xd.divide(HALF_PI, PI_MC).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = xd.subtract(HALF_PI.multiply(new BigDecimal(k)), PI_MC).round(MC);
        int q = k.add(BigInteger.valueOf(quarter)).mod(BigInteger.valueOf(4)).intValue();
        BigDecimal y = (q & 1) == 0 ? sinSeries(r) : cosSeries(r);
        return (q & 2) == 0 ? y : y.negate();
    }

    private static BigDecimal sinSeries(BigDecimal r) {
        return trigSeries(r, r, 1);
    }

    private static BigDecimal cosSeries(BigDecimal r) {
        return trigSeries(r, BigDecimal.ONE, 0);
    }

    /** first - first r^2/((j+1)(j+2)) + ...: the Taylor series of sin (j = 1) or cos (j = 0) for |r| at most 1. */
    private static BigDecimal trigSeries(BigDecimal r, BigDecimal first, int j) {
        BigDecimal r2 = r.multiply(r, MC), term = first, sum = first;
        if (r.signum() == 0) {
            return first;
        }
        for (int k = j;; k += 2) {
            term = term.multiply(r2, MC).multiply(INVERSES[k + 1], MC).multiply(INVERSES[k + 2], MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(sum.abs().multiply(EPS)) < 0) {
                return sum;
            }
        }
    }

    /** pi = 16 atan(1/5) - 4 atan(1/239) (Machin), to PI_MC's digits. */
    private static BigDecimal machinPi() {
        return atanInverse(5).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239).multiply(BigDecimal.valueOf(4)), PI_MC);
    }

    /** atan(1/n) = 1/n - 1/(3 n^3) + 1/(5 n^5) - ... */
    private static BigDecimal atanInverse(int n) {
        BigDecimal n2 = BigDecimal.valueOf((long) n * n), power = BigDecimal.ONE.divide(BigDecimal.valueOf(n), PI_MC), sum = power;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(410);
        for (int k = 3;; k += 2) {
            power = power.divide(n2, PI_MC);
            BigDecimal term = power.divide(BigDecimal.valueOf(k), PI_MC);
            sum = (k & 2) != 0 ? sum.subtract(term, PI_MC) : sum.add(term, PI_MC);
            if (term.compareTo(eps) < 0) {
                return sum;
            }
        }
    }

    // ---- floats

    @Test
    void floatExpAndLogAreWithinOneUlp() {
        double worstExp = 0, worstLog = 0;
        float atExp = Float.NaN, atLog = Float.NaN;
        if (ALL_FLOATS) {
            for (long bits = 0; bits <= 0xFFFFFFFFL; bits++) {
                float v = Float.intBitsToFloat((int) bits);
                double e = floatUlps(MathTwins.exp(v), StrictMath.exp(v)), l = v > 0 ? floatUlps(MathTwins.log(v), StrictMath.log(v)) : 0;
                if (e > worstExp) {
                    worstExp = e;
                    atExp = v;
                }
                if (l > worstLog) {
                    worstLog = l;
                    atLog = v;
                }
            }
        } else {
            SplittableRandom r = new SplittableRandom(3);
            for (float v : MathInputs.expFloats(r, 10 * POINTS)) {
                double e = floatUlps(MathTwins.exp(v), StrictMath.exp(v));
                if (e > worstExp) {
                    worstExp = e;
                    atExp = v;
                }
            }
            for (float v : MathInputs.logFloats(r, 10 * POINTS)) {
                double l = v > 0 ? floatUlps(MathTwins.log(v), StrictMath.log(v)) : 0;
                if (l > worstLog) {
                    worstLog = l;
                    atLog = v;
                }
            }
        }
        String points = ALL_FLOATS ? "every float" : 10 * POINTS + " points";
        System.out.printf("exp float: max %.4f ulp at %s; log float: max %.4f ulp at %s (%s)%n", worstExp,
                Float.toHexString(atExp), worstLog, Float.toHexString(atLog), points);
        assertTrue(worstExp <= 1.0, "float exp is " + worstExp + " ulp off at " + atExp);
        assertTrue(worstLog <= 1.0, "float log is " + worstLog + " ulp off at " + atLog);
    }

    /**
     * |computed - exact| in float ulps of the exact value, which is the double reference (its own error,
     * 2^-52 relative, is below 2^-28 float ulps); +Infinity counts as 2^128. NaN, infinities and zeros
     * that match count as exact.
     */
    static double floatUlps(float computed, double exact) {
        if (Double.isNaN(exact) || Float.isNaN(computed) || (double) computed == exact) {
            return Float.isNaN(computed) == Double.isNaN(exact) ? 0 : Double.POSITIVE_INFINITY;
        }
        double c = computed == Float.POSITIVE_INFINITY ? 0x1p128 : computed == Float.NEGATIVE_INFINITY ? -0x1p128 : computed;
        double ex = Math.max(-0x1p128, Math.min(0x1p128, exact)); // beyond 2^128 rounds to Infinity as 2^128 does
        int exponent = Math.max(Math.min(Math.getExponent(ex), 127), -126);
        return Math.abs(c - ex) / Math.scalb(1.0, exponent - 23);
    }

    // ---- the BigDecimal reference

    /** e^x: e^j (j the integer nearest x) times the Taylor series of e^(x - j). */
    static BigDecimal exp(BigDecimal x) {
        BigDecimal j = x.setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal ej = E.pow(Math.abs(j.intValueExact()), MC);
        BigDecimal series = expSeries(x.subtract(j));
        return j.signum() >= 0 ? series.multiply(ej, MC) : series.divide(ej, MC);
    }

    /** The sum of r^k / k! for |r| at most 1, until the terms are below 10^-38. */
    private static BigDecimal expSeries(BigDecimal r) {
        BigDecimal sum = BigDecimal.ONE, power = BigDecimal.ONE;
        for (int k = 1;; k++) {
            power = power.multiply(r, MC);
            BigDecimal term = power.multiply(INVERSE_FACTORIALS[k], MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPS) < 0) {
                return sum;
            }
        }
    }

    /** log x of a positive finite double: x = m 2^k with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh((m - 1)/(m + 1)). */
    static BigDecimal log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int k = x >= Double.MIN_NORMAL ? Math.getExponent(x) : -1074 + (63 - Long.numberOfLeadingZeros(bits));
        BigDecimal xd = new BigDecimal(x);
        BigDecimal m = k >= 0 ? xd.divide(new BigDecimal(BigInteger.ONE.shiftLeft(k)))
                : xd.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
        if (m.compareTo(SQRT2) >= 0) {
            m = m.divide(BigDecimal.valueOf(2));
            k++;
        }
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        return LN2.multiply(BigDecimal.valueOf(k), MC).add(twiceAtanh(s), MC);
    }

    /** 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) for |s| at most 1/3, until the terms are below 10^-38. */
    private static BigDecimal twiceAtanh(BigDecimal s) {
        BigDecimal s2 = s.multiply(s, MC), power = s, sum = s;
        for (int k = 3;; k += 2) {
            power = power.multiply(s2, MC);
            BigDecimal term = power.multiply(INVERSES[k], MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPS) < 0) {
                return sum.multiply(BigDecimal.valueOf(2));
            }
        }
    }

    /** ln 2 = 2 atanh(1/3). */
    private static BigDecimal ln2() {
        return twiceAtanh(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC));
    }

    private static BigDecimal[] inverses(int n) {
        BigDecimal[] inv = new BigDecimal[n];
        for (int k = 1; k < n; k++) {
            inv[k] = BigDecimal.ONE.divide(BigDecimal.valueOf(k), MC);
        }
        return inv;
    }

    private static BigDecimal[] inverseFactorials(int n) {
        BigDecimal[] inv = new BigDecimal[n];
        BigDecimal factorial = BigDecimal.ONE;
        for (int k = 1; k < n; k++) {
            factorial = factorial.multiply(BigDecimal.valueOf(k));
            inv[k] = BigDecimal.ONE.divide(factorial, MC);
        }
        return inv;
    }
}
