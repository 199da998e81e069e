// Normalization lab (src/app/panels/norm_*.cpp):
//  - renders (a screenshot that is not blank);
//  - the highlighted group changes with the method and with G (the report's highlighted cells and the
//    screenshots both differ);
//  - the mean and variance the lab reports (read from the engine layer) equal the ones computed here from
//    the synthetic batch's definition (norm_lab.h: hash formula), for BatchNorm, LayerNorm, InstanceNorm
//    and GroupNorm; "gamma = sigma, beta = mu" gives back the input;
//  - the batch-size view responds: BatchNorm's spread at batch 2 is well above the one at batch 64, and
//    GroupNorm's is 0.
//  - the measured experiment's table shows the means of assets/models/norm-experiment/results.json.
// Screenshots: norm-<method>, norm-group-g2, norm-batchsize, norm-experiment, norm-train-eval, norm-scaling, norm-korean.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

// ---- The synthetic batch, as src/app/panels/norm_data.cpp defines it ----
const N = 8, C = 8, HW = 784;
const SHIFT = [-1.5, 0.5, 2.0, 0.0, 3.0, -0.5, 1.0, -2.0];
const SCALE = [0.5, 1.0, 2.0, 1.5, 0.7, 3.0, 1.0, 0.8];
const f = Math.fround;
function hash32(k) {
  k = k >>> 0;
  k ^= k >>> 16; k = Math.imul(k, 0x7feb352d) >>> 0;
  k ^= k >>> 15; k = Math.imul(k, 0x846ca68b) >>> 0;
  k ^= k >>> 16;
  return k >>> 0;
}
const u = (k) => (hash32(k) >>> 8) / 16777216;
function z(k) {
  const a = f(f(f(u(4 * k) + u(4 * k + 1)) + u(4 * k + 2)) + u(4 * k + 3));
  return f(f(a - 2) * f(1.7320508));
}
function value(t, n, c, p) {
  const i = (((t * N + n) * C + c) * HW + p) >>> 0;
  const j = ((1 << 30) + t * N + n) >>> 0;
  return f(SHIFT[c] + f(SCALE[c] * f(z(i) + f(0.6 * z(j)))));
}
// Mean and biased variance of the last batch (t = 3) over the elements where member(n, c) holds.
function stats(member) {
  let s = 0, s2 = 0, m = 0;
  for (let n = 0; n < N; ++n) for (let c = 0; c < C; ++c) {
    if (!member(n, c)) continue;
    for (let p = 0; p < HW; ++p) { const v = value(3, n, c, p); s += v; s2 += v * v; ++m; }
  }
  const mean = s / m;
  return { mean, var: s2 / m - mean * mean, count: m };
}

