// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * What an operation does with an array slot ({@code jk_role} in {@code jk_op.h}). A {@code WRITE} slot is
 * written in full by a successful call; a {@code READ_WRITE} slot is read and updated. Not API.
 */
public enum Role {
    READ("r"), WRITE("w"), READ_WRITE("rw");

    /** As in the native library's description of its operations. */
    final String code;

    Role(String code) {
        this.code = code;
    }

    boolean reads() {
        return this != WRITE;
    }

    boolean writes() {
        return this != READ;
    }
}
