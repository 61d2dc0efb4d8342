// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.Locale;

/**
 * The instruction-set paths of the native kernels, lowest first.
 *
 * <p>The shipped library runs on any x86-64 CPU; at run time it picks the best path the CPU and the
 * operating system support. A lower path can be forced per pool ({@link KernelPool.Builder#isa(Isa)}) or
 * process-wide (system property {@code jkernels.isa}, environment {@code JKERNELS_ISA}), which is how the
 * tests run every path on one machine. Every path returns the same bits as {@link #REF} (but for which NaN a NaN
 * result is: its sign and payload are not specified).
 */
public enum Isa {
    /** Portable C compiled for baseline x86-64. */
    REF,
    /** AVX2 with FMA (Haswell and later). */
    AVX2,
    /** AVX-512 F and DQ (Skylake-SP and later). */
    AVX512;

    /**
     * The name used by {@code jkernels.isa} and the native library.
     *
     * @return ref, avx2 or avx512
     */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a setting value (case-insensitive).
     *
     * @param name ref, avx2 or avx512
     * @return the path
     * @throws IllegalArgumentException naming the value when it is none of ref, avx2, avx512
     */
    public static Isa fromSettingName(String name) {
        for (Isa isa : values()) {
            if (isa.settingName().equalsIgnoreCase(name.trim())) {
                return isa;
            }
        }
        throw new IllegalArgumentException("unknown ISA path '" + name + "': expected one of ref, avx2, avx512");
    }
}
