package dev.jkernels.bench.cli;

import dev.jkernels.bench.ForkFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code full [--out FILE.json] [JMH options]}: the whole suite with the settings in the benchmark
 * annotations, JSON to {@code bench/results/jdk<feature>.json}, and next to it
 * {@code jdk<feature>.env.properties}: what the forks ran on and the exact command, for the report.
 * JMH options narrow or change the run (e.g. {@code SumBench -p size=1024}); {@code -foe true} is implied.
 */
final class FullRun {
    private FullRun() {}

    static void main(String[] args) throws IOException, RunnerException, CommandLineOptionException {
        Path out = JarLocation.resultsDir().resolve("jdk" + Runtime.version().feature() + ".json");
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                jmhArgs.add(args[i]);
            }
        }
        out = out.toAbsolutePath();
        Files.createDirectories(out.getParent());

        Map<String, String> env = new TreeMap<>(EnvProbe.inFork());
        env.put("run.date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("run.command", commandLine(args));
        env.put("run.jvm", JarLocation.javaBinary());
        EnvFile.write(EnvFile.pathFor(out), env);
        System.out.println("jkernels bench: full suite -> " + out);
        env.forEach((k, v) -> System.out.println("  " + k + " = " + v));

        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        // A -jvmArgsAppend on the command line would replace the annotations' flags, not add to them.
        List<String> forkArgs = new ArrayList<>(ForkFlags.ALL);
        if (cli.getJvmArgsAppend().hasValue()) {
            forkArgs.addAll(cli.getJvmArgsAppend().get());
        }
        Options options = new OptionsBuilder()
                .parent(cli)
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .shouldFailOnError(true)
                .build();
        new Runner(options).run();
        System.out.println();
        System.out.println("results: " + out);
        System.out.println("report:  java -jar " + JarLocation.codeSource() + " report " + out);
    }

    /** The command as typed, as near as the JVM can tell. */
    private static String commandLine(String[] args) {
        return JarLocation.javaBinary() + " -jar " + JarLocation.codeSource() + " full"
                + (args.length > 0 ? " " + String.join(" ", args) : "");
    }
}
