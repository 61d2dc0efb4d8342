// SPDX-License-Identifier: Apache-2.0
package dev.jkernels;

import java.util.List;

/**
 * A snapshot of a pool's activity, the counterpart of Parallel Python's {@code print_stats()}: get one with
 * {@link KernelPool#stats()}; {@link #toString()} prints it on one line.
 *
 * <p>Counts add up since the pool was created. Per-worker figures belong to worker slots: a slot keeps its
 * counts across {@link KernelPool#resize(int) resizes}. Work small enough to run on the calling thread (one
 * cheap chunk) is not counted, since no worker ran it.
 *
 * @param backend NATIVE or JAVA
 * @param threads the current worker count
 * @param active workers inside a job right now
 * @param queueDepth jobs waiting with work left to hand out
 * @param waitingCallers synchronous callers waiting for their job
 * @param pendingAsync asynchronous jobs not finished
 * @param jobsFinished jobs finished, any outcome
 * @param jobsFailed of those, failed or cancelled
 * @param offHeapBytes bytes of {@link OffHeapArray}s allocated in this process and not yet freed (all pools;
 *     {@link OffHeapArray#bytesInUse()} when the snapshot was taken)
 * @param workers per worker slot, slot 0 first
 */
public record PoolStats(Backend backend, int threads, int active, int queueDepth, int waitingCallers, int pendingAsync,
        long jobsFinished, long jobsFailed, long offHeapBytes, List<Worker> workers) {
    /**
     * One worker slot's totals.
     *
     * @param jobs jobs it took part in
     * @param chunks chunks it ran
     * @param items work units it ran: items of a map, 4096-element blocks of a reduction, rows of an image
     * @param busyNanos time spent inside chunks
     */
    public record Worker(long jobs, long chunks, long items, long busyNanos) {}

    static PoolStats of(Backend backend, long[] raw) {
        Worker[] workers = new Worker[(raw.length - 7) / 4];
        for (int i = 0; i < workers.length; i++) {
            int at = 7 + 4 * i;
            workers[i] = new Worker(raw[at], raw[at + 1], raw[at + 2], raw[at + 3]);
        }
        return new PoolStats(backend, (int) raw[0], (int) raw[1], (int) raw[2], (int) raw[3], (int) raw[4], raw[5],
                raw[6], OffHeapArray.bytesInUse(), List.of(workers));
    }

    /**
     * For example {@code NATIVE 2 threads, 1 active, queue 0, jobs 12 (0 failed) | w0: 7 jobs 40 items 81.2 ms
     * | w1: 6 jobs 38 items 80.9 ms}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(backend).append(' ').append(threads)
                .append(threads == 1 ? " thread, " : " threads, ").append(active).append(" active, queue ")
                .append(queueDepth).append(", jobs ").append(jobsFinished).append(" (").append(jobsFailed)
                .append(" failed)");
        if (offHeapBytes != 0) {
            s.append(", off-heap ").append(offHeapBytes).append(" bytes");
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            s.append(" | w").append(i).append(": ").append(w.jobs()).append(" jobs ").append(w.items())
                    .append(" items ").append(String.format("%.1f ms", w.busyNanos() / 1e6));
        }
        return s.toString();
    }
}
