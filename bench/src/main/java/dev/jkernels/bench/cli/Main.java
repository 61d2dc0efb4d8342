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
            case "seedfib" -> SeedFib.main(rest);
            case "probe" -> EnvProbe.main(rest);
            case "help", "--help" -> System.out.print(USAGE);
            default -> org.openjdk.jmh.Main.main(args);
        }
    }

    static final String USAGE = """
            java -jar jkernels-bench.jar COMMAND ...
              full [--out FILE.json] [JMH options]   every benchmark with the suite's settings; writes JSON
                                                      (default bench/results/jdk<N>.json) and its .env.properties
              quick [--smoke]                         a short subset, a compact table (under 3 minutes on 2 cores)
              calibrate [FILE.properties] [--smoke]   NATIVE-vs-JAVA and N-vs-1-thread crossovers per operation
              report FILE.json... [--out DIR]         REPORT.md and PNG charts (default: the first file's folder)
              seedfib [RUNS]                          the seed's fib list on NATIVE, all CPUs; prints the median
              probe                                   this JVM's environment: JDK, CPU, ISA path, netlib BLAS
              help                                    this text
            Anything else is passed to JMH (try -h, -l).
            """;
}
