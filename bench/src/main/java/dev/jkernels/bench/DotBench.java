package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.ojalgo.array.ArrayR064;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code vectors().dot(x, y)}: one multiply-add per 16 bytes read, read-only. LOOP is the obvious
 * {@code s += x[i] * y[i]} (one add at a time); NETLIB is {@code ddot}; EJML is {@code innerProd} and
 * ojAlgo {@code ArrayR064.dot} on arrays wrapped without copying, once per trial.
 */
@OpInfo(op = "dot")
public class DotBench extends KernelBench {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N,
            Impl.NETLIB, Impl.EJML, Impl.OJALGO})
    public String impl;

    /** Elements: 128 B, 8 KiB (L1), 512 KiB (L2), 8 MiB (L3), 128 MiB (memory) per array. */
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    public int size;

    private double[] x;
    private double[] y;
    private DoubleSupplier dot;

    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 4);
        y = Inputs.doubles(size, 5);
        dot = switch (impl) {
            case Impl.LOOP -> () -> {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    s += x[i] * y[i];
                }
                return s;
            };
            case Impl.JDK_PARALLEL -> () -> IntStream.range(0, x.length).parallel().mapToDouble(i -> x[i] * y[i]).sum();
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.ddot(x.length, x, 1, y, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj mx = DMatrixRMaj.wrap(x.length, 1, x);
                DMatrixRMaj my = DMatrixRMaj.wrap(y.length, 1, y);
                yield () -> VectorVectorMult_DDRM.innerProd(mx, my);
            }
            case Impl.OJALGO -> {
                ArrayR064 ax = ArrayR064.wrap(x);
                ArrayR064 ay = ArrayR064.wrap(y);
                yield () -> ax.dot(ay);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.dot(x, y);
            }
        };
        double expected = IntStream.range(0, x.length).mapToDouble(i -> x[i] * y[i]).sum();
        Verify.close(expected, dot.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double dot() {
        return dot.getAsDouble();
    }
}
