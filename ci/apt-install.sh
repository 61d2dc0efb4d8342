#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs Debian packages for a CI step: bash ci/apt-install.sh <package>... Exits non-zero, quietly, where it
# cannot (not root, no package mirror); the caller decides whether that skips its step.
set -euo pipefail
[ "$(id -u)" = 0 ] || exit 1
apt-get update -qq > /dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" > /dev/null 2>&1
