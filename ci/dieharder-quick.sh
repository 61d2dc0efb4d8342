#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The fast dieharder subset on jkernels' Philox stream (bench/scripts/dieharder.sh quick, seed 42: the same
# input every run, so the same p-values): fails if any test FAILED. Installs Debian's dieharder when it is
# missing; if the package cannot be installed (no root, no package mirror), says so loudly and skips.
# Needs the bench jar (run after the build).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dieharder > /dev/null; then
  if ! bash ci/apt-install.sh dieharder; then
    echo "dieharder-quick: SKIPPED: dieharder is not installed and apt-get could not install it" >&2
    exit 0
  fi
fi
bash bench/scripts/dieharder.sh quick 42 | tail -n 1
