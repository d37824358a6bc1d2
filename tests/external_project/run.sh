#!/usr/bin/env bash
# Installs interleave from BUILD_DIR into a scratch prefix, builds the
# external project in this folder against it, and runs its tests and CLI.
# Usage: run.sh BUILD_DIR WORK_DIR
set -euo pipefail
build_dir="$1"
work_dir="$2"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work_dir"
cmake --install "$build_dir" --prefix "$work_dir/prefix" >/dev/null
cmake -S "$here" -B "$work_dir/build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_PREFIX_PATH="$work_dir/prefix" >/dev/null
cmake --build "$work_dir/build"
ctest --test-dir "$work_dir/build" --output-on-failure
"$work_dir/build/wallet_cli" run all --schedules 2000
echo "external project: built against the installed package, tests and CLI passed"
