#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The seed's own example against jkernels, on this machine.

Times the seed's multiprocessing.Pool().map(fib, [38, 37, 36, 35, 34, 33]) with the seed's fib, several
runs, and takes the median; then runs the same list on a jkernels NATIVE pool of every usable CPU through
the bench jar's `seedfib` command, and prints both medians and their ratio.

Both sides build their pool once and time only map(), as a long-lived program would; the seed's
example also pays for starting its worker processes, which this leaves out on purpose (jkernels' JVM
start is left out too). A benchmark aid, not a test: on a shared machine, run it when the machine is quiet.

    python3 bench/scripts/seed_compare.py [--runs 3] [--jkernels-runs 15] [--java java] [--jar PATH]

Standard library only.
"""
import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time

SEED = [38, 37, 36, 35, 34, 33]
EXPECTED = [39088169, 24157817, 14930352, 9227465, 5702887, 3524578]


# The seed's function, as the seed prints it.
def fib(n):
    """computing the Fibonacci in an inefficient way
    was chosen to slow down the CPU."""
    if n <= 2:
        return 1
    else:
        return fib(n-1)+fib(n-2)


def python_median_ms(runs):
    times = []
    with multiprocessing.Pool() as pool:
        for i in range(runs):
            start = time.perf_counter()
            result = pool.map(fib, SEED)
            elapsed = (time.perf_counter() - start) * 1000.0
            if result != EXPECTED:
                sys.exit(f"seed fib returned {result}, expected {EXPECTED}")
            times.append(elapsed)
            print(f"  python run {i + 1}/{runs}: {elapsed:.0f} ms", flush=True)
    return statistics.median(times), len(os.sched_getaffinity(0))


def jkernels_median_ms(java, jar, runs):
    out = subprocess.run([java, "-jar", jar, "seedfib", str(runs)],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("SEEDFIB "):
            fields = dict(pair.split("=", 1) for pair in line.split()[1:])
            return float(fields["median_ms"]), fields
    sys.exit("no SEEDFIB line in the output of seedfib:\n" + out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Python runs (each takes seconds)")
    parser.add_argument("--jkernels-runs", type=int, default=15, help="jkernels runs")
    parser.add_argument("--java", default="java", help="java launcher (JDK 17+)")
    parser.add_argument("--jar", default=os.path.join(here, "..", "target", "jkernels-bench.jar"))
    args = parser.parse_args()
    if args.runs < 1 or args.jkernels_runs < 1:
        sys.exit("runs must be at least 1")
    if not os.path.isfile(args.jar):
        sys.exit(f"{args.jar} not found: build it first with 'mvn -B -DskipTests package'")

    print(f"seed: multiprocessing.Pool().map(fib, {SEED}), {args.runs} run(s), Python {sys.version.split()[0]}")
    py_ms, workers = python_median_ms(args.runs)
    print(f"seed: running jkernels through {args.jar} seedfib {args.jkernels_runs}")
    jk_ms, fields = jkernels_median_ms(args.java, args.jar, args.jkernels_runs)

    print()
    print(f"python multiprocessing.Pool ({workers} processes): median {py_ms:10.1f} ms of {args.runs}")
    print(f"jkernels NATIVE x{fields['threads']} ({fields['isa']}, JDK {fields['jdk']}):"
          f" median {jk_ms:10.1f} ms of {fields['runs']}")
    print(f"ratio (python / jkernels): {py_ms / jk_ms:.1f}x")
    print(f"SEEDCOMPARE python_ms={py_ms:.3f} jkernels_ms={jk_ms:.3f} ratio={py_ms / jk_ms:.3f}")


if __name__ == "__main__":
    main()
