#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build, and analyse the
# reviews in corpus/ into out/ (one JSON per review, run.json). Extra arguments go to analyze.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
build/src/scrx analyze corpus -o out "$@"
