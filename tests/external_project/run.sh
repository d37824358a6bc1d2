#!/usr/bin/env bash
# Installs interleave from BUILD_DIR into a scratch prefix, builds the
# external project in this folder against it: first with the core alone
# (only its packages allowed), then a program through pkg-config, then with
# the cli component; runs its tests and CLI.
# Usage: run.sh BUILD_DIR WORK_DIR
set -euo pipefail
build_dir="$1"
work_dir="$2"
here="$(cd "$(dirname "$0")" && pwd)"
prefix="$work_dir/prefix"
rm -rf "$work_dir"
cmake --install "$build_dir" --prefix "$prefix" >/dev/null

fail() {
  echo "external project: $*" >&2
  exit 1
}

# The core alone: the tests on interleave::interleave, configured with the
# packages only the cli component needs (and nlohmann_json, compiled into
# the libraries) disabled, as if not installed: find_package of any of them
# fails the configure (and CMake warns that the four variables went unused:
# nothing looked for them). The trace lists every package the config asks for.
config="$(find "$prefix" -name interleaveConfig.cmake)"
cmake -S "$here" -B "$work_dir/core" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_PREFIX_PATH="$prefix" \
  -DWALLET_CLI=OFF -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON -DCMAKE_DISABLE_FIND_PACKAGE_TBB=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON \
  --trace-source="$config" --trace-redirect="$work_dir/core-config-trace.txt" >/dev/null ||
  fail "the core alone does not configure with CLI11, TBB, benchmark and nlohmann_json disabled"
asked="$(grep -oE '(find_dependency|find_package)\([A-Za-z0-9_]+' "$work_dir/core-config-trace.txt" |
  sed 's/.*(//' | LC_ALL=C sort -u | tr '\n' ' ')"
[[ "$asked" == "Boost Threads fmt pugixml " ]] || fail "find_package(interleave) asks for: $asked"
echo "external project: find_package(interleave) alone asks for: $asked"
cmake --build "$work_dir/core"
ctest --test-dir "$work_dir/core" --output-on-failure
# Boost.Fiber linked as the libraries were built (static), with the
# consumer's Boost_USE_STATIC_LIBS untouched (CMakeLists.txt checks).
if ldd "$work_dir/core/wallet_test" | grep -q libboost_fiber; then fail "wallet_test links Boost.Fiber shared"; fi

# pkg-config: a program built with nothing but the installed tree's flags.
pc_dir="$(dirname "$(find "$prefix" -name interleave.pc)")"
pc_flags="$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs interleave)"
echo "external project: pkg-config --cflags --libs interleave: $pc_flags"
# shellcheck disable=SC2086  # the flags are words
clang++-19 -std=c++20 -Wall -Wextra -o "$work_dir/pc_explore_counter" "$here/pkg_config/explore_counter.cpp" $pc_flags
"$work_dir/pc_explore_counter" || fail "the pkg-config build did not find the race, or the locked counter was not clean"

# With the cli component: wallet_cli and its ThreadSanitizer twin too.
cmake -S "$here" -B "$work_dir/build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work_dir/build"
ctest --test-dir "$work_dir/build" --output-on-failure
cli="$work_dir/build/wallet_cli"
"$cli" run all --schedules 2000

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
