// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

/**
 * Counter-based random numbers and their twins: the twins of {@code native/src/ops/random.c} and
 * {@code native/src/kernels/random.h}. The stream of a seed is Philox4x32-10, key (the seed's low 32 bits,
 * its high 32 bits), block j's counter (j's low and high 32 bits, 0, 0), its four words in order; 32-bit
 * value i is word i, 64-bit value i is word 2i with word 2i + 1 as its high half, normals Box-Muller pairs of a
 * block's values ({@code jk_random.h}). Each
 * value depends on (seed, index) only, so every cut of the work gives the same values. Integer scalars: the
 * seed, then the offset (the stream index of the slot's first element). Not API.
 */
public final class RandomSpecs {
    private RandomSpecs() {}

    /** Values per chunk, as RANDOM_GRAIN in random.c. */
    static final int GRAIN = 16384;

    static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    /** What a fill makes of each block's words: its element type and how many values a block gives. */
    enum Kind {
        BITS_64(SlotType.LONG, 2), BITS_32(SlotType.INT, 4), UNIFORM_64(SlotType.DOUBLE, 2),
        UNIFORM_32(SlotType.FLOAT, 4), NORMAL_64(SlotType.DOUBLE, 2), NORMAL_32(SlotType.FLOAT, 4);

        final SlotType type;
        final int perBlock;

        Kind(SlotType type, int perBlock) {
            this.type = type;
            this.perBlock = perBlock;
        }
    }

    /** Raw 64-bit values. */
    public static final OpSpec BITS_I64 = spec("random_bits_i64", Kind.BITS_64);
    /** Raw 32-bit values. */
    public static final OpSpec BITS_I32 = spec("random_bits_i32", Kind.BITS_32);
    /** Uniform doubles in [0, 1): the top 53 bits of the 64-bit value, times 2^-53. */
    public static final OpSpec UNIFORM_F64 = spec("random_uniform_f64", Kind.UNIFORM_64);
    /** Uniform floats in [0, 1): the top 24 bits of the 32-bit value, times 2^-24. */
    public static final OpSpec UNIFORM_F32 = spec("random_uniform_f32", Kind.UNIFORM_32);
    /** Standard normal doubles: block j's Box-Muller pair is values 2j, 2j + 1 ({@link #normals64}). */
    public static final OpSpec NORMAL_F64 = spec("random_normal_f64", Kind.NORMAL_64);
    /** Standard normal floats: block j's two Box-Muller pairs are values 4j .. 4j + 3 ({@link #normals32}). */
    public static final OpSpec NORMAL_F32 = spec("random_normal_f32", Kind.NORMAL_32);

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

    /** Paths per block of europeanOption at least, and the most blocks (random.c's OPTION_BLOCK, OPTION_MAX_BLOCKS). */
    static final long OPTION_BLOCK = 65_536, OPTION_MAX_BLOCKS = 1L << 20;

    /**
     * europeanOption's sums (random.c's random_option), in units of the strike: path i is normal double i and
     * its antithetic; slot 0 (two doubles, written) receives the sums of Y - C and (Y - C)^2 over the paths, C
     * the payoff at z = 0 ({@link #optionPaths}). Integer scalars: the seed, the paths (2 to 2^62), 1 for a
     * put; reals: the forward price over the strike, volatility * sqrt(years). Blocks of a size fixed by the
     * path count, summed pairwise: the same bits for every cut.
     */
    public static final OpSpec EUROPEAN_OPTION = OpSpec.builder("random_option", "random_option")
            .slot("sums", SlotType.DOUBLE, Role.WRITE).scalars(3, 2)
            .measure(a -> a.i1)
            .autoDefaults(256, 131_072) // not measured yet: the pool helps from two blocks
            .twin((a, threads) -> europeanOption(a))
            .sample((r, size) -> new Args().slot(new double[2], 0, 2).integer(r.nextLong()).integer(2 + size)
                    .integer(r.nextInt(2)).real(0.5 + r.nextDouble()).real(0.05 + r.nextDouble()))
            .build();

