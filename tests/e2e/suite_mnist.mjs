// Digits in the Network lab (network_lab.cpp, the tiny-mnist preset):
//  - picking an MNIST digit while tiny-fashion runs switches to tiny-mnist with a notice, and
//    tiny-mnist gets at least 8 of the first 10 test digits right (test index i is digit i % 10);
//  - "back to tiny-fashion" keeps the Fashion-MNIST network on digits, and the prediction area says
//    it was not trained for them; so does re-selecting it; tiny-mnist on a digit has no notice;
//  - a drawing switches too, and a drawn "1" (window.layerlab.drawStrokes) is classified as 1;
//  - an edited network is not replaced behind the user's back: it gets the notice instead;
//  - "an example it gets wrong" gives an input whose prediction differs from its label, on both
//    trained networks, and one training iteration on it raises the label's probability.
// Screenshots: mnist-switched-{en,ko}, mnist-not-trained-{en,ko}, mnist-drawing-{en,ko},
// mnist-wrong-{en,ko}.
export default async function (ctx) {
  const { context, url, check, attempt, screenshot, watch, frames, waitReady } = ctx;
  const page = await context.newPage();
  watch(page);
  const st = () => page.evaluate(() => window.layerlab.state());
  const lab = () => page.evaluate(() => window.layerlab.labState('network'));
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
  // English and Korean screenshots. tall: a taller window, so the input card (drawing canvas, "an
  // example it gets wrong") shows below the layer list; steps: taken first (to the loss, where the
  // prediction line appears) and undone after.
  const both = async (name, { tall = false, steps = 0 } = {}) => {
    if (tall) await page.setViewportSize({ width: 1280, height: 1500 });
    if (steps) await call('step', steps);
    await frames(page, 6);
    await screenshot(page, `${name}-en`);
    await call('setLanguage', 'ko');
    await frames(page, 6);
    await screenshot(page, `${name}-ko`);
    await call('setLanguage', 'en');
    if (steps) await call('step', -steps);
    if (tall) await page.setViewportSize({ width: 1280, height: 800 });
    await frames(page, 4);
  };
  const start = async () => {
    await call('loadPreset', 'tiny-fashion');
    await call('setInput', { dataset: 'fashion-mnist', index: 0 });
  };

  await page.goto(url + '#lab=network');
  await waitReady(page, 90000);
  await frames(page, 6);

  await attempt('mnist: an MNIST digit switches tiny-fashion to tiny-mnist with a notice', async () => {
    await start();
    const before = await lab();
    const s = await call('setInput', { dataset: 'mnist', index: 0 });
    const r = await lab();
    check('mnist: an MNIST digit switches tiny-fashion to tiny-mnist with a notice',
      before.trained_on === 'fashion-mnist' && before.notice === null && s.preset === 'tiny-mnist' &&
      s.input.dataset === 'mnist' && s.input.index === 0 && r.notice === 'switched' &&
      r.switched_from === 'tiny-fashion' && r.trained_on === 'mnist' && r.input_kind === 'mnist' && !s.error,
      `preset ${s.preset}, notice ${r.notice}, from ${r.switched_from}, trained_on ${r.trained_on}, error ${s.error}`);
    await both('mnist-switched');
  });

  await attempt('mnist: tiny-mnist gets >= 8 of the first 10 test digits right', async () => {
    const got = [];
    let right = 0;
    for (let i = 0; i < 10; ++i) {
      const s = await call('setInput', { dataset: 'mnist', index: i });
      const r = await lab();
      got.push(`${r.label}->${s.prediction.class}`);
      if (s.preset === 'tiny-mnist' && s.prediction.class === r.label && s.prediction.label === String(r.label)) ++right;
    }
    const r = await lab();
    check('mnist: tiny-mnist gets >= 8 of the first 10 test digits right', right >= 8 && r.notice === 'switched',
      `${right}/10: ${got.join(' ')}; notice ${r.notice}`);
  });

  await attempt('mnist: kept or re-selected, tiny-fashion on a digit says it was not trained for it', async () => {
    const back = await page.evaluate(() => window.layerlab.labParams('network', { switch_back: 1 }));
    const s1 = await st();
    await both('mnist-not-trained');
    const s2 = await call('setInput', { dataset: 'mnist', index: 3 });  // another digit: no switch now
    const r2 = await lab();
    await call('loadPreset', 'tiny-mnist');
    const r3 = await lab();
    await call('loadPreset', 'tiny-fashion');  // chosen on purpose
    const r4 = await lab();
    check('mnist: kept or re-selected, tiny-fashion on a digit says it was not trained for it',
      back.preset === 'tiny-fashion' && back.notice === 'not_trained' && s1.input.dataset === 'mnist' &&
      s2.preset === 'tiny-fashion' && r2.notice === 'not_trained' && r3.preset === 'tiny-mnist' && r3.notice === null &&
      r4.preset === 'tiny-fashion' && r4.notice === 'not_trained' && r4.trained_on === 'fashion-mnist',
      `back ${back.preset}/${back.notice}, next digit ${s2.preset}/${r2.notice}, tiny-mnist ${r3.notice}, re-selected ${r4.preset}/${r4.notice}`);
  });

  await attempt('mnist: a drawing switches to tiny-mnist and a drawn 1 is classified as 1', async () => {
    await start();
    // A slightly slanted vertical stroke through the middle of the 28 x 28 canvas.
    const s = await call('drawStrokes', [[15, 5, 14, 14, 13, 23]]);
    const r = await lab();
    const inp = await page.evaluate(() => window.layerlab.inputState());
    check('mnist: a drawing switches to tiny-mnist and a drawn 1 is classified as 1',
      s.preset === 'tiny-mnist' && s.input.dataset === 'drawing' && r.notice === 'switched' &&
      r.switched_from === 'tiny-fashion' && inp.source === 'drawing' && inp.sum > 20 && s.prediction.class === 1,
      `preset ${s.preset}, input ${s.input.dataset}, notice ${r.notice}, ink ${inp.sum && inp.sum.toFixed(1)}, ` +
      `prediction ${s.prediction.class} (${(Math.max(...s.prediction.probs) * 100).toFixed(0)}%)`);
    await both('mnist-drawing', { tall: true, steps: 10 });
  });

  await attempt('mnist: a drawn 7 gets a prediction (and which one)', async () => {
    const s = await call('drawStrokes', [[7, 6, 21, 6, 12, 24]]);
    check('mnist: a drawn 7 gets a prediction (and which one)', s.preset === 'tiny-mnist' && s.prediction.class !== null &&
      s.prediction.probs.length === 10, `prediction ${s.prediction.class} (${(Math.max(...s.prediction.probs) * 100).toFixed(0)}%)`);
  });

  await attempt('mnist: an edited tiny-fashion is not replaced; it gets the notice', async () => {
    await start();
    await page.evaluate(() => window.layerlab.labParams('network', { edit_layer: 0, edit_args: JSON.stringify({ out_channels: 12 }) }));
    const e = await lab();
    const s = await call('setInput', { dataset: 'mnist', index: 1 });
    const r = await lab();
    check('mnist: an edited tiny-fashion is not replaced; it gets the notice',
      e.edited === true && s.preset === 'tiny-fashion' && r.notice === 'not_trained' && r.edited === true,
      `edited ${e.edited}, preset ${s.preset}, notice ${r.notice}, error ${e.error}`);
  });

  for (const [preset, dataset] of [['tiny-mnist', 'mnist'], ['tiny-fashion', 'fashion-mnist']]) {
    await attempt(`mnist: an example ${preset} gets wrong is misclassified, and one iteration raises its label`, async () => {
      await call('loadPreset', preset);
      await call('setInput', { dataset, index: 0 });
      const r = await call('pickWrongExample');
      const s = await st();
      const w = r.wrong_example || {};
      const label = r.label;
      const p0 = s.prediction.probs[label];
      if (preset === 'tiny-mnist') await both('mnist-wrong', { tall: true, steps: 10 });
      const per = r.steps_per_iteration;
      const s1 = await call('step', per);  // the update applied; the next forward shows it
      const p1 = s1.prediction.probs[label];
      await call('step', -per);
      check(`mnist: an example ${preset} gets wrong is misclassified, and one iteration raises its label`,
        w.found === true && s.preset === preset && s.input.dataset === dataset && s.input.index === w.index &&
        w.index > 0 && label === w.label && s.prediction.class !== label && s.prediction.class === w.predicted &&
        p1 > p0,
        `#${w.index} (searched ${w.searched}): label ${label}, prediction ${s.prediction.class} (${s.prediction.label}); ` +
        `p(label) ${p0 && p0.toFixed(4)} -> ${p1 && p1.toFixed(4)} after one iteration`);
    });
  }

  await attempt('mnist: the next wrong example comes after the last one', async () => {
    await call('loadPreset', 'tiny-mnist');
    await call('setInput', { dataset: 'mnist', index: 0 });
    const a = (await call('pickWrongExample')).wrong_example;
    const b = (await call('pickWrongExample')).wrong_example;
    const s = await st();
    const r = await lab();
    check('mnist: the next wrong example comes after the last one',
      a.found && b.found && b.index > a.index && s.input.index === b.index && s.prediction.class !== r.label,
      `first #${a.index}, next #${b.index}, prediction ${s.prediction.class}, label ${r.label}`);
  });
  await start();
  await page.close();
}
