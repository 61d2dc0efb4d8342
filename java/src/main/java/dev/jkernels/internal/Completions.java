package dev.jkernels.internal;

/** What the public futures need to know about completion threads. Not API. */
public final class Completions {
    private Completions() {}

    /** True on a pool's completion thread. */
    public static boolean onCompletionThread() {
        return CompletionThread.isCurrent();
    }
}
