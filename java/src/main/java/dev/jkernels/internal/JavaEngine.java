package dev.jkernels.internal;

import dev.jkernels.Isa;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The JAVA backend: the pure-Java twins, cut into the same chunks as on the native side and run on a
 * {@link JavaRuntime}, the Java twin of the native runtime. As on the native side, a cheap job of one chunk
 * runs on the calling thread. Asynchronous jobs work on private copies of their inputs and are delivered by
 * the pool's completion thread. Not API.
 */
public final class JavaEngine implements Engine {
    /** Blocks per chunk of a reduction, as REDUCE_GRAIN_BLOCKS in vector.c. */
    private static final int REDUCE_GRAIN_BLOCKS = 4;
    private static final Runnable STOP = () -> {};

    private final JavaRuntime runtime;
    private final LinkedBlockingQueue<Runnable> deliveries = new LinkedBlockingQueue<>();
    private final CompletionThread completion = new CompletionThread(this::deliverFinished);
    private volatile boolean closing;
    private volatile int threads; // kept here: threads() must answer after close too

    public JavaEngine(int threads) {
        this.runtime = new JavaRuntime(threads);
        this.threads = threads;
    }

    private JavaEngine() {
        this.runtime = null;
        this.threads = 1;
    }

    /**
     * An engine without threads whose synchronous calls all run on the calling thread: what Backend.AUTO
     * uses for inputs too small for native to pay. Only the synchronous operations may be called.
     */
    static JavaEngine inline() {
        return new JavaEngine();
    }

    /** Runs [0, n) in chunks on the workers and waits; a cheap single chunk runs right here. */
    private void runSync(int n, int grain, boolean cheap, JavaRuntime.Body body) {
        if (n == 0) {
            return;
        }
        if (runtime == null || (cheap && n <= grain)) {
            body.run(0, n);
            return;
        }
        JavaRuntime.Job job = runtime.submit(body, n, grain, null);
        runtime.await(job);
        rethrow(job);
    }

    private static void rethrow(JavaRuntime.Job job) {
        if (job.failure() instanceof RuntimeException e) {
            throw e;
        }
        if (job.failure() instanceof Error e) {
            throw e;
        }
        if (job.status() == JavaRuntime.CANCELLED) {
            throw new CancellationException("the job was cancelled by KernelPool.shutdownNow()");
        }
    }

    /** The map body: a perItem map reports failing items instead of stopping, like map.c. */
    private static JavaRuntime.Body longMapBody(KernelSpec.OfLong kernel, long[] in, long[] out, ItemFailures failures) {
        KernelSpec.LongBody twin = kernel.javaTwin();
        if (!kernel.restrictsDomain()) {
            return (from, to) -> {
                twin.apply(in, out, from, to);
                return 0;
            };
        }
        return (from, to) -> {
            for (int i = from; i < to; i++) {
                if (in[i] < kernel.minInput() || in[i] > kernel.maxInput()) {
                    failures.add(i);
                    if (!failures.perItem) {
                        return AsyncOp.Outcome.DOMAIN;
                    }
                } else {
                    twin.apply(in, out, i, i + 1);
                }
            }
            return 0;
        };
    }

    @Override
    public void mapLong(KernelSpec.OfLong kernel, long[] in, long[] out) {
        // Inputs were checked already: no item can fail.
        runSync(in.length, kernel.grain(), !kernel.costly(), longMapBody(kernel, in, out, new ItemFailures(false)));
    }

    @Override
    public void mapDouble(KernelSpec.OfDouble kernel, double[] in, double[] out) {
        KernelSpec.DoubleBody twin = kernel.javaTwin();
        runSync(in.length, kernel.grain(), true, (from, to) -> {
            twin.apply(in, out, from, to);
            return 0;
        });
    }

    private static int blocks(int n) {
        return n == 0 ? 0 : (n - 1) / JavaKernels.REDUCE_BLOCK + 1;
    }

    /** Fills one partial per fixed block; {@link #combine} adds them pairwise: the bits of vector.c. */
    private static JavaRuntime.Body reduceBody(double[] x, double[] y, double[] partials) {
        int n = x.length, block = JavaKernels.REDUCE_BLOCK;
        return (first, end) -> {
            for (int b = first; b < end; b++) {
                int from = b * block, to = from + Math.min(block, n - from); // no int overflow near 2^31
                partials[b] = y == null ? JavaKernels.sumBlock(x, from, to) : JavaKernels.dotBlock(x, y, from, to);
            }
            return 0;
        };
    }

    private static double combine(double[] partials) {
        return partials.length == 0 ? 0.0 : JavaKernels.pairwise(partials, 0, partials.length);
    }

    private double reduce(double[] x, double[] y) {
        double[] partials = new double[blocks(x.length)];
        runSync(partials.length, REDUCE_GRAIN_BLOCKS, true, reduceBody(x, y, partials));
        return combine(partials);
    }

    @Override
    public double sum(double[] x) {
        return reduce(x, null);
    }

    @Override
    public double dot(double[] x, double[] y) {
        return reduce(x, y);
    }

    @Override
    public void axpy(double a, double[] x, double[] y) {
        runSync(x.length, KernelSpec.CHEAP_GRAIN, true, (from, to) -> {
            JavaKernels.axpy(a, x, y, from, to);
            return 0;
        });
    }

    @Override
    public void scale(double a, double[] x) {
        runSync(x.length, KernelSpec.CHEAP_GRAIN, true, (from, to) -> {
            JavaKernels.scale(a, x, from, to);
            return 0;
        });
    }

    private static int rowGrain(AsyncOp.Mandelbrot m, int threads) {
        return m.schedule() == 1 ? (m.height() + threads - 1) / threads : 1; // STATIC: one band per worker
    }

