// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jkernels.Isa;
import dev.jkernels.TestScale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry-driven test: every registered operation, on every backend (JAVA, NATIVE, each AUTO route),
 * every ISA path the CPU has and 1..3 threads, synchronously and asynchronously, with random arguments from
 * the spec's sampler (slices at random offsets, random lengths), against its twin run on the calling
 * thread: written slots and results bit for bit (NaNs as NaNs), and no element outside a written slice
 * touched. A new operation is tested here the moment its spec is registered.
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpRegistryTest {
    /**
     * The largest size is past every op's team threshold (sort's 32 Ki keys, prefix sum's 32 Ki chunk, gemv's
     * and the random ops' 64 Ki); the quick scale (TestScale) makes it 70,001 instead of 100,003.
     */
    private static final int[] SIZES = {0, 1, 7, 8, 9, 100, 4095, 4097, 20_000, TestScale.pick(100_003, 70_001)};
    /** The twin on the calling thread. */
    private static final JavaEngine REFERENCE = JavaEngine.inline();

    /** One engine configuration. */
    record Config(String name, java.util.function.Supplier<Engine> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            int threads = t;
            configs.add(new Config("JAVA x" + t, () -> new JavaEngine(threads, -1)));
        }
        Isa best = NativeLibrary.supportedIsa();
        for (Isa isa : Isa.values()) {
            if (isa.compareTo(best) > 0) {
                continue;
            }
            for (int t = 1; t <= 3; t++) {
                int threads = t;
                configs.add(new Config("NATIVE x" + t + " " + isa.settingName(), () -> new NativeEngine(threads, isa, -1)));
            }
        }
        configs.add(new Config("AUTO java-inline", () -> auto(Long.MAX_VALUE, Long.MAX_VALUE)));
        configs.add(new Config("AUTO native-inline", () -> auto(0, Long.MAX_VALUE)));
        configs.add(new Config("AUTO pool", () -> auto(0, 0)));
        return configs;
    }

    /** An AUTO engine whose thresholds send every call of every operation one way. */
    private static Engine auto(long nativeFrom, long parallelFrom) {
        Map<String, String> p = new HashMap<>();
        for (OpSpec s : OpRegistry.all()) {
            p.put("jkernels.threshold." + s.autoKey + ".native", Long.toString(nativeFrom));
            p.put("jkernels.threshold." + s.autoKey + ".parallel", Long.toString(parallelFrom));
        }
        return new AutoEngine(new NativeEngine(2, null, -1), AutoThresholds.load(new Settings(p::get, e -> null)));
    }

    static Stream<Arguments> opsAndConfigs() {
        return OpRegistry.all().stream().flatMap(op -> configs().stream().map(c -> Arguments.of(op, c)));
    }

    @Test
    void everySpecIsBoundToItsNativeDefinition() {
        NativeLibrary.requireLoaded();
        assertTrue(OpRegistry.all().size() >= 8, "specs: " + OpRegistry.all());
        for (OpSpec s : OpRegistry.all()) {
            assertTrue(s.nativeIndex >= 0, s.name + " is bound");
            assertEquals(s.descriptor(), NativeBridge.ops()[s.nativeIndex], s.name);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("opsAndConfigs")
    void matchesItsTwinSyncAndAsync(OpSpec op, Config config) throws Exception {
        SplittableRandom random = new SplittableRandom(op.name.hashCode() * 31L + config.name.hashCode());
        try (Engine engine = config.open.get()) {
            for (int size : SIZES) {
                Args args = op.sample(random, size);
                Args expected = copy(op, args);
                long expectedResult = REFERENCE.run(op, expected, true);

                Args sync = copy(op, args);
                long syncResult = engine.run(op, sync);
                compare(op, expected, expectedResult, sync, syncResult, config + " sync, size " + size);

                Args async = copy(op, args);
                CompletableFuture<Long> done = new CompletableFuture<>();
                engine.start(op, async, false, outcome -> {
                    if (outcome.ranToEnd(false)) {
                        outcome.publish().run();
                        return () -> done.complete(outcome.value());
                    }
                    return () -> done.completeExceptionally(outcome.exception(op, async));
                });
                long asyncResult = done.get(120, TimeUnit.SECONDS);
                compare(op, expected, expectedResult, async, asyncResult, config + " async, size " + size);
            }
        }
    }

    /** The same arguments on fresh copies of the arrays (whole arrays, so untouched elements can be checked). */
    private static Args copy(OpSpec op, Args a) {
        Args c = new Args();
        for (int k = 0; k < op.slots(); k++) {
            Object array = a.array(k);
            c.slot(op.type(k).copyOfRange(array, 0, op.type(k).length(array)), a.offset(k), a.length(k));
        }
        for (int i = 0; i < op.ints; i++) {
            c.integer(a.integerAt(i));
        }
        for (int i = 0; i < op.reals; i++) {
            c.real(a.realAt(i));
        }
        return c;
    }

    private static void compare(OpSpec op, Args expected, long expectedResult, Args actual, long actualResult,
            String what) {
        for (int k = 0; k < op.slots(); k++) {
            Object e = expected.array(k), a = actual.array(k);
            assertNotNull(a);
            switch (op.type(k)) {
                case DOUBLE -> assertArrayEquals((double[]) e, (double[]) a, op.name + " slot " + k + ", " + what);
                case FLOAT -> assertArrayEquals((float[]) e, (float[]) a, op.name + " slot " + k + ", " + what);
                case LONG -> assertArrayEquals((long[]) e, (long[]) a, op.name + " slot " + k + ", " + what);
                case INT -> assertArrayEquals((int[]) e, (int[]) a, op.name + " slot " + k + ", " + what);
                default -> fail();
            }
        }
        if (op.result() == ResultKind.DOUBLE) {
            double e = Double.longBitsToDouble(expectedResult), a = Double.longBitsToDouble(actualResult);
            if (!(Double.isNaN(e) && Double.isNaN(a))) {
                assertEquals(expectedResult, actualResult, op.name + " result " + e + " vs " + a + ", " + what);
            }
        } else if (op.result() == ResultKind.LONG) {
            assertEquals(expectedResult, actualResult, op.name + " result, " + what);
        }
    }
}
