// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.internal.JniProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leak loops: 10,000 pools created, used once and closed on each backend leave the process's threads, file
 * descriptors and C heap where they were. A pool that leaked one worker thread, one descriptor (a pipe, an
 * eventfd) or 2 KiB of native memory per life fails here (checked once with a deliberate 2 KiB leak in
 * jk_pool_create: the C heap grew 8-10 MiB over 5,000 pools, against a noise of about 2 MiB; the slack is 4 MiB). Resident memory
 * is not the measure: it follows the Java heap, which grows in jumps of tens of MiB as the loop makes garbage.
 * The C heap is read as its least value over a short window ({@link #settledHeapBytes}): the JVM's own mallocs
 * come and go (a C2 compilation holds an arena of several MiB while it runs; CI once caught one in flight and
 * counted 14 MiB), while a leak stays.
 * The native side's allocations are also covered by LeakSanitizer over the native tests
 * (ci/native-sanitizers.sh).
 */
class LeakLoopTest {
    static final int POOLS = 10_000;
    /** C heap growth allowed over the second half of the loop (the JVM mallocs too: JIT, symbols). */
    static final long HEAP_SLACK_BYTES = 4L << 20;
    /** How long each C heap reading's window lasts, and how much longer the growth may take to fall back. */
    static final long SETTLE_MILLIS = 500, LEAK_WAIT_MILLIS = 4_000;

    static Stream<PoolConfigs.Config> backends() {
        return PoolConfigs.backends().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    @Timeout(300)
    void tenThousandPoolsLeaveNothingBehind(PoolConfigs.Config config) throws Exception {
        long[] input = {10, 11, 12};
        long[] expected = {55, 89, 144};
        JniProbe.load();
        cycle(config, POOLS / 2, input, expected); // first half: lets the JIT, malloc's arenas and caches settle
        String prefix = config.workerPrefix();
        int workers = ConcurrencyTest.poolThreads(prefix);
        List<String> descriptors = poolDescriptors();
        long heap = settledHeapBytes(SETTLE_MILLIS);
        cycle(config, POOLS / 2, input, expected);
        LifecycleTest.awaitTrue("the workers of closed pools ended",
                () -> LifecycleTest.uncheckedThreads(prefix) <= workers); // by name: the JVM starts threads of its own
        assertEquals(descriptors, poolDescriptors(), "pipes and eventfds after " + POOLS + " pools");
        assertHeapWithinSlack(heap, "LeakLoopTest " + config, POOLS / 2 + " pools");
    }

    /**
     * Fails unless the C heap, read settled, is within the slack of {@code baseline} (a settled reading); while
     * it is over, reads again for up to LEAK_WAIT_MILLIS (a compilation may still be running). Prints how close
     * it came, for the CI log. Shared with OffHeapArrayTest.
     */
    static void assertHeapWithinSlack(long baseline, String who, String after) throws InterruptedException {
        long grown = settledHeapBytes(SETTLE_MILLIS) - baseline;
        long waited = 0;
        for (; grown >= HEAP_SLACK_BYTES && waited < LEAK_WAIT_MILLIS; waited += SETTLE_MILLIS) {
            grown = Math.min(grown, settledHeapBytes(SETTLE_MILLIS) - baseline);
        }
        System.out.printf("%s: the C heap grew by %d bytes over %s (slack %d), %d ms waited%n", who, grown, after,
                HEAP_SLACK_BYTES, waited);
        assertTrue(grown < HEAP_SLACK_BYTES, who + ": the C heap grew by " + grown + " bytes over " + after
                + " (the least of its readings over " + (LEAK_WAIT_MILLIS + SETTLE_MILLIS) + " ms)");
    }

    /**
     * The least C heap size read over {@code millis} (every 20 ms): transient native allocations of the JVM (a JIT
     * compilation's arena, a GC's work lists) lift single readings by megabytes, and a leak lifts every reading.
     */
    static long settledHeapBytes(long millis) throws InterruptedException {
        long least = JniProbe.nativeHeapBytes();
        for (long end = System.nanoTime() + millis * 1_000_000L; System.nanoTime() < end; ) {
            Thread.sleep(20);
            least = Math.min(least, JniProbe.nativeHeapBytes());
        }
        return least;
    }

    static void cycle(PoolConfigs.Config config, int pools, long[] input, long[] expected) {
        for (int i = 0; i < pools; i++) {
            try (KernelPool pool = config.open()) {
                assertArrayEquals(expected, pool.map(LongKernels.FIB, input), "pool " + i);
            }
        }
    }

    /**
     * The open descriptors of the kinds a pool could hold (pipes, eventfds and other anonymous inodes), by
     * target. Sockets and files are left out: the JVM opens those on its own (an attach socket, a jar).
     */
    static List<String> poolDescriptors() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                        targets.add(target);
                    }
                } catch (IOException gone) {
                    // closed while we listed (the listing's own descriptor, among others)
                }
            }
        }
        Collections.sort(targets);
        return targets;
    }
}
