package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The NATIVE backend: a jk_pool and the JNI calls on it. Asynchronous jobs are submitted with their inputs
 * copied into native memory; the pool's completion thread waits in {@code jk_pool_next_finished}, copies
 * each finished job's results into new Java arrays, frees the job and hands the outcome on. Not API.
 */
public final class NativeEngine implements Engine {
    private static final long COMPLETION_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final long pool;
    private final Isa isa;
    private volatile int threads; // kept here: threads() must work after close, when the pool is freed
    private final ConcurrentHashMap<Long, Call> calls = new ConcurrentHashMap<>(); // started, not delivered
    private final CompletionThread completion = new CompletionThread(this::deliverFinished);
    private volatile boolean closing;

    /** @param isa the path to use, or null for the library's default (best, or JKERNELS_ISA) */
    public NativeEngine(int threads, Isa isa) {
        NativeLibrary.requireLoaded();
        if (isa != null && isa.compareTo(NativeLibrary.supportedIsa()) > 0) {
            throw new IllegalArgumentException("ISA path " + isa + " is not supported by this CPU (best: "
                    + NativeLibrary.supportedIsa() + ")");
        }
        this.pool = NativeBridge.poolCreate(threads, isa == null ? -1 : isa.ordinal());
        this.isa = Isa.values()[NativeBridge.poolIsa(pool)];
        this.threads = NativeBridge.poolThreads(pool);
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        mapLong(kernel, in, out, false);
    }

    /** Mode for an array call: never pinned for costly kernels (they run long), inline only if asked. */
    private static int mode(boolean costly, boolean inline) {
        return costly ? NativeBridge.MODE_COPY : inline ? NativeBridge.MODE_INLINE : NativeBridge.MODE_PIN_IF_IDLE;
    }

