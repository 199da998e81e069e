#!/usr/bin/env node
// LayerLab's WebAssembly speed beside the in-browser peers, in headless Chromium and under Node, one
// thread each (the speed issue's WebAssembly targets):
//   - training images/s at batch 64, ours / ConvNetJS on tiny-nobn and standard-nobn: target >= 20x;
//   - inference images/s at batch 64, ours / TF.js wasm backend on tiny and standard: target >= 1x;
//   - the Conv2d(32->64, 3x3) forward GFLOP/s / the SIMD128 mul+add peak of the same run: target >= 0.5;
//   - the Training lab's own speed: the app page (build/web, or $LAYERLAB_WEB_DIR) trains tiny and standard
//     at batch 64 through window.layerlab.train, measured on the wall clock after a warm-up, beside the
//     bench's Chromium figure: target >= 0.8 (skipped when the app is not built).
// Builds nothing: expects tools/bench/build_web_bench.sh's output in build/web-bench (or
// $LAYERLAB_BENCH_DIR). Chromium: serves that folder (tests/e2e/lib.mjs) and reads window.benchResult of
// its index.html. Node: layerlab_bench.js (info), layerlab_bench_web.js through tools/bench/web/
// node_layerlab.cjs (bench, warmed up as in the page), simd128_peak.js and tools/bench/web/node_peers.cjs,
// each in a child process, one after another. The peers' networks must have our parameter counts (`layerlab
// info`), or this exits non-zero whatever the options.
// Usage: node tools/bench/web_compare.mjs [--seconds S] [--quick] [--json OUT] [--check] [--only chromium|node|lab]
//   --seconds S  per measurement (default 1; 0.05 with --quick)
//   --quick      short smoke run: few rounds, few ConvNetJS samples, short SIMD peak
//   --check      also assert every figure is a positive number; ends with "web-bench: N passed, M failed"
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, waitReady } from '../../tests/e2e/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = path.resolve(process.env.LAYERLAB_BENCH_DIR || path.join(ROOT, 'build', 'web-bench'));
const NETS = ['tiny', 'standard', 'tiny-nobn', 'standard-nobn'];
const NOBN = ['tiny-nobn', 'standard-nobn'];
const TARGET_TRAIN = 20, TARGET_INFER = 1, TARGET_CONV = 0.5, TARGET_LAB = 0.8;
const BATCH = 64;
const APP_DIR = path.resolve(process.env.LAYERLAB_WEB_DIR || path.join(ROOT, 'build', 'web'));
// Enough images and epochs that the run goes on through the warm-up and the window (an epoch's end,
// with its 1,000 validation images, may fall inside it, as it does for a student's run).
const LAB_RUNS = [['tiny', 59000], ['standard', 20000]];

function parseArgs(argv) {
  const o = { seconds: null, quick: false, json: null, check: false, only: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--check') o.check = true;
    else if (a === '--seconds') o.seconds = Number(argv[++i]);
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n'));
      process.exit(0);
    } else usage(`unknown argument '${a}'`);
  }
  if (o.seconds === null) o.seconds = o.quick ? 0.05 : 1;
  if (!(o.seconds >= 0)) usage('--seconds needs a number >= 0');
  if (o.only && !['chromium', 'node', 'lab'].includes(o.only)) usage('--only takes chromium, node or lab');
  if (o.json === undefined) usage('--json needs a file name');
  o.reps = o.quick ? 20 : 200;  // SIMD peak runs of ~5 ms each
  return o;
}

function usage(msg) {
  console.error(`web_compare: ${msg}\nusage: node tools/bench/web_compare.mjs [--seconds S] [--quick] [--json OUT] [--check] [--only chromium|node|lab]`);
  process.exit(2);
}

