// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Points laid out as rows and columns, in the order given (rows and columns that have no point are dropped). */
final class Grid {
    final List<String> rows;
    final List<String> columns;
    private final Map<String, Map<String, JmhResults.Point>> cells;

    private Grid(List<String> rows, List<String> columns, Map<String, Map<String, JmhResults.Point>> cells) {
        this.rows = rows;
        this.columns = columns;
        this.cells = cells;
    }

    /**
     * @param rowOrder and {@code columnOrder}: the wanted order; keys not listed follow in the order met
     */
    static Grid of(List<JmhResults.Point> points, Function<JmhResults.Point, String> rowKey,
                   Function<JmhResults.Point, String> columnKey, List<String> rowOrder, List<String> columnOrder) {
        Map<String, Map<String, JmhResults.Point>> cells = new LinkedHashMap<>();
        List<String> seenRows = new ArrayList<>();
        List<String> seenColumns = new ArrayList<>();
        for (JmhResults.Point p : points) {
            String r = rowKey.apply(p);
            String c = columnKey.apply(p);
            cells.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(c, p);
            if (!seenRows.contains(r)) {
                seenRows.add(r);
            }
            if (!seenColumns.contains(c)) {
                seenColumns.add(c);
            }
        }
        return new Grid(ordered(seenRows, rowOrder), ordered(seenColumns, columnOrder), cells);
    }

    private static List<String> ordered(List<String> seen, List<String> order) {
        List<String> out = new ArrayList<>();
        for (String key : order) {
            if (seen.contains(key)) {
                out.add(key);
            }
        }
        for (String key : seen) {
            if (!out.contains(key)) {
                out.add(key);
            }
        }
        return out;
    }

    JmhResults.Point cell(String row, String column) {
        return cells.getOrDefault(row, Map.of()).get(column);
    }
}
