// The layout holds from 800x600 to 3840x2160 (issue 14): every lab at five window sizes, in English and
// Korean, at devicePixelRatio 1 and 2 and with View > Text size > Larger. For each view, from
// window.layerlab.windows() (the ImGui windows of the last frame):
//  - every window lies inside the page;
//  - side-by-side columns (child windows of one parent) do not overlap;
//  - no column is narrower than 12 text heights (the folded controls strip excepted), so text never
//    wraps a few characters per line;
//  - nothing runs out of a column to the right (its content is no wider than the column);
// and the screenshot is not blank. The screenshots are build/e2e/layout-<lab>-<size>[-ko|-dpr2|-larger].png.
import path from 'node:path';

const LABS = ['network', 'arithmetic', 'normalization', 'optimizers', 'training', 'detection'];
const SIZES = [[800, 600], [1024, 768], [1366, 768], [1920, 1080], [3840, 2160]];

export function problems(windows, vw, vh, fontPx) {
  const out = [];
  const kids = windows.filter((w) => w.name.includes('/') && !/##Menu|##Popup|##Tooltip|##Combo/.test(w.name));
  for (const w of windows) {
    if (/##Tooltip|##Popup|##Combo/.test(w.name)) continue;
    if (w.x < -1 || w.y < -1 || w.x + w.w > vw + 1 || w.y + w.h > vh + 1) out.push(`${w.name} outside the page`);
  }
  for (const w of kids) {
    const folded = /##controls/.test(w.name) && w.w < fontPx * 3;
    if (!folded && w.w < fontPx * 12) out.push(`${w.name} only ${w.w.toFixed(0)} px wide`);
    if (w.content_w > w.w + 2 && !w.scrollbar_x) out.push(`${w.name} content ${w.content_w.toFixed(0)} > ${w.w.toFixed(0)} px`);
  }
  for (let i = 0; i < kids.length; ++i) {
    for (let j = i + 1; j < kids.length; ++j) {
      const a = kids[i], b = kids[j];
      const pa = a.name.slice(0, a.name.lastIndexOf('/')), pb = b.name.slice(0, b.name.lastIndexOf('/'));
      if (pa !== pb) continue;
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1) out.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return out;
}

export default async function (ctx) {
  const { browser, url, check, attempt, frames, waitReady, lumaStats, OUT_DIR } = ctx;
  const { decodePng } = await import('./lib.mjs');
  const variants = [];
  for (const [w, h] of SIZES) variants.push({ w, h, dpr: 1, lang: 'en', tag: '' });
  for (const [w, h] of SIZES) variants.push({ w, h, dpr: 1, lang: 'ko', tag: '-ko' });
  variants.push({ w: 1366, h: 768, dpr: 2, lang: 'en', tag: '-dpr2' });
  variants.push({ w: 1024, h: 768, dpr: 1, lang: 'ko', tag: '-larger', zoom: '1.250' });
  variants.push({ w: 800, h: 600, dpr: 1, lang: 'en', tag: '-larger', zoom: '1.250' });
  for (const v of variants) {
    const name = `layout: ${v.w}x${v.h} ${v.lang}${v.dpr > 1 ? ' dpr ' + v.dpr : ''}${v.zoom ? ' larger text' : ''}`;
    await attempt(name, async () => {
      const context = await browser.newContext({ viewport: { width: v.w, height: v.h }, deviceScaleFactor: v.dpr });
      if (v.zoom) await context.addInitScript((z) => { try { localStorage.setItem('layerlab.zoom', z); } catch (e) { } }, v.zoom);
      const page = await context.newPage();
      await page.goto(`${url}#lab=network&lang=${v.lang}`);
      await waitReady(page, 90000);
      const found = [];
      let blank = 0;
      for (const lab of LABS) {
        await page.evaluate((l) => window.layerlab.setLab(l), lab);
        await frames(page, 8);
        const s = await page.evaluate(() => window.layerlab.state());
        const wins = await page.evaluate(() => window.layerlab.windows());
        for (const p of problems(wins, v.w, v.h, s.ui.font_px)) found.push(`${lab}: ${p}`);
        const buf = await page.screenshot({ path: path.join(OUT_DIR, `layout-${lab}-${v.w}x${v.h}${v.tag}.png`) });
        if (lumaStats(decodePng(buf)).variance < 50) blank++;
      }
      await context.close();
      check(name, found.length === 0 && blank === 0, found.length ? found.slice(0, 4).join('; ') : `${LABS.length} labs, none blank`);
    });
  }
}
