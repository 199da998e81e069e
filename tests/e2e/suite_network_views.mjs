// Network lab views (src/app/panels/network_grad.cpp, network_detail.cpp, network_stack.cpp, network_maps.cpp):
//  - backward at a Conv2d shows dL/dW: the entry the view writes out equals the sum of its terms and the
//    engine's gradient, and the native `layerlab run` given the same grad_output (softmax - one-hot);
//  - backward at the Linear layer: dL/dW[o, i] = dL/dy[o] * x[i], one term;
//  - the Linear update reports before, after and delta with delta = after - before = -lr * dL/dW (plain SGD);
//  - a click on a stack row moves the editor there, and stepping no longer moves it; edit_select does too;
//  - an edit of a conv's out_channels reports the re-initialised layers (the conv, its BatchNorm, the next
//    conv), one of a conv's padding the Linear whose input grew;
//  - tiny-vgg with a photograph shows the RGB input as a colour picture.
// Screenshots (English and Korean): netv-backward-conv[-ko], netv-linear-update[-ko], netv-edit-reinit,
// netv-vgg-photo[-ko].
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const FASHION = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const MODEL = path.join(ROOT, 'assets/models/tiny-fashion');
// tiny-fashion: forward 0..9 (steps 0-9), loss (10), backward 9..0 (11-20), update 0, 1, 4, 5, 9 (21-25).
const BACKWARD_CONV4 = 16, BACKWARD_LINEAR = 11, UPDATE_LINEAR = 25;

const close = (a, b, rel = 1e-4, abs = 1e-6) => Math.abs(a - b) <= abs + rel * Math.abs(b);

function findCli() {
  for (const d of ['native', ...(fs.existsSync(path.join(ROOT, 'build')) ? fs.readdirSync(path.join(ROOT, 'build')) : [])]) {
    const p = path.join(ROOT, 'build', d, 'layerlab');
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

// A safetensors file of float32 tensors {name: {shape, data}}.
function writeTensors(file, tensors) {
  const header = {};
  const bufs = [];
  let off = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const b = Buffer.alloc(t.data.length * 4);
    t.data.forEach((v, i) => b.writeFloatLE(v, i * 4));
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [off, off + b.length] };
    off += b.length;
    bufs.push(b);
  }
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(h.length));
  fs.writeFileSync(file, Buffer.concat([len, h, ...bufs]));
}

function readTensor(file, key) {
  const buf = fs.readFileSync(file);
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.toString('utf8', 8, 8 + n));
  const [b, e] = header[key].data_offsets;
  const out = new Float32Array((e - b) / 4);
  for (let i = 0; i < out.length; ++i) out[i] = buf.readFloatLE(8 + n + b + i * 4);
  return { shape: header[key].shape, data: out };
}

function fashionImage(index) {
  const raw = zlib.gunzipSync(fs.readFileSync(FASHION));
  return Array.from(raw.subarray(16 + index * 784, 16 + (index + 1) * 784), (v) => v / 255);
}

// The rows of the stack tinted as the stepper's current layer (kOutputCell #E8F5EC) in the left column.
function tintedBand(img) {
  const rows = [];
  let xs = 0, count = 0;
  for (let y = 0; y < img.height; ++y) {
    let n = 0;
    for (let x = 0; x < Math.floor(img.width * 0.3); ++x) {
      const o = (y * img.width + x) * img.channels;
      if (img.px[o] === 0xE8 && img.px[o + 1] === 0xF5 && img.px[o + 2] === 0xEC) { ++n; xs += x; ++count; }
    }
    if (n > 100) rows.push(y);
  }
  if (!rows.length) return null;
  return { y0: rows[0], y1: rows[rows.length - 1], x: Math.round(xs / Math.max(count, 1)) };
}

