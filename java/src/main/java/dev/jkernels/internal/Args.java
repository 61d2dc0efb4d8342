// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.nio.Buffer;
import java.util.Objects;

/**
 * The arguments of one operation call, the same on every backend: up to {@value #SLOTS} array slots, each
 * with its own offset and length, up to {@value #INTS} integer and {@value #REALS} double scalars. Fields
 * rather than arrays, so a call allocates one small object and the JNI glue takes them as plain parameters.
 * Filled in order by the facades ({@code new Args().slot(x).slot(y).real(a)}); read by the engines and the
 * twins. Mutable while it is being filled, then treated as immutable. Not API.
 */
public final class Args {
    public static final int SLOTS = 4, INTS = 8, REALS = 4;

    public Object a0, a1, a2, a3;
    public int o0, o1, o2, o3;
    public int n0, n1, n2, n3;
    public long i0, i1, i2, i3, i4, i5, i6, i7;
    public double d0, d1, d2, d3;
    private int slots, ints, reals;
    private String[] names; // the caller's names of the slots, where they differ from the spec's (messages only)

    /**
     * Appends a slot: {@code length} elements of {@code array} from {@code offset} on; for a buffer, from
     * {@code offset} past its position, within its limit (the slot then holds the absolute index). A heap
     * buffer with an accessible array becomes a slot of that array, so the engines see arrays and direct
     * buffers only.
     *
     * @throws IndexOutOfBoundsException if a buffer's slot is not within its remaining elements
     */
    public Args slot(Object array, int offset, int length) {
        if (array instanceof Buffer b) {
            Objects.checkFromIndexSize(offset, length, b.remaining());
            offset += b.position();
            if (!b.isDirect() && b.hasArray()) {
                array = b.array();
                offset += b.arrayOffset();
            }
        }
        switch (slots++) {
            case 0 -> { a0 = array; o0 = offset; n0 = length; }
            case 1 -> { a1 = array; o1 = offset; n1 = length; }
            case 2 -> { a2 = array; o2 = offset; n2 = length; }
            case 3 -> { a3 = array; o3 = offset; n3 = length; }
            default -> throw new IllegalStateException("more than " + SLOTS + " slots");
        }
        return this;
    }

    public Args slot(double[] array) {
        return slot(array, 0, array.length);
    }

    public Args slot(float[] array) {
        return slot(array, 0, array.length);
    }

    public Args slot(long[] array) {
        return slot(array, 0, array.length);
    }

    public Args slot(int[] array) {
        return slot(array, 0, array.length);
    }

    /** Appends a slot of a buffer's remaining elements, from its position to its limit. */
    public Args slot(Buffer buffer) {
        return slot(buffer, 0, buffer.remaining());
    }

    /** Appends an integer scalar. */
    public Args integer(long value) {
        switch (ints++) {
            case 0 -> i0 = value;
            case 1 -> i1 = value;
            case 2 -> i2 = value;
            case 3 -> i3 = value;
            case 4 -> i4 = value;
            case 5 -> i5 = value;
            case 6 -> i6 = value;
            case 7 -> i7 = value;
            default -> throw new IllegalStateException("more than " + INTS + " integer scalars");
        }
        return this;
    }

    /** Appends a double scalar. */
    public Args real(double value) {
        switch (reals++) {
            case 0 -> d0 = value;
            case 1 -> d1 = value;
            case 2 -> d2 = value;
            case 3 -> d3 = value;
            default -> throw new IllegalStateException("more than " + REALS + " double scalars");
        }
        return this;
    }

    public int slots() {
        return slots;
    }

    public Object array(int k) {
        return switch (k) {
            case 0 -> a0;
            case 1 -> a1;
            case 2 -> a2;
            case 3 -> a3;
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    public int offset(int k) {
        return switch (k) {
            case 0 -> o0;
            case 1 -> o1;
            case 2 -> o2;
            case 3 -> o3;
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    public int length(int k) {
        return switch (k) {
            case 0 -> n0;
            case 1 -> n1;
            case 2 -> n2;
            case 3 -> n3;
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    public long integerAt(int i) {
        return switch (i) {
            case 0 -> i0;
            case 1 -> i1;
            case 2 -> i2;
            case 3 -> i3;
            case 4 -> i4;
            case 5 -> i5;
            case 6 -> i6;
            case 7 -> i7;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public double realAt(int i) {
        return switch (i) {
            case 0 -> d0;
            case 1 -> d1;
            case 2 -> d2;
            case 3 -> d3;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /**
     * Element {@code index} (absolute) of long slot {@code k}, an array or a buffer: for the few readers of
     * slot data outside the twins (domain checks, AUTO's measures), which run before an engine copies buffers.
     */
    public long longAt(int k, int index) {
        Object slot = array(k);
        return slot instanceof long[] a ? a[index] : ((java.nio.LongBuffer) slot).get(index);
    }

    /**
     * The names messages give the slots, in slot order, when the facade's arguments reach the spec's slots
     * in another order (a row-major gemm passes B as the spec's slot "a").
     */
    public Args names(String... slotNames) {
        this.names = slotNames;
        return this;
    }

    /** What messages call slot {@code k}: the caller's name if {@link #names} gave one, else the spec's. */
    String slotName(OpSpec op, int k) {
        return names != null && k < names.length ? names[k] : op.slotName(k);
    }

    /** True when some slot is a buffer. */
    boolean hasBuffer() {
        return a0 instanceof Buffer || a1 instanceof Buffer || a2 instanceof Buffer || a3 instanceof Buffer;
    }

    /** The same scalars, the slots replaced by {@code arrays} at offset 0 with the same lengths. */
    Args withArrays(Object[] arrays) {
        Args copy = new Args();
        for (int k = 0; k < slots; k++) {
            copy.slot(arrays[k], 0, length(k));
        }
        copy.copyScalarsFrom(this);
        return copy;
    }

    /** The same call with each buffer slot k replaced by {@code arrays[k]} at offset 0, same length. */
    Args withBuffersReplaced(Object[] arrays) {
        Args copy = new Args();
        for (int k = 0; k < slots; k++) {
            boolean buffer = array(k) instanceof Buffer;
            copy.slot(buffer ? arrays[k] : array(k), buffer ? 0 : offset(k), length(k));
        }
        copy.copyScalarsFrom(this);
        return copy;
    }

    private void copyScalarsFrom(Args a) {
        i0 = a.i0; i1 = a.i1; i2 = a.i2; i3 = a.i3; i4 = a.i4; i5 = a.i5; i6 = a.i6; i7 = a.i7;
        d0 = a.d0; d1 = a.d1; d2 = a.d2; d3 = a.d3;
        ints = a.ints;
        reals = a.reals;
        names = a.names;
    }
}
