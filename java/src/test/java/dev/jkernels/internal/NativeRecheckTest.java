// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The native side re-checks what Java already checked: calling the generic JNI entries directly with bad
 * input gives a Java exception naming the op and the problem, never a crash, and the pool keeps working.
 */
class NativeRecheckTest {
    private long pool;

    @BeforeEach
    void createPool() {
        NativeLibrary.requireLoaded();
        pool = NativeBridge.poolCreate(2, -1, -1);
    }

    @AfterEach
    void destroyPool() {
        NativeBridge.poolDestroy(pool);
    }

    /** A synchronous call with up to two slots and one double scalar. */
    private long call(OpSpec op, Object a0, int o0, int n0, Object a1, int o1, int n1, double d0) {
        return NativeBridge.call(pool, op.nativeIndex, 0, a0, o0, n0, a1, o1, n1, null, 0, 0, null, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, d0, 0, 0, 0);
    }

    private static <T extends Throwable> void assertMessage(Class<T> type, String message, Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void domainErrorFromAKernelNamesValueAndIndex() {
        long[] in = {10, 93, 12};
        assertMessage(IllegalArgumentException.class, "map_fib_i64: input 93 at index 1 is outside the kernel's domain",
                () -> call(MapSpecs.FIB, in, 0, 3, new long[3], 0, 3, 0));
        assertMessage(IllegalArgumentException.class, "map_fib_i64: input 93 at index 0 is outside the kernel's domain",
                () -> call(MapSpecs.FIB, in, 1, 2, new long[3], 1, 2, 0)); // the index is the slot's
        assertWorks();
    }

    @Test
    void typesBoundsAndNullsAreRecheckedNatively() {
        assertMessage(IllegalArgumentException.class, "map_square_i64: slot 0 must be a long[] or a direct buffer of long",
                () -> call(MapSpecs.SQUARE, new int[4], 0, 4, new long[4], 0, 4, 0));
        assertMessage(IndexOutOfBoundsException.class, "sum_f64: slot 0: offset 3, length 4 outside an array of 5",
                () -> call(VectorSpecs.SUM, new double[5], 3, 4, null, 0, 0, 0));
        assertMessage(IndexOutOfBoundsException.class, "sum_f64: slot 0: offset -1, length 1 outside an array of 5",
                () -> call(VectorSpecs.SUM, new double[5], -1, 1, null, 0, 0, 0));
        assertMessage(NullPointerException.class, "dot_f64: slot 1 is null",
                () -> call(VectorSpecs.DOT, new double[2], 0, 2, null, 0, 0, 0));
        assertMessage(IllegalArgumentException.class, "jkernels dot_f64 failed: argument (status 2)",
                () -> call(VectorSpecs.DOT, new double[2], 0, 2, new double[3], 0, 3, 0)); // lengths differ
        assertMessage(IllegalStateException.class, "jkernels: no native operation has index 999",
                () -> NativeBridge.call(pool, 999, 0, null, 0, 0, null, 0, 0, null, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0));
        assertWorks();
    }

    @Test
    void buffersAreRecheckedNatively() {
        java.nio.DoubleBuffer direct = java.nio.ByteBuffer.allocateDirect(40).order(java.nio.ByteOrder.nativeOrder())
                .asDoubleBuffer();
        assertMessage(IndexOutOfBoundsException.class, "sum_f64: slot 0: offset 3, length 4 outside a buffer of 5",
                () -> call(VectorSpecs.SUM, direct, 3, 4, null, 0, 0, 0));
        assertMessage(IllegalArgumentException.class, "sum_f64: slot 0 is a double buffer that is not direct",
                () -> call(VectorSpecs.SUM, java.nio.DoubleBuffer.allocate(5), 0, 5, null, 0, 0, 0));
        assertMessage(IllegalArgumentException.class, "sum_f64: slot 0 must be a double[] or a direct buffer of double",
                () -> call(VectorSpecs.SUM, java.nio.ByteBuffer.allocateDirect(40), 0, 5, null, 0, 0, 0));
        assertMessage(IllegalArgumentException.class, "axpy_f64: slots 0 and 1 share elements of one array (offsets 1 "
                + "and 0, lengths 4 and 4); a written slot must be exactly another slot or apart from it",
                () -> call(VectorSpecs.AXPY, direct, 1, 4, direct.duplicate(), 0, 4, 1)); // two objects, one memory
        assertWorks();
    }

    @Test
    void overlapsAreRefusedExceptExactlyInPlace() {
        double[] x = {1, 2, 3, 4, 5, 6};
        assertMessage(IllegalArgumentException.class, "axpy_f64: slots 0 and 1 share elements of one array (offsets 0 "
                + "and 1, lengths 4 and 4); a written slot must be exactly another slot or apart from it",
                () -> call(VectorSpecs.AXPY, x, 0, 4, x, 1, 4, 1));
        call(VectorSpecs.AXPY, x, 0, 3, x, 3, 3, 1); // disjoint halves of one array
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, x);
        call(VectorSpecs.AXPY, x, 0, 6, x, 0, 6, 1); // exactly in place: x += x
        assertArrayEquals(new double[] {2, 4, 6, 10, 14, 18}, x);
        assertEquals(2 * 4 + 4 * 6, Double.longBitsToDouble(call(VectorSpecs.DOT, x, 0, 2, x, 1, 2, 0)),
                "read-only slots may overlap");
        assertWorks();
    }

    @Test
    void badPoolArgumentsAreRejectedNatively() {
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(-1, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(Checks.MAX_THREADS + 1, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(1, 17, -1));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(1, -1, -2));
    }

    private void assertWorks() {
        long[] out = new long[2];
        call(MapSpecs.FIB, new long[] {38, 33}, 0, 2, out, 0, 2, 0);
        assertArrayEquals(new long[] {39088169, 3524578}, out);
        call(MapSpecs.SQUARE, new long[] {-3, 4}, 0, 2, out, 0, 2, 0);
        assertArrayEquals(new long[] {9, 16}, out);
    }
}
