#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/build.sh default
ctest --preset default
