// Section 8: the dying ReLU problem, at the reader's pace (./pace.ts). One relu-wasm network
// [2, 8, 8, 1] (same seed, same data, same minibatches) trains three ways: a sane learning
// rate, a too-high one, and a bad initialisation (every bias -1). Each card charts its dead
// units per hidden layer against steps. A unit counts as dead when its pre-activation z
// (net.preActivations) is <= 0 on every point: under ReLU its output and its gradient are then
// 0 everywhere.
// When the three runs are done, the too-high run's final weights are copied into two
// continuations that train side by side from that same state, with the same rate and
// minibatches: a control that stays plain ReLU, and one switched to Leaky ReLU (alpha 0.1),
// each with its own pace controls. Under Leaky ReLU a unit with z <= 0 everywhere is not
// dead (its slope there is alpha), so there the count reads "would be dead under ReLU".
//
// data-testids:
//   dying-play, dying-step, dying-speed, dying-reset      the three runs' pace controls
//   dying-steps            their steps done (plain integer)
//   dying-dead-<run>       dead hidden units, of 16 (run: sane, high, badinit, control, leaky)
//   dying-dead1-<run>, dying-dead2-<run>   dead units of hidden layer 1 and 2, of 8
//   dying-loss-<run>       loss on all points (or "diverged (...)")
//   dying-units-<run>      unit dots (data-dead="true" when dead)
//   dying-boundary-<run>   canvas: the run's decision boundary and the points
//   dying-chart-<run>      dead units per layer against steps
//   dying-title-<run>      the card's title
//   revive-play, revive-step, revive-speed, revive-reset  the continuations' pace controls
//   revive-steps           their steps since the fork
// The widget root's data-state is the three runs' pace: idle | running | paused | done. The
// revival panel (data-testid dying-revival) has data-state = waiting (the three runs are not
// done yet) | idle | running | paused | done.
import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
import { el, fixed, LossChart, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';
import { Pace, type Speed } from './pace.js';
import { UnitDots } from './unit-dots.js';
import { runCard } from './widget.js';
import './dying-relu.css';

const SIZES = [2, 8, 8, 1];
const HIDDEN = SIZES.slice(1, -1);
const MAX_STEPS = 3000;
const REVIVE_STEPS = 2000;
const SANE_LR = 0.1;
const HIGH_LR = 3;
const REVIVE_LR = 0.3;
const LEAKY_SLOPE = 0.1;
const BATCH = 10;
const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 10, label: 'Normal' },
  { steps: 60, label: 'Fast' },
];

type Key = 'sane' | 'high' | 'badinit' | 'control' | 'leaky';

interface Run {
  key: Key;
  title: string;
  lr: number;
  net?: MLP;
  firstLoss: number;
  diverged: boolean;
  dead: HTMLOutputElement;
  perLayer: HTMLOutputElement[];
  loss: HTMLOutputElement;
  dots: UnitDots;
  boundary: BoundaryView;
  chart: LossChart;
  card: HTMLElement;
}

/** Per hidden layer, the units whose pre-activation is <= 0 on every row of X. */
function deadUnits(net: MLP, X: Float32Array): number[][] {
  const rows = X.length / SIZES[0]!;
  return net.preActivations(X).map((z, l) => {
    const units = HIDDEN[l]!;
    const dead: number[] = [];
    for (let u = 0; u < units; u++) {
      let r = 0;
      while (r < rows && z[r * units + u]! <= 0) r++;
      if (r === rows) dead.push(u);
    }
    return dead;
  });
}

