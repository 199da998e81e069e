// Offline and light (README "The first download, data on demand, and offline use"):
//  - the first visit downloads at most 3 MB gzip before state().ready: every response the context
//    sees (not the service worker's own copy, which starts at ready) is gzipped at level 9 here, as a
//    compressing server would send it, and summed; the figure is printed;
//  - image indices keep their meaning: a link to fashion:1234 (past the preloaded starter) shows the
//    "loading the test set" state, then image 1234 with the label the full set gives;
//  - the service worker caches the site: with the network switched off a reload still reaches ready
//    and the Network lab draws; the manifest parses and names its icons;
//  - exportPng() downloads a PNG of the current panel with the view's link under it, and the page
//    keeps drawing while it is encoded.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodePng, WEB_DIR } from './lib.mjs';

const LIMIT = 3 * 1000 * 1000;  // bytes, gzip

// The labels of the whole Fashion-MNIST test set as the page serves them (data/, fetched on demand).
function fashionLabel(index) {
  const file = path.join(WEB_DIR, 'data', 'fashion-mnist', 't10k-labels-idx1-ubyte.gz');
  if (!fs.existsSync(file)) return null;
  const raw = zlib.gunzipSync(fs.readFileSync(file));
  return raw[8 + index];
}

export default async function (ctx) {
  const { browser, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats, OUT_DIR } = ctx;
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });

  // ---- The first download ----
  await attempt('first download before ready is at most 3 MB gzip', async () => {
    const c = await newContext();
    const page = await c.newPage();
    watch(page);
    let ready = false;
    const seen = [];
    c.on('response', (r) => {
      // The service worker registers at ready: its copy of the site comes after the first download.
      const before = !ready && !r.request().serviceWorker();
      seen.push(r.body().then((b) => ({ url: r.url(), raw: b.length, gz: zlib.gzipSync(b, { level: 9 }).length, before }),
                               () => ({ url: r.url(), raw: 0, gz: 0, before })));
    });
    await page.goto(url);
    await waitReady(page, 90000);
    ready = true;
    const all = await Promise.all(seen);
    const first = all.filter((x) => x.before);
    const gz = first.reduce((s, x) => s + x.gz, 0), raw = first.reduce((s, x) => s + x.raw, 0);
    const rows = first.sort((a, b) => b.gz - a.gz).map((x) => `${new URL(x.url).pathname} ${x.gz}`).join(', ');
    console.log(`first download before ready: ${first.length} responses, ${raw} bytes, ${gz} bytes gzip (${(gz / 1e6).toFixed(2)} MB): ${rows}`);
    check('first download before ready is at most 3 MB gzip', gz > 0 && gz <= LIMIT, `${gz} bytes gzip`);
    await c.close();
  });

  // ---- Indices past the starter: loading state, then the image of the whole set ----
  await attempt('a link to fashion:1234 loads the test set, then shows image 1234', async () => {
    const c = await newContext();
    const page = await c.newPage();
    watch(page);
    // A slow network, so that the loading state can be seen: the whole set's images arrive after 4 s.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/data/fashion-mnist/t10k-images-idx3-ubyte.gz', async (route) => { await held; await route.continue(); });
    await page.goto(`${url}#lab=network&preset=tiny-fashion&src=fashion-mnist&i=1234`);
    await waitReady(page, 90000);
    await frames(page, 4);
    const early = await page.evaluate(() => window.layerlab.dataState());
    const earlyIndex = (await page.evaluate(() => window.layerlab.state())).input.index;
    const earlyHash = await page.evaluate(() => location.hash);
    await screenshot(page, 'offline-loading-testset');
    release();
    await page.waitForFunction(() => window.layerlab.state().input.index === 1234, null, { timeout: 60000, polling: 100 });
    const s = await page.evaluate(() => window.layerlab.state());
    const d = await page.evaluate(() => window.layerlab.dataState());
    const inp = await page.evaluate(() => window.layerlab.inputState({ source: 'fashion-mnist', index: 1234, shape: [1, 28, 28] }));
    await frames(page, 4);
    await screenshot(page, 'offline-loaded-1234');
    const label = fashionLabel(1234);
    check('a link to fashion:1234 loads the test set, then shows image 1234',
          early['fashion-mnist'].starter > 0 && early['fashion-mnist'].starter < 1234 && early['fashion-mnist'].count === 10000 &&
          early['fashion-mnist'].state === 'loading' && earlyIndex !== 1234 && /i=1234/.test(earlyHash) &&
          s.input.index === 1234 && d['fashion-mnist'].full && inp.label === label && /i=1234/.test(await page.evaluate(() => location.hash)),
          `starter ${early['fashion-mnist'].starter} of ${early['fashion-mnist'].count}, at first: ${early['fashion-mnist'].state}, image ${earlyIndex}, label ${inp.label} (file ${label})`);
    await c.close();
  });

  // ---- The service worker: a reload with the network off ----
  await attempt('with the network off a reload reaches ready and the Network lab draws', async () => {
    const c = await newContext();
    const page = await c.newPage();  // not watched: the fetches that fail offline log errors on purpose
    await page.goto(`${url}#lab=network&preset=tiny-fashion&src=fashion-mnist&i=3`);
    await waitReady(page, 90000);
    const sw = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => ({ active: !!r.active, url: r.active && r.active.scriptURL })));
    // Controlled from the next load on: one online reload, then the network goes.
    await page.reload();
    await waitReady(page, 90000);
    const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
    const keys = await page.evaluate(() => caches.keys());
    await c.setOffline(true);
    // (a file the worker never cached, so it asks the network)
    const online = await page.evaluate(() => fetch(`no-such-file-${Date.now()}`).then(() => 'reached', () => 'failed'));
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 6);
    const s = await page.evaluate(() => window.layerlab.state());
    const isolated = await page.evaluate(() => window.crossOriginIsolated);
    const img = await screenshot(page, 'offline-network-lab');
    const { variance } = lumaStats(img);
    check('with the network off a reload reaches ready and the Network lab draws',
          sw.active && controlled && keys.some((k) => k.startsWith('layerlab-')) && online === 'failed' && s.ready &&
          s.lab === 'network' && s.input.index === 3 && s.prediction.probs.length === 10 && variance > 50,
          `worker ${sw.url}, caches ${keys.join(',')}, network while off: ${online}, lab ${s.lab}, input ${s.input.index}, ` +
          `crossOriginIsolated ${isolated}, variance ${variance.toFixed(0)}`);
    // Past the starter with the network off and the whole set never fetched: the picker says why.
    await page.evaluate(() => window.layerlab.setInput({ dataset: 'fashion-mnist', index: 5000 }));
    await frames(page, 30);
    const d = await page.evaluate(() => window.layerlab.dataState());
    const s2 = await page.evaluate(() => window.layerlab.state());
    const hash2 = await page.evaluate(() => location.hash);
    await screenshot(page, 'offline-testset-failed');
    await page.evaluate(() => window.layerlab.setLanguage('ko'));
    await frames(page, 6);
    await screenshot(page, 'offline-testset-failed-ko');
    await page.evaluate(() => window.layerlab.setLanguage('en'));
    check('offline, an image past the starter says the test set could not be fetched',
          d['fashion-mnist'].state === 'failed' && !!d['fashion-mnist'].error && s2.input.index === 3 && /i=5000/.test(hash2),
          `${d['fashion-mnist'].error}; shows #${s2.input.index}, address keeps ${hash2.match(/i=\d+/)}`);
    await c.setOffline(false);
    await c.close();
  });

  // ---- Installable: the manifest parses and its icons are served ----
  await attempt('the manifest parses, names its icons, and they load', async () => {
    const c = await newContext();
    const page = await c.newPage();
    await page.goto(url);
    await waitReady(page, 90000);
    const cdp = await c.newCDPSession(page);
    const m = await cdp.send('Page.getAppManifest');
    const parsed = JSON.parse(m.data || '{}');
    const icons = await page.evaluate((list) => Promise.all(list.map((i) => new Promise((resolve) => {
      const im = new Image();
      im.onload = () => resolve(`${i.src} ${im.naturalWidth}x${im.naturalHeight}`);
      im.onerror = () => resolve(`${i.src} failed`);
      im.src = i.src;
    }))), parsed.icons || []);
    check('the manifest parses, names its icons, and they load',
          m.errors.length === 0 && parsed.name && parsed.display === 'standalone' && icons.length >= 3 &&
          icons.includes('icon-512.png 512x512') && icons.includes('icon-192.png 192x192') && !icons.some((t) => /failed/.test(t)),
          `${m.url}: ${icons.join(', ')}; errors ${JSON.stringify(m.errors)}`);
    await c.close();
  });

  // ---- Export PNG: the lab's page with the view's link under it ----
  await attempt('exportPng downloads the panel as a PNG with the link under it', async () => {
    const c = await newContext();
    const page = await c.newPage();
    watch(page);
    await page.goto(`${url}#lab=network&preset=tiny-fashion&src=fashion-mnist&i=3`);
    await waitReady(page, 90000);
    await frames(page, 6);
    // Frame intervals while it exports: the capture is one frame's read-back, the encoding the browser's.
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      const tick = (t) => { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 400) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const [download, r] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }),
                                             page.evaluate(async () => {
                                               const n0 = window.__gaps.length, t0 = performance.now();
                                               const out = await window.layerlab.exportPng();
                                               return { ...out, frames: window.__gaps.length - n0, ms: performance.now() - t0 };
                                             })]);
    const worst = await page.evaluate(() => Math.max(...window.__gaps));
    const file = path.join(OUT_DIR, 'offline-export.png');
    await download.saveAs(file);
    const buf = fs.readFileSync(file);
    const img = decodePng(buf);
    // The caption: the last rows are white with dark text; above it the page itself.
    let dark = 0, white = 0, n = 0;
    for (let y = img.height - 30; y < img.height; ++y) {
      for (let x = 0; x < img.width; ++x) {
        const o = (y * img.width + x) * img.channels;
        const l = 0.299 * img.px[o] + 0.587 * img.px[o + 1] + 0.114 * img.px[o + 2];
        if (l < 110) ++dark;
        if (l > 245) ++white;
        ++n;
      }
    }
    const top = lumaStats({ ...img, height: Math.floor(img.height * 0.6) });
    const link = await page.evaluate(() => location.href);
    check('exportPng downloads the panel as a PNG with the link under it',
          buf.readUInt32BE(0) === 0x89504e47 && r.bytes === buf.length && img.width === r.width && img.height === r.height &&
          img.width > 1000 && img.width <= 1280 && img.height > 500 && img.height < 1000 && dark > 50 && white > 0.8 * n &&
          top.variance > 50 && r.link === link && /lab=network/.test(r.link) && download.suggestedFilename() === r.name,
          `${r.name}: ${r.width}x${r.height}, ${r.bytes} bytes, caption ${dark} dark of ${n} pixels, worst frame gap ${worst.toFixed(0)} ms`);
    // The page keeps drawing while the PNG is encoded: the export spans frames instead of stalling one.
    check('the export does not stall the frame loop', r.frames >= 3 && worst < 1000,
          `${r.frames} frames drawn during the ${r.ms.toFixed(0)} ms export, worst interval ${worst.toFixed(0)} ms`);
    await c.close();
  });
}
