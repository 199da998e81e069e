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
# The Training lab's worker twice: one engine thread, and two (pthreads; used where the page is
# cross-origin isolated, with layerlab_worker_mt.worker.js beside it).
cmake --build "$B" -j"$JOBS" --target layerlab_app layerlab_worker layerlab_worker_mt
cp web/index.html "$B/index.html"
cp web/train_worker.js "$B/train_worker.js"
# Installable and offline (README "Offline use"): the manifest, its icons, and the service worker with
# this build's version, so a rebuilt app replaces the cache of the old one.
cp web/manifest.webmanifest web/icon.svg "$B/"
[ -f "$B/icon-512.png" ] && [ "$B/icon-512.png" -nt tools/make_icons.py ] || /usr/bin/python3 tools/make_icons.py "$B" 192 512
version=$(cat "$B"/{index.html,layerlab.js,layerlab.wasm,layerlab.data,train_worker.js,layerlab_worker.js,layerlab_worker.wasm} \
          "$B"/{layerlab_worker_mt.js,layerlab_worker_mt.wasm,layerlab_worker_mt.worker.js} \
          web/sw.js web/manifest.webmanifest | sha256sum | cut -c1-16)
sed "s/__LAYERLAB_VERSION__/$version/" web/sw.js >"$B/sw.js"

echo
# The first download is what the page loads before it is ready: these four (the data sets past the
# starter, the Training lab's worker and the service worker's copies come later).
total=0
for f in layerlab.wasm layerlab.data layerlab.js index.html; do
  raw=$(stat -c %s "$B/$f")
  gz=$(gzip -9 -c "$B/$f" | wc -c)
  total=$((total + gz))
  printf '  %-15s %9d bytes  (gzip %d)\n' "$f" "$raw" "$gz"
done
printf '  first download  %9d bytes gzip (%s MB; at most 3 MB)\n' "$total" "$(awk "BEGIN { printf \"%.2f\", $total / 1e6 }")"
echo "built $B (service worker version $version); serve it with: python3 scripts/serve.py"
