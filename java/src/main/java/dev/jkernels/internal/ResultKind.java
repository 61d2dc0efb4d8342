// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/** What an operation returns besides its written slots ({@code jk_result_kind}). Not API. */
public enum ResultKind {
    NONE("none"), DOUBLE("double"), LONG("long");

    /** As in the native library's description of its operations. */
    final String code;

    ResultKind(String code) {
        this.code = code;
    }
}
