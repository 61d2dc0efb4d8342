// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.LongUnaryOperator;

/**
 * What the commands and the report need to know about a kernel's benchmark class. They find every class
 * carrying this annotation through JMH's benchmark list ({@link Catalog}), so a new kernel's benchmark is
 * one file.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpInfo {
    /** The operation's key in the thresholds file ({@code <op>.native}, {@code <op>.parallel}) and the report. */
    String op();

    /** The {@code @Param} field that sets the problem size. */
    String sizeParam() default "size";

    /** What the size is measured in, as the report says it. */
    String sizeLabel() default "elements";

    /**
     * The sizes {@code full} runs every implementation at. Default: 1 Mi elements (8 MiB per array: in the
     * L3 cache, where compute and call costs show) and 16 Mi (128 MiB per array, 4 x the 32 MiB L3 of the
     * machine this was tuned on: memory-bound). Smaller sizes are the fine size sweep's business.
     */
    String[] fullSizes() default {"1048576", "16777216"};

    /** The size of the thread sweep (1, 2, ..., N, 2N threads): one large size. */
    String scalingSize() default "16777216";

    /** The sizes {@code quick} runs: one small, one in the L3 cache. */
    String[] quickSizes() default {"1024", "1048576"};

    /**
     * Whether a call changes its own input (a prefix sum in place), so that every call needs its input
     * restored first: the kernel's benchmark does it per invocation, outside the timing; the thread sweep,
     * which times {@link Workload#runOnce} back to back, skips such a kernel.
     */
    boolean restoresInput() default false;
    /** Whether {@code calibrate} measures AUTO's crossovers for this op (false: AUTO routes it by its spec's defaults). */
    boolean calibrated() default true;

    /**
     * The sizes {@code calibrate} sweeps: geometric, factor 4, from 16 elements (where the fixed cost of a
     * call dominates) to 4 Mi elements (32 MiB per array, the L3 size of the machine this was tuned on).
     */
    String[] sweep() default {"16", "64", "256", "1024", "4096", "16384", "65536", "262144", "1048576", "4194304"};

    /**
     * Turns a size parameter value into the "size" a threshold is written in. Element counts by default;
     * fib, whose cost is not its element count, says what it uses instead.
     */
    Class<? extends LongUnaryOperator> work() default ElementCount.class;

    /**
     * Bytes one element moves between memory and the core as the kernel is written (reads plus writes, no
     * write-allocate, as STREAM counts): the report's GB/s. 0: not a streaming kernel.
     */
    int bytesPerElement() default 0;

    /**
     * The test of {@code jkernels-stream} whose bandwidth is this kernel's limit: the one that moves the
     * same kind of traffic ({@code sum} for read-only kernels; {@code scale} for one read and one write to
     * another array, which pays write-allocate; {@code update} for one read and one write in place;
     * {@code axpy} for two reads and one write in place, {@code triad} to another array). Empty: no
     * bandwidth limit is quoted.
     */
    String streamTest() default "";

    /** Floating-point operations per element, for GFLOP/s at in-cache sizes. 0: none quoted. */
    double flopsPerElement() default 0;

    /**
     * Floating-point operations of one call at a size, when they are not {@code flopsPerElement x size}
     * (Mandelbrot: the iterations its pixels take). The default uses {@link #flopsPerElement}.
     */
    Class<? extends LongUnaryOperator> flopsPerCall() default PerElement.class;

    /** The default measure: the size parameter is an element count. */
    final class ElementCount implements LongUnaryOperator {
        @Override
        public long applyAsLong(long size) {
            return size;
        }
    }

    /** Marker: FLOPs per call are {@link #flopsPerElement} times the size. */
    final class PerElement implements LongUnaryOperator {
        @Override
        public long applyAsLong(long size) {
            throw new UnsupportedOperationException("marker: use flopsPerElement");
        }
    }
}
