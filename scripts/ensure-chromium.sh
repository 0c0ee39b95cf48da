#!/usr/bin/env bash
# The HTML report's end-to-end tests drive Debian's chromium through playwright-core.
# Installs it when missing (CI images); a machine that has it is left alone.
set -euo pipefail
CHROMIUM="${LEAKWATCH_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
