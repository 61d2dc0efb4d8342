package dev.jkernels.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.LongUnaryOperator;

/**
 * What {@code quick} and {@code calibrate} need to know about a kernel's benchmark class. They find every
 * class carrying this annotation through JMH's benchmark list, so a new kernel's benchmark is one file.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpInfo {
    /** The operation's key in the thresholds file ({@code <op>.native}, {@code <op>.parallel}). */
    String op();

    /** The {@code @Param} field that sets the problem size. */
    String sizeParam() default "size";

    /** What the size is measured in, as the report's chart axis says it. */
    String sizeLabel() default "elements";

    /** The sizes {@code quick} runs: one small, one that fills a good part of the L3 cache. */
    String[] quickSizes() default {"1024", "1048576"};

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

    /** The default measure: the size parameter is an element count. */
    final class ElementCount implements LongUnaryOperator {
        @Override
        public long applyAsLong(long size) {
            return size;
        }
    }
}
