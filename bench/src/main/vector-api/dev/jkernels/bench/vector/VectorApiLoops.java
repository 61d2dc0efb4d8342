// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
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

    /** The species in use, for the environment record: "512 bits" or "256 bits". */
    public static String species() {
        return S.vectorBitSize() + " bits";
    }
}
