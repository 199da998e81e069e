// Shared by the browser tests and the screenshot tool: a static server for build/web with the
// cross-origin isolation headers (COOP/COEP, unless asked not to) on a free 127.0.0.1 port, and headless
// Chromium with the flags that render WebGL2 through SwiftShader on these machines (--use-gl=angle
// --use-angle=swiftshader --enable-unsafe-swiftshader; Debian's /usr/bin/chromium, no Playwright download).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// LAYERLAB_WEB_DIR / LAYERLAB_E2E_DIR let parallel builds use their own folders.
export const WEB_DIR = process.env.LAYERLAB_WEB_DIR || path.join(ROOT, 'build', 'web');
export const OUT_DIR = process.env.LAYERLAB_E2E_DIR || path.join(ROOT, 'build', 'e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.png': 'image/png', '.css': 'text/css', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

// Serves dir on 127.0.0.1 at a free port; resolves to {url, close()}. isolated: false leaves out the
// COOP/COEP headers, for a page that is not cross-origin isolated (no SharedArrayBuffer, so the
// Training lab's single-threaded worker); missing: file names answered 404 as if they were not built.
export function serve(dir = WEB_DIR, { isolated = true, missing = [] } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    const headers = isolated ? {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-cache',
    } : { 'Cache-Control': 'no-cache' };
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile() || missing.includes(path.basename(file))) {
      res.writeHead(404, headers);
      res.end('not found');
      return;
    }
    headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// Waits until window.layerlab.state().ready, or throws after timeoutMs.
export async function waitReady(page, timeoutMs = 60000) {
  await page.waitForFunction(() => {
    try { return window.layerlab && window.layerlab.state().ready === true; } catch (e) { return false; }
  }, null, { timeout: timeoutMs, polling: 100 });
}

// Opens href in a new browser context (a fresh profile: no storage shared with the caller's pages),
// waits until the app is ready and lets it draw `draw` frames; resolves to {context, page}.
export async function openFresh(browser, href, { viewport = { width: 1366, height: 900 }, watch = null, draw = 6 } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (watch) watch(page);
  await page.goto(href);
  await waitReady(page, 90000);
  await frames(page, draw);
  return { context, page };
}

// Lets the app draw a few frames (tab changes show one frame after the request).
export async function frames(page, n = 4) {
  await page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

export function tmpProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-e2e-'));
}

// ---- PNG decoding (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are) ----

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, depth = 0, type = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const kind = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; type = data[9];
      if (data[12] !== 0) throw new Error('interlaced PNG');
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    off += 12 + len;
  }
  const channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[type];
  if (depth !== 8 || !channels) throw new Error(`unsupported PNG (depth ${depth}, type ${type})`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; ++x) {
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = v & 255;
    }
  }
  return { width, height, channels, px };
}

// Variance of the luminance over all pixels: near 0 for a blank (single-colour) image.
export function lumaStats(img) {
  let sum = 0, sum2 = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; ++i) {
    const o = i * img.channels;
    const l = img.channels >= 3 ? 0.299 * img.px[o] + 0.587 * img.px[o + 1] + 0.114 * img.px[o + 2] : img.px[o];
    sum += l; sum2 += l * l;
  }
  const mean = sum / n;
  return { mean, variance: sum2 / n - mean * mean };
}

// Fraction of pixels that differ between two same-sized images.
export function diffFraction(a, b) {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let diff = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; ++i) {
    for (let k = 0; k < 3; ++k) {
      if (a.px[i * a.channels + k] !== b.px[i * b.channels + k]) { ++diff; break; }
    }
  }
  return diff / n;
}