function requireBuild() {
  const need = ['layerlab_bench.js', 'layerlab_bench_web.js', 'simd128_peak.js', 'simd128_peak_web.js', 'index.html',
    'bench_worker.js', 'peers.js', 'run_main.js', 'vendor/tf.min.js', 'vendor/tf-backend-wasm.min.js', 'vendor/convnet.js'];
  const missing = need.filter((f) => !fs.existsSync(path.join(DIR, f)));
  if (missing.length) {
    console.error(`web_compare: ${DIR} lacks ${missing.join(', ')}; build it with: bash tools/bench/build_web_bench.sh`);
    process.exit(2);
  }
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

// ---- Node ----

// Runs `node [--no-experimental-fetch] args...`; returns stdout, or throws with stderr's tail.
function runNode(args, timeoutS) {
  const r = spawnSync(process.execPath, ['--no-experimental-fetch', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 16 << 20 });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : `exit status ${r.status}`;
    throw new Error(`node ${args.join(' ')}: ${why}\n${(r.stderr || '').trim().split('\n').slice(-8).join('\n')}`);
  }
  return r.stdout;
}

function jsonFrom(text, what) {
  const i = text.indexOf('{');
  if (i < 0) throw new Error(`${what}: no JSON in its output: ${text.slice(0, 200)}`);
  return JSON.parse(text.slice(i));
}

function benchArgs(seconds) {
  return ['bench', '--json', '--threads', '1', '--batch-size', String(BATCH), '--seconds', String(seconds)];
}

// The same figures as the page, in the page's result shape (see index.html runAll).
function runNodeSide(o) {
  const res = { env: { node: process.version }, seconds: o.seconds, quick: o.quick, batch: BATCH,
    ours: null, simd128_peak_gflops: null, tfjs: null, convnetjs: null, errors: [] };
  const bench = path.join(DIR, 'layerlab_bench.js');
  const budget = 120 + 60 * o.seconds;
  const step = (label, fn) => {
    const t0 = Date.now();
    console.log(`[node] ${label} ...`);
    try { fn(); console.log(`[node] ${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`); }
    catch (e) { res.errors.push(`${label}: ${e.message}`); console.log(`[node] ${label}: FAILED ${e.message}`); }
  };
  step('layerlab (info + bench)', () => {
    // Parameter counts from the Node build of the tool (`layerlab info`); speed from the page's factory
    // driven as the page drives it: warm-up, then the measured command, on one instance (run_main.js).
    const params = {};
    for (const n of NETS) params[n] = jsonFrom(runNode([bench, 'info', n, '--json'], 60), `layerlab info ${n}`).params;
    const spec = { commands: [benchArgs(o.seconds)], warmup: benchArgs(Math.min(o.seconds, 0.25)) };
    const line = runNode([path.join(ROOT, 'tools', 'bench', 'web', 'node_layerlab.cjs'), path.join(DIR, 'layerlab_bench_web.js'),
      JSON.stringify(spec)], budget).split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error('node_layerlab: no RESULT line');
    const [r] = JSON.parse(line.slice(7));
    if (r.status !== 0) throw new Error(`layerlab bench: exit status ${r.status}: ${r.err.join(' ')}`);
    res.ours = { params, bench: jsonFrom(r.out.join('\n'), 'layerlab bench') };
  });
  step('SIMD128 peak', () => {
    res.simd128_peak_gflops = Number(runNode([path.join(DIR, 'simd128_peak.js'), String(o.reps)], 120).trim());
  });
  const peer = (name, nets) => {
    const args = [path.join(ROOT, 'tools', 'bench', 'web', 'node_peers.cjs'), name, '--nets', nets.join(','),
      '--seconds', String(o.seconds), '--batch-size', String(BATCH)];
    if (o.quick) args.push('--quick');
    const line = runNode(args, budget).split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`node_peers ${name}: no RESULT line`);
    return JSON.parse(line.slice(7));
  };
  step('TF.js wasm inference', () => { res.tfjs = peer('tfjs', NETS); });
  step('ConvNetJS training', () => { res.convnetjs = peer('convnetjs', NOBN); });
  return res;
}

// ---- Chromium ----

