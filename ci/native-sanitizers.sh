#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the native ctest suite under ThreadSanitizer and under Address+UndefinedBehaviour
# sanitizers (C API only, no JNI). Used by .ci/run; takes well under a minute.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/target/sanitizers"}
for sanitizer in thread address,undefined; do
  dir="$out/${sanitizer//,/-}"
  echo "== native tests under -fsanitize=$sanitizer"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJK_SANITIZE="$sanitizer" >/dev/null
  cmake --build "$dir" --parallel 2 >/dev/null
  TSAN_OPTIONS=halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir "$dir" --output-on-failure
done
