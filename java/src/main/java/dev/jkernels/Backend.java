package dev.jkernels;

/**
 * Where a {@link KernelPool} runs its kernels.
 *
 * <p>Every kernel has two implementations that compute the same thing: a native one in
 * {@code libjkernels.so}, run on the pool's own pthreads, and a pure-Java twin, run on a
 * {@link java.util.concurrent.ForkJoinPool} of the same size. Both are tested against the same inputs.
 */
public enum Backend {
    /** Native kernels on native pthreads. Building a pool fails if the native library cannot be loaded. */
    NATIVE,
    /** The pure-Java twins: a plain loop on the calling thread at 1 thread, a ForkJoinPool otherwise. */
    JAVA,
    /**
     * NATIVE when the native library is loaded, JAVA otherwise; the reason for falling back is logged once
     * (System.Logger {@code dev.jkernels}, level WARNING). {@link KernelPool#backend()} tells which one was chosen.
     */
    AUTO
}
