// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.Backend;
import dev.jkernels.Isa;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings settings(Map<String, String> properties, Map<String, String> environment) {
        return new Settings(properties::get, environment::get);
    }

    @Test
    void propertyWinsOverEnvironment() {
        Settings s = settings(Map.of("jkernels.threads", "3"), Map.of("JKERNELS_NUM_THREADS", "5"));
        assertEquals(Optional.of(3), s.threads());
        assertEquals(Optional.of(5), settings(Map.of(), Map.of("JKERNELS_NUM_THREADS", "5")).threads());
        assertEquals(Optional.of(5), settings(Map.of("jkernels.threads", " "), Map.of("JKERNELS_NUM_THREADS", "5")).threads());
        assertEquals(Optional.empty(), settings(Map.of(), Map.of()).threads());
    }

    @Test
    void parsesEverySetting() {
        Settings s = settings(Map.of("jkernels.backend", "java", "jkernels.isa", "AVX2", "jkernels.native.path", "/x.so",
                "jkernels.tmpdir", "/var/tmp"), Map.of());
        assertEquals(Optional.of(Backend.JAVA), s.backend());
        assertEquals(Optional.of(Isa.AVX2), s.isa());
        assertEquals(Optional.of("/x.so"), s.nativePath());
        assertEquals("/var/tmp", s.tmpDir());
        assertEquals(System.getProperty("java.io.tmpdir"), settings(Map.of(), Map.of()).tmpDir());
    }

    @Test
    void pinModes() {
        assertEquals(0, settings(Map.of(), Map.of()).pinMode());
        assertEquals(0, settings(Map.of("jkernels.pin", "windows"), Map.of()).pinMode());
        assertEquals(1, settings(Map.of(), Map.of("JKERNELS_PIN", "never")).pinMode());
        assertEquals(2, settings(Map.of("jkernels.pin", "WHOLE"), Map.of()).pinMode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("jkernels.pin", "always"), Map.of()).pinMode());
        assertTrue(e.getMessage().contains("jkernels.pin / JKERNELS_PIN = 'always'"), e.getMessage());
    }

    @Test
    void invalidValuesNameTheSettingAndTheValue() {
        for (String bad : new String[] {"0", "-2", "1025", "many"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of(), Map.of("JKERNELS_NUM_THREADS", bad)).threads());
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("JKERNELS_NUM_THREADS"),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("jkernels.isa", "sse9"), Map.of()).isa());
        assertEquals("jkernels.isa / JKERNELS_ISA = 'sse9' is invalid: expected one of ref, avx2, avx512", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("jkernels.backend", "gpu"), Map.of()).backend());
    }

    @Test
    void spinIsMicrosecondsInARangeAndAnInvalidValueNamesTheSetting() {
        assertEquals(Optional.empty(), settings(Map.of(), Map.of()).spinNanos());
        assertEquals(Optional.of(0L), settings(Map.of("jkernels.spin", "0"), Map.of()).spinNanos());
        assertEquals(Optional.of(50_000L), settings(Map.of(), Map.of("JKERNELS_SPIN", "50")).spinNanos());
        assertEquals(Optional.of(1_000_000_000L), settings(Map.of("jkernels.spin", " 1000000 "), Map.of()).spinNanos());
        for (String bad : new String[] {"-1", "1000001", "50us", "0x10", "9223372036854775807", "2.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of("jkernels.spin", bad), Map.of()).spinNanos());
            assertEquals("jkernels.spin / JKERNELS_SPIN = '" + bad + "' is invalid: expected microseconds in 0..1000000",
                    e.getMessage());
        }
    }
}
