// Section 7: the two conventions for ReLU's gradient at exactly 0, trained side by side.
// Two relu-wasm networks [2, 8, 1] start from identical weights (optionally with 4 hidden
// units whose weights and bias are all 0, so their pre-activations are exactly 0) and train on
// the same minibatches, one with gradAtZero 0 (PyTorch, TF), one with gradAtZero 1.
//
// data-testids:
//   gaz-backward-0 / gaz-backward-1  rw.reluBackward([-1, 0, 1], [1, 1, 1]) under each convention
//   gaz-silent         checkbox: start 4 units at zero (default on); a change starts a fresh run
//   gaz-play / gaz-step / gaz-speed / gaz-reset   the reader's pace (./pace.ts); nothing trains
//                      until Play; one Step is STEP_SIZE minibatch steps
//   gaz-steps          steps done (plain integer)
//   gaz-zeros-0 / gaz-zeros-1    pre-activations exactly 0, over all points and hidden units (integer)
//   gaz-units-0 / gaz-units-1    hidden units that are 0 on every point, e.g. "4 of 8"
//   gaz-loss-0 / gaz-loss-1      loss on all points, e.g. "0.412"
//   gaz-dots-0 / gaz-dots-1      unit dots (data-dead="true" for silent units)
//   gaz-boundary-0 / gaz-boundary-1   canvas: the network's decision boundary and the points
//   gaz-loss-chart     both losses against steps (axes, legend)
// A run whose loss diverges (the package's hasDiverged rule) stops, and its loss reads
// "diverged"; the other keeps going.
// The widget root carries data-state = idle | running | paused | done.
import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
import { el, fixed, formatFloat, integer, LossChart, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';
import { Pace, type Speed } from './pace.js';
import { UnitDots } from './unit-dots.js';
import { runCard } from './widget.js';

const HIDDEN = 8;
const SILENT = 4;
const MAX_STEPS = 1500;
// Minibatch steps per frame: slow enough to watch the silent units stay put, up to a quick finish.
const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 5, label: 'Normal' },
  { steps: 30, label: 'Fast' },
];
const STEP_SIZE = 1;
const TRAIN = { lr: 0.3, optimizer: 'sgd', batchSize: 20 } as const;

