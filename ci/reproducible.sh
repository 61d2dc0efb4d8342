#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Reproducible builds: two clean builds of the committed HEAD, in two different directories, must give
# byte-identical artifacts (the jar with its bundled libjkernels, and the library itself). Prints the
# checksums. About 80 s on two cores.
# --tree-is-first: the working tree's own java/target counts as the first build, so only one clean clone is
# built elsewhere (about 40 s). .ci/run uses it on its clean clone, right after 'mvn -Prelease package' on
# JDK 17 (and before ci/junit-second-jdk.sh recompiles java/target with another JDK). Where the tree has
# changes to tracked files, it cannot stand for HEAD: the script says so and builds two clones.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tree_is_first=false
case "${1:-}" in
  "") ;;
  --tree-is-first) tree_is_first=true ;;
  *) echo "usage: $0 [--tree-is-first]" >&2; exit 2 ;;
esac
if $tree_is_first && [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "reproducible: the working tree has changes to tracked files, so it is not HEAD's build; building two clones"
  tree_is_first=false
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/jk-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A clean clone of HEAD in $work/$1, built.
build_clone() {
  git clone -q "$root" "$work/$1"
  (cd "$work/$1" && mvn -B -q -DskipTests package -pl java >"$work/$1.log" 2>&1) || {
    cat "$work/$1.log" >&2; echo "reproducible: the $1 build failed" >&2; exit 1; }
}

# The artifacts a build of HEAD makes, relative to java/target: the jar (not sources or javadoc) and the library.
build_clone second-build-elsewhere
artifacts=$(cd "$work/second-build-elsewhere/java/target" && ls jkernels-*.jar native-build/libjkernels-*.so |
  grep -v -e sources -e javadoc)
# The checksums of those files under $1/java/target (by name, so files of other versions there do not count).
checksums() {
  (cd "$1/java/target" && for f in $artifacts; do
    [ -f "$f" ] || { echo "reproducible: $1/java/target/$f is missing" >&2; exit 1; }
    sha256sum "$f"
  done)
}
if $tree_is_first; then
  first=$root
else
  build_clone first
  first=$work/first
fi
first_sums=$(checksums "$first")
second_sums=$(checksums "$work/second-build-elsewhere")
echo "reproducible: first build$($tree_is_first && echo ' (the working tree)'):"; echo "$first_sums" | sed 's/^/  /'
echo "reproducible: second build:"; echo "$second_sums" | sed 's/^/  /'
if [ "$first_sums" != "$second_sums" ]; then
  echo "reproducible: the two builds differ" >&2
  exit 1
fi
echo "reproducible: identical"
