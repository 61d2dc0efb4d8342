// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import dev.jkernels.internal.Args;
import dev.jkernels.internal.AsyncJob;
import dev.jkernels.internal.AutoEngine;
import dev.jkernels.internal.AutoThresholds;
import dev.jkernels.internal.Checks;
import dev.jkernels.internal.Engine;
import dev.jkernels.internal.JavaEngine;
import dev.jkernels.internal.NativeEngine;
import dev.jkernels.internal.NativeLibrary;
import dev.jkernels.internal.OpSpec;
import dev.jkernels.internal.Outcome;
import dev.jkernels.internal.Recorder;
import dev.jkernels.internal.Settings;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A fixed set of worker threads that runs jkernels' kernels: native pthreads outside the JVM's control for
 * {@link Backend#NATIVE}, Java threads of the library's own (scheduled the same way) for {@link Backend#JAVA}.
 *
 * <pre>{@code
 * try (KernelPool pool = KernelPool.create()) {              // threads = CPUs this process may use
 *     long[] fibs = pool.map(LongKernels.FIB, new long[] {38, 37, 36, 35, 34, 33});
 *     double s = pool.vectors().sum(x);
 *     KernelFuture<Double> f = pool.submit(p -> p.vectors().sum(x));   // any operation, asynchronously
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> A pool computes on exactly {@link #threads()} threads. Calls from many Java threads at
 * once are safe and queue onto the same workers: no thread is created per call and the pool never
 * oversubscribes the CPUs it was sized for. A native call's Java thread sleeps until its job is done.
 * Items are split into chunks that idle workers pull as they finish, so items of uneven cost balance.
 *
 * <p><b>Arguments.</b> Every argument is checked in Java before any work starts: a null array gives a
 * {@link NullPointerException}, mismatched lengths or an input outside a kernel's domain an
 * {@link IllegalArgumentException} naming the values, a closed pool an {@link IllegalStateException}. A
 * failed call leaves the pool usable.
 *
 * <p><b>Results</b> are the same on both backends, at every thread count and on every ISA path: bit for bit
 * for the maps and for {@link VectorOps} (for NaN results: NaN everywhere, sign and payload unspecified).
 *
 * <p><b>Asynchronous calls.</b> Every operation has an asynchronous form, {@link #submit(Call)}: give it
 * one call of the pool ({@code p -> p.vectors().dot(x, y)}) and it returns a {@link KernelFuture} at once.
 * The call's input arrays (not buffers: see below) are copied before {@code submit} returns, so the caller
 * may change or reuse them immediately (NATIVE copies into native memory the job owns, JAVA into private arrays); the arrays it
 * writes are filled just before the future completes (never after a cancel). Futures complete on the
 * pool's delivery threads, never on a worker; see {@link KernelFuture}.
 *
 * <p id="buffers"><b>Off-heap memory.</b> Every operation that takes arrays also takes direct NIO buffers of
 * the same element type ({@code DoubleBuffer} for {@code double[]}, ...), for instance views of an
 * {@link OffHeapArray} or of {@link java.nio.ByteBuffer#allocateDirect}. A buffer stands for its remaining
 * elements, from its position to its limit; offsets a method takes count from the position, and indices it
 * returns ({@code argmin}, {@code argsort}) are the buffer's absolute ones. Its position, limit and mark are
 * never changed. NATIVE (and AUTO's native routes) read and write the buffer where it is, without copying or
 * pinning anything, synchronously and asynchronously; JAVA copies it into an array and back (its twins
 * compute on arrays): the same results either way. A heap buffer with an accessible array is used as that
 * array. Refused, with the exception named: a buffer of another element type or a heap buffer without an
 * accessible array (read-only, or a view of a heap ByteBuffer) ({@link IllegalArgumentException}), a view not in the native byte order ({@link IllegalArgumentException}:
 * make the view after {@code ByteBuffer.order(ByteOrder.nativeOrder())}), a read-only buffer where the
 * operation writes ({@link java.nio.ReadOnlyBufferException}), a buffer of a closed {@link OffHeapArray}
 * ({@link IllegalStateException}, when the native library is loaded). Written buffers obey the array rules on sharing: a written buffer must be
 * exactly another argument or apart from it, judged by the memory they view (with the native library loaded;
 * without it, only buffers that are the same object can be told to share). A view whose address is not a
 * multiple of its element size (of a {@code ByteBuffer} at an odd position) works, copied.
 * <b>Asynchronously</b>, a job works in the buffer itself while it runs: the library keeps the buffer
 * reachable until the future completes (and an {@link OffHeapArray} closed meanwhile is freed only after),
 * but the caller must not read or write the buffer before then; a job that fails or is cancelled may have
 * written part of it. Memory that is not the JVM's or an {@link OffHeapArray}'s (a buffer over an
 * {@code Arena}'s segment, over another library's memory) is the caller's to keep alive until the call
 * returns or the future completes: the library cannot see when it is freed.
 *
 * <p><b>Closing</b> waits for the calls already running, synchronous and asynchronous, then stops the
 * workers; later calls throw {@link IllegalStateException}. {@link #shutdownNow()} cancels instead of
 * waiting. No worker or delivery thread outlives {@link #close()}, except a delivery thread still running a
 * dependent stage, which ends when the stage returns (close does not wait for user code, which may be waiting
 * for the thread that closes). Close pools when done
 * (try-with-resources): a pool that becomes unreachable without being closed is closed by a {@link Cleaner}
 * safety net, but only whenever the garbage collector gets to it, and its threads live until then.
 */
public final class KernelPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.jkernels");
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();
    private static final Cleaner CLEANER = Cleaner.create(task -> {
        Thread t = new Thread(task, "jkernels-cleaner");
        t.setDaemon(true);
        return t;
    });

    /**
     * One call of a pool's operations, to run asynchronously with {@link KernelPool#submit(Call)}: for
     * example {@code p -> p.vectors().sum(x)} or {@code p -> p.map(LongKernels.FIB, in)}.
     *
     * <p>The function must make exactly one operation call on the pool it is given and return that call's
     * result unchanged: its value ({@code sum}'s double, boxed), or the array it fills ({@code map}'s
     * result), or for an operation that returns nothing, {@code null} or one of the arrays it writes. The
     * function runs once, on the submitting thread, before {@code submit} returns; the operation does not
     * run then: the pool it gets only records which operation and arguments were asked for, and answers
     * with a placeholder result. So do not compute with the result inside the function, keep it, or keep
     * the pool it gets: {@code submit} rejects a result that is not the placeholder (arithmetic, rounding
     * or a sign change on it are caught), but cannot see what the function did with it otherwise. Do the
     * rest in a dependent stage: {@code pool.submit(p -> p.vectors().sum(x)).thenApply(s -> s * 2)}. Calls
     * on another pool inside the function run synchronously there, as any code would.
     *
     * @param <T> the call's result type
     */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Makes the call.
         *
         * @param pool the pool to call (a recording view of the submitting pool)
         * @return the call's result, unchanged
         */
        T on(KernelPool pool);
    }

    private final Engine engine;
    private final Backend backend;
    private final VectorOps vectors;
    private final Images images;
    private final Blas blas;
    private final RandomOps random;
    private final VectorMath math;
    private final Sorting sorting;
    private final Recorder recorder; // non-null only in a recording view (submit)
    private final Cleaner.Cleanable cleanable; // closes the engine once: from close() or, if forgotten, the Cleaner
    /** Calls running now; close() waits for it to reach 0 (see enter()). */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object closeLock = new Object(); // serializes closers; calls never take it
    private volatile Thread closer; // the close() waiting for running calls, for exit() to wake
    private volatile boolean closed; // the engine is closed or closing
    private volatile boolean closing; // close() or shutdownNow() has begun: new calls are refused
    private volatile boolean cancelling; // shutdownNow() has begun

    private KernelPool(Engine engine, Backend backend) {
        this.engine = engine;
        this.backend = backend;
        this.vectors = new VectorOps(this);
        this.images = new Images(this);
        this.blas = new Blas(this);
        this.random = new RandomOps(this);
        this.math = new VectorMath(this);
        this.sorting = new Sorting(this);
        this.recorder = null;
        this.cleanable = CLEANER.register(this, engine::close); // the action must not capture `this`
    }

    /** A recording view of {@code pool} for {@link #submit(Call)}: its operations record, nothing runs. */
    private KernelPool(KernelPool pool, Recorder recorder) {
        this.engine = recorder;
        this.backend = pool.backend;
        this.vectors = new VectorOps(this);
        this.images = new Images(this);
        this.blas = new Blas(this);
        this.random = new RandomOps(this);
        this.math = new VectorMath(this);
        this.sorting = new Sorting(this);
        this.recorder = recorder;
        this.cleanable = null;
    }

    /**
     * A pool with the default backend and thread count: settings {@code jkernels.backend} and
     * {@code jkernels.threads} when set, else {@link Backend#AUTO} and {@link #availableCpus()}.
     *
     * @return a new pool; close it
     * @throws IllegalArgumentException if a setting holds an invalid value
     * @throws NativeUnavailableException if the backend setting is {@code native} and the library cannot load
     */
    public static KernelPool create() {
        return builder().build();
    }

    /**
     * A pool of {@code threads} workers on the default backend.
     *
     * @param threads the worker count, 1..1024
     * @return a new pool; close it
     * @throws IllegalArgumentException if threads is not in 1..1024
     */
    public static KernelPool create(int threads) {
        return builder().threads(threads).build();
    }

    /**
     * A builder for a pool with a chosen backend, thread count or ISA path.
     *
     * @return a new builder with every choice at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The CPUs this process may use: its affinity mask capped by its cgroup CPU quota, which is what
     * {@link Runtime#availableProcessors()} reports and what the native runtime counts too.
     *
     * @return at least 1
     */
    public static int availableCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether the native library is loaded, from where, its version and these classes', which ISA path it
     * supports, and why not if not. The first call loads the library (once per JVM); later calls return the
     * same answer.
     *
     * @return the loader's findings
     */
    public static NativeStatus nativeStatus() {
        return NativeLibrary.status();
    }

    /** Builds pools. Not thread-safe; each {@link #build()} makes an independent pool. */
    public static final class Builder {
        private Backend backend;
        private Integer threads;
        private Isa isa;
        private Long spinMicros;

        private Builder() {}

        /**
         * The backend; default: setting {@code jkernels.backend}, else AUTO.
         *
         * @param backend NATIVE, JAVA or AUTO
         * @return this builder
         * @throws NullPointerException if backend is null
         */
        public Builder backend(Backend backend) {
            this.backend = Checks.notNull(backend, "backend");
            return this;
        }

        /**
         * The worker count, 1..1024; default: setting {@code jkernels.threads}, else {@link #availableCpus()}.
         *
         * @param threads the worker count
         * @return this builder
         * @throws IllegalArgumentException if threads is not in 1..1024
         */
        public Builder threads(int threads) {
            this.threads = Checks.threads(threads);
            return this;
        }

        /**
         * Forces a native ISA path (for comparing paths, or testing). Default: setting {@code jkernels.isa},
         * else the best the CPU supports. Ignored by the JAVA backend.
         *
         * @param isa the path; {@link #build()} rejects one above the CPU's
         * @return this builder
         * @throws NullPointerException if isa is null
         */
        public Builder isa(Isa isa) {
            this.isa = Checks.notNull(isa, "isa");
            return this;
        }

        /**
         * How long idle workers and waiting callers poll for new work before they sleep. Polling lets
         * back-to-back calls skip the thread wake-up (tens of microseconds on a VM) at the cost of CPU time
         * while idle. Default: setting {@code jkernels.spin}, else 50 µs. A pool with more threads than
         * {@link #availableCpus()} never polls.
         *
         * @param micros 0 (never poll) .. 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if micros is outside that range
         */
        public Builder spinMicros(long micros) {
            if (micros < 0 || micros > 1_000_000) {
                throw new IllegalArgumentException("spinMicros must be in 0..1000000, got " + micros);
            }
            this.spinMicros = micros;
            return this;
        }

        /**
         * Builds the pool and starts its workers.
         *
         * @return a new pool; close it
         * @throws NativeUnavailableException if the backend is NATIVE and the library cannot be loaded
         * @throws IllegalArgumentException if a setting holds an invalid value, or {@link #isa(Isa)} names a
         *     path this CPU does not support
         */
        public KernelPool build() {
            Settings settings = Settings.system();
            settings.isa(); // an invalid value is an error on every backend, not only where it is used
            long spin = spinMicros != null ? spinMicros * 1000 : settings.spinNanos().orElse(-1L);
            Backend resolved = resolve(backend != null ? backend : settings.backend().orElse(Backend.AUTO));
            int n = threads != null ? threads
                    : settings.threads().orElseGet(() -> Math.min(availableCpus(), Checks.MAX_THREADS));
            // Everything that can fail on a bad setting comes before any thread is started.
            AutoThresholds thresholds = resolved == Backend.AUTO ? AutoThresholds.load(settings) : null;
            Isa nativeIsa = resolved == Backend.JAVA ? null : nativeIsa(settings);
            Engine engine = switch (resolved) {
                case NATIVE -> new NativeEngine(n, nativeIsa, spin);
                case AUTO -> new AutoEngine(new NativeEngine(n, nativeIsa, spin), thresholds);
                case JAVA -> new JavaEngine(n, spin);
            };
            return new KernelPool(engine, resolved);
        }

        /** An explicit isa must be supported; a setting is clamped to what the CPU has, as in C. */
        private Isa nativeIsa(Settings settings) {
            if (isa != null) {
                return isa;
            }
            return settings.isa().map(forced -> {
                Isa supported = NativeLibrary.supportedIsa();
                return forced.compareTo(supported) > 0 ? supported : forced;
            }).orElse(null);
        }

        private static Backend resolve(Backend requested) {
            if (requested != Backend.AUTO) {
                return requested;
            }
            if (NativeLibrary.isLoaded()) {
                return Backend.AUTO;
            }
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "jkernels: Backend.AUTO falls back to JAVA because the native "
                        + "library is not available; tried:\n  " + NativeLibrary.status().failureReason().replace("\n", "\n  "));
            }
            return Backend.JAVA;
        }
    }

    /**
     * The backend in use.
     *
     * @return NATIVE or JAVA; AUTO when the native library is loaded and each call picks by its size (see
     *     {@link #autoPolicy()}); a pool built for AUTO without the library is JAVA
     */
    public Backend backend() {
        return backend;
    }

    /**
     * How an AUTO pool chooses, and what it chose so far: the size thresholds per operation (and where they
     * came from) and how many calls took each route.
     *
     * @return a one-line description; for NATIVE and JAVA pools, which backend runs every call
     */
    public String autoPolicy() {
        return engine instanceof AutoEngine auto ? auto.describe() : backend + ": every call";
    }

    /**
     * The number of threads this pool computes on.
     *
     * @return 1..1024
     */
    public int threads() {
        return engine.threads();
    }

    /**
     * The native ISA path in use.
     *
     * @return the path, or empty for the JAVA backend
     */
    public Optional<Isa> isa() {
        return Optional.ofNullable(engine.isa());
    }

    /**
     * The vector operations of this pool.
     *
     * @return sum, dot, axpy and scale, running on this pool's threads
     */
    public VectorOps vectors() {
        return vectors;
    }

    /**
     * The counter-based random numbers of this pool.
     *
     * @return raw bits and uniform values of Philox4x32-10 streams, running on this pool's threads
     */
    public RandomOps random() {
        return random;
    }

    /**
     * The element-wise math of this pool.
     *
     * @return exp, expm1, log, log1p, sqrt, tanh, sigmoid, sin and cos of doubles and floats, the same bits on
     *     every backend, running on this pool's threads
     */
    public VectorMath math() {
        return math;
    }

    /**
     * The image kernels of this pool.
     *
     * @return Mandelbrot, running on this pool's threads
     */
    public Images images() {
        return images;
    }

    /**
     * The dense linear algebra of this pool.
     *
     * @return GEMM in the CBLAS shape and matrix products, running on this pool's threads
     */
    public Blas blas() {
        return blas;
    }

    /**
     * The sorting of this pool.
     *
     * @return sort and argsort of primitive arrays in {@link java.util.Arrays#sort(double[]) Arrays.sort}'s
     *     order, running on this pool's threads
     */
    public Sorting sorting() {
        return sorting;
    }

    /**
     * Applies {@code kernel} to every element: {@code result[i] = kernel(in[i])}. {@code in} is not modified.
     *
     * @param kernel the function
     * @param in the inputs
     * @return a new array of the results
     * @throws NullPointerException if kernel or in is null
     * @throws IllegalArgumentException if an element is outside the kernel's domain (the message names the
     *     first such value and its index); nothing is computed then
     * @throws IllegalStateException if the pool is closed
     */
    public long[] map(LongKernel kernel, long[] in) {
        Checks.notNull(in, "in");
        return map(kernel, in, new long[in.length]);
    }

    /**
     * Applies {@code kernel} to every element, writing {@code out[i] = kernel(in[i])} into the caller's
     * array: the shared-memory form. {@code out} may be {@code in} itself (in-place).
     *
     * @param kernel the function
     * @param in the inputs; not modified unless it is {@code out}
     * @param out where the results go, same length as {@code in}
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ (both are named) or an element is outside the
     *     kernel's domain
     * @throws IllegalStateException if the pool is closed
     */
    public long[] map(LongKernel kernel, long[] in, long[] out) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(out, "out");
        Checks.sameLength("in", in.length, "out", out.length);
        call(kernel.spec(), new Args().slot(in).slot(out));
        return out;
    }

    /**
     * Writes {@code kernel(in[i])} into {@code out} over the buffers' remaining elements, as
     * {@link #map(LongKernel, long[], long[])}, read and written where they are on the native backend (see "Off-heap
     * memory" above). {@code out} may be {@code in}, or view the same memory.
     *
     * @param kernel the function
     * @param in the inputs; not modified unless it is {@code out}
     * @param out where the results go
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if in and out have different numbers of remaining elements or share
     *     memory without being the same range, an element is outside the kernel's domain, or a buffer is neither
     *     direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void map(LongKernel kernel, LongBuffer in, LongBuffer out) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(out, "out");
        Checks.sameRemaining("in", in, "out", out);
        call(kernel.spec(), new Args().slot(in).slot(out));
    }

    /**
     * Applies {@code kernel} to every element: {@code result[i] = kernel(in[i])}. {@code in} is not modified.
     *
     * @param kernel the function
     * @param in the inputs
     * @return a new array of the results
     * @throws NullPointerException if kernel or in is null
     * @throws IllegalStateException if the pool is closed
     */
    public double[] map(DoubleKernel kernel, double[] in) {
        Checks.notNull(in, "in");
        return map(kernel, in, new double[in.length]);
    }

    /**
     * Writes {@code out[i] = kernel(in[i])}; {@code out} may be {@code in}.
     *
     * @param kernel the function
     * @param in the inputs; not modified unless it is {@code out}
     * @param out where the results go, same length as {@code in}
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     * @throws IllegalStateException if the pool is closed
     */
    public double[] map(DoubleKernel kernel, double[] in, double[] out) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(out, "out");
        Checks.sameLength("in", in.length, "out", out.length);
        call(kernel.spec(), new Args().slot(in).slot(out));
        return out;
    }

    /**
     * Writes {@code kernel(in[i])} into {@code out} over the buffers' remaining elements, as
     * {@link #map(DoubleKernel, double[], double[])}, read and written where they are on the native backend (see "Off-heap
     * memory" above). {@code out} may be {@code in}, or view the same memory.
     *
     * @param kernel the function
     * @param in the inputs; not modified unless it is {@code out}
     * @param out where the results go
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if in and out have different numbers of remaining elements or share
     *     memory without being the same range, an element is outside the kernel's domain, or a buffer is neither
     *     direct nor backed by an accessible array, or not in the native byte order
     * @throws java.nio.ReadOnlyBufferException if out is read-only
     * @throws IllegalStateException if the pool is closed, or a buffer is of a closed {@link OffHeapArray}
     */
    public void map(DoubleKernel kernel, DoubleBuffer in, DoubleBuffer out) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(out, "out");
        Checks.sameRemaining("in", in, "out", out);
        call(kernel.spec(), new Args().slot(in).slot(out));
    }

    /**
     * Runs one operation call asynchronously and returns at once: the asynchronous form of every
     * operation of this pool, for example {@code pool.submit(p -> p.vectors().dot(x, y))} or
     * {@code pool.submit(p -> p.images().mandelbrot(region))}. See {@link Call} for what the function may
     * do. The call's arguments are checked now (the same exceptions as the synchronous call, thrown here,
     * with nothing started), its input arrays copied before this returns, and the arrays it writes filled
     * just before the future completes; a cancelled or failed job leaves them untouched. The future fails
     * with the exception the synchronous call would have thrown.
     *
     * @param <T> the call's result type
     * @param call one call of the pool's operations
     * @return the future result; cancelling it stops the job
     * @throws NullPointerException if call is null, or as the call's own arguments say
     * @throws IllegalArgumentException if the function made no operation call or more than one, or did not
     *     return its result unchanged; or as the call's own arguments say
     * @throws IllegalStateException if the pool is closed
     */
    public <T> KernelFuture<T> submit(Call<T> call) {
        return submitCall(Checks.notNull(call, "call"), null);
    }

    /**
     * Like {@link #submit(Call)}, completing the future on {@code executor} (in
     * {@link java.util.concurrent.CompletableFuture}'s style): dependent stages then run there.
     *
     * @param <T> the call's result type
     * @param call one call of the pool's operations
     * @param executor where the future is completed; if it rejects the task, the future fails with its
     *     exception
     * @return the future result
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #submit(Call)}
     * @throws IllegalStateException if the pool is closed
     */
    public <T> KernelFuture<T> submit(Call<T> call, Executor executor) {
        return submitCall(Checks.notNull(call, "call"), Checks.notNull(executor, "executor"));
    }

    /**
     * Starts {@code kernel} on every element and returns at once: {@code result[i] = kernel(in[i])}; the
     * same as {@code submit(p -> p.map(kernel, in))}. The input is copied before this returns.
     *
     * @param kernel the function
     * @param in the inputs
     * @return the future results, in a new array
     * @throws NullPointerException if kernel or in is null
     * @throws IllegalArgumentException if an element is outside the kernel's domain (nothing is started);
     *     use {@link #start(LongKernel, long[], OnItemFailure)} to get per-item failures instead
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<long[]> submit(LongKernel kernel, long[] in) {
        return submit(p -> p.map(kernel, in));
    }

    /**
     * Like {@link #submit(LongKernel, long[])}, completing the future on {@code executor}.
     *
     * @param kernel the function
     * @param in the inputs
     * @param executor where the future is completed; if it rejects the task, the future fails with its
     *     exception
     * @return the future results
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an element is outside the kernel's domain
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<long[]> submit(LongKernel kernel, long[] in, Executor executor) {
        return submit(p -> p.map(kernel, in), executor);
    }

    /**
     * Starts {@code kernel} on every element and returns at once; the input is copied first.
     *
     * @param kernel the function
     * @param in the inputs
     * @return the future results, in a new array
     * @throws NullPointerException if kernel or in is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<double[]> submit(DoubleKernel kernel, double[] in) {
        return submit(p -> p.map(kernel, in));
    }

    /**
     * Like {@link #submit(DoubleKernel, double[])}, completing the future on {@code executor}.
     *
     * @param kernel the function
     * @param in the inputs
     * @param executor where the future is completed
     * @return the future results
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public KernelFuture<double[]> submit(DoubleKernel kernel, double[] in, Executor executor) {
        return submit(p -> p.map(kernel, in), executor);
    }

    /** Items per part of a {@link MapJob} for cheap kernels (costly ones go one item per part). */
    private static final int CHEAP_PART = 16384;

    /**
     * Starts a map whose results can be consumed as they finish, with per-item failures; see
     * {@link MapJob}. Inputs are not checked up front: an item outside the kernel's domain fails alone.
     *
     * @param kernel the function
     * @param in the inputs; copied before this returns
     * @param onFailure what happens to the other items when one fails
     * @return the running job
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public MapJob<long[], LongResult> start(LongKernel kernel, long[] in, OnItemFailure onFailure) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(onFailure, "onFailure");
        long[] out = new long[in.length];
        MapJob<long[], LongResult> job = new MapJob<>(kernel.name(), out, onFailure, new MapJob.Items<>() {
            public LongResult result(int index) {
                return new LongResult(index, out[index], null);
            }

            public LongResult failure(int index, RuntimeException failure) {
                return new LongResult(index, 0, failure);
            }

            public String input(int index) {
                return Long.toString(in[index]);
            }
        });
        startParts(job, kernel.spec(), in, out, in.length, kernel.spec().costly() ? 1 : CHEAP_PART);
        return job;
    }

    /**
     * Starts a map whose results can be consumed as they finish; see {@link MapJob}.
     *
     * @param kernel the function
     * @param in the inputs; copied before this returns
     * @param onFailure what happens to the other items when one fails
     * @return the running job
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the pool is closed
     */
    public MapJob<double[], DoubleResult> start(DoubleKernel kernel, double[] in, OnItemFailure onFailure) {
        Checks.notNull(kernel, "kernel");
        Checks.notNull(in, "in");
        Checks.notNull(onFailure, "onFailure");
        double[] out = new double[in.length];
        MapJob<double[], DoubleResult> job = new MapJob<>(kernel.name(), out, onFailure, new MapJob.Items<>() {
            public DoubleResult result(int index) {
                return new DoubleResult(index, out[index], null);
            }

            public DoubleResult failure(int index, RuntimeException failure) {
                return new DoubleResult(index, 0, failure);
            }

            public String input(int index) {
                return Double.toString(in[index]);
            }
        });
        startParts(job, kernel.spec(), in, out, in.length, CHEAP_PART);
        return job;
    }

    /** Starts the parts of a MapJob, each a job of its own over a slice of in and out. */
    private void startParts(MapJob<?, ?> job, OpSpec spec, Object in, Object out, int n, int partSize) {
        int parts = (n + partSize - 1) / partSize;
        job.expectParts(parts);
        int startedParts = 0;
        enter();
        try {
            for (int from = 0; from < n; from += partSize, startedParts++) {
                int start = from, length = Math.min(partSize, n - from);
                Args a = new Args().slot(in, start, length).slot(out, start, length);
                job.addPart(engine.start(spec, a, true, outcome -> job.partFinished(start, length, outcome)));
            }
        } catch (RuntimeException | Error e) {
            job.partsNotStarted(parts - startedParts, e); // the started ones are cancelled, the future fails
            throw e;
        } finally {
            exit();
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Runs one operation: the generic checks of its slots, the spec's own, then the engine, as a running
     * call of this pool. Returns the result's raw bits. Facades call it after checking their arguments.
     */
    long call(OpSpec op, Args args) {
        Checks.slots(op, args);
        op.check(args);
        enter();
        try {
            return engine.run(op, args);
        } finally {
            exit();
            Reference.reachabilityFence(this);
        }
    }

    /** {@link #call} of an operation with a double result. */
    double callDouble(OpSpec op, Args args) {
        return Double.longBitsToDouble(call(op, args));
    }

    /**
     * {@link #call}, then the facade's result made by {@code finish} of what the operation wrote (its small
     * output slots): the asynchronous form runs {@code finish} once the job's output is in the caller's arrays
     * and completes the future with what it returns. {@code finish} must read only the operation's output
     * and its own captured values, and must not throw on unwritten output (while submit records the call,
     * it runs on the slots as they were, and the call must return that result unchanged).
     */
    <R> R callFinished(OpSpec op, Args args, Supplier<R> finish) {
        call(op, args);
        R result = finish.get();
        if (recorder != null) {
            recorder.finishing(result, finish);
        }
        return result;
    }

    private <T> KernelFuture<T> submitCall(Call<T> call, Executor executor) {
        if (recorder != null) {
            throw new IllegalStateException("submit inside a submitted call: make the operation call directly");
        }
        Recorder rec = new Recorder(engine);
        Object returned = call.on(new KernelPool(this, rec));
        Recorder.Recorded r = rec.single();
        Function<Outcome, Object> value = Recorder.resultOf(r, returned);
        return startAsync(r.op(), r.args(), value, executor);
    }

    /** Starts op as a running call of this pool and binds it to a new future. */
    private <T> KernelFuture<T> startAsync(OpSpec op, Args args, Function<Outcome, Object> value, Executor executor) {
        enter();
        try {
            KernelFuture<T> future = new KernelFuture<>(engine.spinNanos());
            AsyncJob job = engine.start(op, args, false, outcome -> settle(future, op, args, outcome, value, executor));
            future.bind(job);
            return future;
        } finally {
            exit();
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Publishes a finished job into the caller's arrays and returns what completes its future: the value is
     * made after publishing, so a result made of the job's output (callFinished) sees it.
     */
    @SuppressWarnings("unchecked")
    private static <T> Runnable settle(KernelFuture<T> future, OpSpec op, Args args, Outcome outcome,
            Function<Outcome, Object> value, Executor executor) {
        if (!outcome.ranToEnd(false)) {
            return future.settle(null, null, outcome.exception(op, args), executor);
        }
        return future.settleWith(outcome.publish(), () -> (T) value.apply(outcome), executor);
    }

    /**
     * Changes the number of worker threads while jobs run: no work is lost or done twice. New workers start
     * at once; retired ones finish the chunk they are running and have exited when this returns.
     *
     * @param threads the new worker count, 1..1024
     * @throws IllegalArgumentException if threads is not in 1..1024
     * @throws IllegalStateException if the pool is closed
     */
    public void resize(int threads) {
        Checks.threads(threads);
        guarded(e -> e.resize(threads));
    }

    /**
     * What the pool has done so far; print it for a one-line summary.
     *
     * @return a snapshot
     * @throws IllegalStateException if the pool is closed
     */
    public PoolStats stats() {
        long[][] raw = new long[1][];
        guarded(e -> raw[0] = e.stats());
        return PoolStats.of(backend, raw[0]);
    }

    /**
     * Refuses new calls, cancels every job with work left to hand out (synchronous callers get a
     * {@link java.util.concurrent.CancellationException}, futures complete as cancelled; chunks already
     * running finish, and a job whose chunks have all started runs to its end), then closes the pool like
     * {@link #close()}. Cancels at once even while another thread's {@code close()} waits. Idempotent.
     *
     * @return how many jobs were cancelled
     * @throws IllegalStateException if called on one of the pool's delivery threads (it would wait for itself),
     *     or on the pool a submitted call gets
     */
    public int shutdownNow() {
        refuseInRecording("shutdownNow()");
        refuseOnDeliveryThread("shutdownNow()");
        cancelling = true;
        closing = true; // from here on, new calls throw
        int cancelled = cancelAllIfOpen();
        close();
        return cancelled;
    }

    /** The pool a submitted call gets has nothing to close: only its one operation call means anything. */
    private void refuseInRecording(String what) {
        if (recorder != null) {
            throw new IllegalStateException(what + " on the pool a submitted call gets: only operation calls may be "
                    + "made there");
        }
    }

    /**
     * Cancels the engine's jobs, also while another thread's close() waits in engine.close() for them to be
     * delivered (engines take cancelAll at any time, and do nothing once closed).
     */
    private int cancelAllIfOpen() {
        return engine.cancelAll();
    }

    private void refuseOnDeliveryThread(String what) {
        if (engine.deliversOnCurrentThread()) {
            throw new IllegalStateException(what + " on one of the pool's delivery threads would wait for itself: "
                    + "call it from another thread, or from an ...Async stage");
        }
    }

    /**
     * Runs one engine call as a running call of this pool: throws if the pool is closed, and keeps
     * {@link #close()} waiting until the call returns. The fence keeps the pool reachable until the end,
     * so the Cleaner cannot close the engine in the middle of a call.
     */
    void guarded(Consumer<Engine> call) {
        enter();
        try {
            call.accept(engine);
        } finally {
            exit();
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Counts a call in, or throws if the pool is closing. Never blocks: a continuation on a delivery
     * thread that calls back into a closing pool gets an exception, not a deadlock. Paired with close():
     * the increment comes before the second look at {@code closing}, and close() sets {@code closing}
     * before it looks at the count, so one of them always sees the other (volatile accesses are
     * sequentially consistent).
     */
    private void enter() {
        if (closing) {
            throw new IllegalStateException("this KernelPool is closed");
        }
        inFlight.incrementAndGet();
        if (closing) {
            exit();
            throw new IllegalStateException("this KernelPool is closed");
        }
    }

    /** Counts a call out; the last one out wakes a waiting close() (without taking its lock). */
    private void exit() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            Thread waiting = closer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /** Calls running right now (for tests). */
    int runningCalls() {
        return inFlight.get();
    }

    /**
     * Waits for running calls to finish, synchronous and asynchronous (their futures complete first, but for one
     * given an Executor of yours, which completes when that executor runs it), then
     * stops and joins the worker and delivery threads and frees native memory. Idempotent. Calls made
     * after (or racing with) close throw {@link IllegalStateException}.
     *
     * @throws IllegalStateException if called on one of the pool's delivery threads (it would wait for itself),
     *     or on the pool a submitted call gets
     */
    @Override
    public void close() {
        refuseInRecording("close()");
        refuseOnDeliveryThread("close()");
        closing = true;
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closer = Thread.currentThread();
            while (inFlight.get() > 0) {
                if (cancelling) {
                    engine.cancelAll(); // what calls already inside submitted after shutdownNow's cancel
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10)); // keeps any interrupt pending
            }
            closer = null;
            if (cancelling) {
                engine.cancelAll();
            }
            closed = true;
            cleanable.clean();
        }
    }

    /** For example {@code KernelPool[NATIVE, 2 threads, avx512]}. */
    @Override
    public String toString() {
        return "KernelPool[" + backend + ", " + threads() + (threads() == 1 ? " thread" : " threads")
                + isa().map(i -> ", " + i.settingName()).orElse("") + "]";
    }
}
