// Network lab (src/app/panels/network_*.cpp):
//  - renders (a screenshot that is not blank), tiny-fashion + Fashion-MNIST test #0 by default;
//  - stepping through tiny-fashion gives the phases forward x10, loss, backward x10, update x5;
//  - the prediction for a Fashion-MNIST test image equals the native `layerlab run` of the same
//    image (written here as X.safetensors from the .gz with node's zlib);
//  - an impossible layer edit (kernel_size 99) shows the engine's error and the app keeps running;
//  - a reload restores the preset, the input and the step;
//  - frame times with every feature map shown, idle and while playing (median and worst).
// Screenshots: net-start, net-forward-conv, net-loss, net-backward, net-update, net-conv-detail, net-korean.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const FASHION = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const MODEL = path.join(ROOT, 'assets/models/tiny-fashion');

function findCli() {
  if (process.env.LAYERLAB_CLI && fs.existsSync(process.env.LAYERLAB_CLI)) return process.env.LAYERLAB_CLI;
  const build = path.join(ROOT, 'build');
  const dirs = fs.existsSync(build) ? fs.readdirSync(build).filter((d) => d.startsWith('native')).sort() : [];
  for (const d of ['native', ...dirs]) {
    const p = path.join(build, d, 'layerlab');
    if (fs.existsSync(p)) return p;
  }
  execFileSync('cmake', ['--build', path.join(build, 'native'), '-j2', '--target', 'layerlab'], { stdio: 'inherit' });
  return path.join(build, 'native', 'layerlab');
}

// Fashion-MNIST test image `index` as a (1, 1, 28, 28) float32 safetensors file.
function writeImage(index, file) {
  const raw = zlib.gunzipSync(fs.readFileSync(FASHION));
  const off = 16 + index * 784;
  const data = Buffer.alloc(784 * 4);
  for (let i = 0; i < 784; ++i) data.writeFloatLE(raw[off + i] / 255, i * 4);
  const header = Buffer.from(JSON.stringify({ input: { dtype: 'F32', shape: [1, 1, 28, 28], data_offsets: [0, data.length] } }));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  fs.writeFileSync(file, Buffer.concat([len, header, data]));
}

