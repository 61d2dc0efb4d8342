// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadmeTest {
    private static final String README = "# jkernels\nintro\n" + Readme.START + "\nold table\nmore\n" + Readme.END
            + "\nrest of the README\n";

    @Test
    void replacesExactlyTheTextBetweenTheMarkers() {
        String out = Readme.replaceHeadline(README, "| new | table |");
        assertEquals("# jkernels\nintro\n" + Readme.START + "\n| new | table |\n" + Readme.END + "\nrest of the README\n", out);
        assertEquals(out, Readme.replaceHeadline(out, "| new | table |\n"), "rewriting is idempotent");
    }

    @Test
    void missingReversedOrRepeatedMarkersFailWithAClearMessage() {
        var missing = assertThrows(IllegalStateException.class, () -> Readme.replaceHeadline("# no markers\n", "x"));
        assertTrue(missing.getMessage().contains(Readme.START), missing.getMessage());
        var noEnd = assertThrows(IllegalStateException.class, () -> Readme.replaceHeadline(Readme.START + "\n", "x"));
        assertTrue(noEnd.getMessage().contains(Readme.END), noEnd.getMessage());
        assertThrows(IllegalStateException.class, () -> Readme.replaceHeadline(Readme.END + "\n" + Readme.START + "\n", "x"));
        assertThrows(IllegalStateException.class, () -> Readme.replaceHeadline(README + README, "x"));
    }
}
