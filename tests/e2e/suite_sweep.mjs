// The Training lab's "Bias and variance" sweep (issue 11): window.layerlab.sweep / sweepState.
//  - a training-set-size sweep trains one real run per value: each point's errors equal a single
//    train() with the same settings, and validation error falls from the smallest set to the largest;
//  - a width sweep: the widest network's train error is below the narrowest's;
//  - the chart is drawn (screenshot not blank, English and Korean) and the points survive a reload;
//  - the address carries the sweep: a fresh profile opening the link is offered it, and runs the same one.
import path from 'node:path';
import { openFresh } from './lib.mjs';

export default async function (ctx) {
  const { browser, url, check, attempt, screenshot, watch, frames, waitReady, lumaStats } = ctx;
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  watch(page);
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const waitSweep = async (ms = 120000) => {
    const t0 = Date.now();
    for (;;) {
      const s = await call('sweepState');
      if (s.state !== 'running') return s;
      if (Date.now() - t0 > ms) throw new Error(`sweep still running after ${ms} ms`);
      await page.waitForTimeout(300);
    }
  };
  await page.goto(url + '#lab=training');
  await waitReady(page, 90000);
  await frames(page, 6);
  const base = { model: 'tiny', data: 'fashion-mnist', valSize: 1000, epochs: 2, batchSize: 32, lr: 0.005, seed: 0 };

  let sizes = null;
  await attempt('sweep: training-set size, one real run per value', async () => {
    const t0 = Date.now();
    await call('sweep', { kind: 'train_size', values: [100, 400, 1600], ...base });
    sizes = await waitSweep();
    const pts = sizes.points;
    const ok = sizes.state === 'done' && pts.length === 3 &&
      pts.every((p) => p.status === 'done' && p.epochs === 2 && p.train_error >= 0 && p.train_error <= 1 && p.val_error >= 0 && p.test_error >= 0);
    check('sweep: training-set size, one real run per value', ok && pts[0].val_error > pts[2].val_error,
      `${Date.now() - t0} ms; ` + pts.map((p) => `${p.value}: train ${p.train_error?.toFixed(3)} val ${p.val_error?.toFixed(3)} test ${p.test_error?.toFixed(3)}`).join(', '));
  });
  await frames(page, 4);
  const shot = await screenshot(page, 'training-sweep');
  check('sweep: the card with its chart is drawn', lumaStats(shot).variance > 50);

  await attempt('sweep: a point equals a single train() with the same settings', async () => {
    const { id } = await call('train', { ...base, trainSize: 400 });
    let r;
    for (let t0 = Date.now(); ; await page.waitForTimeout(250)) {
      r = (await call('runs')).find((x) => x.id === id);
      if (!r || !['loading', 'running', 'paused'].includes(r.status) || Date.now() - t0 > 60000) break;
    }
    const h = r.history[r.history.length - 1];
    const p = sizes.points[1];
    const same = Math.abs(1 - h.trainAcc - p.train_error) < 1e-9 && Math.abs(1 - h.valAcc - p.val_error) < 1e-9 &&
      Math.abs(1 - r.test.acc - p.test_error) < 1e-9;
    check('sweep: a point equals a single train() with the same settings', r.status === 'done' && same,
      `run train err ${(1 - h.trainAcc).toFixed(4)} val ${(1 - h.valAcc).toFixed(4)}, point ${p.train_error.toFixed(4)} ${p.val_error.toFixed(4)}`);
    await call('stopRun', { id });
  });

  await attempt('sweep: the points survive a reload', async () => {
    await page.reload();
    await waitReady(page, 90000);
    await frames(page, 6);
    const after = await call('sweepState');
    const same = after.kind === 'train_size' && after.points.length === 3 &&
      after.points.every((p, i) => p.value === sizes.points[i].value && p.val_error === sizes.points[i].val_error && p.train_error === sizes.points[i].train_error);
    check('sweep: the points survive a reload', same, `state ${after.state}, ${after.points.length} points`);
  });

  await attempt('sweep: a link carries the sweep; a fresh profile offers it and runs the same one', async () => {
    await frames(page, 4);
    await page.waitForTimeout(400);
    const href = await page.evaluate(() => location.href);
    const mine = await call('sweepState');
    const { context: other, page: p2 } = await openFresh(browser, href, { watch });
    const before = await p2.evaluate(() => window.layerlab.labState('training'));
    const idle = await p2.evaluate(() => window.layerlab.sweepState());
    await p2.screenshot({ path: path.join(ctx.OUT_DIR, 'training-sweep-linked.png') });
    await p2.evaluate(() => window.layerlab.labParams('training', { start_linked_sweep: 1 }));
    await frames(p2, 6);
    const theirs = await p2.evaluate(() => window.layerlab.sweepState());
    await p2.evaluate(() => window.layerlab.cancelSweep());
    const after = await p2.evaluate(() => window.layerlab.labState('training'));
    await other.close();
    // The page that ran it is not offered its own sweep.
    const own = await call('labState', 'training');
    const same = theirs.kind === mine.kind && JSON.stringify(theirs.points.map((p) => p.value)) === JSON.stringify(mine.points.map((p) => p.value)) &&
      JSON.stringify(theirs.config) === JSON.stringify(mine.config);
    check('sweep: a link carries the sweep; a fresh profile offers it and runs the same one',
      /[#&]sweep=/.test(href) && before.linked_sweep_missing === true && idle.state === 'idle' && theirs.state === 'running' && same &&
      after.linked_sweep_missing === false && own.linked_sweep_missing === false,
      `${href.length}-character link; offered ${before.linked_sweep_missing}, started ${theirs.state} with ${theirs.points.length} points, same settings ${same}`);
  });

  await attempt('sweep: Korean', async () => {
    await call('setLanguage', 'ko');
    await frames(page, 6);
    const img = await screenshot(page, 'training-sweep-ko');
    check('sweep: Korean', lumaStats(img).variance > 50);
    await call('setLanguage', 'en');
    await frames(page, 4);
  });

  await attempt('sweep: width, the widest trains to a lower error than the narrowest', async () => {
    const t0 = Date.now();
    await call('sweep', { kind: 'width', values: [0.25, 2], ...base, trainSize: 1000, epochs: 1 });
    const s = await waitSweep();
    const [narrow, wide] = s.points;
    check('sweep: width, the widest trains to a lower error than the narrowest',
      s.state === 'done' && s.kind === 'width' && wide.train_error < narrow.train_error,
      `${Date.now() - t0} ms; x0.25 train ${narrow.train_error?.toFixed(3)} val ${narrow.val_error?.toFixed(3)}, x2 train ${wide.train_error?.toFixed(3)} val ${wide.val_error?.toFixed(3)}`);
    await frames(page, 4);
    await screenshot(page, 'training-sweep-width');
  });

  await attempt('sweep: cancel ends it and keeps what it measured', async () => {
    await call('sweep', { kind: 'train_size', values: [200, 400], ...base, epochs: 3 });
    await page.waitForTimeout(500);
    const c = await call('cancelSweep');
    check('sweep: cancel ends it and keeps what it measured', c.state === 'cancelled' && c.points.every((p) => p.status === 'cancelled' || p.status === 'done'));
  });
  await attempt('sweep: with four runs training, it waits for a free slot instead of failing', async () => {
    // The cancelled sweep's run ends when its worker answers the stop.
    const t1 = Date.now();
    while (Date.now() - t1 < 20000 && (await call('runs')).some((r) => ['loading', 'running', 'paused'].includes(r.status)))
      await page.waitForTimeout(200);
    const ids = [];
    for (let i = 0; i < 4; ++i) ids.push((await call('train', { model: 'tiny', trainSize: 20000, epochs: 3, batchSize: 32, lr: 0.003, seed: i })).id);
    await call('sweep', { kind: 'train_size', values: [200, 400], ...base, epochs: 1 });
    await frames(page, 4);
    const waiting = await call('sweepState');
    const shot = await screenshot(page, 'training-sweep-waiting');
    await call('stopRun', ids[0]);
    let started = null;
    const t0 = Date.now();
    while (Date.now() - t0 < 20000) {
      started = await call('sweepState');
      if (started.points[0].status !== 'waiting') break;
      await page.waitForTimeout(200);
    }
    check('sweep: with four runs training, it waits for a free slot instead of failing',
      waiting.state === 'running' && waiting.waiting_for_slot === true && waiting.points.every((p) => p.status === 'waiting') &&
      started.state === 'running' && started.waiting_for_slot === false && started.points[0].status === 'running' &&
      lumaStats(shot).variance > 50,
      `before: ${waiting.state}, waiting_for_slot ${waiting.waiting_for_slot}, ${waiting.points.map((p) => p.status)}; ` +
      `after a stop: ${started.state}, ${started.points.map((p) => p.status)}, error ${started.error}`);
    await call('cancelSweep');
    for (const id of ids.slice(1)) await call('stopRun', id);
  });
  await context.close();
}
