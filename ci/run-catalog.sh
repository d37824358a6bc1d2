#!/usr/bin/env bash
# Sets up, builds and runs the whole catalog: the README's main command.
# Extra arguments go to `interleave run all` (e.g. --engine threads).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/build.sh default
./build/default/interleave run all "$@"
