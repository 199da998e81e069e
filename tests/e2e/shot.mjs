// Screenshots for looking at the app: node tests/e2e/shot.mjs [name=hash ...] [--scale 2] [--size 1280x800]
//   [--lang ko] [--eval JS] [--click x,y]...
//   e.g. node tests/e2e/shot.mjs arith="lab=arithmetic" ko="lab=arithmetic" --lang ko
// Writes build/e2e/shot-<name>.png.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, waitReady, frames, OUT_DIR } from './lib.mjs';

const args = process.argv.slice(2);
let scale = 1, width = 1280, height = 800, lang = null, evalJs = null;
const clicks = [];
const shots = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--scale') scale = Number(args[++i]);
  else if (args[i] === '--size') [width, height] = args[++i].split('x').map(Number);
  else if (args[i] === '--lang') lang = args[++i];
  else if (args[i] === '--eval') evalJs = args[++i];
  else if (args[i] === '--click') clicks.push(args[++i].split(',').map(Number));
  else { const eq = args[i].indexOf('='); shots.push([args[i].slice(0, eq), args[i].slice(eq + 1)]); }
}
if (!shots.length) shots.push(['arithmetic', 'lab=arithmetic']);
fs.mkdirSync(OUT_DIR, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const [name, hash] of shots) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}] ${m.text()}`); });
    page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
    const t0 = Date.now();
    await page.goto(`${server.url}#${hash}`);
    await waitReady(page);
    const loadMs = Date.now() - t0;
    if (lang) await page.evaluate((l) => window.layerlab.setLanguage(l), lang);
    if (evalJs) await page.evaluate(evalJs);
    for (const [x, y] of clicks) { await page.mouse.move(x, y); await frames(page, 3); await page.mouse.down(); await frames(page, 2); await page.mouse.up(); await frames(page, 4); }
    await frames(page, 8);
    const file = path.join(OUT_DIR, `shot-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`${file}  (ready after ${loadMs} ms)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
