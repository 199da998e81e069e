// The Training lab's speed on one engine thread against two (web/train_worker.js: layerlab_worker.js or
// the pthread build layerlab_worker_mt.js), in headless Chromium on build/web (scripts/build_web.sh):
//   node tools/bench/train_threads.mjs [rounds=3] [model=standard] [seconds=12] [first=1]
// Each round trains the model (batch 64, 20,000 Fashion-MNIST images, one run at a time) on 1 and then on
// 2 threads, in alternating order (the first round starts with `first`), and reads runs()[i].imagesPerSecond (the worker's own smoothed rate)
// every half second from 8 s after the run started training (WebAssembly tiers up over the first
// seconds) to `seconds`; a run's figure is the median of those readings (the best one is printed too: on a
// machine that others share it is the nearer to the speed of an idle one). Prints each run and the ratios.
import { serve, launch, waitReady } from '../../tests/e2e/lib.mjs';

const rounds = Number(process.argv[2] || 3);
const model = process.argv[3] || 'standard';
const seconds = Number(process.argv[4] || 12);
const first = Number(process.argv[5] || 1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + '#lab=training');
  await waitReady(page, 90000);
  const env = await page.evaluate(() => [self.crossOriginIsolated, navigator.hardwareConcurrency]);
  console.log(`cross-origin isolated ${env[0]}, hardwareConcurrency ${env[1]}; ${model}, batch 64, 20,000 images`);
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const run = async (id) => (await call('runs')).find((r) => r.id === id);

  async function measure(threads) {
    const { id } = await call('train', { model, data: 'fashion-mnist', trainSize: 20000, epochs: 1, batchSize: 64, threads });
    let r = await run(id);
    while (r.status === 'loading' || r.step === 0) { await page.waitForTimeout(100); r = await run(id); }
    const t0 = Date.now();
    const rates = [];
    while (Date.now() - t0 < seconds * 1000) {
      await page.waitForTimeout(500);
      r = await run(id);
      if (r.status !== 'running') break;
      if (Date.now() - t0 >= 8000) rates.push(r.imagesPerSecond);
    }
    await call('stopRun', id);
    while (['loading', 'running', 'paused'].includes((await run(id)).status)) await page.waitForTimeout(100);
    return { threads: r.threads, rate: median(rates), best: Math.max(...rates), readings: rates.length };
  }

  const ratios = [];
  for (let i = 0; i < rounds; ++i) {
    const order = (i + (first === 2 ? 1 : 0)) % 2 ? [2, 1] : [1, 2];
    const got = {};
    for (const t of order) {
      const m = await measure(t);
      got[t] = m;
      console.log(`round ${i + 1}: asked ${t} thread(s), trained on ${m.threads}: ${m.rate} images/s (median of ${m.readings} readings, best ${m.best})`);
    }
    ratios.push(got[2].rate / got[1].rate);
    console.log(`round ${i + 1}: 2 threads / 1 thread = ${(got[2].rate / got[1].rate).toFixed(2)}x`);
  }
  console.log(`ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}x`);
} finally {
  await browser.close();
  await server.close();
}