export function mountGradAtZero(root: HTMLElement, rw: ReluWasm): void {
  const { X, Y, points } = generate('circle', { n: 200, noise: 0.05, seed: 5 });

  const backward = (g: 0 | 1) =>
    `[${Array.from(rw.reluBackward([-1, 0, 1], [1, 1, 1], { gradAtZero: g }), formatFloat).join(', ')}]`;
  const silentBox = el('input', { type: 'checkbox', id: 'gaz-silent', 'data-testid': 'gaz-silent', checked: true });
  const stepsOut = el('output', { 'data-testid': 'gaz-steps' }, '0');
  const chart = new LossChart({
    label: 'Loss of both networks against training steps; solid line gradAtZero 0, dashed line gradAtZero 1',
    names: ['gradAtZero 0', 'gradAtZero 1'],
    testid: 'gaz-loss-chart',
    xLabel: 'steps (minibatches of 20)',
    yLabel: 'loss (cross-entropy)',
  });

  const sides = ([0, 1] as const).map((g) => {
    const zeros = el('output', { 'data-testid': `gaz-zeros-${g}` });
    const units = el('output', { 'data-testid': `gaz-units-${g}` });
    const loss = el('output', { 'data-testid': `gaz-loss-${g}` });
    const dots = new UnitDots(
      [HIDDEN],
      `Hidden units of the gradAtZero ${g} network; hollow dashed units are exactly 0 on every point`,
      `gaz-dots-${g}`,
    );
    const boundary = new BoundaryView(
      `Decision boundary of the gradAtZero ${g} network and the data points`,
      `gaz-boundary-${g}`,
      160,
      'mini',
    );
    const card = runCard(
      `card s${g}`,
      el(
        'h3',
        {},
        `gradAtZero: ${g}`,
        el('span', { class: 'sub' }, g === 0 ? ' PyTorch, TensorFlow, JAX' : ' the source’s FAQ'),
      ),
      boundary.canvas,
      dots.element,
      statList([
        ['exact zeros', zeros],
        ['silent units', units],
        ['loss', loss],
      ]),
    );
    return {
      g,
      net: undefined as MLP | undefined,
      firstLoss: NaN,
      diverged: false,
      zeros,
      units,
      loss,
      dots,
      boundary,
      card,
    };
  });

  let step = 0;
  const measure = (): void => {
    stepsOut.textContent = String(step);
    for (const s of sides) {
      if (!s.net) continue;
      const z = s.net.preActivations(X)[0]!;
      let zeros = 0;
      const silent: number[] = [];
      for (let u = 0; u < HIDDEN; u++) {
        let unitZeros = 0;
        for (let r = 0; r < Y.length; r++) if (z[r * HIDDEN + u] === 0) unitZeros++;
        zeros += unitZeros;
        if (unitZeros === Y.length) silent.push(u);
      }
      const l = s.net.lossAndGradients(X, Y).loss;
      if (step === 0) s.firstLoss = l;
      else if (hasDiverged(l, s.firstLoss)) s.diverged = true;
      s.zeros.textContent = integer(zeros);
      s.units.textContent = `${silent.length} of ${HIDDEN}`;
      s.loss.textContent = s.diverged ? `diverged (${fixed(l, 3)})` : fixed(l, 3);
      s.dots.update([silent]);
      s.boundary.draw(s.net, points);
      chart.push(s.g, step, l);
    }
  };

  const rebuild = (): void => {
    const first = rw.createMLP({ sizes: [2, HIDDEN, 1], seed: 5, gradAtZero: 0 });
    const p0 = first.getParams(0);
    const p1 = first.getParams(1);
    if (silentBox.checked) {
      for (let u = 0; u < SILENT; u++) {
        p0.W.fill(0, u * 2, u * 2 + 2);
        p0.b[u] = 0;
      }
    }
    for (const s of sides) {
      s.net?.dispose();
      s.net = s.g === 0 ? first : rw.createMLP({ sizes: [2, HIDDEN, 1], seed: 5, gradAtZero: 1 });
      s.net.setParams(0, p0.W, p0.b);
      s.net.setParams(1, p1.W, p1.b);
      s.diverged = false;
    }
    step = 0;
    chart.reset();
    measure();
  };

  // Both sides take the same minibatches; a side that diverged sits out. One train() call per
  // step, seeded by the step's number, so a run is the same whatever the speed or the Steps
  // pressed. Up to `n` steps, never past the deadline; false once the run is over.
  const advance = (n: number, deadline: number): boolean => {
    let done = 0;
    while (done < n && step < MAX_STEPS && performance.now() < deadline) {
      for (const s of sides) {
        if (!s.net || s.diverged) continue;
        s.diverged = hasDiverged(s.net.train(X, Y, { ...TRAIN, steps: 1, seed: step }), s.firstLoss);
      }
      step += 1;
      done += 1;
    }
    measure();
    return step < MAX_STEPS && sides.some((s) => !s.diverged);
  };
  const pace = new Pace({ root, prefix: 'gaz', advance, reset: rebuild, stepSize: STEP_SIZE, speeds: SPEEDS });
  silentBox.addEventListener('change', () => pace.reset());

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el(
      'p',
      { class: 'widget-foot' },
      'The kernels at x = −1, 0, 1 with dy = 1: gradAtZero 0 gives ',
      el('output', { 'data-testid': 'gaz-backward-0' }, backward(0)),
      ', gradAtZero 1 gives ',
      el('output', { 'data-testid': 'gaz-backward-1' }, backward(1)),
      '.',
    ),
    el(
      'div',
      { class: 'controls' },
      el('span', { class: 'check' }, silentBox, el('label', { for: 'gaz-silent' }, `start ${SILENT} units at zero`)),
      pace.element,
      el('span', {}, 'step ', stepsOut),
    ),
    el('div', { class: 'cards' }, ...sides.map((s) => s.card)),
    chart.element,
    el(
      'figcaption',
      {},
      `Circle data, 200 points, SGD with learning rate 0.3 and minibatches of 20, ${MAX_STEPS} steps. “Exact zeros” counts pre-activations equal to 0 over all ${200 * HIDDEN} (point, unit) pairs.`,
    ),
  );
  rebuild();
}
