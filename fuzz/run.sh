#!/usr/bin/env bash
# Runs one libFuzzer target for a while: fuzz/run.sh TARGET [SECONDS] [BUILD_DIR]
# TARGET: layout, analyze, tag or patterns. Build first (fuzz/README.md):
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DSCRX_FUZZ=ON -DSCRX_BUILD_TESTS=OFF
#   cmake --build build-fuzz -j2 --target scrx_fuzz_TARGET
# The growing corpus and any crash reproducers go to $FUZZ_WORK/TARGET (default /tmp/scrx-fuzz);
# copy a reproducer into fuzz/regressions/TARGET/ once its bug is fixed.
set -euo pipefail
t=${1:?usage: fuzz/run.sh TARGET [SECONDS] [BUILD_DIR]}
secs=${2:-180}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${3:-$root/build-fuzz}
work=${FUZZ_WORK:-/tmp/scrx-fuzz}/$t
mkdir -p "$work/corpus" "$work/artifacts"
dict=()
case $t in
  patterns) dict=(-dict="$root/fuzz/dicts/patterns.dict") ;;
  analyze | tag) dict=(-dict="$root/fuzz/dicts/analyze.dict") ;;
esac
seeds=("$root/fuzz/seeds/$t")
[[ -d $root/fuzz/regressions/$t ]] && seeds+=("$root/fuzz/regressions/$t")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build/fuzz/scrx_fuzz_$t" "$work/corpus" "${seeds[@]}" "${dict[@]}" \
  -max_total_time="$secs" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/"
