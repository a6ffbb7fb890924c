// Section 6: a linear model and a ReLU network, side by side on the same data, at the reader's
// pace (./pace.ts). Both are relu-wasm networks [2, 8, 8, 1] with the same seed, optimizer and
// minibatches; only the hidden activation differs. The "linear model" keeps its two hidden
// layers with activation 'linear': a stack of linear layers is itself one linear map, so it
// can only draw a straight boundary however many layers it has, and the two runs then differ
// in exactly one thing. Over the ReLU network's boundary, each first-layer unit's fold line
// (w·x + b = 0) with an arrow to its active side; below it, the network's sparsity (./sparsity.ts).
//
// data-testids:
//   fold-dataset          <select>: circle, xor, gauss
//   fold-play, fold-step, fold-speed, fold-reset   the pace controls
//   fold-steps            minibatch steps done (plain integer)
//   fold-linear-accuracy, fold-relu-accuracy       share of points classified right, e.g. "52%"
//   fold-linear-boundary, fold-relu-boundary       canvases: decision boundary and points
//   fold-lines            SVG over the ReLU boundary: one g.fold per first-layer unit
//                         (data-folds = their count, data-inside = how many cross the plot)
//   fold-loss-chart       both losses against steps
//   fold-sparsity, fold-paths   see ./sparsity.ts
// The root's data-state is the pace's: idle | running | paused | done.
import type { MLP, ReluWasm } from 'relu-wasm';
import { generate, type BinaryDatasetName, type Point } from 'relu-wasm/datasets';
import { el, fixed, LossChart, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';
import { FoldLines } from './fold-lines.js';
import { Pace, type Speed } from './pace.js';
import { measureSparsity, SparsityTable } from './sparsity.js';
import './fold-demo.css';

const DATASETS: [BinaryDatasetName, string][] = [
  ['circle', 'Circle'],
  ['xor', 'Exclusive or'],
  ['gauss', 'Two Gaussians (linearly separable)'],
];
const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 4, label: 'Normal' },
  { steps: 30, label: 'Fast' },
];
const SIZES = [2, 8, 8, 1];
const MAX_STEPS = 600;
const TRAIN = { lr: 0.01, optimizer: 'adam', batchSize: 16, steps: 1 } as const;

interface Side {
  key: 'linear' | 'relu';
  net?: MLP;
  boundary: BoundaryView;
  accuracy: HTMLOutputElement;
  loss: HTMLOutputElement;
}

export function mountFoldDemo(root: HTMLElement, rw: ReluWasm): void {
  const select = el('select', { id: 'fold-dataset', 'data-testid': 'fold-dataset' });
  for (const [value, label] of DATASETS) select.append(el('option', { value }, label));
  const steps = el('output', { 'data-testid': 'fold-steps' }, '0');
  const folds = new FoldLines('fold-lines');
  const sparsity = new SparsityTable('fold', 'Sparsity of the ReLU network on all 200 points');
  const chart = new LossChart({
    label: 'Training loss of the linear model and the ReLU network against steps',
    names: ['linear', 'ReLU'],
    testid: 'fold-loss-chart',
    xLabel: 'steps',
    yLabel: 'loss (cross-entropy)',
    height: 170,
  });
  const sides: Side[] = (['linear', 'relu'] as const).map((key) => ({
    key,
    boundary: new BoundaryView(
      key === 'linear'
        ? 'Decision boundary of the linear model and the data points'
        : "Decision boundary of the ReLU network, its first layer's fold lines and the data points",
      `fold-${key}-boundary`,
      240,
    ),
    accuracy: el('output', { 'data-testid': `fold-${key}-accuracy` }, '…'),
    loss: el('output', { 'data-testid': `fold-${key}-loss` }, '…'),
  }));
  const [linear, relu] = sides as [Side, Side];

  let points: Point[] = [];
  let X: Float32Array = new Float32Array(0);
  let Y: Float32Array = new Float32Array(0);
  let step = 0;

  const measure = (): void => {
    steps.textContent = String(step);
    sides.forEach((side, i) => {
      const net = side.net!;
      const p = net.predict(X);
      let right = 0;
      for (let r = 0; r < Y.length; r++) if ((p[r]! >= 0.5 ? 1 : 0) === Y[r]) right++;
      const l = net.lossAndGradients(X, Y).loss;
      side.accuracy.textContent = `${Math.round((100 * right) / Y.length)}%`;
      side.loss.textContent = fixed(l, 3);
      chart.push(i, step, l);
      side.boundary.draw(net, points);
    });
    const first = relu.net!.getParams(0);
    folds.update(first.W, first.b);
    sparsity.update(measureSparsity(relu.net!, X));
  };

  const rebuild = (): void => {
    ({ points, X, Y } = generate(select.value as BinaryDatasetName, { n: 200, noise: 0.05, seed: 3 }));
    for (const side of sides) {
      side.net?.dispose();
      // He initialisation for both, so they start from the very same weights.
      side.net = rw.createMLP({ sizes: SIZES, activation: side.key, init: 'he', loss: 'bce', seed: 11 });
    }
    step = 0;
    chart.reset();
    measure();
  };

  // One train() call per step (its seed is the step), so the run is the same at every speed.
  const advance = (n: number, deadline: number): boolean => {
    for (let done = 0; done < n && step < MAX_STEPS && performance.now() < deadline; done++) {
      for (const side of sides) side.net!.train(X, Y, { ...TRAIN, seed: step });
      step++;
    }
    measure();
    return step < MAX_STEPS;
  };
  const pace = new Pace({ root, prefix: 'fold', advance, reset: rebuild, speeds: SPEEDS });
  select.addEventListener('change', () => pace.reset());

  const card = (side: Side, title: string, sub: string, plot: Node, ...extra: Node[]): HTMLElement =>
    el(
      'div',
      { class: `card fold-card ${side.key === 'linear' ? 's1' : 's0'}` },
      el('h3', {}, title, el('span', { class: 'sub' }, sub)),
      plot,
      statList([
        ['accuracy', side.accuracy],
        ['loss', side.loss],
      ]),
      ...extra,
    );

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el(
      'div',
      { class: 'controls' },
      el('label', { for: 'fold-dataset' }, 'Data'),
      select,
      pace.element,
      el('span', {}, 'step ', steps, ` of ${MAX_STEPS}`),
    ),
    el(
      'div',
      { class: 'cards fold-cards' },
      card(linear, 'Linear model', 'hidden layers 8, 8, activation linear', linear.boundary.canvas),
      card(
        relu,
        'ReLU network',
        'hidden layers 8, 8, activation ReLU; lines: first-layer folds',
        el('div', { class: 'fold-plot' }, relu.boundary.canvas, folds.element),
      ),
    ),
    chart.element,
    sparsity.element,
    el(
      'figcaption',
      {},
      `Both networks: 2 inputs, hidden layers of 8 and 8 units, 1 output; the same He-initialised weights (seed 11), Adam (learning rate ${TRAIN.lr}), the same minibatches of ${TRAIN.batchSize}, ${MAX_STEPS} steps. Only the activation differs. Each black line is one first-layer ReLU unit's fold, w·x + b = 0; its arrow points to the side where the unit is active (there it grows linearly; on the other side it is 0). Accuracy and loss are measured on all 200 points.`,
    ),
  );
  rebuild();
}
