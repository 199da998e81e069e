// `layerlab bench` and `layerlab info` under Node from the same factory and with the same warm-up as
// the page's worker (run_main.js), so the Node and Chromium figures come from one protocol.
// Run with `node --no-experimental-fetch` (Emscripten 3.1.6 would fetch() the .wasm path under Node 20).
// Usage: node --no-experimental-fetch node_layerlab.cjs FACTORY.js '{"commands": [[...], ...], "warmup": [...]}'
// Prints one line "RESULT [{status, out, err}, ...]".
'use strict';
const path = require('node:path');
const { runCommands } = require('./run_main.js');

(async () => {
  const [factoryPath, spec] = process.argv.slice(2);
  if (!factoryPath || !spec) throw new Error('usage: node_layerlab.cjs FACTORY.js JSON');
  const { commands, warmup } = JSON.parse(spec);
  const factory = require(path.resolve(factoryPath));
  const results = await runCommands(factory, commands, warmup || null);
  process.stdout.write(`RESULT ${JSON.stringify(results)}\n`);
})().catch((e) => {
  process.stderr.write(`node_layerlab: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
