// LayerLab browser end-to-end tests: node tests/e2e/run.mjs
// Serves build/web (scripts/build_web.sh) on a free 127.0.0.1 port with COOP/COEP headers, drives
// /usr/bin/chromium (SwiftShader WebGL2) through playwright-core and window.layerlab, saves
// screenshots under build/e2e/, and ends with "e2e: N passed, M failed" (exit 1 on any failure).
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, waitReady, frames, decodePng, lumaStats, diffFraction, OUT_DIR, WEB_DIR } from './lib.mjs';

const LABS = ['network', 'arithmetic', 'normalization', 'optimizers', 'training', 'detection'];
const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  (${detail})` : ''}`);
}
async function attempt(name, fn) {
  try { await fn(); } catch (e) { check(name, false, String(e && e.message ? e.message : e).split('\n')[0]); }
}
const shotPath = (name) => path.join(OUT_DIR, `${name}.png`);
async function screenshot(page, name) {
  const buf = await page.screenshot({ path: shotPath(name) });
  return decodePng(buf);
}
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; }

for (const f of ['index.html', 'layerlab.js', 'layerlab.wasm', 'layerlab.data']) {
  if (!fs.existsSync(path.join(WEB_DIR, f))) {
    console.log(`missing build/web/${f}: run scripts/build_web.sh first`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
}
fs.mkdirSync(OUT_DIR, { recursive: true });
const server = await serve();
const browser = await launch();
const consoleErrors = [];
function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  watch(page);

  // ---- Load ----
  let loadMs = NaN;
  await attempt('app becomes ready (state().ready)', async () => {
    const t0 = Date.now();
    await page.goto(server.url);
    await waitReady(page, 90000);
    loadMs = Date.now() - t0;
    const s = await page.evaluate(() => window.layerlab.state());
    check('app becomes ready (state().ready)', s.ready === true && LABS.includes(s.lab), `${loadMs} ms, lab ${s.lab}`);
  });
  await frames(page, 10);
  check('page loads with no console errors', consoleErrors.length === 0, consoleErrors.slice(0, 3).join(' | '));
  await attempt('state() has the documented fields', async () => {
    const s = await page.evaluate(() => window.layerlab.state());
    const ok = ['ready', 'lab', 'preset', 'layer', 'phase', 'step', 'error', 'prediction'].every((k) => k in s) &&
      ['class', 'label', 'probs'].every((k) => k in s.prediction) && ['forward', 'loss', 'backward', 'update'].includes(s.phase);
    check('state() has the documented fields', ok, JSON.stringify(s).slice(0, 160));
  });

  // ---- Every tab renders ----
  let previous = null;
  for (const lab of LABS) {
    await attempt(`tab ${lab} renders`, async () => {
      const s = await page.evaluate((name) => window.layerlab.setLab(name), lab);
      await frames(page, 6);
      const img = await screenshot(page, `tab-${lab}`);
      const { variance } = lumaStats(img);
      const changed = previous ? diffFraction(previous, img) : 1;
      previous = img;
      check(`tab ${lab} renders`, s.lab === lab && variance > 50 && changed > 0.002,
            `variance ${variance.toFixed(0)}, ${(changed * 100).toFixed(1)}% pixels changed`);
    });
  }
  await attempt('setLab rejects an unknown lab', async () => {
    const msg = await page.evaluate(() => { try { window.layerlab.setLab('nope'); return ''; } catch (e) { return e.message; } });
    check('setLab rejects an unknown lab', /unknown lab/.test(msg), msg);
  });

  // ---- Conv arithmetic numbers ----
  await attempt('conv arithmetic: 3x32x32, ten 5x5, s1 p2 -> 32, 760, 768000', async () => {
    await page.evaluate(() => window.layerlab.setLab('arithmetic'));
    const r = await page.evaluate(() => window.layerlab.arithmetic({ h: 32, c: 3, o: 10, k: 5, s: 1, p: 2, d: 1, g: 1, b: true, t: false }));
    const st = await page.evaluate(() => window.layerlab.arithmeticState());
    check('conv arithmetic: 3x32x32, ten 5x5, s1 p2 -> 32, 760, 768000',
          r.ok && st.output_size === 32 && st.params === 760 && st.macs === 768000 && st.output.join('x') === '10x32x32',
          `${st.output && st.output.join('x')}, ${st.params} params, ${st.macs} MACs, "${st.output_formula}"`);
    await frames(page, 4);
    await screenshot(page, 'arith-example');
  });
  await attempt('conv arithmetic: transposed 3x32x32 k4 s2 p1 -> 64', async () => {
    const st = await page.evaluate(() => window.layerlab.arithmetic({ t: true, k: 4, s: 2, p: 1, op: 0 }));
    check('conv arithmetic: transposed 3x32x32 k4 s2 p1 -> 64', st.ok && st.output_size === 64 && st.type === 'ConvTranspose2d',
          `${st.output && st.output.join('x')}, "${st.output_formula}"`);
    await frames(page, 4);
    await screenshot(page, 'arith-transposed');
    await page.evaluate(() => window.layerlab.arithmetic({ t: false, k: 5, s: 1, p: 2 }));
  });
  await attempt('conv arithmetic: impossible config reports an error, app keeps running', async () => {
    const st = await page.evaluate(() => window.layerlab.arithmetic({ h: 3, k: 7, p: 0, d: 1 }));
    const f0 = (await page.evaluate(() => window.layerlab.state())).frame;
    await frames(page, 6);
    const s = await page.evaluate(() => window.layerlab.state());
    const img = await screenshot(page, 'arith-error');
    check('conv arithmetic: impossible config reports an error, app keeps running',
          st.ok === false && typeof st.error === 'string' && st.error.length > 0 && s.ready && s.frame > f0 && lumaStats(img).variance > 50,
          st.error);
  });
  await attempt('conv arithmetic: groups that do not divide the channels are rejected', async () => {
    const st = await page.evaluate(() => window.layerlab.arithmetic({ h: 32, k: 5, p: 2, c: 3, o: 10, g: 2 }));
    check('conv arithmetic: groups that do not divide the channels are rejected', st.ok === false && /divisible/.test(st.error || ''), st.error);
    await page.evaluate(() => window.layerlab.arithmetic({ g: 1 }));
  });

  // ---- Network lab requests are routed to the app state ----
  await attempt('loadPreset / setInput / step reach the app state', async () => {
    const s = await page.evaluate(() => {
      window.layerlab.loadPreset('lenet5');
      window.layerlab.setInput({ dataset: 'fashion-mnist', index: 3 });
      return window.layerlab.step(2);
    });
    check('loadPreset / setInput / step reach the app state',
          s.preset === 'lenet5' && s.step >= 2 && s.input && s.input.dataset === 'fashion-mnist' && s.input.index === 3,
          `preset ${s.preset}, step ${s.step}, input ${JSON.stringify(s.input)}`);
  });

  // ---- Frame times while the sliding window animates ----
  await attempt('frame loop runs while animating (frame times)', async () => {
    await page.evaluate(() => { window.layerlab.setLab('arithmetic'); window.layerlab.arithmetic({ h: 32, c: 3, o: 10, k: 5, s: 1, p: 2 }); });
    await frames(page, 10);
    const deltas = await page.evaluate(() => new Promise((resolve) => {
      const d = []; let last = performance.now(); const end = last + 3000;
      const tick = (t) => { d.push(t - last); last = t; if (t < end) requestAnimationFrame(tick); else resolve(d); };
      requestAnimationFrame(tick);
    }));
    const med = median(deltas), worst = Math.max(...deltas);
    const cpu = (await page.evaluate(() => window.layerlab.state())).frame_cpu_ms;
    console.log(`frame times over 3 s on the arithmetic lab (animating): ${deltas.length} frames, median ${med.toFixed(1)} ms, ` +
                `worst ${worst.toFixed(1)} ms; the app's own work per frame ${cpu} ms`);
    check('frame loop runs while animating (frame times)', deltas.length >= 10, `${deltas.length} frames`);
  });

  // ---- Reload restores the view ----
  await attempt('reload restores lab and sliders (URL hash)', async () => {
    await page.evaluate(() => { window.layerlab.setLab('arithmetic'); window.layerlab.arithmetic({ h: 28, k: 3, s: 2, p: 1, o: 16 }); });
    await page.waitForFunction(() => /k=3/.test(location.hash) && /s=2/.test(location.hash), null, { timeout: 10000 });
    const hash = await page.evaluate(() => location.hash);
    await page.reload();
    await waitReady(page);
    const s = await page.evaluate(() => window.layerlab.state());
    const p = (await page.evaluate(() => window.layerlab.arithmeticState())).settings;
    check('reload restores lab and sliders (URL hash)', s.lab === 'arithmetic' && p.h === '28' && p.k === '3' && p.s === '2' && p.p === '1' && p.o === '16', hash);
  });
  await attempt('a visit without a hash restores from localStorage', async () => {
    await page.goto(server.url);
    await waitReady(page);
    const s = await page.evaluate(() => window.layerlab.state());
    const p = (await page.evaluate(() => window.layerlab.arithmeticState())).settings;
    check('a visit without a hash restores from localStorage', s.lab === 'arithmetic' && p.k === '3' && p.h === '28',
          `lab ${s.lab}, k ${p.k}, h ${p.h}`);
  });
  await attempt('the hash selects the lab over localStorage', async () => {
    await page.goto('about:blank');  // a fresh load, not a same-page fragment change
    await page.goto(`${server.url}#lab=network`);
    await waitReady(page);
    const s = await page.evaluate(() => window.layerlab.state());
    check('the hash selects the lab over localStorage', s.lab === 'network', `lab ${s.lab}`);
  });
  await attempt('editing the URL hash on a live page switches the lab', async () => {
    await page.evaluate(() => { location.hash = 'lab=arithmetic&k=7&p=3'; });
    await frames(page, 6);
    const s = await page.evaluate(() => window.layerlab.state());
    const p = (await page.evaluate(() => window.layerlab.arithmeticState())).settings;
    check('editing the URL hash on a live page switches the lab', s.lab === 'arithmetic' && p.k === '7' && p.p === '3',
          `lab ${s.lab}, k ${p.k}, p ${p.p}`);
  });

  // ---- Korean ----
  await attempt('Korean UI renders (language switch)', async () => {
    await page.evaluate(() => { window.layerlab.setLab('arithmetic'); window.layerlab.arithmetic({ h: 32, c: 3, o: 10, k: 5, s: 1, p: 2 }); });
    await frames(page, 6);
    const en = await screenshot(page, 'lang-en');
    const s = await page.evaluate(() => window.layerlab.setLanguage('ko'));
    await frames(page, 6);
    const ko = await screenshot(page, 'lang-ko');
    check('Korean UI renders (language switch)', s.language === 'ko' && diffFraction(en, ko) > 0.005 && lumaStats(ko).variance > 50,
          `${(diffFraction(en, ko) * 100).toFixed(1)}% pixels changed`);
    await page.evaluate(() => window.layerlab.setLanguage('en'));
  });
  // ---- The canvas follows the window ----
  await attempt('canvas follows a window resize', async () => {
    await page.setViewportSize({ width: 1000, height: 700 });
    await frames(page, 8);
    const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height]; });
    const img = await screenshot(page, 'resized-1000x700');
    check('canvas follows a window resize', size[0] === 1000 && size[1] === 700 && lumaStats(img).variance > 50,
          `canvas ${size[0]}x${size[1]}`);
    const hidden = await page.evaluate(() => document.getElementById('loading').classList.contains('done'));
    check('loading indicator is gone once ready', hidden);
  });
  await context.close();

  // ---- A failed load shows the error overlay ----
  await attempt('a failed wasm download shows the error overlay', async () => {
    const ctx3 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p3 = await ctx3.newPage();  // its console errors are expected: not watched
    await p3.route('**/layerlab.wasm', (route) => route.abort());
    await p3.goto(server.url);
    await p3.waitForFunction(() => getComputedStyle(document.getElementById('error')).display !== 'none', null, { timeout: 30000 });
    const text = await p3.evaluate(() => document.getElementById('error-text').textContent);
    await p3.screenshot({ path: shotPath('error-overlay') });
    check('a failed wasm download shows the error overlay', text.length > 0, text.slice(0, 100));
    await ctx3.close();
  });

  // ---- High DPI: the canvas backing store follows devicePixelRatio ----
  await attempt('devicePixelRatio 2: canvas is 2x, text crisp', async () => {
    const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const p2 = await ctx2.newPage();
    watch(p2);
    await p2.goto(`${server.url}#lab=arithmetic&h=32&c=3&o=10&k=5&s=1&p=2`);
    await waitReady(p2);
    await frames(p2, 8);
    const size = await p2.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, devicePixelRatio]; });
    const img = await screenshot(p2, 'dpr2-arithmetic');
    check('devicePixelRatio 2: canvas is 2x, text crisp', size[0] === 2560 && size[1] === 1600 && img.width === 2560 && lumaStats(img).variance > 50,
          `canvas ${size[0]}x${size[1]} at dpr ${size[2]}`);
    await ctx2.close();
  });
  // ---- Each lab's own suite: tests/e2e/suite_<lab>.mjs exports default async (ctx) ----
  const suites = fs.readdirSync(path.dirname(new URL(import.meta.url).pathname))
    .filter((f) => /^suite_.*\.mjs$/.test(f)).sort()
    // LAYERLAB_SUITES=training,sweep runs only those suites (after the checks above).
    .filter((f) => !process.env.LAYERLAB_SUITES || process.env.LAYERLAB_SUITES.split(',').some((s) => f === `suite_${s}.mjs`));
  for (const file of suites) {
    const t0 = Date.now();
    await attempt(`suite ${file}`, async () => {
      const suite = await import(`./${file}`);
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      try {
        await suite.default({ browser, context: ctx, url: server.url, check, attempt, screenshot, watch, frames, waitReady, lumaStats, diffFraction, OUT_DIR });
      } finally {
        await ctx.close();
      }
    });
    console.log(`time: ${file} took ${((Date.now() - t0) / 1000).toFixed(0)} s`);  // the suite's share of the test command
  }
  check('no console errors during the run', consoleErrors.length === 0, consoleErrors.slice(0, 3).join(' | '));
  if (Number.isFinite(loadMs)) console.log(`load time (navigation to ready): ${loadMs} ms`);
} catch (e) {
  check('e2e harness', false, String(e && e.stack ? e.stack : e));
} finally {
  await browser.close();
  await server.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
