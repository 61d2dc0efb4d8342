// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import dev.jkernels.bench.OpInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * One kernel's results in one run: a row per implementation, a column per size, and the ratios every
 * speedup in the report comes from. The baseline of a speedup is never one fixed row: at each size it is the
 * fastest pure-Java implementation measured there ({@link Impl#isPureJava}), and beside it the fastest peer
 * library ({@link Impl#PEERS}). Ratios are of medians; two points whose fork ranges overlap are a tie.
 */
public final class KernelTable {
    /** An implementation picked at a size, with its point. */
    public record Pick(String impl, JmhResults.Point point) {
        public Stats.Summary nanos() {
            return point.nanos();
        }
    }

    final String op;
    final OpInfo info;
    final String sizeParam;
    final List<Long> sizes;
    final List<String> rows;
    private final Grid grid;
    private final String netlib;

    private KernelTable(String op, OpInfo info, String sizeParam, List<Long> sizes, List<String> rows, Grid grid,
                        String netlib) {
        this.op = op;
        this.info = info;
        this.sizeParam = sizeParam;
        this.sizes = sizes;
        this.rows = rows;
        this.grid = grid;
        this.netlib = netlib;
    }

    /**
     * @param points one kernel class's points
     * @param info its {@code @OpInfo}
     * @param implOrder its {@code impl} parameter's declared order (rows follow it)
     * @param netlib the class netlib picked in that run (whether it counts as pure Java)
     */
    public static KernelTable of(List<JmhResults.Point> points, OpInfo info, List<String> implOrder, String netlib) {
        String sizeParam = info.sizeParam();
        List<String> sizeOrder = points.stream().map(p -> p.param(sizeParam)).distinct()
                .sorted(Comparator.comparingLong(Long::parseLong)).toList();
        Grid grid = Grid.of(points, p -> p.param("impl"), p -> p.param(sizeParam), order(implOrder), sizeOrder);
        List<Long> sizes = grid.columns.stream().map(Long::parseLong).toList();
        return new KernelTable(info.op(), info, sizeParam, sizes, grid.rows, grid, netlib);
    }

    /** The class's own order first; names it does not list (older runs) by the report's general order. */
    private static List<String> order(List<String> implOrder) {
        List<String> order = new ArrayList<>(implOrder);
        for (String impl : Impl.ALL) {
            if (!order.contains(impl)) {
                order.add(impl);
            }
        }
        return order;
    }

    public JmhResults.Point cell(String row, long size) {
        return grid.cell(row, Long.toString(size));
    }

    /** The size in the unit of the size label (fib: its parameter n becomes recursive calls). */
    public long work(long size) {
        return workMeasure().applyAsLong(size);
    }

    private LongUnaryOperator workMeasure() {
        try {
            return info.work().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return LongUnaryOperator.identity();
        }
    }

    /** The fastest pure-Java implementation at this size (lowest median), if any was measured. */
    public Optional<Pick> bestPureJava(long size) {
        return best(size, r -> Impl.isPureJava(r, netlib));
    }

    /** The fastest peer library at this size, if any was measured. */
    public Optional<Pick> bestPeer(long size) {
        return best(size, Impl.PEERS::contains);
    }

    private Optional<Pick> best(long size, java.util.function.Predicate<String> eligible) {
        Pick best = null;
        for (String row : rows) {
            JmhResults.Point p = cell(row, size);
            if (p != null && eligible.test(row) && (best == null || p.nanos().median() < best.nanos().median())) {
                best = new Pick(row, p);
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many times faster {@code row} is than the best pure Java at that size (above 1: faster); NaN if unknown. */
    public double speedupOverBestJava(String row, long size) {
        return ratio(bestPureJava(size), cell(row, size));
    }

    /** How many times faster {@code row} is than the best peer at that size; NaN if unknown. */
    public double speedupOverBestPeer(String row, long size) {
        return ratio(bestPeer(size), cell(row, size));
    }

    static double ratio(Optional<Pick> baseline, JmhResults.Point p) {
        if (baseline.isEmpty() || p == null) {
            return Double.NaN;
        }
        return baseline.get().nanos().median() / p.nanos().median();
    }

    /** -1: {@code a} is clearly faster than {@code b} (fork ranges apart), 1: clearly slower, 0: a tie. */
    public static int compare(Stats.Summary a, Stats.Summary b) {
        if (Stats.clearlyFaster(a, b)) {
            return -1;
        }
        if (Stats.clearlyFaster(b, a)) {
            return 1;
        }
        return 0;
    }
}
