// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * Counter-based random numbers and their twins: the twins of {@code native/src/ops/random.c} and
 * {@code native/src/kernels/random.h}. The stream of a seed is Philox4x32-10, key (the seed's low 32 bits,
 * its high 32 bits), block j's counter (j's low and high 32 bits, 0, 0), its four words in order; 32-bit
 * value i is word i, 64-bit value i is word 2i with word 2i + 1 as its high half ({@code jk_random.h}). Each
 * value depends on (seed, index) only, so every cut of the work gives the same values. Integer scalars: the
 * seed, then the offset (the stream index of the slot's first element). Not API.
 */
public final class RandomSpecs {
    private RandomSpecs() {}

    /** Values per chunk, as RANDOM_GRAIN in random.c. */
    static final int GRAIN = 16384;

    static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    /** Raw 64-bit values. */
    public static final OpSpec BITS_I64 = spec("random_bits_i64", SlotType.LONG);
    /** Raw 32-bit values. */
    public static final OpSpec BITS_I32 = spec("random_bits_i32", SlotType.INT);
    /** Uniform doubles in [0, 1): the top 53 bits of the 64-bit value, times 2^-53. */
    public static final OpSpec UNIFORM_F64 = spec("random_uniform_f64", SlotType.DOUBLE);
    /** Uniform floats in [0, 1): the top 24 bits of the 32-bit value, times 2^-24. */
    public static final OpSpec UNIFORM_F32 = spec("random_uniform_f32", SlotType.FLOAT);

    /**
     * estimatePi: sample k is the point (uniform double 2k, uniform double 2k + 1), block k's two values; the
     * result 4 * (points with x^2 + y^2 below 1) / samples. Integer scalars: the seed, the samples (1 to 2^62).
     * Counts add in any order, so any cut of the samples gives the same bits.
     */
    public static final OpSpec ESTIMATE_PI = OpSpec.builder("random_pi", "random_pi")
            .scalars(2, 0).result(ResultKind.DOUBLE)
            .measure(a -> a.i1)
            .autoDefaults(2048, 65_536) // not measured yet: issue 15's benchmark will set them
            .twin((a, threads) -> estimatePi(a.i0, a.i1))
            .sample((r, size) -> new Args().integer(r.nextLong()).integer(1 + size))
            .build();

    /** The estimatePi twin: chunks of samples (at least 65536, fewer than 2^30 chunks), counts added up. */
    static Twin estimatePi(long seed, long samples) {
        long chunk = Math.max(65_536, (samples >> 30) + 1);
        int chunks = (int) ((samples + chunk - 1) / chunk);
        java.util.concurrent.atomic.AtomicLong inside = new java.util.concurrent.atomic.AtomicLong();
        return Twin.range(chunks, 1, chunk, true, (first, end, self) -> {
            int[] w = new int[4];
            long count = 0;
            for (long k = first * chunk, stop = Math.min(samples, end * chunk); k < stop; k++) {
                streamBlock(seed, k, w);
                double x = unit53(word64(w, 0)), y = unit53(word64(w, 1));
                count += x * x + y * y < 1.0 ? 1 : 0;
            }
            inside.addAndGet(count);
            return 0;
        }).items(samples).completing(status -> Double.doubleToRawLongBits(4.0 * inside.get() / samples));
    }

    private static OpSpec spec(String name, SlotType type) {
        return OpSpec.builder(name, name)
                .slot("out", type, Role.WRITE).scalars(2, 0).flags(OpSpec.STREAMING)
                .autoDefaults(32, 32_768) // UniformBench sweep (JMH, 1 fork, JDK 17, AVX-512): native from 32, the pool from 32 Ki
                .twin((a, threads) -> fill(a, type))
                .sample((r, size) -> {
                    int off = r.nextInt(9), length = size + off + r.nextInt(9);
                    Object out = switch (type) {
                        case LONG -> new long[length];
                        case INT -> new int[length];
                        case DOUBLE -> new double[length];
                        case FLOAT -> new float[length];
                    };
                    return new Args().slot(out, off, size).integer(r.nextLong()).integer(r.nextLong(1L << 62));
                })
                .build();
    }

    /**
     * Philox4x32-10 on one counter {@code x[0..4)} with key (k0, k1), in place (kernels/random.h's
     * jk_philox_block): the key bumped after every round, the last bump unused.
     */
    static void philox(int[] x, int k0, int k1) {
        int x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (x0 & 0xFFFFFFFFL), p1 = (M1 & 0xFFFFFFFFL) * (x2 & 0xFFFFFFFFL);
            int y0 = (int) (p1 >>> 32) ^ x1 ^ k0, y2 = (int) (p0 >>> 32) ^ x3 ^ k1;
            x0 = y0;
            x1 = (int) p1;
            x2 = y2;
            x3 = (int) p0;
            k0 += W0;
            k1 += W1;
        }
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        x[3] = x3;
    }

    /** The twin: chunks of GRAIN values, each made block by block from the blocks that cover its words. */
    static Twin fill(Args a, SlotType type) {
        long seed = a.i0, offset = a.i1;
        boolean wide = type == SlotType.LONG || type == SlotType.DOUBLE;
        Object out = a.a0;
        int oo = a.o0;
        return Twin.range(a.n0, GRAIN, 1, true, (from, to, self) -> {
            int[] w = new int[4];
            int perBlock = wide ? 2 : 4;
            int i = from;
            while (i < to) {
                long index = offset + i; // the value's stream index
                long block = wide ? index >>> 1 : index >>> 2;
                streamBlock(seed, block, w);
                for (int k = (int) (index & (perBlock - 1)); k < perBlock && i < to; k++, i++) {
                    emit(type, out, oo + i, w, k);
                }
            }
            return 0;
        });
    }

    /** Value k of block w (k below 2 for 64-bit values, below 4 for 32-bit ones) into out[at], as random.h maps it. */
    private static void emit(SlotType type, Object out, int at, int[] w, int k) {
        switch (type) {
            case LONG -> ((long[]) out)[at] = word64(w, k);
            case DOUBLE -> ((double[]) out)[at] = unit53(word64(w, k));
            case INT -> ((int[]) out)[at] = w[k];
            case FLOAT -> ((float[]) out)[at] = (float) (w[k] >>> 8) * 0x1p-24f;
        }
    }

    /** Block j of the stream of {@code seed} into w (random.h's jk_philox_stream_block). */
    private static void streamBlock(long seed, long j, int[] w) {
        w[0] = (int) j;
        w[1] = (int) (j >>> 32);
        w[2] = 0;
        w[3] = 0;
        philox(w, (int) seed, (int) (seed >>> 32));
    }

    /** The uniform double of a 64-bit value: its top 53 bits times 2^-53. */
    private static double unit53(long v) {
        return (double) (v >>> 11) * 0x1p-53;
    }

    private static long word64(int[] w, int k) {
        return (w[2 * k] & 0xFFFFFFFFL) | (long) w[2 * k + 1] << 32;
    }
}
