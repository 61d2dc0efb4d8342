// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.SplittableRandom;

/** Random inputs for the specs' samplers (the registry-driven tests). Not API. */
final class Samples {
    private Samples() {}

    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-310};

    /** Doubles of mixed magnitude and sign, with a special value now and then. */
    static double[] doubles(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(64) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7) - 3);
        }
        return x;
    }

    /** Finite doubles of moderate size (no special values): for reductions whose sums should not overflow. */
    static double[] finiteDoubles(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(7) - 3);
        }
        return x;
    }

    /** Floats of mixed magnitude and sign, with a special value now and then (the doubles' ones, rounded). */
    static float[] floats(SplittableRandom r, int n) {
        double[] d = doubles(r, n);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) d[i];
        }
        return x;
    }

    /** Longs of every magnitude, so sums wrap. */
    static long[] longs(SplittableRandom r, int n) {
        return r.longs(n).toArray();
    }

    /** Ints of every magnitude, extremes now and then. */
    static int[] ints(SplittableRandom r, int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(16) == 0 ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : r.nextInt();
        }
        return x;
    }

    /** Doubles of every exponent and sign (random bit patterns: NaNs, infinities, subnormals included) half the time, else {@link #doubles}. */
    static double[] anyDoubles(SplittableRandom r, int n) {
        double[] x = doubles(r, n);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                x[i] = Double.longBitsToDouble(r.nextLong());
            }
        }
        return x;
    }

    /** Floats of every exponent and sign half the time, else {@link #floats}. */
    static float[] anyFloats(SplittableRandom r, int n) {
        float[] x = floats(r, n);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                x[i] = Float.intBitsToFloat(r.nextInt());
            }
        }
        return x;
    }
}
