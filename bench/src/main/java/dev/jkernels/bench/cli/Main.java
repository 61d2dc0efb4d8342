// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.bench.report.Report;
import java.util.Arrays;

/**
 * The bench jar's entry point: a few subcommands of its own; anything else goes to JMH unchanged, so
 * {@code java -jar jkernels-bench.jar SumBench -p size=1024} works as with any JMH jar.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "full" -> FullRun.main(rest);
            case "quick" -> QuickRun.main(rest);
            case "calibrate" -> Calibrate.main(rest);
            case "report" -> Report.main(rest);
            case "stream" -> Stream.main(rest);
            case "seedfib" -> SeedFib.main(rest);
            case "randombits" -> RandomBits.main(rest);
            case "probe" -> EnvProbe.main(rest);
            case "gcstall" -> GcStall.main(rest);
            case "help", "--help" -> System.out.print(USAGE);
            default -> org.openjdk.jmh.Main.main(args);
        }
    }

    static final String USAGE = """
            java -jar jkernels-bench.jar COMMAND ...
              full [--out FILE.json] [--thresholds FILE|builtin] [--only REGEX] [--smoke] [--dry-run]
                        STREAM, then every benchmark section (3 forks, 5 x 1 s warm-up); writes
                        bench/results/jdk<N>.json and jdk<N>.env.properties; --dry-run prints the plan and its time
              quick [--only REGEX] [--smoke]          a short subset, one compact table (under 3 minutes on 2 cores);
                        --only: the kernels whose op name REGEX finds
              calibrate [--out FILE.properties] [--smoke]
                        AUTO's three routes against each other per op; writes bench/results/thresholds-jdk<N>.properties
              report FILE.json... [--out DIR] [--readme FILE | --no-readme]
                        REPORT.md and charts from the results, and the README's headline table between its markers
              stream [--smoke] [--into RUN.env.properties]
                        the STREAM-like bandwidth benchmark alone; --into replaces a run's STREAM entries
              seedfib [RUNS]                          the seed's fib list on NATIVE, all CPUs; prints the median
              probe                                   this JVM's environment: JDK, ISA path, netlib BLAS, OpenBLAS
              gcstall [--mib 256] [--seconds 4] [--runs 3] [--ops exp,sort] [--modes windows,never,whole] [--jvm OPTIONS]
                        worst allocation stall of another thread while native calls run on big heap arrays
              randombits [--seed S] [--offset I] [--bytes N]
                        a stream's raw 32-bit words to stdout (for dieharder -g 200: scripts/dieharder.sh)
              help                                    this text
            Anything else is passed to JMH (try -h, -l).
            """;
}
