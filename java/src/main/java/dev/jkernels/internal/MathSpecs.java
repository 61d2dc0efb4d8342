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
