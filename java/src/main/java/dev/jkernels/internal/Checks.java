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

    /** Rejects the first input outside the kernel's domain, naming the kernel, the value and its index. */
    public static void domain(String kernelName, KernelSpec.OfLong kernel, long[] in) {
        if (!kernel.restrictsDomain()) {
            return;
        }
        long min = kernel.minInput(), max = kernel.maxInput();
        for (int i = 0; i < in.length; i++) {
            if (in[i] < min || in[i] > max) {
                throw new IllegalArgumentException(kernelName + ": input " + in[i] + " at index " + i
                        + " is outside " + min + ".." + max);
            }
        }
    }
}
