#!/usr/bin/env bash
# `npm run demo`: build, start MariaDB and PostgreSQL on 127.0.0.1 (installing them when
# missing), run `leakwatch test` over the seed article's leaks in examples/seed, stop the servers.
# Extra arguments go to `leakwatch test` (for example --json or --html report.html).
set -uo pipefail
cd "$(dirname "$0")/.."
npm run build --silent || exit 2
# shellcheck source=services.sh
source scripts/services.sh
trap stop_services EXIT
start_services || { echo "demo: could not start the database servers; the MySQL/PostgreSQL examples will fail" >&2; }
LEAKWATCH_EXAMPLE_QUIET=1 node packages/cli/dist/bin.js test examples/seed --invocations 40 --timeout 1000 "$@"
code=$?
# 1 means "leaks found", which is what the demo is for.
if [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
