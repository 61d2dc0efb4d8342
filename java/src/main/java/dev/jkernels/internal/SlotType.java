// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * The element type of an operation's array slot, the same four on both sides ({@code jk_type} in
 * {@code jk_op.h}). A slot holds an array of the type or a direct buffer of it ({@code DoubleBuffer} for
 * DOUBLE, ...), which is measured by its limit and indexed absolutely (its position is the facade's business).
 * Generic code copies and measures slots through these methods, so it never needs to know which kind of
 * array or buffer it holds. Not API.
 */
public enum SlotType {
    DOUBLE('D', "double", 8), FLOAT('F', "float", 4), LONG('J', "long", 8), INT('I', "int", 4);

    /** The JNI letter, as in the native library's description of its operations. */
    final char letter;
    final String javaName;
    /** Bytes per element. */
    final int bytes;

    SlotType(char letter, String javaName, int bytes) {
        this.letter = letter;
        this.javaName = javaName;
        this.bytes = bytes;
    }

    /** True when {@code array} is an array of this type. */
    boolean accepts(Object array) {
        return switch (this) {
            case DOUBLE -> array instanceof double[];
            case FLOAT -> array instanceof float[];
            case LONG -> array instanceof long[];
            case INT -> array instanceof int[];
        };
    }

    /** True when {@code buffer} is a buffer of this type (direct or not). */
    boolean acceptsBuffer(Object buffer) {
        return switch (this) {
            case DOUBLE -> buffer instanceof DoubleBuffer;
            case FLOAT -> buffer instanceof FloatBuffer;
            case LONG -> buffer instanceof LongBuffer;
            case INT -> buffer instanceof IntBuffer;
        };
    }

    /** The name of this type's buffer class, for messages. */
    String bufferName() {
        return switch (this) {
            case DOUBLE -> "DoubleBuffer";
            case FLOAT -> "FloatBuffer";
            case LONG -> "LongBuffer";
            case INT -> "IntBuffer";
        };
    }

    /** An array's length, or a buffer's limit. */
    int length(Object array) {
        if (array instanceof Buffer b) {
            return b.limit();
        }
        return switch (this) {
            case DOUBLE -> ((double[]) array).length;
            case FLOAT -> ((float[]) array).length;
            case LONG -> ((long[]) array).length;
            case INT -> ((int[]) array).length;
        };
    }

    Object newArray(int length) {
        return switch (this) {
            case DOUBLE -> new double[length];
            case FLOAT -> new float[length];
            case LONG -> new long[length];
            case INT -> new int[length];
        };
    }

    /** Elements [from, to) of an array or (absolute indices) a buffer, as a new array. */
    Object copyOfRange(Object array, int from, int to) {
        if (array instanceof Buffer b) {
            Object copy = newArray(to - from);
            switch (this) {
                case DOUBLE -> ((DoubleBuffer) b).get(from, (double[]) copy);
                case FLOAT -> ((FloatBuffer) b).get(from, (float[]) copy);
                case LONG -> ((LongBuffer) b).get(from, (long[]) copy);
                case INT -> ((IntBuffer) b).get(from, (int[]) copy);
            }
            return copy;
        }
        return switch (this) {
            case DOUBLE -> Arrays.copyOfRange((double[]) array, from, to);
            case FLOAT -> Arrays.copyOfRange((float[]) array, from, to);
            case LONG -> Arrays.copyOfRange((long[]) array, from, to);
            case INT -> Arrays.copyOfRange((int[]) array, from, to);
        };
    }

    /** Copies {@code length} elements of array {@code from} into an array or buffer from {@code offset} on. */
    void copyInto(Object from, Object target, int offset, int length) {
        if (!(target instanceof Buffer b)) {
            System.arraycopy(from, 0, target, offset, length);
            return;
        }
        switch (this) {
            case DOUBLE -> ((DoubleBuffer) b).put(offset, (double[]) from, 0, length);
            case FLOAT -> ((FloatBuffer) b).put(offset, (float[]) from, 0, length);
            case LONG -> ((LongBuffer) b).put(offset, (long[]) from, 0, length);
            case INT -> ((IntBuffer) b).put(offset, (int[]) from, 0, length);
        }
    }

    /** Element {@code index} of an array or buffer, as text for messages. */
    String valueAt(Object array, int index) {
        Object one = copyOfRange(array, index, index + 1);
        return switch (this) {
            case DOUBLE -> Double.toString(((double[]) one)[0]);
            case FLOAT -> Float.toString(((float[]) one)[0]);
            case LONG -> Long.toString(((long[]) one)[0]);
            case INT -> Integer.toString(((int[]) one)[0]);
        };
    }
}
