package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Java and native check each other's ABI version; a mismatch is an error that says so. */
class AbiTest {
    @Test
    void versionsAgree() {
        NativeLibrary.requireLoaded();
        assertEquals(NativeLibrary.JAVA_ABI, NativeBridge.abiVersion());
        assertDoesNotThrow(() -> NativeLibrary.checkJavaAbi(NativeLibrary.JAVA_ABI));
    }

    @Test
    void nativeSideRejectsAnotherJavaAbi() {
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibrary.checkJavaAbi(NativeLibrary.JAVA_ABI + 1));
        assertEquals("jkernels ABI mismatch: the native library implements ABI " + NativeLibrary.JAVA_ABI
                + ", the Java classes use ABI " + (NativeLibrary.JAVA_ABI + 1), e.getMessage());
    }
}