async function runChromium(o) {
  const server = await serve(DIR);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.text().startsWith('[bench] ')) console.log(`[chromium] ${m.text().slice(8)}`); });
    const pageErrors = [];
    // An uncaught error in the page (not in a worker: runTask reports those) means no result will come:
    // stop waiting at once rather than at the timeout.
    let onPageError;
    const crashed = new Promise((resolve, reject) => { onPageError = reject; });
    crashed.catch(() => {});  // it may reject during goto, before the race below awaits it
    page.on('pageerror', (e) => { pageErrors.push(String(e)); onPageError(new Error(`page error: ${e}`)); });
    const query = `autorun&seconds=${o.seconds}&reps=${o.reps}${o.quick ? '&quick' : ''}`;
    await page.goto(`${server.url}index.html?${query}`);
    const timeout = (180 + 120 * o.seconds) * 1000;
    await Promise.race([crashed, page.waitForFunction(() => window.benchResult !== undefined, null, { timeout, polling: 250 })]);
    const res = await page.evaluate(() => window.benchResult);
    res.env.chromium = browser.version();
    res.errors.push(...pageErrors.map((e) => `page error: ${e}`));
    return res;
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---- The Training lab (the app page) ----

// Each network trains in the lab as a student's run does (a Web Worker of the page, the page drawing);
// images/s is steps x batch over a window of wall-clock time, after a warm-up in which the browser
// compiles the worker's WebAssembly to optimised code (V8 tiers it up while it runs).
async function runLab(o) {
  if (!fs.existsSync(path.join(APP_DIR, 'index.html')) || !fs.existsSync(path.join(APP_DIR, 'train_worker.js')))
    return { skipped: `${APP_DIR} has no app build (scripts/build_web.sh)` };
  const warmS = o.quick ? 1 : 6, windowS = o.quick ? 1 : Math.max(4, 4 * o.seconds);
  const server = await serve(APP_DIR);
  const browser = await launch();
  const res = { warmup_s: warmS, window_s: windowS, nets: {}, errors: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}#lab=training`);
    await waitReady(page, 90000);
    // The request the lab sends its worker, kept to train the same run in a worker with no page drawing.
    await page.evaluate(() => {
      const start = Module.llTrainStart;
      Module.llTrainStart = (id, request, weights) => { window.benchLastRequest = request; return start(id, request, weights); };
    });
    const bare = await context.newPage();
    await bare.goto(`${server.url}manifest.webmanifest`);  // same origin, no app
    const sample = (id) => page.evaluate((i) => {
      const r = window.layerlab.runs().find((x) => x.id === i);
      return { t: performance.now(), status: r.status, step: r.step, reported: r.imagesPerSecond, error: r.error, threads: r.threads };
    }, id);
    for (const [net, trainSize] of LAB_RUNS) {
      console.log(`[lab] ${net} ...`);
      const { id } = await page.evaluate((c) => window.layerlab.train(c),
        { model: net, data: 'fashion-mnist', trainSize, valSize: 1000, epochs: 3, batchSize: BATCH, lr: 0.005, seed: 0, threads: 1 });
      let s = await sample(id);
      for (const t0 = Date.now(); (s.status === 'loading' || s.step === 0) && Date.now() - t0 < 120000; s = await sample(id))
        await page.waitForTimeout(100);
      await page.waitForTimeout(warmS * 1000);
      const a = await sample(id);
      await page.waitForTimeout(windowS * 1000);
      const b = await sample(id);
      await page.evaluate((i) => window.layerlab.stopRun(i), id);
      for (const t0 = Date.now(); ['loading', 'running', 'paused'].includes((await sample(id)).status) && Date.now() - t0 < 30000;)
        await page.waitForTimeout(100);
      if (a.status !== 'running' || b.status !== 'running' || b.step <= a.step || b.threads !== 1) {
        res.errors.push(`${net}: the run was ${b.status} (${b.error || 'no error'}) on ${b.threads} thread(s) at steps ${a.step}..${b.step}`);
        continue;
      }
      const request = await page.evaluate(() => window.benchLastRequest);
      const alone = await bare.evaluate(([req, warm, win, batch]) => new Promise((resolve) => {
        const w = new Worker('train_worker.js');
        let first = null, a = null;
        w.onmessage = (e) => {
          if (!e.data.message) return;
          const m = JSON.parse(e.data.message), t = performance.now();
          if (m.kind !== 'progress' && m.kind !== 'loading') { w.terminate(); resolve({ error: `${m.kind}: ${m.error || ''}` }); return; }
          if (m.kind !== 'progress' || !(m.step > 0)) return;
          if (first === null) first = t;
          if (a === null && t - first >= warm * 1000) a = { t, step: m.step };
          if (a !== null && t - a.t >= win * 1000) { w.terminate(); resolve({ images_per_s: ((m.step - a.step) * batch) / ((t - a.t) / 1000) }); }
        };
        w.postMessage({ cmd: 'start', id: 1, request: req, weights: null });
      }), [request, warmS, windowS, BATCH]);
      res.nets[net] = { train_images_per_s: ((b.step - a.step) * BATCH) / ((b.t - a.t) / 1000), reported_images_per_s: b.reported,
        worker_alone_images_per_s: alone.images_per_s ?? null };
      if (alone.error) res.errors.push(`${net}, worker alone: ${alone.error}`);
    }
  } catch (e) {
    res.errors.push(e.message);
  } finally {
    await browser.close();
    await server.close();
  }
  return res;
}

