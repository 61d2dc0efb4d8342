#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""numpy's matmul (its bundled OpenBLAS) on native/bench/bench_gemm.c's shapes, as the peer of that benchmark.

Usage: OPENBLAS_NUM_THREADS=1 python3 bench/scripts/gemm_numpy.py [rounds]   (and again with 2)
Prints the median GFLOP/s over rounds and the min-max, one line per shape and type, like bench_gemm.
"""
import sys
import time

import numpy as np

SHAPES = [(512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048), (2048, 2048, 64), (64, 2048, 2048),
          (4096, 4096, 256), (4, 4, 4), (8, 8, 8), (16, 16, 16), (32, 32, 32)]  # m, n, k


def measure(m, n, k, dtype, rounds):
    a = (np.arange(m * k) % 7 * 0.25).astype(dtype).reshape(m, k)
    b = (np.arange(k * n) % 5 * 0.5).astype(dtype).reshape(k, n)
    c = np.empty((m, n), dtype)
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    calls = int(0.02 / (time.perf_counter() - t0 + 1e-9)) + 1
    rates = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        rates.append(2.0 * m * n * k * calls / (time.perf_counter() - t0) / 1e9)
    rates.sort()
    return rates[len(rates) // 2], rates[0], rates[-1]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("numpy", np.__version__)
    for dtype, name in ((np.float64, "dgemm"), (np.float32, "sgemm")):
        for m, n, k in SHAPES:
            med, lo, hi = measure(m, n, k, dtype, rounds)
            print(f"  {name} {m:5d} x {n:5d} x {k:5d}  {med:7.1f} GFLOP/s  [{lo:.1f}, {hi:.1f}]", flush=True)


if __name__ == "__main__":
    main()