// argmax of the first F32 tensor of a safetensors file written by `layerlab run`.
function argmaxOf(file) {
  const buf = fs.readFileSync(file);
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.toString('utf8', 8, 8 + n));
  const key = 'output' in header ? 'output' : Object.keys(header).find((k) => k !== '__metadata__' && header[k].dtype === 'F32');
  const [b, e] = header[key].data_offsets;
  let best = 0, bestV = -Infinity;
  for (let i = 0; i < (e - b) / 4; ++i) {
    const v = buf.readFloatLE(8 + n + b + i * 4);
    if (v > bestV) { bestV = v; best = i; }
  }
  return best;
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats } = ctx;
  const page = await context.newPage();
  watch(page);
  const st = () => page.evaluate(() => window.layerlab.state());
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const editLayer = (i, args) => page.evaluate(([i2, a]) =>
    window.layerlab.labParams('network', { edit_layer: i2, edit_args: JSON.stringify(a) }), [i, args]);

  await page.goto(url + '#lab=network');
  await waitReady(page, 90000);
  await frames(page, 8);

  await attempt('network: renders tiny-fashion with Fashion-MNIST #0', async () => {
    const s = await st();
    const img = await screenshot(page, 'net-start');
    const luma = lumaStats(img);
    check('network: renders tiny-fashion with Fashion-MNIST #0',
      s.lab === 'network' && s.preset === 'tiny-fashion' && s.input.dataset === 'fashion-mnist' && s.input.index === 0 &&
      luma.variance > 50 && !s.error, `preset ${s.preset}, input ${s.input.dataset} #${s.input.index}, luma var ${luma.variance.toFixed(0)}, error ${s.error}`);
  });

  await attempt('network: phases forward x10, loss, backward x10, update x5', async () => {
    await call('loadPreset', 'tiny-fashion');
    await call('setInput', { dataset: 'fashion-mnist', index: 0 });
    const seq = [];
    let s = await st();
    seq.push(`${s.phase}${s.layer}`);
    const shots = { 1: 'net-forward-conv', 10: 'net-loss', 15: 'net-backward', 22: 'net-update' };
    for (let i = 1; i < 26; ++i) {
      s = await call('step', 1);
      seq.push(`${s.phase}${s.layer}`);
      if (shots[i]) { await frames(page, 4); await screenshot(page, shots[i]); }
    }
    const phases = seq.map((x) => x.replace(/\d+$/, ''));
    const count = (p) => phases.filter((x) => x === p).length;
    const order = phases.join(',') === [...Array(10).fill('forward'), 'loss', ...Array(10).fill('backward'), ...Array(5).fill('update')].join(',');
    const s2 = await call('step', 1);
    const s3 = await call('step', -1);
    check('network: phases forward x10, loss, backward x10, update x5',
      order && count('update') === 5 && s2.phase === 'forward' && s2.layer === 0 && s3.phase === 'update' && s3.step === 25,
      seq.join(' '));
  });

  await attempt('network: prediction equals `layerlab run`', async () => {
    const cli = findCli();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-net-'));
    const results = [];
    let ok = true;
    for (const index of [0, 1, 17, 42]) {
      const x = path.join(tmp, `x${index}.safetensors`), out = path.join(tmp, `out${index}.safetensors`);
      writeImage(index, x);
      execFileSync(cli, ['run', `${MODEL}.json`, '--weights', `${MODEL}.safetensors`, '--input', x, '--out', out], { stdio: 'pipe' });
      const native = argmaxOf(out);
      await call('setInput', { dataset: 'fashion-mnist', index });
      const s = await st();
      results.push(`#${index}: web ${s.prediction.class} (${s.prediction.label}) native ${native}`);
      ok = ok && s.prediction.class === native;
    }
    check('network: prediction equals `layerlab run`', ok, results.join(', '));
  });

  await attempt('network: impossible edit shows the error and keeps running', async () => {
    await call('setInput', { dataset: 'fashion-mnist', index: 0 });
    await call('step', 1);
    await editLayer(4, { kernel_size: 99 });
    await frames(page, 4);
    const s = await st();
    const rep = await call('labState', 'network');
    await screenshot(page, 'net-edit-error');
    const ok1 = s.ready === true && typeof s.error === 'string' && /layer 4/.test(s.error) && rep.error_layer === 4 &&
      s.prediction.class !== null;
    // A possible edit works and updates the shapes; undo it.
    await editLayer(0, { out_channels: 4 });
    await frames(page, 2);
    const rep2 = await call('labState', 'network');
    const s2 = await st();
    await editLayer(0, { out_channels: 8 });
    check('network: impossible edit shows the error and keeps running', ok1 && !s2.error && rep2.model.layers[0].out_channels === 4,
      `error: ${s.error}`);
  });

  await attempt('network: reload restores preset, input and step', async () => {
    await call('loadPreset', 'lenet5');
    await call('setInput', { dataset: 'fashion-mnist', index: 7 });
    await call('step', 5);
    await frames(page, 30);  // the URL is written at most every 0.3 s
    await page.waitForTimeout(500);
    await frames(page, 4);
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 6);
    const s = await st();
    check('network: reload restores preset, input and step',
      s.preset === 'lenet5' && s.input.index === 7 && s.step === 5 && s.phase === 'forward' && s.layer === 5,
      `${s.preset} #${s.input.index} step ${s.step} ${s.phase}${s.layer}`);
  });

  await attempt('network: conv detail and Korean', async () => {
    await call('loadPreset', 'tiny-fashion');
    await call('setInput', { dataset: 'fashion-mnist', index: 0 });
    await call('step', 4);   // forward through layer 4, the second Conv2d (8 input channels)
    await frames(page, 6);
    await screenshot(page, 'net-conv-detail');
    // Hover a pixel of the last computed maps: the receptive region is drawn on the layers before it.
    const box = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
    await page.mouse.move(Math.round(box.w * 0.37), Math.round(box.h * 0.72));
    await frames(page, 4);
    await page.mouse.move(Math.round(box.w * 0.37) + 2, Math.round(box.h * 0.72) + 1);
    await frames(page, 4);
    await screenshot(page, 'net-receptive');
    await call('setLanguage', 'ko');
    await call('step', 8);
    await frames(page, 6);
    const img = await screenshot(page, 'net-korean');
    await call('setLanguage', 'en');
    check('network: conv detail and Korean', lumaStats(img).variance > 50);
  });

  await attempt('network: frame time with all maps (idle and playing)', async () => {
    await call('loadPreset', 'tiny-fashion');
    await call('step', 22);
    await frames(page, 4);
    const measure = () => page.evaluate(() => new Promise((resolve) => {
      const dts = [];
      let last = performance.now();
      const tick = (t) => {
        dts.push(t - last); last = t;
        if (dts.length < 60) requestAnimationFrame(tick); else resolve(dts.slice(1));
      };
      requestAnimationFrame(tick);
    }));
    // Idle frames only come while something moves: wiggle the mouse over the maps.
    await page.mouse.move(700, 400);
    const idle = await measure();
    const cpuIdle = (await st()).frame_cpu_ms;
    await page.keyboard.press('Space');
    const play = await measure();
    const cpuPlay = (await st()).frame_cpu_ms;
    await page.keyboard.press('Space');
    const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`      network frame time, all maps shown: ${fmt(idle)} (cpu ${cpuIdle} ms); playing: ${fmt(play)} (cpu ${cpuPlay} ms)`);
    check('network: frame time with all maps (idle and playing)', median(play) < 200, `idle ${fmt(idle)}; playing ${fmt(play)}`);
  });
  await page.close();
}
