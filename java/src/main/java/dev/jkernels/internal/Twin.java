// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * An operation prepared for the JAVA backend: the pure-Java twin, cut into work the way its native
 * definition cuts it ({@code prepare} in {@code native/src/ops}): a range of indices in chunks, a team, or
 * phases; what each index stands for; what to do once the work ran. {@link JavaRuntime} runs it; the twin's
 * bodies own their loops (no per-element callbacks), so the JIT compiles them like hand-written loops.
 * Made by {@link OpSpec#prepare}. Not API.
 */
public final class Twin {
    /** Runs indices [from, to); returns 0 or a jk_status that stops the job. */
    @FunctionalInterface
    public interface Body {
        int run(int from, int to, Self self);
    }

    /** One team member's whole share of a team job; same return convention. */
    @FunctionalInterface
    public interface TeamBody {
        int run(Self self);
    }

    /** After the work ran with {@code status}: the operation's result, as raw bits (a double's, or a long). */
    @FunctionalInterface
    public interface Completion {
        long complete(int status);
    }

    /** A range phase of a PHASES twin: indices [0, n) in chunks of grain. */
    public record Phase(int n, int grain, Body body) {}

    /**
     * What a running body knows about its thread and job, the twin of {@code jk_rt_self}: its team rank and
     * size, barriers, scratch, per-item failures.
     */
    public interface Self {
        /** Worker slot, or -1 on a calling thread. */
        int worker();

        /** Team rank 0..size-1; 0 in range jobs. */
        int rank();

        /** Team size; 1 in range jobs. */
        int size();

        /** Waits for every team member still running; returns the job's status (non-zero: stop). */
        int barrier();

        /** Member 0's value, handed to every member. */
        Object broadcast(Object value);

        /** Non-zero once the job failed or was cancelled. */
        int stopped();

        /** Progress of a team job, in its units. */
        void addDone(long units);

        /** This thread's scratch doubles: at least {@code length}, kept between jobs, contents unspecified. */
        double[] scratchDoubles(int length);

        /** This thread's scratch floats: at least {@code length}, kept between jobs, contents unspecified. */
        float[] scratchFloats(int length);

        /**
         * Item {@code index} failed (outside the kernel's domain). Returns true when the job goes on with the
         * other items (a per-item job), false when it must stop with DOMAIN.
         */
        boolean itemFailed(int index);
    }

    static final int RANGE = 0, TEAM = 1, PHASES = 2;

    final int kind;
    final int n;
    final int grain;
    final long unit;
    final boolean cheap;
    final Body body;
    final TeamBody team;
    final int teamMax;
    final Phase[] phases;
    /** Passes over one range ({@link #passes}), or 0: progress counts each index once per pass. */
    final int passes;
    long items;
    Completion completion;

    private Twin(int kind, int n, int grain, long unit, boolean cheap, Body body, TeamBody team, int teamMax,
            Phase[] phases, int passes, long items) {
        this.kind = kind;
        this.n = n;
        this.grain = Math.max(1, grain);
        this.unit = unit;
        this.cheap = cheap;
        this.body = body;
        this.team = team;
        this.teamMax = teamMax;
        this.phases = phases;
        this.passes = passes;
        this.items = items;
    }

    /** Indices [0, n) in chunks of {@code grain}, each index {@code unit} items; {@code cheap}: one chunk may run on the caller. */
    public static Twin range(int n, int grain, long unit, boolean cheap, Body body) {
        return new Twin(RANGE, n, grain, unit, cheap, body, null, 0, null, 0, n * unit);
    }

    /** A team of at most {@code teamMax} members, reporting {@code units} of progress in all. */
    public static Twin team(int teamMax, long units, TeamBody team) {
        return new Twin(TEAM, 0, 1, 1, false, null, team, Math.max(1, teamMax), null, 0, units);
    }

    /** Phases run back to back by a team of at most {@code teamMax} members. */
    public static Twin phases(int teamMax, Phase... phases) {
        long items = 0;
        for (Phase p : phases) {
            items += p.n();
        }
        return new Twin(PHASES, 0, 1, 1, false, null, null, Math.max(1, teamMax), phases.clone(), 0, items);
    }

    /**
     * Passes over one range [0, n), for a twin that must see all of the range before it can finish any of it
     * (a scan; native runs such operations as an ordered range instead): each phase covers the same n indices
     * ({@code unit} items each, its own grain), one after the other on a team of the pool's size;
     * {@code cheap}: when the first pass is one chunk, everything runs on the caller.
     */
    public static Twin passes(int n, long unit, boolean cheap, Phase... passes) {
        for (Phase p : passes) {
            if (p.n() != n) {
                throw new IllegalArgumentException("a pass covers " + p.n() + " indices, not the range's " + n);
            }
        }
        return new Twin(PHASES, n, passes[0].grain(), unit, cheap, null, null, Integer.MAX_VALUE, passes.clone(),
                passes.length, (long) n * unit);
    }

    /** The operation's items in all (progress), when they differ from indices times unit. */
    public Twin items(long items) {
        this.items = items;
        return this;
    }

    /** What runs after the work: the result (and anything that completes it). */
    public Twin completing(Completion completion) {
        this.completion = completion;
        return this;
    }

    long complete(int status) {
        return completion == null ? 0 : completion.complete(status);
    }

    /** Work units in all, as the runtime counts them. */
    long size() {
        return kind == RANGE ? n : passes > 0 ? (long) n * passes : items;
    }
}
