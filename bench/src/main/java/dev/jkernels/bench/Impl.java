package dev.jkernels.bench;

import java.util.List;

/**
 * The implementations a benchmark's {@code impl} parameter can select. Each benchmark class lists the ones
 * that make sense for its kernel; the names head the rows of the report and the columns of {@code quick}.
 * Constants rather than an enum so that {@code @Param} lists can name them.
 */
public final class Impl {
    /** A plain sequential Java loop, written the obvious way: the baseline every speedup is relative to. */
    public static final String LOOP = "LOOP";
    /** The JDK's own parallelism: parallel streams or {@code Arrays.parallelSetAll} on the common pool. */
    public static final String JDK_PARALLEL = "JDK_PARALLEL";

    /**
     * jkernels, JAVA backend, 1 thread: the pure-Java twin, on the calling thread when the call is one cheap
     * chunk, else on the pool's one worker.
     */
    public static final String JAVA_1 = "JAVA_1";
    /** jkernels, JAVA backend, {@code KernelPool.availableCpus()} threads. */
    public static final String JAVA_N = "JAVA_N";
    /** jkernels, NATIVE backend, 1 pthread. */
    public static final String NATIVE_1 = "NATIVE_1";
    /** jkernels, NATIVE backend, {@code KernelPool.availableCpus()} pthreads. */
    public static final String NATIVE_N = "NATIVE_N";
    /** jkernels, AUTO backend, {@code KernelPool.availableCpus()} threads: whatever the library picks. */
    public static final String AUTO_N = "AUTO_N";

    /** dev.ludovic.netlib BLAS, whichever implementation {@code BLAS.getInstance()} picks. */
    public static final String NETLIB = "NETLIB";
    /** EJML's dense row-major operations on wrapped arrays. */
    public static final String EJML = "EJML";
    /** ojAlgo's {@code ArrayR064} on wrapped arrays. */
    public static final String OJALGO = "OJALGO";

    /** Every name, in the order reports list them. */
    public static final List<String> ALL = List.of(
            LOOP, JDK_PARALLEL, JAVA_1, JAVA_N, NATIVE_1, NATIVE_N, AUTO_N, NETLIB, EJML, OJALGO);

    private Impl() {}

    /**
     * True when the implementation runs Java code only. NETLIB counts as Java unless it picked its JNI
     * implementation (a system BLAS); {@code netlibImplementation} is the class name it reported.
     */
    public static boolean isPureJava(String impl, String netlibImplementation) {
        return switch (impl) {
            case LOOP, JDK_PARALLEL, JAVA_1, JAVA_N, EJML, OJALGO -> true;
            case NETLIB -> netlibImplementation != null && !netlibImplementation.contains("JNI");
            default -> false;
        };
    }
}
