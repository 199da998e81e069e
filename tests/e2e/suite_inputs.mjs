// Inputs (src/app/inputs.h): the page builds every input exactly as `layerlab input` does.
//  - Fashion-MNIST test #17 through the page equals `layerlab input --data fashion-mnist --index 17`;
//  - a real PNG uploaded through the hidden file input becomes the input, and its tensor equals
//    `layerlab input --image` of the same file, grey 28x28 (area shrink) and RGB 3x40x60 via a model JSON;
//  - a photograph and an MNIST digit agree with the tool too;
//  - corrupt uploads dropped on the page (random bytes named x.png, a truncated PNG, a
//    100000x100000 header) give the clear message, keep the previous input, and the app stays ready.
// The tool is $LAYERLAB_CLI, else build/native*/layerlab (the native build of scripts/test.sh).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const PHOTOS = '/usr/lib/python3/dist-packages/skimage/data';

function findCli() {
  if (process.env.LAYERLAB_CLI && fs.existsSync(process.env.LAYERLAB_CLI)) return process.env.LAYERLAB_CLI;
  const build = path.join(ROOT, 'build');
  const dirs = fs.existsSync(build) ? fs.readdirSync(build).filter((d) => d.startsWith('native')).sort() : [];
  for (const d of ['native', ...dirs]) {
    const p = path.join(build, d, 'layerlab');
    if (fs.existsSync(p)) return p;
  }
  return null;
}

// Every F32 tensor of a safetensors file, as {shape, sum, wsum}; I64 as {shape, values}.
function readSafetensors(file) {
  const buf = fs.readFileSync(file);
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.toString('utf8', 8, 8 + n));
  const out = {};
  for (const [k, v] of Object.entries(header)) {
    if (k === '__metadata__') continue;
    const [b, e] = v.data_offsets;
    const data = buf.subarray(8 + n + b, 8 + n + e);
    if (v.dtype === 'F32') {
      let sum = 0, wsum = 0;
      for (let i = 0; i < data.length / 4; ++i) {
        const x = data.readFloatLE(i * 4);
        sum += x;
        wsum += x * ((i % 97) + 1) / 97;
      }
      out[k] = { shape: v.shape, sum, wsum };
    } else if (v.dtype === 'I64') {
      out[k] = { shape: v.shape, values: Array.from({ length: data.length / 8 }, (_, i) => Number(data.readBigInt64LE(i * 8))) };
    }
  }
  return out;
}

