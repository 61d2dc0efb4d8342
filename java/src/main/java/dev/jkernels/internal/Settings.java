// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import dev.jkernels.Backend;
import dev.jkernels.Isa;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The process-wide settings. Each has one system property {@code jkernels.X} and one environment variable;
 * the property wins. A value that cannot be parsed is an error naming the setting, not a silent default.
 * Not API: the README documents the settings.
 */
public final class Settings {
    /** A setting's two names. */
    public enum Key {
        THREADS("jkernels.threads", "JKERNELS_NUM_THREADS"),
        BACKEND("jkernels.backend", "JKERNELS_BACKEND"),
        ISA("jkernels.isa", "JKERNELS_ISA"),
        NATIVE_PATH("jkernels.native.path", "JKERNELS_NATIVE_PATH"),
        TMPDIR("jkernels.tmpdir", "JKERNELS_TMPDIR"),
        THRESHOLDS("jkernels.thresholds", "JKERNELS_THRESHOLDS"),
        SPIN("jkernels.spin", "JKERNELS_SPIN"),
        PIN("jkernels.pin", "JKERNELS_PIN");

        public final String property;
        public final String environment;

        Key(String property, String environment) {
            this.property = property;
            this.environment = environment;
        }
    }

    private static final Settings SYSTEM = new Settings(System::getProperty, System::getenv);

    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;

    /** Settings read through the given lookups (tests inject maps here). */
    public Settings(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The settings of this JVM: system properties, then the environment, read at each call. */
    public static Settings system() {
        return SYSTEM;
    }

    /** The raw value, property first; empty when neither is set or the value is blank. */
    public Optional<String> raw(Key key) {
        String value = properties.apply(key.property);
        if (value == null || value.isBlank()) {
            value = environment.apply(key.environment);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<Integer> threads() {
        return raw(Key.THREADS).map(v -> {
            try {
                return Checks.threads(Integer.parseInt(v));
            } catch (IllegalArgumentException e) {
                throw invalid(Key.THREADS, v, "a thread count in 1.." + Checks.MAX_THREADS);
            }
        });
    }

    public Optional<Backend> backend() {
        return raw(Key.BACKEND).map(v -> {
            try {
                return Backend.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(Key.BACKEND, v, "one of native, java, auto");
            }
        });
    }

    public Optional<Isa> isa() {
        return raw(Key.ISA).map(v -> {
            try {
                return Isa.fromSettingName(v);
            } catch (IllegalArgumentException e) {
                throw invalid(Key.ISA, v, "one of ref, avx2, avx512");
            }
        });
    }

    /** Setting spin: how long idle workers poll before they sleep, in microseconds (0..1000000); as nanoseconds. */
    public Optional<Long> spinNanos() {
        return raw(Key.SPIN).map(v -> {
            try {
                long us = Long.parseLong(v);
                if (us >= 0 && us <= 1_000_000) {
                    return us * 1000;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(Key.SPIN, v, "microseconds in 0..1000000");
        });
    }

    /**
     * Setting pin: how NATIVE streaming operations treat heap arrays, as NativeBridge.setPinMode's code:
     * {@code windows} (0, the default: pinned a few MiB at a time, copied when the pool is busy),
     * {@code never} (1: every window copied), {@code whole} (2: pinned for the whole call, the naive way,
     * which holds up the garbage collector as long as the call runs; for the GC-stall benchmark).
     */
    public int pinMode() {
        return raw(Key.PIN).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "windows" -> 0;
            case "never" -> 1;
            case "whole" -> 2;
            default -> throw invalid(Key.PIN, v, "one of windows, never, whole");
        }).orElse(0);
    }

    public Optional<String> nativePath() {
        return raw(Key.NATIVE_PATH);
    }

    /** A properties file of Backend.AUTO thresholds (what {@code jkernels-bench.jar calibrate} writes). */
    public Optional<String> thresholdsFile() {
        return raw(Key.THRESHOLDS);
    }

    /** The property {@code name} alone (no environment twin), blank as unset. */
    public Optional<String> property(String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The directory the native library is extracted to: the setting, else java.io.tmpdir. */
    public String tmpDir() {
        return raw(Key.TMPDIR).orElseGet(() -> System.getProperty("java.io.tmpdir"));
    }

    private IllegalArgumentException invalid(Key key, String value, String expected) {
        return new IllegalArgumentException(key.property + " / " + key.environment + " = '" + value
                + "' is invalid: expected " + expected);
    }
}
