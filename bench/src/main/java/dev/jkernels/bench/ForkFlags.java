// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.List;

/** JVM options every benchmark fork gets: the annotations, quick and calibrate all use these. */
public final class ForkFlags {
    /**
     * JDK 22+ warn (and later JDKs may refuse) when an unnamed module loads a JNI library without this;
     * JDK 17 accepts the option too (it came with the incubating foreign API), so it is always passed.
     */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /**
     * Lets netlib pick its Vector API implementation, the fastest pure-Java BLAS it has; without the
     * module it silently falls back to a scalar one. The JVM then prints one incubator warning per fork.
     */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    public static final List<String> ALL = List.of(NATIVE_ACCESS, VECTOR_MODULE);

    private ForkFlags() {}
}