    /** Paths per block for a path count: at least OPTION_BLOCK, and no more than OPTION_MAX_BLOCKS blocks. */
    static long optionBlockPaths(long paths) {
        return Math.max(OPTION_BLOCK, (paths + OPTION_MAX_BLOCKS - 1) / OPTION_MAX_BLOCKS);
    }

    /** The europeanOption twin: each block's two sums, then the blocks' added pairwise into slot 0. */
    static Twin europeanOption(Args a) {
        long seed = a.i0, paths = a.i1, perBlock = optionBlockPaths(paths);
        boolean put = a.i2 == 1;
        double moneyness = a.d0, diffusion = a.d1;
        int blocks = (int) ((paths + perBlock - 1) / perBlock);
        double[] sums = new double[2 * blocks];
        double[] out = (double[]) a.a0;
        int at = a.o0;
        return Twin.range(blocks, 1, perBlock, true, (from, to, self) -> {
            double[] two = new double[2];
            for (int b = from; b < to; b++) {
                long first = b * perBlock;
                optionPaths(seed, first, Math.min(perBlock, paths - first), moneyness, diffusion, put, two);
                sums[2 * b] = two[0];
                sums[2 * b + 1] = two[1];
            }
            return 0;
        }).items(paths).completing(status -> {
            if (status == 0) {
                out[at] = pairwise(sums, 0, blocks, 0);
                out[at + 1] = pairwise(sums, 0, blocks, 1);
            }
            return 0;
        });
    }

    private static double pairwise(double[] sums, int lo, int hi, int k) {
        if (hi - lo == 1) {
            return sums[2 * lo + k];
        }
        int mid = lo + (hi - lo) / 2;
        return pairwise(sums, lo, mid, k) + pairwise(sums, mid, hi, k);
    }

    /** The payoff of one price in strikes (random.h's jk_option_payoff). */
    public static double payoff(double price, boolean put) {
        double gain = put ? 1.0 - price : price - 1.0;
        return gain > 0.0 ? gain : 0.0;
    }

    /**
     * Paths [first, first + n) in strikes (random.h's jk_option_paths): Y = the mean of the payoffs of m e^(d z)
     * and m / e^(d z), z normal double i; into sums the sums of Y - C and (Y - C)^2, C = payoff(m), over four
     * accumulators by position mod 4, added (a0 + a1) + (a2 + a3).
     */
    static void optionPaths(long seed, long first, long n, double moneyness, double diffusion, boolean put, double[] sums) {
        double centre = payoff(moneyness, put);
        double[] acc = new double[4], acc2 = new double[4], z = new double[2], sc = new double[2];
        int[] w = new int[4];
        long i = 0;
        while (i < n) {
            long index = first + i;
            streamBlock(seed, index >>> 1, w);
            normals64(w, z, sc);
            for (int k = (int) (index & 1); k < 2 && i < n; k++, i++) {
                double g = MathTwins.exp(diffusion * z[k]);
                double up = moneyness * g, down = moneyness / g;
                double y = (payoff(up, put) + payoff(down, put)) * 0.5 - centre;
                int slot = (int) (i & 3);
                acc[slot] += y;
                acc2[slot] += y * y;
            }
        }
        sums[0] = (acc[0] + acc[1]) + (acc[2] + acc[3]);
        sums[1] = (acc2[0] + acc2[1]) + (acc2[2] + acc2[3]);
    }

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

