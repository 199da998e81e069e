#!/usr/bin/env bash
# The engine's dependency rule, checked: nothing under src/engine (or the folder given) includes Dear
# ImGui, OpenGL, GLFW or Emscripten headers, so the engine keeps building for the CLI and the tests alone.
# Prints "engine-includes: 1 passed, 0 failed" (or the offending lines and "0 passed, 1 failed").
cd "$(dirname "$0")/.."
dir=${1:-src/engine}
[ -d "$dir" ] || { echo "engine-includes: $dir is not a folder"; echo "engine-includes: 0 passed, 1 failed"; exit 1; }
if grep -rnE '^\s*#\s*include\s*[<"](imgui|GL/|GLES|GLFW/|emscripten)' "$dir"; then
  echo "engine-includes: 0 passed, 1 failed (the lines above break src/engine's rule: no UI, GL or Emscripten)"
  exit 1
fi
echo "engine-includes: 1 passed, 0 failed"
