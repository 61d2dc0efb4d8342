// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.Backend;
import dev.jkernels.KernelPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GC-stall benchmark: does a long native call on big heap arrays hold up the garbage collector of the
 * other Java threads? Each measurement is a child JVM (this JDK, G1, -Xmx3g so the arrays stay below G1's
 * marking threshold, the GC log on; -Xms3g -XX:+AlwaysPreTouch, because a heap that grows while it is measured
 * adds the kernel's page faults on fresh memory to every row, idle included: 5-53 ms worst stalls idle on a
 * 2-vCPU VM, against 4.0-5.5 ms pre-touched) in which one thread
 * runs native calls back to back for a few seconds on two heap arrays of {@code --mib} MiB each, while another
 * thread allocates steadily (1 KiB objects, 64 at a time, the last 512 kept alive) and records the longest
 * gap between two of its batches: its worst allocation stall. An idle run (the allocator alone) is the
 * machine's baseline. Modes: the library's policy ({@code windows}: pinned windows of about 4 MiB, copied
 * when the pool is busy), {@code never} (copied windows), {@code whole} (one pin for the whole call: what
 * the policy replaced). Operations: {@code exp} (streaming: windows), {@code sort} (not streaming: always on
 * a native copy, one call of over a second). Prints one row per operation and mode: the median of the runs'
 * worst stalls with their range, the GC log's longest pause and the calls' mean time.
 *
 * <pre>java -jar jkernels-bench.jar gcstall [--mib 256] [--seconds 4] [--runs 3] [--ops exp,sort]
 *     [--modes windows,never,whole] [--jvm "-XX:MaxGCPauseMillis=5 ..."]</pre>
 * {@code --jvm}: more options for the child JVMs, after the fixed ones (so not the heap size, which the
 * arrays need): a collector's settings, to see what an application tuned for latency would see. Split at
 * white space (no quoting); given twice, both count.
 */
final class GcStall {
    private GcStall() {}

    private static final String CHILD = "--child";

