#!/usr/bin/env bash
# Install what is missing, build, and run every test (unit, end-to-end on corpus/, accuracy).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
