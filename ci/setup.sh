#!/usr/bin/env bash
# Installs every Debian package interleave needs to build, test and benchmark.
# Safe to run more than once: apt-get skips what is already installed.
set -euo pipefail

packages=(
  cmake ninja-build
  clang-19 libclang-rt-19-dev llvm-19 clang-format-19
  libboost-fiber-dev libboost-context-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libpugixml-dev
  libtbb-dev libconcurrentqueue-dev
  libxml2-utils
  gnuplot-nox # bench --svg, and --png through its pngcairo terminal (gnuplot-nox has it)
  pkgconf     # the external-project test builds a program with pkg-config's flags
  libicu72    # the SARIF Multitool's .NET runtime
  chromium fonts-dejavu-core  # the HTML report's browser test and screenshot
)
# Node and npm, for the SARIF Multitool below: Debian's nodejs and npm, unless
# a node with its own npm is already installed (NodeSource's nodejs ships npm
# and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
else
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Microsoft's SARIF Multitool, which validates `--sarif` output in
# tests/sarif_report_test.cpp (INTERLEAVE_SARIF_MULTITOOL in tests/CMakeLists.txt).
# The npm package wraps a self-contained .NET program for each OS (its Linux
# one needs libicu, above); both pinned, so no newer platform package drifts in.
multitool_prefix=/opt/interleave-npm
multitool_version=5.7.0
installed_version=$(node -p "require('$multitool_prefix/node_modules/@microsoft/sarif-multitool/package.json').version" \
  2>/dev/null || true)
if [[ "$installed_version" == "$multitool_version" && -x "$multitool_prefix/node_modules/.bin/sarif-multitool" ]]; then
  echo "setup: sarif-multitool $multitool_version already installed in $multitool_prefix"
else
  echo "setup: installing sarif-multitool $multitool_version into $multitool_prefix"
  "${sudo_cmd[@]}" mkdir -p "$multitool_prefix"
  "${sudo_cmd[@]}" npm install --prefix "$multitool_prefix" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$multitool_version" "@microsoft/sarif-multitool-linux@$multitool_version"
fi
