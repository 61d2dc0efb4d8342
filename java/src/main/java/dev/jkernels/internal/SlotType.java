// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.Arrays;

/**
 * The element type of an operation's array slot, the same four on both sides ({@code jk_type} in
 * {@code jk_op.h}). Generic code copies and measures slots through these methods, so it never needs to know
 * which kind of array it holds. Not API.
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

    int length(Object array) {
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

    Object copyOfRange(Object array, int from, int to) {
        return switch (this) {
            case DOUBLE -> Arrays.copyOfRange((double[]) array, from, to);
            case FLOAT -> Arrays.copyOfRange((float[]) array, from, to);
            case LONG -> Arrays.copyOfRange((long[]) array, from, to);
            case INT -> Arrays.copyOfRange((int[]) array, from, to);
        };
    }
}
