// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector kernels written with the JDK's Vector API (incubating in JDK 17 and 25), the way a Java
 * programmer who wants SIMD without native code writes them: the preferred species (512 bits on an
 * AVX-512 CPU, 256 on AVX2), four accumulators so adds overlap, a scalar tail.
 *
 * <p>Compiled on its own (see bench/pom.xml) and called with plain arrays, so the rest of the bench never
 * names an incubator type; forks run with {@code --add-modules=jdk.incubator.vector}.
 */
public final class VectorApiLoops {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as S has doubles: one load widens into one double vector. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

    private VectorApiLoops() {}

    public static double sum(double[] x) {
        int lanes = S.length();
        int i = 0;
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int end = x.length - 4 * lanes; i <= end; i += 4 * lanes) {
            a0 = a0.add(DoubleVector.fromArray(S, x, i));
            a1 = a1.add(DoubleVector.fromArray(S, x, i + lanes));
            a2 = a2.add(DoubleVector.fromArray(S, x, i + 2 * lanes));
            a3 = a3.add(DoubleVector.fromArray(S, x, i + 3 * lanes));
        }
        for (int end = x.length - lanes; i <= end; i += lanes) {
            a0 = a0.add(DoubleVector.fromArray(S, x, i));
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            s += x[i];
        }
        return s;
    }

    public static double dot(double[] x, double[] y) {
        int lanes = S.length();
        int i = 0;
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int end = x.length - 4 * lanes; i <= end; i += 4 * lanes) {
            a0 = DoubleVector.fromArray(S, x, i).fma(DoubleVector.fromArray(S, y, i), a0);
            a1 = DoubleVector.fromArray(S, x, i + lanes).fma(DoubleVector.fromArray(S, y, i + lanes), a1);
            a2 = DoubleVector.fromArray(S, x, i + 2 * lanes).fma(DoubleVector.fromArray(S, y, i + 2 * lanes), a2);
            a3 = DoubleVector.fromArray(S, x, i + 3 * lanes).fma(DoubleVector.fromArray(S, y, i + 3 * lanes), a3);
        }
        for (int end = x.length - lanes; i <= end; i += lanes) {
            a0 = DoubleVector.fromArray(S, x, i).fma(DoubleVector.fromArray(S, y, i), a0);
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** {@code y += a x}; fused multiply-add per element. */
    public static void axpy(double a, double[] x, double[] y) {
        int lanes = S.length();
        int i = 0;
        DoubleVector va = DoubleVector.broadcast(S, a);
        for (int end = x.length - lanes; i <= end; i += lanes) {
            DoubleVector.fromArray(S, x, i).fma(va, DoubleVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < x.length; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }

    /** {@code x *= a}. */
    public static void scale(double a, double[] x) {
        int lanes = S.length();
        int i = 0;
        DoubleVector va = DoubleVector.broadcast(S, a);
        for (int end = x.length - lanes; i <= end; i += lanes) {
            DoubleVector.fromArray(S, x, i).mul(va).intoArray(x, i);
        }
        for (; i < x.length; i++) {
            x[i] *= a;
        }
    }

    /**
     * The inclusive prefix sum in place, a vector at a time: each vector's own prefix by log2(lanes) shifted
     * adds ({@code unslice}: lanes moved up, zeros in), then the running carry added, the next carry being
     * this vector's last result (jkernels' scan on rows of 8 does the same steps); a scalar tail.
     */
    public static void prefixSum(double[] x) {
        int lanes = S.length();
        DoubleVector carry = DoubleVector.zero(S);
        int i = 0;
        for (int end = x.length - lanes; i <= end; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            for (int shift = 1; shift < lanes; shift <<= 1) {
                v = v.add(v.unslice(shift));
            }
            v = v.add(carry);
            v.intoArray(x, i);
            carry = DoubleVector.broadcast(S, v.lane(lanes - 1));
        }
        for (i = Math.max(i, 1); i < x.length; i++) {
            x[i] += x[i - 1];
        }
    }

    /** The wrapping sum of longs, four accumulators of the preferred species. */
    public static long longSum(long[] x) {
        VectorSpecies<Long> species = LongVector.SPECIES_PREFERRED;
        int lanes = species.length();
        int i = 0;
        LongVector a0 = LongVector.zero(species), a1 = a0, a2 = a0, a3 = a0;
        for (int end = x.length - 4 * lanes; i <= end; i += 4 * lanes) {
            a0 = a0.add(LongVector.fromArray(species, x, i));
            a1 = a1.add(LongVector.fromArray(species, x, i + lanes));
            a2 = a2.add(LongVector.fromArray(species, x, i + 2 * lanes));
            a3 = a3.add(LongVector.fromArray(species, x, i + 3 * lanes));
        }
        long s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            s += x[i];
        }
        return s;
    }

    /** The species in use, for the environment record: "512 bits" or "256 bits". */
    public static String species() {
        return S.vectorBitSize() + " bits";
    }

    /** The sum of floats widened to double (jkernels' float sum's algorithm class), rounded to float. */
    public static float floatSum(float[] x) {
        int lanes = S.length();
        int i = 0;
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0;
        for (int end = x.length - 2 * lanes; i <= end; i += 2 * lanes) {
            a0 = a0.add((DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, S, 0));
            a1 = a1.add((DoubleVector) FloatVector.fromArray(F, x, i + lanes).convertShape(VectorOperators.F2D, S, 0));
        }
        double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            s += x[i];
        }
        return (float) s;
    }

    /**
     * The index of the first largest element: the largest with lanewise max (Math.max's NaN and signed-zero
     * rules), then the first lane equal to it; a NaN or zero maximum returns -1, for the caller's plain loop.
     */
    public static int argmaxOrMinusOne(double[] x) {
        int lanes = S.length();
        if (x.length < lanes) {
            return -1;
        }
        DoubleVector m = DoubleVector.fromArray(S, x, 0);
        int i = lanes;
        for (int end = x.length - lanes; i <= end; i += lanes) {
            m = m.max(DoubleVector.fromArray(S, x, i));
        }
        double best = m.reduceLanes(VectorOperators.MAX);
        for (; i < x.length; i++) {
            best = Math.max(best, x[i]);
        }
        if (Double.isNaN(best) || best == 0) {
            return -1;
        }
        i = 0;
        for (int end = x.length - lanes; i <= end; i += lanes) {
            VectorMask<Double> hit = DoubleVector.fromArray(S, x, i).eq(best);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (; i < x.length; i++) {
            if (x[i] == best) {
                return i;
            }
        }
        return -1;
    }

    /** The stable two-pass population variance, both passes with four vector accumulators. */
    public static double variance(double[] x) {
        double mean = sum(x) / x.length;
        int lanes = S.length();
        int i = 0;
        DoubleVector vm = DoubleVector.broadcast(S, mean), a0 = DoubleVector.zero(S), a1 = a0;
        for (int end = x.length - 2 * lanes; i <= end; i += 2 * lanes) {
            DoubleVector d0 = DoubleVector.fromArray(S, x, i).sub(vm), d1 = DoubleVector.fromArray(S, x, i + lanes).sub(vm);
            a0 = a0.add(d0.mul(d0));
            a1 = a1.add(d1.mul(d1));
        }
        double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return s / x.length;
    }

    /** out[i] = e^in[i], a vector at a time (the JDK's SVML intrinsic where it has one), the tail in a one-lane vector. */
    public static void exp(double[] in, double[] out) {
        elementwise(in, out, VectorOperators.EXP);
    }

    public static void log(double[] in, double[] out) {
        elementwise(in, out, VectorOperators.LOG);
    }

    public static void exp(float[] in, float[] out) {
        elementwise(in, out, VectorOperators.EXP);
    }

    public static void log(float[] in, float[] out) {
        elementwise(in, out, VectorOperators.LOG);
    }

    /** out[i] = f(in[i]) for the Vector API's operator named f (EXPM1, LOG1P, TANH, SIN, COS). */
    public static void map(double[] in, double[] out, String operator) {
        elementwise(in, out, unary(operator));
    }

    public static void map(float[] in, float[] out, String operator) {
        elementwise(in, out, unary(operator));
    }

    private static VectorOperators.Unary unary(String operator) {
        return switch (operator) {
            case "EXPM1" -> VectorOperators.EXPM1;
            case "LOG1P" -> VectorOperators.LOG1P;
            case "TANH" -> VectorOperators.TANH;
            case "SIN" -> VectorOperators.SIN;
            case "COS" -> VectorOperators.COS;
            default -> throw new IllegalArgumentException("no Vector API operator " + operator);
        };
    }

    /** out[i] = 1 / (1 + e^-in[i]): EXP of the negated vector, plus 1, divided into 1 (the Vector API has no sigmoid). */
    public static void sigmoid(double[] in, double[] out) {
        int i = 0;
        for (int end = in.length - S.length(); i <= end; i += S.length()) {
            DoubleVector e = DoubleVector.fromArray(S, in, i).neg().lanewise(VectorOperators.EXP);
            DoubleVector.broadcast(S, 1.0).div(e.add(1.0)).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = 1 / (1 + Math.exp(-in[i]));
        }
    }

    public static void sigmoid(float[] in, float[] out) {
        VectorSpecies<Float> f = FloatVector.SPECIES_PREFERRED;
        int i = 0;
        for (int end = in.length - f.length(); i <= end; i += f.length()) {
            FloatVector e = FloatVector.fromArray(f, in, i).neg().lanewise(VectorOperators.EXP);
            FloatVector.broadcast(f, 1.0f).div(e.add(1.0f)).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = (float) (1 / (1 + Math.exp(-in[i])));
        }
    }

    private static void elementwise(double[] in, double[] out, VectorOperators.Unary op) {
        int i = 0;
        for (int end = in.length - S.length(); i <= end; i += S.length()) {
            DoubleVector.fromArray(S, in, i).lanewise(op).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = DoubleVector.broadcast(DoubleVector.SPECIES_64, in[i]).lanewise(op).lane(0);
        }
    }

    private static void elementwise(float[] in, float[] out, VectorOperators.Unary op) {
        VectorSpecies<Float> f = FloatVector.SPECIES_PREFERRED;
        int i = 0;
        for (int end = in.length - f.length(); i <= end; i += f.length()) {
            FloatVector.fromArray(f, in, i).lanewise(op).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = FloatVector.broadcast(FloatVector.SPECIES_64, in[i]).lanewise(op).lane(0);
        }
    }
}
