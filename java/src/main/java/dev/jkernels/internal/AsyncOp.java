package dev.jkernels.internal;

/**
 * An operation to run asynchronously, the same description for both engines, and what it produced. Not API.
 */
public sealed interface AsyncOp {
    /** The op's size in items, for progress. */
    long items();

    /** perItem: a failing item is reported and the others go on; otherwise the first failure stops the op. */
    record MapLong(KernelSpec.OfLong kernel, long[] in, boolean perItem) implements AsyncOp {
        public long items() {
            return in.length;
        }
    }

    record MapDouble(KernelSpec.OfDouble kernel, double[] in, boolean perItem) implements AsyncOp {
        public long items() {
            return in.length;
        }
    }

    record Sum(double[] x) implements AsyncOp {
        public long items() {
            return x.length;
        }
    }

    record Dot(double[] x, double[] y) implements AsyncOp {
        public long items() {
            return x.length;
        }
    }

    /** Produces the new y. */
    record Axpy(double a, double[] x, double[] y) implements AsyncOp {
        public long items() {
            return x.length;
        }
    }

    /** Produces the new x. */
    record Scale(double a, double[] x) implements AsyncOp {
        public long items() {
            return x.length;
        }
    }

    /** schedule: 0 dynamic, 1 static (jk_schedule). */
    record Mandelbrot(int width, int height, double xMin, double xMax, double yMin, double yMax,
            int maxIterations, int schedule) implements AsyncOp {
        public long items() {
            return (long) width * height;
        }
    }

    /**
     * What a finished op produced: {@code value} is its array (long[], double[] or int[]) or a Double for a
     * reduction, present when the op ran to its end (for a perItem map also when items failed), else null; {@code badIndex} the lowest failing item (-1 if none),
     * {@code failedItems} every failing item of a perItem map; {@code failure} a Java exception a Java twin
     * threw (never expected).
     */
    record Outcome(Object value, int status, long badIndex, long[] failedItems, Throwable failure) {
        public static final int OK = 0, DOMAIN = 3, CANCELLED = 9;
    }
}
