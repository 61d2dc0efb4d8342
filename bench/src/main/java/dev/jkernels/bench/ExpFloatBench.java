// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * {@code math().exp(x, out)} on floats against its peers ({@link ElementwiseMathBench} says which): what float
 * arithmetic buys over {@link ExpBench}, in fewer rows than the double table.
 */
@OpInfo(op = "exp_f32", calibrated = false, fullSizes = {"1048576"}, scalingSize = "1048576", quickSizes = {"1048576"})
public class ExpFloatBench extends ElementwiseMathBench {
    @Param({Impl.LOOP, Impl.VECTOR_API, Impl.NATIVE_1, Impl.NATIVE_N})
    public String impl;

    @Param({"1048576"})
    public int size;

    @Override
    Fn fn() {
        return Fn.EXP;
    }

    @Override
    boolean floats() {
        return true;
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
