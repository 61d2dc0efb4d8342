#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""numpy's element-wise math and random numbers on this machine: the peer of ExpBench, LogBench,
ExpFloatBench, LogFloatBench, MathFunctionsBench, UniformBench and NormalBench.

Times np.exp(x, out=y), np.log, np.expm1, np.log1p, np.tanh, np.sin, np.cos and scipy.special.expit (the
sigmoid; numpy has none) on 1 Mi float64 and float32 elements (the inputs of the Java benchmarks, RANGES:
ElementwiseMathBench.Fn's), writing into an array allocated once, as the Java side does; and numpy's Generator(Philox) and Generator(PCG64) filling 1 Mi float64 values with .random(out=y)
and .standard_normal(out=y), and their raw 64-bit output (bit_generator.random_raw, which allocates). Each
function runs --forks separate processes (a fresh interpreter each, like a JMH fork), each
--warmup calls, then --iterations timed batches of calls; the table shows the median over forks of each
fork's median batch, the range over forks, and G elements/s. numpy is single-threaded here, and says which
SIMD paths it was built with and uses (its SVML-based AVX-512 exp and log, where the CPU has AVX-512F).

    python3 bench/scripts/numpy_peers.py [--size 1048576] [--forks 3] [--iterations 15] [--only tanh,sin]

A benchmark aid, not a test: run it when the machine is quiet. Needs numpy (and scipy for the sigmoid).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

RANGES = {"exp": (-50, 50), "log": (2.0 ** -20, 1000), "expm1": (-5, 5), "log1p": (-0.99, 100), "tanh": (-5, 5),
          "sigmoid": (-20, 20), "sin": (-1000, 1000), "cos": (-1000, 1000)}
CASES = [(fn, dtype) for dtype in ("float64", "float32") for fn in RANGES] + [
         ("random", "Philox"), ("standard_normal", "Philox"), ("random_raw", "Philox"),
         ("random", "PCG64"), ("standard_normal", "PCG64"), ("random_raw", "PCG64")]
GENERATED = ("random", "standard_normal", "random_raw")  # the second field names the bit generator


def generator_call(fn, bit_generator, size):
    """A call filling `size` values from numpy's Generator on `bit_generator`, and its output array."""
    import numpy as np
    gen = np.random.Generator(getattr(np.random, bit_generator)(0xE70961))
    y = np.empty(size)
    if fn == "random_raw":
        return (lambda: gen.bit_generator.random_raw(size)), None
    method = getattr(gen, fn)
    return (lambda: method(out=y)), y


def one_fork(fn, dtype, size, warmup, iterations):
    import numpy as np
    if fn in GENERATED:
        call, y = generator_call(fn, dtype, size)
        for _ in range(warmup):
            call()
        calls = max(1, int(0.1 / max(1e-6, timed_call(call, 1))))
        batches = [timed_call(call, calls) / calls for _ in range(iterations)]
        if y is not None and not (np.isfinite(y).all() and abs(y.mean() - (0.5 if fn == "random" else 0)) < 0.01):
            sys.exit(f"numpy {fn} on {dtype}: implausible values")
        return statistics.median(batches)
    rng = np.random.default_rng(0xE70961)
    x = rng.uniform(*RANGES[fn], size).astype(dtype)
    y = np.empty_like(x)
    if fn == "sigmoid":
        from scipy.special import expit as f
    else:
        f = getattr(np, fn)
    for _ in range(warmup):
        f(x, out=y)
    calls = max(1, int(0.1 / max(1e-6, timed(f, x, y, 1))))  # about 100 ms a batch
    batches = [timed(f, x, y, calls) / calls for _ in range(iterations)]
    want = f(x.astype("float64")).astype(dtype)
    if not np.allclose(y, want, rtol=4 * np.finfo(dtype).eps, atol=0):
        sys.exit(f"numpy {fn} {dtype} disagrees with its own float64 result")
    return statistics.median(batches)


def timed_call(call, calls):
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return time.perf_counter() - start


def timed(f, x, y, calls):
    start = time.perf_counter()
    for _ in range(calls):
        f(x, out=y)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=1 << 20)
    p.add_argument("--forks", type=int, default=3)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--iterations", type=int, default=15)
    p.add_argument("--only", help="comma-separated functions or generators to run (default: all)")
    p.add_argument("--fork", nargs=2, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.fork:
        print(json.dumps(one_fork(a.fork[0], a.fork[1], a.size, a.warmup, a.iterations)))
        return
    import numpy as np
    print(f"numpy {np.__version__}, {a.size} elements, {a.forks} forks x {a.iterations} batches")
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features, __cpu_dispatch__ as dispatch
        print("CPU features used:", " ".join(k for k, v in features.items() if v and k.startswith("AVX512")) or "no AVX-512",
              "| dispatch targets built:", " ".join(dispatch))
    except ImportError:
        pass
    print("| function | dtype or generator | median per call | range over forks | G elements/s |")
    print("|---|---|---:|---|---:|")
    only = set(a.only.split(",")) if a.only else None
    for fn, dtype in CASES:
        if only and fn not in only:
            continue
        forks = []
        for _ in range(a.forks):
            out = subprocess.run([sys.executable, __file__, "--size", str(a.size), "--warmup", str(a.warmup),
                                  "--iterations", str(a.iterations), "--fork", fn, dtype],
                                 check=True, capture_output=True, text=True).stdout
            forks.append(float(out.strip()))
        m = statistics.median(forks)
        print(f"| {fn} | {dtype} | {m * 1e6:.0f} µs | {min(forks) * 1e6:.0f}–{max(forks) * 1e6:.0f} µs | "
              f"{a.size / m / 1e9:.2f} |")


if __name__ == "__main__":
    main()
