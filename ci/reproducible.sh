#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Reproducible builds: two clean builds of the committed HEAD, in two different directories, must give
# byte-identical artifacts (the jar with its bundled libjkernels, and the library itself). Prints the
# checksums. Used by .ci/run; about two minutes on two cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/jk-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
sums=()
for build in first second-build-elsewhere; do
  git clone -q "$root" "$work/$build"
  (cd "$work/$build" && mvn -B -q -DskipTests package -pl java >"$work/$build.log" 2>&1) || {
    cat "$work/$build.log" >&2; echo "reproducible: the $build build failed" >&2; exit 1; }
  sums+=("$(cd "$work/$build/java/target" && sha256sum jkernels-*.jar native-build/libjkernels-*.so | grep -v -e sources -e javadoc)")
done
echo "reproducible: first build:"; echo "${sums[0]}" | sed 's/^/  /'
echo "reproducible: second build:"; echo "${sums[1]}" | sed 's/^/  /'
if [ "${sums[0]}" != "${sums[1]}" ]; then
  echo "reproducible: the two builds differ" >&2
  exit 1
fi
echo "reproducible: identical"
