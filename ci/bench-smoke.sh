#!/usr/bin/env bash
# Smoke test of the benchmark harness (bench/): every benchmark runs once at its smallest size, then the
# report, quick, calibrate and seedfib commands in their cheapest forms, and a JDK 25 pass when one is
# installed. Proves the harness works end to end; measures nothing worth reading. Under 3 minutes on
# 2 cores. Needs bench/target/jkernels-bench.jar, which 'mvn -B verify' builds.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=bench/target/jkernels-bench.jar
java=${JAVA:-java}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$jar" ] || { echo "ci/bench-smoke.sh: $jar is missing; run 'mvn -B verify' first" >&2; exit 1; }

out=$(mktemp -d "${TMPDIR:-/tmp}/jkernels-bench-smoke.XXXXXX")
trap 'rm -rf "$out"' EXIT
start=$SECONDS
passed=0

# Runs a step with its output in a log; shows the log's end if it fails.
step() {
  local name=$1; shift
  echo "bench smoke: $name"
  if ! "$@" > "$out/step.log" 2>&1; then
    echo "bench smoke: FAILED: $name" >&2
    tail -n 60 "$out/step.log" >&2
    echo "bench-smoke: $passed passed, 1 failed"
    exit 1
  fi
  passed=$((passed + 1))
}

# Fails unless every benchmark JMH lists has a result in the JSON file.
all_benchmarks_in() {
  local names
  names=$("$java" -jar "$jar" -l | tail -n +2)
  [ -n "$names" ] || { echo "no benchmarks listed"; return 1; }
  for name in $names; do
    grep -q "\"benchmark\" : \"$name\"" "$1" || { echo "no result for $name in $1"; return 1; }
  done
}

# 1 fork, no warm-up, one 100 ms iteration, smallest sizes; -foe: any exception fails the run.
jmh_once=(-f 1 -wi 0 -i 1 -r 100ms -foe true)
step "every benchmark once, smallest size" \
  "$java" -jar "$jar" "${jmh_once[@]}" -p size=16 -p n=5 -rf json -rff "$out/smoke.json"
step "every benchmark has a result" all_benchmarks_in "$out/smoke.json"
# Two sizes for one benchmark, so the report has a chart to draw.
step "two sizes of sum, for a chart" \
  "$java" -jar "$jar" SumBench "${jmh_once[@]}" -p size=16,64 -p impl=LOOP,JAVA_1,NATIVE_N -rf json -rff "$out/sum.json"
step "report" "$java" -jar "$jar" report "$out/smoke.json" "$out/sum.json" --out "$out/report"
step "report wrote tables and a chart" \
  bash -c "grep -q '^## sum' '$out/report/REPORT.md' && test -s '$out/report/charts/sum-sum.png'"
step "quick --smoke" "$java" -jar "$jar" quick --smoke
step "calibrate --smoke" "$java" -jar "$jar" calibrate "$out/thresholds.properties" --smoke
step "calibrate wrote every key" bash -c "for op in fib square dsquare sum dot axpy scale; do
  grep -q \"^\$op.native=[0-9]\" '$out/thresholds.properties' && grep -q \"^\$op.parallel=[0-9]\" '$out/thresholds.properties' || exit 1; done"
step "seedfib" bash -c "'$java' -jar '$jar' seedfib 1 | grep -q '^SEEDFIB median_ms='"
if [ -x "$jdk25/bin/java" ]; then
  step "JDK 25: one benchmark" \
    "$jdk25/bin/java" -jar "$jar" SumBench "${jmh_once[@]}" -p size=16 -p impl=JAVA_1,NATIVE_N,NETLIB
  step "JDK 25: seedfib" bash -c "'$jdk25/bin/java' -jar '$jar' seedfib 1 | grep -q '^SEEDFIB median_ms='"
else
  echo "bench smoke: no JDK 25 at $jdk25; skipping its steps"
fi

echo "bench smoke: done in $((SECONDS - start)) s"
echo "bench-smoke: $passed passed, 0 failed"
