#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails when a tracked source file lacks the license header: "SPDX-License-Identifier: Apache-2.0" within
# its first 5 lines (Java, C, headers, CMake, shell, Python, poms, the linker map, the CI entry point).
# Usage: ci/check-spdx.sh [files...]   (default: every such file git tracks)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- '*.java' '*.c' '*.h' '*.h.in' '*.map' '*.map.in' 'CMakeLists.txt' '*/CMakeLists.txt' \
                                       '*.cmake' '*.sh' '*.py' 'pom.xml' '*/pom.xml' '.ci/run')
fi
missing=()
for f in "${files[@]}"; do
  head -n 5 "$f" | grep -q 'SPDX-License-Identifier: Apache-2.0' || missing+=("$f")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-spdx: ${#missing[@]} of ${#files[@]} source files lack 'SPDX-License-Identifier: Apache-2.0' in their first 5 lines:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "check-spdx: all ${#files[@]} source files carry the Apache-2.0 SPDX header"
