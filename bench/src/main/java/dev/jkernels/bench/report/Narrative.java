// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import dev.jkernels.bench.Impl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "what this means" paragraph of a kernel, written from the data by fixed rules, so it says plainly where
 * native does not win: at each size and JDK, jkernels NATIVE_N against the best pure Java and the best peer
 * (faster, slower, or a tie when the forks' ranges overlap), how near the memory's limit the memory-bound sizes
 * are, and native's own edge over the Java twin at one thread. Every tie or loss, against pure Java or a peer,
 * goes into the closing "where native does not win" list.
 */
final class Narrative {
    private Narrative() {}

    static String of(List<Report.RunTables> runs, String op) {
        StringBuilder text = new StringBuilder();
        List<String> losses = new ArrayList<>();
        for (Report.RunTables r : runs) {
            KernelTable t = r.kernels().get(op);
            if (t == null) {
                continue;
            }
            List<String> clauses = new ArrayList<>();
            for (long size : t.sizes) {
                JmhResults.Point nativeN = t.cell(Impl.NATIVE_N, size);
                if (nativeN == null) {
                    continue;
                }
                String at = Report.sizeTitle(t, size);
                StringBuilder c = new StringBuilder("at " + at + " NATIVE_N ");
                Optional<KernelTable.Pick> java = t.bestPureJava(size);
                c.append(versus(nativeN, java, "the best pure Java"));
                if (java.isPresent() && KernelTable.compare(nativeN.nanos(), java.get().nanos()) >= 0) {
                    losses.add(r.run().jdk() + " at " + at + (KernelTable.compare(nativeN.nanos(), java.get().nanos()) == 0
                            ? " (a tie with " : " (slower than ") + java.get().impl() + ")");
                }
                Optional<KernelTable.Pick> peer = t.bestPeer(size);
                if (peer.isPresent()) {
                    c.append(", and ").append(versus(nativeN, peer, "the best peer"));
                    int vsPeer = KernelTable.compare(nativeN.nanos(), peer.get().nanos());
                    if (vsPeer >= 0) {
                        losses.add(r.run().jdk() + " at " + at + (vsPeer == 0 ? " (a tie with the peer " : " (slower than the peer ")
                                + peer.get().impl() + ")");
                    }
                }
                String limit = Rates.limitOnly(t, Impl.NATIVE_N, size, r.limits());
                if (limit.contains("STREAM")) {
                    c.append("; it moves ").append(limit);
                    if (java.isPresent()) {
                        String javaLimit = Rates.limitOnly(t, java.get().impl(), size, r.limits());
                        if (javaLimit.contains("STREAM")) {
                            c.append(" (").append(java.get().impl()).append(": ").append(javaLimit).append(")");
                        }
                    }
                    c.append(", so the memory, not the code, sets the pace");
                } else if (limit.contains("peak")) {
                    c.append("; it reaches ").append(limit);
                }
                JmhResults.Point native1 = t.cell(Impl.NATIVE_1, size);
                JmhResults.Point java1 = t.cell(Impl.JAVA_1, size);
                if (native1 != null && java1 != null) {
                    c.append("; at one thread native is ").append(Units.times(java1.nanos().median() / native1.nanos().median()))
                            .append(" the speed of its Java twin");
                }
                clauses.add(c.toString());
            }
            if (!clauses.isEmpty()) {
                text.append(r.run().jdk()).append(": ").append(String.join("; ", clauses)).append(". ");
            }
        }
        if (losses.isEmpty()) {
            text.append("NATIVE_N is ahead of the best pure Java and the best peer at every size measured here; where "
                    + "fixed call costs dominate (small inputs), see the size sweep.");
        } else {
            text.append("**Where native does not win:** ").append(String.join("; ", losses)).append(".");
        }
        return text.toString();
    }

    private static String versus(JmhResults.Point p, Optional<KernelTable.Pick> baseline, String what) {
        if (baseline.isEmpty()) {
            return "has no " + what + " to compare with";
        }
        KernelTable.Pick b = baseline.get();
        double ratio = KernelTable.ratio(baseline, p);
        return switch (KernelTable.compare(p.nanos(), b.nanos())) {
            case -1 -> "is " + Units.times(ratio) + " as fast as " + what + " (" + b.impl() + ")";
            case 1 -> "is slower than " + what + ", " + b.impl() + ", which is " + Units.times(1 / ratio) + " as fast";
            default -> "ties with " + what + " (" + b.impl() + ", " + Units.times(ratio) + ", within the forks' ranges)";
        };
    }
}
