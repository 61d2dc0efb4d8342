// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the library loads, Java and native check each other: the same version, and every operation the
 * Java side knows described by the library exactly as its spec says. A mismatch is an error naming the op.
 */
class HandshakeTest {
    @BeforeAll
    static void load() {
        NativeLibrary.requireLoaded(); // whichever test runs first
    }

    @Test
    void versionsAgreeAndComeFromThePom() {
        NativeLibrary.requireLoaded();
        assertEquals(NativeLibrary.VERSION, NativeBridge.version());
        assertTrue(NativeLibrary.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), NativeLibrary.VERSION);
        assertEquals(NativeLibrary.VERSION, dev.jkernels.KernelPool.nativeStatus().nativeVersion());
        assertTrue(dev.jkernels.KernelPool.nativeStatus().toString().startsWith("jkernels " + NativeLibrary.VERSION
                + " (Java), native " + NativeLibrary.VERSION + " loaded from "), dev.jkernels.KernelPool.nativeStatus().toString());
    }

    @Test
    void theLibrarysDescriptionsBindEverySpec() {
        assertNull(OpRegistry.bind(NativeBridge.ops()));
        assertEquals("axpy_f64 r:D,rw:D 0 1 none 25", VectorSpecs.AXPY.descriptor());
        assertEquals("mandelbrot_i32 w:I 4 4 none 2", ImageSpecs.MANDELBROT.descriptor());
    }

    @Test
    void aMismatchNamesTheOpAndBothDescriptions() {
        String[] ops = NativeBridge.ops().clone();
        int sum = Arrays.asList(ops).indexOf(VectorSpecs.SUM.descriptor());
        ops[sum] = "sum_f64 r:F 0 0 double 1"; // the library says float, the spec double
        String problem = OpRegistry.bind(ops);
        assertEquals("jkernels op mismatch; operation sum_f64: the native library describes it as 'sum_f64 r:F 0 0 "
                + "double 1', these classes as 'sum_f64 r:D 0 0 double 1'", problem);
        String[] without = Arrays.stream(NativeBridge.ops()).filter(s -> !s.startsWith("dot_f64 ")).toArray(String[]::new);
        assertEquals("jkernels op mismatch; operation dot_f64 is missing from the native library", OpRegistry.bind(without));
        assertNull(OpRegistry.bind(NativeBridge.ops())); // binds back to the real indices
    }
}
