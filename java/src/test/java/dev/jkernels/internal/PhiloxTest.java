// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The Java twin's Philox4x32-10 against Random123's known-answer vectors (counter, key -> output). */
class PhiloxTest {
    @Test
    void knownAnswers() {
        int[][] kat = {
            {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
            {-1, -1, -1, -1, -1, -1, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
            {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09, 0x94fdcceb,
                0x5001e420, 0x24126ea1},
        };
        for (int[] v : kat) {
            int[] x = {v[0], v[1], v[2], v[3]};
            RandomSpecs.philox(x, v[4], v[5]);
            assertArrayEquals(new int[] {v[6], v[7], v[8], v[9]}, x);
        }
    }
}
