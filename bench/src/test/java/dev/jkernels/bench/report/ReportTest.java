// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.bench.Impl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    private static List<Fixtures.P> points(double nativeSum) {
        List<Fixtures.P> p = new ArrayList<>();
        // mandelbrot first and fib last in the file: the report orders kernels itself
        p.add(Fixtures.point("MandelbrotBench", "mandelbrot", Map.of("impl", Impl.NATIVE_N, "size", "1024"),
                new double[] {2e7}, new double[] {2.1e7}, new double[] {1.9e7}));
        p.add(Fixtures.point("MandelbrotBench", "mandelbrot", Map.of("impl", Impl.LOOP, "size", "1024"),
                new double[] {4e7}, new double[] {4.1e7}, new double[] {3.9e7}));
        p.add(Fixtures.kernel("SumBench", "sum", Impl.UNROLLED, "1048576", 200_000, 0.02));
        p.add(Fixtures.kernel("SumBench", "sum", Impl.NATIVE_N, "1048576", nativeSum, 0.02));
        p.add(Fixtures.kernel("SumBench", "sum", Impl.OPENBLAS_N, "1048576", 90_000, 0.02));
        p.add(Fixtures.point("FibBench", "fib", Map.of("impl", Impl.LOOP, "n", "38"), new double[] {1.9e8}));
        p.add(Fixtures.point("FibBench", "fib", Map.of("impl", Impl.NATIVE_N, "n", "38"), new double[] {5e7}));
        return p;
    }

    private List<Report.RunTables> runs() throws IOException {
        return List.of(Report.tabulate(Fixtures.run("jdk17", points(100_000), Fixtures.env("17.0.15"))),
                Report.tabulate(Fixtures.run("jdk25", points(203_000), Fixtures.env("25.0.3"))));
    }

    @Test
    void environmentShowsEveryStreamTestPerPageSizeAndBoldsTheLimitsColumn() throws IOException {
        Map<String, String> env = Fixtures.env("17.0.15");
        env.put("stream.elements", Long.toString(64L << 20));
        env.put("stream.bytes_per_array", Long.toString(512L << 20));
        env.put("stream.measured", "after the run, on git abc");
        env.put("stream.update.t1.4k.gbs", "47.83");
        env.put("stream.update.t1.4k.min", "45.26");
        env.put("stream.update.t1.4k.max", "51.27");
        env.put("stream.update.t1.2m.gbs", "54.04");
        env.put("stream.update.t1.2m.min", "53.45");
        env.put("stream.update.t1.2m.max", "54.49");
        env.put("stream.update.t1.pages", "2m");
        Report.Markdown md = new Report.Markdown();
        Environment.render(md, Report.tabulate(Fixtures.run("jdk17", points(100_000), env)));
        String text = md.toString();
        assertTrue(text.contains("| update | 47.83 [45.26–51.27] | **54.04** [53.45–54.49] |"), text);
        assertTrue(text.contains("| axpy |"), text);
        assertTrue(text.contains("Measured after the run, on git abc."), text);
    }

    @Test
    void headlineHasOneRowPerKernelSizeAndJdkInTheFixedOrder() throws IOException {
        String headline = Headline.render(runs());
        List<String> rows = headline.lines().filter(l -> l.startsWith("| fib") || l.startsWith("| sum")
                || l.startsWith("| mandelbrot")).toList();
        assertEquals(6, rows.size(), headline);
        assertTrue(rows.get(0).startsWith("| fib | n = 38 | JDK 17.0.15 |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| fib | n = 38 | JDK 25.0.3 |"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| sum | 1 Mi | JDK 17.0.15 |"), rows.get(2));
        assertTrue(rows.get(4).startsWith("| mandelbrot | 1024² |"), rows.get(4));
        // sum, JDK 17: 100 µs against UNROLLED 200 µs = 2x; against OpenBLAS 90 µs = 0.9x; 2% spreads overlap there
        assertTrue(rows.get(2).contains("UNROLLED 200 µs [196–204]"), rows.get(2));
        assertTrue(rows.get(2).contains("| 2.00× |"), rows.get(2));
        assertTrue(rows.get(2).contains("OPENBLAS_N 90.0 µs"), rows.get(2));
        assertTrue(rows.get(2).contains("0.900× |"), rows.get(2));
        for (String row : rows) {
            assertFalse(row.contains("17.0.15") && row.contains("25.0.3"), "one JDK per row: " + row);
        }
    }

    @Test
    void narrativeSaysPlainlyWhereNativeDoesNotWin() throws IOException {
        String text = Narrative.of(runs(), "sum");
        assertTrue(text.contains("JDK 17.0.15: at 1 Mi NATIVE_N is 2.00× as fast as the best pure Java (UNROLLED)"), text);
        assertTrue(text.contains("Where native does not win:** JDK 17.0.15 at 1 Mi (slower than the peer OPENBLAS_N); "
                + "JDK 25.0.3 at 1 Mi (a tie with UNROLLED); JDK 25.0.3 at 1 Mi (slower than the peer OPENBLAS_N)"), text);
    }

    @Test
    void theWholeReportRendersWithChartsAndFixedKernelOrder() throws IOException {
        System.setProperty("java.awt.headless", "true");
        String md = Report.render(runs(), dir, "report test");
        int fib = md.indexOf("\n## fib"), sum = md.indexOf("\n## sum"), mandelbrot = md.indexOf("\n## mandelbrot");
        assertTrue(fib > 0 && fib < sum && sum < mandelbrot, "fixed kernel order");
        assertTrue(md.contains("| LOOP (naive reference) |"), "LOOP stays as a reference row");
        assertTrue(md.contains("| UNROLLED | 200 µs [196–204] | baseline |"), md);
        assertTrue(md.contains("![sum, JDK 17.0.15](charts/sum-jdk17.png)"));
        assertTrue(dir.resolve("charts/sum-jdk17.png").toFile().length() > 0);
    }

    @Test
    void argumentsAreCheckedAndTheReadmeCanBeLeftAlone() {
        Report.Args a = Report.parse(new String[] {"a.json", "b.json", "--out", "o", "--no-readme"}, Path.of("R.md"));
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), a.files());
        assertEquals(Path.of("o"), a.outDir());
        assertFalse(a.writeReadme());
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"a.json", "--bogus"}, Path.of("R.md")));
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[0], Path.of("R.md")));
    }
}
