#!/usr/bin/env bash
# Installs the dependencies, then configures and builds asynclint, its
# clang-tidy plugin, asynclint-clangd and the tests into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER=clang++-22 "$@"
cmake --build build
