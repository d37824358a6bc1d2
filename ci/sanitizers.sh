#!/usr/bin/env bash
# Builds the asan-ubsan preset (AddressSanitizer + UndefinedBehaviorSanitizer,
# fiber switches announced to ASan) and runs under it: the tests (but the
# stress, install and tsan-engine labels), the CLI fuzzer's corpus, and the
# whole catalog on the fiber engine, whose verdicts must all match (a
# sanitizer report in a variant's child process is a crash, a mismatch).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/build.sh asan-ubsan
# Every UBSan finding is fatal (-fno-sanitize-recover); print its stack.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
SECONDS=0
ctest --preset asan-ubsan
echo "ci/sanitizers.sh: tests took ${SECONDS} s"
SECONDS=0
./build/asan-ubsan/interleave run all --engine fiber
echo "ci/sanitizers.sh: the fiber catalog took ${SECONDS} s"
