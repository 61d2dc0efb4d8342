// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The kernel benchmarks of this jar: every class in JMH's generated benchmark list that carries
 * {@link OpInfo}, in the fixed order every table and command lists them. Nothing to register: a new kernel's
 * benchmark file is found here by itself (and sorts after the known ones, by name).
 */
public final class Catalog {
    /** The order of the seed's kernels, then the vector ops (double, then the reductions' other types and
     * statistics), random numbers, element-wise math, then images. */
    public static final List<String> ORDER = List.of(
            "fib", "square", "dsquare", "sum", "dot", "axpy", "scale", "norm2", "fsum", "argmax", "variance",
            "lsum", "prefixSum", "uniform", "normal", "option", "exp", "log", "exp_f32", "log_f32", "mandelbrot", "gemm", "gemv");

    /** One kernel's benchmark class, its metadata, and the implementations its {@code impl} lists. */
    public record Kernel(Class<?> benchClass, OpInfo info, List<String> impls) {
        public String op() {
            return info.op();
        }

        /** A JMH include pattern matching this class's benchmarks and no other class's. */
        public String include() {
            return includeOf(benchClass);
        }
    }

    private Catalog() {}

    /** A JMH include pattern matching this class's benchmarks and no other class's. */
    public static String includeOf(Class<?> benchClass) {
        return "^" + Pattern.quote(benchClass.getName()) + "\\.";
    }

    public static List<Kernel> kernels() {
        List<Kernel> kernels = new ArrayList<>();
        for (String name : benchmarkClasses()) {
            Class<?> cls = load(name);
            OpInfo info = cls.getAnnotation(OpInfo.class);
            if (info != null) {
                kernels.add(new Kernel(cls, info, implsOf(cls)));
            }
        }
        kernels.sort(Comparator.comparingInt((Kernel k) -> order(k.op())).thenComparing(Kernel::op));
        return kernels;
    }

    public static Optional<Kernel> kernel(String op) {
        return kernels().stream().filter(k -> k.op().equals(op)).findFirst();
    }

    /** The position of {@code op} in the fixed order; unknown ops after the known ones. */
    public static int order(String op) {
        int i = ORDER.indexOf(op);
        return i >= 0 ? i : ORDER.size();
    }

    /** Every class JMH lists, kernel or not, by name. */
    public static Set<String> benchmarkClasses() {
        Set<String> classNames = new TreeSet<>();
        var silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(silent, List.of())) {
            classNames.add(entry.getUserClassQName());
        }
        return classNames;
    }

    private static List<String> implsOf(Class<?> cls) {
        try {
            Param param = cls.getField("impl").getAnnotation(Param.class);
            if (param == null) {
                throw new IllegalStateException(cls.getName() + ".impl has no @Param");
            }
            return List.of(param.value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(cls.getName() + " carries @OpInfo but has no public impl parameter", e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Catalog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JMH lists " + name + " but the class is missing", e);
        }
    }
}
