package dev.jkernels.bench;

import dev.jkernels.VectorOps;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code vectors().norm2(x)}: one multiply and one add per 8 bytes read, read-only.
 *
 * <p>What each competitor is: LOOP is {@code Math.sqrt} of the obvious {@code s += v * v}, the same
 * unscaled algorithm as jkernels but waiting for each add; NETLIB's {@code dnrm2} and EJML's
 * {@code normF} scale as they go to avoid overflow, which costs more per element and is a different
 * algorithm: they are peers users pick, not twins (their result agrees to a few ulp on these inputs).
 */
@OpInfo(op = "norm2")
public class Norm2Bench extends KernelBench {
    @Param({Impl.LOOP, Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N, Impl.NETLIB, Impl.EJML})
    public String impl;

    /** Elements: 128 B, 8 KiB (L1), 512 KiB (L2), 8 MiB (L3), 128 MiB (memory). */
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    public int size;

    private double[] x;
    private DoubleSupplier norm;

    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.doubles(size, 3);
        norm = switch (impl) {
            case Impl.LOOP -> () -> {
                double s = 0;
                for (double v : x) {
                    s += v * v;
                }
                return Math.sqrt(s);
            };
            case Impl.NETLIB -> {
                BLAS blas = BLAS.getInstance();
                yield () -> blas.dnrm2(x.length, x, 1);
            }
            case Impl.EJML -> {
                DMatrixRMaj m = DMatrixRMaj.wrap(x.length, 1, x);
                yield () -> NormOps_DDRM.normF(m);
            }
            default -> {
                VectorOps ops = openPool(impl).vectors();
                yield () -> ops.norm2(x);
            }
        };
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        Verify.close(Math.sqrt(s), norm.getAsDouble(), Verify.SUM_TOLERANCE, impl);
    }

    @Benchmark
    public double norm2() {
        return norm.getAsDouble();
    }
}
