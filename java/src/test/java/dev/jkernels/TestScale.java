// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

/**
 * How much work the heaviest tests do, from {@code -Djkernels.test.scale}: {@code full} (the default, what
 * {@code mvn verify} runs) or {@code quick}. CI's second JUnit run (Temurin 25 under {@code -Xcheck:jni},
 * ci/junit-second-jdk.sh) is quick: it is there for the JDK and the JNI boundary, which every test still
 * crosses in every form, while the arithmetic at the largest sizes was checked by the first run on the same
 * native library. A quick test keeps its assertions and drops only sizes or repetitions; each names what.
 */
public final class TestScale {
    /** True when the run asked for the quick scale. */
    public static final boolean QUICK = quick(System.getProperty("jkernels.test.scale", "full"));

    private TestScale() {}

    private static boolean quick(String scale) {
        return switch (scale) {
            case "full" -> false;
            case "quick" -> true;
            default -> throw new IllegalArgumentException(
                    "-Djkernels.test.scale=" + scale + ": expected full or quick");
        };
    }

    /** {@code full} at the full scale, {@code quick} at the quick one. */
    public static int pick(int full, int quick) {
        return QUICK ? quick : full;
    }
}
