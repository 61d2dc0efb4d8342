// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryForksIterationsAndTheSettings() throws IOException {
        var json = Fixtures.json(List.of(
                Fixtures.point("SumBench", "sum", Map.of("impl", "NATIVE_N", "size", "1024"),
                        new double[] {100, 101, 99}, new double[] {110, 111, 109}, new double[] {95, 96, 94}),
                Fixtures.point("CrossingBench", "jniEmpty", Map.of(), new double[] {4.5})));
        JmhResults.Run run = JmhResults.parse(Path.of("jdk17.json"), json, Map.of());
        assertEquals("jdk17", run.label());
        assertEquals(2, run.points().size());
        JmhResults.Point p = run.points().get(0);
        assertEquals("SumBench", p.simpleClassName());
        assertEquals("sum", p.method());
        assertEquals("NATIVE_N", p.param("impl"));
        assertEquals(3, p.forks().size());
        assertEquals(100, p.summary().median());
        assertEquals(95, p.summary().min());
        assertEquals(110, p.summary().max());
        assertEquals("3 forks, 5 x 1 s warm-up, 3 x 200 ms", p.settings());
        assertTrue(Double.isNaN(p.error()), "JMH writes NaN errors as a string");
        assertEquals("17.0.15", run.facts().get("jdkVersion"));
        assertFalse(run.hasEnvironment());
    }

    @Test
    void convertsTimeUnitsToNanoseconds() throws IOException {
        var us = new Fixtures.P("dev.jkernels.bench.CancelBench.cancel", Map.of("impl", "NATIVE_N"), "us/op",
                new double[][] {{2.0, 2.0}});
        JmhResults.Point p = JmhResults.parse(Path.of("x.json"), Fixtures.json(List.of(us)), Map.of()).points().get(0);
        assertEquals(2000, p.nanos().median());
    }

    @Test
    void refusesResultsOfAnOlderFormat() throws IOException {
        Path json = dir.resolve("jdk17.json");
        Files.writeString(json, Fixtures.json(List.of(Fixtures.kernel("SumBench", "sum", "LOOP", "16", 5, 0))));
        Files.writeString(dir.resolve("jdk17.env.properties"), "jdk.version=17.0.15\ncpu.model=AMD EPYC\n");
        var e = assertThrows(IllegalArgumentException.class, () -> JmhResults.read(json));
        assertTrue(e.getMessage().contains("older bench"), e.getMessage());

        Files.writeString(dir.resolve("jdk17.env.properties"), "results.format=" + JmhResults.FORMAT + "\njdk.version=17.0.15\n");
        assertTrue(JmhResults.read(json).hasEnvironment());
    }

    @Test
    void aPlainJmhFileWithoutEnvironmentIsRead() throws IOException {
        Path json = dir.resolve("plain.json");
        Files.writeString(json, Fixtures.json(List.of(Fixtures.kernel("SumBench", "sum", "LOOP", "16", 5, 0))));
        assertFalse(JmhResults.read(json).hasEnvironment());
    }

    @Test
    void refusesPointsWithoutRawDataAndNonArrays() {
        String noRaw = "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1, "
                + "\"scoreError\": 0, \"scoreUnit\": \"ns/op\"}}]";
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse(Path.of("x.json"), noRaw, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse(Path.of("x.json"), "{}", Map.of()));
    }
}