export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats } = ctx;
  const page = await context.newPage();
  watch(page);
  const st = () => page.evaluate(() => window.layerlab.state());
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const rep = () => call('labState', 'network');
  const params = (p) => call('labParams', 'network', p);
  const editLayer = (i, args) => params({ edit_layer: i, edit_args: JSON.stringify(args) });
  const goTo = async (index) => {
    const s = await st();
    if (s.step !== index) await call('step', index - s.step);
  };
  const both = async (name) => {
    await frames(page, 5);
    await screenshot(page, name);
    await call('setLanguage', 'ko');
    await frames(page, 5);
    const img = await screenshot(page, `${name}-ko`);
    await call('setLanguage', 'en');
    await frames(page, 2);
    return img;
  };

  await page.goto(url + '#lab=network');
  await waitReady(page, 90000);
  await frames(page, 6);
  await call('loadPreset', 'tiny-fashion');
  await call('setInput', { dataset: 'fashion-mnist', index: 0 });
  let linearEntry = 100;

  await attempt('network views: backward at a conv shows dL/dW = sum of its terms = engine = CLI', async () => {
    await goTo(BACKWARD_CONV4);
    const s = await st();
    const r = await params({ grad_entry: '3,2,1,0' });
    const d = r.detail;
    // The terms the view lists are the largest of the 14x14 positions: each one dy * x, sorted by |product|.
    const prods = d.terms.map((t) => t.dy * t.x_val);
    const sorted = prods.every((p, k) => k === 0 || Math.abs(prods[k - 1]) >= Math.abs(p) - 1e-12);
    let ok = s.phase === 'backward' && s.layer === 4 && d.kind === 'weight_grad' && d.layer === 4 &&
      d.entry.join(',') === '3,2,1,0' && d.terms_count === 14 * 14 && d.terms.length === 6 && sorted &&
      close(d.terms_sum, d.value) && close(d.bias_terms_sum, d.bias_value);
    let cliNote = 'CLI not built';
    const cli = findCli();
    if (cli) {
      // The same iteration natively: eval mode, cross-entropy's gradient softmax(y) - onehot(target).
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-netv-'));
      const probs = s.prediction.probs;
      const dy = probs.map((p, k) => p - (k === r.label ? 1 : 0));
      writeTensors(path.join(tmp, 'x.safetensors'), {
        input: { shape: [1, 1, 28, 28], data: fashionImage(0) },
        grad_output: { shape: [1, 10], data: dy },
      });
      execFileSync(cli, ['run', `${MODEL}.json`, '--weights', `${MODEL}.safetensors`, '--input', path.join(tmp, 'x.safetensors'),
        '--out', path.join(tmp, 'out.safetensors'), '--mode', 'eval'], { stdio: 'pipe' });
      const g = readTensor(path.join(tmp, 'out.safetensors'), '4.weight.grad');  // (16, 8, 3, 3)
      const native = g.data[((3 * 8 + 2) * 3 + 1) * 3 + 0];
      cliNote = `CLI 4.weight.grad[3,2,1,0] ${native.toExponential(6)}`;
      ok = ok && close(native, d.value, 1e-3, 1e-7);
    }
    check('network views: backward at a conv shows dL/dW = sum of its terms = engine = CLI', ok,
      `${s.phase}${s.layer}, entry ${d.entry}, value ${d.value}, terms_sum ${d.terms_sum}, ${d.terms_count} terms; ` +
      `bias ${d.bias_value} vs ${d.bias_terms_sum}; ${cliNote}`);
    await both('netv-backward-conv');
    // The terms and the totals under the kernels: a taller window shows the whole detail column.
    await page.setViewportSize({ width: 1280, height: 1150 });
    await frames(page, 8);
    await screenshot(page, 'netv-backward-conv-terms');
    await call('setLanguage', 'ko');
    await frames(page, 6);
    await screenshot(page, 'netv-backward-conv-terms-ko');
    await call('setLanguage', 'en');
    await page.setViewportSize({ width: 1280, height: 800 });
    await frames(page, 6);
  });

  await attempt('network views: backward at the Linear layer, dL/dW[o, i] = dL/dy[o] x[i]', async () => {
    await goTo(BACKWARD_LINEAR);
    // -1: the view's default for a Linear row, its largest entry (a non-zero input).
    const r = await params({ grad_entry: '9,-1' });
    const d = r.detail;
    const t = d.terms && d.terms[0];
    linearEntry = d.entry[1];
    check('network views: backward at the Linear layer, dL/dW[o, i] = dL/dy[o] x[i]',
      d.kind === 'weight_grad' && d.layer === 9 && d.entry[0] === 9 && d.terms_count === 1 && t.x_val !== 0 && d.value !== 0 &&
      close(t.dy * t.x_val, d.value) && close(d.terms_sum, d.value) && close(d.bias_terms_sum, d.bias_value),
      `${d.kind} layer ${d.layer} entry ${d.entry}: ${t && t.dy} * ${t && t.x_val} vs ${d.value}`);
  });

  await attempt('network views: Linear update shows before, after and delta = after - before = -lr dL/dW', async () => {
    await goTo(UPDATE_LINEAR);
    const r = await params({ grad_entry: `9,${linearEntry}` });
    const d = r.detail;
    const w = (d.params || []).find((p) => p.name === '9.weight');
    const b = (d.params || []).find((p) => p.name === '9.bias');
    const ok = d.kind === 'update' && d.layer === 9 && w && b && w.shape.join('x') === '10x784' && w.index === 9 * 784 + linearEntry && w.delta !== 0 &&
      close(w.delta, w.after - w.before, 1e-3, 1e-9) && d.optimizer === 'sgd' && close(w.delta, -d.lr * w.grad, 1e-3, 1e-9) &&
      close(b.delta, -d.lr * b.grad, 1e-3, 1e-9) && w.delta_range[0] <= w.delta && w.delta <= w.delta_range[1] &&
      w.before_range[0] < w.before_range[1] && w.after_range[0] < w.after_range[1];
    check('network views: Linear update shows before, after and delta = after - before = -lr dL/dW', ok,
      w ? `before ${w.before}, after ${w.after}, delta ${w.delta}, -lr*grad ${-d.lr * w.grad}, delta range ${w.delta_range}` : JSON.stringify(d).slice(0, 200));
    await both('netv-linear-update');
  });

  await attempt('network views: a click in the stack moves the editor, stepping does not', async () => {
    await goTo(2);  // forward at layer 2: its stack row is tinted
    await frames(page, 4);
    const band = tintedBand(await screenshot(page, 'netv-stack-click'));
    if (!band) throw new Error('no tinted stack row found');
    const h = band.y1 - band.y0 + 1;
    // Two rows below the stepper's (layer 4, the second conv).
    await page.mouse.click(band.x, Math.round((band.y0 + band.y1) / 2 + 2 * h));
    await frames(page, 4);
    const r1 = await rep();
    await call('step', 3);  // forward at layer 5: the detail follows, the editor stays
    await frames(page, 3);
    const r2 = await rep();
    const r3 = await params({ edit_select: 7 });
    const s3 = await st();
    check('network views: a click in the stack moves the editor, stepping does not',
      r1.edit_layer === 4 && r1.selected === 4 && r2.edit_layer === 4 && r2.selected === 5 && r3.edit_layer === 7 && s3.layer === 5,
      `click at row ${band.y0}-${band.y1} +2 rows: editor ${r1.edit_layer}; after 3 steps editor ${r2.edit_layer}, detail ${r2.selected}; edit_select 7: ${r3.edit_layer}`);
  });

  await attempt('network views: an edit reports the re-initialised layers', async () => {
    await call('loadPreset', 'tiny-fashion');
    const before = await rep();
    const r1 = await editLayer(0, { out_channels: 4 });  // conv 0, its BatchNorm 1, conv 4 (input channels)
    await params({ edit_select: 0 });
    await frames(page, 4);
    await screenshot(page, 'netv-edit-reinit');
    await call('setLanguage', 'ko');
    await frames(page, 4);
    await screenshot(page, 'netv-edit-reinit-ko');
    await call('setLanguage', 'en');
    const r2 = await editLayer(4, { padding: 0 });       // 16x14x14 -> 16x12x12 -> pool 6x6: only the Linear
    const r3 = await editLayer(2, {});                   // nothing changes shape
    await call('loadPreset', 'tiny-fashion');
    const r4 = await rep();
    check('network views: an edit reports the re-initialised layers',
      before.reinitialized.length === 0 && r1.reinitialized.join(',') === '0,1,4' && r2.reinitialized.join(',') === '9' &&
      r3.reinitialized.length === 0 && r4.reinitialized.length === 0 && !r1.error && !r2.error,
      `out_channels 4: [${r1.reinitialized}]; padding 0 at 4: [${r2.reinitialized}]; no change: [${r3.reinitialized}]; preset: [${r4.reinitialized}]`);
  });

  await attempt('network views: eval-mode BatchNorm folds into the conv before it, as its running statistics say', async () => {
    await call('loadPreset', 'tiny-fashion');
    await params({ mode: 'eval' });
    let s = null;
    for (let i = 0; i < 6; ++i) {
      await goTo(i);
      s = await st();
      if (s.phase === 'forward' && s.layer === 1) break;
    }
    const r = await rep();
    const f = (r.detail && r.detail.fold) || {};
    // The fold by hand from the preset's file, channel 0: s = gamma / sqrt(var + eps), b' = (b - mean) s + beta.
    const file = MODEL + '.safetensors';
    const g = readTensor(file, '1.weight').data[0], beta = readTensor(file, '1.bias').data[0];
    const mean = readTensor(file, '1.running_mean').data[0], v = readTensor(file, '1.running_var').data[0];
    const b = readTensor(file, '0.bias').data[0], w = readTensor(file, '0.weight').data[0];
    const scale = g / Math.sqrt(v + 1e-5);
    const img = await both('netv-bn-fold');
    check('network views: eval-mode BatchNorm folds into the conv before it, as its running statistics say',
      s.layer === 1 && r.detail.layer_type === 'BatchNorm2d' && f.channel === 0 && close(f.scale, scale) &&
      close(f.bias, (b - mean) * scale + beta) && close(f.weight0, w * scale) && f.max_diff < 1e-4 &&
      f.count === readTensor(file, '0.weight').shape[0] * 28 * 28 && lumaStats(img).variance > 50,
      `s ${f.scale} (by hand ${scale}), b' ${f.bias} (by hand ${(b - mean) * scale + beta}), max |diff| ${f.max_diff} over ${f.count} values`);
    await params({ mode: 'train' });
    await frames(page, 3);
    const t = await rep();
    check('network views: in train mode the BatchNorm does not fold', !(t.detail.fold && t.detail.fold.channel !== undefined),
      JSON.stringify(t.detail.fold));
    // Train mode: the BatchNorm after conv 4 subtracts the batch mean, so conv 4's bias gets no gradient.
    await goTo(BACKWARD_CONV4);
    const gb = (await params({ grad_entry: '3,2,1,0' })).detail;
    await page.setViewportSize({ width: 1280, height: 1500 });  // the note sits under the terms
    await frames(page, 4);
    await screenshot(page, 'netv-bias-before-bn');
    await page.setViewportSize({ width: 1280, height: 800 });
    check('network views: in train mode a conv bias before a BatchNorm gets zero gradient',
      gb.kind === 'weight_grad' && gb.layer === 4 && Math.abs(gb.bias_value) < 1e-7 && Math.abs(gb.value) > 1e-5,
      `dL/db ${gb.bias_value}, dL/dW entry ${gb.value}`);
    await params({ mode: 'eval' });
  });

  await attempt('network views: Dropout shows its mask and 1/(1-p) in train mode, the identity in eval; a hidden Linear its products', async () => {
    const model = { input_shape: [1, 28, 28], layers: [
      { type: 'Conv2d', out_channels: 4, kernel_size: 3, padding: 1 }, { type: 'ReLU' },
      { type: 'Dropout', p: 0.5 }, { type: 'MaxPool2d', kernel_size: 2 }, { type: 'Flatten' },
      { type: 'Linear', out_features: 32 }, { type: 'ReLU' }, { type: 'Dropout', p: 0.25 }, { type: 'Linear', out_features: 10 }] };
    await page.evaluate((h) => { location.hash = h; }, '#lab=network&mode=train&src=fashion-mnist&i=0&model=' + encodeURIComponent(JSON.stringify(model)));
    await frames(page, 8);
    const at = async (layer) => {
      await goTo(layer);
      const s = await st();
      return { s, d: (await rep()).detail };
    };
    const tr = await at(2);
    const imgTrain = await both('netv-dropout-train');
    const drop = tr.d.dropout || {};
    const share = drop.kept / drop.mask_size;
    const lin = (await at(5)).d;
    const l = lin.linear || {};
    await screenshot(page, 'netv-linear');
    const tr7 = (await at(7)).d.dropout || {};
    await params({ mode: 'eval' });
    await frames(page, 3);
    const ev = await at(2);
    await screenshot(page, 'netv-dropout-eval');
    check('network views: Dropout shows its mask and 1/(1-p) in train mode, the identity in eval; a hidden Linear its products',
      tr.s.layer === 2 && tr.d.layer_type === 'Dropout' && drop.dropping === true && drop.mask_size === 4 * 28 * 28 &&
      share > 0.4 && share < 0.6 && drop.scale === 2 && tr7.dropping === true && Math.abs(tr7.scale - 1 / 0.75) < 1e-6 &&
      ev.d.dropout && ev.d.dropout.dropping === false && l.terms_count === 4 * 14 * 14 &&
      close(l.terms_sum + l.bias, l.output) && lumaStats(imgTrain).variance > 50,
      `train: kept ${drop.kept} of ${drop.mask_size} (scale ${drop.scale}), layer 7 scale ${tr7.scale}; eval dropping ${ev.d.dropout && ev.d.dropout.dropping}; ` +
      `Linear y[${l.out}] = ${l.terms_sum} + ${l.bias} vs ${l.output} over ${l.terms_count} inputs`);
  });

  await attempt('network views: He / Xavier / default initialisation from a seed, kept in the link, back to the preset', async () => {
    await page.evaluate(() => { location.hash = '#lab=network&preset=tiny-fashion&src=fashion-mnist&i=0&mode=eval'; });
    await frames(page, 6);
    await call('loadPreset', 'tiny-fashion');
    const probs = async () => { const s = await st(); await call('step', 40); const p = (await st()).prediction; return p ? p.probs.join(',') : ''; };
    const trained = await probs();
    await params({ init: 'he', iseed: 3 });
    const r1 = await rep();
    const he3 = await probs();
    await params({ init: 'he', iseed: 4 });
    const he4 = await probs();
    await params({ init: 'xavier', iseed: 3 });
    const xa3 = await probs();
    await params({ init: 'he', iseed: 3 });
    const he3again = await probs();
    await frames(page, 3);
    const link = (await st()).link || '';
    await page.setViewportSize({ width: 1280, height: 1700 });  // the Weights card under the stepper's
    await both('netv-init-he');
    await page.setViewportSize({ width: 1280, height: 800 });
    // The link in a fresh page gives the same weights.
    const other = await context.newPage();
    await other.goto(url + '#' + (await page.evaluate(() => location.hash.slice(1))));
    await waitReady(other, 90000);
    await frames(other, 6);
    // The address holds the step (st=40) as well: the page opens where the first one stands.
    const linked = (await other.evaluate(() => window.layerlab.state())).prediction.probs.join(',');
    const linkedInit = (await other.evaluate(() => window.layerlab.labState('network'))).init;
    await other.close();
    await params({ init: 'preset' });
    const back = await probs();
    const r2 = await rep();
    check('network views: He / Xavier / default initialisation from a seed, kept in the link, back to the preset',
      r1.init === 'he' && r1.init_seed === 3 && he3 !== trained && he3 !== he4 && he3 !== xa3 && he3 === he3again &&
      linked === he3 && linkedInit === 'he' && back === trained && r2.init === 'preset',
      `he3 ${he3.slice(0, 40)}..., he4 differs ${he3 !== he4}, xavier differs ${he3 !== xa3}, repeat equal ${he3 === he3again}, ` +
      `link equal ${linked === he3} (${linkedInit}), back to trained ${back === trained}`);
  });

  await attempt('network views: a pool against the strided convolution that could replace it, and the swap', async () => {
    await page.evaluate(() => { location.hash = '#lab=network&preset=tiny-fashion&src=fashion-mnist&i=0&mode=eval'; });
    await frames(page, 6);
    await call('loadPreset', 'tiny-fashion');
    await goTo(3);  // forward at layer 3, MaxPool2d 2x2 on 8x28x28
    const d = (await rep()).detail;
    const w = d.swap || {};
    await page.setViewportSize({ width: 1280, height: 1100 });
    await both('netv-pool-swap');
    await page.setViewportSize({ width: 1280, height: 800 });
    const before = await rep();
    await params({ swap_pool: 3 });
    await frames(page, 4);
    const after = await rep();
    const swapped = after.model.layers[3] || {};
    const s = await st();
    check('network views: a pool against the strided convolution that could replace it, and the swap',
      d.layer_type === 'MaxPool2d' && w.pool_out === '8x14x14' && w.conv_out === '8x14x14' && w.conv_params === 8 * 8 * 4 + 8 &&
      w.conv_macs === 8 * 14 * 14 * 8 * 4 && w.params_after - w.params_before === 264 &&
      swapped.type === 'Conv2d' && swapped.stride === 2 && swapped.out_channels === 8 && after.layers === before.layers &&
      !s.error && s.prediction && s.prediction.probs.length === 10,
      `pool ${w.pool_out} vs conv ${w.conv_out}, +${w.params_after - w.params_before} parameters, ${w.conv_macs} MACs; after the swap layer 3 ${JSON.stringify(swapped)}`);
    await call('loadPreset', 'tiny-fashion');
  });

  await attempt('network views: tiny-vgg with a photograph shows the RGB input in colour', async () => {
    await call('loadPreset', 'tiny-vgg');
    await call('setInput', { dataset: 'photos', index: 1 });  // chelsea, a colour photograph
    await frames(page, 4);
    const s = await st();
    const r = await rep();
    const img = await both('netv-vgg-photo');
    check('network views: tiny-vgg with a photograph shows the RGB input in colour',
      s.preset === 'tiny-vgg' && s.input.dataset === 'photos' && r.input_colour === true && lumaStats(img).variance > 50 && !s.error,
      `${s.preset}, ${s.input.dataset} #${s.input.index}, colour ${r.input_colour}, error ${s.error}`);
    await call('loadPreset', 'tiny-fashion');
  });
  await page.close();
}
