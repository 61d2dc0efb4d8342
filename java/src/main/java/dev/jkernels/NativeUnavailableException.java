// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * Thrown when {@link Backend#NATIVE} is requested but the native library could not be loaded. The message
 * lists every place the loader tried and the error each gave; {@link #status()} has them as data.
 */
public final class NativeUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient NativeStatus status;

    /**
     * An exception carrying the loader's findings.
     *
     * @param status what the loader tried, and why each attempt failed
     */
    public NativeUnavailableException(NativeStatus status) {
        super("the jkernels native library is not available; tried:\n  "
                + status.failureReason().replace("\n", "\n  ")
                + "\nUse Backend.JAVA or Backend.AUTO to run the pure-Java kernels instead.");
        this.status = status;
    }

    /**
     * The loader's findings.
     *
     * @return what was tried, and why each attempt failed
     */
    public NativeStatus status() {
        return status;
    }
}
