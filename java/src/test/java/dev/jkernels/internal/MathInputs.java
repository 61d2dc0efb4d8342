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
