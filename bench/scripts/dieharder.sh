#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# dieharder on jkernels' Philox4x32-10 stream: the raw 32-bit words of a seed's stream (randombits, in stream
# order) piped into dieharder's raw-input generator (-g 200).
#
#   bench/scripts/dieharder.sh full [SEED]   the whole default battery (dieharder -a): hours on 2 cores, and
#                                             more than 10 GiB of the stream (dieharder reports what it read)
#   bench/scripts/dieharder.sh quick [SEED]  a few fast tests (a minute or two)
#
# Needs dieharder (Debian: apt-get update && apt-get install -y dieharder) and the bench jar (mvn -B -q
# -DskipTests package). A benchmark aid, not a unit test: a p-value near 0 or 1 now and then is expected
# (dieharder's WEAK); a FAILED test, or the same WEAK again under other seeds, is not.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-quick}
seed=${2:-42}
jar=bench/target/jkernels-bench.jar
command -v dieharder > /dev/null || { echo "dieharder is not installed (apt-get install -y dieharder)" >&2; exit 2; }
[ -f "$jar" ] || { echo "$jar is missing: build it first (mvn -B -q -DskipTests package)" >&2; exit 2; }
stream() { java -jar "$jar" randombits --seed "$seed"; }
case "$mode" in
  full)
    stream | dieharder -g 200 -a
    ;;
  quick)
    # birthday spacings, 32x32 binary rank, and NIST's monobit, runs and serial tests; fails on a FAILED
    out=$(mktemp)
    trap 'rm -f "$out"' EXIT
    for test in 0 2 100 101 102; do
      stream | dieharder -g 200 -d "$test" | tee -a "$out"
    done
    passed=$(grep -c 'PASSED' "$out" || true) weak=$(grep -c 'WEAK' "$out" || true) failed=$(grep -c 'FAILED' "$out" || true)
    echo "dieharder quick, seed $seed: $passed passed, $weak weak, $failed failed"
    [ "$failed" = 0 ]
    ;;
  *)
    echo "usage: $0 full|quick [SEED]" >&2
    exit 2
    ;;
esac
