// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.bench.Catalog;
import dev.jkernels.bench.FfmCrossingBench;
import dev.jkernels.bench.Impl;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final List<Catalog.Kernel> KERNELS = Catalog.kernels();

    @Test
    void fullFitsTheBudgetOnTheTwoCoreMachineOnBothJdks() {
        for (int jdk : List.of(17, 25)) {
            Plan.Suite suite = Plan.full(2, jdk, KERNELS);
            double minutes = suite.estimateSeconds() / 60;
            assertTrue(minutes > 55 && minutes <= 145, "JDK " + jdk + ": " + minutes + " min\n" + suite.describe());
        }
    }

    @Test
    void fullRunsEveryBenchmarkClassWithSeveralForksAndLongWarmUps() {
        Plan.Suite suite = Plan.full(2, 25, KERNELS);
        Set<String> planned = suite.sections().stream().map(s -> s.benchClass().getName()).collect(Collectors.toSet());
        assertEquals(new TreeSet<>(Catalog.benchmarkClasses()), new TreeSet<>(planned));
        for (Plan.Section s : suite.sections()) {
            assertTrue(s.settings().forks() >= 3, s.name());
            if (!s.name().equals("sizes") && !s.settings().fromAnnotations()) {
                assertTrue(s.settings().warmups() >= 5 && s.settings().warmupMillis() >= 1000, s.name());
            }
        }
    }

    @Test
    void ffmIsSkippedWithAReasonBeforeJdk22() {
        Plan.Suite suite = Plan.full(2, 17, KERNELS);
        assertTrue(suite.sections().stream().noneMatch(s -> s.benchClass() == FfmCrossingBench.class));
        assertTrue(suite.skipped().get("FfmCrossingBench").contains("JDK 22"));
    }

    @Test
    void smokeTouchesEveryClassAndEveryImplementationOnce() {
        Plan.Suite smoke = Plan.smoke(2, 25, KERNELS);
        Set<String> planned = smoke.sections().stream().map(s -> s.benchClass().getName()).collect(Collectors.toSet());
        assertEquals(new TreeSet<>(Catalog.benchmarkClasses()), new TreeSet<>(planned));
        for (Catalog.Kernel k : KERNELS) {
            Plan.Section s = smoke.sections().stream().filter(x -> x.name().equals("kernel:" + k.op())).findFirst().orElseThrow();
            assertEquals(k.impls(), s.params().get("impl"));
        }
        assertTrue(smoke.estimateSeconds() < 150, smoke.describe());
    }

    @Test
    void plainLoopPeersRunAtTheInCacheSizeOnly() {
        Plan.Section inCache = Plan.full(2, 17, KERNELS).sections().stream()
                .filter(s -> s.name().equals("kernel:sum:in-cache")).findFirst().orElseThrow();
        assertEquals(Impl.IN_CACHE_ONLY, inCache.params().get("impl"));
        assertEquals(List.of("1048576"), inCache.params().get("size"));
        Plan.Section sum = Plan.full(2, 17, KERNELS).sections().stream()
                .filter(s -> s.name().equals("kernel:sum")).findFirst().orElseThrow();
        assertFalse(sum.params().get("impl").contains(Impl.EJML));
    }

    @Test
    void quickStaysUnderThreeMinutesAndCalibrateAroundNine() {
        double quick = QuickRun.sections(KERNELS, false).stream().mapToDouble(Plan.Section::estimateSeconds).sum();
        assertTrue(quick < 180, quick + " s");
        List<Catalog.Kernel> calibrated = KERNELS.stream().filter(k -> k.info().calibrated()).toList();
        List<Plan.Section> calibrate = Calibrate.sections(calibrated,
                List.of(Calibrate.JAVA_INLINE, Calibrate.NATIVE_INLINE, Calibrate.POOL), false);
        double seconds = calibrate.stream().mapToDouble(Plan.Section::estimateSeconds).sum();
        assertEquals(240, calibrate.stream().mapToInt(Plan.Section::points).sum()); // 8 ops x 10 sizes x 3 routes
        assertTrue(seconds > 6 * 60 && seconds < 11 * 60, seconds + " s");
        assertTrue(calibrated.stream().noneMatch(k -> k.op().equals("mandelbrot")), "AUTO does not route images");
    }

    @Test
    void quickOnlyKeepsTheKernelsItsPatternFindsAndRefusesAnEmptyChoice() {
        assertEquals(List.of("sum"), QuickRun.chosen(Pattern.compile("^sum$")).stream()
                .map(Catalog.Kernel::op).toList());
        assertEquals(Catalog.kernels().size(), QuickRun.chosen(null).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuickRun.chosen(Pattern.compile("^nothing$")));
        assertTrue(e.getMessage().contains("^nothing$") && e.getMessage().contains("sum"), e.getMessage());
    }

    @Test
    void threadSweepAddsWhatTheTablesLack() {
        assertEquals(List.of("4"), Plan.extraThreadCounts(2));
        assertEquals(List.of("2", "3", "8"), Plan.extraThreadCounts(4));
        assertEquals(List.of("2"), Plan.extraThreadCounts(1));
    }

    @Test
    void kernelsComeInTheFixedOrder() {
        List<String> ops = KERNELS.stream().map(Catalog.Kernel::op).toList();
        assertEquals(List.of("fib", "square", "dsquare", "sum", "dot", "axpy", "scale", "norm2", "fsum", "argmax",
                "variance", "lsum", "prefixSum", "uniform", "normal", "option", "exp", "log", "exp_f32", "log_f32", "mandelbrot",
                "gemm", "gemv"), ops);
    }
}
