#!/usr/bin/env bash
# Verdicts on a busy machine: runs the catalog while CPU hogs, started and
# ended here by their PIDs, keep every core busy. Fails on any verdict that
# does not match: a false alarm on a correct variant, or a broken variant
# whose bug was not found.
#   fiber:   `run all` (every correct variant for F schedules, every broken
#            one found), then every variant from R independent seeds
#   threads, tsan: every correct variant, T and S schedules
#   processes: the forked-worker variants
#   --long only: the tests labelled `stress` (they start hogs of their own too)
# Usage: ci/stress.sh [--short|--long] [REPORT_DIR]   (default --short, reports/stress)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
if [[ "${1:-}" == --short || "${1:-}" == --long ]]; then
  mode=${1#--}
  shift
fi
reports="${1:-reports/stress}"
if [[ $mode == long ]]; then
  fiber_schedules=100000 repeat=20 repeat_schedules=2000 threads_schedules=2000 tsan_schedules=200
else
  fiber_schedules=20000 repeat=5 repeat_schedules=1000 threads_schedules=200 tsan_schedules=20
fi

bin=build/default/interleave
[[ -x $bin && -x build/tsan/interleave ]] || {
  bash ci/build.sh tsan
  bash ci/build.sh default
}
mkdir -p "$reports"
log="$reports/stress-$mode.log"
: >"$log"

hogs=()
stop_hogs() {
  ((${#hogs[@]} == 0)) && return
  kill "${hogs[@]}" 2>/dev/null || true
  wait "${hogs[@]}" 2>/dev/null || true
  hogs=()
}
trap stop_hogs EXIT
trap 'stop_hogs; exit 130' INT TERM
for _ in $(seq "$(nproc)"); do
  bash -c 'while :; do :; done' &
  hogs+=($!)
done
echo "stress ($mode): ${#hogs[@]} CPU hogs running (PIDs ${hogs[*]}); tables in $log"

failures=0
SECONDS=0
check() {
  local what=$1
  shift
  local started=$SECONDS code=0
  echo "== $*" >>"$log"
  "$@" >>"$log" 2>&1 || code=$?
  if ((code == 0)); then
    echo "stress: ok    $what ($((SECONDS - started)) s)"
  else
    echo "stress: FAIL  $what: exit $code (see $log)"
    failures=$((failures + 1))
  fi
}

# The correct variants that run on the threads engine (their "under tsan" is
# not "-"), from the rows of run variants: wide, so that no name has a line of its own.
mapfile -t correct < <(COLUMNS=1000 "$bin" list | awk '/^lincheck variant/ { exit } NF == 3 && $2 == "clean" && $3 != "-" { print $1 }')

check "fiber: every variant, $fiber_schedules schedules" "$bin" run all --engine fiber --schedules "$fiber_schedules"
check "fiber: every variant from $repeat seeds" "$bin" run all --engine fiber --repeat "$repeat" --schedules "$repeat_schedules"
for variant in "${correct[@]}"; do
  check "threads: $variant, $threads_schedules schedules" "$bin" run "$variant" --engine threads --schedules "$threads_schedules"
done
for variant in "${correct[@]}"; do
  check "tsan: $variant, $tsan_schedules schedules" "$bin" run "$variant" --engine tsan --schedules "$tsan_schedules"
done
check "processes: every variant" "$bin" run all --engine processes
[[ $mode == short ]] || check "tests labelled stress" ctest --test-dir build/default -L stress --output-on-failure

stop_hogs
echo "stress ($mode): $failures failed, in $SECONDS s"
((failures == 0))
