#!/usr/bin/env bash
# Sets up what is missing, builds everything (the tool natively, the page with Emscripten) and runs the
# main job: serving the page on http://127.0.0.1:8080. With --headless: a short training run instead
# (tiny network, Fashion-MNIST, one epoch with its progress bar).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
bash scripts/setup.sh
JOBS=$(nproc)
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$JOBS"
if [ "${1:-}" = "--headless" ] || [ ! -f scripts/build_web.sh ]; then
  exec build/native/layerlab train tiny --data fashion-mnist --epochs 1 --batch-size 64 --out build/tiny-fashion.safetensors
fi
bash scripts/build_web.sh
exec /usr/bin/python3 scripts/serve.py
