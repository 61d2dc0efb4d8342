package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import dev.jkernels.bench.OpInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * One benchmark class's results in one run as a grid: a row per implementation (or per method, for
 * classes without an {@code impl} parameter), a column per size, and speedups against the LOOP row.
 */
final class KernelTable {
    static final String BASELINE = Impl.LOOP;
    /** The column of classes that have no size parameter. */
    static final long NO_SIZE = -1;

    final String name;
    final String className;
    final String sizeParam;
    final String sizeLabel;
    final List<Long> sizes;
    final List<String> rows;
    private final Map<String, Map<Long, JmhResults.Measurement>> cells;
    private final LongUnaryOperator work;

    private KernelTable(String name, String className, String sizeParam, String sizeLabel, LongUnaryOperator work,
                        List<Long> sizes, List<String> rows, Map<String, Map<Long, JmhResults.Measurement>> cells) {
        this.name = name;
        this.className = className;
        this.sizeParam = sizeParam;
        this.sizeLabel = sizeLabel;
        this.work = work;
        this.sizes = sizes;
        this.rows = rows;
        this.cells = cells;
    }

    /** One table per benchmark class, in the order the classes first appear. */
    static List<KernelTable> of(JmhResults.Run run) {
        Map<String, List<JmhResults.Measurement>> byClass = new LinkedHashMap<>();
        run.rows().forEach(m -> byClass.computeIfAbsent(m.className(), c -> new ArrayList<>()).add(m));
        List<KernelTable> tables = new ArrayList<>();
        byClass.forEach((cls, ms) -> tables.add(build(cls, ms)));
        return tables;
    }

    private static KernelTable build(String className, List<JmhResults.Measurement> ms) {
        Optional<OpInfo> info = opInfo(className);
        String sizeParam = ms.get(0).params().keySet().stream().filter(p -> !p.equals("impl")).findFirst().orElse(null);
        Map<String, Map<Long, JmhResults.Measurement>> cells = new LinkedHashMap<>();
        TreeSet<Long> sizes = new TreeSet<>();
        for (JmhResults.Measurement m : ms) {
            String row = m.params().containsKey("impl") ? m.params().get("impl") : m.method();
            long size = sizeParam == null ? NO_SIZE : Long.parseLong(m.params().get(sizeParam));
            sizes.add(size);
            cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(size, m);
        }
        List<String> rows = new ArrayList<>(cells.keySet());
        rows.sort(Comparator.comparingInt(KernelTable::rowOrder));
        String simple = ms.get(0).simpleClassName();
        String name = info.map(OpInfo::op).orElse(simple.replaceFirst("Bench$", "").toLowerCase(java.util.Locale.ROOT));
        String sizeLabel = info.map(OpInfo::sizeLabel).orElse(sizeParam == null ? "" : sizeParam);
        LongUnaryOperator work = info.map(KernelTable::workMeasure).orElse(LongUnaryOperator.identity());
        return new KernelTable(name, className, sizeParam, sizeLabel, work, new ArrayList<>(sizes), rows, cells);
    }

    /** Known implementations in the report's order; anything else (method names) after them. */
    private static int rowOrder(String row) {
        int i = Impl.ALL.indexOf(row);
        return i >= 0 ? i : Impl.ALL.size();
    }

    private static Optional<OpInfo> opInfo(String className) {
        try {
            return Optional.ofNullable(Class.forName(className, false, KernelTable.class.getClassLoader())
                    .getAnnotation(OpInfo.class));
        } catch (ClassNotFoundException e) {
            return Optional.empty(); // results of a benchmark this jar no longer has: still tabulated
        }
    }

    private static LongUnaryOperator workMeasure(OpInfo info) {
        try {
            return info.work().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return LongUnaryOperator.identity();
        }
    }

    JmhResults.Measurement cell(String row, long size) {
        return cells.getOrDefault(row, Map.of()).get(size);
    }

    /** The size in the unit of {@link #sizeLabel} (fib: its parameter n becomes recursive calls). */
    long work(long size) {
        return work.applyAsLong(size);
    }

    boolean hasBaseline() {
        return cells.containsKey(BASELINE);
    }

    /** How many times faster than LOOP at the same size; NaN where either is missing. */
    double speedup(String row, long size) {
        JmhResults.Measurement base = cell(BASELINE, size);
        JmhResults.Measurement m = cell(row, size);
        if (base == null || m == null || !base.unit().equals(m.unit())) {
            return Double.NaN;
        }
        return lowerIsBetter(m) ? base.score() / m.score() : m.score() / base.score();
    }

    /** Time per operation (avgt, sample, ss) is better lower; throughput is better higher. */
    static boolean lowerIsBetter(JmhResults.Measurement m) {
        return m.unit().endsWith("/op");
    }
}
