#!/usr/bin/env bash
# Sets up, builds both presets and runs every test: the README's test command.
# default: the whole suite, including the tsan engine end to end (which runs
# the tsan build as a child) and the install test; tsan: the threads-engine
# tests compiled with -fsanitize=thread.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/build.sh tsan
bash ci/build.sh default
export INTERLEAVE_REQUIRE_TSAN=1  # a missing tsan build fails the tsan-engine tests instead of skipping them
export INTERLEAVE_REQUIRE_SARIF_TOOL=1  # a missing SARIF Multitool (ci/setup.sh) fails the SARIF tests instead of skipping them
export INTERLEAVE_REQUIRE_BROWSER=1  # a missing chromium fails the HTML report tests instead of skipping them
SECONDS=0
ctest --preset default
echo "ci/test.sh: default preset tests took ${SECONDS} s"
SECONDS=0
ctest --preset tsan
echo "ci/test.sh: tsan preset tests took ${SECONDS} s"
