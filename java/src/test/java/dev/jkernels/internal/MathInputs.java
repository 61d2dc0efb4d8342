// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.SplittableRandom;

/**
 * Inputs for the element-wise math tests: a fifth random bit patterns (every exponent, both signs, NaNs with
 * payloads, infinities, subnormals), the rest spread over the regions where an implementation goes wrong:
 * the whole useful domain, near 0, near the overflow and underflow thresholds (for exp: the subnormal
 * results), around the reduction's boundaries ((k + 1/2) ln2 for exp; sqrt(2) 2^k and 1 for log), and the
 * subnormal inputs.
 */
public final class MathInputs {
    private MathInputs() {}

    public static double[] exp(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0, 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> uniform(r, -745.2, 709.8);
                case 3 -> Math.scalb(r.nextDouble() - 0.5, -r.nextInt(80)); // near 0
                case 4 -> uniform(r, 709.7, 709.8); // the last finite results
                case 5 -> uniform(r, -745.2, -708.3); // subnormal results and the underflow
                case 6 -> (r.nextInt(2048) - 1075 + 0.5) * Math.log(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-40);
                default -> uniform(r, -40, 40);
            };
        }
        return x;
    }

    public static double[] log(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1, 2 -> Double.longBitsToDouble(r.nextLong() >>> 1); // every positive double, NaNs included
                case 3 -> 1 + Math.scalb(r.nextDouble() - 0.5, -r.nextInt(60)); // near 1
                case 4 -> Math.scalb(Math.sqrt(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-30), r.nextInt(2046) - 1022);
                case 5 -> Double.longBitsToDouble(r.nextLong(1L << 52)); // subnormal
                case 6 -> Math.scalb(1 + (r.nextDouble() - 0.5) * 0x1p-20, r.nextInt(2046) - 1022); // near 2^k
                default -> uniform(r, 0, 4);
            };
        }
        return x;
    }

    public static float[] expFloats(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0, 1 -> Float.intBitsToFloat(r.nextInt());
                case 2 -> (float) uniform(r, -104, 89);
                case 3 -> (float) Math.scalb(r.nextDouble() - 0.5, -r.nextInt(40));
                case 4 -> (float) uniform(r, 88.5, 88.8);
                case 5 -> (float) uniform(r, -104, -87.2);
                case 6 -> (float) ((r.nextInt(280) - 150 + 0.5) * Math.log(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-16));
                default -> (float) uniform(r, -20, 20);
            };
        }
        return x;
    }

    public static float[] logFloats(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1, 2 -> Float.intBitsToFloat(r.nextInt() >>> 1);
                case 3 -> (float) (1 + Math.scalb(r.nextDouble() - 0.5, -r.nextInt(30)));
                case 4 -> (float) Math.scalb(Math.sqrt(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-14), r.nextInt(254) - 126);
                case 5 -> Float.intBitsToFloat(r.nextInt(1 << 23));
                case 6 -> (float) Math.scalb(1 + (r.nextDouble() - 0.5) * 0x1p-10, r.nextInt(254) - 126);
                default -> (float) uniform(r, 0, 4);
            };
        }
        return x;
    }

    /** expm1: exp's regions, and near the reduction's first boundaries (+-ln2/2, +-3 ln2/2), where r is negative and n is 1. */
    public static double[] expm1(SplittableRandom r, int n) {
        double[] x = exp(r, n);
        for (int i = 0; i < n; i += 3) {
            x[i] = (r.nextInt(16) - 8 + 0.5) * Math.log(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-20);
        }
        return x;
    }

    /** log1p: near 0 and -1, the boundaries of m's range (sqrt(2) 2^k - 1), every positive double. */
    public static double[] log1p(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> Double.longBitsToDouble(r.nextLong() >>> 1);
                case 2 -> Math.scalb(r.nextDouble() - 0.5, -r.nextInt(80)); // near 0
                case 3 -> -1 + Math.scalb(r.nextDouble(), -r.nextInt(54)); // near -1
                case 4 -> Math.scalb(Math.sqrt(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-30), r.nextInt(100) - 50) - 1;
                case 5 -> uniform(r, -1, 1);
                case 6 -> uniform(r, -0.3, 0.42); // m's range around 1
                default -> uniform(r, 0, 1e6);
            };
        }
        return x;
    }

    /** tanh: near 0 and 2^-28, the boundaries of expm1(2x)'s reduction, where it reaches 1. */
    public static double[] tanh(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = switch (r.nextInt(8)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> Math.scalb(r.nextDouble(), -r.nextInt(60));
                case 2 -> uniform(r, 0, 25);
                case 3 -> uniform(r, 0, 1);
                case 4 -> (r.nextInt(40) + 0.5) * Math.log(2) / 2 * (1 + (r.nextDouble() - 0.5) * 0x1p-20);
                case 5 -> uniform(r, 18, 23);
                case 6 -> Math.scalb(uniform(r, 0.5, 2), -28);
                default -> uniform(r, 0, 5);
            };
            x[i] = r.nextBoolean() ? v : -v;
        }
        return x;
    }

    /** sigmoid: its whole range, near 0, the subnormal results, where it reaches 1, the reduction's boundaries. */
    public static double[] sigmoid(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(8)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> uniform(r, -750, 750);
                case 2 -> uniform(r, -40, 40);
                case 3 -> Math.scalb(r.nextDouble() - 0.5, -r.nextInt(60));
                case 4 -> uniform(r, -745.2, -708); // subnormal results
                case 5 -> (r.nextInt(1076) + 0.5) * Math.log(2) * (r.nextBoolean() ? 1 : -1) * (1 + (r.nextDouble() - 0.5) * 0x1p-30);
                case 6 -> uniform(r, 30, 40);
                default -> uniform(r, -10, 10);
            };
        }
        return x;
    }

    /**
     * sin and cos: near the multiples of pi/2 (the cancellation in the reduction), near 0, around 2^30 (where
     * the reduction changes), huge arguments, 6381956970095103 2^797 (the double closest to a multiple of pi/2),
     * 1e22 and the largest doubles.
     */
    public static double[] trig(SplittableRandom r, int n) {
        double[] hard = {6381956970095103.0 * 0x1p797, 1e22, Double.MAX_VALUE, 0x1.921fb54442d18p+1023, 0x1p30,
            Math.nextDown(0x1p30), 1.5707963267948966, 3.141592653589793, 4.71238898038469, 0x1.921fb54442d18p+30};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = switch (r.nextInt(8)) {
                case 0, 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> uniform(r, 0, 10);
                case 3 -> { // within a few ulps of k pi/2
                    double k = r.nextInt(1 << (1 + r.nextInt(30)));
                    double m = k * (Math.PI / 2);
                    for (int steps = r.nextInt(8); steps > 0; steps--) {
                        m = r.nextBoolean() ? Math.nextUp(m) : Math.nextDown(m);
                    }
                    yield m;
                }
                case 4 -> Math.scalb(uniform(r, 1, 2), r.nextInt(1024));
                case 5 -> Math.scalb(uniform(r, 0.99, 1.01), 30);
                case 6 -> Math.scalb(r.nextDouble(), -r.nextInt(60));
                default -> i % 64 == 0 ? hard[r.nextInt(hard.length)] : uniform(r, 0, 1e6);
            };
            x[i] = r.nextBoolean() ? v : -v;
        }
        return x;
    }

    /**
     * Every function's inputs above in turn, and the exact edges where a function changes its path (its clamps,
     * the thresholds below which it gives x itself, 2^30 for sin and cos, -1 for log1p), at every tenth place.
     */
    public static double[] all(SplittableRandom r, int n) {
        double[][] parts = {any(r, n / 6), expm1(r, n / 6), log1p(r, n / 6), tanh(r, n / 6), sigmoid(r, n / 6), trig(r, n)};
        double[] edges = {0x1p-54, Math.nextDown(0x1p-54), 0x1p-28, Math.nextDown(0x1p-28), 0x1p-27, Math.nextDown(0x1p-27),
            0x1p-30, 0x1p-12, 0x1p30, Math.nextDown(0x1p30), -45, Math.nextDown(-45.0), 22, Math.nextUp(22.0), 10, 104, 710,
            709.782712893384, -746, -1, Math.nextUp(-1.0), Math.nextDown(-1.0), 89, -104, 0x1p-1022, Double.MIN_VALUE};
        double[] x = new double[n];
        int filled = 0;
        for (double[] part : parts) {
            int take = Math.min(part.length, n - filled);
            System.arraycopy(part, 0, x, filled, take);
            filled += take;
        }
        for (int i = 0; i < n; i += 10) {
            double e = edges[r.nextInt(edges.length)];
            x[i] = r.nextBoolean() ? e : -e;
        }
        return x;
    }

    /** Floats from the double regions (rounded to float), a third random bit patterns. */
    public static float[] floats(double[] regions, SplittableRandom r) {
        float[] x = new float[regions.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) regions[i];
        }
        return x;
    }

    /** Any of the above, for a function that takes everything (sqrt, and the tests of identity). */
    public static double[] any(SplittableRandom r, int n) {
        double[] a = exp(r, n / 2), b = log(r, n - n / 2), x = new double[n];
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        return x;
    }

    public static float[] anyFloats(SplittableRandom r, int n) {
        float[] a = expFloats(r, n / 2), b = logFloats(r, n - n / 2), x = new float[n];
        System.arraycopy(a, 0, x, 0, a.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        return x;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
