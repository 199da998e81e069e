// Detection lab (src/app/panels/detect_*.cpp):
//  - renders in English and in Korean (screenshots not blank, and different);
//  - the two-thirds demo: IoU 0.5 while the intersection is two thirds of each box;
//  - dragging box B with the mouse moves it, and the IoU the lab reports equals `layerlab boxes iou` on
//    the boxes it reports;
//  - NMS (class-agnostic) keeps what `layerlab boxes nms` keeps;
//  - a COCO pair loaded from strings gives the AP figures of `layerlab detect-eval --json` (all twelve
//    COCO numbers, VOC07/VOC12 per category, both mAPs);
//  - a bad COCO file gives the message (English and Korean) and keeps the previous data;
//  - the file picker takes an annotation file, then its results list (a results list first is refused).
// Screenshots: detect-iou, detect-iou-dragged, detect-nms-midway, detect-pr, detect-ap, detect-ko,
// detect-bad-file-ko, detect-classifier.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const CLI = process.env.LAYERLAB_CLI || path.join(ROOT, 'build', 'native', 'layerlab');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-e2e-'));
function cli(args, files) {
  for (const [name, value] of Object.entries(files)) fs.writeFileSync(path.join(tmp, name), typeof value === 'string' ? value : JSON.stringify(value));
  return JSON.parse(execFileSync(CLI, args.map((a) => (a.endsWith('.json') ? path.join(tmp, a) : a)), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}
const boxList = (b) => [b];

// A small COCO pair: two images, two categories, a crowd box, sizes in all three area ranges,
// a duplicate and a miss.
function cocoPair() {
  const images = [{ id: 1, width: 640, height: 480 }, { id: 2, width: 640, height: 480 }];
  const categories = [{ id: 3, name: 'cat' }, { id: 7, name: 'dog' }];
  const ann = [];
  const add = (image_id, category_id, bbox, iscrowd = 0) =>
    ann.push({ id: ann.length + 1, image_id, category_id, bbox, area: bbox[2] * bbox[3], iscrowd });
  add(1, 3, [10, 10, 20, 20]);      // small
  add(1, 3, [100, 100, 60, 50]);    // medium
  add(1, 7, [200, 50, 150, 120]);   // large
  add(2, 3, [300, 300, 40, 40]);
  add(2, 7, [20, 200, 100, 110]);
  add(2, 7, [400, 20, 200, 200], 1); // crowd
  const dt = [];
  const det = (image_id, category_id, bbox, score) => dt.push({ image_id, category_id, bbox, score });
  det(1, 3, [11, 9, 20, 21], 0.9);
  det(1, 3, [104, 98, 58, 52], 0.8);
  det(1, 3, [102, 101, 60, 50], 0.7);   // duplicate
  det(1, 7, [210, 60, 150, 110], 0.85);
  det(2, 3, [320, 330, 40, 40], 0.6);   // IoU below 0.5
  det(2, 7, [25, 205, 100, 100], 0.75);
  det(2, 7, [420, 40, 100, 100], 0.95); // on the crowd box
  det(2, 3, [500, 400, 30, 30], 0.3);   // nothing there
  return { gt: { images, annotations: ann, categories }, dt };
}

export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats, diffFraction } = ctx;
  const page = await context.newPage();
  watch(page);
  await page.goto(`${url}#lab=detection&lang=en`);
  await waitReady(page, 90000);
  await frames(page, 6);
  const state = () => page.evaluate(() => window.layerlab.detectionState());

  let english = null;
  await attempt('detection: renders in English', async () => {
    english = await screenshot(page, 'detect-iou');
    const s = await state();
    check('detection: renders in English', lumaStats(english).variance > 50 && s.canvas.shown && s.view === 'view_iou',
          `variance ${lumaStats(english).variance.toFixed(0)}`);
  });

  await attempt('detection: two equal boxes at IoU 0.5 overlap by two thirds', async () => {
    await page.evaluate(() => window.layerlab.detection({ a: '60,60,150,150', b: '90,60,180,150' }));
    await frames(page, 3);
    const s = (await state()).iou;
    check('detection: two equal boxes at IoU 0.5 overlap by two thirds',
          s.iou === 0.5 && Math.abs(s.intersection / s.area_a - 2 / 3) < 1e-9 && s.intersection === s.area_b * 2 / 3,
          `IoU ${s.iou}, I/A ${(s.intersection / s.area_a).toFixed(4)}`);
  });

  await attempt('detection: dragging box B changes the IoU as the engine computes it', async () => {
    const before = await state();
    const { x, y, scale } = before.canvas;
    const b = before.iou.b;
    const cx = x + ((b[0] + b[2]) / 2) * scale, cy = y + ((b[1] + b[3]) / 2) * scale;
    await page.mouse.move(cx, cy);
    await frames(page, 2);
    await page.mouse.down();
    await frames(page, 2);
    for (let i = 1; i <= 5; ++i) { await page.mouse.move(cx + 9 * i, cy + 5 * i); await frames(page, 1); }
    await page.mouse.up();
    await frames(page, 3);
    const after = await state();
    await screenshot(page, 'detect-iou-dragged');
    const ref = cli(['boxes', 'iou', '--boxes', 'a.json', '--against', 'b.json'], { 'a.json': boxList(after.iou.a), 'b.json': boxList(after.iou.b) });
    const moved = after.iou.b[0] - b[0];
    check('detection: dragging box B changes the IoU as the engine computes it',
          moved > 20 && after.iou.iou !== before.iou.iou && Math.fround(ref.iou[0][0]) === Math.fround(after.iou.iou) &&
          after.iou.a.join() === before.iou.a.join(),
          `B moved ${moved} px, IoU ${before.iou.iou} -> ${after.iou.iou}, layerlab boxes iou ${ref.iou[0][0]}`);
  });

  await attempt('detection: renders in Korean', async () => {
    await page.evaluate(() => window.layerlab.setLanguage('ko'));
    await frames(page, 6);
    const ko = await screenshot(page, 'detect-ko');
    const changed = english ? diffFraction(english, ko) : 1;
    check('detection: renders in Korean', lumaStats(ko).variance > 50 && changed > 0.002, `${(changed * 100).toFixed(1)}% pixels differ from English`);
    await page.evaluate(() => window.layerlab.setLanguage('en'));
    await frames(page, 3);
  });

  await attempt('detection: NMS keeps what layerlab boxes nms keeps', async () => {
    const s = await page.evaluate(() => window.layerlab.detection({ v: '1', pc: '0', nt: '0.5', k: '7' }));
    await frames(page, 4);
    await screenshot(page, 'detect-nms-midway');
    const ref = cli(['boxes', 'nms', '--boxes', 'c.json', '--scores', 's.json', '--iou', '0.5'],
                    { 'c.json': s.nms.boxes, 's.json': s.nms.scores });
    const ok = s.nms.shown === 7 && s.nms.steps.length > 7 && s.nms.per_class === false;
    check('detection: NMS keeps what layerlab boxes nms keeps', ok && ref.keep.join() === s.nms.keep.join(),
          `decision ${s.nms.shown} of ${s.nms.steps.length}, kept ${s.nms.keep.join(',')}, CLI ${ref.keep.join(',')}`);
    // Per class, the two "button" boxes survive.
    const pc = await page.evaluate(() => window.layerlab.detection({ pc: '1' }));
    check('detection: per-class NMS keeps more boxes', pc.nms.keep.length === s.nms.keep.length + 2, `${pc.nms.keep.length} vs ${s.nms.keep.length}`);
    await page.evaluate(() => window.layerlab.detection({ pc: '0' }));
  });

  let builtin = null;
  await attempt('detection: PR curve and AP table render', async () => {
    await page.evaluate(() => window.layerlab.detection({ v: '2', md: '1', n: '14', mt: '0.5' }));
    await frames(page, 4);
    const pr = await screenshot(page, 'detect-pr');
    await page.evaluate(() => window.layerlab.detection({ v: '3', md: '0' }));
    await frames(page, 4);
    const ap = await screenshot(page, 'detect-ap');
    builtin = await state();
    const [loose, tight] = builtin.ap;
    // The flip: VOC (IoU 0.5) prefers loose, COCO's AP@[.5:.95] prefers tight.
    check('detection: the built-in detectors flip between VOC and COCO',
          loose.mAP_voc12 > tight.mAP_voc12 && loose.coco.AP < tight.coco.AP && lumaStats(pr).variance > 50 && lumaStats(ap).variance > 50,
          `VOC12 ${loose.mAP_voc12} vs ${tight.mAP_voc12}, COCO ${loose.coco.AP.toFixed(3)} vs ${tight.coco.AP.toFixed(3)}`);
  });

  const { gt, dt } = cocoPair();
  await attempt('detection: AP of a loaded COCO pair equals layerlab detect-eval --json', async () => {
    const ref = cli(['detect-eval', '--gt', 'gt.json', '--dt', 'dt.json', '--json'], { 'gt.json': gt, 'dt.json': dt });
    const s = await page.evaluate(([g, d]) => window.layerlab.loadDetection(g, d, 'pair-gt.json', 'pair-dt.json'),
                                  [JSON.stringify(gt), JSON.stringify(dt)]);
    await frames(page, 3);
    const row = s.ap[0];
    const bad = [];
    for (const [k, v] of Object.entries(ref.coco)) if (!(Math.abs(row.coco[k] - v) <= 1e-12)) bad.push(`${k} ${row.coco[k]} != ${v}`);
    for (const key of ['voc07', 'voc12'])
      for (const [c, v] of Object.entries(ref[key])) {
        const got = row[key][c];
        if (!(v === null ? got === null : Math.abs(got - v) <= 1e-12)) bad.push(`${key}[${c}] ${got} != ${v}`);
      }
    for (const key of ['mAP_voc07', 'mAP_voc12']) if (!(Math.abs(row[key] - ref[key]) <= 1e-12)) bad.push(`${key} ${row[key]} != ${ref[key]}`);
    check('detection: AP of a loaded COCO pair equals layerlab detect-eval --json',
          s.data.builtin === false && s.data.error === null && bad.length === 0 && Object.keys(ref.coco).length === 12,
          bad.length ? bad.slice(0, 3).join('; ') : `AP ${row.coco.AP.toFixed(4)}, mAP VOC12 ${row.mAP_voc12.toFixed(4)}`);
  });

  await attempt('detection: a bad COCO file shows the message and keeps the previous data', async () => {
    const before = await state();
    const badGt = JSON.parse(JSON.stringify(gt));
    badGt.annotations[1].bbox[2] = -3;
    let cliMsg = '';
    try { cli(['detect-eval', '--gt', 'bad.json', '--dt', 'dt.json'], { 'bad.json': badGt, 'dt.json': dt }); } catch (e) { cliMsg = String(e.stderr || ''); }
    await page.evaluate(() => window.layerlab.detection({ v: '3' }));
    const s = await page.evaluate(([g, d]) => window.layerlab.loadDetection(g, d, 'bad.json', 'dt.json'), [JSON.stringify(badGt), JSON.stringify(dt)]);
    await page.evaluate(() => window.layerlab.setLanguage('ko'));
    await frames(page, 5);
    const shot = await screenshot(page, 'detect-bad-file-ko');
    await page.evaluate(() => window.layerlab.setLanguage('en'));
    await frames(page, 3);
    const kept = s.data.gt === before.data.gt && JSON.stringify(s.ap) === JSON.stringify(before.ap);
    const msg = s.data.error || '';
    check('detection: a bad COCO file shows the message and keeps the previous data',
          msg === 'bad.json: annotations[1]: "bbox": width -3 is negative' && cliMsg.includes(msg) && kept && lumaStats(shot).variance > 50,
          `${msg}; kept ${kept}`);
    const notJson = await page.evaluate(() => window.layerlab.loadDetection('{"images": [', '[]', 'cut.json', 'dt.json'));
    check('detection: a truncated file is refused the same way',
          (notJson.data.error || '').startsWith('cut.json: invalid JSON') && notJson.data.gt === before.data.gt);
  });

  await attempt('detection: a COCO pair opened with the file picker', async () => {
    await page.evaluate(() => window.layerlab.detection({ v: '3' }));
    await frames(page, 2);
    const file = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });
    // A results list before its annotation file is refused, the data kept.
    await page.setInputFiles('#upload-input', file('early-dt.json', dt));
    await frames(page, 4);
    const early = await state();
    await page.setInputFiles('#upload-input', file('picked-gt.json', gt));
    await frames(page, 4);
    await page.setInputFiles('#upload-input', file('picked-dt.json', dt));
    await frames(page, 4);
    const s = await state();
    const ref = cli(['detect-eval', '--gt', 'gt.json', '--dt', 'dt.json', '--json'], { 'gt.json': gt, 'dt.json': dt });
    check('detection: a COCO pair opened with the file picker',
          (early.data.error || '').includes('needs its annotation file first') && s.data.gt === 'picked-gt.json' &&
          s.data.dt === 'picked-dt.json' && s.data.error === null && s.ap[0].coco.AP === ref.coco.AP,
          `${early.data.error}; then ${s.data.gt} + ${s.data.dt}, AP ${s.ap[0].coco.AP}`);
  });

  await attempt('detection: classification vs detection links to the Network lab', async () => {
    await page.evaluate(() => window.layerlab.detection({ v: '4' }));
    await frames(page, 4);
    await screenshot(page, 'detect-classifier');
    check('detection: classification vs detection renders', true);
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  await page.close();

  // The layout suite sees the lab's first view; here every view, narrow and wide, in both languages.
  const { problems } = await import('./suite_layout.mjs');
  for (const [w, h, lang] of [[800, 600, 'en'], [800, 600, 'ko'], [1366, 768, 'en'], [1920, 1080, 'ko']]) {
    const name = `detection: every view keeps the layout rules at ${w}x${h} ${lang}`;
    await attempt(name, async () => {
      const c2 = await ctx.browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
      const p2 = await c2.newPage();
      await p2.goto(`${url}#lab=detection&lang=${lang}`);
      await waitReady(p2, 90000);
      const found = [];
      for (let v = 0; v < 5; ++v) {
        await p2.evaluate((view) => window.layerlab.detection({ v: String(view), k: '9', n: '12' }), v);
        await frames(p2, 6);
        const s = await p2.evaluate(() => window.layerlab.state());
        const wins = await p2.evaluate(() => window.layerlab.windows());
        for (const pr of problems(wins, w, h, s.ui.font_px)) found.push(`view ${v}: ${pr}`);
      }
      await c2.close();
      check(name, found.length === 0, found.slice(0, 3).join('; ') || '5 views');
    });
  }
}
