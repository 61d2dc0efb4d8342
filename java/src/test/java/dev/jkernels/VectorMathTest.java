// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.internal.MathInputs;
import dev.jkernels.internal.MathTwins;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VectorMath on every backend, thread count and ISA path: the same bits as the scalar definition
 * ({@link MathTwins}, itself held to 1 ulp by MathAccuracyTest) for every element, whole, in place and on
 * slices; the special values of {@link Math}; refused arguments. The bits compared are the raw ones, NaN
 * payloads included.
 */
class VectorMathTest {
    /** Several 8192-element chunks per thread and a tail that is no whole vector. */
    private static final int N = 300_007;

    interface DoubleCall {
        void apply(VectorMath m, double[] x, int xOffset, double[] out, int outOffset, int length);
    }

    interface FloatCall {
        void apply(VectorMath m, float[] x, int xOffset, float[] out, int outOffset, int length);
    }

    interface FloatFn {
        float apply(float x);
    }

    /** One function of VectorMath: its calls on both types and its scalar definitions. */
    record Fn(String name, DoubleCall doubles, DoubleUnaryOperator twin, FloatCall floats, FloatFn twinF) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fn> FUNCTIONS = List.of(
            new Fn("exp", VectorMath::exp, MathTwins::exp, VectorMath::exp, MathTwins::exp),
            new Fn("log", VectorMath::log, MathTwins::log, VectorMath::log, MathTwins::log),
            new Fn("sqrt", VectorMath::sqrt, Math::sqrt, VectorMath::sqrt, x -> (float) Math.sqrt(x)),
            new Fn("expm1", VectorMath::expm1, MathTwins::expm1, VectorMath::expm1, MathTwins::expm1),
            new Fn("log1p", VectorMath::log1p, MathTwins::log1p, VectorMath::log1p, MathTwins::log1p),
            new Fn("tanh", VectorMath::tanh, MathTwins::tanh, VectorMath::tanh, MathTwins::tanh),
            new Fn("sigmoid", VectorMath::sigmoid, MathTwins::sigmoid, VectorMath::sigmoid, MathTwins::sigmoid),
            new Fn("sin", VectorMath::sin, MathTwins::sin, VectorMath::sin, MathTwins::sin),
            new Fn("cos", VectorMath::cos, MathTwins::cos, VectorMath::cos, MathTwins::cos));

    private static double[] doubles;
    private static float[] floats;

    static Iterable<PoolConfigs.Config> configs() {
        return PoolConfigs.all();
    }

