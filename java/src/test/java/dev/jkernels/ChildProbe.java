// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.Arrays;

/**
 * Run in a child JVM by {@link LoaderTest}: prints what the loader found and what a pool does, one
 * {@code key=value} per line. Arguments: the backend to build (NATIVE, JAVA, AUTO).
 */
public final class ChildProbe {
    private ChildProbe() {}

    /** The {@code key=value} lines of a child JVM's output (this probe's or another's), later keys winning. */
    static java.util.Map<String, String> keyValues(String output) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean("probe.interrupt")) {
            Thread.currentThread().interrupt(); // the first use of the library happens on an interrupted thread
        }
        NativeStatus status = KernelPool.nativeStatus();
        System.out.println("stillInterrupted=" + Thread.interrupted());
        System.out.println("loaded=" + status.loaded());
        System.out.println("source=" + status.source());
        System.out.println("availableCpus=" + KernelPool.availableCpus());
        try (KernelPool pool = KernelPool.builder().backend(Backend.valueOf(args[0])).build()) {
            System.out.println("backend=" + pool.backend());
            System.out.println("threads=" + pool.threads());
            System.out.println("isa=" + pool.isa().map(Isa::settingName).orElse("none"));
            System.out.println("fib=" + Arrays.toString(pool.map(LongKernels.FIB, new long[] {38, 37, 36, 35, 34, 33})));
        } catch (RuntimeException e) {
            System.out.println("error=" + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', '|'));
        }
        try (KernelPool again = KernelPool.builder().backend(Backend.valueOf(args[0])).build()) {
            System.out.println("secondBackend=" + again.backend());
        } catch (RuntimeException e) {
            System.out.println("secondError=" + e.getClass().getSimpleName());
        }
    }
}