export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady, OUT_DIR } = ctx;
  const cli = findCli();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-inputs-'));
  const rgbModel = path.join(tmp, 'rgb.json');
  fs.writeFileSync(rgbModel, JSON.stringify({ input_shape: [3, 40, 60], layers: [{ type: 'Flatten' }] }));
  const tool = (args) => {
    const out = path.join(tmp, `x${Math.random().toString(36).slice(2)}.safetensors`);
    execFileSync(cli, ['input', ...args, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    return readSafetensors(out);
  };
  const close = (a, b) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));

  const page = await context.newPage();
  watch(page);
  await page.goto(url);
  await waitReady(page, 90000);
  await frames(page, 4);
  const state = (spec) => page.evaluate((s) => window.layerlab.inputState(s), spec);
  check('inputs: the command-line tool is built (for the comparisons)', !!cli, cli || 'set LAYERLAB_CLI or build build/native');

  await attempt('inputs: Fashion-MNIST #17 in the page equals layerlab input --data fashion-mnist --index 17', async () => {
    const s = await state({ source: 'fashion-mnist', index: 17, shape: [1, 28, 28] });
    const t = tool(['--model', 'tiny', '--data', 'fashion-mnist', '--index', '17']);
    check('inputs: Fashion-MNIST #17 in the page equals layerlab input --data fashion-mnist --index 17',
      !s.error && s.count === 10000 && close(s.sum, t.input.sum) && close(s.wsum, t.input.wsum) &&
      s.label === t.label.values[0] && JSON.stringify(s.shape) === JSON.stringify(t.input.shape),
      `page sum ${s.sum} label ${s.label} (${s.label_name}); tool sum ${t.input.sum} label ${t.label.values[0]}${s.error ? ' ' + s.error : ''}`);
  });

  await attempt('inputs: MNIST #5 and a photograph (RGB 3x40x60) agree with the tool', async () => {
    const m = await state({ source: 'mnist', index: 5, shape: [1, 28, 28] });
    const tm = tool(['--model', 'tiny', '--data', 'mnist', '--index', '5']);
    const p = await state({ source: 'photos', index: 1, shape: [3, 40, 60] });
    const tp = tool(['--model', rgbModel, '--image', path.join(PHOTOS, 'chelsea.png')]);
    check('inputs: MNIST #5 and a photograph (RGB 3x40x60) agree with the tool',
      !m.error && m.count === 2000 && close(m.sum, tm.input.sum) && m.label === tm.label.values[0] &&
      !p.error && p.label_name === 'chelsea' && close(p.sum, tp.input.sum) && close(p.wsum, tp.input.wsum),
      `mnist ${m.sum} vs ${tm.input.sum} (${m.error || 'ok'}); chelsea ${p.sum} vs ${tp.input.sum} (${p.error || 'ok'})`);
  });

  const png = path.join(PHOTOS, 'coffee.png');
  await attempt('inputs: an uploaded PNG becomes the input and equals layerlab input --image', async () => {
    await page.setInputFiles('#upload-input', png);
    await page.waitForFunction(() => window.layerlab.inputState().source === 'upload', null, { timeout: 20000 });
    await frames(page, 6);
    const s = await state();
    const grey = await state({ source: 'upload', index: s.index, shape: [1, 28, 28] });
    const rgb = await state({ source: 'upload', index: s.index, shape: [3, 40, 60] });
    const tg = tool(['--model', 'tiny', '--image', png]);
    const tr = tool(['--model', rgbModel, '--image', png]);
    const net = await page.evaluate(() => window.layerlab.state());
    check('inputs: an uploaded PNG becomes the input and equals layerlab input --image',
      s.source === 'upload' && s.count >= 1 && !s.upload_error && close(grey.sum, tg.input.sum) &&
      close(grey.wsum, tg.input.wsum) && close(rgb.sum, tr.input.sum) && close(rgb.wsum, tr.input.wsum),
      `page grey ${grey.sum} rgb ${rgb.sum}; tool grey ${tg.input.sum} rgb ${tr.input.sum}; network lab input ${JSON.stringify(net.input)}`);
    await screenshot(page, 'inputs-upload');
  });

  // Corrupt files, dropped on the page with a DataTransfer as a user would.
  const good = fs.readFileSync(path.join(PHOTOS, 'camera.png'));
  const huge = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0, 0, 0, 0, 0]);
  const random = Buffer.alloc(3000);
  for (let i = 0; i < random.length; ++i) random[i] = (i * 2654435761 >>> 13) & 255;
  const bad = [['x.png', random, 'not a PNG'], ['truncated.png', good.subarray(0, 2000), 'corrupt or truncated'],
    ['huge.png', huge, '100000 x 100000']];
  for (const [name, bytes, expect] of bad) {
    await attempt(`inputs: corrupt upload ${name} shows the error and keeps the input`, async () => {
      const before = await state();
      await page.evaluate(([n, b64]) => {
        const bin = atob(b64), arr = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; ++i) arr[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([arr], n, { type: 'image/png' }));
        document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, [name, Buffer.from(bytes).toString('base64')]);
      await page.waitForFunction((n) => (window.layerlab.inputState().upload_error || '').startsWith(n + ':'), name, { timeout: 10000 });
      await frames(page, 6);
      const after = await state();
      const ready = (await page.evaluate(() => window.layerlab.state())).ready;
      check(`inputs: corrupt upload ${name} shows the error and keeps the input`,
        ready && after.upload_error.includes(name) && after.upload_error.includes(expect) &&
        after.source === before.source && after.index === before.index && after.count === before.count,
        after.upload_error);
    });
  }
  await screenshot(page, 'inputs-corrupt-en');
  await page.evaluate(() => window.layerlab.setLanguage('ko'));
  await frames(page, 6);
  await screenshot(page, 'inputs-corrupt-ko');
  await page.evaluate(() => window.layerlab.setLanguage('en'));
  fs.rmSync(tmp, { recursive: true, force: true });
  await page.close();
}