function makeRun(key: Key, title: string, lr: number, deadWord: string): Run {
  const dead = el('output', { 'data-testid': `dying-dead-${key}` });
  const perLayer = HIDDEN.map((_, l) => el('output', { 'data-testid': `dying-dead${l + 1}-${key}` }));
  const loss = el('output', { 'data-testid': `dying-loss-${key}` });
  const dots = new UnitDots(
    HIDDEN,
    `Hidden units of the run "${title}": layer 1 left, layer 2 right; hollow dashed units are ${deadWord}`,
    `dying-units-${key}`,
  );
  const boundary = new BoundaryView(
    `Decision boundary of the run "${title}" and the data points`,
    `dying-boundary-${key}`,
    160,
    'mini',
  );
  const chart = new LossChart({
    label: `Units ${deadWord} in each hidden layer against steps, run "${title}"`,
    names: ['layer 1', 'layer 2'],
    testid: `dying-chart-${key}`,
    xLabel: 'steps',
    yLabel: deadWord === 'dead' ? 'dead units' : 'dead as ReLU',
    yMin: 0,
    yMax: 8,
    height: 140,
    width: 280,
  });
  const card = runCard(
    `card dying-card dying-${key}`,
    el('h3', { 'data-testid': `dying-title-${key}` }, title),
    boundary.canvas,
    dots.element,
    statList([
      [deadWord, dead, ` of ${HIDDEN.reduce((a, b) => a + b, 0)}`],
      ['layer 1', perLayer[0]!, ` of ${HIDDEN[0]}`],
      ['layer 2', perLayer[1]!, ` of ${HIDDEN[1]}`],
      ['loss', loss],
    ]),
  );
  card.append(chart.element);
  return { key, title, lr, firstLoss: NaN, diverged: false, dead, perLayer, loss, dots, boundary, chart, card };
}

