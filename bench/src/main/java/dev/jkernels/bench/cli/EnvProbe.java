// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import dev.jkernels.NativeStatus;
import dev.jkernels.bench.ForkFlags;
import dev.jkernels.bench.OpenBlas;
import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.EjmlVersion;

/**
 * What a benchmark fork sees: JDK, the ISA path native pools run, the BLAS netlib picked, OpenBLAS's core and
 * threads, the Vector API's species, AUTO's thresholds and where they came from, library versions.
 * {@link #inFork} asks a child JVM started with the forks' own flags, because netlib's choice depends on them
 * (the Vector API module), AUTO's on {@code -Djkernels.thresholds}, and the launching JVM has neither.
 * {@link #record} adds what the parent can see: the machine ({@link Machine}) and the code ({@link Git}).
 */
public final class EnvProbe {
    /** Artifacts whose versions go into the report, as {@code group/artifact}. */
    private static final List<String> VERSIONED = List.of("dev.jkernels/jkernels", "org.openjdk.jmh/jmh-core",
            "dev.ludovic.netlib/blas", "org.ojalgo/ojalgo", "org.bytedeco/openblas", "org.bytedeco/javacpp");
    /** OpenBLAS prints "Core: <name>" at load when this is 2, on stdout: the kernel set it picked. */
    private static final String OPENBLAS_CORE_LINE = "Core: ";
    /** The probe's own lines ("jdk.version=..."); anything else on its output is a JVM or library message. */
    private static final java.util.regex.Pattern PROPERTY_LINE = java.util.regex.Pattern.compile("[a-z][a-z0-9._-]*=");

    private EnvProbe() {}

    public static void main(String[] args) {
        collect().forEach((k, v) -> System.out.println(k + "=" + v.replace("\n", " ")));
    }

    /** This JVM's environment, sorted by key. */
    static Map<String, String> collect() {
        Map<String, String> env = new TreeMap<>();
        env.put("jdk.version", System.getProperty("java.version"));
        env.put("jdk.feature", Integer.toString(Runtime.version().feature()));
        env.put("jdk.vendor", System.getProperty("java.vendor"));
        env.put("jdk.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("jdk.flags", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu.available", Integer.toString(KernelPool.availableCpus()));
        NativeStatus status = KernelPool.nativeStatus();
        env.put("native.status", status.toString());
        env.put("native.loaded", Boolean.toString(status.loaded()));
        if (status.loaded()) {
            try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(1).build()) {
                env.put("native.isa", pool.isa().map(isa -> isa.settingName()).orElse("none"));
            }
            try (KernelPool auto = KernelPool.builder().backend(Backend.AUTO).threads(KernelPool.availableCpus()).build()) {
                env.put("auto.policy", auto.autoPolicy());
            }
        } else {
            env.put("native.isa", "not loaded");
        }
        env.put("netlib.blas", BLAS.getInstance().getClass().getName());
        try {
            OpenBlas.useThreads(1); // loads it (printing its core, see inFork) and proves the thread setting works
            env.put("openblas.status", "loaded, vendor code " + openblas_nolapack.blas_get_vendor());
        } catch (Throwable t) {
            env.put("openblas.status", "failed to load: " + t);
        }
        try {
            env.put("vector.species", dev.jkernels.bench.vector.VectorApiLoops.species());
        } catch (Throwable t) {
            env.put("vector.species", "unavailable (" + t + ")");
        }
        for (String artifact : VERSIONED) {
            env.put("version." + artifact.substring(artifact.indexOf('/') + 1), artifactVersion(artifact));
        }
        env.put("version.ejml", EjmlVersion.VERSION); // EJML's jars carry no pom.properties
        return env;
    }

    /** The environment of a JVM started like a benchmark fork, with {@code forkArgs}. */
    static Map<String, String> inFork(List<String> forkArgs) {
        List<String> command = new ArrayList<>();
        command.add(JarLocation.javaBinary());
        command.addAll(forkArgs);
        command.addAll(List.of("-cp", JarLocation.codeSource().toString(), Main.class.getName(), "probe"));
        try {
            // stderr too: OpenBLAS prints its core there; the JVM's warnings are skipped below.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OPENBLAS_VERBOSE", "2");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("environment probe failed: " + String.join(" ", command));
            }
            StringBuilder properties = new StringBuilder();
            String core = "not reported";
            for (String line : out.split("\n")) {
                if (line.startsWith(OPENBLAS_CORE_LINE)) {
                    core = line.substring(OPENBLAS_CORE_LINE.length()).trim();
                } else if (PROPERTY_LINE.matcher(line).lookingAt()) {
                    properties.append(line).append('\n');
                }
            }
            Properties props = new Properties();
            props.load(new StringReader(properties.toString()));
            Map<String, String> env = new TreeMap<>();
            props.forEach((k, v) -> env.put(k.toString(), v.toString()));
            env.put("openblas.core", core);
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the environment", e);
        }
    }

    /** The forks' flags by default: what quick and calibrate use. */
    static Map<String, String> inFork() {
        return inFork(ForkFlags.ALL);
    }

    /** The fork's view plus the machine and the code: the whole record a result file carries. */
    static Map<String, String> record(List<String> forkArgs) {
        Map<String, String> env = new TreeMap<>(inFork(forkArgs));
        env.putAll(Machine.describe(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu")));
        env.putAll(Git.describe(Path.of("").toAbsolutePath()));
        env.put("run.fork.flags", String.join(" ", forkArgs));
        return env;
    }

    /** From the pom.properties Maven put in each jar, which the shaded jar keeps. */
    private static String artifactVersion(String groupSlashArtifact) {
        String resource = "/META-INF/maven/" + groupSlashArtifact + "/pom.properties";
        try (InputStream in = EnvProbe.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
