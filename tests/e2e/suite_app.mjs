// The app as students use it (issue 14): the wheel, nothing lost on reload or in a link, Back/Forward.
//  - wheel events of 1, 10, 100 and 300 px and of one line scroll a panel by that many pixels (a line:
//    a third of ImGui's notch), in the browser's direction; the same events zoom the Optimizers map by
//    0.85 per notch, proportionally (log of the zoom grows linearly with the pixels);
//  - a layer edit, the chosen input, an upload and a drawing survive a reload (the model in the URL,
//    pictures in IndexedDB); the edited model in a link rebuilds the same network and prediction;
//  - a link to an upload this browser does not have opens the network with a notice, never blank;
//  - Back and Forward step through five views (lab changes, a preset, an edit, the language);
//  - Copy link returns the address of this very view; the language is in the URL.
import fs from 'node:fs';
import path from 'node:path';

const PHOTOS = '/usr/lib/python3/dist-packages/skimage/data';

// The innermost window under (x, y) that can scroll vertically: the one the wheel moves.
function scrollTarget(windows, x, y) {
  const under = windows.filter((w) => x >= w.x && x < w.x + w.w && y >= w.y && y < w.y + w.h && w.scroll_max_y > 0);
  under.sort((a, b) => b.name.length - a.name.length);
  return under[0] || null;
}

