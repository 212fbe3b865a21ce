#!/usr/bin/env bash
# Builds everything and runs the whole test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# The official SARIF validator, which the tests run on every SARIF they write.
if [[ ! -x build/tools/node_modules/.bin/sarif-multitool-linux ]]; then
  npm install --no-audit --no-fund --prefix build/tools @microsoft/sarif-multitool-linux
fi
cd build
# Label `long` (a from-scratch build of the GitHub Action) runs on request:
# ctest -L long.
ctest --output-on-failure -j "$(nproc)" -LE long
