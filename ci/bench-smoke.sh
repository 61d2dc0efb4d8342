#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Smoke test of the benchmark harness (bench/): every benchmark class and every implementation once through
# `full --smoke` (one fork, one 10 ms iteration, one small size; STREAM on small arrays), the FFM class on
# JDK 25, then report (REPORT.md, charts, the README headline between its markers, and its refusal when the
# markers are missing), quick (two kernels), calibrate (and its refusal of an unknown flag), stream, seedfib,
# probe and help.
# Proves the harness works end to end; measures nothing worth reading. Under 3 minutes on 2 cores.
# Needs bench/target/jkernels-bench.jar and bench/target/jkernels-stream, which 'mvn -B verify' builds.
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

# Runs a step that must fail, and whose output must contain a text.
step_fails() {
  local name=$1 expect=$2; shift 2
  echo "bench smoke: $name"
  if "$@" > "$out/step.log" 2>&1 || ! grep -q -- "$expect" "$out/step.log"; then
    echo "bench smoke: FAILED: $name (expected a failure saying '$expect')" >&2
    tail -n 30 "$out/step.log" >&2
    echo "bench-smoke: $passed passed, 1 failed"
    exit 1
  fi
  passed=$((passed + 1))
}

# Fails unless every benchmark JMH lists (but those named in $3, a regex) has a result in the JSON file $2.
all_benchmarks_in() {
  local javabin=$1 json=$2 except=${3:-^$} names
  names=$("$javabin" -jar "$jar" -l | tail -n +2 | grep -Ev "$except")
  [ -n "$names" ] || { echo "no benchmarks listed"; return 1; }
  for name in $names; do
    grep -q "\"benchmark\" : \"$name\"" "$json" || { echo "no result for $name in $json"; return 1; }
  done
}

step "full --smoke: every class and implementation once, STREAM, environment record" \
  "$java" -jar "$jar" full --smoke --out "$out/jdk17.json"
step "every benchmark but FFM (JDK 22+) has a result; the record says why FFM was skipped" bash -c "
  $(declare -f all_benchmarks_in); jar='$jar'
  all_benchmarks_in '$java' '$out/jdk17.json' 'FfmCrossingBench' &&
  grep -q '^run.skipped.FfmCrossingBench=' '$out/jdk17.env.properties' &&
  grep -q '^git.sha=' '$out/jdk17.env.properties' && grep -q '^stream.triad.t1.gbs=' '$out/jdk17.env.properties' &&
  grep -q '^cpu.l3.bytes=' '$out/jdk17.env.properties' && grep -q '^native.isa=' '$out/jdk17.env.properties'"
step "full --dry-run prints the plan and its time" bash -c "'$java' -jar '$jar' full --dry-run | grep -q 'total .* points, about .* min'"
if [ -x "$jdk25/bin/java" ]; then
  step "JDK 25: full --smoke of sum, the crossings and FFM" \
    "$jdk25/bin/java" -jar "$jar" full --smoke --only '^kernel:sum$|crossing|ffm' --out "$out/jdk25.json"
  step "JDK 25: the FFM benchmarks ran" bash -c "grep -q 'FfmCrossingBench.ffmDowncall' '$out/jdk25.json' &&
    grep -q 'FfmCrossingBench.ffmCriticalDowncall' '$out/jdk25.json'"
  step "JDK 25: seedfib" bash -c "'$jdk25/bin/java' -jar '$jar' seedfib 1 | grep -q '^SEEDFIB median_ms='"
  runs=("$out/jdk17.json" "$out/jdk25.json")
else
  echo "bench smoke: no JDK 25 at $jdk25; skipping its steps"
  runs=("$out/jdk17.json")
fi

printf '# README\n\n<!-- bench:headline:start -->\nstale\n<!-- bench:headline:end -->\n\nrest\n' > "$out/README.md"
step "report: REPORT.md, charts and the README headline" \
  "$java" -jar "$jar" report "${runs[@]}" --out "$out/report" --readme "$out/README.md"
step "report wrote every section, a chart and the headline between the markers" bash -c "
  for section in '## Headline' '## fib' '## sum' '## mandelbrot' '## AUTO' '## Crossing' '## Thread scaling' \
      '## Per-call overhead' '## Cold calls' 'What this means'; do
    grep -q \"\$section\" '$out/report/REPORT.md' || { echo \"missing: \$section\"; exit 1; }; done
  test -s '$out/report/charts/sum-jdk17.png' &&
  grep -q '^| sum | 1 Ki | JDK 17' '$out/README.md' && ! grep -q stale '$out/README.md' && grep -q '^rest' '$out/README.md'"
printf '# README without markers\n' > "$out/NOMARKERS.md"
step_fails "report refuses a README without markers" "bench:headline:start" \
  "$java" -jar "$jar" report "$out/jdk17.json" --out "$out/report2" --readme "$out/NOMARKERS.md"
# quick's path is the same for every kernel (full --smoke ran them all): two, one vector and one matrix, prove it.
step "quick --smoke of sum and gemm prints its table" bash -c "set -o pipefail
  '$java' -jar '$jar' quick --only '^(sum|gemm)\$' --smoke > '$out/quick.txt' &&
  grep -Eq '^sum +1 Ki +[0-9.]+ [^ ]*s ' '$out/quick.txt' && grep -Eq '^gemm +256 +[0-9.]+ [^ ]*s ' '$out/quick.txt'"
step_fails "quick refuses a pattern that matches no kernel" "matches no kernel" \
  "$java" -jar "$jar" quick --only '^nothing$' --smoke
step "calibrate --smoke" "$java" -jar "$jar" calibrate --out "$out/thresholds.properties" --smoke
step "calibrate wrote every key" bash -c "for op in fib square dsquare sum dot axpy scale; do
  grep -q \"^\$op.native=[0-9]\" '$out/thresholds.properties' && grep -q \"^\$op.parallel=[0-9]\" '$out/thresholds.properties' || exit 1; done"
step_fails "calibrate refuses an unknown flag" "unknown option" "$java" -jar "$jar" calibrate --smok
step "stream --smoke" bash -c "'$java' -jar '$jar' stream --smoke | grep -q '^stream.triad.t1.gbs='"
step "seedfib" bash -c "'$java' -jar '$jar' seedfib 1 | grep -q '^SEEDFIB median_ms='"
step "probe" bash -c "'$java' -jar '$jar' probe 2>/dev/null | grep -q '^native.isa='"
step "help" bash -c "'$java' -jar '$jar' help | grep -q 'calibrate'"

echo "bench smoke: done in $((SECONDS - start)) s"
echo "bench-smoke: $passed passed, 0 failed"
