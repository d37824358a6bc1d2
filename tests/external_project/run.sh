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
cli="$work_dir/build/wallet_cli"
"$cli" run all --schedules 2000

fail() {
  echo "external project: $*" >&2
  exit 1
}
# The program goes by its own name.
"$cli" --help | grep -q "^Usage: wallet_cli " || fail "--help does not name wallet_cli"
out="$("$cli" run wallet/check_then_act --schedules 2000)"
grep -q "reproduce: wallet_cli replay il2:wallet/check_then_act:" <<<"$out" || fail "no wallet_cli reproduce line: $out"

# Without a twin beside it, --engine tsan is a usage error saying how to get one.
mkdir -p "$work_dir/no_twin"
cp "$cli" "$work_dir/no_twin/wallet_cli"
status=0
err="$("$work_dir/no_twin/wallet_cli" run lazy_value/plain_flag --engine tsan 2>&1)" || status=$?
[[ $status -eq 2 ]] || fail "without a twin, --engine tsan exited $status: $err"
grep -q "^wallet_cli: --engine tsan needs a ThreadSanitizer twin of this program.*add interleave_add_tsan_twin(wallet_cli) to its CMakeLists.txt$" <<<"$err" ||
  fail "without a twin: $err"

# With interleave_add_tsan_twin's wallet_cli-tsan, TSan sees the plain flag's
# race, and nothing in the atomic flag (exit 0: both as expected).
if [[ -x "$cli-tsan" ]]; then
  "$cli" run 'lazy_value/*' --engine tsan --schedules 50 | tee "$work_dir/tsan.txt"
  grep -q "lazy_value/atomic_flag *tsan *clean *clean *yes" "$work_dir/tsan.txt" || fail "TSan: atomic_flag not clean"
  grep -q "lazy_value/plain_flag *tsan *race *race *yes" "$work_dir/tsan.txt" || fail "TSan did not report the race"
elif [[ "${INTERLEAVE_REQUIRE_TSAN:-}" == 1 ]]; then
  fail "no wallet_cli-tsan: the installed package has no ThreadSanitizer build (build the tsan preset first)"
else
  echo "external project: no ThreadSanitizer build installed, wallet_cli-tsan not built: --engine tsan not run"
fi
echo "external project: built against the installed package, tests and CLI passed"
