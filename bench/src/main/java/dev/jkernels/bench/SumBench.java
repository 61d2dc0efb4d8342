package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ojalgo.array.ArrayR064;
import org.ojalgo.function.aggregator.Aggregator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code vectors().sum(x)}: one add per 8 bytes read, read-only, so nothing needs resetting.
 *
 * <p>Note what each competitor is: LOOP is the obvious {@code s += x[i]}, which waits for each add before
 * the next, while jkernels adds in 8 lanes; JDK_PARALLEL is {@code DoubleStream.sum()}, which is
 * Kahan-compensated (more work per element, more accuracy); BLAS has no plain sum, so NETLIB calls
 * {@code dasum}, equal to the sum here because the inputs are non-negative; ojAlgo's aggregate returns a
 * boxed {@code Double}, which it forces on its users. Wrappers (EJML, ojAlgo) wrap the array without
 * copying, once per trial.
 */
@OpInfo(op = "sum")
public class SumBench extends KernelBench {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N,
            Impl.NETLIB, Impl.EJML, Impl.OJALGO})
    public String impl;

    /** Elements: 128 B, 8 KiB (L1), 512 KiB (L2), 8 MiB (L3), 128 MiB (memory). */
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    public int size;

    private double[] x;
    private DoubleSupplier sum;

    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 3);
        sum = switch (impl) {
            case Impl.LOOP -> () -> {
                double s = 0;
                for (double v : x) {
                    s += v;
                }
                return s;
            };
            case Impl.JDK_PARALLEL -> () -> Arrays.stream(x).parallel().sum();
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.dasum(x.length, x, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj m = DMatrixRMaj.wrap(x.length, 1, x);
                yield () -> CommonOps_DDRM.elementSum(m);
            }
            case Impl.OJALGO -> {
                ArrayR064 a = ArrayR064.wrap(x);
                yield () -> a.aggregateAll(Aggregator.SUM);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.sum(x);
            }
        };
        Verify.close(Arrays.stream(x).sum(), sum.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double sum() {
        return sum.getAsDouble();
    }
}
