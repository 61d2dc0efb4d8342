// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The bad-input table, {@code docs/bad-input.md}, made from the code and checked against it. Every public method
 * of the API that takes input is found by reflection (the facades of a pool, the pool's own operations,
 * {@code KernelPool.create(int)} and the builder's setters, {@link OffHeapArray}'s factories and views,
 * {@link MandelbrotRegion}'s constructor and factory); an unclassified new method fails the test. For each, one
 * valid argument list is made from the parameter types and the family's conventions (an offset follows its
 * array, the length comes last; Sorting takes fromIndex and toIndex; Blas in the CBLAS shape) and each
 * applicable invalid-input class is derived from it by one mutation, with the exception the Javadoc documents
 * for it. Every row runs on JAVA, NATIVE and AUTO pools of 2 threads, synchronously and, for an operation, also
 * through {@code pool.submit(p -> call)}: every backend and form must throw the documented exception class (from
 * the call itself, not from a future, unless the row says so), and the pool must still work afterwards. The
 * valid call must succeed everywhere first, so that each row's exception is its mutation's.
 *
 * <p>With {@code -Djkernels.badInput.write=true} the test writes the table; without, it fails if the
 * committed table differs from what it computes. The file is found through the system property
 * {@code jkernels.test.docsDir} (set by java/pom.xml), else as {@code ../docs} of the working directory.
 */
class BadInputTableTest {
    static final String WRITE_PROPERTY = "jkernels.badInput.write";
    static final String DOCS_PROPERTY = "jkernels.test.docsDir";
    static final String REGENERATE = "mvn -B verify -pl java -Dit.test=BadInputTableTest -Djkernels.badInput.write=true";
    static final String DOC_NAME = "bad-input.md";
    /** Elements of a valid array (or of a valid buffer's remaining ones). */
    static final int N = 4;
    static final int MESSAGE_CHARS = 100;
    static final long TIMEOUT_SECONDS = 30;
    static final Backend[] BACKENDS = {Backend.JAVA, Backend.NATIVE, Backend.AUTO};
    static final Executor DIRECT = Runnable::run;
    static final MandelbrotRegion REGION = new MandelbrotRegion(4, 3, -2.2, 0.8, -1.2, 1.2, 16);
    static final double[] X3 = {1, 2, 3};

    /** The invalid-input classes: the issue's, and the buffer and domain rules of the Javadoc. */
    enum Bad {
        NULL("null"),
        NEGATIVE_OFFSET("negative offset"),
        NEGATIVE_LENGTH("negative length or size"),
        OVERFLOWING_RANGE("offset + length overflows int"),
        BEYOND_CAPACITY("offset + length > capacity"),
        MISMATCHED_SHAPES("mismatched shapes"),
        SMALL_LEADING_DIMENSION("too-small leading dimension"),
        ALIASING("forbidden aliasing"),
        CLOSED_POOL("closed pool"),
        CLOSED_OFF_HEAP("closed OffHeapArray"),
        WRONG_BYTE_ORDER("wrong byte order"),
        READ_ONLY_OUTPUT("read-only output buffer"),
        HEAP_BUFFER_WITHOUT_ARRAY("heap buffer without array"),
        DOMAIN("outside the domain"),
        HUGE("huge size");

        final String label;

        Bad(String label) {
            this.label = label;
        }
    }

    /** How a method is called. */
    enum Kind {
        /** On a facade of the pool (pool.vectors(), ...). */
        FACADE,
        /** On the pool itself. */
        POOL,
        /** On a new KernelPool.Builder. */
        BUILDER,
        STATIC,
        CONSTRUCTOR,
        /** On the object that is argument 0 of the list (an OffHeapArray); the method's own arguments follow. */
        RECEIVER
    }

    /** One row to run: a mutation of the valid arguments and the exception it must get. */
    record Case(Bad bad, String detail, Class<? extends Throwable> expected, boolean fromFuture, boolean closedPool,
            UnaryOperator<Object[]> mutate) {}

    /** One public method, its valid arguments and its rows. */
    static final class Api {
        final String section;
        final String signature;
        final Executable member;
        final Kind kind;
        final Class<?>[] params;
        /** Whether it may run inside {@code pool.submit(p -> call)}. */
        final boolean operation;
        Supplier<Object[]> valid;
        final List<Case> cases = new ArrayList<>();

        Api(String section, Executable member, Kind kind, boolean operation) {
            this.section = section;
            this.member = member;
            this.kind = kind;
            this.params = member.getParameterTypes();
            this.operation = operation;
            this.signature = signature(member);
        }

        boolean onPool() {
            return kind == Kind.FACADE || kind == Kind.POOL;
        }

        boolean hasReference() {
            return Arrays.stream(params).anyMatch(t -> !t.isPrimitive());
        }

        void add(Bad bad, String detail, Class<? extends Throwable> expected, UnaryOperator<Object[]> mutate) {
            cases.add(new Case(bad, detail, expected, false, false, mutate));
        }

        void addFromFuture(Bad bad, String detail, Class<? extends Throwable> expected, UnaryOperator<Object[]> mutate) {
            cases.add(new Case(bad, detail, expected, true, false, mutate));
        }

        void addClosedPool() {
            cases.add(new Case(Bad.CLOSED_POOL, "valid arguments, the pool closed", IllegalStateException.class, false,
                    true, a -> a));
        }

        @Override
        public String toString() {
            return section + "." + signature;
        }
    }

    /** A row of the table. */
    record Row(String section, String signature, Bad bad, String detail, String exception, String message) {}

