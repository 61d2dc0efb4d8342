// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import java.util.Locale;
import org.openjdk.jmh.annotations.Param;

/**
 * expm1, log1p, tanh, sigmoid, sin and cos of {@code math()} on doubles and floats against their peers
 * ({@link ElementwiseMathBench} says which), outside {@code full} (no {@code @OpInfo}: the suite's time
 * budget). Run through the jar, e.g. {@code java -jar bench/target/jkernels-bench.jar MathFunctionsBench
 * -p fn=tanh -p type=double -rf json -rff out.json}; bench/README.md lists the runs behind the README's table.
 * JDK_PARALLEL runs for doubles only (the JDK has no {@code parallelSetAll} of a float array).
 */
public class MathFunctionsBench extends ElementwiseMathBench {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.VECTOR_API, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    @Param({"expm1", "log1p", "tanh", "sigmoid", "sin", "cos"})
    public String fn;

    @Param({"double", "float"})
    public String type;

    @Param({"1048576"})
    public int size;

    @Override
    String impl() {
        if (impl.equals(Impl.JDK_PARALLEL) && floats()) {
            throw new IllegalArgumentException("JDK_PARALLEL has no float form: run it with -p type=double");
        }
        return impl;
    }

    @Override
    int size() {
        return size;
    }

    @Override
    Fn fn() {
        return Fn.valueOf(fn.toUpperCase(Locale.ROOT));
    }

    @Override
    boolean floats() {
        return switch (type) {
            case "double" -> false;
            case "float" -> true;
            default -> throw new IllegalArgumentException("type is double or float, not " + type);
        };
    }
}
