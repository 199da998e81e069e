#!/usr/bin/env bash
# Runs every LayerLab test: sets up what is missing, builds natively and with Emscripten, then runs the
# engine suites (native, under ASan and UBSan, and WebAssembly under Node), the command-line contract
# against PyTorch (native and sanitized), the fuzz targets for a short time, and the browser tests.
# Ends with one line "N passed, N failed" summing every suite; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export NODE_PATH=/usr/share/nodejs   # Debian's Emscripten needs node-acorn from here

bash scripts/setup.sh || { echo "setup failed"; exit 1; }

JOBS=$(nproc)
passed=0; failed=0
LOG=build/test-logs; mkdir -p "$LOG"

# doctest's summary line: "[doctest] test cases: 12 | 11 passed | 1 failed | 0 skipped"
count_doctest() {
  local line; line=$(grep -a '^\[doctest\] test cases:' "$1" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); echo "  (no doctest summary: counted as one failure)"; return; fi
  local p f; p=$(echo "$line" | sed -E 's/.*\| *([0-9]+) passed.*/\1/'); f=$(echo "$line" | sed -E 's/.*\| *([0-9]+) failed.*/\1/')
  passed=$((passed + p)); failed=$((failed + f))
}

# A suite's own summary line: "NAME: 12 passed, 1 failed" in LOG_FILE; none counts as one failure.
count_summary() {  # count_summary NAME LOG_FILE
  local line; line=$(grep -a "^$1: " "$2" | tail -1)
  if [ -z "$line" ]; then tail -30 "$2"; failed=$((failed + 1)); return; fi
  passed=$((passed + $(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
}

step() { echo; echo "==> $*"; }

step "native build (build/native)"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >"$LOG/cmake-native.log" 2>&1 \
  && cmake --build build/native -j"$JOBS" >"$LOG/build-native.log" 2>&1
if [ $? -ne 0 ]; then tail -40 "$LOG/build-native.log" "$LOG/cmake-native.log" 2>/dev/null; echo "0 passed, 1 failed"; exit 1; fi

step "engine tests, native, with the widest kernels this processor runs"
build/native/layerlab_tests --no-colors=true 2>&1 | tee "$LOG/engine-native.log" | grep -aE '^\[doctest\]|ERROR|FATAL' | head -60
count_doctest "$LOG/engine-native.log"

# The portable build carries AVX-512, AVX2 and SSE copies of the kernels (src/engine/kernels/isa.h):
# the engine suite again with each narrower copy, and the check that nothing else needs AVX.
for kernels in avx2 sse; do
  step "engine tests, native, with the $kernels kernels (LAYERLAB_SIMD=$kernels)"
  LAYERLAB_SIMD=$kernels build/native/layerlab_tests --no-colors=true 2>&1 | tee "$LOG/engine-native-$kernels.log" |
    grep -aE '^\[doctest\]|ERROR|FATAL' | head -60
  count_doctest "$LOG/engine-native-$kernels.log"
done
step "portable binaries: AVX instructions only in the kernels' AVX copies (tests/portable_isa.py)"
/usr/bin/python3 tests/portable_isa.py >"$LOG/portable-isa.log" 2>&1
cat "$LOG/portable-isa.log"
count_summary portable-isa "$LOG/portable-isa.log"

step "command-line contract against PyTorch"
/usr/bin/python3 tests/cli/test_cli.py >"$LOG/cli.log" 2>&1
grep -aE ' \.\.\. (FAIL|ERROR)|^(FAIL|ERROR):|^cli: ' "$LOG/cli.log"
count_summary cli "$LOG/cli.log"

step "boxes and detection metrics against torchvision and a COCOeval reference (tests/cli/test_detect.py)"
/usr/bin/python3 tests/cli/test_detect.py >"$LOG/detect.log" 2>&1
grep -aE ' \.\.\. (FAIL|ERROR)|^(FAIL|ERROR):|^detect: ' "$LOG/detect.log"
count_summary detect "$LOG/detect.log"

step "the engine's dependency rule: no ImGui, GL, GLFW or Emscripten under src/engine (also a CTest)"
bash scripts/check_engine_includes.sh >"$LOG/engine-includes.log" 2>&1
cat "$LOG/engine-includes.log"
count_summary engine-includes "$LOG/engine-includes.log"

# build/sanitize (clang-14, -O1): the engine tests and the CLI contract under AddressSanitizer and
# UndefinedBehaviorSanitizer, any report fatal; then each fuzz target of tests/fuzz for 20 s.
step "sanitizers: engine tests and the command-line contract (scripts/sanitize.sh)"
JOBS=$JOBS bash scripts/sanitize.sh >"$LOG/sanitize.log" 2>&1
grep -aE '^sanitize-|runtime error|Sanitizer' "$LOG/sanitize.log" | head -20
for suite in sanitize-build sanitize-engine sanitize-cli; do count_summary "$suite" "$LOG/sanitize.log"; done

step "fuzzing: model JSON, safetensors, gzip/IDX, images, 20 s each (scripts/fuzz.sh)"
bash scripts/fuzz.sh 20 >"$LOG/fuzz.log" 2>&1
cat "$LOG/fuzz.log"
count_summary fuzz "$LOG/fuzz.log"

step "same seed, same bits: 1 and 2 threads, the AVX-512, AVX2 and SSE kernels and SIMD off (tests/same_bits.sh)"
JOBS=$JOBS bash tests/same_bits.sh >"$LOG/same-bits.log" 2>&1
grep -aE '^FAIL|^same-bits: ' "$LOG/same-bits.log"
count_summary same-bits "$LOG/same-bits.log"

step "WebAssembly build of the engine tests (build/web)"
if emcmake cmake -S . -B build/web -DCMAKE_BUILD_TYPE=Release >"$LOG/cmake-web.log" 2>&1 \
   && cmake --build build/web -j"$JOBS" --target layerlab_tests layerlab_bench >"$LOG/build-web.log" 2>&1; then
  step "engine tests, WebAssembly under Node"
  (cd build/web && node --no-experimental-fetch layerlab_tests.js --no-colors=true) 2>&1 | tee "$LOG/engine-wasm.log" | grep -aE '^\[doctest\]|ERROR|FATAL' | head -60
  count_doctest "$LOG/engine-wasm.log"
else
  tail -40 "$LOG/build-web.log" "$LOG/cmake-web.log" 2>/dev/null
  failed=$((failed + 1))
fi

step "the page: build (build/web) and browser end-to-end tests in headless Chromium"
if bash scripts/build_web.sh >"$LOG/build-app-web.log" 2>&1; then
  tail -6 "$LOG/build-app-web.log"
  node tests/e2e/run.mjs >"$LOG/e2e.log" 2>&1
  grep -aE '^(FAIL|frame|load|time)|^e2e: ' "$LOG/e2e.log"
  count_summary e2e "$LOG/e2e.log"
else
  tail -40 "$LOG/build-app-web.log"; failed=$((failed + 1))
fi

# A short run of the WebAssembly speed harness (tools/bench/web_compare.mjs --quick --check): every
# figure of ours, TF.js, ConvNetJS and the SIMD128 peak, in Chromium and Node, is a positive number and
# the peers' networks have our parameter counts. Speed targets are not asserted (the machine is shared).
step "WebAssembly speed harness: build (build/web-bench) and a quick checked run"
if JOBS=$JOBS bash tools/bench/build_web_bench.sh >"$LOG/build-web-bench.log" 2>&1; then
  timeout 300 node tools/bench/web_compare.mjs --quick --check >"$LOG/web-bench.log" 2>&1
  grep -aE '^(FAIL|ERROR)|^web-bench: ' "$LOG/web-bench.log"
  count_summary web-bench "$LOG/web-bench.log"
else
  tail -40 "$LOG/build-web-bench.log"; failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
