// SPDX-License-Identifier: Apache-2.0
/**
 * jkernels: CPU-heavy numeric kernels run by a native library on its own pthread pool, each with a
 * pure-Java twin that computes the same bits. Start with {@link dev.jkernels.KernelPool}.
 *
 * <p>Only {@code dev.jkernels} is API. The packages {@code dev.jkernels.internal} (engines, the op layer,
 * the JNI bridge, the loader) and {@code dev.jkernels.cli} (the tour behind {@code java -jar}) are not:
 * they change without notice, and on the module path they are not even readable.
 */
module dev.jkernels {
    exports dev.jkernels;
}
