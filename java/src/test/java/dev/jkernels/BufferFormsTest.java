// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public method that takes buffers, found by reflection over the facades, against its array form: the
 * same arguments, the arrays' contents placed in buffers of every kind (an {@link OffHeapArray}'s view with a
 * position and a limit, a JVM direct buffer, a heap buffer with an array offset, a view at an address that is
 * not a multiple of the element size), on every pool configuration. The buffer form must return what the
 * array form returns (indices shifted by the buffer's position), write the same bits between position and
 * limit, leave everything outside them and the position and limit as they were, and throw what the array
 * form throws.
 */
class BufferFormsTest {
    /** How a buffer argument is made. */
    enum Layout {
        OFF_HEAP, DIRECT, HEAP, MISALIGNED,
        /** Each argument one of the others at random: heap arrays beside direct buffers in one call. */
        MIXED
    }

    private static final Class<?>[] FACADES = {VectorOps.class, VectorMath.class, Sorting.class, Blas.class,
        RandomOps.class, KernelPool.class};
    private static final int[] SIZES = {0, 1, 7, 33, 4099};
    /** Elements after the limit, filled with a marker that must survive (before the position: 0 to 8 of them). */
    private static final int AFTER = 3;

    static Stream<PoolConfigs.Config> configs() {
        return PoolConfigs.all().stream();
    }

    /** The buffer forms, each with its array form. */
    record Pair(Method buffers, Method arrays) {
        @Override
        public String toString() {
            return buffers.getDeclaringClass().getSimpleName() + "." + buffers.getName()
                    + Arrays.toString(buffers.getParameterTypes());
        }
    }

    static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Class<?> facade : FACADES) {
            for (Method m : facade.getMethods()) {
                if (m.getDeclaringClass() != facade || Modifier.isStatic(m.getModifiers())
                        || Arrays.stream(m.getParameterTypes()).noneMatch(Buffer.class::isAssignableFrom)) {
                    continue;
                }
                Class<?>[] arrayTypes = Arrays.stream(m.getParameterTypes()).map(BufferFormsTest::arrayType)
                        .toArray(Class<?>[]::new);
                try {
                    pairs.add(new Pair(m, facade.getMethod(m.getName(), arrayTypes)));
                } catch (NoSuchMethodException e) {
                    fail(m + " has no array form " + Arrays.toString(arrayTypes));
                }
            }
        }
        return pairs;
    }

    private static Class<?> arrayType(Class<?> type) {
        return type == DoubleBuffer.class ? double[].class : type == FloatBuffer.class ? float[].class
                : type == LongBuffer.class ? long[].class : type == IntBuffer.class ? int[].class : type;
    }

    @Test
    void everyFacadeHasBufferForms() {
        List<Pair> pairs = pairs();
        for (Class<?> facade : FACADES) {
            assertTrue(pairs.stream().anyMatch(p -> p.buffers.getDeclaringClass() == facade), facade + " has none");
        }
        assertTrue(pairs.size() >= 74, "only " + pairs.size() + " buffer forms: " + pairs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void bufferFormsMatchArrayForms(PoolConfigs.Config config) throws Exception {
        SplittableRandom random = new SplittableRandom(config.toString().hashCode());
        List<Pair> pairs = pairs();
        int compared = 0;
        try (KernelPool pool = config.open()) {
            for (Pair pair : pairs) {
                for (int size : SIZES) {
                    Layout layout = Layout.values()[random.nextInt(Layout.values().length)];
                    compare(pool, pair, size, layout, random.split(), false);
                    compared++;
                }
            }
        }
        assertEquals(pairs.size() * SIZES.length, compared);
    }

    /**
     * Every layout at one size on the default pools, synchronously and through {@link KernelPool#submit}: each
     * layout meets every method at least once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyLayout(Layout layout) throws Exception {
        for (PoolConfigs.Config config : PoolConfigs.backends()) {
            try (KernelPool pool = config.open()) {
                SplittableRandom random = new SplittableRandom(layout.ordinal());
                for (Pair pair : pairs()) {
                    compare(pool, pair, 301, layout, random.split(), false);
                    compare(pool, pair, 301, layout, random.split(), true);
                    if (layout == Layout.MIXED && config.backend() == Backend.NATIVE) {
                        // Past the 4 MiB a pinned window holds: several windows, in-place slots beside pinned or
                        // copied ones (a heap buffer is its array).
                        compare(pool, pair, 600_001, layout, random.split(), false);
                    }
                }
            }
        }
    }

    static Stream<Layout> layouts() {
        return Stream.of(Layout.values());
    }

    private static void compare(KernelPool pool, Pair pair, int size, Layout layout, SplittableRandom random,
            boolean async) throws Exception {
        String what = pair + " size " + size + " " + layout + (async ? " submitted" : "") + " on " + pool;
        Object[] arrayArgs = ArrayArgs.make(pair.arrays, size, random);
        Object[] bufferArgs = new Object[arrayArgs.length];
        List<Placed> placed = new ArrayList<>();
        try (Placer placer = new Placer(layout, random)) {
            for (int i = 0; i < arrayArgs.length; i++) {
                if (Buffer.class.isAssignableFrom(pair.buffers.getParameterTypes()[i])) {
                    Placed p = placer.place(arrayArgs[i]);
                    placed.add(p);
                    bufferArgs[i] = p.buffer;
                } else {
                    bufferArgs[i] = arrayArgs[i];
                }
            }
            Object target = facade(pool, pair.arrays.getDeclaringClass());
            Object[] expectedArgs = deepCopy(arrayArgs);
            // Submitted, both forms: AUTO sends a submitted call to the native pool, a small synchronous one to the
            // Java twin, and gemm's bits are the same per backend only.
            Outcome expected = async ? submit(pool, pair.arrays, expectedArgs) : invoke(pair.arrays, target, expectedArgs);
            Outcome actual = async ? submit(pool, pair.buffers, bufferArgs) : invoke(pair.buffers, target, bufferArgs);
            if (expected.thrown != null || actual.thrown != null) {
                assertEquals(expected.thrown == null ? null : expected.thrown.getClass(),
                        actual.thrown == null ? null : actual.thrown.getClass(),
                        what + ": array form " + expected.thrown + ", buffer form " + actual.thrown);
                return;
            }
            int shift = placed.isEmpty() ? 0 : placed.get(0).position;
            assertResult(what, expected.value, actual.value, pair.buffers, shift);
            int p = 0;
            for (int i = 0; i < arrayArgs.length; i++) {
                if (bufferArgs[i] instanceof Buffer) {
                    placed.get(p++).check(what + " argument " + i, expectedArgs[i]);
                }
            }
        }
    }

    /** The facade object a method is called on. */
    private static Object facade(KernelPool pool, Class<?> facade) {
        if (facade == KernelPool.class) {
            return pool;
        }
        for (Method m : KernelPool.class.getMethods()) {
            if (m.getReturnType() == facade && m.getParameterCount() == 0) {
                try {
                    return m.invoke(pool);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no accessor for " + facade);
    }

    record Outcome(Object value, Throwable thrown) {}

    private static Outcome invoke(Method m, Object target, Object[] args) throws IllegalAccessException {
        try {
            return new Outcome(m.invoke(target, args), null);
        } catch (InvocationTargetException e) {
            return new Outcome(null, e.getCause());
        }
    }

    /** The call through {@link KernelPool#submit(KernelPool.Call)}: thrown by submit, or the future's outcome. */
    private static Outcome submit(KernelPool pool, Method m, Object[] args) throws InterruptedException {
        KernelFuture<Object> future;
        try {
            future = pool.submit(p -> {
                try {
                    return m.invoke(facade(p, m.getDeclaringClass()), args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new AssertionError(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            });
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
        try {
            return new Outcome(future.get(), null);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome(null, e.getCause());
        }
    }

    private static void assertResult(String what, Object expected, Object actual, Method m, int shift) {
        if (m.getReturnType() == void.class) {
            return;
        }
        boolean indices = m.getName().startsWith("arg");
        if (expected instanceof int[] e) {
            int[] shifted = Arrays.stream(e).map(i -> i + (indices ? shift : 0)).toArray();
            assertArrayEquals(shifted, (int[]) actual, what);
        } else if (expected instanceof Integer e && indices) {
            assertEquals(e + shift, actual, what);
        } else if (expected instanceof Double e) { // doubleToLongBits: one NaN, as in bits()
            assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits((Double) actual), what);
        } else if (expected instanceof Float e) {
            assertEquals(Float.floatToIntBits(e), Float.floatToIntBits((Float) actual), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static Object[] deepCopy(Object[] args) {
        Object[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null && copy[i].getClass().isArray()) {
                copy[i] = copyArray(copy[i]);
            }
        }
        return copy;
    }

    private static Object copyArray(Object array) {
        return TestArrays.copy(array);
    }

    /** A buffer holding an array's contents between its position and limit, a marker around them. */
    static final class Placed {
        final Buffer buffer;
        final int position, limit;
        final Object whole; // the buffer's whole contents as placed

        Placed(Buffer buffer, Object whole) {
            this.buffer = buffer;
            this.position = buffer.position();
            this.limit = buffer.limit();
            this.whole = whole;
        }

        /** The buffer after the call: the array form's result inside, the marker outside, bounds unchanged. */
        void check(String what, Object expectedSlice) {
            assertEquals(position, buffer.position(), what + ": position");
            assertEquals(limit, buffer.limit(), what + ": limit");
            Object now = contents(buffer);
            Object expected = copyArray(whole);
            System.arraycopy(expectedSlice, 0, expected, position, limit - position);
            int at = firstDifference(bits(expected), bits(now));
            assertTrue(at < 0, () -> what + ": contents differ from the array form's at index " + at + " (position "
                    + position + "): " + java.lang.reflect.Array.get(now, at) + " where the array form has "
                    + java.lang.reflect.Array.get(expected, at));
        }
    }

    /** Makes buffers of one layout; closes the off-heap arrays it made. */
    static final class Placer implements AutoCloseable {
        private final Layout layout;
        private final SplittableRandom random;
        private final List<OffHeapArray> arrays = new ArrayList<>();

        Placer(Layout layout, SplittableRandom random) {
            this.layout = layout;
            this.random = random;
        }

        Placed place(Object array) {
            int n = java.lang.reflect.Array.getLength(array);
            int size = array instanceof double[] || array instanceof long[] ? 8 : 4;
            int before = random.nextInt(9), capacity = before + n + AFTER;
            Layout layout = this.layout == Layout.MIXED ? Layout.values()[random.nextInt(4)] : this.layout;
            ByteBuffer bytes = switch (layout) {
                case OFF_HEAP -> {
                    OffHeapArray a = OffHeapArray.ofLongs((capacity * size + 7) / 8);
                    arrays.add(a);
                    yield a.bytes();
                }
                case DIRECT -> ByteBuffer.allocateDirect(capacity * size);
                case HEAP -> null;
                case MISALIGNED -> ByteBuffer.allocateDirect(capacity * size + 1).position(1).slice();
                case MIXED -> throw new AssertionError("resolved above");
            };
            Buffer buffer = bytes == null ? heap(array, capacity) : view(bytes.order(ByteOrder.nativeOrder()), array);
            Object whole = newArray(array, buffer.capacity());
            fillMarker(whole);
            System.arraycopy(array, 0, whole, before, n);
            put(buffer, whole);
            buffer.limit(before + n).position(before);
            return new Placed(buffer, whole);
        }

        /** A heap buffer that is a slice of a larger array: its array offset is not 0. */
        private static Buffer heap(Object array, int capacity) {
            if (array instanceof double[]) {
                return DoubleBuffer.wrap(new double[capacity + 2], 2, capacity).slice();
            } else if (array instanceof float[]) {
                return FloatBuffer.wrap(new float[capacity + 2], 2, capacity).slice();
            } else if (array instanceof long[]) {
                return LongBuffer.wrap(new long[capacity + 2], 2, capacity).slice();
            }
            return IntBuffer.wrap(new int[capacity + 2], 2, capacity).slice();
        }

        private static Buffer view(ByteBuffer bytes, Object array) {
            if (array instanceof double[]) {
                return bytes.asDoubleBuffer();
            } else if (array instanceof float[]) {
                return bytes.asFloatBuffer();
            } else if (array instanceof long[]) {
                return bytes.asLongBuffer();
            }
            return bytes.asIntBuffer();
        }

        @Override
        public void close() {
            arrays.forEach(OffHeapArray::close);
        }
    }

    private static Object newArray(Object like, int n) {
        return java.lang.reflect.Array.newInstance(like.getClass().getComponentType(), n);
    }

    private static void fillMarker(Object whole) {
        if (whole instanceof double[] a) {
            Arrays.fill(a, -7.25);
        } else if (whole instanceof float[] a) {
            Arrays.fill(a, -7.25f);
        } else if (whole instanceof long[] a) {
            Arrays.fill(a, -7);
        } else {
            Arrays.fill((int[]) whole, -7);
        }
    }

    private static void put(Buffer b, Object whole) {
        if (b instanceof DoubleBuffer d) {
            d.put(0, (double[]) whole);
        } else if (b instanceof FloatBuffer f) {
            f.put(0, (float[]) whole);
        } else if (b instanceof LongBuffer l) {
            l.put(0, (long[]) whole);
        } else {
            ((IntBuffer) b).put(0, (int[]) whole);
        }
    }

    /** Every element, from 0 to the capacity (absolute bulk reads stop at the limit: read a cleared duplicate). */
    private static Object contents(Buffer b) {
        b = b.duplicate().clear();
        if (b instanceof DoubleBuffer d) {
            double[] a = new double[d.capacity()];
            d.get(0, a);
            return a;
        } else if (b instanceof FloatBuffer f) {
            float[] a = new float[f.capacity()];
            f.get(0, a);
            return a;
        } else if (b instanceof LongBuffer l) {
            long[] a = new long[l.capacity()];
            l.get(0, a);
            return a;
        }
        IntBuffer i = (IntBuffer) b;
        int[] a = new int[i.capacity()];
        i.get(0, a);
        return a;
    }

    /**
     * Floating arrays as their bits, so signed zeros compare exactly; every NaN as one (their sign and payload
     * are unspecified: even the JIT tier running a twin can change them).
     */
    private static Object bits(Object array) {
        if (array instanceof double[] a) {
            return Arrays.stream(a).mapToLong(Double::doubleToLongBits).toArray();
        } else if (array instanceof float[] a) {
            int[] b = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = Float.floatToIntBits(a[i]);
            }
            return b;
        }
        return array;
    }

    private static int firstDifference(Object a, Object b) {
        int n = java.lang.reflect.Array.getLength(a);
        for (int i = 0; i < n; i++) {
            if (!java.lang.reflect.Array.get(a, i).equals(java.lang.reflect.Array.get(b, i))) {
                return i;
            }
        }
        return -1;
    }

    /** Valid arguments for an array form: arrays of about {@code n} elements and scalars that fit them. */
    static final class ArrayArgs {
        private ArrayArgs() {}

        static Object[] make(Method m, int n, SplittableRandom r) {
            return switch (m.getName()) {
                case "gemm" -> gemm(m, n, r);
                case "gemv" -> gemv(m, n, r);
                default -> simple(m, n, r);
            };
        }

        private static Object[] simple(Method m, int n, SplittableRandom r) {
            Class<?>[] types = m.getParameterTypes();
            Object[] args = new Object[types.length];
            boolean fib = false;
            for (int i = 0; i < types.length; i++) {
                Class<?> t = types[i];
                if (t == LongKernel.class) {
                    args[i] = LongKernels.FIB;
                    fib = true;
                } else if (t == DoubleKernel.class) {
                    args[i] = DoubleKernels.SQUARE;
                } else if (t == long.class) {
                    args[i] = r.nextLong(1L << 40); // a seed or a stream offset
                } else if (t == double.class) {
                    args[i] = r.nextDouble(-2, 2);
                } else if (t == float.class) {
                    args[i] = (float) r.nextDouble(-2, 2);
                } else {
                    args[i] = array(t, n, r, fib);
                }
            }
            return args;
        }

        private static Object array(Class<?> t, int n, SplittableRandom r, boolean small) {
            if (t == double[].class) {
                return r.doubles(n, -3, 3).map(v -> special(r, v)).toArray();
            } else if (t == float[].class) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) special(r, r.nextDouble(-3, 3));
                }
                return a;
            } else if (t == long[].class) {
                return small ? r.longs(n, 0, n > 1000 ? 12 : 25).toArray() : r.longs(n, -1000, 1000).toArray();
            } else if (t == int[].class) {
                return r.ints(n, -1000, 1000).toArray();
            }
            throw new AssertionError("no generator for " + t);
        }

        /** Now and then a NaN, an infinity, a signed zero: the values where bits differ first. */
        private static double special(SplittableRandom r, double v) {
            return switch (r.nextInt(64)) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> Double.POSITIVE_INFINITY;
                default -> v;
            };
        }

        private static Object[] gemm(Method m, int n, SplittableRandom r) {
            boolean dbl = m.getParameterTypes()[6] == double.class;
            int rows = 1 + r.nextInt(Math.min(40, 1 + (int) Math.sqrt(n)));
            int cols = 1 + r.nextInt(Math.min(40, 1 + (int) Math.sqrt(n))), depth = 1 + r.nextInt(24);
            Blas.Layout layout = r.nextBoolean() ? Blas.Layout.ROW_MAJOR : Blas.Layout.COL_MAJOR;
            Blas.Transpose ta = r.nextBoolean() ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            Blas.Transpose tb = r.nextBoolean() ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            boolean rowMajor = layout == Blas.Layout.ROW_MAJOR;
            int[] a = matrix(ta == Blas.Transpose.TRANS ? depth : rows, ta == Blas.Transpose.TRANS ? rows : depth,
                    rowMajor, r);
            int[] b = matrix(tb == Blas.Transpose.TRANS ? cols : depth, tb == Blas.Transpose.TRANS ? depth : cols,
                    rowMajor, r);
            int[] c = matrix(rows, cols, rowMajor, r);
            Class<?> t = dbl ? double[].class : float[].class;
            Object alpha = dbl ? (Object) 1.5 : (Object) 1.5f, beta = dbl ? (Object) 0.5 : (Object) 0.5f;
            return new Object[] {layout, ta, tb, rows, cols, depth, alpha, array(t, a[2], r, false), a[0], a[1],
                array(t, b[2], r, false), b[0], b[1], beta, array(t, c[2], r, false), c[0], c[1]};
        }

        private static Object[] gemv(Method m, int n, SplittableRandom r) {
            boolean dbl = m.getParameterTypes()[4] == double.class;
            int rows = 1 + r.nextInt(Math.min(60, 1 + (int) Math.sqrt(n)));
            int cols = 1 + r.nextInt(Math.min(60, 1 + (int) Math.sqrt(n)));
            Blas.Layout layout = r.nextBoolean() ? Blas.Layout.ROW_MAJOR : Blas.Layout.COL_MAJOR;
            Blas.Transpose t = r.nextBoolean() ? Blas.Transpose.TRANS : Blas.Transpose.NO_TRANS;
            int[] a = matrix(rows, cols, layout == Blas.Layout.ROW_MAJOR, r);
            int xn = t == Blas.Transpose.TRANS ? rows : cols, yn = t == Blas.Transpose.TRANS ? cols : rows;
            int offX = r.nextInt(3), offY = r.nextInt(3);
            Class<?> type = dbl ? double[].class : float[].class;
            Object alpha = dbl ? (Object) 0.75 : (Object) 0.75f, beta = dbl ? (Object) 2.0 : (Object) 2.0f;
            return new Object[] {layout, t, rows, cols, alpha, array(type, a[2], r, false), a[0], a[1],
                array(type, offX + xn + r.nextInt(3), r, false), offX, beta,
                array(type, offY + yn + r.nextInt(3), r, false), offY};
        }

        /** {offset, leading dimension, array length} of a stored rows x cols matrix. */
        private static int[] matrix(int rows, int cols, boolean rowMajor, SplittableRandom r) {
            int off = r.nextInt(4), line = rowMajor ? cols : rows, count = rowMajor ? rows : cols;
            int ld = line + r.nextInt(3);
            return new int[] {off, ld, off + (count - 1) * ld + line + r.nextInt(3)};
        }
    }

    /** The pool's stats count off-heap bytes: an array's while it is open, none once closed. */
    @Test
    void statsCountOffHeapBytes() {
        try (KernelPool pool = KernelPool.create(1)) {
            long before = pool.stats().offHeapBytes();
            OffHeapArray a = OffHeapArray.ofDoubles(1000);
            assertEquals(before + 8000, pool.stats().offHeapBytes());
            assertTrue(pool.stats().toString().contains("off-heap"), pool.stats().toString());
            a.close();
            assertEquals(before, pool.stats().offHeapBytes());
            assertTrue(a.isClosed());
        }
    }
}
