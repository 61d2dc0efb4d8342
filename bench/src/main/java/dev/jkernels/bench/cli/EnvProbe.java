package dev.jkernels.bench.cli;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import dev.jkernels.NativeStatus;
import dev.jkernels.bench.ForkFlags;
import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.ejml.EjmlVersion;

/**
 * What a benchmark fork sees: JDK, CPU, the ISA path native pools run, the BLAS netlib picked, library
 * versions. {@link #inFork()} asks a child JVM started with the forks' own flags, because netlib's choice
 * depends on them (the Vector API module) and the launching JVM does not have them.
 */
public final class EnvProbe {
    /** Artifacts whose versions go into the report, as {@code group/artifact}. */
    private static final List<String> VERSIONED = List.of(
            "dev.jkernels/jkernels", "org.openjdk.jmh/jmh-core", "dev.ludovic.netlib/blas", "org.ojalgo/ojalgo");

    private EnvProbe() {}

    public static void main(String[] args) {
        collect().forEach((k, v) -> System.out.println(k + "=" + v.replace("\n", " ")));
    }

    /** This JVM's environment, sorted by key. */
    static Map<String, String> collect() {
        Map<String, String> env = new TreeMap<>();
        env.put("jdk.version", System.getProperty("java.version"));
        env.put("jdk.vendor", System.getProperty("java.vendor"));
        env.put("jdk.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu.model", cpuModel());
        env.put("cpu.available", Integer.toString(KernelPool.availableCpus()));
        NativeStatus status = KernelPool.nativeStatus();
        env.put("native.status", status.toString());
        env.put("native.loaded", Boolean.toString(status.loaded()));
        if (status.loaded()) {
            try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(1).build()) {
                env.put("native.isa", pool.isa().map(isa -> isa.settingName()).orElse("none"));
            }
        } else {
            env.put("native.isa", "not loaded");
        }
        env.put("netlib.blas", BLAS.getInstance().getClass().getName());
        for (String artifact : VERSIONED) {
            env.put("version." + artifact.substring(artifact.indexOf('/') + 1), artifactVersion(artifact));
        }
        env.put("version.ejml", EjmlVersion.VERSION); // EJML's jars carry no pom.properties
        return env;
    }

    /** The environment of a JVM started like a benchmark fork. */
    static Map<String, String> inFork() {
        List<String> command = new ArrayList<>();
        command.add(JarLocation.javaBinary());
        command.addAll(ForkFlags.ALL);
        command.addAll(List.of("-cp", JarLocation.codeSource().toString(), Main.class.getName(), "probe"));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("environment probe failed: " + String.join(" ", command));
            }
            Properties props = new Properties();
            props.load(new StringReader(out));
            Map<String, String> env = new TreeMap<>();
            props.forEach((k, v) -> env.put(k.toString(), v.toString()));
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the environment", e);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
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
