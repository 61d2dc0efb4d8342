// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.openjdk.jmh.annotations.Param;

/** {@code math().log(x, out)} on doubles, against its peers ({@link ElementwiseMathBench} says which). */
@OpInfo(op = "log", calibrated = false, fullSizes = {"1048576"}, scalingSize = "1048576", quickSizes = {"1048576"})
public class LogBench extends ElementwiseMathBench {
    @Param({Impl.LOOP, Impl.JDK_PARALLEL, Impl.VECTOR_API, Impl.JAVA_N, Impl.NATIVE_1, Impl.NATIVE_N, Impl.AUTO_N})
    public String impl;

    @Param({"1048576"})
    public int size;

    @Override
    Fn fn() {
        return Fn.LOG;
    }

    @Override
    boolean floats() {
        return false;
    }

    @Override
    String impl() {
        return impl;
    }

    @Override
    int size() {
        return size;
    }
}
