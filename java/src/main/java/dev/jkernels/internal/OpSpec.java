// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One operation, as the Java side knows it: the twin of one native {@code jk_op_def}. It names the native
 * definition, describes the same slots (element type, role), scalars, result kind and behaviour flags —
 * checked against the native description when the library loads, so a mismatch is an error naming the op,
 * never a crash later — and carries what only Java needs: argument names for messages, the Java-side
 * domain check, the pure-Java twin (mirroring the native cut), AUTO's size measure and default
 * thresholds, and a sample of valid arguments for the registry-driven tests.
 *
 * <p>Specs are the public static final fields of the family classes listed in {@link OpRegistry}; the
 * engines, the JNI glue, the async plumbing and AUTO are generic over them and name no operation. Not API.
 */
public final class OpSpec {
    /** Behaviour flags, the same bits as JK_OP_* in jk_op.h. */
    public static final int STREAMING = 1, COSTLY = 2, ITEM_FAILURES = 4, IN_PLACE = 8, SAME_LENGTH = 16,
            SLOT_UNITS = 32;

    /** Prepares the twin for these arguments on a pool of {@code threads} threads. */
    @FunctionalInterface
    public interface TwinFactory {
        Twin prepare(Args args, int threads);
    }

    /** Throws IllegalArgumentException for arguments outside the operation's domain (lengths are checked already). */
    @FunctionalInterface
    public interface Check {
        void check(Args args);
    }

    /** AUTO's size of a call: elements, or another unit its thresholds are measured in. */
    @FunctionalInterface
    public interface Measure {
        long size(Args args);
    }

    /** Bytes of native memory a call allocates for itself, beyond the copies of its slots. */
    @FunctionalInterface
    public interface Memory {
        long bytes(Args args);
    }

    /** Valid random arguments of about {@code size} elements, for the registry-driven tests. */
    @FunctionalInterface
    public interface Sampler {
        Args sample(SplittableRandom random, int size);
    }

    public final String name;
    /** The operation's name in AUTO's thresholds and the benchmarks (fib, sum, ...). */
    public final String autoKey;
    /** What messages call it: the public name (LongKernels.FIB), else the native name. */
    public final String label;
    final String[] slotNames;
    final SlotType[] types;
    final Role[] roles;
    final int ints, reals;
    final ResultKind result;
    final int flags;
    final long defaultNativeFrom, defaultParallelFrom;
    private final TwinFactory twin;
    private final Check check;
    private final Measure measure;
    private final Memory memory;
    private final Sampler sampler;
    /** Index in the Java registry (AUTO's threshold arrays); set once by OpRegistry. */
    int index = -1;
    /** Index of the native definition in the loaded library's registry; set once by the handshake. */
    volatile int nativeIndex = -1;

    private OpSpec(Builder b) {
        this.name = b.name;
        this.autoKey = b.autoKey;
        this.label = b.label != null ? b.label : b.name;
        this.slotNames = b.slotNames;
        this.types = b.types;
        this.roles = b.roles;
        this.ints = b.ints;
        this.reals = b.reals;
        this.result = b.result;
        this.flags = b.flags;
        this.defaultNativeFrom = b.defaultNativeFrom;
        this.defaultParallelFrom = b.defaultParallelFrom;
        this.twin = Objects.requireNonNull(b.twin, "twin");
        this.check = b.check;
        this.measure = b.measure;
        this.memory = b.memory;
        this.sampler = Objects.requireNonNull(b.sampler, "sample");
    }

    /** Starts a spec for native definition {@code name}, AUTO key {@code autoKey}. */
    public static Builder builder(String name, String autoKey) {
        return new Builder(name, autoKey);
    }

    public int slots() {
        return types.length;
    }

    public SlotType type(int k) {
        return types[k];
    }

    public Role role(int k) {
        return roles[k];
    }

    public String slotName(int k) {
        return slotNames[k];
    }

    public ResultKind result() {
        return result;
    }

