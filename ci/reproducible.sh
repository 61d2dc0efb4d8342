#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Reproducible builds: two clean builds of the committed HEAD, in two different directories, must give
# byte-identical artifacts (the jar with its bundled libjkernels, and the library itself). Prints the
# checksums. About 80 s on two cores.
# --tree-is-first: the working tree's own java/target (built just before from this HEAD, with no local
# changes: checked) counts as the first build, so only one clean clone is built elsewhere (about 40 s). .ci/run
# uses it right after its release package, on a clean clone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tree_is_first=false
case "${1:-}" in
  "") ;;
  --tree-is-first) tree_is_first=true ;;
  *) echo "usage: $0 [--tree-is-first]" >&2; exit 2 ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/jk-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The checksums of a build's jar and library, from its java/target.
artifacts() {
  (cd "$1/java/target" && sha256sum jkernels-*.jar native-build/libjkernels-*.so | grep -v -e sources -e javadoc)
}

sums=()
builds=(first second-build-elsewhere)
if $tree_is_first; then
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "reproducible: --tree-is-first needs a working tree without changes to tracked files" >&2
    git -C "$root" status --short --untracked-files=no >&2
    exit 1
  fi
  sums+=("$(artifacts "$root")")
  builds=(second-build-elsewhere)
fi
for build in "${builds[@]}"; do
  git clone -q "$root" "$work/$build"
  (cd "$work/$build" && mvn -B -q -DskipTests package -pl java >"$work/$build.log" 2>&1) || {
    cat "$work/$build.log" >&2; echo "reproducible: the $build build failed" >&2; exit 1; }
  sums+=("$(artifacts "$work/$build")")
done
echo "reproducible: first build$($tree_is_first && echo ' (the working tree)'):"; echo "${sums[0]}" | sed 's/^/  /'
echo "reproducible: second build:"; echo "${sums[1]}" | sed 's/^/  /'
if [ "${sums[0]}" != "${sums[1]}" ]; then
  echo "reproducible: the two builds differ" >&2
  exit 1
fi
echo "reproducible: identical"
