// The bench page's Web Worker: runs one task per message and replies {ok, result} or {ok: false, error}.
// index.html starts a fresh worker for every task and ends it after, so the page never freezes and no
// task inherits another's heap, JIT state or globals (TF.js and ConvNetJS both define globals).
// Tasks:
//   layerlab  {commands: [[arg, ...], ...], warmup: [arg, ...] or null}  each command's callMain on one
//             layerlab_bench_web instance, after the warm-up (run_main.js says why);
//             returns [{status, out: [stdout lines], err: [stderr lines]}, ...]
//   simd      {reps}                      the SIMD128 mul+add peak (simd128_peak_web.js), GFLOP/s
//   tfjs      {nets, seconds, batch, quick}   TF.js wasm backend inference (peers.js)
//   convnetjs {nets, seconds, batch, quick}   ConvNetJS training (peers.js)
'use strict';

const TASKS = {
  async layerlab({ commands, warmup }) {
    importScripts('layerlab_bench_web.js', 'run_main.js');
    return LayerLabRunMain.runCommands(self.createLayerLabBench, commands, warmup);
  },

  async simd({ reps }) {
    importScripts('simd128_peak_web.js', 'run_main.js');
    const [r] = await LayerLabRunMain.runCommands(self.createSimdPeak, [[String(reps)]]);
    const gflops = Number(r.out.join('\n').trim());
    if (r.status !== 0 || !(gflops > 0)) throw new Error(`simd128_peak: status ${r.status}, output ${JSON.stringify(r.out)}`);
    return { gflops };
  },

  async tfjs({ nets, seconds, batch, quick }) {
    importScripts('vendor/tf.min.js', 'vendor/tf-backend-wasm.min.js', 'peers.js');
    const info = await LayerLabPeers.initTfjsWasm(self.tf, self.tf.wasm, new URL('vendor/', self.location.href).href);
    const out = { ...info, nets: {} };
    for (const name of nets) out.nets[name] = LayerLabPeers.benchTfjsInfer(self.tf, name, { seconds, batch, quick });
    return out;
  },

  async convnetjs({ nets, seconds, batch, quick }) {
    // convnet.js ends by assigning window.jsfeat when there is no `module`: a Worker has no window.
    self.window = self;
    importScripts('vendor/convnet.js', 'peers.js');
    const out = { nets: {} };
    for (const name of nets) out.nets[name] = LayerLabPeers.benchConvnetjsTrain(self.convnetjs, name, { seconds, batch, quick });
    return out;
  },
};

self.onmessage = async (e) => {
  const { task, opts } = e.data;
  try {
    if (!TASKS[task]) throw new Error(`unknown task '${task}'`);
    self.postMessage({ ok: true, result: await TASKS[task](opts || {}) });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) });
  }
};
