// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the machine is, from {@code /proc/cpuinfo} and sysfs: CPU model (and family/model/stepping, since a
 * VM may say only "AMD EPYC"), the SIMD flags that decide the ISA path, cores, the L3 cache (per instance and
 * in total, which sizes STREAM's arrays), the frequency when the kernel knows it, and the peak FLOP/s model
 * the report quotes fractions of. Paths are parameters so the tests can feed it fixture files.
 */
final class Machine {
    /** The flags recorded: those that decide which kernels a CPU can run. */
    static final List<String> FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl", "avx512bw");

    private Machine() {}

    /** The machine's record, as {@code cpu.*} entries. */
    static Map<String, String> describe(Path cpuinfo, Path sysCpu) {
        Map<String, String> env = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(cpuinfo);
        } catch (IOException e) {
            env.put("cpu.model", "unknown (" + cpuinfo + ": " + e.getMessage() + ")");
            return env;
        }
        Map<String, String> first = firstProcessor(text);
        env.put("cpu.model", first.getOrDefault("model name", "unknown"));
        env.put("cpu.vendor", first.getOrDefault("vendor_id", "unknown"));
        env.put("cpu.family", first.getOrDefault("cpu family", "?"));
        env.put("cpu.model.number", first.getOrDefault("model", "?"));
        env.put("cpu.stepping", first.getOrDefault("stepping", "?"));
        Set<String> flags = new TreeSet<>(List.of(first.getOrDefault("flags", "").split("\\s+")));
        env.put("cpu.flags", String.join(" ", FLAGS.stream().filter(flags::contains).toList()));
        env.put("cpu.online", Long.toString(text.lines().filter(l -> l.startsWith("processor")).count()));

        long l3Bytes = 0;
        Set<String> l3Sharing = new TreeSet<>();
        try (var cpus = Files.list(sysCpu)) {
            for (Path cpu : cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+")).toList()) {
                Path cache = cpu.resolve("cache");
                if (!Files.isDirectory(cache)) {
                    continue;
                }
                try (var indexes = Files.list(cache)) {
                    for (Path index : indexes.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                        if (read(index.resolve("level")).equals("3") && l3Sharing.add(read(index.resolve("shared_cpu_list")))) {
                            long bytes = parseSize(read(index.resolve("size")));
                            l3Bytes += bytes;
                            env.putIfAbsent("cpu.l3.instance.bytes", Long.toString(bytes));
                        }
                    }
                }
            }
        } catch (IOException e) {
            env.put("cpu.l3.note", "sysfs unreadable: " + e.getMessage());
        }
        env.put("cpu.l3.bytes", Long.toString(l3Bytes));
        env.put("cpu.l3.instances", Integer.toString(l3Sharing.size()));

        String maxKhz = read(sysCpu.resolve("cpu0/cpufreq/cpuinfo_max_freq"));
        if (!maxKhz.isEmpty()) {
            env.put("cpu.mhz", Long.toString(Long.parseLong(maxKhz) / 1000));
            env.put("cpu.mhz.source", "sysfs cpufreq cpuinfo_max_freq");
        } else if (first.containsKey("cpu MHz")) {
            env.put("cpu.mhz", Long.toString(Math.round(Double.parseDouble(first.get("cpu MHz")))));
            env.put("cpu.mhz.source", "/proc/cpuinfo cpu MHz (what the kernel reports; on a VM often the host's nominal clock)");
        } else {
            env.put("cpu.mhz", "unknown");
            env.put("cpu.mhz.source", "not reported");
        }
        int perCycle = flopsPerCycle(env.get("cpu.vendor"), env.get("cpu.family"), env.get("cpu.model.number"), flags);
        env.put("cpu.peak.flops_per_cycle", Integer.toString(perCycle));
        env.put("cpu.peak.derivation", peakDerivation(env.get("cpu.vendor"), env.get("cpu.family"), flags, perCycle));
        return env;
    }

    /**
     * Double-precision FLOPs per cycle per core at full FMA throughput, from what the CPU says it is: AMD Zen 2
     * to Zen 4 (family 0x17 model >= 0x30, 0x19) have two 256-bit FMA pipes, 16 (Zen 4 runs AVX-512 on them,
     * so still 16); Zen 5 (0x1A) four, 32; Zen 1 (0x17 below model 0x30) 8; an Intel CPU with AVX-512 is
     * assumed to have two 512-bit FMA units, 32; AVX2 with FMA, 16; else SSE2, 4. A model, not a measurement.
     */
    static int flopsPerCycle(String vendor, String family, String model, Set<String> flags) {
        int fam = parseIntOr(family, -1);
        if ("AuthenticAMD".equals(vendor)) {
            if (fam >= 0x1A) {
                return 32;
            }
            if (fam == 0x19 || (fam == 0x17 && parseIntOr(model, 0) >= 0x30)) {
                return 16;
            }
            if (fam == 0x17) {
                return 8;
            }
        }
        if (flags.contains("avx512f")) {
            return 32;
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return 16;
        }
        return 4;
    }

    private static String peakDerivation(String vendor, String family, Set<String> flags, int perCycle) {
        return String.format(Locale.ROOT, "threads x cpu.mhz x %d DP FLOP/cycle (vendor %s, family %s, %s): two FMA "
                + "pipes x lanes x 2; a model from the CPU's identity, not a measurement", perCycle, vendor, family,
                flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "SSE");
    }

    static long parseSize(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            return 0;
        }
        long unit = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1024 * 1024 : s.endsWith("G") ? 1024L * 1024 * 1024 : 1;
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits.trim()) * unit;
    }

    private static Map<String, String> firstProcessor(String cpuinfo) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int parseIntOr(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
