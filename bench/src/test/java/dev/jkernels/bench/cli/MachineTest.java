// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    @TempDir
    Path dir;

    private void cache(String cpu, String index, String level, String size, String shared) throws IOException {
        Path d = Files.createDirectories(dir.resolve("sys/" + cpu + "/cache/" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
        Files.writeString(d.resolve("shared_cpu_list"), shared + "\n");
    }

    @Test
    void describesAVmThatSaysOnlyAmdEpyc() throws IOException {
        String processor = "processor\t: %d\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\n"
                + "model name\t: AMD EPYC\nstepping\t: 1\ncpu MHz\t\t: 2596.128\nflags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512dq\n\n";
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, String.format(processor, 0) + String.format(processor, 1));
        cache("cpu0", "index2", "2", "1024K", "0");
        cache("cpu0", "index3", "3", "32768K", "0-1");
        cache("cpu1", "index3", "3", "32768K", "0-1");
        Map<String, String> env = Machine.describe(cpuinfo, dir.resolve("sys"));
        assertEquals("AMD EPYC", env.get("cpu.model"));
        assertEquals("25", env.get("cpu.family"));
        assertEquals("17", env.get("cpu.model.number"));
        assertEquals("1", env.get("cpu.stepping"));
        assertEquals("sse4_2 avx avx2 fma avx512f avx512dq", env.get("cpu.flags"));
        assertEquals("2", env.get("cpu.online"));
        assertEquals(Long.toString(32L << 20), env.get("cpu.l3.bytes"), "one L3 shared by both CPUs counts once");
        assertEquals("1", env.get("cpu.l3.instances"));
        assertEquals("2596", env.get("cpu.mhz"));
        assertTrue(env.get("cpu.mhz.source").contains("/proc/cpuinfo"));
        assertEquals("16", env.get("cpu.peak.flops_per_cycle"));
    }

    @Test
    void peakModel() {
        assertEquals(16, Machine.flopsPerCycle("AuthenticAMD", "25", "17", Set.of("avx512f")));
        assertEquals(8, Machine.flopsPerCycle("AuthenticAMD", "23", "1", Set.of("avx2", "fma")));
        assertEquals(16, Machine.flopsPerCycle("AuthenticAMD", "23", "49", Set.of("avx2", "fma")));
        assertEquals(32, Machine.flopsPerCycle("GenuineIntel", "6", "85", Set.of("avx512f")));
        assertEquals(16, Machine.flopsPerCycle("GenuineIntel", "6", "60", Set.of("avx2", "fma")));
        assertEquals(4, Machine.flopsPerCycle("GenuineIntel", "6", "15", Set.of()));
        assertEquals(1536L * 1024, Machine.parseSize("1536K"));
        assertEquals(32L << 20, Machine.parseSize("32M"));
    }
}
