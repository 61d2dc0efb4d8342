// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call whose native memory cannot be allocated gets an OutOfMemoryError naming how much it asked for, and the
 * pool keeps working. Runs in a child JVM ({@link OutOfMemoryProbe}) whose address space is capped, so the
 * allocation really fails in malloc rather than being simulated.
 */
class OutOfMemoryTest {
    static final int N = 10_000_000; // 80 MB of doubles: the sort's native copy alone exceeds the headroom

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // the pipe read below cannot be interrupted
    void aSortTooLargeToCopyThrowsAndThePoolGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "util-linux's prlimit is not installed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xms400m", "-Xmx400m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Djkernels.tmpdir=" + System.getProperty("jkernels.tmpdir", System.getProperty("java.io.tmpdir"))));
        if (PinningTest.checkedJni()) {
            command.add("-Xcheck:jni"); // the failing allocation's JNI path is checked too
        }
        command.add(OutOfMemoryProbe.class.getName());
        command.add(String.valueOf(N));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("JKERNELS_"));
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // no fresh 64 MiB arena reservations after the cap
        Process child = builder.start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        } finally {
            child.destroyForcibly(); // a child that hangs must not outlive the test
        }
        assertEquals(0, child.exitValue(), output);
        Map<String, String> values = ChildProbe.keyValues(output);
        assertTrue(values.getOrDefault("capped", "").startsWith("true"), output);
        String oom = values.getOrDefault("oom", "");
        assertTrue(oom.contains("needs up to ") && oom.contains(" bytes of native memory"), output);
        long asked = Long.parseLong(oom.replaceAll(".*needs up to (\\d+) bytes.*", "$1"));
        assertTrue(asked >= 8L * N, "it names at least the copy of the array: " + oom);
        assertEquals("true", values.get("afterSort"), output);
        assertEquals("true", values.get("afterSum"), output);
    }
}
