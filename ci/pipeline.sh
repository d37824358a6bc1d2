#!/usr/bin/env bash
# What a CI pipeline runs: build both presets and run the tests, then the
# tests and the fiber catalog under AddressSanitizer + UBSan
# (ci/sanitizers.sh), then the whole catalog on every engine with JUnit and
# JSON reports, then the long stress check (ci/stress.sh --long), all left in
# one folder.
# Usage: ci/pipeline.sh [REPORT_DIR] (default: reports). Extra options for
# `interleave run` can be given in INTERLEAVE_RUN_ARGS (e.g. "--budget 300").
set -euo pipefail
cd "$(dirname "$0")/.."
reports="${1:-reports}"
mkdir -p "$reports"

# A failing test does not stop the catalog runs: the pipeline gets every report.
status=0
bash ci/test.sh 2>&1 | tee "$reports/tests.log" || status=$?
[[ $status -eq 0 ]] || echo "== tests: exit $status"
bash ci/sanitizers.sh 2>&1 | tee "$reports/sanitizers.log" || {
  code=$?
  echo "== sanitizers: exit $code"
  [[ $status -ne 0 ]] || status=$code
}

for engine in fiber threads processes tsan; do
  echo "== interleave run all --engine $engine"
  # shellcheck disable=SC2086
  ./build/default/interleave run all --engine "$engine" ${INTERLEAVE_RUN_ARGS:-} \
    --junit "$reports/junit-$engine.xml" --json "$reports/catalog-$engine.json" |
    tee "$reports/catalog-$engine.txt" || {
    code=$?
    echo "== $engine: exit $code"
    [[ $status -ne 0 ]] || status=$code
  }
done
echo "== ci/stress.sh --long"
bash ci/stress.sh --long "$reports" || {
  code=$?
  echo "== stress: exit $code"
  [[ $status -ne 0 ]] || status=$code
}
echo "reports in $reports/: $(ls "$reports" | tr '\n' ' ')"
exit "$status"
