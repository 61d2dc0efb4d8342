package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/** Speedup-vs-size charts, one per kernel per run, drawn with XChart into PNG files (headless). */
final class Charts {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    /**
     * One fixed color per implementation, so a line keeps its color across every chart: jkernels NATIVE
     * in reds, JAVA in blues, AUTO purple, the JDK's own in grays, peers in greens and browns.
     */
    private static final Map<String, Color> COLORS = Map.of(
            Impl.LOOP, new Color(0x20, 0x20, 0x20),
            Impl.JDK_PARALLEL, new Color(0x90, 0x90, 0x90),
            Impl.JAVA_1, new Color(0x6b, 0xae, 0xd6),
            Impl.JAVA_N, new Color(0x08, 0x51, 0x9c),
            Impl.NATIVE_1, new Color(0xfc, 0x92, 0x72),
            Impl.NATIVE_N, new Color(0xcb, 0x18, 0x1d),
            Impl.AUTO_N, new Color(0x7b, 0x32, 0x94),
            Impl.NETLIB, new Color(0x31, 0xa3, 0x54),
            Impl.EJML, new Color(0xa6, 0x61, 0x1a),
            Impl.OJALGO, new Color(0xdf, 0xc2, 0x7d));

    private Charts() {}

    /**
     * Draws {@code table}'s speedups against LOOP over its sizes, log-log, a line per implementation.
     *
     * @return false, drawing nothing, when there is nothing to plot against (one size, or no LOOP row)
     */
    static boolean speedupChart(KernelTable table, String runTitle, Path png) throws IOException {
        if (!table.hasBaseline() || table.sizes.size() < 2) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(table.name + ": speedup vs LOOP, " + runTitle)
                .xAxisTitle(table.sizeLabel + " (log)").yAxisTitle("speedup vs LOOP (log; above 1 = faster)")
                .build();
        chart.getStyler()
                .setXAxisLogarithmic(true)
                .setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(7);
        for (String row : table.rows) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (long size : table.sizes) {
                double speedup = table.speedup(row, size);
                if (Double.isFinite(speedup) && speedup > 0) {
                    xs.add((double) table.work(size));
                    ys.add(speedup);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(row, xs, ys);
                Color color = COLORS.get(row);
                if (color != null) {
                    series.setLineColor(color);
                    series.setMarkerColor(color);
                }
                if (row.equals(KernelTable.BASELINE)) {
                    series.setLineStyle(SeriesLines.DASH_DASH);
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }
}
