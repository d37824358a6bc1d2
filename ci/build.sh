#!/usr/bin/env bash
# Installs dependencies, then configures and builds one CMake preset (default: `default`).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
bash ci/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