export default async function (ctx) {
  const { browser, url, check, attempt, screenshot, watch, frames, waitReady } = ctx;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  watch(page);
  const st = () => page.evaluate(() => window.layerlab.state());
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const windows = () => page.evaluate(() => window.layerlab.windows());
  const lineWheel = (x, y, lines) => page.evaluate(([x2, y2, n]) => {
    const c = document.getElementById('canvas');
    c.dispatchEvent(new WheelEvent('wheel', { deltaY: n, deltaMode: 1, clientX: x2, clientY: y2, bubbles: true, cancelable: true }));
  }, [x, y, lines]);

  // Opens `href` in a browser profile of its own (a colleague's), with its state and network report.
  const openElsewhere = async (href) => {
    const other = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    const p2 = await other.newPage();
    watch(p2);
    await p2.goto(href);
    await waitReady(p2, 90000);
    await frames(p2, 6);
    const state = await p2.evaluate(() => window.layerlab.state());
    const report = await p2.evaluate(() => window.layerlab.labState('network'));
    return { other, p2, state, report };
  };

  await page.goto(url + '#lab=network&preset=tiny-fashion');
  await waitReady(page, 90000);
  await frames(page, 8);

  // ---- Wheel: pixels scroll pixels ----
  await attempt('wheel: 1, 10, 100, 300 px and one line scroll a panel proportionally, downwards', async () => {
    let w = await windows();
    const panel = w.find((x) => /##controls/.test(x.name) && x.scroll_max_y > 0);
    if (!panel) throw new Error('no scrollable controls panel: ' + w.map((x) => `${x.name} ${x.scroll_max_y}`).join(', '));
    const mx = panel.x + panel.w / 2, my = panel.y + panel.h / 2;
    await page.mouse.move(mx, my);
    await frames(page, 2);
    const scrollNow = async () => { await frames(page, 3); return scrollTarget(await windows(), mx, my).scroll_y; };
    const moves = [];
    let ok = true;
    for (const px of [1, 10, 100, 300]) {
      await page.mouse.wheel(0, -100000);  // back to the top
      const top = await scrollNow();
      await page.mouse.wheel(0, px);
      const moved = (await scrollNow()) - top;
      moves.push(`${px}px -> ${moved}`);
      ok = ok && top === 0 && Math.abs(moved - px) <= Math.max(1.5, px * 0.08);
    }
    await page.mouse.wheel(0, -100000);
    const top = await scrollNow();
    await lineWheel(mx, my, 1);
    const line = (await scrollNow()) - top;
    moves.push(`1 line -> ${line}`);
    // Up is up: a negative delta moves back.
    await page.mouse.wheel(0, -40);
    const back = (await scrollNow()) - top;
    moves.push(`then -40px -> ${back}`);
    check('wheel: 1, 10, 100, 300 px and one line scroll a panel proportionally, downwards',
      ok && line >= 15 && line <= 60 && Math.abs(back - (line - 40)) <= 2 + Math.max(0, 40 - line), moves.join(', '));
  });

  await attempt('wheel: the Optimizers map zooms by 0.85 per notch, proportionally, and the page stays', async () => {
    await call('setLab', 'optimizers');
    await frames(page, 8);
    const map = (await windows()).length && await page.evaluate(() => window.layerlab.labState('optimizers'));
    if (!map.view) throw new Error('labState(optimizers) has no view');
    // The map is the big picture in the middle of the page: find it by probing where a wheel zooms.
    const probe = [[0.5, 0.45], [0.45, 0.4], [0.55, 0.5], [0.5, 0.3]];
    const vp = page.viewportSize();
    let at = null;
    for (const [fx, fy] of probe) {
      const before = (await call('labState', 'optimizers')).view;
      await page.mouse.move(vp.width * fx, vp.height * fy);
      await frames(page, 2);
      await page.mouse.wheel(0, 100);
      await frames(page, 3);
      const after = (await call('labState', 'optimizers')).view;
      if (after[1] - after[0] !== before[1] - before[0]) { at = [vp.width * fx, vp.height * fy]; break; }
    }
    if (!at) throw new Error('no zoomable map found at the probed points');
    const ratios = [];
    for (const px of [1, 10, 100, 300]) {
      const before = (await call('labState', 'optimizers')).view;
      await page.mouse.wheel(0, px);
      await frames(page, 3);
      const after = (await call('labState', 'optimizers')).view;
      ratios.push((after[1] - after[0]) / (before[1] - before[0]));
    }
    const before = (await call('labState', 'optimizers')).view;
    await lineWheel(at[0], at[1], 1);
    await frames(page, 3);
    const after = (await call('labState', 'optimizers')).view;
    const lineRatio = (after[1] - after[0]) / (before[1] - before[0]);
    const logs = ratios.map(Math.log);
    // log(ratio) is proportional to the pixels: 10 px is ten times 1 px, 300 px three times 100 px.
    const proportional = Math.abs(logs[1] / logs[0] - 10) < 1.5 && Math.abs(logs[3] / logs[2] - 3) < 0.2;
    const sane = ratios[0] > 1 && ratios[0] < 1.01 && ratios[2] > 1.1 && ratios[2] < 1.5 && ratios[3] < 2.5 && lineRatio > 1 && lineRatio < 1.2;
    const s = await st();
    check('wheel: the Optimizers map zooms by 0.85 per notch, proportionally, and the page stays',
      proportional && sane && s.lab === 'optimizers' && Math.abs(after[0]) < 1e3,
      `zoom-out ratios ${ratios.map((r) => r.toFixed(4)).join(', ')}, one line ${lineRatio.toFixed(4)}, extent now ${after.map((v) => v.toFixed(2)).join(', ')}`);
  });

  // ---- Nothing lost on reload ----
  await attempt('reload keeps a layer edit (model in the URL), the input and the step', async () => {
    await call('setLab', 'network');
    await call('loadPreset', 'tiny-fashion');
    await call('setInput', { dataset: 'fashion-mnist', index: 7 });
    await page.evaluate(() => window.layerlab.labParams('network', { edit_layer: 4, edit_args: JSON.stringify({ stride: 2 }) }));
    await call('step', 3);
    await frames(page, 12);  // the view is written at most every 0.3 s
    await page.waitForTimeout(400);
    await frames(page, 4);
    const before = await st();
    const repBefore = await call('labState', 'network');
    const href = await page.evaluate(() => location.href);
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 8);
    const after = await st();
    const repAfter = await call('labState', 'network');
    await screenshot(page, 'app-reload-edit');
    const stride = repAfter.model.layers[4].stride;
    check('reload keeps a layer edit (model in the URL), the input and the step',
      /model=/.test(href) && repAfter.edited === true && (stride === 2 || JSON.stringify(stride) === '[2,2]') &&
      after.input.dataset === 'fashion-mnist' && after.input.index === 7 && after.step === before.step &&
      JSON.stringify(after.prediction.probs) === JSON.stringify(before.prediction.probs) && repAfter.ids === repBefore.ids,
      `stride ${JSON.stringify(stride)}, input ${after.input.dataset} #${after.input.index}, step ${after.step}/${before.step}, ` +
      `probs equal ${JSON.stringify(after.prediction.probs) === JSON.stringify(before.prediction.probs)}, address ${href.length} chars`);
  });

  await attempt('a link with an edited model rebuilds the same network in a fresh browser', async () => {
    const href = await page.evaluate(() => location.href);
    const mine = await st();
    const { other, state: theirs, report: rep } = await openElsewhere(href);
    await other.close();
    check('a link with an edited model rebuilds the same network in a fresh browser',
      rep.edited === true && theirs.step === mine.step && JSON.stringify(theirs.prediction.probs) === JSON.stringify(mine.prediction.probs) &&
      !rep.missing_model, `step ${theirs.step}, class ${theirs.prediction.class} vs ${mine.prediction.class}`);
  });

  await attempt('reload keeps an upload as the chosen input (IndexedDB)', async () => {
    await call('loadPreset', 'tiny-fashion');
    const bytes = [...fs.readFileSync(path.join(PHOTOS, 'coffee.png'))];
    const ok = await page.evaluate((b) => window.layerlabUpload(new File([new Uint8Array(b)], 'coffee.png', { type: 'image/png' })), bytes);
    await frames(page, 8);
    await page.waitForTimeout(500);  // IndexedDB writes and the throttled address
    await frames(page, 4);
    const before = await st();
    const inBefore = await call('inputState', { source: 'upload', index: before.input.index });
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 8);
    const after = await st();
    const inAfter = await call('inputState', { source: 'upload', index: after.input.index });
    await screenshot(page, 'app-reload-upload');
    check('reload keeps an upload as the chosen input (IndexedDB)',
      ok && before.input.dataset === 'upload' && after.input.dataset === 'upload' && after.input.index === before.input.index &&
      inAfter.sum === inBefore.sum && !after.error && after.prediction.class !== null,
      `before ${before.input.dataset} #${before.input.index}, after ${after.input.dataset} #${after.input.index}, sums ${inBefore.sum} / ${inAfter.sum}`);
  });

  await attempt('a link to an upload this browser lacks opens the network with a notice', async () => {
    const href = await page.evaluate(() => location.href);
    const { other, p2, state: s, report: rep } = await openElsewhere(href);
    await p2.screenshot({ path: path.join(ctx.OUT_DIR, 'app-missing-upload.png') });
    await p2.evaluate(() => window.layerlab.setLanguage('ko'));
    await frames(p2, 6);
    await p2.screenshot({ path: path.join(ctx.OUT_DIR, 'app-missing-upload-ko.png') });
    await other.close();
    check('a link to an upload this browser lacks opens the network with a notice',
      /upload/.test(href) && s.ready && rep.ready && typeof rep.missing_input === 'string' && /upload/.test(rep.missing_input) &&
      s.input.dataset === 'fashion-mnist' && s.prediction.class !== null,
      `notice ${rep.missing_input}, shows ${s.input.dataset} #${s.input.index}`);
  });

  await attempt('reload keeps a drawing (IndexedDB)', async () => {
    await page.evaluate(() => window.layerlab.drawStrokes([[14, 4, 14, 24], [10, 8, 14, 4]]));  // a "1"
    await frames(page, 6);
    await page.waitForTimeout(500);
    await frames(page, 4);
    const before = await st();
    const drawnBefore = await call('inputState', { source: 'drawing', index: 0 });
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 8);
    const after = await st();
    const drawnAfter = await call('inputState', { source: 'drawing', index: 0 });
    check('reload keeps a drawing (IndexedDB)',
      before.input.dataset === 'drawing' && after.input.dataset === 'drawing' && drawnBefore.sum > 5 &&
      drawnAfter.sum === drawnBefore.sum && drawnAfter.wsum === drawnBefore.wsum && after.prediction.class === before.prediction.class,
      `sum ${drawnBefore.sum} -> ${drawnAfter.sum}, prediction ${before.prediction.label} -> ${after.prediction.label}, preset ${after.preset}`);
  });

  // ---- Back and forward ----
  await attempt('Back and Forward step through five views', async () => {
    const views = [];
    const here = async () => { await frames(page, 6); await page.waitForTimeout(350); await frames(page, 4); const s = await st(); const r = await call('labState', 'network'); return s.lab === 'network' ? `${s.lab}|${s.language}|${s.preset}|${r.edited}` : `${s.lab}|${s.language}`; };
    await call('setLab', 'network');
    await call('setLanguage', 'en');
    await call('loadPreset', 'tiny-fashion');
    views.push(await here());
    await call('setLab', 'arithmetic');
    views.push(await here());
    await page.evaluate(() => { window.layerlab.setLab('network'); window.layerlab.loadPreset('lenet5'); });  // one view
    views.push(await here());
    await page.evaluate(() => window.layerlab.labParams('network', { edit_layer: 0, edit_args: JSON.stringify({ out_channels: 4 }) }));
    views.push(await here());
    await call('setLanguage', 'ko');
    views.push(await here());
    const back = [];
    for (let i = 0; i < 4; ++i) { await page.goBack(); back.push(await here()); }
    const fwd = [];
    for (let i = 0; i < 4; ++i) { await page.goForward(); fwd.push(await here()); }
    const expectBack = views.slice(0, 4).reverse();
    const expectFwd = views.slice(1);
    check('Back and Forward step through five views',
      new Set(views).size === 5 && JSON.stringify(back) === JSON.stringify(expectBack) && JSON.stringify(fwd) === JSON.stringify(expectFwd),
      `views ${views.join(' > ')}; back ${back.join(' < ')}; forward ${fwd.join(' > ')}`);
    await call('setLanguage', 'en');
  });

  await attempt('Copy link gives the address of this view, with the language', async () => {
    await call('setLab', 'arithmetic');
    await page.evaluate(() => window.layerlab.arithmetic({ k: 5, s: 2 }));
    await call('setLanguage', 'ko');
    const r = await call('copyLink');
    const href = await page.evaluate(() => location.href);
    await frames(page, 4);
    await screenshot(page, 'app-copy-link-ko');
    await call('setLanguage', 'en');
    check('Copy link gives the address of this view, with the language',
      r.link === href && /lang=ko/.test(r.link) && /k=5/.test(r.link) && /s=2/.test(r.link), `${r.link} (copied: ${r.copied})`);
  });

  await attempt('racer pairs differ in colour and line style (SGD and SGD + L1)', async () => {
    await call('setLab', 'optimizers');
    const rep = await page.evaluate(() => window.layerlab.labParams('optimizers',
      { s: 'least_squares', r: 'sgd:0.5,sgd:0.5:l1=0.05,adam:0.05,adam:0.05:l2=0.1,momentum:0.1', run: 60 }));
    await frames(page, 6);
    await screenshot(page, 'app-racer-pairs');
    const rs = rep.racers;
    const colours = new Set(rs.map((r) => r.colour));
    const pairsDashed = rs[1].dashed && rs[3].dashed && !rs[0].dashed && !rs[2].dashed && !rs[4].dashed;
    check('racer pairs differ in colour and line style (SGD and SGD + L1)', rs.length === 5 && colours.size === 5 && pairsDashed,
      rs.map((r) => `${r.name} #${r.colour}${r.dashed ? ' dashed' : ''}`).join(', '));
  });

  await attempt('a link with a huge step number opens at once, clamped', async () => {
    const t0 = Date.now();
    const p3 = await context.newPage();
    await p3.goto(url + '#lab=network&preset=tiny-fashion&st=100000000');
    await waitReady(p3, 90000);
    const s = await p3.evaluate(() => window.layerlab.state());
    const ms = Date.now() - t0;
    await p3.close();
    check('a link with a huge step number opens at once, clamped', s.ready && s.step === 5000 && ms < 30000, `step ${s.step} after ${ms} ms`);
  });

  await attempt('an engine error reads in Korean with the English beside it', async () => {
    await call('setLab', 'network');
    await call('loadPreset', 'tiny-fashion');
    await call('setLanguage', 'ko');
    await page.evaluate(() => window.layerlab.labParams('network', { edit_layer: 4, edit_args: JSON.stringify({ kernel_size: 99 }) }));
    await frames(page, 6);
    const rep = await call('labState', 'network');
    await screenshot(page, 'app-engine-error-ko');
    await call('setLanguage', 'en');
    check('an engine error reads in Korean with the English beside it',
      /^layer 4 \(Conv2d\)/.test(rep.error) && /^레이어 4 \(Conv2d\): 커널/.test(rep.error_ko || ''), `${rep.error_ko} / ${rep.error}`);
  });

  await context.close();
}
