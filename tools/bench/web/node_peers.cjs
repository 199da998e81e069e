// The peers of the WebAssembly benchmark under Node (tools/bench/web_compare.mjs runs this in a child
// process per peer, so neither shares a heap or JIT state with the other). Same code as the page's
// worker: peers.js. Prints one line "RESULT {json}" last (TF.js prints a banner of its own on stdout).
// Usage: node tools/bench/web/node_peers.cjs tfjs|convnetjs [--nets a,b] [--seconds S] [--batch-size B] [--quick]
'use strict';
const path = require('node:path');
const peers = require('./peers.js');

function parseArgs(argv) {
  const o = { peer: argv[0], seconds: 1, batch: 64, quick: false, nets: null };
  for (let i = 1; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--seconds') o.seconds = Number(argv[++i]);
    else if (a === '--batch-size') o.batch = Number(argv[++i]);
    else if (a === '--nets') o.nets = argv[++i].split(',').filter(Boolean);
    else throw new Error(`node_peers: unknown argument '${a}'`);
  }
  if (!(o.seconds >= 0) || !(o.batch >= 1)) throw new Error('node_peers: bad --seconds or --batch-size');
  return o;
}

async function tfjs(o) {
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // The package's own dist folder: the backend reads the .wasm file from there with fs.
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  const info = await peers.initTfjsWasm(tf, wasm, dist + path.sep);
  const nets = {};
  for (const name of o.nets || ['tiny', 'standard', 'tiny-nobn', 'standard-nobn'])
    nets[name] = peers.benchTfjsInfer(tf, name, o);
  return { ...info, nets };
}

function convnetjs(o) {
  const cn = require('convnetjs');
  const nets = {};
  for (const name of o.nets || ['tiny-nobn', 'standard-nobn']) nets[name] = peers.benchConvnetjsTrain(cn, name, o);
  return { version: require('convnetjs/package.json').version, nets };
}

(async () => {
  const o = parseArgs(process.argv.slice(2));
  let result;
  if (o.peer === 'tfjs') result = await tfjs(o);
  else if (o.peer === 'convnetjs') result = convnetjs(o);
  else throw new Error(`node_peers: unknown peer '${o.peer}' (tfjs or convnetjs)`);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
})().catch((e) => {
  process.stderr.write(`node_peers: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
