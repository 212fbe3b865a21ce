#!/usr/bin/env bash
# Fuzzes everything asynclint reads besides source code (catalogues,
# configuration, compile databases, baselines, fixes) for a bounded time:
# SECONDS per target, 60 when not given. A crash fails the run and leaves its
# input in build/test/fuzz/<target>/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
seconds="${1:-60}"
bash scripts/build.sh -DASYNCLINT_BUILD_FUZZERS=ON -DASYNCLINT_FUZZ_SECONDS="$seconds"
# The length is for this run only: scripts/test.sh keeps its default.
trap 'cmake -U ASYNCLINT_FUZZ_SECONDS "$root/build" >/dev/null' EXIT
cd build
ctest --output-on-failure -j "$(nproc)" -L fuzz
