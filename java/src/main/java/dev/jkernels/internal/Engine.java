// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.function.Function;

/**
 * One backend, generic over operations: it runs any {@link OpSpec} with any {@link Args}, synchronously or
 * as a job, and names no operation. Arguments arrive checked ({@link Checks#slots}, the spec's own check);
 * an engine is called only between creation and {@link #close()}. Implementations are thread-safe. Not API.
 */
public interface Engine extends AutoCloseable {
    /**
     * What an {@code onDone} may return when its user part starts by completing a future: closing waits
     * until it is {@link #settled()} (the future is done), though not for the dependent stages that run after.
     */
    interface Settling extends Runnable {
        boolean settled();
    }

    /**
     * Runs the operation and waits; returns its result as raw bits (a double's, or a long; 0 for none).
     * Written slots may be partly written when it throws.
     *
     * @throws RuntimeException or Error as {@link Failures#forStatus} maps the failing status
     */
    long run(OpSpec op, Args args);

    /**
     * Starts the operation and returns at once. The engine works on its own copies of the slots (taken
     * before this returns), so the caller may reuse its arrays. Once the job is finished, {@code onDone}
     * gets its {@link Outcome} exactly once, on one of the engine's delivery threads (Java threads of the
     * library, never a worker), while the job's memory is still there ({@link Outcome#publish()} copies the
     * written slots into the caller's arrays); the Runnable it returns runs after the engine released the
     * job: that is where user code (a future's dependent stages) may run.
     *
     * @param perItem items that fail (outside a kernel's domain) are reported and the others go on
     * @throws IllegalStateException if the engine is closing
     */
    AsyncJob start(OpSpec op, Args args, boolean perItem, Function<Outcome, Runnable> onDone);

    /** Sets the worker count while jobs run. */
    void resize(int threads);

    /**
     * Cancels every queued or running job; returns how many. May be called at any time, from any thread, also
     * while {@link #close()} runs (shutdownNow during another thread's close); 0 once closed.
     */
    int cancelAll();

    /** See {@code NativeBridge.poolStats} for the layout. */
    long[] stats();

    int threads();

    /** The native ISA path in use, or null for the Java engine. */
    dev.jkernels.Isa isa();

    /**
     * How long a thread waiting for one of this engine's asynchronous results polls before it parks: the
     * workers' own poll time, so 0 while there are more workers than CPUs.
     */
    long spinNanos();

    /** True on one of this engine's delivery threads, where closing the engine would wait for itself. */
    boolean deliversOnCurrentThread();

    /**
     * Waits for every started job to be delivered, stops and joins the worker and delivery threads (a
     * delivery thread still running user code ends when that returns), frees native memory; called once,
     * after every synchronous call has returned and no new one can start.
     */
    @Override
    void close();
}
