// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamTest {
    @Test
    void parsesTheBinarysLinesAndSummarizesRuns() {
        List<Stream.Result> results = new ArrayList<>();
        for (String gbs : List.of("30.1", "28.0", "29.5")) {
            results.addAll(Stream.parse("checksum 1\n"
                    + "STREAM test=triad threads=1 elements=16777216 bytes=402653184 best_s=0.0134 gbs=" + gbs + " isa=avx512f\n"
                    + "STREAM test=sum threads=2 elements=16777216 bytes=134217728 best_s=0.0040 gbs=33.9 isa=avx512f\n"));
        }
        assertEquals(6, results.size());
        Map<String, String> env = Stream.summarize(results, List.of(1, 2));
        assertEquals("29.50", env.get("stream.triad.t1.gbs"));
        assertEquals("28.00", env.get("stream.triad.t1.min"));
        assertEquals("30.10", env.get("stream.triad.t1.max"));
        assertEquals("3", env.get("stream.triad.t1.runs"));
        assertEquals("33.90", env.get("stream.sum.t2.gbs"));
        assertEquals("avx512f", env.get("stream.isa"));
    }

    @Test
    void arraysAreFourTimesTheL3AndNeverUnder128MiB() {
        assertEquals(16L << 20, Stream.elementsFor(32L << 20));
        assertEquals(64L << 20, Stream.elementsFor(128L << 20));
        assertEquals(16L << 20, Stream.elementsFor(0));
    }
}
