// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The loader, seen from this JVM and from child JVMs started with other settings. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoaderTest {
    private static final String SEED_FIB = "[39088169, 24157817, 14930352, 9227465, 5702887, 3524578]";
    private static final String FALLBACK_COUNT = "count of fallback warnings";

    @Test
    void loadsFromThePackagedJar() {
        NativeStatus status = KernelPool.nativeStatus();
        assertTrue(status.loaded(), status.failureReason());
        assertTrue(status.supportedIsa() != null);
        assertEquals("", status.failureReason());
        if (Boolean.getBoolean("jkernels.test.expectJar")) { // set by the Maven build (failsafe runs on the jar)
            assertTrue(status.source().startsWith("jar jar:file:"), status.source());
            String versioned = "libjkernels-" + java.util.regex.Pattern.quote(status.javaVersion()) + "-[0-9a-f]{16}\\.so";
            assertTrue(status.source().matches(".*/jkernels-[^/]+/" + versioned), status.source());
        }
        assertEquals(status.javaVersion(), status.nativeVersion());
        assertTrue(status.toString().startsWith("jkernels " + status.javaVersion() + " (Java), native "
                + status.nativeVersion() + " loaded from "), status.toString());
    }

    @Test
    void autoPicksNativeWhenLoaded() {
        try (KernelPool pool = KernelPool.builder().backend(Backend.AUTO).threads(1).build()) {
            assertEquals(Backend.AUTO, pool.backend());
            assertEquals(KernelPool.nativeStatus().supportedIsa(), pool.isa().orElseThrow());
        }
    }

    @Test
    void nativeCpuCountMatchesTheJvm() {
        assertEquals(Runtime.getRuntime().availableProcessors(), dev.jkernels.internal.NativeLibrary.availableCpus());
        try (KernelPool pool = KernelPool.create()) {
            assertEquals(KernelPool.availableCpus(), pool.threads());
        }
    }

    @Test
    void explicitPathThatDoesNotLoadIsReportedAndAutoFallsBack(@TempDir Path tmp) throws Exception {
        String missing = tmp.resolve("nope/libjkernels.so").toString();
        Map<String, String> nativeRun = child(List.of("-Djkernels.native.path=" + missing), Map.of(), "NATIVE");
        assertEquals("false", nativeRun.get("loaded"));
        String error = nativeRun.get("error");
        assertTrue(error.startsWith("NativeUnavailableException"), error);
        assertTrue(error.contains("jkernels.native.path=" + missing), error);

        Map<String, String> autoRun = child(List.of("-Djkernels.native.path=" + missing), Map.of(), "AUTO");
        assertEquals("JAVA", autoRun.get("backend"));
        assertEquals("JAVA", autoRun.get("secondBackend"));
        assertEquals(SEED_FIB, autoRun.get("fib"));
        assertEquals(1, Integer.parseInt(autoRun.get(FALLBACK_COUNT)), "the fallback is logged once: " + autoRun);
    }

    @Test
    void loadsFromJavaLibraryPathUnderItsVersionedName(@TempDir Path tmp) throws Exception {
        String name = System.mapLibraryName("jkernels-" + KernelPool.nativeStatus().javaVersion());
        Path library = Files.copy(extractedLibrary(), tmp.resolve(name));
        Map<String, String> run = child(List.of("-Djava.library.path=" + tmp), Map.of(), "NATIVE");
        assertEquals("java.library.path (" + library + ")", run.get("source"));
        assertEquals(SEED_FIB, run.get("fib"));
    }

    @Test
    void anUnversionedSystemCopyNeverShadowsTheJars(@TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean("jkernels.test.expectJar"), "needs the library inside a jar");
        // A stale copy of another build, installed under the old unversioned name: never even tried.
        Files.write(tmp.resolve(System.mapLibraryName("jkernels")), new byte[] {1, 2, 3});
        Map<String, String> run = child(List.of("-Djava.library.path=" + tmp, "-Djkernels.tmpdir=" + tmp.resolve("x")),
                Map.of(), "NATIVE");
        assertEquals("true", run.get("loaded"), run.toString());
        assertTrue(run.get("source").startsWith("jar "), run.get("source"));
        assertEquals(SEED_FIB, run.get("fib"));
    }

    @Test
    void firstUseOnAnInterruptedThreadStillLoads(@TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean("jkernels.test.expectJar"), "needs the library inside a jar");
        Map<String, String> run = child(List.of("-Djkernels.tmpdir=" + tmp, "-Dprobe.interrupt=true"), Map.of(), "NATIVE");
        assertEquals("true", run.get("loaded"), run.toString());
        assertEquals("true", run.get("stillInterrupted"), "the loader keeps the caller's interrupt");
        assertEquals(SEED_FIB, run.get("fib"));
    }

    @Test
    void refusesAnExtractionDirectoryOthersControl(@TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean("jkernels.test.expectJar"), "needs the library inside a jar");
        String user = System.getProperty("user.name");
        Path open = Files.createDirectory(tmp.resolve("open"));
        Path dir = Files.createDirectory(open.resolve("jkernels-" + user));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> run = child(List.of("-Djkernels.tmpdir=" + open), Map.of(), "NATIVE");
        assertTrue(run.get("error").contains("is writable by others (rwxrwxrwx)"), run.toString());

        Path linked = Files.createDirectory(tmp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("jkernels-" + user), Files.createDirectory(tmp.resolve("elsewhere")));
        run = child(List.of("-Djkernels.tmpdir=" + linked), Map.of(), "NATIVE");
        assertTrue(run.get("error").contains("is not a directory (a symbolic link?)"), run.toString());

        run = child(List.of("-Djkernels.tmpdir=/proc/jkernels-test"), Map.of(), "AUTO");
        assertEquals("JAVA", run.get("backend"), "an unusable tmpdir falls back: " + run);
    }

    @Test
    void explicitPathFromTheEnvironmentLoads() throws Exception {
        Path extracted = extractedLibrary();
        Map<String, String> run = child(List.of(), Map.of("JKERNELS_NATIVE_PATH", extracted.toString()), "NATIVE");
        assertEquals("true", run.get("loaded"), run.toString());
        assertEquals("jkernels.native.path=" + extracted, run.get("source"));
        assertEquals(SEED_FIB, run.get("fib"));
    }

    @Test
    void concurrentJvmsShareOneExtractedFile(@TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean("jkernels.test.expectJar"), "needs the library inside a jar");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(start(List.of("-Djkernels.tmpdir=" + tmp), Map.of(), "NATIVE"));
        }
        for (Process p : processes) {
            Map<String, String> run = finish(p);
            assertEquals("true", run.get("loaded"), run.toString());
            assertEquals(SEED_FIB, run.get("fib"));
        }
        finish(start(List.of("-Djkernels.tmpdir=" + tmp), Map.of(), "NATIVE")); // a later JVM reuses the file
        try (Stream<Path> files = Files.list(tmp.resolve("jkernels-" + System.getProperty("user.name")))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(1, names.stream().filter(n -> n.endsWith(".so")).count(), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
        }
    }

    @Test
    void settingsChooseThreadsIsaAndBackend() throws Exception {
        Map<String, String> run = child(List.of("-Djkernels.threads=3", "-Djkernels.isa=ref"), Map.of(), "AUTO");
        assertEquals("AUTO", run.get("backend"));
        assertEquals("3", run.get("threads"));
        assertEquals("ref", run.get("isa"));
        assertEquals(SEED_FIB, run.get("fib"));

        Map<String, String> env = child(List.of(), Map.of("JKERNELS_NUM_THREADS", "2", "JKERNELS_ISA", "avx2"), "NATIVE");
        assertEquals("2", env.get("threads"));
        assertEquals(KernelPool.nativeStatus().supportedIsa().compareTo(Isa.AVX2) >= 0 ? "avx2" : "ref", env.get("isa"));

        Map<String, String> bad = child(List.of("-Djkernels.threads=lots"), Map.of(), "NATIVE");
        assertEquals("IllegalArgumentException: jkernels.threads / JKERNELS_NUM_THREADS = 'lots' is invalid: "
                + "expected a thread count in 1..1024", bad.get("error"));
    }

    @Test
    void affinityLimitsTheDefaultThreadCount() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "taskset is not installed");
        Map<String, String> run = child(List.of(), Map.of(), "NATIVE", "/usr/bin/taskset", "-c", "0");
        assertEquals("1", run.get("availableCpus"));
        assertEquals("1", run.get("threads"));
        assertEquals(SEED_FIB, run.get("fib"));
    }

    /** The file this JVM loaded when it came from the jar; else the library found some other way is skipped. */
    private static Path extractedLibrary() {
        String source = KernelPool.nativeStatus().source();
        int via = source.indexOf(" via ");
        assumeTrue(via > 0, "the library was not extracted from a jar: " + source);
        return Path.of(source.substring(via + 5));
    }

    private static Map<String, String> child(List<String> jvmArgs, Map<String, String> env, String backend,
            String... prefix) throws Exception {
        return finish(start(jvmArgs, env, backend, prefix));
    }

    private static Process start(List<String> jvmArgs, Map<String, String> env, String backend, String... prefix)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djkernels.tmpdir=" + System.getProperty("jkernels.tmpdir", System.getProperty("java.io.tmpdir")));
        command.addAll(jvmArgs); // later -D wins
        command.add(ChildProbe.class.getName());
        command.add(backend);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("JKERNELS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Map<String, String> finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> values = ChildProbe.keyValues(output);
        values.putIfAbsent(FALLBACK_COUNT, String.valueOf(output.split("falls back to JAVA", -1).length - 1));
        return values;
    }
}