    @BeforeAll
    static void inputs() {
        SplittableRandom r = new SplittableRandom(0x6A09E667F3BCC908L);
        doubles = MathInputs.all(r, N);
        floats = MathInputs.floats(MathInputs.all(r, N), r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyElementHasTheDefinitionsBits(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            for (Fn fn : FUNCTIONS) {
                double[] out = new double[N];
                fn.doubles.apply(pool.math(), doubles, 0, out, 0, N);
                assertSameBits(doubles, out, fn.twin, config + " " + fn + " doubles");
                float[] outF = new float[N];
                fn.floats.apply(pool.math(), floats, 0, outF, 0, N);
                assertSameBits(floats, outF, fn.twinF, config + " " + fn + " floats");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void inPlaceAndSlicesGiveTheSameBits(PoolConfigs.Config config) {
        SplittableRandom r = new SplittableRandom(config.toString().hashCode());
        try (KernelPool pool = config.open()) {
            for (Fn fn : FUNCTIONS) {
                double[] x = doubles.clone();
                fn.doubles.apply(pool.math(), x, 0, x, 0, N);
                assertSameBits(doubles, x, fn.twin, config + " " + fn + " in place");
                for (int trial = 0; trial < 20; trial++) {
                    int length = r.nextInt(trial < 10 ? 40 : 40_000), xOff = r.nextInt(N - length), outOff = r.nextInt(7);
                    double[] out = new double[outOff + length + 5];
                    Arrays.fill(out, -7.0);
                    fn.doubles.apply(pool.math(), doubles, xOff, out, outOff, length);
                    for (int i = 0; i < out.length; i++) {
                        boolean inside = i >= outOff && i < outOff + length;
                        double want = inside ? fn.twin.applyAsDouble(doubles[xOff + i - outOff]) : -7.0;
                        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(out[i]),
                                () -> config + " " + fn + " slice element " + inside);
                    }
                    float[] outF = new float[outOff + length + 5];
                    fn.floats.apply(pool.math(), floats, xOff, outF, outOff, length);
                    for (int i = 0; i < outF.length; i++) {
                        boolean inside = i >= outOff && i < outOff + length;
                        float want = inside ? fn.twinF.apply(floats[xOff + i - outOff]) : 0f;
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(outF[i]),
                                () -> config + " " + fn + " float slice element " + inside);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void specialValuesAreMaths(PoolConfigs.Config config) {
        double inf = Double.POSITIVE_INFINITY, nan = Double.NaN, min = Double.MIN_VALUE, max = Double.MAX_VALUE;
        try (KernelPool pool = config.open()) {
            VectorMath m = pool.math();
            double[] x = {nan, inf, -inf, 0.0, -0.0, min, -min, max, -max, 1.0, 710, -746, 1e-300, -1e-300, 2.0};
            expect(m.exp(x), x, new double[] {nan, inf, 0.0, 1, 1, 1, 1, inf, 0.0, Math.E, inf, 0.0, 1, 1, Math.exp(2)}, "exp");
            expect(m.log(x), x, new double[] {nan, inf, nan, -inf, -inf, Math.log(min), nan, Math.log(max), nan, 0.0,
                    Math.log(710), nan, Math.log(1e-300), nan, Math.log(2)}, "log");
            expect(m.sqrt(x), x, new double[] {nan, inf, nan, 0.0, -0.0, Math.sqrt(min), nan, Math.sqrt(max), nan, 1,
                    Math.sqrt(710), nan, Math.sqrt(1e-300), nan, Math.sqrt(2)}, "sqrt");
            float finf = Float.POSITIVE_INFINITY, fnan = Float.NaN, fmin = Float.MIN_VALUE, fmax = Float.MAX_VALUE;
            float[] f = {fnan, finf, -finf, 0f, -0f, fmin, -fmin, fmax, -fmax, 1f, 89f, -104f, 1e-30f, -1e-30f, 2f};
            expect(m.exp(f), f, new float[] {fnan, finf, 0f, 1, 1, 1, 1, finf, 0f, (float) Math.E, finf, 0f, 1, 1,
                    (float) Math.exp(2)}, "exp");
            expect(m.log(f), f, new float[] {fnan, finf, fnan, -finf, -finf, (float) Math.log(fmin), fnan,
                    (float) Math.log(fmax), fnan, 0f, (float) Math.log(89), fnan, (float) Math.log(1e-30f), fnan,
                    (float) Math.log(2)}, "log");
            expect(m.sqrt(f), f, new float[] {fnan, finf, fnan, 0f, -0f, (float) Math.sqrt(fmin), fnan,
                    (float) Math.sqrt(fmax), fnan, 1, (float) Math.sqrt(89), fnan, (float) Math.sqrt(1e-30f), fnan,
                    (float) Math.sqrt(2)}, "sqrt");
            double s1 = 0x1.764d4f5d5a2bdp-1, s2 = 0x1.c2f7d5a8a79cap-1; // sigmoid(1), sigmoid(2), correctly rounded (mpmath)
            expect(m.expm1(x), x, new double[] {nan, inf, -1, 0.0, -0.0, min, -min, inf, -1, Math.E - 1, inf, -1, 1e-300,
                    -1e-300, StrictMath.expm1(2)}, "expm1");
            expect(m.log1p(x), x, new double[] {nan, inf, nan, 0.0, -0.0, min, -min, StrictMath.log1p(max), nan,
                    StrictMath.log1p(1), StrictMath.log1p(710), nan, 1e-300, -1e-300, StrictMath.log1p(2)}, "log1p");
            expect(m.tanh(x), x, new double[] {nan, 1, -1, 0.0, -0.0, min, -min, 1, -1, StrictMath.tanh(1), 1, -1, 1e-300,
                    -1e-300, StrictMath.tanh(2)}, "tanh");
            expect(m.sigmoid(x), x, new double[] {nan, 1, 0.0, 0.5, 0.5, 0.5, 0.5, 1, 0.0, s1, 1, 0.0, 0.5, 0.5, s2}, "sigmoid");
            expect(m.sin(x), x, new double[] {nan, nan, nan, 0.0, -0.0, min, -min, StrictMath.sin(max), StrictMath.sin(-max),
                    StrictMath.sin(1), StrictMath.sin(710), StrictMath.sin(-746), 1e-300, -1e-300, StrictMath.sin(2)}, "sin");
            expect(m.cos(x), x, new double[] {nan, nan, nan, 1, 1, 1, 1, StrictMath.cos(max), StrictMath.cos(-max),
                    StrictMath.cos(1), StrictMath.cos(710), StrictMath.cos(-746), 1, 1, StrictMath.cos(2)}, "cos");
            expect(m.expm1(f), f, new float[] {fnan, finf, -1, 0f, -0f, fmin, -fmin, finf, -1, (float) (Math.E - 1), finf, -1,
                    1e-30f, -1e-30f, (float) StrictMath.expm1(2)}, "expm1");
            expect(m.log1p(f), f, new float[] {fnan, finf, fnan, 0f, -0f, fmin, -fmin, (float) StrictMath.log1p(fmax), fnan,
                    (float) StrictMath.log1p(1), (float) StrictMath.log1p(89), fnan, 1e-30f, -1e-30f, (float) StrictMath.log1p(2)}, "log1p");
            expect(m.tanh(f), f, new float[] {fnan, 1, -1, 0f, -0f, fmin, -fmin, 1, -1, (float) StrictMath.tanh(1), 1, -1, 1e-30f,
                    -1e-30f, (float) StrictMath.tanh(2)}, "tanh");
            expect(m.sigmoid(f), f, new float[] {fnan, 1, 0f, 0.5f, 0.5f, 0.5f, 0.5f, 1, 0f, (float) s1, 1, 0f, 0.5f, 0.5f,
                    (float) s2}, "sigmoid");
            expect(m.sin(f), f, new float[] {fnan, fnan, fnan, 0f, -0f, fmin, -fmin, (float) StrictMath.sin(fmax),
                    (float) StrictMath.sin(-fmax), (float) StrictMath.sin(1), (float) StrictMath.sin(89),
                    (float) StrictMath.sin(-104), 1e-30f, -1e-30f, (float) StrictMath.sin(2)}, "sin");
            expect(m.cos(f), f, new float[] {fnan, fnan, fnan, 1, 1, 1, 1, (float) StrictMath.cos(fmax), (float) StrictMath.cos(fmax),
                    (float) StrictMath.cos(1), (float) StrictMath.cos(89), (float) StrictMath.cos(104), 1, 1,
                    (float) StrictMath.cos(2)}, "cos");
            double[] ends = {-1.0, Math.nextUp(-1.0), -1.5, Double.NEGATIVE_INFINITY};
            expect(m.log1p(ends), ends, new double[] {-inf, StrictMath.log1p(Math.nextUp(-1.0)), nan, nan}, "log1p");
            float[] endsF = {-1f, Math.nextUp(-1f), -1.5f, Float.NEGATIVE_INFINITY};
            expect(m.log1p(endsF), endsF, new float[] {-finf, (float) StrictMath.log1p(Math.nextUp(-1f)), fnan, fnan}, "log1p");
            for (Fn fn : FUNCTIONS) { // a NaN made from a number is the canonical one, raw bits (sqrt's is the instruction's)
                if (fn.name.equals("sqrt")) {
                    continue;
                }
                double[] out = new double[x.length];
                fn.doubles.apply(m, x, 0, out, 0, x.length);
                float[] outF = new float[f.length];
                fn.floats.apply(m, f, 0, outF, 0, f.length);
                for (int i = 0; i < x.length; i++) {
                    if (!Double.isNaN(x[i]) && Double.isNaN(out[i])) {
                        assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(out[i]), fn + "(" + x[i] + ")'s NaN");
                    }
                    if (!Float.isNaN(f[i]) && Float.isNaN(outF[i])) {
                        assertEquals(0x7fc00000, Float.floatToRawIntBits(outF[i]), fn + "(" + f[i] + "f)'s NaN");
                    }
                }
            }
            double[] payload = {Double.longBitsToDouble(0x7ff0000000000123L), Double.longBitsToDouble(0xfff8000000abcdefL)};
            for (Fn fn : FUNCTIONS) {
                double[] out = new double[2];
                fn.doubles.apply(m, payload, 0, out, 0, 2);
                assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]), fn + " of NaNs");
            }
            for (Fn fn : FUNCTIONS) {
                if (fn.name.equals("sqrt")) {
                    continue; // the instruction's NaN
                }
                double[] ys = new double[2];
                fn.doubles.apply(m, payload, 0, ys, 0, 2);
                assertEquals(Double.doubleToRawLongBits(payload[1]), Double.doubleToRawLongBits(ys[1]),
                        fn + " gives a quiet NaN input back, payload and sign included");
                float[] fp = {Float.intBitsToFloat(0xffc0abcd)}, fy = new float[1];
                fn.floats.apply(m, fp, 0, fy, 0, 1);
                assertEquals(0xffc0abcd, Float.floatToRawIntBits(fy[0]), fn + " gives a quiet float NaN back");
            }
        }
    }

    /** Results equal to the expected values, each within 1 ulp where the expectation is not exact. */
    private static void expect(double[] got, double[] x, double[] want, String fn) {
        for (int i = 0; i < x.length; i++) {
            String what = fn + "(" + x[i] + ") = " + got[i] + ", expected " + want[i];
            if (Double.isNaN(want[i]) || Double.isInfinite(want[i]) || want[i] == 0 || want[i] == 1) {
                assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]), what);
            } else {
                assertTrue(Math.abs(got[i] - want[i]) <= Math.ulp(want[i]), what);
            }
        }
    }

