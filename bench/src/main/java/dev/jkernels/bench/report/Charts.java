// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts, drawn with XChart into PNG files (headless). Every chart has error bars: XChart draws
 * symmetric bars (black), so each bar spans the larger distance from the median to the fastest or slowest fork, which
 * covers the whole fork range (and sometimes a little more).
 */
final class Charts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    /** One fixed color per implementation, so a series keeps its color across charts. */
    private static final Map<String, Color> COLORS = Map.ofEntries(
            Map.entry(Impl.LOOP, new Color(0x20, 0x20, 0x20)),
            Map.entry(Impl.UNROLLED, new Color(0x55, 0x55, 0x55)),
            Map.entry(Impl.VECTOR_API, new Color(0x88, 0x88, 0x88)),
            Map.entry(Impl.JDK_PARALLEL, new Color(0xbb, 0xbb, 0xbb)),
            Map.entry(Impl.JAVA_1, new Color(0x6b, 0xae, 0xd6)),
            Map.entry(Impl.JAVA_N, new Color(0x08, 0x51, 0x9c)),
            Map.entry(Impl.NATIVE_1, new Color(0xfc, 0x92, 0x72)),
            Map.entry(Impl.NATIVE_N, new Color(0xcb, 0x18, 0x1d)),
            Map.entry(Impl.AUTO_N, new Color(0x7b, 0x32, 0x94)),
            Map.entry(Impl.NETLIB, new Color(0x31, 0xa3, 0x54)),
            Map.entry(Impl.EJML, new Color(0xa6, 0x61, 0x1a)),
            Map.entry(Impl.OJALGO, new Color(0xdf, 0xc2, 0x7d)),
            Map.entry(Impl.OPENBLAS_1, new Color(0x74, 0xc4, 0x76)),
            Map.entry(Impl.OPENBLAS_N, new Color(0x00, 0x6d, 0x2c)),
            Map.entry(Impl.OPENBLAS_HEAP_1, new Color(0xc7, 0xe9, 0xc0)),
            Map.entry(Impl.OPENBLAS_HEAP_N, new Color(0x41, 0xab, 0x5d)));

    /** A named series of (x, median) points with each point's low and high (fork range). */
    static final class Curve {
        final String name;
        final List<Double> xs = new ArrayList<>();
        final List<Double> ys = new ArrayList<>();
        final List<Double> errors = new ArrayList<>();

        Curve(String name) {
            this.name = name;
        }

        void add(double x, double median, double low, double high) {
            xs.add(x);
            ys.add(median);
            errors.add(errorBar(median, low, high));
        }
    }

    private Charts() {}

    /** The symmetric bar that covers [low, high] around the median, kept below the median (log axes). */
    static double errorBar(double median, double low, double high) {
        double e = Math.max(Math.abs(median - low), Math.abs(high - median));
        return Math.min(e, 0.95 * Math.abs(median));
    }

    /**
     * Bars of each implementation's speedup over the best pure Java, a group per size.
     *
     * @return false, drawing nothing, when no size has a pure-Java baseline
     */
    static boolean speedupBars(KernelTable t, String title, Path png) throws IOException {
        if (t.sizes.stream().noneMatch(s -> t.bestPureJava(s).isPresent())) {
            return false;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(t.info.sizeLabel()).yAxisTitle("× the best pure Java (above 1 = faster)").build();
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
        List<String> categories = t.sizes.stream().map(s -> Report.sizeTitle(t, s)).toList();
        for (String row : t.rows) {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            boolean any = false;
            for (long size : t.sizes) {
                JmhResults.Point p = t.cell(row, size);
                var base = t.bestPureJava(size);
                if (p == null || base.isEmpty()) {
                    ys.add(0.0);
                    errors.add(0.0);
                    continue;
                }
                double b = base.get().nanos().median();
                double median = b / p.nanos().median();
                ys.add(median);
                errors.add(errorBar(median, b / p.nanos().max(), b / p.nanos().min()));
                any = true;
            }
            if (any) {
                var series = chart.addSeries(row, categories, ys, errors);
                Color color = COLORS.get(row);
                if (color != null) {
                    series.setFillColor(color);
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    /** Lines with error bars; log-log when {@code log}. False, drawing nothing, when no curve has two points. */
    static boolean lines(List<Curve> curves, String title, String xTitle, String yTitle, boolean log, Path png)
            throws IOException {
        if (curves.stream().noneMatch(c -> c.xs.size() >= 2)) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setXAxisLogarithmic(log).setYAxisLogarithmic(log)
                .setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE).setMarkerSize(6);
        for (Curve c : curves) {
            if (c.xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(c.name, c.xs, c.ys, c.errors);
            Color color = COLORS.get(c.name);
            if (color != null) {
                series.setLineColor(color);
                series.setMarkerColor(color);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }
}