    public boolean costly() {
        return (flags & COSTLY) != 0;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The Java twin, cut as the native definition cuts the work. */
    Twin prepare(Args args, int threads) {
        return twin.prepare(args, threads);
    }

    /** The domain check, after the generic checks of {@link Checks#slots}. */
    public void check(Args args) {
        if (check != null) {
            check.check(args);
        }
    }

    /** AUTO's size of this call (default: the length of slot 0). */
    long size(Args args) {
        return measure != null ? measure.size(args) : args.n0;
    }

    /**
     * What a call that ran out of native memory asked for, for its OutOfMemoryError: the copies of its
     * slots (the most a call copies) and the operation's own allocation.
     */
    public String memoryNote(Args args) {
        long copies = 0;
        for (int k = 0; k < types.length; k++) {
            if (!(args.array(k) instanceof java.nio.Buffer)) { // NATIVE uses a direct buffer in place
                copies += (long) args.length(k) * types[k].bytes;
            }
        }
        long own = memory != null ? memory.bytes(args) : 0;
        return label + " needs up to " + (copies + own) + " bytes of native memory (" + copies
                + " for copies of its arrays, " + own + " of its own)";
    }

    /** Valid random arguments for the registry-driven tests. */
    public Args sample(SplittableRandom random, int size) {
        return sampler.sample(random, size);
    }

    /**
     * This spec as the native library describes its definition (NativeBridge.ops): name, slots as
     * role:letter joined by commas ("-" for none), ints, reals, result, flags.
     */
    String descriptor() {
        StringBuilder slots = new StringBuilder();
        for (int k = 0; k < types.length; k++) {
            slots.append(k == 0 ? "" : ",").append(roles[k].code).append(':').append(types[k].letter);
        }
        return name + " " + (slots.length() == 0 ? "-" : slots) + " " + ints + " " + reals + " " + result.code + " "
                + flags;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a spec; every field but the twin and the sampler has a default. */
    public static final class Builder {
        private final String name, autoKey;
        private String label;
        private String[] slotNames = {};
        private SlotType[] types = {};
        private Role[] roles = {};
        private int ints, reals, flags;
        private ResultKind result = ResultKind.NONE;
        private long defaultNativeFrom, defaultParallelFrom;
        private TwinFactory twin;
        private Check check;
        private Measure measure;
        private Memory memory;
        private Sampler sampler;

        private Builder(String name, String autoKey) {
            this.name = name;
            this.autoKey = autoKey;
        }

        /** The next array slot. */
        public Builder slot(String slotName, SlotType type, Role role) {
            int k = types.length;
            slotNames = java.util.Arrays.copyOf(slotNames, k + 1);
            types = java.util.Arrays.copyOf(types, k + 1);
            roles = java.util.Arrays.copyOf(roles, k + 1);
            slotNames[k] = slotName;
            types[k] = type;
            roles[k] = role;
            return this;
        }

        /** The name messages use (the public constant's), when it differs from the native name. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder scalars(int ints, int reals) {
            this.ints = ints;
            this.reals = reals;
            return this;
        }

        public Builder result(ResultKind result) {
            this.result = result;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * AUTO's thresholds when neither the bundled calibration nor a setting gives one: from {@code nativeFrom}
         * the native kernel on the calling thread, from {@code parallelFrom} the pool.
         */
        public Builder autoDefaults(long nativeFrom, long parallelFrom) {
            this.defaultNativeFrom = nativeFrom;
            this.defaultParallelFrom = parallelFrom;
            return this;
        }

        public Builder twin(TwinFactory twin) {
            this.twin = twin;
            return this;
        }

        public Builder check(Check check) {
            this.check = check;
            return this;
        }

        public Builder measure(Measure measure) {
            this.measure = measure;
            return this;
        }

        /** The native memory a call allocates for itself (named when it runs out); none by default. */
        public Builder memory(Memory memory) {
            this.memory = memory;
            return this;
        }

        public Builder sample(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        public OpSpec build() {
            return new OpSpec(this);
        }
    }
}
