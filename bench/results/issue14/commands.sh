#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The SortBench runs in this folder (run from the repository root after `mvn -B -q install -DskipTests`).
# O is where the JSON goes. The first block ran at f498950, the second at 7b3d145 (README.md here).
J17=java; J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; JAR=bench/target/jkernels-bench.jar; O=${O:-.}
BIG="-f 3 -wi 3 -w 1s -i 5 -r 500ms"; SMALL="-f 3 -wi 3 -w 500ms -i 5 -r 200ms"
TYPES="-p type=double,long,float,int -p size=10000000 -p pattern=random"
PATS="-p pattern=sorted,reversed,equal,few,organ,sawtooth,oneswap,killer"
for J in 17 25; do
  JAVA=$([ $J = 17 ] && echo $J17 || echo $J25)
  $JAVA -jar $JAR SortBench $BIG -p op=sort $TYPES -p impl=ARRAYS_SORT,JDK_PARALLEL,NATIVE_1,NATIVE_N -rf json -rff $O/sort$J.json
  $JAVA -jar $JAR SortBench $BIG -p op=argsort $TYPES -p impl=JAVA_1,NATIVE_1,NATIVE_N -rf json -rff $O/argsort$J.json
  $JAVA -jar $JAR SortBench $SMALL -p op=sort -p type=double,int -p size=16,64,256,1024 -p pattern=random \
      -p impl=ARRAYS_SORT,JAVA_1,NATIVE_1,AUTO_N -rf json -rff $O/small$J.json
done
$J17 -jar $JAR SortBench $BIG -p op=sort -p type=double -p size=10000000 $PATS -p impl=NATIVE_1,NATIVE_N -rf json -rff $O/patterns17.json
$J17 -jar $JAR SortBench $BIG -p op=sort -p type=double -p size=10000000 $PATS -p impl=ARRAYS_SORT -rf json -rff $O/patternsjdk17.json
$J17 -jar $JAR SortBench $BIG -jvmArgsAppend -Djkernels.isa=avx2 -p op=sort $TYPES -p impl=NATIVE_1,NATIVE_N -rf json -rff $O/avx2sort17.json
$J17 -jar $JAR SortBench $BIG -jvmArgsAppend -Djkernels.isa=avx2 -p op=sort -p type=double -p size=10000000 $PATS -p impl=NATIVE_1 -rf json -rff $O/avx2patterns17.json
python3 bench/scripts/sort_numpy.py 7 > $O/numpy.txt

# At 7b3d145 (sorted and reversed input found in one pass; the argsort figures again on both JDKs).
$J17 -jar $JAR SortBench $BIG -p op=sort -p type=double -p size=10000000 -p pattern=random,sorted,reversed,equal -p impl=NATIVE_1,NATIVE_N -rf json -rff $O/patterns17b.json
$J25 -jar $JAR SortBench $BIG -p op=argsort -p type=double,int -p size=10000000 -p impl=NATIVE_1 -rf json -rff $O/argsort25b.json
$J17 -jar $JAR SortBench $BIG -p op=argsort -p type=double,int -p size=10000000 -p impl=NATIVE_1 -rf json -rff $O/argsort17b.json
# Without JNI (build with -DJK_BUILD_TESTS=ON): native/bench/bench_sort 3 2 10000000 > bench_sort_avx512.txt
