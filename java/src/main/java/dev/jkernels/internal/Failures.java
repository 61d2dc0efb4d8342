// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.concurrent.CancellationException;

/**
 * The one mapping from a {@code jk_status} to the Java exception a caller gets. The JNI glue calls
 * {@link #forStatus} to build what a failed synchronous call throws; the asynchronous path and the JAVA
 * backend call it for the exception a future fails with, so every form of an operation fails the same way.
 * Not API.
 */
public final class Failures {
    private Failures() {}

    /** jk_status values. */
    public static final int OK = 0, NULL = 1, ARGUMENT = 2, DOMAIN = 3, NOMEM = 4, STATE = 5, UNSUPPORTED = 6,
            THREAD = 7, BUSY = 8, CANCELLED = 9, TIMEOUT = 10, FORKED = 11;

    /** The exception for a failed status, with {@code message}; called from native code too. */
    public static Throwable forStatus(int status, String message) {
        return switch (status) {
            case NULL -> new NullPointerException(message);
            case ARGUMENT, DOMAIN, UNSUPPORTED -> new IllegalArgumentException(message);
            case NOMEM -> new OutOfMemoryError(message);
            case CANCELLED -> new CancellationException(message);
            default -> new IllegalStateException(message);
        };
    }

    /** {@code e} again, its message followed by what the call asked for (OpSpec#memoryNote), the cause kept. */
    static OutOfMemoryError withMemoryNote(OutOfMemoryError e, OpSpec op, Args args) {
        OutOfMemoryError noted = new OutOfMemoryError(e.getMessage() + "; " + op.memoryNote(args));
        noted.initCause(e);
        return noted;
    }

    /** The standard message of an operation that failed with a status. */
    static String message(String op, int status) {
        return "jkernels " + op + " failed: " + name(status) + " (status " + status + ")";
    }

    static String name(int status) {
        return switch (status) {
            case OK -> "ok";
            case NULL -> "null";
            case ARGUMENT -> "argument";
            case DOMAIN -> "domain";
            case NOMEM -> "nomem";
            case STATE -> "state";
            case UNSUPPORTED -> "unsupported";
            case THREAD -> "thread";
            case BUSY -> "busy";
            case CANCELLED -> "cancelled";
            case TIMEOUT -> "timeout";
            case FORKED -> "forked";
            default -> status >= 1000 && status <= 1999 ? "user" : "unknown";
        };
    }

    /** Throws what {@link #forStatus} makes of a failed status (unchecked). */
    static void raise(int status, String message) {
        Throwable t = forStatus(status, message);
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) t;
    }
}
