// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A setting with an invalid value makes {@link KernelPool.Builder#build()} throw an
 * {@link IllegalArgumentException} naming the setting, before any worker thread is started: no native
 * worker (invisible to {@code Thread}, counted in /proc) and no Java worker is left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadSettingsTest {
    static Iterable<PoolConfigs.Config> backends() {
        return PoolConfigs.backends();
    }

    /** Runs {@code body} with system property {@code name} set to {@code value}, then restores it. */
    static void withProperty(String name, String value, Runnable body) {
        String old = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }

    /** build() throws IllegalArgumentException whose message contains {@code named}; no worker thread is left. */
    private static void assertRefusedWithoutThreads(KernelPool.Builder builder, String named) {
        int nativeBefore = LifecycleTest.uncheckedThreads("jk-worker"), javaBefore = LifecycleTest.uncheckedThreads("jkernels-java");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(named), e.getMessage());
        // At most as many as before (a pool some other test forgot may be cleaned up meanwhile), never more.
        int nativeAfter = LifecycleTest.uncheckedThreads("jk-worker"), javaAfter = LifecycleTest.uncheckedThreads("jkernels-java");
        assertTrue(nativeAfter <= nativeBefore, "native workers started: " + nativeBefore + " -> " + nativeAfter + ", " + e);
        assertTrue(javaAfter <= javaBefore, "Java workers started: " + javaBefore + " -> " + javaAfter + ", " + e);
    }

    @Test
    void aThresholdsFileThatDoesNotExistFailsAutoBeforeWorkersStart(@TempDir Path tmp) {
        String missing = tmp.resolve("no-such-thresholds.properties").toString();
        withProperty("jkernels.thresholds", missing, () -> {
            for (int i = 0; i < 5; i++) { // a leak would add 2 native workers each time
                assertRefusedWithoutThreads(KernelPool.builder().backend(Backend.AUTO).threads(2), missing);
            }
        });
    }

    @Test
    void aThresholdsFileWithAnInvalidValueFailsAutoBeforeWorkersStart(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("bad.properties");
        Files.writeString(file, "sum.native=lots\n");
        withProperty("jkernels.thresholds", file.toString(), () -> {
            assertRefusedWithoutThreads(KernelPool.builder().backend(Backend.AUTO).threads(2), "sum.native = 'lots'");
            assertRefusedWithoutThreads(KernelPool.builder().threads(3), "sum.native = 'lots'"); // AUTO by default
        });
        withProperty("jkernels.threshold.dot.parallel", "-4", () ->
                assertRefusedWithoutThreads(KernelPool.builder().backend(Backend.AUTO).threads(2),
                        "jkernels.threshold.dot.parallel"));
        try (KernelPool pool = KernelPool.builder().backend(Backend.AUTO).threads(2).build()) {
            assertEquals(6.0, pool.vectors().sum(new double[] {1, 2, 3}), "the setting restored, pools build again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anInvalidSpinSettingNamesItAndStartsNoWorker(PoolConfigs.Config config) {
        for (String bad : new String[] {"fast", "-1", "1000001", "1.5"}) {
            withProperty("jkernels.spin", bad, () -> assertRefusedWithoutThreads(
                    KernelPool.builder().backend(config.backend()).threads(2), "jkernels.spin"));
        }
        withProperty("jkernels.spin", "0", () -> {
            try (KernelPool pool = KernelPool.builder().backend(config.backend()).threads(2).build()) {
                assertEquals(3, pool.map(LongKernels.FIB, new long[] {4})[0], "spin 0: never polls, still works");
            }
        });
        withProperty("jkernels.spin", "fast", () -> {
            // An explicit spinMicros wins over the setting, which is then not read.
            try (KernelPool pool = KernelPool.builder().backend(config.backend()).threads(1).spinMicros(10).build()) {
                assertEquals(6765, pool.map(LongKernels.FIB, new long[] {20})[0]);
            }
        });
    }

    @Test
    void spinMicrosIsRangeChecked() {
        for (long bad : new long[] {-1, 1_000_001, Long.MIN_VALUE, Long.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelPool.builder().spinMicros(bad));
            assertEquals("spinMicros must be in 0..1000000, got " + bad, e.getMessage());
        }
        for (long ok : new long[] {0, 1, 1_000_000}) {
            for (Backend backend : new Backend[] {Backend.JAVA, Backend.NATIVE}) {
                try (KernelPool pool = KernelPool.builder().backend(backend).threads(1).spinMicros(ok).build()) {
                    assertEquals(1, pool.map(LongKernels.FIB, new long[] {1})[0], backend + " spin " + ok);
                }
            }
        }
    }
}
