// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import dev.jkernels.KernelPool;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Locale;

/**
 * {@code randombits [--seed S] [--offset I] [--bytes N]}: the raw 32-bit words of a seed's stream
 * ({@code random().bits(seed, offset, int[])}), little-endian in stream order, to standard output: N bytes, or
 * until the reader closes the pipe. For statistical batteries that read raw input, such as {@code dieharder -g
 * 200} ({@code bench/scripts/dieharder.sh}).
 */
final class RandomBits {
    private static final int WORDS = 1 << 20; // 4 MiB per write

    private RandomBits() {}

    static void main(String[] args) throws IOException {
        long seed = 42, offset = 0, bytes = Long.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seed" -> seed = Long.decode(required(args[i], value));
                case "--offset" -> offset = Long.parseLong(required(args[i], value));
                case "--bytes" -> bytes = Long.parseLong(required(args[i], value));
                default -> throw new IllegalArgumentException("randombits: unknown argument " + args[i]
                        + " (expected --seed S, --offset I, --bytes N)");
            }
            i++;
        }
        if (offset < 0 || bytes < 0) {
            throw new IllegalArgumentException("randombits: --offset " + offset + " and --bytes " + bytes
                    + " must not be negative");
        }
        int[] words = new int[WORDS];
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * WORDS).order(ByteOrder.LITTLE_ENDIAN);
        try (KernelPool pool = KernelPool.create(); FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel()) {
            while (bytes > 0 && offset <= Long.MAX_VALUE - WORDS) {
                pool.random().bits(seed, offset, words);
                offset += WORDS;
                buffer.clear();
                buffer.asIntBuffer().put(words);
                buffer.limit((int) Math.min(4L * WORDS, bytes));
                bytes -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("broken pipe")) {
                throw e;
            }
            // the reader had enough: the normal end of an unbounded stream
        }
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException("randombits: " + flag + " needs a value");
        }
        return value;
    }
}