function printLab(lab, chromiumTable) {
  console.log(`\n== The Training lab (${APP_DIR}), Chromium, 1 thread, batch ${BATCH}: images/s over ${lab.window_s || '-'} s ` +
    `after ${lab.warmup_s || '-'} s of training, beside the bench's Chromium train figure ==`);
  if (lab.skipped) { console.log(`skipped: ${lab.skipped}`); return { skipped: lab.skipped }; }
  console.log('(lab: the page drawing the lab as the run trains; alone: the same run in the same worker code with no page drawing)');
  console.log(`${'net'.padEnd(14)} ${'lab'.padStart(9)} ${'alone'.padStart(9)} ${'bench'.padStart(9)} ${'ratio'.padStart(6)} target   ${'60k epoch'.padStart(9)}`);
  const rows = {};
  for (const [n] of LAB_RUNS) {
    const l = lab.nets[n] ? lab.nets[n].train_images_per_s : null;
    const b = chromiumTable && chromiumTable.nets[n] ? chromiumTable.nets[n].train : null;
    const r = ratio(l, b);
    const alone = lab.nets[n] ? lab.nets[n].worker_alone_images_per_s : null;
    console.log(`${n.padEnd(14)} ${fmt(l)} ${fmt(alone)} ${fmt(b)} ${fmt(r, 6, 2)} ${TARGET_LAB}x ${mark(r, TARGET_LAB)} ${num(l) ? `${(60000 / l).toFixed(1)} s`.padStart(9) : ''}`);
    rows[n] = { lab: l, worker_alone: alone, bench: b, ratio: r };
  }
  for (const e of lab.errors) console.log(`ERROR (lab): ${e}`);
  return { nets: rows };
}

// ---- Report ----

const num = (v) => typeof v === 'number' && Number.isFinite(v);
const fmt = (v, w = 9, d = 0) => (num(v) ? v.toFixed(d).padStart(w) : '-'.padStart(w));
const ratio = (a, b) => (num(a) && num(b) && a > 0 && b > 0 ? a / b : null);
const mark = (r, target) => (r === null ? '    ' : r >= target ? 'ok  ' : 'MISS');