    @Override
    public void mandelbrot(AsyncOp.Mandelbrot m, int[] out) {
        runSync(m.height(), rowGrain(m, threads()), false, (from, to) -> {
            JavaKernels.mandelbrotRows(m, from, to, out);
            return 0;
        });
    }

    /** Failing items of a map, collected by the chunks (any thread). */
    private static final class ItemFailures {
        final boolean perItem;
        private final java.util.concurrent.ConcurrentSkipListSet<Long> items = new java.util.concurrent.ConcurrentSkipListSet<>();

        ItemFailures(boolean perItem) {
            this.perItem = perItem;
        }

        void add(long index) {
            items.add(index);
        }

        long[] sorted() {
            return items.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** An op prepared for the runtime: its body over [0, n), and what to hand out once it finished. */
    private record Prepared(JavaRuntime.Body body, int n, int grain, java.util.function.IntFunction<Object> result,
            ItemFailures failures, long unit) {}

    private Prepared prepare(AsyncOp op) {
        ItemFailures none = new ItemFailures(false);
        if (op instanceof AsyncOp.MapLong m) {
            long[] in = m.in().clone(), out = new long[in.length];
            ItemFailures failures = new ItemFailures(m.perItem());
            return new Prepared(longMapBody(m.kernel(), in, out, failures), in.length, m.kernel().grain(), s -> out,
                    failures, 1);
        } else if (op instanceof AsyncOp.MapDouble m) {
            double[] in = m.in().clone(), out = new double[in.length];
            KernelSpec.DoubleBody twin = m.kernel().javaTwin();
            return new Prepared((from, to) -> {
                twin.apply(in, out, from, to);
                return 0;
            }, in.length, m.kernel().grain(), s -> out, none, 1);
        } else if (op instanceof AsyncOp.Sum || op instanceof AsyncOp.Dot) {
            double[] x = op instanceof AsyncOp.Sum s ? s.x().clone() : ((AsyncOp.Dot) op).x().clone();
            double[] y = op instanceof AsyncOp.Dot d ? d.y().clone() : null;
            double[] partials = new double[blocks(x.length)];
            return new Prepared(reduceBody(x, y, partials), partials.length, REDUCE_GRAIN_BLOCKS,
                    s -> combine(partials), none, JavaKernels.REDUCE_BLOCK);
        } else if (op instanceof AsyncOp.Axpy a) {
            double[] x = a.x().clone(), y = a.y().clone();
            return new Prepared((from, to) -> {
                JavaKernels.axpy(a.a(), x, y, from, to);
                return 0;
            }, x.length, KernelSpec.CHEAP_GRAIN, s -> y, none, 1);
        } else if (op instanceof AsyncOp.Scale sc) {
            double[] x = sc.x().clone();
            return new Prepared((from, to) -> {
                JavaKernels.scale(sc.a(), x, from, to);
                return 0;
            }, x.length, KernelSpec.CHEAP_GRAIN, s -> x, none, 1);
        }
        AsyncOp.Mandelbrot m = (AsyncOp.Mandelbrot) op;
        int[] out = new int[Math.toIntExact(m.items())];
        return new Prepared((from, to) -> {
            JavaKernels.mandelbrotRows(m, from, to, out);
            return 0;
        }, m.height(), rowGrain(m, threads()), s -> out, none, m.width());
    }

    @Override
    public AsyncJob start(AsyncOp op, Consumer<AsyncOp.Outcome> onDone) {
        if (closing) {
            throw new IllegalStateException("this KernelPool is closed");
        }
        completion.ensureStarted();
        Prepared p = prepare(op);
        long items = op.items();
        JavaRuntime.Job job = runtime.submit(p.body, p.n, p.grain,
                finished -> deliveries.add(() -> onDone.accept(outcome(finished, p))));
        return new AsyncJob() {
            @Override
            public boolean cancel() {
                return job.cancel();
            }

            @Override
            public long done() {
                // Counted like jk_job_progress: work units done times items per unit, capped at the total.
                return job.done() >= p.n ? items : Math.min(items, job.done() * p.unit);
            }
        };
    }

    private static AsyncOp.Outcome outcome(JavaRuntime.Job job, Prepared p) {
        long[] failed = p.failures.sorted();
        int status = job.status() == 0 && failed.length > 0 ? AsyncOp.Outcome.DOMAIN : job.status();
        boolean ranToEnd = status == 0 || (p.failures.perItem && status == AsyncOp.Outcome.DOMAIN);
        Object value = ranToEnd && job.failure() == null ? p.result.apply(status) : null;
        return new AsyncOp.Outcome(value, status, failed.length > 0 ? failed[0] : -1,
                p.failures.perItem ? failed : new long[0], job.failure());
    }

    /** The completion thread's loop. */
    private void deliverFinished() {
        for (;;) {
            Runnable delivery;
            try {
                delivery = deliveries.take();
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread but by mistake; close() ends the loop with STOP
            }
            if (delivery == STOP) {
                return;
            }
            try {
                delivery.run();
            } catch (RuntimeException | Error e) {
                Thread self = Thread.currentThread();
                self.getUncaughtExceptionHandler().uncaughtException(self, e);
            }
        }
    }

    @Override
    public void resize(int threads) {
        runtime.resize(threads);
        this.threads = threads;
    }

    @Override
    public int cancelAll() {
        return runtime.cancelAll();
    }

    @Override
    public long[] stats() {
        return runtime.stats();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Isa isa() {
        return null;
    }

    @Override
    public void close() {
        closing = true;
        if (runtime == null) {
            return;
        }
        runtime.stop(); // waits for every job; their deliveries are queued before it returns
        deliveries.add(STOP);
        completion.join();
    }
}
