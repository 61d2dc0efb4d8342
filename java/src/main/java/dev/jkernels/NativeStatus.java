// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.List;

/**
 * Whether the native library is loaded, from where, which ISA paths it has, and why not if not. The
 * library is looked for once per JVM, on first use; see {@link KernelPool#nativeStatus()}.
 *
 * @param loaded whether the native library is loaded and its ABI matches these classes
 * @param source where it was loaded from (an explicit path, java.library.path, or the file extracted
 *     from the jar), or null when it is not loaded
 * @param supportedIsa the best ISA path this CPU supports, or null when not loaded
 * @param javaVersion the version of these Java classes (the jkernels artifact's version)
 * @param nativeVersion the version the native library reported, or null when none was loaded far enough
 *     to ask; it must equal {@code javaVersion} for the library to be used
 * @param attempts every place tried, in order, each with its outcome or error
 */
public record NativeStatus(boolean loaded, String source, Isa supportedIsa, String javaVersion, String nativeVersion,
        List<String> attempts) {
    /** Copies {@code attempts}, so the record stays immutable. */
    public NativeStatus {
        attempts = List.copyOf(attempts);
    }

    /**
     * Why the library is not loaded.
     *
     * @return every attempt and its error, one per line; empty when loaded
     */
    public String failureReason() {
        return loaded ? "" : String.join("\n", attempts);
    }

    /**
     * One line: {@code jkernels 0.1.0 (Java), native 0.1.0 loaded from ..., ISA avx512} or
     * {@code jkernels 0.1.0 (Java), native not loaded (...)}.
     */
    @Override
    public String toString() {
        return "jkernels " + javaVersion + " (Java), native " + (loaded
                ? nativeVersion + " loaded from " + source + ", ISA " + supportedIsa.settingName()
                : "not loaded (" + String.join("; ", attempts) + ")");
    }
}