function printEnv(label, res) {
  const o = res.ours ? res.ours.bench : {};
  const tf = res.tfjs || { nets: {} }, cn = res.convnetjs || { nets: {} };
  const tfDesc = res.tfjs ? `TF.js ${res.tfjs.version} wasm, ${res.tfjs.threads} thread(s), SIMD ${res.tfjs.simd}` : 'TF.js: failed';
  console.log(`\n== ${label}: WebAssembly, 1 thread, batch ${BATCH}, images/s; ours / ConvNetJS (train), ours / ${tfDesc} (infer) ==`);
  console.log(`${'net'.padEnd(14)} ${'train'.padStart(9)} ${'convnetjs'.padStart(9)} ${'ratio'.padStart(6)} target      ` +
    `${'infer'.padStart(9)} ${'tfjs'.padStart(9)} ${'ratio'.padStart(6)} target`);
  const rows = {};
  for (const n of NETS) {
    const tr = o[n] ? o[n].train_images_per_s : null, inf = o[n] ? o[n].infer_images_per_s : null;
    const ctr = cn.nets[n] ? cn.nets[n].train_images_per_s : null, tinf = tf.nets[n] ? tf.nets[n].infer_images_per_s : null;
    const rt = ratio(tr, ctr), ri = ratio(inf, tinf);
    const trainTarget = NOBN.includes(n), inferTarget = n === 'tiny' || n === 'standard';
    console.log(`${n.padEnd(14)} ${fmt(tr)} ${fmt(ctr)} ${fmt(rt, 6, 1)} ${trainTarget ? `${TARGET_TRAIN}x ${mark(rt, TARGET_TRAIN)}` : '        '}    ` +
      `${fmt(inf)} ${fmt(tinf)} ${fmt(ri, 6, 2)} ${inferTarget ? `${TARGET_INFER}x ${mark(ri, TARGET_INFER)}` : ''}`);
    rows[n] = { train: tr, convnetjs_train: ctr, train_ratio: rt, infer: inf, tfjs_infer: tinf, infer_ratio: ri };
  }
  const conv = o.conv_gflops, peak = res.simd128_peak_gflops, rc = ratio(conv, peak);
  console.log(`Conv2d(32->64, 3x3) forward, 64x32x28x28: ${fmt(conv, 0, 1)} GFLOP/s = ${fmt(rc, 0, 2)} of the SIMD128 ` +
    `mul+add peak ${fmt(peak, 0, 1)} GFLOP/s (${rc === null ? '-' : rc >= TARGET_CONV ? 'ok' : 'MISS'}: target ${TARGET_CONV})`);
  for (const e of res.errors) console.log(`ERROR (${label}): ${e}`);
  return { nets: rows, conv_gflops: conv, simd128_peak_gflops: peak, conv_ratio: rc };
}

// Parameter counts: ours (layerlab info, from each build) and each peer's, per network. Returns the
// mismatches; a peer that did not run leaves its cells empty (its failure is reported elsewhere).
function paramTable(envs) {
  const cols = [];
  for (const [label, res] of envs) {
    cols.push([`ours/${label}`, (n) => res.ours && res.ours.params[n]]);
    cols.push([`tfjs/${label}`, (n) => res.tfjs && res.tfjs.nets[n] && res.tfjs.nets[n].params]);
    cols.push([`convnetjs/${label}`, (n) => res.convnetjs && res.convnetjs.nets[n] && res.convnetjs.nets[n].params]);
  }
  console.log(`\n== trainable parameters: the peers' networks against ours ==`);
  console.log(`${'net'.padEnd(14)} ${cols.map(([h]) => h.padStart(18)).join(' ')}`);
  const bad = [];
  for (const n of NETS) {
    const vals = cols.map(([, get]) => get(n));
    const ref = vals.find((v, i) => num(v) && cols[i][0].startsWith('ours/'));
    console.log(`${n.padEnd(14)} ${vals.map((v) => fmt(v, 18)).join(' ')}`);
    if (ref === undefined) bad.push(`${n}: no count of ours to compare with (layerlab info failed)`);
    else cols.forEach(([h], i) => { if (num(vals[i]) && vals[i] !== ref) bad.push(`${n}: ${h} has ${vals[i]}, ours ${ref}`); });
  }
  return bad;
}