    /** What a call did: the exception it threw, or its future failed with, or none. */
    record Outcome(Throwable thrown, boolean fromFuture) {
        String describe() {
            return thrown == null ? "no exception"
                    : thrown.getClass().getName() + (fromFuture ? " (from the future)" : "") + ": " + thrown.getMessage();
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The test

    @Test
    void everyBadInputGetsItsDocumentedExceptionOnEveryBackend() throws Exception {
        long start = System.nanoTime();
        List<String> excluded = new ArrayList<>();
        List<Api> apis = apis(excluded);
        Map<Backend, KernelPool> pools = new EnumMap<>(Backend.class);
        Map<Backend, KernelPool> closedPools = new EnumMap<>(Backend.class);
        List<String> failures = new ArrayList<>();
        List<String> messageDifferences = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        long invocations = 0;
        try {
            for (Backend b : BACKENDS) {
                pools.put(b, KernelPool.builder().backend(b).threads(2).build());
                KernelPool closed = KernelPool.builder().backend(b).threads(2).build();
                closed.close();
                closedPools.put(b, closed);
            }
            for (Api api : apis) {
                // The valid call first: a row proves something only if its one mutation is what fails.
                for (Backend b : BACKENDS) {
                    for (boolean submitted : api.operation ? new boolean[] {false, true} : new boolean[] {false}) {
                        Outcome o = run(api, pools.get(b), a -> a, submitted);
                        invocations++;
                        if (o.thrown() != null) {
                            failures.add(api + " on " + b + (submitted ? " submitted" : "") + ": the valid call threw "
                                    + o.describe());
                        }
                    }
                }
                for (Case c : api.cases) {
                    String where = api + " [" + c.bad().label + ": " + c.detail() + "]";
                    Map<Backend, Outcome> sync = new EnumMap<>(Backend.class);
                    for (Backend b : BACKENDS) {
                        KernelPool pool = c.closedPool() ? closedPools.get(b) : pools.get(b);
                        Outcome o = run(api, pool, c.mutate(), false);
                        invocations++;
                        sync.put(b, o);
                        check(where + " on " + b, c, o, failures);
                        if (api.operation) {
                            Outcome s = run(api, pool, c.mutate(), true);
                            invocations++;
                            check(where + " on " + b + " through submit", c, s, failures);
                        }
                        String broken = stillWorks(pools.get(b));
                        if (broken != null) {
                            failures.add(where + " on " + b + ": the pool does not work afterwards: " + broken);
                        }
                    }
                    Set<String> classes = new TreeSet<>();
                    sync.values().forEach(o -> classes.add(o.thrown() == null ? "none" : o.thrown().getClass().getName()));
                    if (classes.size() > 1) {
                        failures.add(where + ": the backends disagree: " + describe(sync));
                    }
                    Outcome n = sync.get(Backend.NATIVE);
                    for (Backend b : BACKENDS) {
                        Outcome o = sync.get(b);
                        if (o.thrown() != null && n.thrown() != null
                                && !Objects.equals(o.thrown().getMessage(), n.thrown().getMessage())) {
                            messageDifferences.add(where + ": " + b + " says \"" + o.thrown().getMessage() + "\", NATIVE \""
                                    + n.thrown().getMessage() + "\"");
                        }
                    }
                    rows.add(new Row(api.section, api.signature, c.bad(), c.detail(),
                            n.thrown() == null ? "none" : n.thrown().getClass().getSimpleName()
                                    + (n.fromFuture() ? " (the job's future)" : ""),
                            n.thrown() == null ? "" : message(n.thrown())));
                }
                for (Backend b : BACKENDS) { // and a submitted call on each pool, once per method
                    String broken = submittedWorks(pools.get(b));
                    if (broken != null) {
                        failures.add(api + ": after its rows the " + b + " pool does not run a submitted call: " + broken);
                    }
                }
            }
        } finally {
            pools.values().forEach(KernelPool::close);
        }
        rows.add(new Row("Sorting", "sort(double[])", Bad.HUGE, "an array whose native copy cannot be allocated (NATIVE;"
                + " not run here: OutOfMemoryTest sorts one in a child JVM whose address space is capped)",
                "OutOfMemoryError", "jkernels sort_f64 failed: nomem; sort needs up to 8n bytes of native memory (8n for copies"
                + " of its arrays, ...)"));
        rows.sort(Comparator.comparing(Row::section).thenComparing(Row::signature).thenComparing(Row::bad)); // stable

        Map<Bad, Integer> perClass = new EnumMap<>(Bad.class);
        rows.forEach(r -> perClass.merge(r.bad(), 1, Integer::sum));
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder(String.format(
                "BadInputTableTest: %d rows (1 listed, not run) over %d methods, %d invocations on %s in %.1f s%n",
                rows.size(), apis.size(), invocations, Arrays.toString(BACKENDS), seconds));
        for (Bad bad : Bad.values()) {
            summary.append(String.format("  %-32s %5d%n", bad.label, perClass.getOrDefault(bad, 0)));
        }
        summary.append("  not listed (no input): ").append(excluded).append('\n');
        if (!messageDifferences.isEmpty()) {
            summary.append("  messages that differ from NATIVE's (").append(messageDifferences.size()).append("):\n    ")
                    .append(String.join("\n    ", messageDifferences)).append('\n');
        }
        System.out.print(summary);
        System.out.flush();

        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n  " + String.join("\n  ", failures));
        }
        List<String> uncovered = new ArrayList<>();
        for (Api api : apis) {
            Set<Bad> got = new LinkedHashSet<>();
            api.cases.forEach(c -> got.add(c.bad()));
            if (api.hasReference() && !got.contains(Bad.NULL)) {
                uncovered.add(api + ": no null row");
            }
            if (api.onPool() && !got.contains(Bad.CLOSED_POOL)) {
                uncovered.add(api + ": no closed-pool row");
            }
            if (api.cases.isEmpty()) {
                uncovered.add(api + ": no row at all");
            }
        }
        for (Bad bad : Bad.values()) {
            if (!perClass.containsKey(bad)) {
                uncovered.add("no row of the class \"" + bad.label + "\"");
            }
        }
        assertTrue(uncovered.isEmpty(), String.join("\n", uncovered));

        String table = markdown(rows, perClass, excluded);
        Path doc = docsDir().resolve(DOC_NAME);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, table, StandardCharsets.UTF_8);
            System.out.println("BadInputTableTest: wrote " + doc);
        } else {
            String committed = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8).replace("\r\n", "\n") : null;
            if (!table.equals(committed)) {
                fail("docs/" + DOC_NAME + " is out of date: run " + REGENERATE + " ("
                        + (committed == null ? doc + " does not exist" : firstDifference(committed, table)) + ")");
            }
        }
    }

    private static void check(String where, Case c, Outcome o, List<String> failures) {
        if (o.thrown() == null) {
            failures.add(where + ": no exception, expected " + c.expected().getName());
        } else if (o.thrown().getClass() != c.expected() || o.fromFuture() != c.fromFuture()) {
            failures.add(where + ": " + o.describe() + ", expected " + c.expected().getName()
                    + (c.fromFuture() ? " from the future" : "") + "\n    " + stackTop(o.thrown()));
        }
    }

    private static String describe(Map<Backend, Outcome> outcomes) {
        StringBuilder s = new StringBuilder();
        outcomes.forEach((b, o) -> s.append("\n    ").append(b).append(": ").append(o.describe()));
        return s.toString();
    }

    private static String stackTop(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return Arrays.stream(stack).limit(6).map(StackTraceElement::toString).reduce((x, y) -> x + " < " + y).orElse("");
    }

    /** A small synchronous call: null if it gives the right answer. */
    private static String stillWorks(KernelPool pool) {
        try {
            double s = pool.vectors().sum(X3);
            long[] f = pool.map(LongKernels.FIB, new long[] {10});
            return s == 6 && f[0] == 55 ? null : "sum " + s + ", fib(10) " + f[0];
        } catch (Throwable t) {
            return t.toString();
        }
    }

    private static String submittedWorks(KernelPool pool) {
        try {
            double s = pool.submit(p -> p.vectors().sum(X3)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return s == 6 ? null : "sum " + s;
        } catch (Throwable t) {
            return t.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Calling

    /** Runs the method on fresh valid arguments changed by {@code mutate}, closing what the call made or was given. */
    private static Outcome run(Api api, KernelPool pool, UnaryOperator<Object[]> mutate, boolean submitted)
            throws Exception {
        Object[] valid = api.valid.get();
        List<AutoCloseable> owned = closeables(valid);
        Object[] args = mutate.apply(valid.clone());
        owned.addAll(closeables(args));
        try {
            Object result;
            try {
                result = submitted ? pool.submit(p -> invokeUnchecked(api, p, args)) : invoke(api, pool, args);
            } catch (Throwable t) {
                return new Outcome(t, false);
            }
            return settle(api, result);
        } finally {
            for (AutoCloseable c : owned) {
                c.close();
            }
        }
    }

    private static List<AutoCloseable> closeables(Object[] args) {
        List<AutoCloseable> found = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof OffHeapArray o) {
                found.add(o);
            }
        }
        return found;
    }

    /** Waits for a future or job the call returned; closes a pool or off-heap array it made. */
    private static Outcome settle(Api api, Object result) throws Exception {
        Object waitFor = result instanceof MapJob<?, ?> job ? job.future() : result;
        if (waitFor instanceof CompletableFuture<?> f) {
            try {
                f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return new Outcome(e.getCause(), true);
            } catch (TimeoutException e) {
                throw new AssertionError(api + ": no result in " + TIMEOUT_SECONDS + " s", e);
            }
        }
        if (result instanceof KernelPool || result instanceof OffHeapArray) {
            ((AutoCloseable) result).close();
        }
        return new Outcome(null, false);
    }

    private static Object invoke(Api api, KernelPool pool, Object[] args) throws Throwable {
        try {
            return switch (api.kind) {
                case FACADE -> ((Method) api.member).invoke(facade(pool, api.member.getDeclaringClass()), args);
                case POOL -> ((Method) api.member).invoke(pool, args);
                case BUILDER -> ((Method) api.member).invoke(KernelPool.builder(), args);
                case STATIC -> ((Method) api.member).invoke(null, args);
                case CONSTRUCTOR -> ((Constructor<?>) api.member).newInstance(args);
                case RECEIVER -> ((Method) api.member).invoke(args[0], Arrays.copyOfRange(args, 1, args.length));
            };
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object invokeUnchecked(Api api, KernelPool pool, Object[] args) {
        try {
            return invoke(api, pool, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static Object facade(KernelPool pool, Class<?> type) {
        Map<Class<?>, Function<KernelPool, Object>> facades = Map.of(VectorOps.class, KernelPool::vectors,
                VectorMath.class, KernelPool::math, Sorting.class, KernelPool::sorting, Blas.class, KernelPool::blas,
                RandomOps.class, KernelPool::random, Images.class, KernelPool::images);
        return Objects.requireNonNull(facades.get(type), type.getName()).apply(pool);
    }

    // ------------------------------------------------------------------------------------------------------
    // Enumerating the API

    static final Class<?>[] FACADES = {VectorOps.class, VectorMath.class, Sorting.class, Blas.class, RandomOps.class,
        Images.class};
    /** KernelPool's methods that take input (create(int) among the static ones), and stats() for a closed pool. */
    static final Set<String> POOL_METHODS = Set.of("map", "submit", "start", "resize", "stats");
    /** KernelPool's methods without input: accessors and lifecycle. */
    static final Set<String> POOL_NO_INPUT = Set.of("create", "builder", "availableCpus", "nativeStatus", "backend",
            "autoPolicy", "threads", "isa", "vectors", "random", "math", "images", "blas", "sorting", "shutdownNow", "close");
    static final Set<String> BUILDER_SETTERS = Set.of("backend", "threads", "isa", "spinMicros");
    static final Set<String> OFF_HEAP_VIEWS = Set.of("doubles", "floats", "longs", "ints", "bytes");
    static final Set<String> OFF_HEAP_NO_INPUT = Set.of("byteSize", "isClosed", "close", "bytesInUse");

    static List<Api> apis(List<String> excluded) {
        List<Api> apis = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (Class<?> facade : FACADES) {
            for (Method m : publicMethods(facade)) {
                if (Modifier.isStatic(m.getModifiers())) {
                    unclassified.add(label(m));
                } else {
                    apis.add(new Api(facade.getSimpleName(), m, Kind.FACADE,
                            !KernelFuture.class.isAssignableFrom(m.getReturnType())));
                }
            }
        }
        for (Method m : publicMethods(KernelPool.class)) {
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            if (isStatic && m.getName().equals("create") && m.getParameterCount() == 1) {
                apis.add(new Api("KernelPool", m, Kind.STATIC, false));
            } else if (!isStatic && POOL_METHODS.contains(m.getName())) {
                apis.add(new Api("KernelPool", m, Kind.POOL, m.getName().equals("map")));
            } else if (POOL_NO_INPUT.contains(m.getName()) && m.getParameterCount() == 0) {
                excluded.add(label(m));
            } else {
                unclassified.add(label(m));
            }
        }
        for (Method m : publicMethods(KernelPool.Builder.class)) {
            if (BUILDER_SETTERS.contains(m.getName())) {
                apis.add(new Api("KernelPool.Builder", m, Kind.BUILDER, false));
            } else if (m.getName().equals("build")) {
                excluded.add(label(m) + " (an ISA above the CPU's: BadInputTest, machine-dependent)");
            } else {
                unclassified.add(label(m));
            }
        }
        for (Method m : publicMethods(OffHeapArray.class)) {
            if (Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("of") && m.getParameterCount() == 1) {
                apis.add(new Api("OffHeapArray", m, Kind.STATIC, false));
            } else if (OFF_HEAP_VIEWS.contains(m.getName()) && m.getParameterCount() == 0) {
                apis.add(new Api("OffHeapArray", m, Kind.RECEIVER, false));
            } else if (OFF_HEAP_NO_INPUT.contains(m.getName()) && m.getParameterCount() == 0) {
                excluded.add(label(m));
            } else {
                unclassified.add(label(m));
            }
        }
        for (Constructor<?> c : MandelbrotRegion.class.getConstructors()) {
            apis.add(new Api("MandelbrotRegion", c, Kind.CONSTRUCTOR, false));
        }
        Set<String> components = new TreeSet<>();
        Arrays.stream(MandelbrotRegion.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        for (Method m : publicMethods(MandelbrotRegion.class)) {
            if (m.getName().equals("classic")) {
                apis.add(new Api("MandelbrotRegion", m, Kind.STATIC, false));
            } else if (!components.contains(m.getName())) {
                unclassified.add(label(m));
            }
        }
        assertTrue(unclassified.isEmpty(), "public methods BadInputTableTest does not know: " + unclassified
                + "; give them valid arguments and rows here (or list them as taking no input)");
        for (Api api : apis) {
            Shape shape = shape(api);
            api.valid = valid(api, shape);
            cases(api, shape);
        }
        excluded.sort(Comparator.naturalOrder());
        return apis;
    }

    /** The class's own public methods, minus Object's and the compiler's, in a fixed order. */
    static List<Method> publicMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == type && !m.isSynthetic() && !m.isBridge() && !isObjectMethod(m)) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(BadInputTableTest::signature));
        return methods;
    }

    private static boolean isObjectMethod(Method m) {
        return RandomizedBoundaryTest.isObjectMethod(m);
    }

    static String signature(Executable m) {
        StringBuilder s = new StringBuilder(m instanceof Constructor ? m.getDeclaringClass().getSimpleName() : m.getName());
        s.append('(');
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < p.length; i++) {
            s.append(i == 0 ? "" : ", ").append(p[i].getSimpleName());
        }
        return s.append(')').toString();
    }

    static String label(Method m) {
        Class<?> type = m.getDeclaringClass();
        String owner = type.getEnclosingClass() == null ? type.getSimpleName()
                : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
        return owner + "." + signature(m);
    }

    // ------------------------------------------------------------------------------------------------------
    // The shape of a method's parameters

    /** Where a method's arrays or buffers are, the offsets and length that slice them, which ones it writes. */
    static final class Shape {
        final List<Integer> data = new ArrayList<>();
        /** data parameter to the offset parameter right after it. */
        final Map<Integer, Integer> offsetOf = new TreeMap<>();
        int lengthIdx = -1;
        /** Sorting: (a, fromIndex, toIndex). */
        boolean range;
        final Set<Integer> written = new TreeSet<>();
        boolean fib;
    }

    static Shape shape(Api api) {
        Shape s = new Shape();
        Class<?>[] p = api.params;
        String name = api.member.getName();
        for (int i = 0; i < p.length; i++) {
            if (isData(p[i])) {
                s.data.add(i);
            }
            s.fib |= p[i] == LongKernel.class;
        }
        if (api.section.equals("Blas")) {
            if (name.equals("gemm")) {
                s.written.add(14);
            } else if (name.equals("gemv")) {
                s.written.add(11);
            }
            return s;
        }
        if (api.section.equals("Sorting")) {
            s.range = p.length == 3;
            if (name.equals("sort")) {
                s.written.add(s.data.get(0));
            }
            return s;
        }
        for (int d : s.data) {
            if (d + 1 < p.length && p[d + 1] == int.class) {
                s.offsetOf.put(d, d + 1);
            }
        }
        if (!s.offsetOf.isEmpty()) {
            s.lengthIdx = p.length - 1;
            if (p[s.lengthIdx] != int.class || s.offsetOf.containsValue(s.lengthIdx)) {
                throw new AssertionError(api + ": no length parameter after its slices");
            }
        }
        switch (api.section) {
            case "VectorOps" -> {
                if (name.startsWith("axpy")) {
                    s.written.add(s.data.get(s.data.size() - 1));
                } else if (name.startsWith("scale") || name.equals("prefixSum")) {
                    s.written.add(s.data.get(0));
                }
            }
            case "VectorMath" -> {
                if (s.data.size() == 2) {
                    s.written.add(s.data.get(1));
                }
            }
            case "RandomOps" -> s.written.addAll(s.data);
            case "KernelPool" -> {
                if (name.equals("map") && s.data.size() == 2) {
                    s.written.add(s.data.get(1));
                }
            }
            default -> { }
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------------
    // Valid arguments

    static Supplier<Object[]> valid(Api api, Shape s) {
        String name = api.member.getName();
        Class<?>[] p = api.params;
        switch (api.section) {
            case "Blas":
                return blasValid(api);
            case "MandelbrotRegion":
                return api.kind == Kind.CONSTRUCTOR ? () -> new Object[] {4, 3, -2.2, 0.8, -1.2, 1.2, 16}
                        : () -> new Object[] {4, 3};
            case "OffHeapArray":
                return api.kind == Kind.STATIC ? () -> new Object[] {N} : () -> new Object[] {OffHeapArray.ofLongs(2)};
            case "KernelPool.Builder":
                return switch (name) {
                    case "backend" -> () -> new Object[] {Backend.JAVA};
                    case "threads" -> () -> new Object[] {2};
                    case "isa" -> () -> new Object[] {Isa.values()[0]};
                    case "spinMicros" -> () -> new Object[] {10L};
                    default -> throw new AssertionError(api + ": no valid arguments");
                };
            case "RandomOps":
                if (name.equals("estimatePi")) {
                    return () -> new Object[] {42L, 1000L};
                } else if (name.equals("europeanOption")) {
                    return () -> new Object[] {OptionType.CALL, 100.0, 100.0, 0.05, 0.2, 1.0, 1000L, 42L};
                }
                break;
            case "KernelPool":
                if (api.kind == Kind.STATIC) {
                    return () -> new Object[] {1}; // create(1)
                } else if (name.equals("resize")) {
                    return () -> new Object[] {2}; // the pool's own thread count
                } else if (name.equals("stats")) {
                    return () -> new Object[0];
                } else if (p.length > 0 && p[0] == KernelPool.Call.class) {
                    KernelPool.Call<Double> call = q -> q.vectors().sum(X3);
                    return p.length == 1 ? () -> new Object[] {call} : () -> new Object[] {call, DIRECT};
                }
                break;
            default:
                break;
        }
        return () -> generic(api, s);
    }

    /** Valid arguments from the parameter types: arrays of N elements, slices [1, 3) and [0, 2), small scalars. */
    static Object[] generic(Api api, Shape s) {
        Class<?>[] p = api.params;
        Object[] a = new Object[p.length];
        for (int i = 0; i < p.length; i++) {
            Class<?> t = p[i];
            if (t == LongKernel.class) {
                a[i] = LongKernels.FIB;
            } else if (t == DoubleKernel.class) {
                a[i] = DoubleKernels.SQUARE;
            } else if (t == Executor.class) {
                a[i] = DIRECT;
            } else if (t == MandelbrotRegion.class) {
                a[i] = REGION;
            } else if (t.isEnum()) {
                a[i] = t.getEnumConstants()[0];
            } else if (isData(t)) {
                a[i] = data(t, N, s.fib);
            } else if (t == double.class) {
                a[i] = 2.0;
            } else if (t == float.class) {
                a[i] = 2.0f;
            } else if (t == long.class && api.section.equals("RandomOps") && i < 2) {
                a[i] = i == 0 ? 42L : 7L; // the seed, the stream offset
            } else if (t != int.class) {
                throw new AssertionError(api + ": no valid argument of type " + t.getName() + " at " + i);
            }
        }
        if (s.range) {
            int d = s.data.get(0);
            a[d + 1] = 1;
            a[d + 2] = 3;
        } else {
            boolean first = true;
            for (int o : s.offsetOf.values()) {
                a[o] = first ? 1 : 0;
                first = false;
            }
            if (s.lengthIdx >= 0) {
                a[s.lengthIdx] = 2;
            }
        }
        for (int i = 0; i < p.length; i++) {
            if (a[i] == null) {
                throw new AssertionError(api + ": no valid argument for parameter " + i + " (" + p[i].getName() + ")");
            }
        }
        return a;
    }

    /**
     * gemm: ROW_MAJOR, m = n = k = 2, A at offset 1 with lda 3 (spans 5 of its 6 elements), B at 0 with ldb 2 (4 of
     * 4), C at 1 with ldc 2 (4 of 5). gemv: ROW_MAJOR 2 x 3, A at 1 with lda 3 (6 of 7), x at 1 (3 of 4), y at 1 (2 of
     * 3). multiply: 2 x 3 times 3 x 2.
     */
    static Supplier<Object[]> blasValid(Api api) {
        Class<?>[] p = api.params;
        return switch (api.member.getName()) {
            case "gemm" -> () -> new Object[] {Blas.Layout.ROW_MAJOR, Blas.Transpose.NO_TRANS, Blas.Transpose.NO_TRANS, 2,
                2, 2, scalar(p[6], 1.5), data(p[7], 6, false), 1, 3, data(p[10], 4, false), 0, 2, scalar(p[13], 0.5),
                data(p[14], 5, false), 1, 2};
            case "gemv" -> () -> new Object[] {Blas.Layout.ROW_MAJOR, Blas.Transpose.NO_TRANS, 2, 3, scalar(p[4], 0.75),
                data(p[5], 7, false), 1, 3, data(p[8], 4, false), 1, scalar(p[10], 2.0), data(p[11], 3, false), 1};
            case "multiply" -> () -> new Object[] {data(p[0], 6, false), data(p[1], 6, false), 2, 3, 2};
            default -> throw new AssertionError(api + ": no valid arguments");
        };
    }

    private static Object scalar(Class<?> t, double v) {
        return t == float.class ? (Object) (float) v : (Object) v;
    }

    // ------------------------------------------------------------------------------------------------------
    // The rows

    static void cases(Api api, Shape s) {
        Class<?>[] p = api.params;
        for (int i = 0; i < p.length; i++) {
            if (!p[i].isPrimitive()) {
                int at = i;
                api.add(Bad.NULL, "arg " + i + " (" + p[i].getSimpleName() + ")", NullPointerException.class,
                        a -> set(a, at, null));
            }
        }
        if (api.onPool()) {
            api.addClosedPool();
        }
        String name = api.member.getName();
        switch (api.section) {
            case "Blas" -> blasCases(api);
            case "KernelPool" -> {
                dataCases(api, s);
                poolCases(api, s);
            }
            case "KernelPool.Builder" -> {
                if (name.equals("threads")) {
                    threadCounts(api, "arg 0 (threads)");
                } else if (name.equals("spinMicros")) {
                    api.add(Bad.DOMAIN, "arg 0 (micros) = -1", IllegalArgumentException.class, a -> set(a, 0, -1L));
                    api.add(Bad.DOMAIN, "arg 0 (micros) = 1000001", IllegalArgumentException.class,
                            a -> set(a, 0, 1_000_001L));
                }
            }
            case "OffHeapArray" -> {
                if (api.kind == Kind.STATIC) {
                    api.add(Bad.NEGATIVE_LENGTH, "arg 0 (length) = -1", IllegalArgumentException.class, a -> set(a, 0, -1));
                    api.add(Bad.HUGE, "arg 0 (length) = Integer.MAX_VALUE", IllegalArgumentException.class,
                            a -> set(a, 0, Integer.MAX_VALUE));
                } else {
                    api.add(Bad.CLOSED_OFF_HEAP, "the array is closed", IllegalStateException.class, a -> {
                        OffHeapArray closed = OffHeapArray.ofLongs(2);
                        closed.close();
                        return set(a, 0, closed);
                    });
                }
            }
            case "MandelbrotRegion" -> regionCases(api);
            case "RandomOps" -> {
                dataCases(api, s);
                randomCases(api);
            }
            default -> {
                dataCases(api, s);
                if (api.section.equals("VectorOps") && Set.of("min", "max", "argmin", "argmax").contains(name)) {
                    if (s.lengthIdx >= 0) {
                        int len = s.lengthIdx;
                        api.add(Bad.DOMAIN, "arg " + len + " (length) = 0: an empty slice has no extreme",
                                IllegalArgumentException.class, a -> set(a, len, 0));
                    } else {
                        api.add(Bad.DOMAIN, "arg 0 empty: no extreme", IllegalArgumentException.class,
                                a -> set(a, 0, data(p[0], 0, false)));
                    }
                }
            }
        }
    }

    /** The rows of a method's arrays and buffers: the buffer rules, slices, shapes, aliasing (not Blas). */
    static void dataCases(Api api, Shape s) {
        Class<?>[] p = api.params;
        for (int d : s.data) {
            if (isBuffer(p[d])) {
                bufferCases(api, d, s.written.contains(d));
            }
        }
        if (s.range) {
            int d = s.data.get(0), from = d + 1, to = d + 2;
            api.add(Bad.NEGATIVE_OFFSET, "arg " + from + " (fromIndex) = -1", ArrayIndexOutOfBoundsException.class,
                    a -> set(a, from, -1));
            api.add(Bad.BEYOND_CAPACITY, "arg " + to + " (toIndex) = " + (N + 1) + ", arg " + d + " holds " + N,
                    ArrayIndexOutOfBoundsException.class, a -> set(a, to, N + 1));
            api.add(Bad.DOMAIN, "arg " + from + " (fromIndex) = 3, arg " + to + " (toIndex) = 1: fromIndex > toIndex",
                    IllegalArgumentException.class, a -> set(set(a, from, 3), to, 1));
        }
        int len = s.lengthIdx;
        for (Map.Entry<Integer, Integer> e : s.offsetOf.entrySet()) {
            int d = e.getKey(), o = e.getValue();
            String offset = "arg " + o + " (offset into arg " + d + ")";
            api.add(Bad.NEGATIVE_OFFSET, offset + " = -1", IndexOutOfBoundsException.class, a -> set(a, o, -1));
            api.add(Bad.OVERFLOWING_RANGE, offset + " = Integer.MAX_VALUE - 1, arg " + len + " (length) = 2",
                    IndexOutOfBoundsException.class, a -> set(set(a, o, Integer.MAX_VALUE - 1), len, 2));
            api.add(Bad.BEYOND_CAPACITY, offset + " = " + (N - 1) + ", arg " + len + " (length) = 2, arg " + d + " holds "
                    + N, IndexOutOfBoundsException.class, a -> set(set(a, o, N - 1), len, 2));
        }
        if (len >= 0) {
            api.add(Bad.NEGATIVE_LENGTH, "arg " + len + " (length) = -1", IndexOutOfBoundsException.class,
                    a -> set(a, len, -1));
        }
        if (s.data.size() == 2 && s.offsetOf.isEmpty()) {
            int first = s.data.get(0), second = s.data.get(1);
            String what = isBuffer(p[second]) ? " remaining" : "";
            api.add(Bad.MISMATCHED_SHAPES, "arg " + second + " has " + (N - 1) + what + " elements, arg " + first + " "
                    + N, IllegalArgumentException.class, a -> set(a, second, data(p[second], N - 1, s.fib)));
        }
        if (s.data.size() == 2 && !s.written.isEmpty() && p[s.data.get(0)] == p[s.data.get(1)]) {
            int x = s.data.get(0), y = s.data.get(1);
            if (isArray(p[x]) && s.offsetOf.size() == 2) {
                int ox = s.offsetOf.get(x), oy = s.offsetOf.get(y);
                api.add(Bad.ALIASING, "arg " + y + " is arg " + x + ", slices [0, 2) and [1, 3)",
                        IllegalArgumentException.class, a -> {
                            a[y] = a[x];
                            a[ox] = 0;
                            a[oy] = 1;
                            a[len] = 2;
                            return a;
                        });
            } else if (isBuffer(p[x])) {
                api.add(Bad.ALIASING, "args " + x + " and " + y + ": views of one memory, one element apart",
                        IllegalArgumentException.class, a -> {
                            Buffer[] v = sharing((Buffer) a[x], (Buffer) a[y]);
                            a[x] = v[0];
                            a[y] = v[1];
                            return a;
                        });
            }
        }
    }

    /** The buffer rules of KernelPool's "Off-heap memory", for the buffer at {@code d}. */
    static void bufferCases(Api api, int d, boolean written) {
        String arg = "arg " + d + " (" + api.params[d].getSimpleName() + ")";
        String foreign = foreignOrder().toString().toLowerCase(java.util.Locale.ROOT).replace("_", "-");
        api.add(Bad.WRONG_BYTE_ORDER, arg + ": a direct view in " + foreign + " order", IllegalArgumentException.class,
                a -> set(a, d, like((Buffer) a[d], Like.FOREIGN_ORDER)));
        api.add(Bad.HEAP_BUFFER_WITHOUT_ARRAY, arg + ": a view of a heap ByteBuffer", IllegalArgumentException.class,
                a -> set(a, d, like((Buffer) a[d], Like.HEAP_VIEW)));
        api.add(Bad.CLOSED_OFF_HEAP, arg + ": a view of a closed OffHeapArray", IllegalStateException.class,
                a -> set(a, d, like((Buffer) a[d], Like.CLOSED_OFF_HEAP)));
        if (written) {
            api.add(Bad.READ_ONLY_OUTPUT, arg + ": read-only (direct)", ReadOnlyBufferException.class,
                    a -> set(a, d, like((Buffer) a[d], Like.READ_ONLY)));
        }
    }

    /** KernelPool's own rules: FIB's domain, resize's range, create's, what a submitted call may do. */
    static void poolCases(Api api, Shape s) {
        String name = api.member.getName();
        Class<?>[] p = api.params;
        if (api.kind == Kind.STATIC) {
            threadCounts(api, "arg 0 (threads)");
        } else if (name.equals("resize")) {
            threadCounts(api, "arg 0 (threads)");
        } else if (p.length > 0 && p[0] == KernelPool.Call.class) {
            KernelPool.Call<Object> none = q -> null;
            KernelPool.Call<Object> two = q -> {
                q.vectors().sum(X3);
                return q.vectors().sum(X3);
            };
            KernelPool.Call<Object> changed = q -> q.vectors().sum(X3) + 1;
            KernelPool.Call<Object> nested = q -> q.submit(r -> r.vectors().sum(X3));
            KernelPool.Call<Object> closing = q -> {
                q.close();
                return null;
            };
            api.add(Bad.DOMAIN, "arg 0: a call that makes no operation call", IllegalArgumentException.class,
                    a -> set(a, 0, none));
            api.add(Bad.DOMAIN, "arg 0: a call that makes two operation calls", IllegalArgumentException.class,
                    a -> set(a, 0, two));
            api.add(Bad.DOMAIN, "arg 0: a call that returns its result plus 1", IllegalArgumentException.class,
                    a -> set(a, 0, changed));
            api.add(Bad.DOMAIN, "arg 0: a call that submits again", IllegalStateException.class, a -> set(a, 0, nested));
            api.add(Bad.DOMAIN, "arg 0: a call that closes the pool it gets", IllegalStateException.class,
                    a -> set(a, 0, closing));
        } else if (s.fib) {
            int in = s.data.get(0);
            boolean start = name.equals("start");
            for (long v : new long[] {93, -1}) {
                String detail = "arg " + in + ": element 2 = " + v + ", outside FIB's 0..92";
                UnaryOperator<Object[]> mutate = a -> set(a, in, withElement(a[in], 2, v));
                if (start) { // inputs are not checked up front: the item fails alone (MapJob, "Failures")
                    api.addFromFuture(Bad.DOMAIN, detail, ItemFailureException.class, mutate);
                } else {
                    api.add(Bad.DOMAIN, detail, IllegalArgumentException.class, mutate);
                }
            }
        }
    }

    static void threadCounts(Api api, String arg) {
        api.add(Bad.DOMAIN, arg + " = 0", IllegalArgumentException.class, a -> set(a, 0, 0));
        api.add(Bad.DOMAIN, arg + " = 1025", IllegalArgumentException.class, a -> set(a, 0, 1025));
    }

    static void randomCases(Api api) {
        switch (api.member.getName()) {
            case "estimatePi" -> {
                api.add(Bad.DOMAIN, "arg 1 (samples) = 0", IllegalArgumentException.class, a -> set(a, 1, 0L));
                api.add(Bad.DOMAIN, "arg 1 (samples) = 2^62 + 1", IllegalArgumentException.class,
                        a -> set(a, 1, (1L << 62) + 1));
            }
            case "europeanOption" -> {
                Object[][] bad = {
                    {1, "spot", 0.0}, {1, "spot", Double.NaN}, {2, "strike", -1.0}, {2, "strike", Double.POSITIVE_INFINITY},
                    {3, "rate", 1000.0}, {4, "volatility", 0.0}, {4, "volatility", -0.2}, {4, "volatility", 20.0},
                    {5, "years", 0.0}, {6, "paths", 1L}};
                for (Object[] b : bad) {
                    int at = (Integer) b[0];
                    String why = b[1].equals("rate") ? ": |rate * years| > 700"
                            : b[1].equals("volatility") && (Double) b[2] > 10 ? ": volatility * sqrt(years) > 10" : "";
                    api.add(Bad.DOMAIN, "arg " + at + " (" + b[1] + ") = " + b[2] + why, IllegalArgumentException.class,
                            a -> set(a, at, b[2]));
                }
                api.add(Bad.DOMAIN, "arg 1 (spot) = 1e-200, arg 2 (strike) = 1e200: the forward in strikes under 1e-100",
                        IllegalArgumentException.class, a -> set(set(a, 1, 1e-200), 2, 1e200));
            }
            default -> { // bits, uniform, normal: (seed, offset, out...)
                api.add(Bad.DOMAIN, "arg 1 (stream offset) = -1", IllegalArgumentException.class, a -> set(a, 1, -1L));
                api.add(Bad.DOMAIN, "arg 1 (stream offset) = Long.MAX_VALUE - 1: offset + length past Long.MAX_VALUE",
                        IllegalArgumentException.class, a -> set(a, 1, Long.MAX_VALUE - 1));
            }
        }
    }

    static void regionCases(Api api) {
        Class<? extends Throwable> iae = IllegalArgumentException.class;
        api.add(Bad.DOMAIN, "arg 0 (width) = 0", iae, a -> set(a, 0, 0));
        api.add(Bad.DOMAIN, "arg 1 (height) = 0", iae, a -> set(a, 1, 0));
        api.add(Bad.HUGE, "arg 0 (width) = 65536, arg 1 (height) = 65536: more pixels than an array holds", iae,
                a -> set(set(a, 0, 65536), 1, 65536));
        if (api.kind == Kind.CONSTRUCTOR) {
            api.add(Bad.DOMAIN, "arg 2 (xMin) = NaN", iae, a -> set(a, 2, Double.NaN));
            api.add(Bad.DOMAIN, "arg 5 (yMax) = Infinity", iae, a -> set(a, 5, Double.POSITIVE_INFINITY));
            api.add(Bad.DOMAIN, "arg 6 (maxIterations) = 0", iae, a -> set(a, 6, 0));
        }
    }

    /** gemm, gemv (CBLAS order) and multiply: dimensions, leading dimensions, offsets, sharing, the buffer rules. */
    static void blasCases(Api api) {
        Class<?>[] p = api.params;
        Class<? extends Throwable> iae = IllegalArgumentException.class, ioobe = IndexOutOfBoundsException.class;
        String name = api.member.getName();
        if (name.equals("multiply")) { // (a, b, m, k, n): 2 x 3 times 3 x 2
            String[] dims = {"m", "k", "n"};
            for (int i = 0; i < 3; i++) {
                int at = 2 + i;
                api.add(Bad.NEGATIVE_LENGTH, "arg " + at + " (" + dims[i] + ") = -1", iae, a -> set(a, at, -1));
            }
            api.add(Bad.MISMATCHED_SHAPES, "arg 0 (a) has 5 elements, m * k = 6", iae, a -> set(a, 0, data(p[0], 5, false)));
            api.add(Bad.MISMATCHED_SHAPES, "arg 1 (b) has 5 elements, k * n = 6", iae, a -> set(a, 1, data(p[1], 5, false)));
            api.add(Bad.HUGE, "m = 65536, k = 0, n = 65536 (a and b empty): m * n = 2^32 elements", iae, a -> {
                a[0] = data(p[0], 0, false);
                a[1] = data(p[1], 0, false);
                a[2] = 65536;
                a[3] = 0;
                a[4] = 65536;
                return a;
            });
            return;
        }
        boolean gemm = name.equals("gemm");
        int[] dims = gemm ? new int[] {3, 4, 5} : new int[] {2, 3};
        String[] dimNames = {"m", "n", "k"};
        int[] arrays = gemm ? new int[] {7, 10, 14} : new int[] {5, 8, 11};
        String[] arrayNames = gemm ? new String[] {"a", "b", "c"} : new String[] {"a", "x", "y"};
        int[] offsets = gemm ? new int[] {8, 11, 15} : new int[] {6, 9, 12};
        String[] offsetNames = gemm ? new String[] {"offA", "offB", "offC"} : new String[] {"offA", "offX", "offY"};
        int[] lengths = gemm ? new int[] {6, 4, 5} : new int[] {7, 4, 3}; // of the valid arrays (remaining, buffers)
        int[] extents = gemm ? new int[] {5, 4, 4} : new int[] {6, 3, 2}; // the elements each matrix or vector spans
        int[] lds = gemm ? new int[] {9, 12, 16} : new int[] {7};
        String[] ldNames = {"lda", "ldb", "ldc"};
        String[] ldWhy = gemm ? new String[] {"A's rows have k = 2", "B's rows have n = 2", "C's rows have n = 2"}
                : new String[] {"A's rows have n = 3"};
        for (int i = 0; i < 3; i++) {
            if (isBuffer(p[arrays[i]])) {
                bufferCases(api, arrays[i], i == 2);
            }
        }
        for (int i = 0; i < dims.length; i++) {
            int at = dims[i];
            api.add(Bad.NEGATIVE_LENGTH, "arg " + at + " (" + dimNames[i] + ") = -1", iae, a -> set(a, at, -1));
        }
        for (int i = 0; i < lds.length; i++) {
            int at = lds[i], small = gemm ? 1 : 2;
            api.add(Bad.SMALL_LEADING_DIMENSION, "arg " + at + " (" + ldNames[i] + ") = " + small + ", ROW_MAJOR: "
                    + ldWhy[i], iae, a -> set(a, at, small));
        }
        for (int i = 0; i < 3; i++) {
            int at = offsets[i], past = lengths[i] - extents[i] + 1;
            String off = "arg " + at + " (" + offsetNames[i] + ")";
            api.add(Bad.NEGATIVE_OFFSET, off + " = -1", ioobe, a -> set(a, at, -1));
            api.add(Bad.OVERFLOWING_RANGE, off + " = Integer.MAX_VALUE - 1, spanning " + extents[i], ioobe,
                    a -> set(a, at, Integer.MAX_VALUE - 1));
            api.add(Bad.BEYOND_CAPACITY, off + " = " + past + ": " + extents[i] + " elements from there pass the "
                    + lengths[i] + " of arg " + arrays[i] + " (" + arrayNames[i] + ")", ioobe, a -> set(a, at, past));
        }
        if (gemm) {
            api.add(Bad.MISMATCHED_SHAPES, "arg 5 (k) = 3, lda 3: A (2 x 3) does not fit arg 7 (a), sized for k = 2",
                    ioobe, a -> set(a, 5, 3));
        } else {
            api.add(Bad.MISMATCHED_SHAPES, "arg 8 (x) holds 3: offX 1 leaves 2 for the n = 3 columns of A", ioobe,
                    a -> set(a, 8, data(p[8], 3, false)));
        }
        // The output (c, y) shares elements with each input: the same array, or a view of the same memory.
        int out = arrays[2], outOffset = offsets[2];
        for (int i = 0; i < 2; i++) {
            int in = arrays[i];
            // arrays: gemm's C (4 elements) at 2 inside a's 6 (A: [1, 6)), at 0 inside b's 4; gemv's y (2) at 1
            int at = gemm ? (i == 0 ? 2 : 0) : 1;
            if (isArray(p[in])) {
                api.add(Bad.ALIASING, "arg " + out + " (" + arrayNames[2] + ") is arg " + in + " (" + arrayNames[i]
                        + "), " + offsetNames[2] + " = " + at + ": overlapping", iae, a -> {
                            a[out] = a[in];
                            a[outOffset] = at;
                            return a;
                        });
            } else {
                api.add(Bad.ALIASING, "arg " + out + " (" + arrayNames[2] + ") views the memory of arg " + in + " ("
                        + arrayNames[i] + "), one element on: overlapping", iae, a -> {
                            Buffer[] v = sharing((Buffer) a[in], (Buffer) a[out]);
                            a[in] = v[0];
                            a[out] = v[1];
                            return a;
                        });
            }
        }
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    // ------------------------------------------------------------------------------------------------------
    // Arrays and buffers

    static boolean isArray(Class<?> t) {
        return RandomizedBoundaryTest.isArray(t);
    }

    static boolean isBuffer(Class<?> t) {
        return RandomizedBoundaryTest.isBuffer(t);
    }

    static boolean isData(Class<?> t) {
        return RandomizedBoundaryTest.isData(t);
    }

    private static Class<?> arrayType(Class<?> t) {
        return t == DoubleBuffer.class ? double[].class : t == FloatBuffer.class ? float[].class
                : t == LongBuffer.class ? long[].class : t == IntBuffer.class ? int[].class : t;
    }

    private static int bytesOf(Class<?> t) {
        Class<?> a = arrayType(t);
        return a == double[].class || a == long[].class ? 8 : 4;
    }

    private static Class<?> bufferType(Buffer b) {
        return b instanceof DoubleBuffer ? DoubleBuffer.class : b instanceof FloatBuffer ? FloatBuffer.class
                : b instanceof LongBuffer ? LongBuffer.class : IntBuffer.class;
    }

    private static ByteOrder foreignOrder() {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /**
     * An array of n elements of t, or a direct native-order buffer whose remaining n elements hold them (position
     * 1, capacity n + 2). FIB's inputs are 1..n; other values are small, of both signs.
     */
    static Object data(Class<?> t, int n, boolean fib) {
        if (isBuffer(t)) {
            return direct(t, data(arrayType(t), n, fib));
        }
        Object a = Array.newInstance(t.getComponentType(), n);
        for (int i = 0; i < n; i++) {
            int v = i * 7 % 11 - 4;
            if (t == double[].class) {
                Array.setDouble(a, i, v + 0.5);
            } else if (t == float[].class) {
                Array.setFloat(a, i, v + 0.5f);
            } else if (t == long[].class) {
                Array.setLong(a, i, fib ? i + 1 : v);
            } else {
                Array.setInt(a, i, v);
            }
        }
        return a;
    }

    private static Buffer direct(Class<?> type, Object content) {
        int n = Array.getLength(content);
        Buffer b = view(ByteBuffer.allocateDirect((n + 2) * bytesOf(type)).order(ByteOrder.nativeOrder()), type);
        for (int i = 0; i < n; i++) {
            put(b, i + 1, Array.get(content, i));
        }
        return b.limit(n + 1).position(1);
    }

    private static Buffer view(ByteBuffer bytes, Class<?> type) {
        return type == DoubleBuffer.class ? bytes.asDoubleBuffer() : type == FloatBuffer.class ? bytes.asFloatBuffer()
                : type == LongBuffer.class ? bytes.asLongBuffer() : bytes.asIntBuffer();
    }

    private static Object get(Buffer b, int i) {
        return b instanceof DoubleBuffer d ? (Object) d.get(i) : b instanceof FloatBuffer f ? (Object) f.get(i)
                : b instanceof LongBuffer l ? (Object) l.get(i) : (Object) ((IntBuffer) b).get(i);
    }

    private static void put(Buffer b, int i, Object v) {
        if (b instanceof DoubleBuffer d) {
            d.put(i, (Double) v);
        } else if (b instanceof FloatBuffer f) {
            f.put(i, (Float) v);
        } else if (b instanceof LongBuffer l) {
            l.put(i, (Long) v);
        } else {
            ((IntBuffer) b).put(i, (Integer) v);
        }
    }

    /** Copies every element of {@code from} (0 to its capacity, whatever its limit) into {@code to}. */
    private static void copy(Buffer from, Buffer to) {
        Buffer source = from.duplicate().clear(), target = to.duplicate().clear(); // absolute indices stop at the limit
        for (int i = 0; i < source.capacity(); i++) {
            put(target, i, get(source, i));
        }
    }

    /** The buffers the buffer rules refuse. */
    enum Like { FOREIGN_ORDER, HEAP_VIEW, CLOSED_OFF_HEAP, READ_ONLY }

    /** A buffer like {@code valid} (type, capacity, contents, position, limit), but of the given refused kind. */
    static Buffer like(Buffer valid, Like kind) {
        Class<?> type = bufferType(valid);
        int bytes = valid.capacity() * bytesOf(type);
        OffHeapArray closeAfter = null;
        ByteBuffer memory = switch (kind) {
            case FOREIGN_ORDER -> ByteBuffer.allocateDirect(bytes).order(foreignOrder());
            case HEAP_VIEW -> ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
            case READ_ONLY -> ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            case CLOSED_OFF_HEAP -> {
                closeAfter = OffHeapArray.ofLongs((bytes + 7) / 8);
                yield closeAfter.bytes().limit(bytes).slice().order(ByteOrder.nativeOrder());
            }
        };
        Buffer b = view(memory, type);
        copy(valid, b);
        b.limit(valid.limit()).position(valid.position());
        if (kind == Like.READ_ONLY) {
            b = b instanceof DoubleBuffer d ? d.asReadOnlyBuffer() : b instanceof FloatBuffer f ? f.asReadOnlyBuffer()
                    : b instanceof LongBuffer l ? l.asReadOnlyBuffer() : ((IntBuffer) b).asReadOnlyBuffer();
        }
        if (closeAfter != null) {
            closeAfter.close();
        }
        return b;
    }

    /**
     * Two views of one direct memory, the second one element after the first: the first like {@code x} (its
     * contents copied), the second with {@code y}'s position and limit, so their ranges overlap in part.
     */
    static Buffer[] sharing(Buffer x, Buffer y) {
        Class<?> type = bufferType(x);
        int size = bytesOf(type);
        ByteBuffer memory = ByteBuffer.allocateDirect((Math.max(x.capacity(), y.capacity()) + 1) * size)
                .order(ByteOrder.nativeOrder());
        Buffer first = view(memory, type);
        copy(x, first);
        first.limit(x.limit()).position(x.position());
        Buffer second = view(memory.duplicate().position(size).slice().order(ByteOrder.nativeOrder()), type);
        second.limit(y.limit()).position(y.position());
        return new Buffer[] {first, second};
    }

    /** A long[] or LongBuffer like {@code data} with element {@code index} (of its slice) set to {@code v}. */
    static Object withElement(Object data, int index, long v) {
        if (data instanceof long[] l) {
            long[] c = l.clone();
            c[index] = v;
            return c;
        }
        LongBuffer b = (LongBuffer) data;
        b.put(b.position() + index, v);
        return b;
    }

    // ------------------------------------------------------------------------------------------------------
    // The document

    static Path docsDir() {
        String explicit = System.getProperty(DOCS_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) { // the project root: the directory holding java/pom.xml
            if (Files.exists(d.resolve("java").resolve("pom.xml"))) {
                return d.resolve("docs");
            }
        }
        return dir.resolve("../docs").normalize(); // failsafe runs in the java module's directory
    }

    static String message(Throwable t) {
        String m = t.getMessage() == null ? "(no message)" : t.getMessage().replace('\n', ' ');
        return m.length() <= MESSAGE_CHARS ? m : m.substring(0, MESSAGE_CHARS - 3) + "...";
    }

    private static String code(String s) {
        return "`" + s.replace("|", "\\|") + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String markdown(List<Row> rows, Map<Bad, Integer> perClass, List<String> excluded) {
        StringBuilder s = new StringBuilder();
        s.append("# Bad input: what every public method throws\n\n");
        s.append("""
                For every public method of jkernels that takes input, each class of invalid input it can be given and \
                the exception it gets, with the NATIVE backend's message. Generated by \
                `java/src/test/java/dev/jkernels/BadInputTableTest.java`: it finds the methods by reflection (the facades \
                `VectorOps`, `VectorMath`, `Sorting`, `Blas`, `RandomOps`, `Images`, the pool's `map`, `submit`, \
                `start`, `resize` and `stats`, `KernelPool.create(int)` and the builder's setters, `OffHeapArray`'s \
                factories and views, `MandelbrotRegion`), makes one valid call of each, derives each row from it by one \
                change, and runs every row on JAVA, NATIVE and AUTO pools (2 threads), synchronously and, for an \
                operation, through `pool.submit(p -> call)`. Every backend and form must throw the exception listed, \
                from the call itself (a submitted call's from `submit`, nothing started), and the pool must work \
                afterwards. The test fails when this file is not what it computes; after a change to the API, \
                regenerate it with `%s`.

                The general rules (KernelPool, "Arguments" and "Off-heap memory"): a null argument throws \
                `NullPointerException` naming it (`x is null`; Sorting follows `Arrays.sort`: the JVM's message); a \
                slice `(offset, length)` outside its array `IndexOutOfBoundsException` as \
                `Objects.checkFromIndexSize` (Sorting's `fromIndex`/`toIndex`: `ArrayIndexOutOfBoundsException` and \
                `IllegalArgumentException`, as `Arrays.sort`; Blas names the offset and the span); mismatched \
                lengths or shapes, a too-small leading dimension, a written argument sharing part of another, a value \
                outside a kernel's or method's domain: `IllegalArgumentException` naming the values; a closed pool: \
                `IllegalStateException`. Buffers: a buffer's remaining elements are its slice and offsets count from \
                its position; a view not in the native byte order or a heap buffer without an accessible array: \
                `IllegalArgumentException`; a read-only buffer the call writes: `ReadOnlyBufferException`; a view of \
                a closed `OffHeapArray`: `IllegalStateException`. The API takes no memory segments (Java 17): a \
                buffer over an `Arena`'s segment is the caller's to keep alive. Every check runs before any work \
                starts, and a failed call leaves the pool usable. A native call whose memory cannot be allocated \
                throws `OutOfMemoryError` naming the size (listed under Sorting; OutOfMemoryTest runs it).

                Arguments are numbered from 0. Valid arrays hold 4 elements, valid buffers 4 remaining ones \
                (position 1, capacity 6). Messages are cut at %d characters.

                """.formatted(REGENERATE, MESSAGE_CHARS));
        s.append("| bad input | rows |\n|---|---|\n");
        int total = 0;
        for (Bad bad : Bad.values()) {
            int n = perClass.getOrDefault(bad, 0);
            total += n;
            s.append("| ").append(bad.label).append(" | ").append(n).append(" |\n");
        }
        s.append("| all | ").append(total).append(" |\n");
        Map<String, List<Row>> sections = new LinkedHashMap<>();
        rows.forEach(r -> sections.computeIfAbsent(r.section(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Row>> e : sections.entrySet()) {
            s.append("\n## ").append(e.getKey()).append("\n\n");
            s.append("| method | bad input | exception | message (NATIVE) |\n|---|---|---|---|\n");
            for (Row r : e.getValue()) {
                s.append("| ").append(code(r.signature())).append(" | ").append(cell(r.bad().label + ": " + r.detail()))
                        .append(" | ").append(code(r.exception())).append(" | ").append(code(r.message())).append(" |\n");
            }
        }
        s.append("\nNot listed, taking no input: ").append(String.join(", ", excluded)).append(".\n");
        return s.toString();
    }

    private static String snippet(String line, int from) {
        String s = line.substring(Math.min(from, line.length()));
        return (from > 0 ? "..." : "") + (s.length() > 100 ? s.substring(0, 100) + "..." : s);
    }

    private static String firstDifference(String committed, String computed) {
        String[] a = committed.split("\n", -1), b = computed.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of file)", y = i < b.length ? b[i] : "(end of file)";
            if (!x.equals(y)) {
                int at = 0;
                while (at < Math.min(x.length(), y.length()) && x.charAt(at) == y.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 40);
                return "line " + (i + 1) + ", column " + (at + 1) + ": the file has \"" + snippet(x, from)
                        + "\", the code gives \"" + snippet(y, from) + "\"";
            }
        }
        return "no line differs";
    }
}
