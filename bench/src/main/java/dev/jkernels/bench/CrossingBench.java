// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.internal.JniProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * What one crossing from Java into native code costs before any work is done: the floor under every
 * NATIVE call, and so the reason NATIVE loses on tiny inputs.
 *
 * <ul>
 *   <li>{@code javaCall}: a Java static call the JIT may not inline: the baseline.</li>
 *   <li>{@code jniEmpty}: a JNI call that does nothing (thread state transitions, argument passing).</li>
 *   <li>{@code jniPinned}: pins a {@code long[]} with {@code GetPrimitiveArrayCritical}, reads one
 *       element, releases it: the path short native calls on heap arrays take.</li>
 *   <li>{@code jniDirect}: finds a direct buffer's address and reads one element: the zero-copy
 *       path for off-heap data.</li>
 * </ul>
 * No size parameter: none of these touch more than one element. {@link FfmCrossingBench} measures the FFM
 * downcall (JDK 22+) beside the same JNI call.
 */
public class CrossingBench extends KernelBench {
    private final long[] heap = new long[1024];
    private ByteBuffer direct;

    @Setup(Level.Trial)
    public void setUp() {
        JniProbe.load(); // throws, saying why, if the library cannot load
        heap[0] = 7;
        direct = ByteBuffer.allocateDirect(heap.length * Long.BYTES).order(ByteOrder.nativeOrder());
        direct.putLong(0, 7);
        if (JniProbe.pinned(heap) != 7 || JniProbe.direct(direct) != 7) {
            throw new IllegalStateException("JniProbe read a wrong first element");
        }
    }

    @Benchmark
    public int javaCall() {
        return emptyJava();
    }

    @Benchmark
    public int jniEmpty() {
        return JniProbe.empty();
    }

    @Benchmark
    public long jniPinned() {
        return JniProbe.pinned(heap);
    }

    @Benchmark
    public long jniDirect() {
        return JniProbe.direct(direct);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int emptyJava() {
        return 0;
    }
}
