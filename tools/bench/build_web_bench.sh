#!/usr/bin/env bash
# Builds the WebAssembly side of the speed benchmark into build/web-bench (or $LAYERLAB_BENCH_DIR):
#   layerlab_bench.js/.wasm      the command-line tool for Node (web_compare.mjs reads `info` from it)
#   layerlab_bench_web.js/.wasm  the same tool as a factory (a browser Web Worker, or Node)
#   simd128_peak.js, simd128_peak_web.js   the SIMD128 mul+add peak, for Node and for a Worker
#   index.html, bench_worker.js, peers.js, run_main.js  the bench page (tools/bench/web)
#   vendor/   the peers' dist files copied from node_modules (TF.js + its wasm backend, ConvNetJS)
# Incremental: CMake rebuilds only what changed; the peak is relinked only when its source is newer.
#   JOBS=N  parallel compile jobs (default 2: the build machines are shared)
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH=/usr/share/nodejs   # Debian's Emscripten needs node-acorn from here
JOBS=${JOBS:-2}
B=${LAYERLAB_BENCH_DIR:-build/web-bench}
mkdir -p "$B"

for pkg in @tensorflow/tfjs @tensorflow/tfjs-backend-wasm convnetjs; do
  if [ ! -f "node_modules/$pkg/package.json" ]; then
    npm install --no-audit --no-fund --silent
    break
  fi
done

emcmake cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release >"$B/configure.log" 2>&1 \
  || { cat "$B/configure.log"; exit 1; }
cmake --build "$B" -j"$JOBS" --target layerlab_bench layerlab_bench_web

# The peak: 12 independent f32x4 mul+add chains (see the source). One link for Node, one for a Worker.
PEAK_SRC=tools/bench/simd128_peak.cpp
if [ ! -f "$B/simd128_peak.js" ] || [ "$PEAK_SRC" -nt "$B/simd128_peak.js" ]; then
  em++ -O3 -msimd128 -std=c++17 "$PEAK_SRC" -o "$B/simd128_peak.js" -sENVIRONMENT=node -sEXIT_RUNTIME=1
fi
if [ ! -f "$B/simd128_peak_web.js" ] || [ "$PEAK_SRC" -nt "$B/simd128_peak_web.js" ]; then
  em++ -O3 -msimd128 -std=c++17 "$PEAK_SRC" -o "$B/simd128_peak_web.js" -sENVIRONMENT=web,worker \
    -sMODULARIZE=1 -sEXPORT_NAME=createSimdPeak -sINVOKE_RUN=0 -sEXIT_RUNTIME=0 -sEXPORTED_RUNTIME_METHODS=callMain
fi

cp tools/bench/web/index.html tools/bench/web/bench_worker.js tools/bench/web/peers.js tools/bench/web/run_main.js "$B/"
V="$B/vendor"
mkdir -p "$V"
cp node_modules/@tensorflow/tfjs/dist/tf.min.js "$V/"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js "$V/"
# Every wasm binary the backend may pick (it chooses by the browser's SIMD and thread support).
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$V/"
cp node_modules/convnetjs/build/convnet.js "$V/"
echo "built $B; run: node tools/bench/web_compare.mjs"