    /** {@code inline}: run the whole call on the calling thread (ignored for costly kernels). */
    void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out, boolean inline) {
        NativeBridge.mapLong(pool, kernel.nativeId(), in, out, mode(kernel.costly(), inline));
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        mapDouble(kernel, in, out, false);
    }

    void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out, boolean inline) {
        NativeBridge.mapDouble(pool, kernel.nativeId(), in, out, mode(false, inline));
    }

    @Override
    public double sum(double[] x) {
        return sum(x, false);
    }

    double sum(double[] x, boolean inline) {
        return NativeBridge.sum(pool, x, mode(false, inline));
    }

    @Override
    public double dot(double[] x, double[] y) {
        return dot(x, y, false);
    }

    double dot(double[] x, double[] y, boolean inline) {
        return NativeBridge.dot(pool, x, y, mode(false, inline));
    }

    @Override
    public void axpy(double a, double[] x, double[] y) {
        axpy(a, x, y, false);
    }

    void axpy(double a, double[] x, double[] y, boolean inline) {
        NativeBridge.axpy(pool, a, x, y, mode(false, inline));
    }

    @Override
    public void scale(double a, double[] x) {
        scale(a, x, false);
    }

    void scale(double a, double[] x, boolean inline) {
        NativeBridge.scale(pool, a, x, mode(false, inline));
    }

    @Override
    public void mandelbrot(AsyncOp.Mandelbrot m, int[] out) {
        NativeBridge.mandelbrot(pool, out, m.width(), m.height(), m.xMin(), m.xMax(), m.yMin(), m.yMax(),
                m.maxIterations(), m.schedule());
    }

    /** A submitted job: the native handle is used only under this object's lock and never after free. */
    private final class Call implements AsyncJob {
        private final AsyncOp op;
        private final Consumer<AsyncOp.Outcome> onDone;
        private long handle; // 0 once freed; guarded by this
        private long doneWhenFreed; // guarded by this

        Call(AsyncOp op, Consumer<AsyncOp.Outcome> onDone, long handle) {
            this.op = op;
            this.onDone = onDone;
            this.handle = handle;
        }

        @Override
        public synchronized boolean cancel() {
            return handle != 0 && NativeBridge.cancelJob(handle);
        }

        @Override
        public synchronized long done() {
            return handle != 0 ? NativeBridge.jobDone(handle) : doneWhenFreed;
        }

        /** Copies the results out and frees the job. */
        synchronized AsyncOp.Outcome collect() {
            int status = NativeBridge.jobStatus(handle);
            long bad = NativeBridge.jobBadIndex(handle);
            boolean perItem = op instanceof AsyncOp.MapLong m ? m.perItem()
                    : op instanceof AsyncOp.MapDouble d && d.perItem();
            long[] failed = perItem ? NativeBridge.jobFailedItems(handle) : new long[0];
            boolean ranToEnd = status == AsyncOp.Outcome.OK || (perItem && status == AsyncOp.Outcome.DOMAIN);
            Object value = ranToEnd ? copyOut() : null;
            doneWhenFreed = NativeBridge.jobDone(handle);
            NativeBridge.freeJob(handle);
            handle = 0;
            return new AsyncOp.Outcome(value, status, bad, failed, null);
        }

        private Object copyOut() {
            Object out;
            if (op instanceof AsyncOp.Sum || op instanceof AsyncOp.Dot) {
                return NativeBridge.jobValue(handle);
            } else if (op instanceof AsyncOp.MapLong m) {
                out = new long[m.in().length];
            } else if (op instanceof AsyncOp.Mandelbrot img) {
                out = new int[Math.toIntExact(img.items())];
            } else {
                out = new double[Math.toIntExact(op.items())];
            }
            NativeBridge.jobCopyOut(handle, out);
            return out;
        }
    }

    @Override
    public AsyncJob start(AsyncOp op, Consumer<AsyncOp.Outcome> onDone) {
        if (closing) {
            throw new IllegalStateException("this KernelPool is closed");
        }
        completion.ensureStarted();
        long handle = submit(op);
        Call call = new Call(op, onDone, handle);
        calls.put(handle, call);
        return call;
    }

    private long submit(AsyncOp op) {
        if (op instanceof AsyncOp.MapLong m) {
            return NativeBridge.submitMapLong(pool, m.kernel().nativeId(), m.in(), m.perItem());
        } else if (op instanceof AsyncOp.MapDouble m) {
            return NativeBridge.submitMapDouble(pool, m.kernel().nativeId(), m.in(), m.perItem());
        } else if (op instanceof AsyncOp.Sum s) {
            return NativeBridge.submitSum(pool, s.x());
        } else if (op instanceof AsyncOp.Dot d) {
            return NativeBridge.submitDot(pool, d.x(), d.y());
        } else if (op instanceof AsyncOp.Axpy a) {
            return NativeBridge.submitAxpy(pool, a.a(), a.x(), a.y());
        } else if (op instanceof AsyncOp.Scale s) {
            return NativeBridge.submitScale(pool, s.a(), s.x());
        }
        AsyncOp.Mandelbrot m = (AsyncOp.Mandelbrot) op;
        return NativeBridge.submitMandelbrot(pool, m.width(), m.height(), m.xMin(), m.xMax(), m.yMin(), m.yMax(),
                m.maxIterations(), m.schedule());
    }

    /** The completion thread's loop: runs until close() has seen every call delivered. */
    private void deliverFinished() {
        for (;;) {
            long handle = NativeBridge.nextFinished(pool, COMPLETION_POLL_NANOS);
            if (handle != 0) {
                deliver(handle);
            } else if (closing && calls.isEmpty()) {
                return;
            }
        }
    }

    private void deliver(long handle) {
        Call call;
        // start() registers the call right after the JNI submission returns; a job can finish before that.
        while ((call = calls.get(handle)) == null) {
            Thread.yield();
        }
        AsyncOp.Outcome outcome;
        try {
            outcome = call.collect();
        } catch (RuntimeException | Error e) { // out of Java heap for the result array, say
            synchronized (call) {
                if (call.handle != 0) {
                    NativeBridge.freeJob(call.handle);
                    call.handle = 0;
                }
            }
            outcome = new AsyncOp.Outcome(null, 4, -1, new long[0], e);
        }
        // Remove this call only: once freed, malloc may give its address to a new job whose start() has
        // registered it under the same key already.
        calls.remove(handle, call);
        synchronized (calls) {
            calls.notifyAll();
        }
        try {
            call.onDone.accept(outcome);
        } catch (RuntimeException | Error e) {
            // onDone is library code that completes a future; CompletableFuture keeps continuation failures to
            // itself, so nothing should arrive here. If something does, report it and deliver the other jobs.
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, e);
        }
    }

    @Override
    public void resize(int threads) {
        NativeBridge.poolResize(pool, threads);
        this.threads = threads;
    }

    @Override
    public int cancelAll() {
        return NativeBridge.poolCancelAll(pool);
    }

    @Override
    public long[] stats() {
        return NativeBridge.poolStats(pool);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Isa isa() {
        return isa;
    }

    @Override
    public void close() {
        closing = true;
        boolean interrupted = false;
        synchronized (calls) {
            while (!calls.isEmpty()) {
                try {
                    calls.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        NativeBridge.wake(pool);
        completion.join();
        NativeBridge.poolDestroy(pool);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