    private static void expect(float[] got, float[] x, float[] want, String fn) {
        for (int i = 0; i < x.length; i++) {
            String what = fn + "(" + x[i] + "f) = " + got[i] + ", expected " + want[i];
            if (Float.isNaN(want[i]) || Float.isInfinite(want[i]) || want[i] == 0 || want[i] == 1) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), what);
            } else {
                assertTrue(Math.abs(got[i] - want[i]) <= Math.ulp(want[i]), what);
            }
        }
    }

    @Test
    void aSubmittedCallGivesTheSameArray() throws Exception {
        try (KernelPool pool = KernelPool.builder().threads(2).build()) {
            double[] x = Arrays.copyOf(doubles, 100_000);
            double[] got = pool.submit(p -> p.math().log(x)).get();
            assertSameBits(x, got, MathTwins::log, "async log");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jkernels.PoolConfigs#backends")
    void badArgumentsAreRefusedByName(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            VectorMath m = pool.math();
            double[] x = new double[10];
            assertEquals("x is null", assertThrows(NullPointerException.class, () -> m.exp((double[]) null)).getMessage());
            assertEquals("out is null", assertThrows(NullPointerException.class, () -> m.log(x, null)).getMessage());
            assertEquals("x is null", assertThrows(NullPointerException.class,
                    () -> m.sqrt(null, 0, new float[1], 0, 1)).getMessage());
            assertEquals("x.length (10) != out.length (9)",
                    assertThrows(IllegalArgumentException.class, () -> m.exp(x, new double[9])).getMessage());
            assertEquals("x.length (2) != out.length (3)",
                    assertThrows(IllegalArgumentException.class, () -> m.log(new float[2], new float[3])).getMessage());
            expectOutOfBounds(() -> m.exp(x, 8, new double[5], 0, 3), "Range [8, 8 + 3) out of bounds for length 10");
            expectOutOfBounds(() -> m.log(x, 0, new double[5], 3, 3), "Range [3, 3 + 3) out of bounds for length 5");
            expectOutOfBounds(() -> m.sqrt(x, -1, x, 0, 1), "Range [-1, -1 + 1) out of bounds for length 10");
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> m.exp(x, 0, x, 1, 5));
            assertTrue(overlap.getMessage().contains("x and out share elements of one array"), overlap.getMessage());
            float[] f = new float[10];
            assertThrows(IllegalArgumentException.class, () -> m.log(f, 4, f, 2, 5));
            m.exp(x, 2, x, 2, 5); // exactly the same slice: in place
            assertEquals(1.0, x[2]);
            assertEquals(0.0, x[0], "outside the slice untouched");
            m.exp(x, 7, x, 0, 3); // apart in one array
            assertEquals(Math.exp(0), x[0]);
        }
    }

    private static void expectOutOfBounds(Executable call, String message) {
        assertEquals(message, assertThrows(IndexOutOfBoundsException.class, call).getMessage());
    }

    private static void assertSameBits(double[] x, double[] out, DoubleUnaryOperator twin, String what) {
        long[] want = new long[x.length], got = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            want[i] = Double.doubleToRawLongBits(twin.applyAsDouble(x[i]));
            got[i] = Double.doubleToRawLongBits(out[i]);
        }
        assertArrayEquals(want, got, what);
    }

    private static void assertSameBits(float[] x, float[] out, FloatFn twin, String what) {
        int[] want = new int[x.length], got = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            want[i] = Float.floatToRawIntBits(twin.apply(x[i]));
            got[i] = Float.floatToRawIntBits(out[i]);
        }
        assertArrayEquals(want, got, what);
    }
}
