// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import java.util.List;
import java.util.Optional;

/**
 * Does AUTO earn its name? In each run (its thresholds came from a separate calibrate run, recorded in the
 * run's environment), per kernel and size: AUTO_N against the best of the four fixed jkernels configurations,
 * and against the best pure Java.
 */
final class AutoSection {
    private static final List<String> FIXED = List.of(Impl.JAVA_1, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N);

    private AutoSection() {}

    static void render(Report.Markdown md, List<Report.RunTables> runs) {
        md.line("## AUTO against the fixed backends");
        md.line();
        md.line("AUTO_N against the best of JAVA_1, JAVA_N, NATIVE_1 and NATIVE_N at each size (1.00×: as fast as the "
                + "best fixed choice; below 1: slower), and against the best pure Java. Each run evaluated AUTO on "
                + "thresholds measured by a separate `calibrate` run of the same JDK (which file: the run's record).");
        md.line();
        for (Report.RunTables r : runs) {
            md.line("### AUTO — " + r.run().jdk() + ": " + r.run().env().getOrDefault("auto.thresholds", "thresholds not recorded"));
            md.line();
            md.line("| kernel | size | AUTO_N | best fixed | AUTO_N vs it | best pure Java | AUTO_N vs it |");
            md.line("|---|---|---:|---:|---:|---:|---:|");
            for (String op : Report.kernelOrder(List.of(r))) {
                KernelTable t = r.kernels().get(op);
                if (!t.rows.contains(Impl.AUTO_N)) {
                    continue;
                }
                for (long size : t.sizes) {
                    JmhResults.Point auto = t.cell(Impl.AUTO_N, size);
                    if (auto == null) {
                        continue;
                    }
                    Optional<KernelTable.Pick> fixed = Optional.empty();
                    for (String f : FIXED) {
                        JmhResults.Point p = t.cell(f, size);
                        if (p != null && (fixed.isEmpty() || p.nanos().median() < fixed.get().nanos().median())) {
                            fixed = Optional.of(new KernelTable.Pick(f, p));
                        }
                    }
                    Optional<KernelTable.Pick> java = t.bestPureJava(size);
                    md.line("| " + op + " | " + Report.sizeTitle(t, size) + " | " + Report.time(auto.nanos()) + " | "
                            + fixed.map(f -> f.impl() + " " + Report.time(f.nanos())).orElse("—") + " | "
                            + Report.speedup(auto, fixed) + " | "
                            + java.map(j -> j.impl() + " " + Report.time(j.nanos())).orElse("—") + " | "
                            + Report.speedup(auto, java) + " |");
                }
            }
            md.line();
        }
    }
}
