// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records the test JVM's own command-line arguments in the file that the system property
 * {@code jkernels.test.argumentsFile} names (java/pom.xml sets it), so ci/check-jni-log.sh can tell from the JVM
 * itself, not from Maven's properties, that the suite really ran under -Xcheck:jni.
 */
class TestJvmArgumentsTest {
    @Test
    void recordsTheJvmArguments() throws Exception {
        List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        assertTrue(arguments.contains("--enable-native-access=ALL-UNNAMED"),
                "the test JVM's arguments are readable and are failsafe's argLine: " + arguments);
        String file = System.getProperty("jkernels.test.argumentsFile");
        if (file != null) {
            Files.write(Path.of(file), arguments);
        }
    }
}