// --check: every figure a positive number, TF.js on one thread, no step failed.
function checks(envs) {
  const out = [];
  const pos = (what, v) => out.push([what, num(v) && v > 0]);
  for (const [label, res] of envs) {
    const o = res.ours ? res.ours.bench : {};
    for (const n of NETS) {
      pos(`${label}: ours ${n} train`, o[n] && o[n].train_images_per_s);
      pos(`${label}: ours ${n} infer`, o[n] && o[n].infer_images_per_s);
      pos(`${label}: ours ${n} params`, res.ours && res.ours.params[n]);
      pos(`${label}: TF.js ${n} infer`, res.tfjs && res.tfjs.nets[n] && res.tfjs.nets[n].infer_images_per_s);
    }
    for (const n of NOBN) pos(`${label}: ConvNetJS ${n} train`, res.convnetjs && res.convnetjs.nets[n] && res.convnetjs.nets[n].train_images_per_s);
    pos(`${label}: conv GFLOP/s`, o.conv_gflops);
    pos(`${label}: SIMD128 peak`, res.simd128_peak_gflops);
    out.push([`${label}: TF.js on 1 thread`, !!res.tfjs && res.tfjs.threads === 1]);
    out.push([`${label}: no step failed`, res.errors.length === 0]);
  }
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.only !== 'lab') requireBuild();
  console.log(`WebAssembly benchmark: ${DIR}, ${o.seconds} s per measurement` +
    `${o.quick ? ' (--quick: a smoke run, its figures and ratios are not measurements)' : ''}; ` +
    `TF.js ${version('@tensorflow/tfjs')} + tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}, ` +
    `ConvNetJS ${version('convnetjs')}, Node ${process.version}`);
  const envs = [];
  if (o.only !== 'node' && o.only !== 'lab') {
    let res;
    try { res = await runChromium(o); }
    catch (e) { res = { env: {}, ours: null, simd128_peak_gflops: null, tfjs: null, convnetjs: null, errors: [`Chromium: ${e.message}`] }; }
    envs.push(['chromium', res]);
  }
  const lab = o.only !== 'node' ? await runLab(o) : { skipped: '--only node' };
  if (!o.only || o.only === 'node') envs.push(['node', runNodeSide(o)]);

  const report = { seconds: o.seconds, quick: o.quick, batch: BATCH,
    targets: { train_vs_convnetjs: TARGET_TRAIN, infer_vs_tfjs: TARGET_INFER, conv_vs_simd128_peak: TARGET_CONV },
    versions: { tfjs: version('@tensorflow/tfjs'), tfjs_backend_wasm: version('@tensorflow/tfjs-backend-wasm'),
      convnetjs: version('convnetjs'), node: process.version }, envs: {}, tables: {} };
  for (const [label, res] of envs) {
    const env = res.env || {};
    if (label === 'chromium' && env.chromium) {
      console.log(`\nChromium ${env.chromium} (headless), crossOriginIsolated ${env.crossOriginIsolated}; TF.js forced to its ` +
        `single-threaded SIMD binary (WASM_HAS_MULTITHREAD_SUPPORT off, setThreadsCount(1))`);
    }
    report.tables[label] = printEnv(label === 'chromium' ? `Chromium ${env.chromium || ''}`.trim() : `Node ${process.version}`, res);
    report.envs[label] = res;
  }
  report.tables.lab = printLab(lab, report.tables.chromium);
  report.lab = lab;
  const bad = envs.length ? paramTable(envs) : [];
  report.param_mismatches = bad;
  let failed = bad.length > 0;
  if (bad.length) {
    console.log(`\nFAIL: the peers' networks do not match ours (parameter counts differ):`);
    for (const b of bad) console.log(`  ${b}`);
  } else if (envs.length) console.log('parameter counts: all equal');
  if (o.check) {
    const cs = checks(envs);
    if (!lab.skipped) {
      for (const [n] of LAB_RUNS) cs.push([`lab: ${n} train`, !!lab.nets[n] && num(lab.nets[n].train_images_per_s) && lab.nets[n].train_images_per_s > 0]);
      cs.push(['lab: no run failed', lab.errors.length === 0]);
    }
    cs.push(['parameter counts equal', bad.length === 0]);
    for (const [what, ok] of cs) if (!ok) console.log(`FAIL ${what}`);
    const p = cs.filter(([, ok]) => ok).length;
    report.checks = { passed: p, failed: cs.length - p };
    console.log(`web-bench: ${p} passed, ${cs.length - p} failed`);
    if (p !== cs.length) failed = true;
  }
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(report, null, 1));
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`web_compare: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
