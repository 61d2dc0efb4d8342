// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jkernels.bench.Impl;
import dev.jkernels.bench.OpInfo;
import dev.jkernels.bench.SumBench;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelTableTest {
    private static final OpInfo SUM = SumBench.class.getAnnotation(OpInfo.class);
    private static final List<String> ORDER = List.of(Impl.LOOP, Impl.UNROLLED, Impl.NATIVE_N, Impl.NETLIB, Impl.OPENBLAS_N);

    private static KernelTable table(String netlib, Fixtures.P... points) throws IOException {
        return KernelTable.of(Fixtures.run("jdk17", List.of(points), Map.of()).points(), SUM, ORDER, netlib);
    }

    @Test
    void theBaselineIsTheFastestPureJavaAtEachSizeNotLoop() throws IOException {
        KernelTable t = table("dev.ludovic.netlib.blas.VectorBLAS",
                Fixtures.kernel("SumBench", "sum", Impl.LOOP, "1024", 800, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.UNROLLED, "1024", 200, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.NETLIB, "1024", 100, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.NATIVE_N, "1024", 150, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.OPENBLAS_N, "1024", 50, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.LOOP, "16777216", 14e6, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.UNROLLED, "16777216", 5e6, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.NATIVE_N, "16777216", 4e6, 0.01));
        assertEquals(List.of(1024L, 16777216L), t.sizes);
        assertEquals(List.of(Impl.LOOP, Impl.UNROLLED, Impl.NATIVE_N, Impl.NETLIB, Impl.OPENBLAS_N), t.rows);
        assertEquals(Impl.NETLIB, t.bestPureJava(1024).orElseThrow().impl(), "a pure-Java peer counts as Java");
        assertEquals(Impl.UNROLLED, t.bestPureJava(16777216).orElseThrow().impl());
        assertEquals(Impl.OPENBLAS_N, t.bestPeer(1024).orElseThrow().impl());
        assertTrue(t.bestPeer(16777216).isEmpty());
        assertEquals(100.0 / 150, t.speedupOverBestJava(Impl.NATIVE_N, 1024), 1e-12);
        assertEquals(1.25, t.speedupOverBestJava(Impl.NATIVE_N, 16777216), 1e-12);
        assertEquals(50.0 / 150, t.speedupOverBestPeer(Impl.NATIVE_N, 1024), 1e-12);
        assertTrue(Double.isNaN(t.speedupOverBestPeer(Impl.NATIVE_N, 16777216)));
    }

    @Test
    void netlibOnItsJniBlasIsNotPureJava() throws IOException {
        KernelTable t = table("dev.ludovic.netlib.blas.JNIBLAS",
                Fixtures.kernel("SumBench", "sum", Impl.UNROLLED, "1024", 200, 0.01),
                Fixtures.kernel("SumBench", "sum", Impl.NETLIB, "1024", 100, 0.01));
        assertEquals(Impl.UNROLLED, t.bestPureJava(1024).orElseThrow().impl());
        assertEquals(Impl.NETLIB, t.bestPeer(1024).orElseThrow().impl());
    }

    @Test
    void overlappingForkRangesAreATie() {
        Stats.Summary a = new Stats.Summary(100, 95, 105, 3, 15);
        assertEquals(0, KernelTable.compare(a, new Stats.Summary(103, 101, 110, 3, 15)));
        assertEquals(-1, KernelTable.compare(a, new Stats.Summary(120, 110, 130, 3, 15)));
        assertEquals(1, KernelTable.compare(new Stats.Summary(120, 110, 130, 3, 15), a));
    }

    @Test
    void ratesQuoteStreamBeyondTheCacheAndPeakInside() throws IOException {
        // sum at 16 Mi: 128 MiB > 32 MiB L3 -> GB/s against STREAM sum at 2 threads (32 GB/s)
        KernelTable t = table(null,
                Fixtures.kernel("SumBench", "sum", Impl.NATIVE_N, "16777216", 134217728 / 16.0, 0.0),
                Fixtures.kernel("SumBench", "sum", Impl.NATIVE_N, "1048576", 1048576 / 10.0, 0.0));
        Limits limits = new Limits(Fixtures.env("17.0.15"));
        assertEquals("16.0 GB/s, 50% of STREAM sum ×2", Rates.describe(t, Impl.NATIVE_N, 16777216, limits));
        // 1 Mi adds in 0.1 ns each = 10 GFLOP/s; peak 2 x 2.5 GHz x 16 = 80
        assertEquals("10.0 GFLOP/s, 13% of peak ×2", Rates.describe(t, Impl.NATIVE_N, 1048576, limits));
        assertEquals("13% of peak ×2", Rates.limitOnly(t, Impl.NATIVE_N, 1048576, limits));
    }
}
