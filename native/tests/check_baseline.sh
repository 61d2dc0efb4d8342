#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Proves the shipped library stays portable: outside the ISA kernel folders, no object file may
# contain an AVX instruction (no ymm/zmm/k-mask registers, no VEX/EVEX-encoded 'v' mnemonics).
# Arguments: the object files of the baseline code (CMake may pass them as ';'-separated lists).
set -euo pipefail
IFS=';' read -r -a objects <<< "$(IFS=';'; echo "$*")"
bad=0
for obj in "${objects[@]}"; do
  listing=$(objdump -d --no-show-raw-insn "$obj") # fails the test if the object is missing
  hits=$(grep -E '%(ymm|zmm|k[1-7])|^\s+[0-9a-f]+:\s+v[a-z]' <<< "$listing" | head -3 || true)
  if [ -n "$hits" ]; then
    echo "AVX instructions in baseline object $obj:"; echo "$hits"; bad=1
  fi
done
[ "$bad" = 0 ] && echo "baseline objects: ${#objects[@]} checked, no AVX instructions"
exit $bad
