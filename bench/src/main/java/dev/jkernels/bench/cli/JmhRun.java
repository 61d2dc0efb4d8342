// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.bench.report.Stats;
import dev.jkernels.bench.report.Units;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one {@link Plan.Section} through JMH's Runner API, and reads its points back for the console tables. */
final class JmhRun {
    /** One measured point of a kernel: impl, size, and its forks' summary in nanoseconds per call. */
    record Point(String impl, long size, Stats.Summary nanos) {
        double median() {
            return nanos.median();
        }
    }

    private JmhRun() {}

    /**
     * @param log JMH's console output goes here when not null (quick and calibrate keep the terminal tidy)
     */
    static Collection<RunResult> run(Plan.Section section, List<String> forkArgs, String log) throws RunnerException {
        Plan.Settings s = section.settings();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(section.include())
                .forks(s.forks())
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        if (!s.fromAnnotations()) {
            options.warmupIterations(s.warmups())
                    .warmupTime(TimeValue.milliseconds(s.warmupMillis()))
                    .measurementIterations(s.iterations())
                    .measurementTime(TimeValue.milliseconds(s.iterationMillis()));
        }
        for (Map.Entry<String, List<String>> p : section.params().entrySet()) {
            options.param(p.getKey(), p.getValue().toArray(String[]::new));
        }
        if (log != null) {
            options.output(log);
        }
        return new Runner(options.build()).run();
    }

    /** The points of a kernel class's results: {@code impl} and the size parameter's value, in ns per call. */
    static List<Point> points(Collection<RunResult> results, String sizeParam) {
        List<Point> points = new ArrayList<>();
        for (RunResult r : results) {
            String unit = r.getPrimaryResult().getScoreUnit();
            List<double[]> forks = new ArrayList<>();
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                forks.add(fork.getIterationResults().stream().map(IterationResult::getPrimaryResult)
                        .mapToDouble(res -> Units.toNanos(res.getScore(), unit)).toArray());
            }
            points.add(new Point(r.getParams().getParam("impl"), Long.parseLong(r.getParams().getParam(sizeParam)),
                    Stats.summarize(forks)));
        }
        return points;
    }

    /** The median time of {@code impl} at {@code size}, NaN if it was not measured. */
    static double median(List<Point> points, String impl, long size) {
        return points.stream().filter(p -> p.impl().equals(impl) && p.size() == size)
                .mapToDouble(Point::median).findFirst().orElse(Double.NaN);
    }
}
