#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""numpy's sort and argsort on SortBench's inputs, as the peer of that benchmark (and of native/bench/bench_sort).

Usage: python3 bench/scripts/sort_numpy.py [rounds] [size]   (default 7 rounds, 10,000,000 keys)
np.sort(kind="quicksort") is numpy's SIMD sort (x86-simd-sort on AVX-512, or Highway's vqsort on AVX2 in recent
releases); argsort is timed with kind="stable" (the permutation jkernels gives) and with the default kind
(not stable: ties in any order). Prints the median ms over rounds and the min-max, each call on a fresh copy.
Inputs as SortBench makes them: uniform doubles in [0, 1), longs and ints over their whole range, floats from the
doubles; the patterns on doubles.
"""
import sys
import time

import numpy as np


def keys(kind, pattern, n, rng):
    i = np.arange(n, dtype=np.float64)
    patterns = {
        "random": lambda: rng.random(n),
        "sorted": lambda: i,
        "reversed": lambda: n - i,
        "equal": lambda: np.full(n, 7.0),
        "few": lambda: rng.integers(0, 4, n).astype(np.float64),
        "organ": lambda: np.where(i < n // 2, i, n - i),
        "sawtooth": lambda: i % 1000,
        "oneswap": lambda: swapped(i.copy(), n),
        "killer": lambda: np.where(i % 2 == 0, i, n // 2 + i),
    }
    d = patterns[pattern]()
    if kind == "float64":
        return d
    if kind == "float32":
        return d.astype(np.float32)
    info = np.iinfo(kind)
    if pattern == "random":
        return rng.integers(info.min, info.max, n, dtype=kind, endpoint=True)
    return d.astype(kind)


def swapped(x, n):
    x[n // 3], x[n // 2] = x[n // 2], x[n // 3]
    return x


def measure(f, x, rounds):
    times = []
    for _ in range(rounds):
        y = x.copy()
        t0 = time.perf_counter()
        f(y)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2], times[0], times[-1]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    rng = np.random.default_rng(11)
    print("numpy", np.__version__, "n =", n)
    for kind in ("float64", "int64", "float32", "int32"):
        x = keys(kind, "random", n, rng)
        for label, f in (("sort", lambda y: y.sort(kind="quicksort")),
                         ("argsort stable", lambda y: np.argsort(y, kind="stable")),
                         ("argsort default", lambda y: np.argsort(y))):
            med, lo, hi = measure(f, x, rounds)
            print(f"  {label:16s} {kind:8s} random    {med:9.1f} ms  [{lo:.1f}, {hi:.1f}]", flush=True)
    for pattern in ("sorted", "reversed", "equal", "few", "organ", "sawtooth", "oneswap", "killer"):
        x = keys("float64", pattern, n, rng)
        med, lo, hi = measure(lambda y: y.sort(kind="quicksort"), x, rounds)
        print(f"  {'sort':16s} float64  {pattern:9s} {med:9.1f} ms  [{lo:.1f}, {hi:.1f}]", flush=True)


if __name__ == "__main__":
    main()
