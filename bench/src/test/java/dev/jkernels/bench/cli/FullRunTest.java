// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FullRunTest {
    @Test
    void argumentsAndTheirDefaults() {
        FullRun.Args a = FullRun.parse(new String[0], Path.of("/r"), 25);
        assertEquals(Path.of("/r/jdk25.json"), a.out());
        FullRun.Args b = FullRun.parse(new String[] {"--smoke", "--only", "kernel:sum", "--thresholds", "builtin", "--dry-run"},
                Path.of("/r"), 17);
        assertTrue(b.smoke() && b.dryRun());
        assertEquals("builtin", b.thresholds());
        assertTrue(b.only().matcher("kernel:sum").find());
        var e = assertThrows(IllegalArgumentException.class, () -> FullRun.parse(new String[] {"SumBench"}, Path.of("/r"), 17));
        assertTrue(e.getMessage().contains("unknown argument"));
        assertThrows(IllegalArgumentException.class, () -> FullRun.parse(new String[] {"--out"}, Path.of("/r"), 17));
    }
}
