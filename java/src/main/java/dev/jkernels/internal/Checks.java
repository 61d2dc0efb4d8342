// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

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
            Object array = notNull(a.array(k), op.slotName(k));
            if (!op.type(k).accepts(array)) {
                throw new IllegalArgumentException(op.label + ": " + op.slotName(k) + " must be a "
                        + op.type(k).javaName + "[]");
            }
            if (op.has(OpSpec.SAME_LENGTH) && a.length(k) != a.length(0)) {
                throw new IllegalArgumentException(op.label + ": " + op.slotName(0) + " has " + a.length(0) + " elements, "
                        + op.slotName(k) + " " + a.length(k) + "; they must be the same");
            }
            int length = op.type(k).length(array), off = a.offset(k), n = a.length(k);
            if (off < 0 || n < 0 || off > length - n) {
                throw new IndexOutOfBoundsException(op.label + ": " + op.slotName(k) + " offset " + off + ", length " + n
                        + " is outside an array of " + length);
            }
            for (int j = 0; j < k; j++) {
                if (a.array(j) == array && overlapRefused(op, a, j, k)) {
                    throw new IllegalArgumentException(op.label + ": " + op.slotName(j) + " and " + op.slotName(k)
                            + " share elements of one array; a written argument must be exactly another one or apart from it");
                }
            }
        }
    }

    private static boolean overlapRefused(OpSpec op, Args a, int j, int k) {
        if (!(op.role(j).writes() || op.role(k).writes())) {
            return false;
        }
        int oj = a.offset(j), nj = a.length(j), ok = a.offset(k), nk = a.length(k);
        boolean overlap = nj > 0 && nk > 0 && oj < ok + nk && ok < oj + nj;
        boolean same = oj == ok && nj == nk;
        boolean bothWriteOnly = op.role(j) == Role.WRITE && op.role(k) == Role.WRITE;
        return overlap && !(same && op.has(OpSpec.IN_PLACE) && !bothWriteOnly);
    }

    /** Element {@code index} of slot {@code k}, as text for messages. */
    static String valueAt(OpSpec op, Args a, int k, int index) {
        Object array = a.array(k);
        int i = a.offset(k) + index;
        return switch (op.type(k)) {
            case DOUBLE -> Double.toString(((double[]) array)[i]);
            case FLOAT -> Float.toString(((float[]) array)[i]);
            case LONG -> Long.toString(((long[]) array)[i]);
            case INT -> Integer.toString(((int[]) array)[i]);
        };
    }
}
