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
  libxml2-utils gnuplot-nox
  chromium fonts-dejavu-core  # the HTML report's browser test and screenshot
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
