package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The native side re-checks what Java already checked: calling the JNI entry points directly with bad
 * input gives a Java exception from the native status, and the pool keeps working.
 */
class NativeRecheckTest {
    private static final int FIB = 0, SQUARE = 1, NO_SUCH_KERNEL = 99;
    private long pool;

    @BeforeEach
    void createPool() {
        NativeLibrary.requireLoaded();
        pool = NativeBridge.poolCreate(2, -1);
    }

    @AfterEach
    void destroyPool() {
        NativeBridge.poolDestroy(pool);
    }

    @Test
    void domainErrorFromAKernelNamesValueAndIndex() {
        long[] in = {10, 93, 12};
        long[] out = new long[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.mapLong(pool, FIB, in, out, NativeBridge.MODE_COPY));
        assertEquals("long map: input 93 at index 1 is outside the kernel's domain", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NativeBridge.mapLong(pool, FIB, in, out, NativeBridge.MODE_PIN_IF_IDLE));
        assertEquals("long map: input 93 at index 1 is outside the kernel's domain", e.getMessage());
        assertWorks();
    }

    @Test
    void unknownKernelIsAnArgumentError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.mapLong(pool, NO_SUCH_KERNEL, new long[1], new long[1], NativeBridge.MODE_PIN_IF_IDLE));
        assertEquals("jkernels long map failed: argument (status 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.mapDouble(pool, NO_SUCH_KERNEL, new double[1], new double[1], NativeBridge.MODE_COPY));
        assertWorks();
    }

    @Test
    void lengthsAreRecheckedNatively() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.mapLong(pool, SQUARE, new long[5], new long[3], NativeBridge.MODE_PIN_IF_IDLE));
        assertEquals("array lengths differ: 5 and 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.dot(pool, new double[2], new double[3], NativeBridge.MODE_PIN_IF_IDLE));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.axpy(pool, 1, new double[4], new double[3], NativeBridge.MODE_INLINE));
        assertWorks();
    }

    @Test
    void badPoolArgumentsAreRejectedNatively() {
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(Checks.MAX_THREADS + 1, -1));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.poolCreate(1, 17));
    }

    private void assertWorks() {
        long[] out = new long[2];
        NativeBridge.mapLong(pool, FIB, new long[] {38, 33}, out, NativeBridge.MODE_COPY);
        assertArrayEquals(new long[] {39088169, 3524578}, out);
        NativeBridge.mapLong(pool, SQUARE, new long[] {-3, 4}, out, NativeBridge.MODE_PIN_IF_IDLE);
        assertArrayEquals(new long[] {9, 16}, out);
    }
}
