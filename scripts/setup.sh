#!/usr/bin/env bash
# Installs every Debian package that building and testing asynclint needs.
# Idempotent: packages already present are left alone.
set -euo pipefail

packages=(
  cmake ninja-build make g++ git python3 python3-yaml dpkg-dev pre-commit
  clang-22 clang-tidy-22 clang-format-22 clangd-22 libclang-22-dev libclang-cpp22-dev llvm-22-dev
  libgrpc++-dev libprotobuf-dev libabsl-dev protobuf-compiler
  libgtest-dev nlohmann-json3-dev
  # AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer runtimes.
  libclang-rt-22-dev
  libasio-dev libboost1.81-dev
  # The editor of the Neovim integration test (its built-in language client).
  neovim
  # Whoever analyses libc++ code has these; LLVM's include directory then
  # holds libc++abi's <cxxabi.h>, and the build must not pick it up.
  libc++-22-dev libc++abi-22-dev
)
# The SARIF validator runs from the npm registry; machines that already
# carry a Node.js of their own keep it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
