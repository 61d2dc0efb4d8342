#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The JUnit suite a second time: on Temurin 25 (JDK25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64) and under
# the JVM's JNI checker (-Xcheck:jni), failing on any warning it prints (ci/check-jni-log.sh). Where Temurin 25 is
# absent it says so loudly and runs the checked suite on the default JDK instead, so every CI run checks JNI once.
# Run after 'mvn -B verify' (it rebuilds only the java module).
set -euo pipefail
cd "$(dirname "$0")/.."

jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
log=target/junit-second-jdk.log
mkdir -p target
bash ci/check-jni-log.sh --self-test
if [ -x "$jdk25/bin/java" ]; then
  echo "junit-second-jdk: JUnit on $("$jdk25/bin/java" -version 2>&1 | head -n 1) with -Xcheck:jni"
  export JAVA_HOME=$jdk25
else
  echo "junit-second-jdk: WARNING: no JDK 25 at $jdk25 (set JDK25_HOME); the -Xcheck:jni run uses the default JDK" >&2
fi
rm -f java/target/test-jvm-arguments.txt # a stale record must not vouch for this run
# This run compiles java/target with its own JDK; maven-compiler-plugin does not recompile when only the JDK
# changed, so the next build on the default JDK would package these classes. Drop them when done.
trap 'rm -rf java/target/classes java/target/test-classes' EXIT
# CI's budget: the first run ran the C tests, the soak and the randomized boundary test for 60 s each, and the
# heaviest tests at their full sizes on the same library; here no C tests, 10 s each, and the quick scale
# (java/src/test/java/dev/jkernels/TestScale.java), which keeps every test and crossing but the largest sizes.
if ! mvn -B verify -pl java -Djkernels.test.jvmArgs=-Xcheck:jni -Djkernels.ctest.skip=true \
    -Djkernels.test.scale=quick -Djkernels.soak.seconds=10 -Djkernels.boundary.seconds=10 > "$log" 2>&1; then
  tail -n 80 "$log" >&2
  echo "junit-second-jdk: FAILED (the whole log: $log)" >&2
  exit 1
fi
grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -n 1 || true
bash ci/check-jni-log.sh "$log" java/target/failsafe-reports