    static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            return;
        }
        Map<String, String> opts = options(args);
        int mib = Integer.parseInt(opts.getOrDefault("mib", "256"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "4"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        List<String> ops = List.of(opts.getOrDefault("ops", "exp,sort").split(","));
        List<String> modes = List.of(opts.getOrDefault("modes", "windows,never,whole").split(","));
        String jvm = opts.getOrDefault("jvm", "").trim();
        List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, two heap arrays of %d MiB, %.1f s per run, %d runs%s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), mib, seconds, runs,
                jvmOptions.isEmpty() ? "" : ", child JVM options " + jvmOptions);
        System.out.println("op    mode     worst allocation stall, ms: median [min, max]   longest GC pause, ms   call, ms");
        report("idle", "-", measure("idle", "windows", mib, seconds, runs, jvmOptions));
        for (String op : ops) {
            for (String mode : modes) {
                report(op, mode, measure(op, mode, mib, seconds, runs, jvmOptions));
            }
        }
    }

    private static final List<String> OPTIONS = List.of("mib", "seconds", "runs", "ops", "modes", "jvm");

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !OPTIONS.contains(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("gcstall: expected one of --" + String.join(", --", OPTIONS)
                        + " and a value, got '" + args[i] + "'" + (i + 1 == args.length ? " last" : ""));
            }
            opts.merge(name, args[i + 1], name.equals("jvm") ? (a, b) -> a + " " + b : (a, b) -> b);
        }
        return opts;
    }

    record Run(double worstStallMs, double longestPauseMs, double callMs, int calls) {}

    private static List<Run> measure(String op, String mode, int mib, double seconds, int runs, List<String> jvm)
            throws Exception {
        List<Run> results = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            results.add(runChild(op, mode, mib, seconds, jvm));
        }
        return results;
    }

    private static Run runChild(String op, String mode, int mib, double seconds, List<String> jvm)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("jkernels-gcstall", ".log");
        try {
            String java = JarLocation.javaBinary();
            String jar = JarLocation.codeSource().toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch",
                    "-XX:+UseG1GC", "-Xlog:gc:file=" + log));
            command.addAll(jvm);
            command.addAll(List.of("-Djkernels.pin=" + mode, "-cp", jar, Main.class.getName(), "gcstall", CHILD, op,
                    Integer.toString(mib), Double.toString(seconds)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the child failed:\n" + out);
            }
            Map<String, String> values = new TreeMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            return new Run(Double.parseDouble(values.get("worstStallMs")), longestPause(Files.readString(log)),
                    Double.parseDouble(values.get("callMs")), Integer.parseInt(values.get("calls")));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The longest pause in a -Xlog:gc log ("... Pause Young (Normal) (G1 Evacuation Pause) 40M->2M(1024M) 3.123ms"). */
    static double longestPause(String log) {
        Matcher m = Pattern.compile("Pause.* ([0-9.]+)ms").matcher(log);
        double longest = 0;
        while (m.find()) {
            longest = Math.max(longest, Double.parseDouble(m.group(1)));
        }
        return longest;
    }

    private static void report(String op, String mode, List<Run> runs) {
        double[] stalls = runs.stream().mapToDouble(Run::worstStallMs).sorted().toArray();
        double pause = runs.stream().mapToDouble(Run::longestPauseMs).max().orElse(0);
        double call = runs.stream().mapToDouble(Run::callMs).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-5s %-8s %8.1f [%.1f, %.1f]%30.1f %10.1f%n", op, mode,
                stalls[stalls.length / 2], stalls[0], stalls[stalls.length - 1], pause, call);
    }

    // ---- the child ----

    private static volatile boolean stop;

    private static void child(String op, int mib, double seconds) throws Exception {
        int n = (int) ((long) mib << 20 >> 3);
        double[] x = new SplittableRandom(1).doubles(n, -5, 5).toArray(), out = new double[n];
        double[] worst = new double[1];
        Thread allocator = new Thread(() -> worst[0] = allocate(), "allocator");
        try (KernelPool pool = KernelPool.builder().backend(Backend.NATIVE).threads(1).build()) {
            pool.math().exp(x, out); // warm
            Thread.sleep(500);
            allocator.start();
            Thread.sleep(200); // its own warm-up
            long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
            int calls = 0;
            while (System.nanoTime() < end) {
                switch (op) {
                    case "idle" -> Thread.sleep(10);
                    case "exp" -> pool.math().exp(x, out);
                    case "sort" -> {
                        copyInPieces(x, out); // one 256 MiB arraycopy would itself hold up safepoints
                        pool.sorting().sort(out);
                    }
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
                calls++;
            }
            long elapsed = System.nanoTime() - start;
            stop = true;
            allocator.join();
            System.out.println("calls=" + calls);
            System.out.println("callMs=" + (op.equals("idle") ? 0 : elapsed / 1e6 / calls));
            System.out.println("worstStallMs=" + worst[0]);
            System.out.println("check=" + Arrays.hashCode(Arrays.copyOf(out, 16)));
        }
    }

    /** System.arraycopy in 1 MiB pieces: a safepoint can come between them. */
    private static void copyInPieces(double[] from, double[] to) {
        for (int at = 0; at < from.length; at += 1 << 17) {
            System.arraycopy(from, at, to, at, Math.min(1 << 17, from.length - at));
        }
    }

    /** Allocates until stopped; returns the longest gap between two batches, in ms. */
    private static double allocate() {
        Object[] ring = new Object[512]; // 512 KiB live: the collector's own copying stays small
        long last = System.nanoTime(), worst = 0;
        int at = 0;
        while (!stop) {
            for (int i = 0; i < 64; i++) {
                ring[at++ & (ring.length - 1)] = new byte[1024];
            }
            long now = System.nanoTime();
            worst = Math.max(worst, now - last);
            last = now;
        }
        return worst / 1e6;
    }
}
