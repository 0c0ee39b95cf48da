#!/usr/bin/env bash
# `npm test`: build, lint, type-check, start the services, run every test, then the harness
# suite again on Node 22 and 24. One command proves a change; CI runs the same.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step build
npm run build --silent
step lint
npm run lint --silent
step typecheck
npx tsc -p tsconfig.json --noEmit

step services
# shellcheck source=services.sh
source scripts/services.sh
trap stop_services EXIT
start_services

step tests
bash scripts/ensure-chromium.sh # the HTML report's end-to-end tests need Debian's chromium
npx vitest run

step "other Node.js versions (live Lambda runtimes)"
bash scripts/test-node-versions.sh
