// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the normal values, in the twin that defines their bits (the native kernels match it bit for
 * bit: NormalTest): the sine and cosine of a turn against Math's, exact at the quarter turns, and the
 * transform at the extreme words, where the radius is largest (u1 = 2^-53) or zero (u1 = 1).
 */
class BoxMullerTest {
    /**
     * Against Math's sine and cosine of 2 pi r on the exactly reduced r (|r| at most 1/8, so the argument's own
     * rounding stays below 1e-16), turned by the quarter q: within 2.5e-16 (about 2 ulp of 0.7 and 1) for
     * doubles, 1.2e-7 for floats. The quarter turns themselves are checked exactly below.
     */
    @Test
    void theSineAndCosineOfATurnAreWithinTwoUlps() {
        SplittableRandom r = new SplittableRandom(11);
        double[] sc = new double[2];
        float[] scF = new float[2];
        double worst = 0, worstF = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double u = i < 64 ? i / 64.0 : r.nextDouble();
            MathTwins.sinCosTurn(u, sc);
            double[] want = reference(u);
            worst = Math.max(worst, Math.max(Math.abs(sc[0] - want[0]), Math.abs(sc[1] - want[1])));
            float uf = (float) u;
            MathTwins.sinCosTurn(uf, scF);
            double[] wantF = reference(uf);
            worstF = Math.max(worstF, Math.max(Math.abs(scF[0] - wantF[0]), Math.abs(scF[1] - wantF[1])));
        }
        assertTrue(worst <= 2.5e-16, "double: " + worst + " from Math's sin and cos");
        assertTrue(worstF <= 1.2e-7, "float: " + worstF + " from Math's sin and cos");
    }

    /** (sin, cos) of 2 pi u: Math's of 2 pi r, u = q/4 + r exactly, turned by q quarters. */
    private static double[] reference(double u) {
        double q = Math.rint(4 * u), rest = u - q / 4, s = Math.sin(2 * Math.PI * rest), c = Math.cos(2 * Math.PI * rest);
        return switch ((int) q & 3) {
            case 0 -> new double[] {s, c};
            case 1 -> new double[] {c, -s};
            case 2 -> new double[] {-s, -c};
            default -> new double[] {-c, s};
        };
    }

    @Test
    void quarterTurnsAreExact() {
        double[] sc = new double[2];
        double[][] want = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
        for (int q = 0; q < 4; q++) {
            MathTwins.sinCosTurn(q / 4.0, sc);
            assertEquals(want[q][0], sc[0], 0.0, "sin of " + q + " quarter turns");
            assertEquals(want[q][1], sc[1], 0.0, "cos of " + q + " quarter turns");
        }
        float[] scF = new float[2];
        MathTwins.sinCosTurn(0.75f, scF);
        assertEquals(-1f, scF[0], 0f);
        assertEquals(0f, scF[1], 0f);
    }

    @Test
    void theExtremeWordsGiveTheLargestRadiusAndZero() {
        double[] z = new double[2], sc = new double[2];
        RandomSpecs.normals64(new int[] {0, 0, 0, 0}, z, sc); // u1 = 2^-53, u2 = 0: the largest value
        assertEquals(Math.sqrt(106 * Math.log(2)), z[0], 2e-15, "sqrt(-2 ln 2^-53)");
        assertEquals(0.0, z[1], 0.0);
        assertTrue(z[0] < 8.5717, "the documented bound: " + z[0]);
        RandomSpecs.normals64(new int[] {-1, -1, -1, -1}, z, sc); // u1 = 1: radius 0
        assertEquals(0.0, z[0], 0.0);
        assertEquals(0.0, z[1], 0.0);
        float[] f = new float[4], scF = new float[2];
        RandomSpecs.normals32(new int[] {0, 0, -1, -1}, f, scF); // pair 0: u1 = 2^-24, u2 = 0; pair 1: u1 = 1
        assertEquals(Math.sqrt(48 * Math.log(2)), f[0], 1e-6, "sqrt(-2 ln 2^-24)");
        assertTrue(f[0] < 5.7682f, "the documented bound: " + f[0]);
        assertEquals(0f, f[1], 0f);
        assertEquals(0f, f[2], 0f);
        assertEquals(0f, f[3], 0f);
    }
}
