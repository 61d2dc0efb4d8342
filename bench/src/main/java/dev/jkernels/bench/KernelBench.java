// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.KernelPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
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
 * What every kernel benchmark shares: the JMH settings of the full suite, and what a trial opens (jkernels
 * pools, OpenBLAS's off-heap arrays) and closes. Subclasses declare {@code @Param impl} and a size, build
 * their inputs and pick the code to time in one {@code @Setup(Level.Trial)} method, and time it in one
 * {@code @Benchmark} method; {@link Workload#runOnce} runs the same call for the generic sweeps.
 *
 * <p>The annotations are the settings of the full suite (3 forks, 5 x 1 s warm-up, 5 x 200 ms measurement),
 * so a plain JMH run of a class measures like {@code full} does; {@code full}, {@code quick} and
 * {@code calibrate} set theirs explicitly ({@code cli/Plan}). Each (impl, size) point runs in its own forks,
 * so the JIT never sees two implementations at one call site.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NATIVE_ACCESS, ForkFlags.VECTOR_MODULE})
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public abstract class KernelBench {
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** 0: the thread count the impl's name says (1 or N); else this many (the thread sweep sets it). */
    private int threadsOverride;

    /** Makes every pool and OpenBLAS run {@code threads} threads instead of what the impl name says. */
    final void overrideThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        threadsOverride = threads;
    }

    /** The operation's key ({@link OpInfo#op}); pinned AUTO pools set that op's thresholds. */
    protected final String op() {
        OpInfo info = getClass().getAnnotation(OpInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " has no @OpInfo");
        }
        return info.op();
    }

    /**
     * Opens the pool {@code impl} names, once per trial, so building and closing it is never timed.
     *
     * @throws IllegalArgumentException if {@code impl} is neither a jkernels configuration nor handled
     *         by the subclass before calling this
     */
    protected final KernelPool openPool(String impl) {
        PoolConfig config = PoolConfig.find(impl).orElseThrow(() -> new IllegalArgumentException(
                getClass().getSimpleName() + " has no implementation named " + impl));
        // Only pinned AUTO pools need the op (benchmarks of no kernel, like AsyncBench, open plain pools).
        KernelPool pool = config.open(config.pinsRoute() ? op() : null,
                threadsOverride > 0 ? threadsOverride : config.defaultThreads());
        opened.add(pool);
        return pool;
    }

    /** Sets OpenBLAS's thread count for {@link Impl#OPENBLAS_1} (1) or {@link Impl#OPENBLAS_N} (N). */
    protected final void useOpenBlasThreads(String impl) {
        int threads = switch (impl) {
            case Impl.OPENBLAS_1, Impl.OPENBLAS_HEAP_1 -> 1;
            case Impl.OPENBLAS_N, Impl.OPENBLAS_HEAP_N -> KernelPool.availableCpus();
            default -> throw new IllegalArgumentException(impl + " is not an OpenBLAS configuration");
        };
        OpenBlas.useThreads(threadsOverride > 0 ? threadsOverride : threads);
    }

    /** Frees {@code p} at tear-down. */
    protected final <P extends Pointer> P freeLater(P p) {
        opened.add(p::deallocate);
        return p;
    }

    /** Closes an executor or anything else the setup opened, at tear-down. */
    protected final void closeLater(AutoCloseable resource) {
        opened.add(resource);
    }

    @TearDown(Level.Trial)
    public final void tearDown() {
        closeResources();
    }

    /** Closes what the trial opened, newest first (also {@link Workload#closeResources} for the sweeps). */
    public final void closeResources() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a benchmark resource failed", e);
                }
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
