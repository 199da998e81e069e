// Runs main() of an Emscripten factory (built with -sMODULARIZE -sINVOKE_RUN=0 -sEXIT_RUNTIME=0
// -sEXPORTED_RUNTIME_METHODS=callMain) once per command on ONE instance, after an optional warm-up
// command whose output is dropped; collects each command's stdout and stderr lines. The same code drives
// layerlab_bench_web.js in the page's worker (bench_worker.js) and under Node (node_layerlab.cjs).
// Why the warm-up: V8 first runs wasm from its baseline compiler (Liftoff) and swaps in optimised code
// per function only at its next call, compiled in the background. A kernel called once per timed round
// (the Conv2d figure of `layerlab bench`) can spend a whole short measurement in baseline code: in
// Chromium 156 the cold Conv2d figure was 8-17 GFLOP/s against 24 warm (or with --js-flags=--no-liftoff).
// Warming up with the same command gives every figure the code a long session runs.
(function (root) {
  'use strict';

  async function runCommands(factory, commands, warmup) {
    let out = [], err = [];
    const mod = await factory({ print: (l) => out.push(l), printErr: (l) => err.push(l) });
    if (warmup) mod.callMain(warmup);
    const results = [];
    for (const args of commands) {
      out = [];
      err = [];
      const status = mod.callMain(args);  // the exit status; with EXIT_RUNTIME=0 the instance stays usable
      results.push({ status, out, err });
    }
    return results;
  }

  const api = { runCommands };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.LayerLabRunMain = api;
})(typeof self !== 'undefined' ? self : globalThis);
