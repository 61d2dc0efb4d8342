#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The runs behind bench/results/issue13 (the README's "Element-wise math" throughput table): JMH on the bench jar,
# 3 forks each, on a quiet machine. JDK 17 is `java`; JDK 25 is Temurin's. Run from the project root after
# `mvn -B -q -DskipTests install`.
set -euo pipefail
JAR=bench/target/jkernels-bench.jar
OUT=bench/results/issue13
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
RUN=(-f 3 -wi 2 -w 500ms -i 5 -r 300ms -rf json)

for jdk in 17 25; do
  JAVA=java
  [ "$jdk" = 25 ] && JAVA=$J25
  # the six new functions, every implementation and both types (JDK_PARALLEL: doubles only)
  $JAVA -jar $JAR MathFunctionsBench -p type=double "${RUN[@]}" -rff $OUT/functions-double-jdk$jdk.json
  $JAVA -jar $JAR MathFunctionsBench -p type=float \
    -p impl=LOOP,VECTOR_API,JAVA_N,NATIVE_1,NATIVE_N,AUTO_N "${RUN[@]}" -rff $OUT/functions-float-jdk$jdk.json
  # exp and log, the same settings, for the same table
  $JAVA -jar $JAR 'ExpBench|LogBench|ExpFloatBench|LogFloatBench' "${RUN[@]}" -rff $OUT/explog-jdk$jdk.json
done
# the AVX2 path on the same AVX-512 CPU (what an AVX2-only machine runs, at this machine's clocks)
java -jar $JAR MathFunctionsBench -p impl=NATIVE_1,NATIVE_N -jvmArgsAppend -Djkernels.isa=avx2 "${RUN[@]}" \
  -rff $OUT/functions-avx2-jdk17.json
java -jar $JAR 'ExpBench|LogBench|ExpFloatBench|LogFloatBench' -p impl=NATIVE_1,NATIVE_N -jvmArgsAppend -Djkernels.isa=avx2 \
  "${RUN[@]}" -rff $OUT/explog-avx2-jdk17.json
# numpy (and scipy's expit for the sigmoid), single-threaded, the same inputs
python3 bench/scripts/numpy_peers.py --only exp,log,expm1,log1p,tanh,sigmoid,sin,cos > $OUT/numpy.md