    private static OpSpec spec(String name, Kind kind) {
        return OpSpec.builder(name, name)
                .slot("out", kind.type, Role.WRITE).scalars(2, 0).flags(OpSpec.STREAMING)
                // uniform: UniformBench's sweep (JMH, 1 fork, JDK 17, AVX-512), native from 32, the pool from 32 Ki;
                // normals cost more per value (not measured yet), so these defaults route them late, never wrong
                .autoDefaults(32, 32_768)
                .twin((a, threads) -> fill(a, kind))
                .sample((r, size) -> {
                    int off = r.nextInt(9), length = size + off + r.nextInt(9);
                    Object out = switch (kind.type) {
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

    /**
     * The twin: chunks of GRAIN values, each made block by block from the blocks that cover its values (a
     * block's values at once: its normals share their logarithm and angle).
     */
    static Twin fill(Args a, Kind kind) {
        long seed = a.i0, offset = a.i1;
        Object out = a.a0;
        int oo = a.o0;
        return Twin.range(a.n0, GRAIN, 1, true, (from, to, self) -> {
            int[] w = new int[4];
            BlockValues values = new BlockValues();
            int i = from;
            while (i < to) {
                long index = offset + i; // the value's stream index
                long block = kind.perBlock == 2 ? index >>> 1 : index >>> 2;
                streamBlock(seed, block, w);
                values.of(kind, w);
                for (int k = (int) (index & (kind.perBlock - 1)); k < kind.perBlock && i < to; k++, i++) {
                    values.emit(kind, out, oo + i, w, k);
                }
            }
            return 0;
        });
    }

    /** One block's values of a kind, as random.h maps the words; the normals computed once per block. */
    private static final class BlockValues {
        final double[] normals = new double[2], sc = new double[2];
        final float[] normalsF = new float[4], scF = new float[2];

        void of(Kind kind, int[] w) {
            if (kind == Kind.NORMAL_64) {
                normals64(w, normals, sc);
            } else if (kind == Kind.NORMAL_32) {
                normals32(w, normalsF, scF);
            }
        }

        /** Value k of the block (below perBlock) into out[at]. */
        void emit(Kind kind, Object out, int at, int[] w, int k) {
            switch (kind) {
                case BITS_64 -> ((long[]) out)[at] = word64(w, k);
                case UNIFORM_64 -> ((double[]) out)[at] = unit53(word64(w, k));
                case BITS_32 -> ((int[]) out)[at] = w[k];
                case UNIFORM_32 -> ((float[]) out)[at] = (float) (w[k] >>> 8) * 0x1p-24f;
                case NORMAL_64 -> ((double[]) out)[at] = normals[k];
                case NORMAL_32 -> ((float[]) out)[at] = normalsF[k];
            }
        }
    }

    /**
     * Block w's Box-Muller pair into z (random.h's jk_normal64_group): u1 = {@code ((value 0 >>> 11) + 1)} 2^-53 in (0, 1],
     * u2 = value 1's uniform double; z = sqrt(-2 log u1) (cos 2 pi u2, sin 2 pi u2). sc: scratch of two.
     */
    static void normals64(int[] w, double[] z, double[] sc) {
        double u1 = (double) ((word64(w, 0) >>> 11) + 1) * 0x1p-53;
        double radius = Math.sqrt(0.0 - 2.0 * MathTwins.log(u1)); // 0 - : +0 (not -0) at u1 = 1
        MathTwins.sinCosTurn(unit53(word64(w, 1)), sc);
        z[0] = radius * sc[1];
        z[1] = radius * sc[0];
    }

    /** Block w's two pairs in float arithmetic into z (jk_normal32_group), from words (0, 1) and (2, 3). */
    static void normals32(int[] w, float[] z, float[] sc) {
        for (int p = 0; p < 2; p++) {
            float u1 = (float) ((w[2 * p] >>> 8) + 1) * 0x1p-24f;
            float radius = (float) Math.sqrt(0.0f - 2.0f * MathTwins.log(u1)); // rounding the double root: float's
            MathTwins.sinCosTurn((float) (w[2 * p + 1] >>> 8) * 0x1p-24f, sc);
            z[2 * p] = radius * sc[1];
            z[2 * p + 1] = radius * sc[0];
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
