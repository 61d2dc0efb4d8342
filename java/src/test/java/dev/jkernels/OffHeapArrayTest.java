// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.internal.JniProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OffHeapArray} and the buffer rules of "Off-heap memory" ({@link KernelPool}): alignment and zeroing,
 * what closing does to calls, views and running jobs, the refused buffers, sharing between buffer objects,
 * and a leak loop of 10,000 arrays.
 */
class OffHeapArrayTest {
    static Stream<PoolConfigs.Config> backends() {
        return PoolConfigs.backends().stream();
    }

    @Test
    void arraysAreZeroedAndAligned() {
        JniProbe.load();
        for (int length : new int[] {0, 1, 3, 1000, 1 << 20}) {
            try (OffHeapArray a = OffHeapArray.ofFloats(length)) {
                FloatBuffer f = a.floats();
                assertEquals(length, f.capacity());
                assertEquals(4L * length, a.byteSize());
                assertEquals(ByteOrder.nativeOrder(), f.order());
                for (int i = 0; i < length; i += 97) {
                    assertEquals(0, Float.floatToRawIntBits(f.get(i)), "element " + i);
                }
                if (length > 0) {
                    assertEquals(0, JniProbe.address(f) % 64, "address of a " + length + "-float array");
                }
            }
        }
        try (OffHeapArray a = OffHeapArray.ofDoubles(3)) {
            assertEquals(3, a.doubles().capacity());
            assertEquals(6, a.ints().capacity()); // views of the same bytes
        }
    }

