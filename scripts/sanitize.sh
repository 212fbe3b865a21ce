#!/usr/bin/env bash
# Builds asynclint, its plugin, asynclint-clangd and the whole test suite
# with AddressSanitizer and UndefinedBehaviorSanitizer in build-sanitize/,
# and runs every test there. Any sanitizer report fails the test that
# caused it. Takes several times as long as scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-22 -DASYNCLINT_SANITIZE=ON \
  -DASYNCLINT_BUILD_FUZZERS=OFF
cmake --build build-sanitize
if [[ ! -x build-sanitize/tools/node_modules/.bin/sarif-multitool-linux ]]; then
  npm install --no-audit --no-fund --prefix build-sanitize/tools @microsoft/sarif-multitool-linux
fi
# Leaks are reported: the analysis runs many units in one process, and what
# one unit leaks every unit leaks. halt_on_error makes a report a failure.
# LLVM's headers poison the unused parts of BumpPtrAllocator slabs when they
# are compiled with AddressSanitizer, but Debian's LLVM and clangd libraries
# are not, and allocate from the same slabs without unpoisoning: without
# allow_user_poisoning=0 every such allocation is reported.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1:allow_user_poisoning=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-sanitize
# The dogfood lint reads sources, not binaries: scripts/test.sh runs it.
ctest --output-on-failure -j "$(nproc)" --label-exclude dogfood "$@"
