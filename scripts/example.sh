#!/usr/bin/env bash
# Builds asynclint and runs it on the bundled example service.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cmake -G Ninja -S examples -B build/examples -DCMAKE_CXX_COMPILER=clang++-22 >/dev/null
status=0
./build/tool/asynclint/asynclint -p build/examples "$@" || status=$?
# 1 means findings: the example is meant to have some.
if [[ $status -eq 1 ]]; then exit 0; fi
exit $status
