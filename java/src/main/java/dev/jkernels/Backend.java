// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * Where a {@link KernelPool} runs its kernels.
 *
 * <p>Every kernel has two implementations that compute the same thing: a native one in
 * {@code libjkernels.so}, run on the pool's own pthreads, and a pure-Java twin, run on a
 * pool of Java threads of the same size that schedules work the same way. Both are tested against the same inputs.
 */
public enum Backend {
    /** Native kernels on native pthreads. Building a pool fails if the native library cannot be loaded. */
    NATIVE,
    /**
     * The pure-Java twins on the pool's own Java threads (the same scheduling as the native runtime); a
     * call small enough to be one cheap chunk runs on the calling thread, as on NATIVE.
     */
    JAVA,
    /**
     * Per call, whichever is faster for its size, when the native library is loaded: the Java twin on the
     * calling thread for small inputs (crossing into native costs more than it saves), the native kernel on
     * the calling thread for medium ones, the native pool from the size where more threads pay. The
     * thresholds were measured per operation by the benchmark harness; re-measure them on your machine with
     * {@code java -jar jkernels-bench.jar calibrate} and pass the file it writes as setting
     * {@code jkernels.thresholds}. Results are the same bits whichever path runs. Asynchronous calls always
     * go to the native pool. {@link KernelPool#autoPolicy()} shows the thresholds and the choices made.
     *
     * <p>Without the native library, AUTO is JAVA; the reason is logged once (System.Logger
     * {@code dev.jkernels}, level WARNING) and {@link KernelPool#backend()} returns JAVA.
     */
    AUTO
}
