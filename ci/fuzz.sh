#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# libFuzzer over the native C API under ASan+UBSan: native/fuzz/fuzz_ops.c, one run per op family, each with
# its seed corpus from native/fuzz/corpus/<family> (the run's new inputs go to target/fuzz, not the repo).
# Installs Debian's clang, libclang-rt-14-dev (libFuzzer's runtime) and libfuzzer-14-dev when missing; where it cannot (no root, no package mirror), says
# SKIPPED loudly and exits 0. Any finding fails the run and leaves its crash input in target/fuzz/findings.
# Usage: ci/fuzz.sh [seconds per family, default 15]; a longer hunt: ci/fuzz.sh 600.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}

have_clang() { command -v clang > /dev/null && ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a > /dev/null 2>&1; }
if ! have_clang; then
  if ! { bash ci/apt-install.sh clang libclang-rt-14-dev libfuzzer-14-dev && have_clang; }; then
    echo "fuzz: SKIPPED: clang with libFuzzer is not installed and apt-get could not install it" >&2
    exit 0
  fi
fi

out=target/fuzz
mkdir -p "$out/findings"
CC=clang cmake -S . -B "$out/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJK_SANITIZE=address,undefined \
  -DJK_BUILD_FUZZERS=ON -DJK_BUILD_TESTS=OFF > "$out/configure.log" 2>&1 || { cat "$out/configure.log" >&2; exit 1; }
cmake --build "$out/build" --parallel 2 --target fuzz_ops > "$out/build.log" 2>&1 || { tail -n 40 "$out/build.log" >&2; exit 1; }

# family, the operations it covers (a regular expression over op names), the ones it leaves to other families
families=(
  "map      ^map_"
  "image    ^mandelbrot_"
  "random   ^random_"
  "sort     ^(arg)?sort_"
  "blas     ^gem[mv]_"
  "math     ^math_"
  "vector   .  ^(map_|mandelbrot_|random_|(arg)?sort_|gem[mv]_|math_)"
)
# Operations whose work an integer scalar sets (not a slot length): the harness keeps those scalars small.
export JK_FUZZ_SCALAR_WORK='^random_(pi|option)$'
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=abort_on_error=0
total=0
for line in "${families[@]}"; do
  read -r family include skip <<< "$line"
  corpus="$out/corpus/$family"
  mkdir -p "$corpus"
  log="$out/$family.log"
  if ! JK_FUZZ_OPS=$include JK_FUZZ_SKIP=${skip:-} "$out/build/native/fuzz/fuzz_ops" -max_total_time="$seconds" \
       -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$out/findings/$family-" \
       "$corpus" "native/fuzz/corpus/$family" > "$log" 2>&1; then
    echo "fuzz: FINDING in family $family:" >&2
    grep -E 'ERROR|runtime error|fuzz_ops:|SUMMARY|Test unit written' "$log" | head -n 30 >&2 || true
    echo "fuzz: the whole log: $log" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  ops=$(grep -o 'fuzz_ops: [0-9]* operations' "$log" | grep -o '[0-9]*' || true)
  [ -n "$runs" ] && [ -n "$ops" ] || { echo "fuzz: no statistics in $log" >&2; exit 1; }
  total=$((total + runs))
  echo "fuzz: $family: $ops operations, $runs executions in ${seconds} s, no findings"
done
echo "fuzz: $total executions in all, no findings"
