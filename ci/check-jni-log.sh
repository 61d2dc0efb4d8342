#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails if a test run printed any warning or error of the JVM's JNI checker (-Xcheck:jni, which the test JVM
# always runs with: java/pom.xml's jkernels.test.jvmArgs). Scans the given Maven log and failsafe's reports,
# where a forked test JVM's output lands (the XML's system-out, *-output.txt and *.dumpstream files), and checks
# from the test JVM's own record of its arguments (TestJvmArgumentsTest) that it really ran checked.
# Usage: ci/check-jni-log.sh <maven log> <failsafe reports dir>; ci/check-jni-log.sh --self-test.
set -euo pipefail

# What HotSpot's checked JNI prints (jniCheck.cpp): warnings and fatal errors "in native method", the local
# reference capacity warning, and calls made inside a critical region.
pattern='WARNING in native method|FATAL ERROR in native method|JNI local refs: [0-9]+, exceeds capacity|in the scope of Get/ReleasePrimitiveArrayCritical'

if [ "${1:-}" = --self-test ]; then # the pattern must match what the checker prints, and nothing benign
  printf '%s\n' 'WARNING in native method: JNI call made without checking exceptions when required to from CallStaticVoidMethod' \
    | grep -Eq "$pattern" || { echo "check-jni-log: self-test: missed a warning" >&2; exit 1; }
  printf '%s\n' 'WARNING: JNI local refs: 33, exceeds capacity: 32' | grep -Eq "$pattern" \
    || { echo "check-jni-log: self-test: missed the local refs warning" >&2; exit 1; }
  printf '%s\n' '[WARNING] Tests run: 3, Failures: 0' | grep -Eq "$pattern" \
    && { echo "check-jni-log: self-test: matched a Maven warning" >&2; exit 1; }
  exit 0
fi

log=$1 reports=$2
[ -f "$log" ] || { echo "check-jni-log: no log at $log" >&2; exit 1; }
[ -d "$reports" ] || { echo "check-jni-log: no failsafe reports in $reports" >&2; exit 1; }
arguments=$(dirname "$reports")/test-jvm-arguments.txt # what the test JVM saw (TestJvmArgumentsTest)
[ -f "$arguments" ] \
  || { echo "check-jni-log: no record of the test JVM's arguments at $arguments" >&2; exit 1; }
grep -qxF -- '-Xcheck:jni' "$arguments" \
  || { echo "check-jni-log: the test JVM did not run with -Xcheck:jni (its arguments: $arguments)" >&2; exit 1; }
if grep -E -n -r "$pattern" "$log" "$reports" > /tmp/check-jni-log.$$ 2>/dev/null; then
  echo "check-jni-log: the JNI checker complained:" >&2
  head -n 40 /tmp/check-jni-log.$$ >&2
  rm -f /tmp/check-jni-log.$$
  exit 1
fi
rm -f /tmp/check-jni-log.$$
echo "check-jni-log: no JNI warnings ($(ls "$reports"/TEST-*.xml | wc -l) test classes, the JVM under -Xcheck:jni)"