export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats, diffFraction } = ctx;
  const page = await context.newPage();
  watch(page);
  const rep = () => page.evaluate(() => window.layerlab.labState('normalization'));
  const set = (p) => page.evaluate((q) => window.layerlab.labParams('normalization', q), p);
  // The lower cards: a tall viewport shows the whole results column (wheel scrolling of ImGui children is
  // unreliable under headless automation); the crop keeps 1280 px of width.
  async function tallShot(name, clipY, clipH) {
    await page.setViewportSize({ width: 1280, height: 2000 });
    await frames(page, 10);
    const img = await screenshot(page, name + '-full');
    await page.screenshot({ path: `${ctx.OUT_DIR}/${name}.png`, clip: { x: 0, y: clipY, width: 1280, height: clipH } });
    await page.setViewportSize({ width: 1280, height: 800 });
    await frames(page, 6);
    return img;
  }
  async function settle(pred = (r) => r.ready, ms = 30000) {
    const t0 = Date.now();
    for (;;) {
      await frames(page, 2);
      const r = await rep();
      if (pred(r)) return r;
      if (Date.now() - t0 > ms) return r;
    }
  }

  await page.goto(url + '#lab=normalization&src=s&n=2&c=3&b=3&m=batch');
  await waitReady(page, 90000);
  await settle();

  await attempt('normalization: renders', async () => {
    const r = await settle();
    const img = await screenshot(page, 'norm-batch');
    const luma = lumaStats(img);
    check('normalization: renders', r.ready && r.source === 'synthetic' && luma.variance > 50,
      `ready ${r.ready}, source ${r.source}, luma var ${luma.variance.toFixed(0)}, error ${r.error}`);
  });

  await attempt('normalization: highlight changes with the method and G', async () => {
    const methods = ['batch', 'layer', 'instance', 'group', 'lrn', 'lcn', 'cibn'];
    const hl = {}, imgs = {};
    for (const m of methods) {
      await set({ m, g: 4 });
      const r = await settle((x) => x.ready && x.method === m);
      await frames(page, 4);
      hl[m] = JSON.stringify(r.highlight);
      imgs[m] = await screenshot(page, `norm-${m}`);
    }
    await set({ m: 'group', g: 2 });
    const r2 = await settle((x) => x.ready && x.groups === 2);
    await frames(page, 4);
    hl.g2 = JSON.stringify(r2.highlight);
    imgs.g2 = await screenshot(page, 'norm-group-g2');
    const keys = Object.keys(hl);
    // cibn highlights like batch (same cells, plus ghost blocks drawn): compare everything else pairwise.
    let distinct = true;
    const same = [];
    for (let i = 0; i < keys.length; ++i) for (let j = i + 1; j < keys.length; ++j) {
      const a = keys[i], b = keys[j];
      if ((a === 'batch' && b === 'cibn')) continue;
      if (hl[a] === hl[b]) { distinct = false; same.push(`${a}=${b}`); }
    }
    const d1 = diffFraction(imgs.batch, imgs.layer), d2 = diffFraction(imgs.group, imgs.g2), d3 = diffFraction(imgs.batch, imgs.cibn);
    const sizes = keys.map((k) => `${k}:${JSON.parse(hl[k]).length}`).join(' ');
    check('normalization: highlight changes with the method and G', distinct && d1 > 0.002 && d2 > 0.002 && d3 > 0.002,
      `cells ${sizes}; same: ${same.join(',') || 'none'}; pixel diff batch/layer ${d1.toFixed(4)}, G4/G2 ${d2.toFixed(4)}, batch/cibn ${d3.toFixed(4)}`);
  });

  await attempt('normalization: statistics equal the expected ones for the synthetic batch', async () => {
    const sel = { n: 2, c: 3 };
    const cases = [
      ['batch', 4, (n, c) => c === sel.c],
      ['layer', 4, (n) => n === sel.n],
      ['instance', 4, (n, c) => n === sel.n && c === sel.c],
      ['group', 2, (n, c) => n === sel.n && Math.floor(c / 4) === Math.floor(sel.c / 4)],
      ['group', 4, (n, c) => n === sel.n && Math.floor(c / 2) === Math.floor(sel.c / 2)],
    ];
    let ok = true;
    const out = [];
    for (const [m, g, member] of cases) {
      await set({ m, g, n: sel.n, c: sel.c, ga: '1,1,1,1,1,1,1,1', be: '0,0,0,0,0,0,0,0' });
      const r = await settle((x) => x.ready && x.method === m && x.groups === g);
      const e = stats(member);
      const good = Math.abs(r.mean - e.mean) < 1e-4 * Math.max(1, Math.abs(e.mean)) &&
        Math.abs(r.var - e.var) < 1e-4 * Math.max(1, e.var) && r.count === e.count;
      ok = ok && good;
      out.push(`${m}${m === 'group' ? ' G=' + g : ''}: lab ${r.mean?.toFixed(5)}/${r.var?.toFixed(5)} expected ${e.mean.toFixed(5)}/${e.var.toFixed(5)} (${r.count}/${e.count})`);
    }
    // gamma = sqrt(var + eps), beta = mean on channel c gives back the input (BatchNorm).
    await set({ m: 'batch', ga: '1,1,1,1,1,1,1,1', be: '0,0,0,0,0,0,0,0' });
    const r0 = await settle((x) => x.ready && x.method === 'batch');
    const ga = Array(8).fill(1), be = Array(8).fill(0);
    ga[sel.c] = Math.sqrt(r0.var + 1e-5);
    be[sel.c] = r0.mean;
    await set({ ga: ga.join(','), be: be.join(',') });
    const r1 = await settle((x) => x.ready && Math.abs(x.gamma - ga[sel.c]) < 1e-4);
    ok = ok && r1.restore_max_diff < 1e-3 && r0.restore_max_diff > 0.1;
    out.push(`restore max diff ${r1.restore_max_diff} (before ${r0.restore_max_diff?.toFixed(3)})`);
    await set({ ga: '1,1,1,1,1,1,1,1', be: '0,0,0,0,0,0,0,0' });
    check('normalization: statistics equal the expected ones for the synthetic batch', ok, out.join('; '));
  });

  await attempt('normalization: batch-size spread responds', async () => {
    await set({ m: 'group', g: 4, bs: 2 });
    const a = await settle((x) => x.ready && x.batch_size === 2 && x.spread.trials >= 64, 60000);
    await set({ bs: 64 });
    const b = await settle((x) => x.batch_size === 64 && x.spread.trials >= 64, 60000);
    const c = await settle((x) => !x.spread.busy, 90000);
    // Scroll the results column to the batch-size card for the screenshot.
    await tallShot('norm-batchsize', 480, 420);
    const curve = c.spread.curve_bn;
    const ok = a.spread.bn > 3 * b.spread.bn && a.spread.gn === 0 && b.spread.gn === 0 && a.spread.cibn < a.spread.bn &&
      curve.length === 9 && curve[0] > curve[8];
    check('normalization: batch-size spread responds', ok,
      `B=2: bn ${a.spread.bn?.toFixed(4)} cibn ${a.spread.cibn?.toFixed(4)} gn ${a.spread.gn}; B=64: bn ${b.spread.bn?.toFixed(4)} cibn ${b.spread.cibn?.toFixed(4)}; curve ${curve.map((v) => v.toFixed(3)).join(' ')}`);
  });

  await attempt('normalization: the measured batch-size experiment', async () => {
    // The table's numbers are the means of assets/models/norm-experiment/results.json (layerlab train runs).
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'models', 'norm-experiment', 'results.json'), 'utf8'));
    const r = (await rep()).experiment;
    const out = [];
    let ok = !r.error && JSON.stringify(r.batches) === JSON.stringify(file.batches) && r.epochs === file.epochs;
    for (const [fam, rows] of Object.entries(file.accuracy)) {
      rows.forEach((seeds, i) => {
        const want = seeds.reduce((a, b) => a + b, 0) / seeds.length;
        const got = r.mean_accuracy?.[fam]?.[i];
        if (!(Math.abs(got - want) < 1e-9)) { ok = false; out.push(`${fam} batch ${file.batches[i]}: ${got} vs ${want}`); }
      });
    }
    await tallShot('norm-experiment', 700, 420);
    check('normalization: the measured batch-size experiment', ok,
      out.length ? out.join('; ') : `BatchNorm ${r.mean_accuracy.batchnorm.map((v) => (100 * v).toFixed(1)).join(' / ')} at batch ${r.batches.join(' / ')}`);
  });

  await attempt('normalization: train vs eval and feature scaling render', async () => {
    await tallShot('norm-lower', 0, 2000);
    await tallShot('norm-train-eval', 850, 400);
    await tallShot('norm-scaling', 1150, 700);
    const r = await rep();
    const ok = r.train_eval.iterations >= 40 && r.train_eval.max_diff > 0 && r.scaling.length === 3 &&
      r.scaling[0].condition > 100 * r.scaling[2].condition;
    check('normalization: train vs eval and feature scaling render', ok,
      `train/eval max diff ${r.train_eval.max_diff}, conditions ${r.scaling.map((s) => s.condition?.toPrecision(3)).join(' / ')}`);
  });

  await attempt('normalization: Korean', async () => {
    await page.evaluate(() => window.layerlab.setLanguage('ko'));
    await set({ m: 'group', g: 2 });
    await frames(page, 8);
    const img = await screenshot(page, 'norm-korean');
    await page.evaluate(() => window.layerlab.setLanguage('en'));
    check('normalization: Korean', lumaStats(img).variance > 50, 'screenshot taken');
  });
  await page.close();
}
