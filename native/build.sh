#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds libjkernels.so with CMake and copies it where the jar picks it up.
# Called by Maven (java/pom.xml, phase process-classes); usable by hand too:
#   native/build.sh <build-dir> <jni-header-dir> <java-home> <dest-dir>
set -euo pipefail
build_dir=$1 jni_headers=$2 java_home=$3 dest=$4
root=$(cd "$(dirname "$0")/.." && pwd)

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "jkernels: '$1' is required to build the native library but was not found on PATH." >&2
    echo "          Install it (Debian/Ubuntu: apt-get install $2; Fedora: dnf install $2) and build again." >&2
    exit 1
  }
}
need cmake cmake
need "${CC:-cc}" gcc

# Quiet on success (the log stays in the build folder), the whole log on failure.
mkdir -p "$build_dir"
log="$build_dir/native-build.log"
if ! { cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
         -DJK_JNI_HEADER_DIR="$jni_headers" -DJAVA_HOME="$java_home" &&
       cmake --build "$build_dir" --parallel "$(nproc 2>/dev/null || echo 2)"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "jkernels: the native build failed; the log above is also in $log" >&2
  exit 1
fi
if grep -q 'warning:' "$log"; then grep 'warning:' "$log" >&2; fi # warnings are never hidden
# The file name carries the version (from pom.xml, through CMake): libjkernels-<version>.so; the newest
# one is this build's (an old build folder may hold other versions).
lib=$(ls -t "$build_dir"/libjkernels-*.so 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "jkernels: no libjkernels-<version>.so in $build_dir" >&2; exit 1; }
echo "jkernels: built $lib"
mkdir -p "$dest"
rm -f "$dest"/libjkernels*.so
cp "$lib" "$dest/"
