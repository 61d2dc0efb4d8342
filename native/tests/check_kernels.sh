#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every kernel variant an ISA folder defines is one an op definition asks for: jkk_<isa>_<name> needs a
# jkk_ref_<name> (the same kernel's reference) and a weak reference from the op layer. A misspelled ISA
# variant would otherwise sit unused while the path silently ran the reference.
# Arguments: the object files of the ISA folders, then "--", then the other objects (ref kernels, ops).
set -euo pipefail
IFS=';' read -r -a args <<< "$(IFS=';'; echo "$*")"
isa=() rest=() seen_sep=0
for a in "${args[@]}"; do
  if [ "$a" = "--" ]; then seen_sep=1; elif [ $seen_sep = 0 ]; then isa+=("$a"); else rest+=("$a"); fi
done
defined_ref=$(nm --defined-only "${rest[@]}" 2>/dev/null | awk '$2 == "T" {print $3}' | grep '^jkk_ref_' | sort -u)
weak_refs=$(nm "${rest[@]}" 2>/dev/null | awk '$1 == "w" || $1 == "v" {print $2}' | grep '^jkk_' | sort -u)
bad=0 count=0
for sym in $(nm --defined-only "${isa[@]}" | awk '$2 == "T" {print $3}' | grep -E '^jkk_(avx2|avx512)_' | sort -u); do # global symbols: not the compiler's .cold or .part clones
  count=$((count + 1))
  name=${sym#jkk_*_}
  grep -qx "jkk_ref_$name" <<< "$defined_ref" || { echo "$sym: no reference variant jkk_ref_$name"; bad=1; }
  grep -qx "$sym" <<< "$weak_refs" || { echo "$sym: no op definition names it (JK_KERNEL_VARIANTS)"; bad=1; }
done
[ "$bad" = 0 ] && echo "ISA kernel variants: $count defined, each with a reference variant and an op that uses it"
exit $bad