export function mountDyingRelu(root: HTMLElement, rw: ReluWasm): void {
  const { X, Y, points } = generate('circle', { n: 200, noise: 0.05, seed: 3 });

  const runs: Run[] = [
    makeRun('sane', `ReLU, learning rate ${SANE_LR}`, SANE_LR, 'dead'),
    makeRun('high', `ReLU, learning rate ${HIGH_LR} (too high)`, HIGH_LR, 'dead'),
    makeRun('badinit', `ReLU, rate ${SANE_LR}, every bias −1`, SANE_LR, 'dead'),
  ];
  const forks: Run[] = [
    makeRun('control', `Control: still ReLU, rate ${REVIVE_LR}`, REVIVE_LR, 'dead'),
    makeRun('leaky', `Leaky ReLU (α ${LEAKY_SLOPE}), rate ${REVIVE_LR}`, REVIVE_LR, 'dead were it ReLU'),
  ];

  const show = (run: Run, step: number): void => {
    if (!run.net) return;
    const dead = deadUnits(run.net, X);
    const l = run.net.lossAndGradients(X, Y).loss;
    if (step === 0) run.firstLoss = l;
    else if (hasDiverged(l, run.firstLoss)) run.diverged = true;
    run.dead.textContent = String(dead.flat().length);
    dead.forEach((d, i) => {
      run.perLayer[i]!.textContent = String(d.length);
      run.chart.push(i, step, d.length);
    });
    run.loss.textContent = run.diverged ? `diverged (${fixed(l, 3)})` : fixed(l, 3);
    run.dots.update(dead);
    run.boundary.draw(run.net, points);
  };

  // A continuation before the fork: no network, so nothing to count or draw yet.
  const blank = (run: Run): void => {
    run.dead.textContent = '–';
    for (const out of run.perLayer) out.textContent = '–';
    run.loss.textContent = '–';
    run.dots.clear();
    run.boundary.clear();
    run.chart.reset();
  };

  // One train() call per step (its seed is the step), so a run is the same at every speed.
  const trainStep = (run: Run, seed: number): void => {
    if (!run.net || run.diverged) return;
    const l = run.net.train(X, Y, { lr: run.lr, optimizer: 'sgd', batchSize: BATCH, steps: 1, seed });
    if (hasDiverged(l, run.firstLoss)) run.diverged = true;
  };

  // The three runs.
  const stepsOut = el('output', { 'data-testid': 'dying-steps' }, '0');
  let step = 0;
  const rebuild = (): void => {
    for (const run of runs) {
      run.net?.dispose();
      run.net = rw.createMLP({ sizes: SIZES, seed: 3 });
      run.diverged = false;
      run.chart.reset();
      if (run.key === 'badinit') {
        for (let l = 0; l < HIDDEN.length; l++) {
          const p = run.net.getParams(l);
          run.net.setParams(l, p.W, p.b.fill(-1));
        }
      }
    }
    step = 0;
    stepsOut.textContent = '0';
    for (const run of runs) show(run, 0);
    unfork();
  };
  const advance = (n: number, deadline: number): boolean => {
    for (let done = 0; done < n && step < MAX_STEPS && performance.now() < deadline; done++) {
      for (const run of runs) trainStep(run, step);
      step++;
    }
    stepsOut.textContent = String(step);
    for (const run of runs) show(run, step);
    if (step >= MAX_STEPS || runs.every((r) => r.diverged)) {
      revivePace.reset(); // copies the too-high run's weights into both continuations
      return false;
    }
    return true;
  };
  const pace = new Pace({ root, prefix: 'dying', advance, reset: rebuild, speeds: SPEEDS });

  // The two continuations of the too-high run.
  const revival = el('div', { class: 'dying-revival', 'data-testid': 'dying-revival' });
  const reviveSteps = el('output', { 'data-testid': 'revive-steps' }, '0');
  const waiting = el(
    'p',
    { class: 'dying-waiting' },
    `Waiting for the three runs above to reach step ${MAX_STEPS}: then the too-high run's weights are copied into both continuations.`,
  );
  let forkStep = 0;
  let forked = false;
  const fork = (): void => {
    const high = runs.find((r) => r.key === 'high')!;
    for (const run of forks) {
      run.net?.dispose();
      run.net = rw.createMLP({
        sizes: SIZES,
        ...(run.key === 'leaky' ? { activation: 'leaky_relu', leakySlope: LEAKY_SLOPE } : {}),
      });
      for (let l = 0; l < SIZES.length - 1; l++) {
        const p = high.net!.getParams(l);
        run.net.setParams(l, p.W, p.b);
      }
      run.diverged = false;
      run.chart.reset();
    }
    forkStep = 0;
    forked = true;
    reviveSteps.textContent = '0';
    for (const run of forks) show(run, 0);
    controls.disabled = false;
    waiting.hidden = true;
  };
  const unfork = (): void => {
    forked = false;
    revivePace.pause();
    for (const run of forks) {
      run.net?.dispose();
      run.net = undefined;
      blank(run);
    }
    controls.disabled = true;
    waiting.hidden = false;
    revival.dataset.state = 'waiting'; // after pause(), which sets the pace's own state
  };
  const reviveAdvance = (n: number, deadline: number): boolean => {
    if (!forked) return false;
    for (let done = 0; done < n && forkStep < REVIVE_STEPS && performance.now() < deadline; done++) {
      // The same minibatches for both: the seed continues the too-high run's sequence.
      for (const run of forks) trainStep(run, MAX_STEPS + forkStep);
      forkStep++;
    }
    reviveSteps.textContent = String(forkStep);
    for (const run of forks) show(run, forkStep);
    return forkStep < REVIVE_STEPS;
  };
  // A fieldset, so that one `disabled` turns off all of its pace controls while waiting.
  const controls = el('fieldset', {
    class: 'dying-revive-controls',
    disabled: true,
    'aria-label': 'Pace of the two continuations',
  });
  const revivePace: Pace = new Pace({
    root: revival,
    prefix: 'revive',
    advance: reviveAdvance,
    reset: fork,
    speeds: SPEEDS,
  });
  controls.append(revivePace.element);
  revival.append(
    el('h3', { class: 'dying-revival-title' }, `From step ${MAX_STEPS} of the too-high run: ReLU versus Leaky ReLU`),
    el('div', { class: 'controls' }, controls, el('span', {}, 'steps since the copy ', reviveSteps)),
    waiting,
    el('div', { class: 'cards' }, ...forks.map((r) => r.card)),
  );

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el('div', { class: 'controls' }, pace.element, el('span', {}, 'step ', stepsOut, ` of ${MAX_STEPS}`)),
    el('div', { class: 'cards three' }, ...runs.map((r) => r.card)),
    revival,
    el(
      'figcaption',
      {},
      `Circle data, 200 points; two hidden layers of 8 units (left and right columns of dots; dead units are hollow and dashed); plain SGD, minibatches of ${BATCH}, ${MAX_STEPS} steps, then ${REVIVE_STEPS} more for the two continuations (the same minibatches for both). A unit is dead when its weighted sum is ≤ 0 on every point.`,
    ),
  );
  rebuild();
}
