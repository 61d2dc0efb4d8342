// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StreamTest {
    @Test
    void parsesTheBinarysLinesAndSummarizesRunsPerPageSize() {
        List<Stream.Result> results = new ArrayList<>();
        for (String gbs : List.of("30.1", "28.0", "29.5")) {
            results.addAll(Stream.parse("checksum 1\n"
                    + line("triad", 1, gbs, "4k", 0) + line("sum", 2, "33.9", "4k", 0) + line("triad", 1, "31.0", "2m", 97)));
        }
        assertEquals(9, results.size());
        Map<String, String> env = Stream.summarize(results, List.of(1, 2));
        assertEquals("29.50", env.get("stream.triad.t1.4k.gbs"));
        assertEquals("28.00", env.get("stream.triad.t1.4k.min"));
        assertEquals("30.10", env.get("stream.triad.t1.4k.max"));
        assertEquals("3", env.get("stream.triad.t1.4k.runs"));
        assertEquals("31.00", env.get("stream.triad.t1.2m.gbs"));
        assertEquals("33.90", env.get("stream.sum.t2.4k.gbs"));
        assertEquals("97", env.get("stream.2m.huge_percent"));
        assertEquals("0", env.get("stream.4k.huge_percent"));
        assertEquals("avx512f", env.get("stream.isa"));
    }

    @Test
    void theLimitIsTheBestRunOfEitherPageSize() {
        List<Stream.Result> results = Stream.parse(line("axpy", 1, "40.0", "4k", 0) + line("axpy", 1, "46.5", "2m", 100)
                + line("axpy", 1, "30.0", "2m", 100) + line("axpy", 1, "31.0", "2m", 100)
                + line("update", 1, "50.0", "4k", 0) + line("update", 1, "48.0", "2m", 100));
        Map<String, String> env = Stream.summarize(results, List.of(1));
        assertEquals("46.50", env.get("stream.axpy.t1.gbs"));
        assertEquals("2m", env.get("stream.axpy.t1.pages"));
        assertEquals("31.00", env.get("stream.axpy.t1.2m.gbs"), "the table's median stays the median");
        assertEquals("50.00", env.get("stream.update.t1.gbs"));
        assertEquals("4k", env.get("stream.update.t1.pages"));
        assertNull(env.get("stream.copy.t1.gbs"), "no line, no limit");
    }

    @Test
    void linesWithoutThePageFieldsAreNotResults() {
        assertEquals(List.of(), Stream.parse(
                "STREAM test=sum threads=1 elements=16777216 bytes=134217728 best_s=0.0040 gbs=33.9 isa=avx512f\n"));
    }

    @Test
    void intoReplacesEveryStreamEntryAndKeepsTheRest() {
        Map<String, String> record = new TreeMap<>(Map.of("cpu.model", "AMD EPYC", "stream.sum.t1.gbs", "22.50",
                "stream.command", "old", "run.part2.stream.sum.t1.gbs", "21.00", "git.sha", "abc"));
        Map<String, String> out = Stream.replaceStreamEntries(record, Map.of("stream.sum.t1.gbs", "32.00"), "note");
        assertEquals(Map.of("cpu.model", "AMD EPYC", "git.sha", "abc", "stream.sum.t1.gbs", "32.00", "stream.measured", "note"),
                out);
    }

    @Test
    void intoRefusesARecordOfAnotherMachine() {
        Map<String, String> machine = Map.of("cpu.model", "AMD EPYC", "cpu.l3.bytes", "33554432");
        Stream.requireSameMachine(Path.of("r"), Map.of("cpu.model", "AMD EPYC", "cpu.available", "2"), machine, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stream.requireSameMachine(Path.of("r"), Map.of("cpu.model", "Intel Xeon"), machine, 2));
        assertTrue(e.getMessage().contains("Intel Xeon"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Stream.requireSameMachine(Path.of("r"), Map.of("cpu.available", "4"), machine, 2));
    }

    private static String line(String test, int threads, String gbs, String pages, int huge) {
        return "STREAM test=" + test + " threads=" + threads + " elements=16777216 bytes=402653184 best_s=0.0134 gbs=" + gbs
                + " isa=avx512f pages=" + pages + " huge=" + huge + "\n";
    }

    @Test
    void arraysAreFourTimesTheL3AndNeverUnder512MiB() {
        assertEquals(64L << 20, Stream.elementsFor(32L << 20));
        assertEquals(128L << 20, Stream.elementsFor(256L << 20));
        assertEquals(64L << 20, Stream.elementsFor(0));
    }
}
