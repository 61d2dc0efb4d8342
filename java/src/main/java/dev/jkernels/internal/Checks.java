// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/** Argument checks, done once in Java before any native call; each names the bad value. Not API. */
public final class Checks {
    private Checks() {}

    /** Upper bound on a pool's thread count; mirrors JK_MAX_THREADS. */
    public static final int MAX_THREADS = 1024;

    public static int threads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + threads);
        }
        return threads;
    }

    public static void sameLength(String first, int firstLength, String second, int secondLength) {
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(first + ".length (" + firstLength + ") != " + second + ".length ("
                    + secondLength + ")");
        }
    }

    /** As {@link #sameLength}, for buffers' remaining elements. */
    public static void sameRemaining(String first, Buffer firstBuffer, String second, Buffer secondBuffer) {
        if (firstBuffer.remaining() != secondBuffer.remaining()) {
            throw new IllegalArgumentException(first + ".remaining() (" + firstBuffer.remaining() + ") != " + second
                    + ".remaining() (" + secondBuffer.remaining() + ")");
        }
    }

    /** An array's length or a buffer's remaining elements: what a facade's whole-container form covers. */
    public static int length(Object container) {
        return container instanceof Buffer b ? b.remaining() : java.lang.reflect.Array.getLength(container);
    }

    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is null");
    }

    /**
     * The generic checks of a call, after the facade's own (which name the public arguments): every slot
     * of the spec's type, within its array, and no written slot sharing elements with another slot unless
     * it is exactly that slot in an in-place operation. What is left for the spec is its domain.
     */
    public static void slots(OpSpec op, Args a) {
        if (a.slots() != op.slots()) {
            throw new IllegalStateException(op.label + ": " + a.slots() + " slots given, " + op.slots() + " expected");
        }
        for (int k = 0; k < op.slots(); k++) {
            Object array = notNull(a.array(k), a.slotName(op, k));
            if (array instanceof Buffer b) {
                buffer(op, a, k, b);
            } else if (!op.type(k).accepts(array)) {
                throw new IllegalArgumentException(op.label + ": " + a.slotName(op, k) + " must be a "
                        + op.type(k).javaName + "[]");
            }
            if (op.has(OpSpec.SAME_LENGTH) && a.length(k) != a.length(0)) {
                throw new IllegalArgumentException(op.label + ": " + a.slotName(op, 0) + " has " + a.length(0) + " elements, "
                        + a.slotName(op, k) + " " + a.length(k) + "; they must be the same");
            }
            int length = op.type(k).length(array), off = a.offset(k), n = a.length(k);
            if (off < 0 || n < 0 || off > length - n) {
                throw new IndexOutOfBoundsException(op.label + ": " + a.slotName(op, k) + " offset " + off + ", length " + n
                        + " is outside an array of " + length);
            }
            for (int j = 0; j < k; j++) {
                if (sameMemory(op, a, j, k) && overlapRefused(op, a, j, k)) {
                    throw new IllegalArgumentException(op.label + ": " + a.slotName(op, j) + " and " + a.slotName(op, k)
                            + " share elements of one array; a written argument must be exactly another one or apart from it");
                }
            }
        }
    }

    /**
     * A buffer slot: of the slot's type, direct, in the native byte order, writable if the slot is written.
     * (A heap buffer with an accessible array reaches the engines as that array: {@link Args#slot}.)
     */
    private static void buffer(OpSpec op, Args a, int k, Buffer b) {
        SlotType t = op.type(k);
        String name = op.label + ": " + a.slotName(op, k);
        if (!t.acceptsBuffer(b)) {
            throw new IllegalArgumentException(name + " must be a " + t.bufferName() + ", not a "
                    + b.getClass().getSimpleName());
        }
        if (!b.isDirect()) {
            throw new IllegalArgumentException(name + " is a heap buffer without an accessible array (read-only, or a "
                    + "view of a heap ByteBuffer); pass a direct buffer or an array");
        }
        ByteOrder order = order(t, b);
        if (order != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(name + " is in byte order " + order + "; the kernels need the native "
                    + "order " + ByteOrder.nativeOrder() + " (ByteBuffer.order(ByteOrder.nativeOrder()) before the view)");
        }
        if (b.isReadOnly() && op.role(k).writes()) {
            throw new ReadOnlyBufferException();
        }
        if (NativeLibrary.isLoaded() && a.length(k) > 0 && NativeBridge.memClosed(NativeBridge.bufferAddress(b)
                + (long) a.offset(k) * t.bytes, (long) a.length(k) * t.bytes)) {
            throw new IllegalStateException(name + " is a buffer of an OffHeapArray that is closed");
        }
    }

    private static ByteOrder order(SlotType t, Buffer b) {
        return switch (t) {
            case DOUBLE -> ((DoubleBuffer) b).order();
            case FLOAT -> ((FloatBuffer) b).order();
            case LONG -> ((LongBuffer) b).order();
            case INT -> ((IntBuffer) b).order();
        };
    }

    /**
     * Whether slots j and k may share memory, and {@link #overlapRefused} must judge their offsets: the same
     * array, or the same buffer object; two direct buffers at the same address count as the same (when the
     * native library is loaded, which can tell; else only the same buffer object does).
     */
    private static boolean sameMemory(OpSpec op, Args a, int j, int k) {
        Object x = a.array(j), y = a.array(k);
        if (x == y) {
            return true;
        }
        if (a.length(j) == 0 || a.length(k) == 0) {
            return false; // an empty slot shares nothing, wherever it points
        }
        if (!(x instanceof Buffer bx && y instanceof Buffer by) || !NativeLibrary.isLoaded()) {
            return false;
        }
        long from = NativeBridge.bufferAddress(bx) + (long) a.offset(j) * op.type(j).bytes;
        long to = from + (long) a.length(j) * op.type(j).bytes;
        long otherFrom = NativeBridge.bufferAddress(by) + (long) a.offset(k) * op.type(k).bytes;
        long otherTo = otherFrom + (long) a.length(k) * op.type(k).bytes;
        return from < otherTo && otherFrom < to;
    }

    private static boolean overlapRefused(OpSpec op, Args a, int j, int k) {
        if (!(op.role(j).writes() || op.role(k).writes())) {
            return false;
        }
        if (a.array(j) != a.array(k)) { // two buffers over shared memory: the same range of one type, or refused
            return !(op.type(j) == op.type(k) && sameStart(op, a, j, k) && a.length(j) == a.length(k)
                    && op.has(OpSpec.IN_PLACE) && !(op.role(j) == Role.WRITE && op.role(k) == Role.WRITE));
        }
        int oj = a.offset(j), nj = a.length(j), ok = a.offset(k), nk = a.length(k);
        boolean overlap = nj > 0 && nk > 0 && oj < ok + nk && ok < oj + nj;
        boolean same = oj == ok && nj == nk;
        boolean bothWriteOnly = op.role(j) == Role.WRITE && op.role(k) == Role.WRITE;
        return overlap && !(same && op.has(OpSpec.IN_PLACE) && !bothWriteOnly);
    }

    private static boolean sameStart(OpSpec op, Args a, int j, int k) {
        return NativeBridge.bufferAddress((Buffer) a.array(j)) + (long) a.offset(j) * op.type(j).bytes
                == NativeBridge.bufferAddress((Buffer) a.array(k)) + (long) a.offset(k) * op.type(k).bytes;
    }

    /** Element {@code index} of slot {@code k}, as text for messages. */
    static String valueAt(OpSpec op, Args a, int k, int index) {
        return op.type(k).valueAt(a.array(k), a.offset(k) + index);
    }
}
