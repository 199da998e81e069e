#!/usr/bin/env bash
# Builds the browser app into build/web: layerlab.js + layerlab.wasm + layerlab.data (the subset fonts,
# prepared by the layerlab_fonts target with /usr/bin/python3 -m fontTools.subset) and index.html.
# Serve it with: python3 scripts/serve.py   (http://127.0.0.1:8080/)
#   JOBS=N  parallel compile jobs (default 2: the build machines are shared)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's Emscripten needs node-acorn from here
JOBS=${JOBS:-2}
B=${BUILD_DIR:-build/web}   # another folder lets parallel builds not collide

if [ ! -f build/deps/imgui/imgui.cpp ]; then
  echo "build_web.sh: build/deps/imgui is missing; run scripts/setup.sh first" >&2
  exit 1
fi
mkdir -p "$B"
# The input library's datasets and photographs, preloaded by cmake/app.cmake (configure sees the folder).
bash tools/prepare_web_assets.sh "$B/layerlab_data" "$B/data"
emcmake cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release >"$B-configure.log" 2>&1 \
  || { cat "$B-configure.log"; exit 1; }
cmake --build "$B" -j"$JOBS" --target layerlab_fonts
cmake --build "$B" -j"$JOBS" --target layerlab_app layerlab_worker
cp web/index.html "$B/index.html"
cp web/train_worker.js "$B/train_worker.js"

echo
for f in layerlab.wasm layerlab.data layerlab.js index.html; do
  raw=$(stat -c %s "$B/$f")
  gz=$(gzip -9 -c "$B/$f" | wc -c)
  printf '  %-15s %9d bytes  (gzip %d)\n' "$f" "$raw" "$gz"
done
echo "built $B; serve it with: python3 scripts/serve.py"
