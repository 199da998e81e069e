#!/usr/bin/env bash
# Rebuilds the tiny-fashion preset: the engine issue's tiny network trained on Fashion-MNIST by
# `layerlab train` (seed 0, so the same machine gives the same file). Writes
# assets/models/tiny-fashion.json and assets/models/tiny-fashion.safetensors.
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERLAB=${LAYERLAB:-build/native/layerlab}
mkdir -p assets/models
cat > assets/models/tiny-fashion.json <<'JSON'
{"input_shape": [1, 28, 28],
 "layers": [
  {"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1},
  {"type": "BatchNorm2d"},
  {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1},
  {"type": "BatchNorm2d"},
  {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2},
  {"type": "Flatten"},
  {"type": "Linear", "out_features": 10}
 ]}
JSON
"$LAYERLAB" train assets/models/tiny-fashion.json --data fashion-mnist --epochs 4 --batch-size 64 \
  --optimizer adam --lr 0.002 --seed 0 --out assets/models/tiny-fashion.safetensors
