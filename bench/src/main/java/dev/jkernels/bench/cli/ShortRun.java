package dev.jkernels.bench.cli;

import dev.jkernels.bench.ForkFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One kernel's benchmark over chosen implementations and sizes with short settings, through JMH's
 * Runner API, for {@code quick} and {@code calibrate}. Still one fork per point, like the full suite:
 * sharing a JVM would let one implementation's JIT profile slow down the next.
 */
final class ShortRun {
    /** Iterations and their lengths. */
    record Settings(int warmups, int iterations, int millis) {
        /** Rough seconds for {@code points} points: JVM start and setup take about a second each. */
        double estimateSeconds(int points) {
            return points * (1.0 + (warmups + iterations) * millis / 1000.0);
        }
    }

    static final Settings SHORT = new Settings(2, 3, 100);
    static final Settings SMOKE = new Settings(0, 1, 20);

    /** One measured point: the median time of its iterations, robust to one disturbed iteration. */
    record Point(String impl, long size, double median) {}

    private ShortRun() {}

    static List<Point> run(Catalog.Kernel kernel, List<String> impls, List<String> sizes, Settings settings)
            throws IOException {
        Path log = Files.createTempFile("jkernels-bench-" + kernel.op() + "-", ".log");
        Options options = new OptionsBuilder()
                .include(kernel.include())
                .param("impl", impls.toArray(String[]::new))
                .param(kernel.info().sizeParam(), sizes.toArray(String[]::new))
                .forks(1)
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.milliseconds(settings.millis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.millis()))
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend(ForkFlags.ALL.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException(kernel.op() + ": a benchmark failed; JMH's log: " + log, e);
        }
        List<Point> points = new ArrayList<>();
        for (RunResult r : results) {
            points.add(new Point(r.getParams().getParam("impl"),
                    Long.parseLong(r.getParams().getParam(kernel.info().sizeParam())),
                    r.getPrimaryResult().getStatistics().getPercentile(50.0)));
        }
        Files.deleteIfExists(log);
        return points;
    }

    /** The median time of {@code impl} at {@code size}, NaN if it was not measured. */
    static double median(List<Point> points, String impl, long size) {
        return points.stream().filter(p -> p.impl().equals(impl) && p.size() == size)
                .mapToDouble(Point::median).findFirst().orElse(Double.NaN);
    }
}
