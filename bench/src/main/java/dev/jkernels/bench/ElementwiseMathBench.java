// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.VectorMath;
import dev.jkernels.bench.vector.VectorApiLoops;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the element-wise math benchmarks ({@link ExpBench}, {@link LogBench}, {@link ExpFloatBench},
 * {@link LogFloatBench}, {@link MathFunctionsBench}) share: {@code out[i] = f(in[i])} from one array into
 * another, by each implementation; at 1 Mi elements 4 or 8 MiB each way, in the L3 cache (compute-bound, so no
 * bandwidth limit is quoted). LOOP is the {@code Math} method in a loop (sigmoid: {@code 1 / (1 + Math.exp(-x))};
 * for floats {@code (float) Math.f((double) x)}, Java having no float forms); JDK_PARALLEL
 * {@code Arrays.parallelSetAll} with it (doubles only); VECTOR_API {@code lanewise(VectorOperators.EXP)} and
 * the like on the preferred species (the JDK's SVML-based intrinsics where it has them; sigmoid from EXP, ADD
 * and DIV). Each fork runs one function and one implementation, so the function is the only one its loop sees
 * (and is inlined there). Subclasses declare the parameters.
 */
public abstract class ElementwiseMathBench extends KernelBench implements Workload {
    /** The functions measured: how Math computes each, and its inputs. */
    enum Fn {
        EXP(Math::exp, -50, 50),
        LOG(Math::log, 0x1p-20, 1000),
        EXPM1(Math::expm1, -5, 5),
        LOG1P(Math::log1p, -0.99, 100),
        TANH(Math::tanh, -5, 5),
        SIGMOID(x -> 1 / (1 + Math.exp(-x)), -20, 20),
        SIN(Math::sin, -1000, 1000),
        COS(Math::cos, -1000, 1000);

        final DoubleUnaryOperator math;
        /** The inputs' range: where the function is finite and varies, as applications call it. */
        final double from, to;

        Fn(DoubleUnaryOperator math, double from, double to) {
            this.math = math;
            this.from = from;
            this.to = to;
        }

        double[] inputs(int size) {
            return new SplittableRandom(0xE70961L).doubles(size, from, to).toArray();
        }

        void vectorApi(double[] in, double[] out) {
            switch (this) {
                case EXP -> VectorApiLoops.exp(in, out);
                case LOG -> VectorApiLoops.log(in, out);
                case SIGMOID -> VectorApiLoops.sigmoid(in, out);
                default -> VectorApiLoops.map(in, out, name());
            }
        }

        void vectorApi(float[] in, float[] out) {
            switch (this) {
                case EXP -> VectorApiLoops.exp(in, out);
                case LOG -> VectorApiLoops.log(in, out);
                case SIGMOID -> VectorApiLoops.sigmoid(in, out);
                default -> VectorApiLoops.map(in, out, name());
            }
        }

        Runnable jkernels(VectorMath m, double[] in, double[] out) {
            return switch (this) {
                case EXP -> () -> m.exp(in, out);
                case LOG -> () -> m.log(in, out);
                case EXPM1 -> () -> m.expm1(in, out);
                case LOG1P -> () -> m.log1p(in, out);
                case TANH -> () -> m.tanh(in, out);
                case SIGMOID -> () -> m.sigmoid(in, out);
                case SIN -> () -> m.sin(in, out);
                case COS -> () -> m.cos(in, out);
            };
        }

        Runnable jkernels(VectorMath m, float[] in, float[] out) {
            return switch (this) {
                case EXP -> () -> m.exp(in, out);
                case LOG -> () -> m.log(in, out);
                case EXPM1 -> () -> m.expm1(in, out);
                case LOG1P -> () -> m.log1p(in, out);
                case TANH -> () -> m.tanh(in, out);
                case SIGMOID -> () -> m.sigmoid(in, out);
                case SIN -> () -> m.sin(in, out);
                case COS -> () -> m.cos(in, out);
            };
        }
    }

    private Fn fn;
    private boolean floats;
    private Object out;
    private Runnable run;

    abstract String impl();

    abstract int size();

    /** The function measured. */
    abstract Fn fn();

    /** Floats rather than doubles. */
    abstract boolean floats();

    @Override
    @Setup(Level.Trial)
    public void setUp() {
        fn = fn();
        floats = floats();
        double[] in = fn.inputs(size());
        if (floats) {
            float[] inF = new float[in.length], outF = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                inF[i] = (float) in[i];
            }
            run = floats(inF, outF);
            out = outF;
            run.run();
            for (int i = 0; i < in.length; i++) {
                float want = (float) fn.math.applyAsDouble(inF[i]);
                check(inF[i], outF[i], want, Math.ulp(want));
            }
        } else {
            double[] outD = new double[in.length];
            run = doubles(in, outD);
            out = outD;
            run.run();
            for (int i = 0; i < in.length; i++) {
                double want = fn.math.applyAsDouble(in[i]);
                check(in[i], outD[i], want, Math.ulp(want));
            }
        }
    }

    /** Within 3 ulps of Math's result (itself within 1 ulp; sigmoid's within 2): the code timed computes the function. */
    private void check(double x, double got, double want, double ulp) {
        if (!(Math.abs(got - want) <= 3 * ulp)) {
            throw new IllegalStateException(impl() + ": " + fn + "(" + x + ") = " + got + ", expected " + want);
        }
    }

    private Runnable doubles(double[] in, double[] out) {
        DoubleUnaryOperator f = fn.math;
        return switch (impl()) {
            case Impl.LOOP -> () -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = f.applyAsDouble(in[i]);
                }
            };
            case Impl.JDK_PARALLEL -> () -> Arrays.parallelSetAll(out, i -> f.applyAsDouble(in[i]));
            case Impl.VECTOR_API -> () -> fn.vectorApi(in, out);
            default -> fn.jkernels(openPool(impl()).math(), in, out);
        };
    }

    private Runnable floats(float[] in, float[] out) {
        DoubleUnaryOperator f = fn.math;
        return switch (impl()) {
            case Impl.LOOP -> () -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = (float) f.applyAsDouble(in[i]);
                }
            };
            case Impl.VECTOR_API -> () -> fn.vectorApi(in, out);
            default -> fn.jkernels(openPool(impl()).math(), in, out);
        };
    }

    @Benchmark
    public Object map() {
        run.run();
        return out;
    }

    @Override
    public void runOnce(Blackhole bh) {
        run.run();
        bh.consume(out);
    }
}
