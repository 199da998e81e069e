// The in-browser peers of LayerLab's WebAssembly speed benchmark, built and timed the same way in a
// Web Worker (bench_worker.js loads this with importScripts) and under Node (node_peers.cjs requires it):
//   - TensorFlow.js with its wasm backend: inference images/s of the four reference networks;
//   - ConvNetJS: training images/s of the two networks without BatchNorm (it has no BatchNorm layer).
// The networks follow src/engine/reference_models.cpp: [Conv2d 3x3 pad 1 (+BatchNorm) + ReLU + MaxPool 2]
// x2, Flatten, [Linear 128 + ReLU], Linear 10, input 1x28x28 (channels-last 28x28x1 in TF.js, which
// changes no parameter count). Parameter counts are the trainable ones, as `layerlab info` counts them
// (BatchNorm: gamma and beta; its running statistics are buffers, not parameters).
// Timing follows `layerlab bench`: the best calls/s over short rounds after a warm-up, for about
// `seconds` (at least `minRounds` rounds), so a round that nothing else interrupted sets the figure.
(function (root) {
  'use strict';

  // name -> the two conv widths, the hidden Linear width (0: none) and whether BatchNorm follows each conv
  const NETS = {
    'tiny': { c1: 8, c2: 16, hidden: 0, bn: true },
    'standard': { c1: 32, c2: 64, hidden: 128, bn: true },
    'tiny-nobn': { c1: 8, c2: 16, hidden: 0, bn: false },
    'standard-nobn': { c1: 32, c2: 64, hidden: 128, bn: false },
  };

  function spec(name) {
    const s = NETS[name];
    if (!s) throw new Error(`unknown reference network '${name}'`);
    return s;
  }

  // performance.now() exists in Workers, pages and Node >= 16; seconds.
  function now() { return performance.now() / 1000; }

  // Best calls per second of fn over rounds of perRound calls, after `warmup` calls.
  function bestRate(fn, { warmup, perRound, seconds, minRounds = 3 }) {
    for (let i = 0; i < warmup; ++i) fn();
    let best = 0;
    const start = now();
    for (let round = 0; round < minRounds || now() - start < seconds; ++round) {
      const t0 = now();
      for (let i = 0; i < perRound; ++i) fn();
      const dt = now() - t0;
      if (dt > 0) best = Math.max(best, perRound / dt);
    }
    return best;
  }

  // Small deterministic generator (mulberry32) for the random inputs and labels: Math.random would do,
  // but a seed makes two runs feed the same numbers.
  function rng(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // ---- TensorFlow.js ----

  // Makes the wasm backend current, single-threaded like LayerLab's wasm build: the multithread flag is
  // forced off (so the plain SIMD binary is loaded, as under Node, whatever the page's isolation) and the
  // XNNPACK pool is asked for one thread. wasmApi: tf.wasm in a page, the required package under Node.
  async function initTfjsWasm(tf, wasmApi, wasmDir) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasmApi.setThreadsCount(1);
    if (wasmDir) wasmApi.setWasmPaths(wasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('TF.js: the wasm backend failed to initialise');
    await tf.ready();
    if (tf.getBackend() !== 'wasm') throw new Error(`TF.js: backend is ${tf.getBackend()}, not wasm`);
    return {
      version: tf.version.tfjs,
      backend: tf.getBackend(),
      threads: wasmApi.getThreadsCount(),
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    };
  }

  // The reference network with tf.layers. Where a ReLU directly follows a layer it is that layer's
  // activation (what a TF.js user writes, and what lets TF.js fuse it); after BatchNorm it is its own layer.
  function buildTfjs(tf, name) {
    const s = spec(name);
    const m = tf.sequential();
    let first = true;
    for (const c of [s.c1, s.c2]) {
      const conv = { filters: c, kernelSize: 3, padding: 'same', activation: s.bn ? 'linear' : 'relu' };
      if (first) conv.inputShape = [28, 28, 1];
      first = false;
      m.add(tf.layers.conv2d(conv));
      if (s.bn) {
        m.add(tf.layers.batchNormalization({ axis: -1, epsilon: 1e-5, momentum: 0.9 }));
        m.add(tf.layers.reLU());
      }
      m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
    }
    m.add(tf.layers.flatten());
    if (s.hidden) m.add(tf.layers.dense({ units: s.hidden, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 10 }));
    return m;
  }

  function tfjsParams(model) {
    let n = 0;
    for (const w of model.trainableWeights) n += w.shape.reduce((a, b) => a * b, 1);
    return n;
  }

  // Inference images/s at `batch`: predict on one random batch (a single chunk: predict's default
  // batchSize is 32), read back with dataSync so the work is done inside the timed call.
  function benchTfjsInfer(tf, name, { batch = 64, seconds = 1, quick = false } = {}) {
    const model = buildTfjs(tf, name);
    const params = tfjsParams(model);
    const x = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 1);
    const run = () => {
      const y = tf.tidy(() => model.predict(x, { batchSize: batch }));
      const out = y.dataSync();
      y.dispose();
      if (out.length !== batch * 10) throw new Error(`TF.js ${name}: ${out.length} outputs, expected ${batch * 10}`);
    };
    const rate = bestRate(run, { warmup: quick ? 1 : 3, perRound: 1, seconds, minRounds: 3 });
    x.dispose();
    model.dispose();
    return { params, infer_images_per_s: batch * rate };
  }

  // ---- ConvNetJS ----

  function buildConvnetjs(convnetjs, name) {
    const s = spec(name);
    if (s.bn) throw new Error(`ConvNetJS has no BatchNorm layer: '${name}' cannot be built`);
    const layers = [{ type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 }];
    for (const c of [s.c1, s.c2]) {
      layers.push({ type: 'conv', sx: 3, filters: c, stride: 1, pad: 1, activation: 'relu' });
      layers.push({ type: 'pool', sx: 2, stride: 2 });
    }
    if (s.hidden) layers.push({ type: 'fc', num_neurons: s.hidden, activation: 'relu' });
    layers.push({ type: 'softmax', num_classes: 10 });  // adds the Linear 10 (an 'fc' layer) before it
    const net = new convnetjs.Net();
    net.makeLayers(layers);
    return net;
  }

  function convnetjsParams(net) {
    let n = 0;
    for (const pg of net.getParamsAndGrads()) n += pg.params.length;
    return n;
  }

  // Training images/s: ConvNetJS's Trainer takes one sample per train() call and updates the weights
  // every batch_size calls, so a round of `batch` calls is one mini-batch step (SGD, momentum 0.9, lr
  // 0.01, no weight decay, as `layerlab bench`). The warm-up is one whole batch (the first update
  // allocates the momentum buffers). --quick times a few samples only.
  function benchConvnetjsTrain(convnetjs, name, { batch = 64, seconds = 1, quick = false } = {}) {
    const net = buildConvnetjs(convnetjs, name);
    const params = convnetjsParams(net);
    const trainer = new convnetjs.Trainer(net, {
      method: 'sgd', learning_rate: 0.01, momentum: 0.9, batch_size: batch, l2_decay: 0.0,
    });
    const r = rng(1);
    const samples = [];
    for (let i = 0; i < batch; ++i) {
      const v = new convnetjs.Vol(28, 28, 1, 0.0);
      for (let j = 0; j < v.w.length; ++j) v.w[j] = r();
      samples.push({ x: v, y: Math.floor(r() * 10) });
    }
    let k = 0;
    const step = () => {
      const s = samples[k++ % batch];
      trainer.train(s.x, s.y);
    };
    const rate = quick
      ? bestRate(step, { warmup: 2, perRound: 4, seconds, minRounds: 1 })
      : bestRate(step, { warmup: batch, perRound: batch, seconds, minRounds: 3 });
    return { params, train_images_per_s: rate };
  }

  const api = {
    NETS, spec, bestRate, initTfjsWasm, buildTfjs, tfjsParams, benchTfjsInfer,
    buildConvnetjs, convnetjsParams, benchConvnetjsTrain,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.LayerLabPeers = api;
})(typeof self !== 'undefined' ? self : globalThis);
