package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every kernel benchmark shares: the JMH settings of the full suite, and the jkernels pool of the
 * trial. Subclasses declare {@code @Param impl} and a size, build their inputs and pick the code to time
 * in one {@code @Setup(Level.Trial)} method, and time it in one {@code @Benchmark} method.
 *
 * <p>Settings (one fork, 3 x 150 ms warm-up, 5 x 200 ms measurement) keep the full suite near 10.5
 * minutes per JDK on a 2-core machine, within a 12-minute budget; bench/README.md has the count. The
 * simple loops measured here are compiled within the first milliseconds, and a 16 Mi-element call
 * takes about 10 ms, so even the longest points get dozens of warm-up calls. Each (impl, size) point
 * runs in its own fork, so the JIT never sees two implementations at one call site.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.NATIVE_ACCESS, ForkFlags.VECTOR_MODULE})
@Warmup(iterations = 3, time = 150, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public abstract class KernelBench {
    private KernelPool pool;

    /**
     * Opens the pool {@code impl} names, once per trial, so building and closing it is never timed.
     *
     * @throws IllegalArgumentException if {@code impl} is neither a jkernels configuration nor handled
     *         by the subclass before calling this
     */
    protected final KernelPool openPool(String impl) {
        PoolConfig config = PoolConfig.find(impl).orElseThrow(() -> new IllegalArgumentException(
                getClass().getSimpleName() + " has no implementation named " + impl));
        pool = config.open();
        return pool;
    }

    @TearDown(Level.Trial)
    public final void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
