// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import dev.jkernels.internal.JniProbe;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a call into C costs through the FFM API ({@code java.lang.foreign}, final in JDK 22), beside the JNI
 * crossing of {@link CrossingBench}: the price a kernel library would pay per call if it were bound with
 * FFM instead of JNI.
 *
 * <ul>
 *   <li>{@code ffmDowncall}: a downcall to libc's {@code int abs(int)}, a function that does no more than
 *       JniProbe's empty one (no system call: {@code getpid} would measure the kernel, not the crossing).
 *       Found with {@code Linker.nativeLinker().defaultLookup()}.</li>
 *   <li>{@code ffmCriticalDowncall}: the same with {@code Linker.Option.critical(false)}, which skips the
 *       thread-state transition, allowed for short calls that never call back or block.</li>
 *   <li>{@code jniEmpty}: {@code JniProbe.empty()} again, in the same forks, so the two stand side by side.</li>
 * </ul>
 *
 * <p>The bench compiles for release 17, so it reaches {@code java.lang.foreign} by reflection once, in a
 * holder class whose {@code static final} method handles the JIT treats as constants (so
 * {@code invokeExact} compiles to a direct call). On JDK 17 to 21 the setup refuses with a clear message;
 * {@code full}, {@code quick} and the smoke test skip this class there ({@link #supported()}).
 */
public class FfmCrossingBench extends KernelBench {
    /** The first JDK whose {@code java.lang.foreign} is final, with {@code Linker.Option.critical}. */
    public static final int FIRST_JDK = 22;

    private int argument = -7;

    public static boolean supported() {
        return Runtime.version().feature() >= FIRST_JDK;
    }

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        if (!supported()) {
            throw new IllegalStateException("FfmCrossingBench needs JDK " + FIRST_JDK + "+ (java.lang.foreign); this is "
                    + Runtime.version() + ". The bench commands skip it on this JDK.");
        }
        JniProbe.load();
        if ((int) Downcalls.ABS.invokeExact(argument) != 7 || (int) Downcalls.ABS_CRITICAL.invokeExact(argument) != 7) {
            throw new IllegalStateException("the FFM downcall to abs returned a wrong value");
        }
    }

    @Benchmark
    public int ffmDowncall() throws Throwable {
        return (int) Downcalls.ABS.invokeExact(argument);
    }

    @Benchmark
    public int ffmCriticalDowncall() throws Throwable {
        return (int) Downcalls.ABS_CRITICAL.invokeExact(argument);
    }

    @Benchmark
    public int jniEmpty() {
        return JniProbe.empty();
    }

    /** Built on first use, which only happens on JDK 22+. */
    private static final class Downcalls {
        static final MethodHandle ABS = downcall("abs", false);
        static final MethodHandle ABS_CRITICAL = downcall("abs", true);

        /** {@code Linker.nativeLinker().downcallHandle(lookup.find(name), FunctionDescriptor.of(INT, INT), options)}. */
        private static MethodHandle downcall(String name, boolean critical) {
            try {
                Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
                Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
                Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
                Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
                Optional<?> symbol = (Optional<?>) lookupClass.getMethod("find", String.class).invoke(lookup, name);
                Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
                Object arguments = Array.newInstance(layoutClass, 1);
                Array.set(arguments, 0, javaInt);
                Object descriptor = descriptorClass.getMethod("of", layoutClass, arguments.getClass())
                        .invoke(null, javaInt, arguments);
                Object options = Array.newInstance(optionClass, critical ? 1 : 0);
                if (critical) {
                    Array.set(options, 0, optionClass.getMethod("critical", boolean.class).invoke(null, false));
                }
                return (MethodHandle) linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, options.getClass())
                        .invoke(linker, symbol.orElseThrow(() -> new IllegalStateException("libc has no " + name)),
                                descriptor, options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot link " + name + " through java.lang.foreign", e);
            }
        }
    }
}
