package dev.jkernels.bench.cli;

import dev.jkernels.bench.OpInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * {@link OpInfo}. Nothing to register: a new kernel's benchmark file is found here by itself.
 */
final class Catalog {
    /** The order the seed's and the README's operations are listed in; others follow by name. */
    private static final List<String> KNOWN_ORDER = List.of("fib", "square", "dsquare", "sum", "dot", "axpy", "scale");

    /** One kernel's benchmark class, its metadata, and the implementations its {@code impl} lists. */
    record Kernel(Class<?> benchClass, OpInfo info, List<String> impls) {
        String op() {
            return info.op();
        }

        /** A JMH include pattern matching this class's benchmarks and no other class's. */
        String include() {
            return "^" + Pattern.quote(benchClass.getName()) + "\\.";
        }
    }

    private Catalog() {}

    static List<Kernel> kernels() {
        Set<String> classNames = new TreeSet<>();
        var silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(silent, List.of())) {
            classNames.add(entry.getUserClassQName());
        }
        List<Kernel> kernels = new ArrayList<>();
        for (String name : classNames) {
            Class<?> cls = load(name);
            OpInfo info = cls.getAnnotation(OpInfo.class);
            if (info != null) {
                kernels.add(new Kernel(cls, info, implsOf(cls)));
            }
        }
        kernels.sort(Comparator.comparingInt((Kernel k) -> order(k.op())).thenComparing(Kernel::op));
        return kernels;
    }

    private static int order(String op) {
        int i = KNOWN_ORDER.indexOf(op);
        return i >= 0 ? i : KNOWN_ORDER.size();
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
