// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * Element-wise math: the twins of {@code native/src/ops/vmath.c}. Slot 0 is x (read), slot 1 out (written, the
 * same length, possibly exactly x); out[i] = f(x[i]) with the functions of {@link MathTwins}, whose bits match
 * the native kernels' on every path, so any cut of the range gives the same output. Not API.
 */
public final class MathSpecs {
    private MathSpecs() {}

    /** Elements per chunk, as MATH_GRAIN in vmath.c. */
    static final int GRAIN = 8192;

    @FunctionalInterface
    private interface DoubleFn {
        double apply(double x);
    }

    @FunctionalInterface
    private interface FloatFn {
        float apply(float x);
    }

    /** e^x of doubles. */
    public static final OpSpec EXP = doubles("math_exp_f64", "exp", MathTwins::exp);
    /** Natural logarithm of doubles. */
    public static final OpSpec LOG = doubles("math_log_f64", "log", MathTwins::log);
    /** Square root of doubles, correctly rounded. */
    public static final OpSpec SQRT = doubles("math_sqrt_f64", "sqrt", Math::sqrt);
    /** e^x of floats, in float arithmetic. */
    public static final OpSpec EXP_F32 = floats("math_exp_f32", "exp_f32", MathTwins::exp);
    /** Natural logarithm of floats, in float arithmetic. */
    public static final OpSpec LOG_F32 = floats("math_log_f32", "log_f32", MathTwins::log);
    /** Square root of floats, correctly rounded. */
    public static final OpSpec SQRT_F32 = floats("math_sqrt_f32", "sqrt_f32", x -> (float) Math.sqrt(x));

    /** e^x - 1 of doubles. */
    public static final OpSpec EXPM1 = doubles("math_expm1_f64", "expm1", MathTwins::expm1);
    /** log(1 + x) of doubles. */
    public static final OpSpec LOG1P = doubles("math_log1p_f64", "log1p", MathTwins::log1p);
    /** Hyperbolic tangent of doubles. */
    public static final OpSpec TANH = doubles("math_tanh_f64", "tanh", MathTwins::tanh);
    /** The logistic function of doubles. */
    public static final OpSpec SIGMOID = doubles("math_sigmoid_f64", "sigmoid", MathTwins::sigmoid);
    /** Sine of doubles. */
    public static final OpSpec SIN = doubles("math_sin_f64", "sin", MathTwins::sin);
    /** Cosine of doubles. */
    public static final OpSpec COS = doubles("math_cos_f64", "cos", MathTwins::cos);
    /** e^x - 1 of floats, in double arithmetic rounded once. */
    public static final OpSpec EXPM1_F32 = floats("math_expm1_f32", "expm1_f32", MathTwins::expm1);
    /** log(1 + x) of floats, in double arithmetic rounded once. */
    public static final OpSpec LOG1P_F32 = floats("math_log1p_f32", "log1p_f32", MathTwins::log1p);
    /** Hyperbolic tangent of floats, in double arithmetic rounded once. */
    public static final OpSpec TANH_F32 = floats("math_tanh_f32", "tanh_f32", MathTwins::tanh);
    /** The logistic function of floats, in double arithmetic rounded once. */
    public static final OpSpec SIGMOID_F32 = floats("math_sigmoid_f32", "sigmoid_f32", MathTwins::sigmoid);
    /** Sine of floats, in double arithmetic rounded once. */
    public static final OpSpec SIN_F32 = floats("math_sin_f32", "sin_f32", MathTwins::sin);
    /** Cosine of floats, in double arithmetic rounded once. */
    public static final OpSpec COS_F32 = floats("math_cos_f32", "cos_f32", MathTwins::cos);

    private static OpSpec doubles(String name, String autoKey, DoubleFn fn) {
        return elementwise(name, autoKey, SlotType.DOUBLE)
                .twin((a, threads) -> {
                    double[] x = (double[]) a.a0, out = (double[]) a.a1;
                    int xo = a.o0, oo = a.o1;
                    return Twin.range(a.n0, GRAIN, 1, true, (from, to, self) -> {
                        for (int i = from; i < to; i++) {
                            out[oo + i] = fn.apply(x[xo + i]);
                        }
                        return 0;
                    });
                })
                .sample((r, size) -> {
                    int off = r.nextInt(8);
                    return new Args().slot(Samples.anyDoubles(r, size + off), off, size).slot(new double[size + 3], 3, size);
                })
                .build();
    }

    private static OpSpec floats(String name, String autoKey, FloatFn fn) {
        return elementwise(name, autoKey, SlotType.FLOAT)
                .twin((a, threads) -> {
                    float[] x = (float[]) a.a0, out = (float[]) a.a1;
                    int xo = a.o0, oo = a.o1;
                    return Twin.range(a.n0, GRAIN, 1, true, (from, to, self) -> {
                        for (int i = from; i < to; i++) {
                            out[oo + i] = fn.apply(x[xo + i]);
                        }
                        return 0;
                    });
                })
                .sample((r, size) -> {
                    int off = r.nextInt(8);
                    return new Args().slot(Samples.anyFloats(r, size + off), off, size).slot(new float[size + 3], 3, size);
                })
                .build();
    }

    /** What every element-wise op shares: x read, out written (the same length, possibly x itself). */
    private static OpSpec.Builder elementwise(String name, String autoKey, SlotType type) {
        return OpSpec.builder(name, autoKey)
                .slot("x", type, Role.READ).slot("out", type, Role.WRITE)
                .flags(OpSpec.STREAMING | OpSpec.IN_PLACE | OpSpec.SAME_LENGTH)
                .autoDefaults(64, 32_768); // a guess: calibrate does not measure these yet (calibrated = false in ExpBench &c.)
    }
}
