// Where the CPU goes while the Training lab trains, in headless Chromium on build/web (scripts/build_web.sh):
//   node tools/bench/page_cpu.mjs [threads=2] [model=standard] [seconds=8]
// Starts one run (batch 64, 20,000 Fashion-MNIST images) on `threads` engine threads with the lab shown at
// 1280x800, waits 9 s (WebAssembly tiers up), then for `seconds` polls runs() twice a second, as the speed
// tools do, and reads every Chromium thread's CPU time from /proc before and after. Prints the cores each
// kind of thread used (process type : thread name; the run's worker is renderer:DedicatedWorker, SwiftShader's
// drawing gpu-process:Thread<NN>), the frames the page drew and the run's images/s. Linux only.
import fs from 'node:fs';
import { serve, launch, waitReady } from '../../tests/e2e/lib.mjs';

const threads = Number(process.argv[2] || 2);
const model = process.argv[3] || 'standard';
const seconds = Number(process.argv[4] || 8);
const TICKS_PER_SECOND = 100;  // /proc's clock ticks (USER_HZ)

// {"pid/tid": {kind, ticks}} for every thread of every Chromium process.
function cpuTimes() {
  const out = {};
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmd.includes('chromium')) continue;
    const type = (cmd.match(/--type=([a-z-]+)/) || [null, 'browser'])[1];
    let tasks = [];
    try { tasks = fs.readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tasks) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out[`${pid}/${tid}`] = { kind: `${type}:${name}`, ticks: Number(fields[11]) + Number(fields[12]) };  // utime + stime
      } catch { /* the thread ended */ }
    }
  }
  return out;
}

const server = await serve();
const browser = await launch();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url + '#lab=training');
  await waitReady(page, 90000);
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  const { id } = await call('train', { model, data: 'fashion-mnist', trainSize: 20000, epochs: 1, batchSize: 64, threads });
  await page.waitForTimeout(9000);
  const frame0 = (await call('state')).frame;
  const before = cpuTimes();
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(500);
    await call('runs');
  }
  const after = cpuTimes();
  const wall = (Date.now() - t0) / 1000;
  const drawn = (await call('state')).frame - frame0;
  const r = (await call('runs')).find((x) => x.id === id);
  const byKind = {};
  for (const [key, t] of Object.entries(after)) {
    const used = t.ticks - (before[key] ? before[key].ticks : 0);
    if (used > 0) byKind[t.kind] = (byKind[t.kind] || 0) + used;
  }
  let total = 0;
  for (const [kind, ticks] of Object.entries(byKind).sort((a, b) => b[1] - a[1])) {
    const cores = ticks / TICKS_PER_SECOND / wall;
    total += cores;
    if (cores >= 0.005) console.log(`${cores.toFixed(3)} cores  ${kind}`);
  }
  console.log(`${total.toFixed(2)} cores in all; ${model} on ${r.threads} thread(s), status ${r.status}, ` +
    `${r.imagesPerSecond} images/s; the page drew ${drawn} frames in ${wall.toFixed(1)} s`);
} finally {
  await browser.close();
  await server.close();
}