    @Test
    void badSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OffHeapArray.ofDoubles(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OffHeapArray.ofLongs(Integer.MAX_VALUE / 4));
        assertTrue(e.getMessage().contains(Integer.toString(Integer.MAX_VALUE / 4)), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aClosedArrayIsRefusedAndItsViewsReadZeros(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            long before = OffHeapArray.bytesInUse();
            OffHeapArray a = OffHeapArray.ofDoubles(10_000);
            DoubleBuffer x = a.doubles();
            for (int i = 0; i < x.capacity(); i++) {
                x.put(i, i + 1);
            }
            assertEquals(50_005_000.0, pool.vectors().sum(x));
            a.close();
            a.close(); // idempotent
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.vectors().sum(x));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> pool.math().exp(x, x));
            assertThrows(IllegalStateException.class, a::doubles);
            // The memory went back to the system, but the mapping stays until the views are unreachable: an old
            // view reads zeros instead of crashing the JVM.
            assertEquals(0.0, x.get(9_999));
            assertEquals(before, OffHeapArray.bytesInUse());
        }
    }

    /**
     * Closing an array while a job (or another thread's call) reads it: the job still sees every value, since
     * the memory goes back only after it; a hold that did not work would let it read zeros (the mapping stays),
     * and the sum would be short.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @Timeout(120)
    void closingWhileAJobRunsFreesAfterTheJob(PoolConfigs.Config config) throws Exception {
        int n = 8_000_000;
        double expected = 0;
        try (KernelPool pool = config.open()) {
            for (int round = 0; round < 3; round++) {
                long before = OffHeapArray.bytesInUse();
                OffHeapArray a = OffHeapArray.ofDoubles(n);
                DoubleBuffer x = a.doubles();
                for (int i = 0; i < n; i++) {
                    x.put(i, i % 1000);
                }
                expected = pool.vectors().sum(x);
                assertEquals(n / 1000 * 499_500.0, expected);
                KernelFuture<Double> f = pool.submit(p -> p.vectors().sum(x));
                a.close(); // microseconds after the submit: the job reads the array after this
                assertEquals(expected, f.get(), "the job's sum over an array closed while it ran");
                assertEquals(before, OffHeapArray.bytesInUse(), "the closed array's memory after the job");
                assertThrows(IllegalStateException.class, () -> pool.vectors().sum(x));
            }
            // A synchronous call on one thread, close on another while it runs: the sum is whole either way.
            for (int round = 0; round < 3; round++) {
                OffHeapArray a = OffHeapArray.ofDoubles(n);
                DoubleBuffer x = a.doubles();
                for (int i = 0; i < n; i++) {
                    x.put(i, i % 1000);
                }
                Thread closer = new Thread(() -> {
                    LockSupportSleep.micros(500);
                    a.close();
                });
                closer.start();
                try {
                    assertEquals(expected, pool.vectors().sum(x));
                } catch (IllegalStateException closedFirst) {
                    assertTrue(closedFirst.getMessage().contains("closed"), closedFirst.getMessage());
                }
                closer.join();
            }
        }
    }

    /** A short sleep without InterruptedException to handle. */
    private static final class LockSupportSleep {
        static void micros(long us) {
            java.util.concurrent.locks.LockSupport.parkNanos(us * 1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void refusedBuffersNameTheProblem(PoolConfigs.Config config) {
        try (KernelPool pool = config.open()) {
            DoubleBuffer bigEndian = ByteBuffer.allocateDirect(80).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.vectors().sum(bigEndian));
            assertTrue(e.getMessage().contains("BIG_ENDIAN"), e.getMessage());
            DoubleBuffer direct = ByteBuffer.allocateDirect(80).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            assertThrows(ReadOnlyBufferException.class, () -> pool.vectors().scale(2, direct.asReadOnlyBuffer()));
            assertThrows(ReadOnlyBufferException.class, () -> pool.math().exp(direct, direct.asReadOnlyBuffer()));
            assertEquals(0.0, pool.vectors().sum(direct.asReadOnlyBuffer())); // reading is fine
            DoubleBuffer readOnlyHeap = DoubleBuffer.wrap(new double[4]).asReadOnlyBuffer();
            e = assertThrows(IllegalArgumentException.class, () -> pool.vectors().sum(readOnlyHeap));
            assertTrue(e.getMessage().contains("heap buffer without an accessible array"), e.getMessage());
            DoubleBuffer heapView = ByteBuffer.allocate(80).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            assertThrows(IllegalArgumentException.class, () -> pool.vectors().sum(heapView));
            assertThrows(NullPointerException.class, () -> pool.vectors().sum((DoubleBuffer) null));
            e = assertThrows(IllegalArgumentException.class, () -> pool.vectors().dot(direct, direct.duplicate().limit(9)));
            assertTrue(e.getMessage().contains("remaining"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> pool.vectors().argmax(direct.duplicate().limit(0)));
            assertTrue(e.getMessage().contains("no remaining element"), e.getMessage());
            IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class,
                    () -> pool.blas().gemv(Blas.Layout.ROW_MAJOR, Blas.Transpose.NO_TRANS, 3, 3, 1.0, direct, 2, 3,
                            direct.duplicate().position(9), 0, 0.0, direct.duplicate(), 0));
            assertTrue(o.getMessage().contains("offA 2"), o.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void distinctBufferObjectsOverTheSameMemory(PoolConfigs.Config config) {
        try (KernelPool pool = config.open(); OffHeapArray a = OffHeapArray.ofDoubles(64)) {
            DoubleBuffer x = a.doubles();
            for (int i = 0; i < 64; i++) {
                x.put(i, i);
            }
            DoubleBuffer sameRange = a.doubles();
            pool.vectors().axpy(1.0, x, sameRange); // exactly the same memory: in place, y = y + y
            assertEquals(126.0, x.get(63));
            DoubleBuffer shifted = a.doubles().position(1).slice();
            DoubleBuffer head = a.doubles().limit(63);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.vectors().axpy(1.0, head, shifted));
            assertTrue(e.getMessage().contains("share"), e.getMessage());
            // Views made separately, of another element type than the first ones, overlap all the same.
            LongBuffer longs = a.longs().limit(63);
            LongBuffer next = a.longs().position(1).slice();
            e = assertThrows(IllegalArgumentException.class, () -> pool.map(LongKernels.SQUARE, longs, next));
            assertTrue(e.getMessage().contains("share"), e.getMessage());
            assertEquals(126.0, x.get(63), "a refused call wrote nothing");
        }
    }

    /**
     * 10,000 arrays allocated, used and closed leave the off-heap count where it was, the C heap within the
     * slack of LeakLoopTest, and, once their views are unreachable, no mapping behind.
     */
    @Test
    @Timeout(300)
    void tenThousandArraysLeaveNothingBehind() throws Exception {
        JniProbe.load();
        try (KernelPool pool = KernelPool.create(2)) {
            cycle(pool, 5_000); // lets malloc's arenas and the JIT settle
            long bytes = OffHeapArray.bytesInUse();
            long heap = LeakLoopTest.settledHeapBytes(LeakLoopTest.SETTLE_MILLIS); // single readings: a JIT arena
            cycle(pool, 5_000);
            assertEquals(bytes, OffHeapArray.bytesInUse(), "off-heap bytes after 10,000 arrays");
            LeakLoopTest.assertHeapWithinSlack(heap, "OffHeapArrayTest", "5,000 arrays");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (JniProbe.offHeapBlocks() > 100 && System.nanoTime() < deadline) {
                System.gc(); // the views are garbage: the Cleaner unmaps their blocks
                Thread.sleep(50);
            }
            assertTrue(JniProbe.offHeapBlocks() <= 100, JniProbe.offHeapBlocks() + " blocks still mapped");
        }
    }

    private static void cycle(KernelPool pool, int arrays) {
        for (int i = 0; i < arrays; i++) {
            try (OffHeapArray a = OffHeapArray.ofLongs(1000 + i % 3000)) {
                LongBuffer x = a.longs();
                x.put(7, i);
                assertEquals(i, pool.vectors().sum(x));
            }
        }
    }
}
