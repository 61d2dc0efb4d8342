// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/** Array helpers the tests share. */
final class TestArrays {
    private TestArrays() {}

    /** A copy of a double[], float[], long[] or int[]. */
    static Object copy(Object array) {
        if (array instanceof double[] d) {
            return d.clone();
        } else if (array instanceof float[] f) {
            return f.clone();
        } else if (array instanceof long[] l) {
            return l.clone();
        }
        return ((int[]) array).clone();
    }
}
