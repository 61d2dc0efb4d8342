// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A randomized boundary test of the whole public API: for a bounded time (system property
 * {@code jkernels.boundary.seconds}, default 60) it calls every public operation of the pool's facades
 * ({@link VectorOps}, {@link VectorMath}, {@link Sorting}, {@link Blas}, {@link RandomOps}, {@link Images}) and
 * the pool's own {@code map}, {@code submit(kernel, ...)} and {@code start}, found by reflection so that new
 * overloads are covered without a change here, with hostile arguments from a seeded generator (system
 * property {@code jkernels.boundary.seed}; the seed is printed). Each call runs on a JAVA pool, the
 * reference twin, and on NATIVE (its ISA path drawn from the seed) and AUTO pools, 2 threads each, each on its
 * own deep copy of the arguments, and a quarter of them again through {@link KernelPool#submit(KernelPool.Call)}. It fails on an exception the Javadoc does
 * not document, on a call that does not return within {@value #CALL_TIMEOUT_SECONDS} s (with every Java
 * thread's stack), and on any difference between the backends in the outcome: the exception's class, or the
 * result and every array argument's final contents, bit for bit (NaN payloads aside where the Javadoc leaves
 * them unspecified; Blas within its documented error bound). A JVM crash leaves the call it was in in the
 * trace file (property {@code jkernels.boundary.trace}); {@code -Djkernels.boundary.call=N} with the same
 * seed replays call N alone and prints it as Java code.
 */
class RandomizedBoundaryTest {
    static final String SEED_PROPERTY = "jkernels.boundary.seed";
    static final String SECONDS_PROPERTY = "jkernels.boundary.seconds";
    static final String CALL_PROPERTY = "jkernels.boundary.call";
    static final String TRACE_PROPERTY = "jkernels.boundary.trace";
    static final long CALL_TIMEOUT_SECONDS = 20;
    /** Distinct failures reported before the run stops early. */
    static final int MAX_FAILURES = 25;

    private static final Set<Class<?>> NPE_IAE_IOOBE = Set.of(NullPointerException.class,
            IllegalArgumentException.class, IndexOutOfBoundsException.class);

    /**
     * A facade of the pool: how to get it, its NaN rule and the exceptions its Javadoc documents (exact
     * classes; IllegalStateException is documented only for a closed pool, and these pools stay open;
     * ArithmeticException nowhere). {@code nanAny}: any NaN matches any NaN, where the Javadoc leaves a NaN
     * result's sign and payload unspecified (KernelPool "Results", VectorOps "Determinism", and Isa for every
     * native path); VectorMath and Sorting specify them, so there NaNs are compared bit for bit too.
     */
    enum Family {
        /**
         * VectorOps: NPE, IAE (lengths, empty extremes, overlapping slices), IOOBE (slices, as
         * Objects.checkFromIndexSize); "a NaN result is NaN everywhere, but its sign and payload bits are not
         * specified" (class comment, Determinism).
         */
        VECTORS(VectorOps.class, KernelPool::vectors, "vectors()", true, NPE_IAE_IOOBE),
        /**
         * VectorMath: NPE, IAE, IOOBE (class comment and every method's @throws); NaN bits are specified: "a NaN
         * input gives that NaN back", a NaN made from a number is Double.NaN (Float.NaN), except sqrt's.
         */
        MATH(VectorMath.class, KernelPool::math, "math()", false, NPE_IAE_IOOBE),
        /**
         * Sorting, "Arguments follow Arrays.sort": NPE, IAE (fromIndex &gt; toIndex), ArrayIndexOutOfBounds
         * (not its superclass); "Memory": a native call that cannot get its memory throws OutOfMemoryError.
         * Sort keeps NaN payloads, so NaN bits are compared.
         */
        SORTING(Sorting.class, KernelPool::sorting, "sorting()", false, Set.of(NullPointerException.class,
                IllegalArgumentException.class, ArrayIndexOutOfBoundsException.class, OutOfMemoryError.class)),
        /**
         * Blas gemm, gemv, multiply @throws: NPE, IAE, IOOBE. Results "may differ in the last bits ... between
         * NATIVE and JAVA": compared within the class comment's bound (see BlasBound).
         */
        BLAS(Blas.class, KernelPool::blas, "blas()", true, NPE_IAE_IOOBE),
        /** RandomOps: NPE, IAE (offsets, samples, option arguments), IOOBE (slices). */
        RANDOM(RandomOps.class, KernelPool::random, "random()", true, NPE_IAE_IOOBE),
        /** Images.mandelbrot*: NPE only (a MandelbrotRegion checks its own values when it is made). */
        IMAGES(Images.class, KernelPool::images, "images()", true, Set.of(NullPointerException.class)),
        /**
         * KernelPool.map / submit(kernel, ...): NPE, IAE (lengths, inputs outside the kernel's domain; class
         * comment "Arguments"); start: NPE, and its future's ItemFailureException (MapJob, "Failures"), allowed
         * for methods returning a MapJob only. NaN bits unspecified for the maps (class comment, "Results").
         */
        MAP(KernelPool.class, p -> p, "", true, Set.of(NullPointerException.class, IllegalArgumentException.class));

        final Class<?> type;
        final Function<KernelPool, Object> facade;
        final String accessor;
        final boolean nanAny;
        final Set<Class<?>> documented;

        Family(Class<?> type, Function<KernelPool, Object> facade, String accessor, boolean nanAny,
                Set<Class<?>> documented) {
            this.type = type;
            this.facade = facade;
            this.accessor = accessor;
            this.nanAny = nanAny;
            this.documented = documented;
        }
    }

    /** KernelPool's methods that are not operations on data (the facades have none). */
    static final Set<String> POOL_NOT_OPERATIONS = Set.of("backend", "autoPolicy", "threads", "isa", "vectors",
            "random", "math", "images", "blas", "sorting", "resize", "stats", "shutdownNow", "close");

    /** One public operation. */
    record Op(Family family, Method method, String label) {
        /** Async forms and MapJobs are awaited; they cannot be made inside a submitted call. */
        boolean returnsHandle() {
            return KernelFuture.class.isAssignableFrom(method.getReturnType())
                    || MapJob.class.isAssignableFrom(method.getReturnType());
        }

        boolean allows(Throwable t) {
            return family.documented.contains(t.getClass())
                    || (t instanceof ItemFailureException && MapJob.class.isAssignableFrom(method.getReturnType()))
                    || (t instanceof java.nio.ReadOnlyBufferException && takesBuffers()); // their @throws
        }

        /** The buffer forms (KernelPool's "Off-heap memory"). */
        boolean takesBuffers() {
            return java.util.Arrays.stream(method.getParameterTypes()).anyMatch(java.nio.Buffer.class::isAssignableFrom);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Enumerating the API

    static String label(Method m) {
        StringBuilder s = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.').append(m.getName()).append('(');
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < p.length; i++) {
            s.append(i == 0 ? "" : ", ").append(p[i].getSimpleName());
        }
        return s.append(')').toString();
    }

    /** The operations to call; what is left out goes to {@code skipped} (label: reason), unsupported types to {@code unsupported}. */
    static List<Op> operations(List<String> skipped, List<String> unsupported) {
        List<Op> ops = new ArrayList<>();
        for (Family family : Family.values()) {
            Method[] methods = family.type.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::toGenericString)); // a fixed order: the seed replays
            for (Method m : methods) {
                if (m.getDeclaringClass() == Object.class || isObjectMethod(m) || m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                String label = label(m);
                if (Modifier.isStatic(m.getModifiers())) {
                    skipped.add(label + ": static, not a call on a pool");
                } else if (family == Family.MAP && POOL_NOT_OPERATIONS.contains(m.getName())) {
                    skipped.add(label + ": lifecycle or introspection, not an operation");
                } else if (Arrays.asList(m.getParameterTypes()).contains(KernelPool.Call.class)) {
                    skipped.add(label + ": takes a Call; submit(Call) is the async path every operation also runs through");
                } else {
                    String why = unsupportedTypes(m);
                    if (why != null) {
                        skipped.add(label + ": " + why);
                        unsupported.add(label + ": " + why);
                    } else {
                        ops.add(new Op(family, m, label));
                    }
                }
            }
        }
        return ops;
    }

    static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static String unsupportedTypes(Method m) {
        for (Class<?> t : m.getParameterTypes()) {
            if (!generatable(t)) {
                return "no generator for parameter type " + t.getName();
            }
        }
        return comparable(m.getReturnType()) ? null : "no comparison for return type " + m.getReturnType().getName();
    }

    static boolean generatable(Class<?> t) {
        return t == int.class || t == long.class || t == double.class || t == float.class || t == boolean.class
                || isData(t) || t.isEnum() || t == LongKernel.class || t == DoubleKernel.class
                || t == MandelbrotRegion.class || t == Executor.class;
    }

    static boolean comparable(Class<?> t) {
        if (t.isPrimitive() || isData(t) || t == String.class || t == KernelFuture.class || t == MapJob.class
                || Number.class.isAssignableFrom(t) || t.isEnum()) {
            return true;
        }
        if (t.isRecord()) {
            for (RecordComponent c : t.getRecordComponents()) {
                if (!comparable(c.getType())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static boolean isArray(Class<?> t) {
        return t == double[].class || t == float[].class || t == long[].class || t == int[].class;
    }

    static boolean isBuffer(Class<?> t) {
        return t == DoubleBuffer.class || t == FloatBuffer.class || t == LongBuffer.class || t == IntBuffer.class;
    }

    /** An array or a buffer: what an operation reads or writes. */
    static boolean isData(Class<?> t) {
        return isArray(t) || isBuffer(t);
    }

    // ------------------------------------------------------------------------------------------------------
    // Buffers: made from a recipe, so an argument can be rebuilt exactly for each pool

    /** How a buffer argument is made; {@code content} is the pristine contents, {@code capacity} long. */
    record BufSpec(Class<?> type, boolean direct, boolean nativeOrder, boolean readOnly, int sliceOffset,
            int capacity, int position, int limit, Object content) {
        Buffer build() {
            int total = sliceOffset + capacity;
            ByteOrder order = nativeOrder ? ByteOrder.nativeOrder()
                    : ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            Buffer b;
            if (type == DoubleBuffer.class) {
                DoubleBuffer d = direct ? ByteBuffer.allocateDirect(total * 8).order(order).asDoubleBuffer()
                        : DoubleBuffer.wrap(new double[total]);
                d = d.position(sliceOffset).slice();
                double[] c = (double[]) content;
                for (int i = 0; i < capacity; i++) {
                    d.put(i, c[i]);
                }
                b = readOnly ? d.asReadOnlyBuffer() : d;
            } else if (type == FloatBuffer.class) {
                FloatBuffer f = direct ? ByteBuffer.allocateDirect(total * 4).order(order).asFloatBuffer()
                        : FloatBuffer.wrap(new float[total]);
                f = f.position(sliceOffset).slice();
                float[] c = (float[]) content;
                for (int i = 0; i < capacity; i++) {
                    f.put(i, c[i]);
                }
                b = readOnly ? f.asReadOnlyBuffer() : f;
            } else if (type == LongBuffer.class) {
                LongBuffer l = direct ? ByteBuffer.allocateDirect(total * 8).order(order).asLongBuffer()
                        : LongBuffer.wrap(new long[total]);
                l = l.position(sliceOffset).slice();
                long[] c = (long[]) content;
                for (int i = 0; i < capacity; i++) {
                    l.put(i, c[i]);
                }
                b = readOnly ? l.asReadOnlyBuffer() : l;
            } else {
                IntBuffer n = direct ? ByteBuffer.allocateDirect(total * 4).order(order).asIntBuffer()
                        : IntBuffer.wrap(new int[total]);
                n = n.position(sliceOffset).slice();
                int[] c = (int[]) content;
                for (int i = 0; i < capacity; i++) {
                    n.put(i, c[i]);
                }
                b = readOnly ? n.asReadOnlyBuffer() : n;
            }
            b.limit(limit);
            b.position(position);
            return b;
        }

        String describe() {
            return type.getSimpleName() + "[" + (direct ? "direct" : "heap") + (nativeOrder ? "" : ", non-native order")
                    + (readOnly ? ", read-only" : "") + (sliceOffset == 0 ? "" : ", sliced at " + sliceOffset)
                    + ", position " + position + ", limit " + limit + ", capacity " + capacity + "] "
                    + literal(content);
        }
    }

    /** A buffer's whole contents (absolute, 0 to capacity, whatever its position and limit), as a primitive array. */
    static Object contents(Buffer buffer) {
        Buffer b = whole(buffer);
        if (b instanceof DoubleBuffer d) {
            double[] c = new double[d.capacity()];
            for (int i = 0; i < c.length; i++) {
                c[i] = d.get(i);
            }
            return c;
        } else if (b instanceof FloatBuffer f) {
            float[] c = new float[f.capacity()];
            for (int i = 0; i < c.length; i++) {
                c[i] = f.get(i);
            }
            return c;
        } else if (b instanceof LongBuffer l) {
            long[] c = new long[l.capacity()];
            for (int i = 0; i < c.length; i++) {
                c[i] = l.get(i);
            }
            return c;
        } else {
            IntBuffer n = (IntBuffer) b;
            int[] c = new int[n.capacity()];
            for (int i = 0; i < c.length; i++) {
                c[i] = n.get(i);
            }
            return c;
        }
    }

    /** A view of all of b's elements (the same memory, limit = capacity), for absolute reads. */
    static Buffer whole(Buffer b) {
        return b.duplicate().clear();
    }

    static Object cloneArray(Object a) {
        return TestArrays.copy(a);
    }

    static int lengthOf(Object data) {
        return data instanceof Buffer b ? b.capacity() : java.lang.reflect.Array.getLength(data);
    }

    // ------------------------------------------------------------------------------------------------------
    // The generator

    enum Mode {
        /** Consistent lengths, offsets and scalars: the result-checking path. */
        VALID,
        /** A valid call with one or two arguments made hostile: the boundaries of the checks. */
        MUTATED,
        /** Every argument hostile on its own. */
        HOSTILE
    }

    static final List<LongKernel> LONG_KERNELS = constants(LongKernels.class, LongKernel.class);
    static final List<DoubleKernel> DOUBLE_KERNELS = constants(DoubleKernels.class, DoubleKernel.class);

    static <T> List<T> constants(Class<?> holder, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (java.lang.reflect.Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && type.isAssignableFrom(f.getType())) {
                try {
                    found.add(type.cast(f.get(null)));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        found.sort(Comparator.comparing(Object::toString));
        return found;
    }

    /** Doubles that sit on an edge somewhere in the library (specials, overflow and underflow points, huge trig). */
    static final double[] SPECIAL_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        1.0, -1.0, 0.5, 2.0, 1e300, -1e300, 1e-300, -1e-300, 709.782712893384, 709.7827128933841, -745.1332191019411,
        -745.1332191019412, 710.0, -1.0000000000000002, Math.PI / 4, Math.PI, 1e22, 0x1p30, 0x1p52, 0x1p1023, 4e304,
        700.0, 700.0000000000001, 10.0, 10.000000000000002, 100.0, 1e100, 1e-100, 0x1p62, -0x1p63}; // option limits
    static final float[] SPECIAL_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -1f,
        0.5f, 2f, 88.72283f, 88.72284f, -103.97208f, -103.9721f, 3e19f, 1e-40f, (float) (Math.PI / 4), 1e30f, 0x1p30f};

    /** Makes the arguments of calls; one per call, from that call's own random stream. */
    final class Gen {
        final SplittableRandom r;
        final IdentityHashMap<Object, BufSpec> buffers = new IdentityHashMap<>();

        Gen(SplittableRandom r) {
            this.r = r;
        }

        Object[] args(Op op, Mode mode) {
            Class<?>[] p = op.method().getParameterTypes();
            Object[] a = new Object[p.length];
            boolean hostile = mode == Mode.HOSTILE;
            for (int i = 0; i < p.length; i++) {
                if (!p[i].isPrimitive() && !isData(p[i])) {
                    a[i] = object(p[i], hostile);
                }
            }
            long[] domain = boundedDomain(a);
            int n = length(domain);
            boolean hasData = false;
            for (int i = 0; i < p.length; i++) {
                if (isData(p[i])) {
                    hasData = true;
                    a[i] = hostile ? hostileData(p[i], domain) : data(p[i], n, domain, false);
                }
            }
            alias(p, a, hostile ? 4 : 10);
            int[] lengths = lengths(a);
            int[] valid = validInts((int) Arrays.stream(p).filter(t -> t == int.class).count(), n);
            for (int i = 0, v = 0; i < p.length; i++) {
                if (p[i] == int.class) {
                    a[i] = hostile ? hostileInt(lengths) : valid[v++];
                } else if (p[i] == long.class) {
                    // Where no array sets the work, a long may (samples, paths): it never gets a valid large value.
                    a[i] = hostile ? (hasData ? hostileLong(lengths) : boundedLong()) : (hasData ? validLong() : validWork());
                } else if (p[i] == double.class) {
                    a[i] = hostile ? hostileDouble() : validDouble();
                } else if (p[i] == float.class) {
                    a[i] = hostile ? hostileFloat() : (float) validDouble();
                } else if (p[i] == boolean.class) {
                    a[i] = r.nextBoolean();
                }
            }
            if (op.family() == Family.BLAS && !hostile) {
                blasTemplate(op.method(), a);
            }
            if (mode == Mode.MUTATED && a.length > 0) {
                for (int k = 0, count = r.nextInt(1, 3); k < count; k++) {
                    int i = r.nextInt(a.length);
                    a[i] = mutated(p[i], a[i], lengths(a), domain, hasData);
                }
            }
            boundWork(op, a);
            return a;
        }

        private Object mutated(Class<?> t, Object old, int[] lengths, long[] domain, boolean hasData) {
            if (t == int.class) {
                return hostileInt(lengths);
            } else if (t == long.class) {
                return hasData ? hostileLong(lengths) : boundedLong();
            } else if (t == double.class) {
                return hostileDouble();
            } else if (t == float.class) {
                return hostileFloat();
            } else if (t == boolean.class) {
                return !(Boolean) old;
            } else if (isData(t)) {
                return hostileData(t, domain);
            } else if (t == LongKernel.class || t == DoubleKernel.class) {
                return null; // another kernel could change what the long arrays cost: see boundWork
            }
            return r.nextBoolean() ? null : object(t, true);
        }

        /** The domain of a LongKernel argument whose domain is not every long (FIB's 0..92), else null. */
        private long[] boundedDomain(Object[] a) {
            for (Object v : a) {
                if (v instanceof LongKernel k && (k.minInput() != Long.MIN_VALUE || k.maxInput() != Long.MAX_VALUE)) {
                    return new long[] {k.minInput(), k.maxInput()};
                }
            }
            return null;
        }

        /**
         * Keeps every call's work small: a kernel with a bounded domain (FIB: cost 1.6^n, hours at 92) gets only
         * its smallest inputs inside the domain (whatever argument was mutated); the values outside it stay.
         * And Blas.multiply, whose result array m x n is allocated whatever the inputs, gets no valid m x n above
         * 2^16 elements (above Integer.MAX_VALUE - 8 it is refused, and stays).
         */
        private void boundWork(Op op, Object[] a) {
            if (op.family() == Family.BLAS && op.method().getName().equals("multiply") && a.length == 5
                    && a[2] instanceof Integer m && a[4] instanceof Integer n && m > 0 && n > 0 && (long) m * n > 1 << 16
                    && (long) m * n <= Integer.MAX_VALUE - 8) {
                a[4] = 1 + (1 << 16) / m; // a valid m x n beyond this could be gigabytes of result
            }
            long[] domain = boundedDomain(a);
            if (domain == null) {
                return;
            }
            for (Object v : a) {
                long[] values = v instanceof long[] l ? l : v instanceof LongBuffer ? (long[]) buffers.get(v).content() : null;
                if (values != null) {
                    long cap = values.length <= 300 ? 20 : 10;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] > domain[0] + cap && values[i] <= domain[1]) {
                            values[i] = domain[0] + r.nextLong(cap + 1);
                        }
                    }
                }
            }
        }

        Object object(Class<?> t, boolean hostile) {
            boolean nullable = hostile && r.nextInt(6) == 0;
            if (t.isEnum()) {
                Object[] values = t.getEnumConstants();
                return nullable ? null : values[r.nextInt(values.length)];
            } else if (t == LongKernel.class) {
                return nullable ? null : LONG_KERNELS.get(r.nextInt(LONG_KERNELS.size()));
            } else if (t == DoubleKernel.class) {
                return nullable ? null : DOUBLE_KERNELS.get(r.nextInt(DOUBLE_KERNELS.size()));
            } else if (t == MandelbrotRegion.class) {
                return nullable ? null : region(hostile);
            } else if (t == Executor.class) {
                return nullable ? null : r.nextBoolean() ? DIRECT : completer;
            }
            throw new AssertionError("no generator for " + t);
        }

        /** Always a valid region (its constructor checks), at most 40 x 40 pixels of 300 iterations. */
        MandelbrotRegion region(boolean hostile) {
            int width = dimension(), height = dimension();
            int iterations = switch (r.nextInt(5)) {
                case 0 -> 1;
                case 1 -> 2;
                case 2 -> r.nextInt(3, 20);
                default -> r.nextInt(20, 301);
            };
            double[] b = switch (hostile ? r.nextInt(3) : r.nextInt(2)) {
                case 0 -> new double[] {-2.2, 0.8, -1.2, 1.2};
                case 1 -> {
                    double x = -2 + 2.5 * r.nextDouble(), y = -1.2 + 2.4 * r.nextDouble(), span = Math.scalb(1.0, -r.nextInt(0, 50));
                    yield r.nextBoolean() ? new double[] {x, x + span, y, y + span} : new double[] {x + span, x, y + span, y};
                }
                default -> new double[] {finiteHostile(), finiteHostile(), finiteHostile(), finiteHostile()};
            };
            return new MandelbrotRegion(width, height, b[0], b[1], b[2], b[3], iterations);
        }

        private int dimension() {
            return switch (r.nextInt(4)) {
                case 0 -> 1;
                case 1 -> r.nextInt(2, 9);
                default -> r.nextInt(1, 41);
            };
        }

        private double finiteHostile() {
            double v;
            do {
                v = hostileDouble();
            } while (!Double.isFinite(v));
            return v;
        }

        /**
         * A length: mostly 0..70, sometimes around the 4096-block, 16384-chunk and other powers of two, rarely
         * up to 262145. At most 300 for the inputs of a costly kernel (one job per item in a MapJob).
         */
        int length(long[] domain) {
            return domain == null ? length() : Math.min(length(), 300);
        }

        int length() {
            int c = r.nextInt(100);
            if (c < 5) {
                return 0;
            } else if (c < 80) {
                return r.nextInt(1, 71);
            } else if (c < 92) {
                return r.nextInt(71, 300);
            } else if (c < 98) {
                int[] edges = {1023, 1024, 1025, 4095, 4096, 4097, 8191, 8192, 8193, 16383, 16384, 16385};
                return r.nextInt(4) == 0 ? r.nextInt(300, 5000) : edges[r.nextInt(edges.length)];
            }
            // rarely, past AUTO's thresholds for its native pool (32768 .. 262144 elements for most operations)
            int[] large = {32767, 32768, 32769, 65535, 65536, 65537, 131073, 262143, 262144, 262145};
            return large[r.nextInt(large.length)];
        }

        private Object hostileData(Class<?> t, long[] domain) {
            int c = r.nextInt(20);
            if (c < 3) {
                return null;
            }
            return data(t, c < 5 ? 0 : length(domain), domain, true);
        }

        /** A new array or buffer of n elements of data-type t, filled; a buffer's recipe goes to {@link #buffers}. */
        Object data(Class<?> t, int n, long[] domain, boolean hostile) {
            Object content;
            if (t == double[].class || t == DoubleBuffer.class) {
                content = doubles(n);
            } else if (t == float[].class || t == FloatBuffer.class) {
                content = floats(n);
            } else if (t == long[].class || t == LongBuffer.class) {
                content = longs(n, domain, hostile);
            } else {
                content = ints(n);
            }
            if (isArray(t)) {
                return content;
            }
            int kind = r.nextInt(20);
            boolean direct = kind < 11 || kind >= 15, nativeOrder = kind < 15;
            boolean readOnly = r.nextInt(hostile ? 6 : 20) == 0;
            int sliceOffset = r.nextInt(4) == 0 ? r.nextInt(1, 9) : 0;
            int limit = n, position = 0;
            if (r.nextInt(hostile ? 2 : 6) == 0) {
                limit = r.nextInt(n + 1);
                position = r.nextInt(limit + 1);
            }
            BufSpec spec = new BufSpec(t, direct, nativeOrder, readOnly, sliceOffset, n, position, limit, content);
            Buffer b = spec.build();
            buffers.put(b, spec);
            return b;
        }

        private void alias(Class<?>[] p, Object[] a, int oneIn) {
            if (r.nextInt(oneIn) != 0) {
                return;
            }
            List<int[]> pairs = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                for (int j = i + 1; j < p.length; j++) {
                    if (isData(p[i]) && p[i] == p[j]) {
                        pairs.add(new int[] {i, j});
                    }
                }
            }
            if (!pairs.isEmpty()) {
                int[] pair = pairs.get(r.nextInt(pairs.size()));
                if (r.nextBoolean()) {
                    a[pair[1]] = a[pair[0]];
                } else {
                    a[pair[0]] = a[pair[1]];
                }
            }
        }

        private int[] lengths(Object[] a) {
            return Arrays.stream(a).filter(v -> v != null && (v.getClass().isArray() || v instanceof Buffer))
                    .mapToInt(RandomizedBoundaryTest::lengthOf).toArray();
        }

        /**
         * Ints that fit a length-n array in every shape the API uses: (offset, length), (fromIndex, toIndex),
         * (xOffset, yOffset, length): the first ones ascending in [0, n/2], the last one at most n minus them,
         * half the time exactly that (slices that end at the array's end).
         */
        int[] validInts(int count, int n) {
            int[] v = new int[count];
            if (count == 0) {
                return v;
            }
            for (int i = 0; i < count - 1; i++) {
                v[i] = r.nextInt(n / 2 + 1);
            }
            Arrays.sort(v, 0, count - 1);
            int start = count > 1 ? v[count - 2] : 0;
            v[count - 1] = r.nextBoolean() ? n - start : r.nextInt(start, Math.max(start, n - start) + 1);
            return v;
        }

        int hostileInt(int[] lengths) {
            int len = lengths.length == 0 ? r.nextInt(71) : lengths[r.nextInt(lengths.length)];
            return switch (r.nextInt(16)) {
                case 0 -> Integer.MIN_VALUE;
                case 1 -> Integer.MAX_VALUE;
                case 2 -> -1;
                case 3 -> 0;
                case 4 -> 1;
                case 5 -> r.nextInt(9);
                case 6 -> len;
                case 7 -> len + 1;
                case 8 -> len - 1;
                case 9 -> Integer.MAX_VALUE - len + 1; // overflows when the length is added
                case 10 -> -len;
                case 11 -> Integer.MIN_VALUE + 1;
                case 12 -> r.nextInt();
                case 13 -> len / 2;
                case 14 -> Integer.MAX_VALUE - r.nextInt(8);
                default -> 2 * len;
            };
        }

        /** Seeds and stream offsets of calls whose arrays set the work: any long, edges included. */
        long hostileLong(int[] lengths) {
            int len = lengths.length == 0 ? r.nextInt(71) : lengths[r.nextInt(lengths.length)];
            return switch (r.nextInt(14)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> -1;
                case 3 -> 0;
                case 4 -> 1;
                case 5 -> r.nextLong(65);
                case 6 -> Long.MAX_VALUE - len + 1; // offset + length just past Long.MAX_VALUE
                case 7 -> Long.MAX_VALUE - len; // just fits
                case 8 -> (1L << (32 + r.nextInt(3))) - r.nextInt(70); // Philox counter words carry here
                case 9 -> 1L << 62;
                case 10 -> r.nextLong();
                case 11 -> Long.MIN_VALUE + 1;
                case 12 -> Integer.MAX_VALUE + (long) r.nextInt(-2, 3);
                default -> -len;
            };
        }

        long validLong() {
            return switch (r.nextInt(6)) {
                case 0, 1 -> r.nextLong(5001);
                case 2 -> r.nextLong(Long.MAX_VALUE - 1_000_000);
                case 3 -> (1L << (32 + r.nextInt(3))) - r.nextInt(70);
                case 4 -> Long.MAX_VALUE - r.nextInt(1_000_000);
                default -> r.nextLong();
            };
        }

        /**
         * Longs where they may set the work (estimatePi's samples, europeanOption's paths): small ones, or
         * invalid ones (negative, above 2^62), never a valid large count.
         */
        long boundedLong() {
            return switch (r.nextInt(12)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> -1;
                case 3 -> 0;
                case 4 -> 1;
                case 5 -> 2;
                case 6 -> r.nextLong(65);
                case 7 -> r.nextLong(5001);
                case 8 -> (1L << 62) + 1 + r.nextLong(1000);
                case 9 -> r.nextLong(Long.MIN_VALUE, 0);
                case 10 -> r.nextLong((1L << 62) + 1, Long.MAX_VALUE);
                default -> Long.MIN_VALUE + 1;
            };
        }

        long validWork() {
            return r.nextInt(10) == 0 ? r.nextLong(3) : r.nextLong(1, 5001);
        }

        /** Mostly a moderate positive number (valid for a spot, a strike, a volatility), sometimes anything. */
        double validDouble() {
            int c = r.nextInt(20);
            return c < 15 ? 0.05 + 2.95 * r.nextDouble() : c < 17 ? moderate() : hostileDouble();
        }

        double moderate() {
            return (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-20, 21));
        }

        double hostileDouble() {
            double sign = r.nextBoolean() ? 1 : -1;
            return switch (r.nextInt(9)) {
                case 0, 1 -> SPECIAL_DOUBLES[r.nextInt(SPECIAL_DOUBLES.length)];
                case 2 -> Double.longBitsToDouble(0x7ff0_0000_0000_0000L | r.nextLong(1, 1L << 52)
                        | (r.nextBoolean() ? Long.MIN_VALUE : 0)); // a NaN with a payload, quiet or signalling
                case 3 -> sign * Double.longBitsToDouble(r.nextLong(1, 1L << 52)); // subnormal
                case 4 -> Double.longBitsToDouble(r.nextLong()); // any bits
                case 5 -> sign * r.nextDouble(1, 2) * Math.scalb(1.0, r.nextInt(900, 1024));
                case 6 -> sign * Math.scalb(r.nextDouble(1, 2), r.nextInt(-1074, -900));
                case 7 -> (double) r.nextInt(-3, 4);
                default -> moderate();
            };
        }

        float hostileFloat() {
            float sign = r.nextBoolean() ? 1 : -1;
            return switch (r.nextInt(9)) {
                case 0, 1 -> SPECIAL_FLOATS[r.nextInt(SPECIAL_FLOATS.length)];
                case 2 -> Float.intBitsToFloat(0x7f80_0000 | r.nextInt(1, 1 << 23) | (r.nextBoolean() ? Integer.MIN_VALUE : 0));
                case 3 -> sign * Float.intBitsToFloat(r.nextInt(1, 1 << 23));
                case 4 -> Float.intBitsToFloat(r.nextInt());
                case 5 -> sign * (float) (r.nextDouble(1, 2) * Math.scalb(1.0, r.nextInt(100, 128)));
                case 6 -> sign * Math.scalb((float) r.nextDouble(1, 2), r.nextInt(-149, -110));
                case 7 -> (float) r.nextInt(-3, 4);
                default -> (float) moderate();
            };
        }

        double[] doubles(int n) {
            double[] x = new double[n];
            int profile = r.nextInt(6);
            double constant = hostileDouble();
            for (int i = 0; i < n; i++) {
                x[i] = switch (profile) {
                    case 0 -> moderate();
                    case 1 -> r.nextInt(5) == 0 ? hostileDouble() : moderate();
                    case 2 -> hostileDouble();
                    case 3 -> r.nextInt(-3, 4); // ties for argsort and the extremes
                    case 4 -> r.nextInt(50) == 0 ? constant : moderate() * 1e-3 + 1e9; // large offset: variance
                    default -> constant;
                };
            }
            return x;
        }

        float[] floats(int n) {
            float[] x = new float[n];
            int profile = r.nextInt(5);
            float constant = hostileFloat();
            for (int i = 0; i < n; i++) {
                x[i] = switch (profile) {
                    case 0 -> (float) moderate();
                    case 1 -> r.nextInt(5) == 0 ? hostileFloat() : (float) moderate();
                    case 2 -> hostileFloat();
                    case 3 -> r.nextInt(-3, 4);
                    default -> constant;
                };
            }
            return x;
        }

        long[] longs(int n, long[] domain, boolean hostile) {
            long[] x = new long[n];
            if (domain != null) { // a kernel's inputs: small ones inside its domain, sometimes some outside
                boolean outside = hostile && r.nextBoolean();
                for (int i = 0; i < n; i++) {
                    x[i] = outside && r.nextInt(10) == 0 ? outsideDomain(domain) : domain[0] + r.nextLong(21);
                }
                return x;
            }
            int profile = r.nextInt(4);
            long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                Integer.MAX_VALUE, Integer.MIN_VALUE, 3037000499L, 3037000500L};
            for (int i = 0; i < n; i++) {
                x[i] = switch (profile) {
                    case 0 -> r.nextLong();
                    case 1 -> r.nextLong(-3, 4);
                    case 2 -> extremes[r.nextInt(extremes.length)];
                    default -> r.nextInt(4) == 0 ? extremes[r.nextInt(extremes.length)] : r.nextLong(-1000, 1000);
                };
            }
            return x;
        }

        private long outsideDomain(long[] domain) {
            List<Long> out = new ArrayList<>();
            if (domain[0] > Long.MIN_VALUE) {
                out.add(domain[0] - 1);
                out.add(Long.MIN_VALUE);
            }
            if (domain[1] < Long.MAX_VALUE) {
                out.add(domain[1] + 1);
                out.add(Long.MAX_VALUE);
            }
            return out.get(r.nextInt(out.size()));
        }

        int[] ints(int n) {
            int[] x = new int[n];
            int profile = r.nextInt(4);
            int[] extremes = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1};
            for (int i = 0; i < n; i++) {
                x[i] = switch (profile) {
                    case 0 -> r.nextInt();
                    case 1 -> r.nextInt(-3, 4);
                    case 2 -> extremes[r.nextInt(extremes.length)];
                    default -> r.nextInt(4) == 0 ? extremes[r.nextInt(extremes.length)] : r.nextInt(-1000, 1000);
                };
            }
            return x;
        }

        // --- Blas: a valid call needs dimensions, leading dimensions and array lengths that agree

        private void blasTemplate(Method m, Object[] a) {
            Class<?>[] p = m.getParameterTypes();
            if (m.getName().equals("gemm") && p.length == 17) {
                gemm(p, a);
            } else if (m.getName().equals("gemv") && p.length == 13) {
                gemv(p, a);
            } else if (m.getName().equals("multiply") && p.length == 5) {
                int rows = blasDimension(), inner = blasDimension(), cols = blasDimension();
                a[0] = data(p[0], rows * inner, null, false);
                a[1] = p[0] == p[1] && rows == cols && r.nextInt(5) == 0 ? a[0] : data(p[1], inner * cols, null, false);
                a[2] = rows;
                a[3] = inner;
                a[4] = cols;
            }
        }

        private int blasDimension() {
            int c = r.nextInt(100);
            return c < 3 ? 0 : c < 18 ? 1 : c < 68 ? r.nextInt(2, 9) : c < 95 ? r.nextInt(9, 25) : r.nextInt(25, 49);
        }

        /** {leading dimension, elements spanned} of a stored rows x cols matrix. */
        private int[] matrix(boolean rowMajor, int rows, int cols) {
            int line = rowMajor ? cols : rows;
            int ld = Math.max(1, line) + (r.nextInt(4) == 0 ? r.nextInt(1, 4) : 0);
            int extent = rows == 0 || cols == 0 ? 0 : rowMajor ? ld * (rows - 1) + cols : ld * (cols - 1) + rows;
            return new int[] {ld, extent};
        }

        private int offset() {
            return r.nextInt(4) == 0 ? r.nextInt(1, 5) : 0;
        }

        private int slack() {
            return r.nextInt(4) == 0 ? r.nextInt(1, 4) : 0;
        }

        private Object blasScalar(Class<?> t) {
            int c = r.nextInt(20);
            double v = c < 3 ? 0.0 : c < 6 ? 1.0 : c < 7 ? -1.0 : c < 17 ? moderate() : hostileDouble();
            if (t == float.class) {
                return c >= 17 ? hostileFloat() : (float) v;
            }
            return v;
        }

        private void gemm(Class<?>[] p, Object[] a) {
            Blas.Layout layout = r.nextBoolean() ? Blas.Layout.ROW_MAJOR : Blas.Layout.COL_MAJOR;
            boolean row = layout == Blas.Layout.ROW_MAJOR, ta = r.nextBoolean(), tb = r.nextBoolean();
            int m = blasDimension(), n = blasDimension(), k = blasDimension();
            int[] ma = matrix(row, ta ? k : m, ta ? m : k), mb = matrix(row, tb ? n : k, tb ? k : n), mc = matrix(row, m, n);
            int offA = offset(), offB = offset(), offC = offset();
            a[0] = layout;
            a[1] = ta ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            a[2] = tb ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            a[3] = m;
            a[4] = n;
            a[5] = k;
            a[6] = blasScalar(p[6]);
            a[13] = blasScalar(p[13]);
            int share = r.nextInt(10);
            if (share == 0 && p[7] == p[10]) { // A and B in one array (both only read)
                a[7] = data(p[7], Math.max(offA + ma[1], offB + mb[1]) + slack(), null, false);
                a[10] = a[7];
                a[14] = data(p[14], offC + mc[1] + slack(), null, false);
            } else if (share == 1 && p[7] == p[14]) { // C after A in the same array: apart, so allowed
                offC = offA + ma[1] + r.nextInt(3);
                a[7] = data(p[7], offC + mc[1] + slack(), null, false);
                a[14] = a[7];
                a[10] = data(p[10], offB + mb[1] + slack(), null, false);
            } else {
                a[7] = data(p[7], offA + ma[1] + slack(), null, false);
                a[10] = data(p[10], offB + mb[1] + slack(), null, false);
                a[14] = data(p[14], offC + mc[1] + slack(), null, false);
            }
            a[8] = offA;
            a[9] = ma[0];
            a[11] = offB;
            a[12] = mb[0];
            a[15] = offC;
            a[16] = mc[0];
        }

        private void gemv(Class<?>[] p, Object[] a) {
            Blas.Layout layout = r.nextBoolean() ? Blas.Layout.ROW_MAJOR : Blas.Layout.COL_MAJOR;
            boolean t = r.nextBoolean();
            int m = blasDimension(), n = blasDimension();
            int[] ma = matrix(layout == Blas.Layout.ROW_MAJOR, m, n);
            int offA = offset(), offX = offset(), offY = offset(), xLength = t ? m : n, yLength = t ? n : m;
            a[0] = layout;
            a[1] = t ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            a[2] = m;
            a[3] = n;
            a[4] = blasScalar(p[4]);
            a[10] = blasScalar(p[10]);
            int share = r.nextInt(10);
            if (share == 0 && p[5] == p[8]) { // x inside A's array (both read)
                a[5] = data(p[5], Math.max(offA + ma[1], offX + xLength) + slack(), null, false);
                a[8] = a[5];
                a[11] = data(p[11], offY + yLength + slack(), null, false);
            } else if (share == 1 && p[5] == p[11]) { // y after A in the same array
                offY = offA + ma[1] + r.nextInt(3);
                a[5] = data(p[5], offY + yLength + slack(), null, false);
                a[11] = a[5];
                a[8] = data(p[8], offX + xLength + slack(), null, false);
            } else {
                a[5] = data(p[5], offA + ma[1] + slack(), null, false);
                a[8] = data(p[8], offX + xLength + slack(), null, false);
                a[11] = data(p[11], offY + yLength + slack(), null, false);
            }
            a[6] = offA;
            a[7] = ma[0];
            a[9] = offX;
            a[12] = offY;
        }
    }

    static final Executor DIRECT = new Executor() {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public String toString() {
            return "Runnable::run";
        }
    };

    /** The completion executor given to methods that take one (besides {@link #DIRECT}). */
    private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "boundary-completer");
        t.setDaemon(true);
        return t;
    });

    /** The thread every pool call is made on, so that a hung call can be detected and reported. */
    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "boundary-caller");
        t.setDaemon(true);
        return t;
    });

    /** Deep copy: arrays cloned and buffers rebuilt from their recipes, aliasing kept. */
    static Object[] copy(Object[] a, IdentityHashMap<Object, BufSpec> buffers) {
        IdentityHashMap<Object, Object> copies = new IdentityHashMap<>();
        Object[] c = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            Object v = a[i];
            if (v != null && v.getClass().isArray()) {
                c[i] = copies.computeIfAbsent(v, RandomizedBoundaryTest::cloneArray);
            } else if (v instanceof Buffer) {
                c[i] = copies.computeIfAbsent(v, o -> buffers.get(o).build());
            } else {
                c[i] = v;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------------------
    // Running a call

    /** What one pool did with one call: its value or exception, and its (copy of the) arguments afterwards. */
    record Outcome(String pool, Object value, Throwable thrown, Object[] args) {
        String describe() {
            return thrown != null ? pool + " threw " + thrown : pool + " returned " + summary(value);
        }
    }

    /** Thrown out of a pool call that did not finish in time. */
    static final class Hang extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Hang(String message) {
            super(message);
        }
    }

    static Object reflect(Op op, KernelPool pool, Object[] args) {
        try {
            return op.method().invoke(op.family().facade.apply(pool), args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("checked exception from " + op, cause);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    static Object await(Future<?> future, String what) {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Hang(what + ": its future did not complete in " + CALL_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Hang(what + ": interrupted");
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Runs one call on {@code pool} on the caller thread, waiting at most the call timeout. */
    Outcome run(String name, KernelPool pool, Op op, Object[] args, int async) {
        Future<Outcome> f = caller.submit(() -> {
            try {
                Object value;
                if (async != 0) {
                    KernelPool.Call<Object> call = p -> reflect(op, p, args);
                    value = await(async == 1 ? pool.submit(call) : pool.submit(call, DIRECT), op.label());
                } else {
                    value = reflect(op, pool, args);
                    if (value instanceof KernelFuture<?> future) {
                        value = await(future, op.label());
                    } else if (value instanceof MapJob<?, ?> job) {
                        value = await(job.future(), op.label());
                    }
                }
                return new Outcome(name, value, null, args);
            } catch (Hang h) {
                throw h;
            } catch (Throwable t) {
                return new Outcome(name, null, unwrap(t), args);
            }
        });
        try {
            return f.get(CALL_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Hang(name + " " + op + " did not return in " + (CALL_TIMEOUT_SECONDS + 5) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Hang("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Hang h) {
                throw new Hang(name + " " + h.getMessage());
            }
            throw new AssertionError("the test's own call machinery failed", e.getCause());
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Comparing outcomes

    static final double EXACT = -1, MUST_NAN = -2, UNCHECKED = Double.POSITIVE_INFINITY;

    /** Per element of one array of a Blas call: EXACT, MUST_NAN, UNCHECKED, or the largest difference allowed. */
    record BlasBound(int argument, double[] tolerance) {}

    /** Counts of Blas elements by how they were checked. */
    final long[] blasCounts = new long[3]; // exact bits, within the bound, unchecked (no finite bound)

    /**
     * The class comment's bound, {@code |C - C_exact| <= (k + 2) u (|alpha| |op(A)| |op(B)| + |beta C|)}
     * elementwise: two backends each within it differ by at most twice it (1% added for the higher-order
     * terms, and an absolute term for underflow). Where an element reads a NaN both must be NaN; where it
     * reads an infinity, or its magnitudes overflow, the bound says nothing and the element is not compared.
     * Elements outside the computed m x n (or the y vector) must keep their bits. Buffers are read from their
     * position, as arrays from 0. Null for an operation not known here (compared bit for bit).
     */
    static BlasBound blasBound(Op op, Object[] a, Object returned) {
        String name = op.method().getName();
        int np = a.length;
        if (name.equals("gemm") && np == 17) {
            boolean row = a[0] == Blas.Layout.ROW_MAJOR, ta = a[1] == Blas.Transpose.TRANS, tb = a[2] == Blas.Transpose.TRANS;
            int m = (Integer) a[3], n = (Integer) a[4], k = (Integer) a[5];
            double alpha = ((Number) a[6]).doubleValue(), beta = ((Number) a[13]).doubleValue();
            Object A = a[7], B = a[10], C = a[14];
            int offA = (Integer) a[8], lda = (Integer) a[9], offB = (Integer) a[11], ldb = (Integer) a[12];
            int offC = (Integer) a[15], ldc = (Integer) a[16];
            boolean single = a[6] instanceof Float;
            double[] tol = exactTolerance(C);
            // k may be anything when m or n is 0 (A or B then spans nothing); else the arrays bound it
            double[] x = new double[m > 0 && n > 0 ? k : 0], y = new double[x.length];
            for (int i = 0; n > 0 && i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < k; l++) {
                        x[l] = ta ? get(A, at(row, offA, lda, l, i)) : get(A, at(row, offA, lda, i, l));
                        y[l] = tb ? get(B, at(row, offB, ldb, j, l)) : get(B, at(row, offB, ldb, l, j));
                    }
                    long c = at(row, offC, ldc, i, j);
                    tol[base(C) + (int) c] = elementBound(alpha, x, y, k, beta, get(C, c), single);
                }
            }
            return new BlasBound(14, tol);
        } else if (name.equals("gemv") && np == 13) {
            boolean row = a[0] == Blas.Layout.ROW_MAJOR, t = a[1] == Blas.Transpose.TRANS;
            int m = (Integer) a[2], n = (Integer) a[3];
            double alpha = ((Number) a[4]).doubleValue(), beta = ((Number) a[10]).doubleValue();
            Object A = a[5], X = a[8], Y = a[11];
            int offA = (Integer) a[6], lda = (Integer) a[7], offX = (Integer) a[9], offY = (Integer) a[12];
            boolean single = a[4] instanceof Float;
            int rows = t ? n : m, inner = t ? m : n;
            double[] tol = exactTolerance(Y);
            double[] x = new double[rows > 0 ? inner : 0], y = new double[x.length];
            for (int i = 0; i < rows; i++) {
                for (int l = 0; l < inner; l++) {
                    x[l] = t ? get(A, at(row, offA, lda, l, i)) : get(A, at(row, offA, lda, i, l));
                    y[l] = get(X, offX + l);
                }
                tol[base(Y) + offY + i] = elementBound(alpha, x, y, inner, beta, get(Y, offY + i), single);
            }
            return new BlasBound(11, tol);
        } else if (name.equals("multiply") && np == 5) {
            int m = (Integer) a[2], k = (Integer) a[3], n = (Integer) a[4];
            boolean single = returned instanceof float[] || returned instanceof FloatBuffer;
            double[] tol = exactTolerance(returned);
            double[] x = new double[m > 0 && n > 0 ? k : 0], y = new double[x.length];
            for (int i = 0; n > 0 && i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < k; l++) {
                        x[l] = get(a[0], (long) i * k + l);
                        y[l] = get(a[1], (long) l * n + j);
                    }
                    tol[base(returned) + i * n + j] = elementBound(1.0, x, y, k, 0.0, 0.0, single);
                }
            }
            return new BlasBound(-1, tol);
        }
        return null;
    }

    private static double[] exactTolerance(Object data) {
        double[] tol = new double[lengthOf(data)];
        Arrays.fill(tol, EXACT);
        return tol;
    }

    private static long at(boolean rowMajor, int off, int ld, int r, int c) {
        return rowMajor ? off + (long) r * ld + c : off + r + (long) c * ld;
    }

    private static int base(Object data) {
        return data instanceof Buffer b ? b.position() : 0;
    }

    private static double get(Object data, long index) {
        int i = Math.toIntExact(base(data) + index);
        if (data instanceof double[] d) {
            return d[i];
        } else if (data instanceof float[] f) {
            return f[i];
        } else if (data instanceof DoubleBuffer d) {
            return ((DoubleBuffer) whole(d)).get(i);
        }
        return ((FloatBuffer) whole((FloatBuffer) data)).get(i);
    }

    static double elementBound(double alpha, double[] a, double[] b, int k, double beta, double c, boolean single) {
        boolean readsAB = alpha != 0 && k > 0, readsC = beta != 0; // "alpha == 0 or k == 0 reads neither A nor B"
        boolean nan = false, inf = false;
        double sum = 0, maxA = 0, maxB = 0, maxProduct = 0;
        if (readsAB) {
            nan = Double.isNaN(alpha);
            inf = Double.isInfinite(alpha);
            for (int l = 0; l < k; l++) {
                nan |= Double.isNaN(a[l]) || Double.isNaN(b[l]);
                inf |= Double.isInfinite(a[l]) || Double.isInfinite(b[l]);
                double p = Math.abs(a[l]) * Math.abs(b[l]);
                sum += p;
                maxA = Math.max(maxA, Math.abs(a[l]));
                maxB = Math.max(maxB, Math.abs(b[l]));
                maxProduct = Math.max(maxProduct, p);
            }
        }
        if (readsC) {
            nan |= Double.isNaN(beta) || Double.isNaN(c);
            inf |= Double.isInfinite(beta) || Double.isInfinite(c);
        }
        if (nan) {
            return MUST_NAN;
        }
        if (inf) {
            return UNCHECKED;
        }
        double scaledSum = readsAB ? Math.abs(alpha) * sum : 0, cTerm = readsC ? Math.abs(beta) * Math.abs(c) : 0;
        double limit = (single ? Float.MAX_VALUE : Double.MAX_VALUE) / 4;
        double[] guards = {sum, maxProduct, Math.abs(alpha) * maxA, Math.abs(alpha) * maxB, scaledSum, cTerm,
            Math.abs(beta), Math.abs(c), scaledSum + cTerm};
        for (double g : guards) {
            if (!(g <= limit)) {
                return UNCHECKED; // an intermediate may overflow on one path and not on the other
            }
        }
        double u = single ? 0x1p-24 : 0x1p-53;
        double relative = 2 * 1.01 * (k + 2) * u * (scaledSum + cTerm);
        double log2Absolute = (Math.log(4.0 * (k + 2)) + Math.log1p(Math.abs(alpha)) + Math.log1p(maxA) + Math.log1p(maxB)
                + Math.log1p(Math.abs(beta))) / Math.log(2) + (single ? -149 : -1074);
        return relative + Math.pow(2, log2Absolute);
    }

    /** Null if x and y are equal under the rules, else where they differ. */
    String diff(Object x, Object y, boolean nanAny, double[] bound) {
        if (x == null || y == null) {
            return x == y ? null : "one is null: " + summary(x) + " vs " + summary(y);
        }
        if (x.getClass() != y.getClass()) {
            return "types differ: " + x.getClass().getName() + " vs " + y.getClass().getName();
        }
        if (x instanceof Double d) {
            return sameDouble(d, (Double) y, nanAny) ? null : hex(d) + " vs " + hex((Double) y);
        } else if (x instanceof Float f) {
            return sameFloat(f, (Float) y, nanAny) ? null : hex(f) + " vs " + hex((Float) y);
        } else if (x instanceof double[] dx) {
            double[] dy = (double[]) y;
            if (dx.length != dy.length) {
                return "lengths " + dx.length + " vs " + dy.length;
            }
            for (int i = 0; i < dx.length; i++) {
                String e = element(dx[i], dy[i], nanAny, bound == null ? EXACT : bound[i], false);
                if (e != null) {
                    return "index " + i + ": " + e;
                }
            }
            return null;
        } else if (x instanceof float[] fx) {
            float[] fy = (float[]) y;
            if (fx.length != fy.length) {
                return "lengths " + fx.length + " vs " + fy.length;
            }
            for (int i = 0; i < fx.length; i++) {
                String e = element(fx[i], fy[i], nanAny, bound == null ? EXACT : bound[i], true);
                if (e != null) {
                    return "index " + i + ": " + e;
                }
            }
            return null;
        } else if (x instanceof long[] lx) {
            int i = Arrays.mismatch(lx, (long[]) y);
            return i < 0 ? null : "index " + i + ": " + (i < lx.length ? lx[i] : "end") + " vs "
                    + (i < ((long[]) y).length ? ((long[]) y)[i] : "end");
        } else if (x instanceof int[] ix) {
            int i = Arrays.mismatch(ix, (int[]) y);
            return i < 0 ? null : "index " + i + ": " + (i < ix.length ? ix[i] : "end") + " vs "
                    + (i < ((int[]) y).length ? ((int[]) y)[i] : "end");
        } else if (x instanceof Buffer bx) {
            Buffer by = (Buffer) y;
            if (bx.position() != by.position() || bx.limit() != by.limit() || bx.capacity() != by.capacity()) {
                return "buffer position/limit/capacity " + bx.position() + "/" + bx.limit() + "/" + bx.capacity() + " vs "
                        + by.position() + "/" + by.limit() + "/" + by.capacity();
            }
            return diff(contents(bx), contents(by), nanAny, bound);
        } else if (x instanceof Record) {
            for (RecordComponent c : x.getClass().getRecordComponents()) {
                try {
                    String e = diff(c.getAccessor().invoke(x), c.getAccessor().invoke(y), nanAny, null);
                    if (e != null) {
                        return c.getName() + ": " + e;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return null;
        }
        return Objects.equals(x, y) ? null : x + " vs " + y;
    }

    private String element(double x, double y, boolean nanAny, double bound, boolean single) {
        boolean bitsEqual = single ? Float.floatToRawIntBits((float) x) == Float.floatToRawIntBits((float) y)
                : Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        boolean counted = bound != EXACT;
        if (bitsEqual) {
            if (counted) {
                blasCounts[0]++;
            }
            return null;
        }
        boolean bothNan = Double.isNaN(x) && Double.isNaN(y);
        if (bothNan && (nanAny || bound == MUST_NAN)) {
            if (counted) {
                blasCounts[0]++;
            }
            return null;
        }
        if (bound == UNCHECKED) {
            blasCounts[2]++;
            return null;
        }
        if (bound >= 0 && !Double.isNaN(x) && !Double.isNaN(y) && Math.abs(x - y) <= bound) {
            blasCounts[1]++;
            return null;
        }
        String values = single ? hex((float) x) + " vs " + hex((float) y) : hex(x) + " vs " + hex(y);
        return values + (bound == MUST_NAN ? " (both must be NaN: the element reads a NaN)"
                : bound >= 0 ? " (more than the documented bound allows: " + bound + ")" : "");
    }

    static boolean sameDouble(double x, double y, boolean nanAny) {
        return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y) || (nanAny && Double.isNaN(x) && Double.isNaN(y));
    }

    static boolean sameFloat(float x, float y, boolean nanAny) {
        return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y) || (nanAny && Float.isNaN(x) && Float.isNaN(y));
    }

    /**
     * Null if {@code other} agrees with {@code ref}: the same exception class, or equal results (value, which
     * argument it is, and every data argument afterwards).
     */
    String compare(Op op, Object[] original, Outcome ref, Outcome other, boolean crossBackend) {
        boolean nanAny = op.family().nanAny;
        if (ref.thrown() != null || other.thrown() != null) {
            if (ref.thrown() == null || other.thrown() == null || ref.thrown().getClass() != other.thrown().getClass()) {
                return ref.describe() + ", but " + other.describe();
            }
            if (ref.thrown() instanceof ItemFailureException ri && Arrays.asList(original).contains(OnItemFailure.CONTINUE)) {
                long[] a = ri.failedIndices(), b = ((ItemFailureException) other.thrown()).failedIndices();
                if (!Arrays.equals(a, b)) {
                    return "failed indices " + Arrays.toString(a) + " (" + ref.pool() + ") vs " + Arrays.toString(b)
                            + " (" + other.pool() + ")";
                }
            }
            if (ref.thrown() instanceof OutOfMemoryError) {
                return null; // a failed sort leaves its range partly sorted (Sorting, "How it runs")
            }
        }
        BlasBound bound = crossBackend && ref.thrown() == null && op.family() == Family.BLAS
                ? blasBound(op, original, ref.value()) : null;
        String e = diff(ref.value(), other.value(), nanAny, bound != null && bound.argument() == -1 ? bound.tolerance() : null);
        if (e != null) {
            return "results differ (" + ref.pool() + " vs " + other.pool() + "): " + e;
        }
        int refIndex = indexOfIdentity(ref.args(), ref.value()), otherIndex = indexOfIdentity(other.args(), other.value());
        if (refIndex != otherIndex) {
            return ref.pool() + " returned argument " + refIndex + ", " + other.pool() + " argument " + otherIndex;
        }
        for (int i = 0; i < original.length; i++) {
            if (original[i] != null && (original[i].getClass().isArray() || original[i] instanceof Buffer)) {
                // the bound belongs to C's (y's) array, whichever arguments it is (C may lie in A's array, apart)
                double[] tolerance = bound != null && bound.argument() >= 0 && original[i] == original[bound.argument()]
                        ? bound.tolerance() : null;
                e = diff(ref.args()[i], other.args()[i], nanAny, tolerance);
                if (e != null) {
                    return "argument " + i + " afterwards differs (" + ref.pool() + " vs " + other.pool() + "): " + e;
                }
            }
        }
        return null;
    }

    private static int indexOfIdentity(Object[] args, Object value) {
        boolean data = value != null && (value.getClass().isArray() || value instanceof Buffer); // not a boxed int
        for (int i = 0; data && i < args.length; i++) {
            if (args[i] == value) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------------
    // Printing

    static String hex(double v) {
        return Double.isNaN(v) ? "NaN(0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + ")" : v + " (" + Double.toHexString(v) + ")";
    }

    static String hex(float v) {
        return Float.isNaN(v) ? "NaN(0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")" : v + "f (" + Float.toHexString(v) + ")";
    }

    static String summary(Object v) {
        if (v == null) {
            return "null";
        } else if (v.getClass().isArray()) {
            int n = lengthOf(v);
            String s = literal(v);
            return n <= 16 ? s : v.getClass().getComponentType() + "[" + n + "] " + s.substring(0, Math.min(s.length(), 200)) + "...";
        } else if (v instanceof Double d) {
            return hex(d);
        } else if (v instanceof Float f) {
            return hex(f);
        }
        return String.valueOf(v);
    }

    /** A Java expression for a value. */
    static String literal(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Double d) {
            double x = d;
            if (Double.isNaN(x) && Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(Double.NaN)) {
                return "Double.longBitsToDouble(0x" + Long.toHexString(Double.doubleToRawLongBits(x)) + "L)";
            }
            return Double.isNaN(x) ? "Double.NaN" : x == Double.POSITIVE_INFINITY ? "Double.POSITIVE_INFINITY"
                    : x == Double.NEGATIVE_INFINITY ? "Double.NEGATIVE_INFINITY" : Double.toString(x);
        } else if (v instanceof Float f) {
            float x = f;
            if (Float.isNaN(x) && Float.floatToRawIntBits(x) != Float.floatToRawIntBits(Float.NaN)) {
                return "Float.intBitsToFloat(0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ")";
            }
            return Float.isNaN(x) ? "Float.NaN" : x == Float.POSITIVE_INFINITY ? "Float.POSITIVE_INFINITY"
                    : x == Float.NEGATIVE_INFINITY ? "Float.NEGATIVE_INFINITY" : x + "f";
        } else if (v instanceof Long l) {
            return l == Long.MIN_VALUE ? "Long.MIN_VALUE" : l + "L";
        } else if (v instanceof Integer i) {
            return i == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : i.toString();
        } else if (v instanceof Enum<?> e) {
            return e.getDeclaringClass().getName().replace("dev.jkernels.", "").replace('$', '.') + "." + e.name();
        } else if (v instanceof MandelbrotRegion m) {
            return "new MandelbrotRegion(" + m.width() + ", " + m.height() + ", " + literal(m.xMin()) + ", "
                    + literal(m.xMax()) + ", " + literal(m.yMin()) + ", " + literal(m.yMax()) + ", " + m.maxIterations() + ")";
        } else if (v instanceof double[] d) {
            StringBuilder s = new StringBuilder("new double[] {");
            for (int i = 0; i < d.length; i++) {
                s.append(i == 0 ? "" : ", ").append(literal(d[i]));
            }
            return s.append('}').toString();
        } else if (v instanceof float[] f) {
            StringBuilder s = new StringBuilder("new float[] {");
            for (int i = 0; i < f.length; i++) {
                s.append(i == 0 ? "" : ", ").append(literal(f[i]));
            }
            return s.append('}').toString();
        } else if (v instanceof long[] l) {
            StringBuilder s = new StringBuilder("new long[] {");
            for (int i = 0; i < l.length; i++) {
                s.append(i == 0 ? "" : ", ").append(literal(l[i]));
            }
            return s.append('}').toString();
        } else if (v instanceof int[] n) {
            StringBuilder s = new StringBuilder("new int[] {");
            for (int i = 0; i < n.length; i++) {
                s.append(i == 0 ? "" : ", ").append(literal(n[i]));
            }
            return s.append('}').toString();
        }
        return String.valueOf(v);
    }

    /** The call as Java code: the arrays declared first (so aliasing shows), then the call. */
    static String javaCode(Op op, Object[] a, IdentityHashMap<Object, BufSpec> buffers) {
        StringBuilder decl = new StringBuilder();
        IdentityHashMap<Object, String> names = new IdentityHashMap<>();
        StringBuilder call = new StringBuilder("pool.").append(op.family().accessor.isEmpty() ? "" : op.family().accessor + ".")
                .append(op.method().getName()).append('(');
        for (int i = 0; i < a.length; i++) {
            Object v = a[i];
            String arg;
            if (v != null && (v.getClass().isArray() || v instanceof Buffer)) {
                arg = names.get(v);
                if (arg == null) {
                    arg = "a" + i;
                    names.put(v, arg);
                    String type = v instanceof Buffer ? buffers.get(v).type().getSimpleName() : v.getClass().getComponentType() + "[]";
                    String value = v instanceof Buffer ? "/* " + buffers.get(v).describe() + " */ null" : literal(v);
                    if (lengthOf(v) > 400) {
                        value = "/* " + lengthOf(v) + " elements: replay the call to see them */ " + value.substring(0, 400) + "...";
                    }
                    decl.append("    ").append(v instanceof Buffer ? "java.nio." + type : type).append(' ').append(arg)
                            .append(" = ").append(value).append(";\n");
                }
            } else if (v == DIRECT) {
                arg = "Runnable::run";
            } else if (v instanceof Executor) {
                arg = "java.util.concurrent.ForkJoinPool.commonPool()";
            } else if (v instanceof LongKernel || v instanceof DoubleKernel) {
                arg = v.toString();
            } else if (v == null) {
                Class<?> t = op.method().getParameterTypes()[i];
                arg = "(" + t.getCanonicalName().replace("dev.jkernels.", "") + ") null";
            } else {
                arg = literal(v);
            }
            call.append(i == 0 ? "" : ", ").append(arg);
        }
        return decl + "    " + call + ");";
    }

    // ------------------------------------------------------------------------------------------------------
    // The test

    /** Counts per family. */
    static final class Tally {
        long calls, results, exceptions, async;
        final TreeMap<String, Long> thrown = new TreeMap<>();
    }

    private final List<String> failures = new ArrayList<>();
    private final Set<String> failureKeys = new LinkedHashSet<>();

    private void failure(String key, String report) {
        if (failureKeys.add(key)) {
            failures.add(report);
            System.out.println("FAILURE " + failures.size() + ":\n" + report);
            System.out.flush();
        }
    }

    @Test
    void hostileArgumentsGiveDocumentedExceptionsOrTheJavaTwinsResult() throws IOException, InterruptedException {
        String seedText = System.getProperty(SEED_PROPERTY);
        long seed = seedText == null || seedText.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.decode(seedText.trim());
        int seconds = Integer.getInteger(SECONDS_PROPERTY, 60);
        long replay = Long.getLong(CALL_PROPERTY, -1);
        String rerun = "-D" + SEED_PROPERTY + "=" + seed + " -D" + CALL_PROPERTY + "=<call>";
        System.out.println("RandomizedBoundaryTest: seed " + seed + " (" + SEED_PROPERTY + "), " + seconds + " s ("
                + SECONDS_PROPERTY + ")" + (replay >= 0 ? ", replaying call " + replay : ""));
        System.out.flush();

        List<String> skipped = new ArrayList<>(), unsupported = new ArrayList<>();
        List<Op> ops = operations(skipped, unsupported);
        Map<Family, List<Op>> byFamily = new EnumMap<>(Family.class);
        for (Op op : ops) {
            byFamily.computeIfAbsent(op.family(), f -> new ArrayList<>()).add(op);
        }
        System.out.println(ops.size() + " operations: " + byFamily.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList());
        System.out.println("skipped (" + skipped.size() + "):");
        skipped.forEach(s -> System.out.println("  " + s));
        assertEquals(List.of(), unsupported, "public methods this test cannot call: teach the generator their types");
        for (Family f : Family.values()) {
            assertTrue(byFamily.containsKey(f), "no operations found in " + f.type);
        }

        Path trace = tracePath();
        Map<Family, Tally> tallies = new EnumMap<>(Family.class);
        Map<Op, long[]> perOp = new LinkedHashMap<>();
        ops.forEach(op -> perOp.put(op, new long[2]));
        long calls = 0, invocations = 0, agreed = 0, slowest = 0, loopEnd = 0;
        String slowestCall = "none", routing = "";
        long current = -1;
        boolean hung = false;
        long start = System.nanoTime(), deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        SplittableRandom master = new SplittableRandom(seed);
        try (KernelPool javaPool = KernelPool.builder().backend(Backend.JAVA).threads(2).build();
                FileChannel traceFile = FileChannel.open(trace, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            // The NATIVE pool's ISA path comes from the seed (every path gives the same bits, Isa's class comment),
            // so that runs with different seeds cover each; AUTO runs on the best one.
            List<Isa> isas = PoolConfigs.supportedIsas();
            Isa isa = isas.get(new SplittableRandom(seed ^ 0x15a_15a_15aL).nextInt(isas.size()));
            KernelPool nativePool = KernelPool.builder().backend(Backend.NATIVE).threads(2).isa(isa).build();
            KernelPool autoPool = KernelPool.builder().backend(Backend.AUTO).threads(2).build();
            System.out.println("pools: " + javaPool + ", " + nativePool + ", " + autoPool);
            KernelPool[] pools = {javaPool, nativePool, autoPool};
            String[] names = {"JAVA", "NATIVE", "AUTO"};
            try {
                for (long index = 0; replay >= 0 ? index <= replay : System.nanoTime() < deadline; index++) {
                    SplittableRandom r = master.split();
                    Family family = Family.values()[r.nextInt(Family.values().length)];
                    List<Op> candidates = byFamily.get(family);
                    Op op = candidates.get(r.nextInt(candidates.size()));
                    int m = r.nextInt(20);
                    Mode mode = m < 9 ? Mode.VALID : m < 15 ? Mode.MUTATED : Mode.HOSTILE;
                    Gen gen = new Gen(r);
                    Object[] args = gen.args(op, mode);
                    boolean async = !op.returnsHandle() && r.nextInt(4) == 0;
                    int asyncPool = r.nextInt(3), asyncForm = r.nextInt(1, 3);
                    if (replay >= 0 && index < replay) {
                        continue;
                    }
                    current = index;
                    String where = "seed " + seed + ", call " + index + " (" + mode + "): " + op;
                    byte[] line = (where + "\n").getBytes(StandardCharsets.UTF_8);
                    traceFile.write(ByteBuffer.wrap(Arrays.copyOf(line, Math.max(line.length, 512))), 0);
                    String code = javaCode(op, args, gen.buffers);
                    if (replay >= 0) {
                        System.out.println("call " + index + " (" + mode + "):\n" + code);
                    }
                    calls++;
                    Tally tally = tallies.computeIfAbsent(family, f -> new Tally());
                    tally.calls++;
                    Outcome[] outcomes = new Outcome[pools.length];
                    long callStart = System.nanoTime();
                    for (int p = 0; p < pools.length; p++) {
                        outcomes[p] = run(names[p], pools[p], op, copy(args, gen.buffers), 0);
                        invocations++;
                    }
                    Outcome asyncOutcome = null;
                    if (async) {
                        asyncOutcome = run(names[asyncPool] + " submit", pools[asyncPool], op, copy(args, gen.buffers), asyncForm);
                        invocations++;
                        tally.async++;
                    }
                    long took = System.nanoTime() - callStart;
                    if (took > slowest) {
                        slowest = took;
                        slowestCall = where;
                    }
                    if (replay >= 0) {
                        for (Outcome o : outcomes) {
                            System.out.println("  " + o.describe());
                        }
                        if (asyncOutcome != null) {
                            System.out.println("  " + asyncOutcome.describe());
                        }
                    }
                    String report = "  " + where + "\n  replay: " + rerun.replace("<call>", Long.toString(index)) + "\n" + code;
                    boolean ok = true;
                    for (Outcome o : asyncOutcome == null ? outcomes : append(outcomes, asyncOutcome)) {
                        if (o.thrown() != null && !op.allows(o.thrown())) {
                            ok = false;
                            failure(op + " undocumented " + o.thrown().getClass().getName(), "undocumented exception: "
                                    + o.describe() + "\n" + report + "\n" + stackTrace(o.thrown()));
                        }
                    }
                    for (int p = 1; p < pools.length; p++) {
                        String d = compare(op, args, outcomes[0], outcomes[p], true);
                        if (d != null) {
                            ok = false;
                            failure(op + " " + names[p] + " differs", names[p] + " differs from the JAVA twin: " + d + "\n"
                                    + report + "\n  " + outcomes[0].describe() + "\n  " + outcomes[p].describe());
                        }
                    }
                    if (asyncOutcome != null) {
                        // AUTO may run a small synchronous Blas call in Java, its submitted form always natively
                        // (AutoEngine): Blas "may differ in the last bits ... between NATIVE and JAVA", so that pair
                        // is held to the bound against the JAVA twin; every other pair to the same bits.
                        boolean routes = op.family() == Family.BLAS && pools[asyncPool] == autoPool;
                        String d = routes ? compare(op, args, outcomes[0], asyncOutcome, true)
                                : compare(op, args, outcomes[asyncPool], asyncOutcome, false);
                        if (d != null) {
                            ok = false;
                            failure(op + " submit differs", "submit differs from the synchronous call: " + d + "\n" + report
                                    + "\n  " + outcomes[asyncPool].describe() + "\n  " + asyncOutcome.describe());
                        }
                    }
                    if (ok) {
                        agreed++;
                    }
                    Throwable t = outcomes[0].thrown();
                    if (t == null) {
                        tally.results++;
                        perOp.get(op)[0]++;
                    } else {
                        tally.exceptions++;
                        perOp.get(op)[1]++;
                        tally.thrown.merge(t.getClass().getSimpleName(), 1L, Long::sum);
                    }
                    if (failures.size() >= MAX_FAILURES) {
                        System.out.println("stopping early: " + MAX_FAILURES + " distinct failures");
                        break;
                    }
                }
            } catch (Hang h) {
                hung = true;
                StringBuilder dump = new StringBuilder();
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                    for (int i = 0; i < Math.min(stack.length, 40); i++) {
                        dump.append("    at ").append(stack[i]).append('\n');
                    }
                    if (stack.length > 40) {
                        dump.append("    ... ").append(stack.length - 40).append(" more\n");
                    }
                });
                String last = new String(java.nio.file.Files.readAllBytes(trace), StandardCharsets.UTF_8).replace("\0", "").trim();
                failure("hang", "HANG: " + h.getMessage() + "\n  " + last + "\n  replay: "
                        + rerun.replace("<call>", Long.toString(current))
                        + "\nJava threads' stacks (the native pool's pthreads are not among them):\n" + dump);
            } finally {
                loopEnd = System.nanoTime();
                String policy = autoPool.autoPolicy();
                routing = "  NATIVE on " + nativePool.isa().map(Isa::settingName).orElse("?") + "; AUTO's routes: "
                        + policy.substring(Math.max(0, policy.indexOf("calls so far")));
                if (!hung) { // a pool with a call stuck in it would wait for the call forever
                    nativePool.close();
                    autoPool.close();
                }
            }
            if (hung) {
                fail(String.join("\n\n", failures));
            }
        } finally {
            caller.shutdownNow();
            completer.shutdownNow();
            // Not into the next test class: a call still running there would open or hold pools while it counts threads.
            caller.awaitTermination(10, TimeUnit.SECONDS);
            completer.awaitTermination(10, TimeUnit.SECONDS);
        }

        double elapsed = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder();
        summary.append(String.format("RandomizedBoundaryTest summary: seed %d, %d s requested, %.1f s run (%.1f s closing the pools)%n",
                seed, seconds, elapsed, (System.nanoTime() - loopEnd) / 1e9));
        summary.append(String.format("  slowest call %.3f s (all its pool invocations): %s%n", slowest / 1e9, slowestCall));
        summary.append(String.format("  %d calls (%d pool invocations, %d through submit), %d agreed everywhere%n",
                calls, invocations, tallies.values().stream().mapToLong(t -> t.async).sum(), agreed));
        summary.append(String.format("  %-8s %7s %8s %10s %6s  exceptions by class%n", "family", "calls", "results", "exceptions", "async"));
        for (Map.Entry<Family, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            summary.append(String.format("  %-8s %7d %8d %10d %6d  %s%n", e.getKey(), t.calls, t.results, t.exceptions, t.async, t.thrown));
        }
        summary.append(routing).append('\n');
        summary.append(String.format("  Blas elements: %d equal bits, %d within the documented bound, %d unchecked (no finite bound)%n",
                blasCounts[0], blasCounts[1], blasCounts[2]));
        List<String> neverValid = new ArrayList<>(), neverThrew = new ArrayList<>();
        perOp.forEach((op, c) -> {
            if (c[0] == 0) {
                neverValid.add(op.label() + " (" + c[1] + " calls)");
            }
            if (c[1] == 0) {
                neverThrew.add(op.label() + " (" + c[0] + " calls)");
            }
        });
        summary.append("  operations that never returned a result: ").append(neverValid).append('\n');
        summary.append("  operations that never threw: ").append(neverThrew).append('\n');
        System.out.print(summary);
        System.out.flush();

        if (!failures.isEmpty()) {
            fail(failures.size() + " distinct failures (seed " + seed + "):\n\n" + String.join("\n\n", failures));
        }
        if (replay >= 0) {
            return;
        }
        long floor = Math.max(100, 20L * seconds);
        assertTrue(calls >= floor, "only " + calls + " calls in " + seconds + " s, expected at least " + floor);
        for (Family f : Family.values()) {
            Tally t = tallies.get(f);
            assertTrue(t != null && t.results > 0 && t.exceptions > 0, f + " needs both results and exceptions: "
                    + (t == null ? "no calls" : t.results + " results, " + t.exceptions + " exceptions"));
        }
    }

    private static Outcome[] append(Outcome[] a, Outcome b) {
        Outcome[] c = Arrays.copyOf(a, a.length + 1);
        c[a.length] = b;
        return c;
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** Where the call being made is written, so that a JVM crash leaves it behind. */
    private static Path tracePath() {
        String explicit = System.getProperty(TRACE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String arguments = System.getProperty("jkernels.test.argumentsFile"); // in target/ under failsafe
        Path dir = arguments != null ? Path.of(arguments).toAbsolutePath().getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("boundary-last-call.txt");
    }

    // ------------------------------------------------------------------------------------------------------
    // The generator's buffer support, checked before any operation takes a buffer

    static double probe(DoubleBuffer d, FloatBuffer f, LongBuffer l, IntBuffer i, DoubleBuffer d2, LongKernel k, int n) {
        return n;
    }

    @Test
    void bufferArgumentsAreMadeInEveryKindAndCopiedExactly() throws ReflectiveOperationException {
        Method m = RandomizedBoundaryTest.class.getDeclaredMethod("probe", DoubleBuffer.class, FloatBuffer.class,
                LongBuffer.class, IntBuffer.class, DoubleBuffer.class, LongKernel.class, int.class);
        assertNull(unsupportedTypes(m), "every buffer type is generatable");
        Op op = new Op(Family.VECTORS, m, label(m));
        SplittableRandom master = new SplittableRandom(42);
        int direct = 0, heap = 0, foreignOrder = 0, readOnly = 0, moved = 0, sliced = 0, nulls = 0, aliased = 0, bounded = 0;
        for (int call = 0; call < 1000; call++) {
            Gen gen = new Gen(master.split());
            Object[] a = gen.args(op, Mode.values()[call % 3]);
            Object[] c = copy(a, gen.buffers);
            if (a[0] != null && a[0] == a[4]) {
                aliased++;
                assertSame(c[0], c[4], "aliasing is kept in the copy");
            }
            for (int i = 0; i < 5; i++) {
                if (a[i] == null) {
                    nulls++;
                    assertNull(c[i]);
                    continue;
                }
                Buffer original = (Buffer) a[i], copy = (Buffer) c[i];
                BufSpec spec = gen.buffers.get(original);
                assertNotSame(original, copy);
                assertEquals(original.getClass(), copy.getClass());
                assertEquals(original.isDirect(), copy.isDirect());
                assertEquals(original.isReadOnly(), copy.isReadOnly());
                assertEquals(order(original), order(copy));
                assertEquals(original.position(), copy.position());
                assertEquals(original.limit(), copy.limit());
                assertEquals(original.capacity(), copy.capacity());
                assertNull(diff(contents(copy), spec.content(), false, null), "contents");
                direct += original.isDirect() ? 1 : 0;
                heap += original.isDirect() ? 0 : 1;
                foreignOrder += order(original) != ByteOrder.nativeOrder() ? 1 : 0;
                readOnly += original.isReadOnly() ? 1 : 0;
                moved += original.position() != 0 || original.limit() != original.capacity() ? 1 : 0;
                sliced += spec.sliceOffset() != 0 ? 1 : 0;
            }
            if (a[2] instanceof LongBuffer l && a[5] == LongKernels.FIB) {
                long[] values = (long[]) contents(c[2] instanceof LongBuffer lb ? lb : l);
                for (long v : values) {
                    assertTrue(v < 0 || v > 92 || v <= 20, "FIB's inputs inside its domain stay small: " + v);
                }
                bounded++;
            }
        }
        int[] counts = {direct, heap, foreignOrder, readOnly, moved, sliced, nulls, aliased, bounded};
        for (int count : counts) {
            assertTrue(count > 10, "every kind of buffer argument is made: " + Arrays.toString(counts));
        }
        System.out.println("buffer arguments: direct, heap, non-native order, read-only, moved position or limit, "
                + "sliced, null, aliased, FIB-bounded: " + Arrays.toString(counts));
    }

    private static ByteOrder order(Buffer b) {
        if (b instanceof DoubleBuffer d) {
            return d.order();
        } else if (b instanceof FloatBuffer f) {
            return f.order();
        } else if (b instanceof LongBuffer l) {
            return l.order();
        }
        return ((IntBuffer) b).order();
    }
}
