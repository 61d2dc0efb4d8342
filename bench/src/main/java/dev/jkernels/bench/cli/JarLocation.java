// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the running bench jar is, and the results folder next to it. */
final class JarLocation {
    private JarLocation() {}

    /** The jar (or classes folder) this code runs from. */
    static Path codeSource() {
        try {
            return Path.of(JarLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bench jar", e);
        }
    }

    /**
     * {@code bench/results} when running from {@code bench/target/jkernels-bench.jar}, so the commands
     * write to the same place whatever the working directory; else {@code ./bench-results}.
     */
    static Path resultsDir() {
        Path target = codeSource().toAbsolutePath().getParent();
        if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                && target.getParent() != null && Files.isRegularFile(target.getParent().resolve("pom.xml"))) {
            return target.getParent().resolve("results");
        }
        return Path.of("bench-results").toAbsolutePath();
    }

    /** The java launcher of this JVM: forks and probes run on the same JDK as the command. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
