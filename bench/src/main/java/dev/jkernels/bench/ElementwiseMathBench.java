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
 * {@link LogFloatBench}) share: {@code out[i] = f(in[i])} from one array into another, 1 Mi elements (4 or 8
 * MiB each way, in the L3 cache; compute-bound, so no bandwidth limit is quoted), by each implementation.
 * LOOP is {@code Math.exp} or {@code Math.log} in a loop (for floats {@code (float) Math.exp((double) x)}, Java
 * having no float exp or log); JDK_PARALLEL {@code Arrays.parallelSetAll} with it (doubles only); VECTOR_API
 * {@code lanewise(VectorOperators.EXP)} or {@code LOG} on the preferred species (the JDK's SVML-based
 * intrinsics where it has them). Each fork runs one function and one implementation, so the function is the
 * only one its loop sees (and is inlined there). Subclasses declare the parameters.
 */
public abstract class ElementwiseMathBench extends KernelBench implements Workload {
    /** The functions measured: how Math computes each, and its inputs. */
    enum Fn {
        EXP(Math::exp),
        LOG(Math::log);

        final DoubleUnaryOperator math;

        Fn(DoubleUnaryOperator math) {
            this.math = math;
        }

        /** Inputs where the function is finite and varies: exp on [-50, 50], log on (0, 1000). */
        double[] inputs(int size) {
            SplittableRandom r = new SplittableRandom(0xE70961L);
            return this == EXP ? r.doubles(size, -50, 50).toArray() : r.doubles(size, 0x1p-20, 1000).toArray();
        }
    }

    private final Fn fn;
    private final boolean floats;
    private Object out;
    private Runnable run;

    ElementwiseMathBench(Fn fn, boolean floats) {
        this.fn = fn;
        this.floats = floats;
    }

    abstract String impl();

    abstract int size();

    @Override
    @Setup(Level.Trial)
    public void setUp() {
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

    /** Within 2 ulps of Math's result (itself within 1 ulp): the code timed computes the function. */
    private void check(double x, double got, double want, double ulp) {
        if (!(Math.abs(got - want) <= 2 * ulp)) {
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
            case Impl.VECTOR_API -> fn == Fn.EXP ? () -> VectorApiLoops.exp(in, out) : () -> VectorApiLoops.log(in, out);
            default -> {
                VectorMath m = openPool(impl()).math();
                yield fn == Fn.EXP ? () -> m.exp(in, out) : () -> m.log(in, out);
            }
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
            case Impl.VECTOR_API -> fn == Fn.EXP ? () -> VectorApiLoops.exp(in, out) : () -> VectorApiLoops.log(in, out);
            default -> {
                VectorMath m = openPool(impl()).math();
                yield fn == Fn.EXP ? () -> m.exp(in, out) : () -> m.log(in, out);
            }
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
