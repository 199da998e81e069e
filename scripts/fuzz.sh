#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for SECONDS (default 20), two at a time, from its committed seeds
# (tests/fuzz/corpus/NAME, left unchanged: new inputs go to build/fuzz/corpus/NAME). A crash, a sanitizer
# report, a leak or an input slower than 10 s fails the target; its input is kept in build/fuzz/NAME-*.
# Needs build/sanitize (scripts/sanitize.sh builds it). Prints one line per target with its executions,
# then "fuzz: N passed, N failed".
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(fuzz_model_json fuzz_safetensors fuzz_gzip_idx fuzz_image)
LOG=build/test-logs; mkdir -p "$LOG" build/fuzz
# Two targets at a time (the machine's two cores), each on one.
run_target() {
  local t=$1
  mkdir -p "build/fuzz/corpus/$t"
  build/sanitize/$t -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/$t-" "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" >"$LOG/fuzz-$t.log" 2>&1
  echo $? >"$LOG/fuzz-$t.rc"
}
running=0
for t in "${TARGETS[@]}"; do
  rm -f "$LOG/fuzz-$t.rc"
  [ -x "build/sanitize/$t" ] || continue
  run_target "$t" &
  running=$((running + 1))
  if [ $running -ge 2 ]; then wait -n; running=$((running - 1)); fi
done
wait

passed=0; failed=0
for t in "${TARGETS[@]}"; do
  if [ ! -f "$LOG/fuzz-$t.rc" ]; then echo "$t: not built (run scripts/sanitize.sh)"; failed=$((failed + 1)); continue; fi
  rc=$(cat "$LOG/fuzz-$t.rc")
  runs=$(grep -a 'stat::number_of_executed_units' "$LOG/fuzz-$t.log" | awk '{print $2}')
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1)); echo "$t: ${runs:-?} executions in ${SECONDS_EACH} s, no crash"
  else
    failed=$((failed + 1)); echo "$t: FAILED (exit $rc) after ${runs:-?} executions:"
    grep -aE 'ERROR|runtime error|SUMMARY|Test unit written' "$LOG/fuzz-$t.log" | head -8
  fi
done
echo "fuzz: $passed passed, $failed failed"
