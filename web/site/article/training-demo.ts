// Section 6: a [2, 8, 8, 1] ReLU network (relu-wasm's createMLP, Adam) learns a 2-D dataset
// in frame-sized slices of net.train() at the reader's pace (./pace.ts: Play, Step, Speed,
// Reset; paused off-screen), and stops by itself after MAX_STEPS, or when training diverges by
// the package's rule (hasDiverged), with a note.
//
// data-testids:
//   train-dataset    <select>: circle, xor, gauss, spiral
//   train-play       button: Play / Pause / Train again
//   train-step       button: one step
//   train-speed      <select>: steps per frame
//   train-reset      button: new weights, step 0
//   train-steps      minibatch steps done, plain integer text (e.g. "1200")
//   train-loss       binary cross-entropy on all points, e.g. "0.231"
//   train-accuracy   share of points classified right, e.g. "97%"
//   train-boundary   canvas: decision surface and points
//   train-loss-chart SVG loss curve
//   train-diverged   the note shown when training diverged (hidden otherwise)
// The widget root carries data-state = idle | running | paused | done | diverged.
// Changing the data starts a fresh run (still playing if it was).
import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate, type BinaryDatasetName, type Point } from 'relu-wasm/datasets';
import { el, fixed, LossChart, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';
import { Pace, type Speed } from './pace.js';

const DATASETS: [BinaryDatasetName, string][] = [
  ['circle', 'Circle'],
  ['xor', 'Exclusive or'],
  ['gauss', 'Two Gaussians'],
  ['spiral', 'Spiral'],
];
// Steps per frame: one at a time to watch each update, up to fast enough to see it converge.
const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 5, label: 'Normal' },
  { steps: 40, label: 'Fast' },
];
const MAX_STEPS = 6000;
const TRAIN = { lr: 0.01, optimizer: 'adam', batchSize: 16 } as const;

export function mountTrainingDemo(root: HTMLElement, rw: ReluWasm): void {
  const select = el('select', { id: 'train-dataset', 'data-testid': 'train-dataset' });
  for (const [value, label] of DATASETS) select.append(el('option', { value }, label));
  const boundary = new BoundaryView(
    'Decision boundary of the network and the data points (orange class 0, blue class 1)',
    'train-boundary',
  );
  const steps = el('output', { 'data-testid': 'train-steps' }, '0');
  const loss = el('output', { 'data-testid': 'train-loss' }, '…');
  const accuracy = el('output', { 'data-testid': 'train-accuracy' }, '…');
  const chart = new LossChart({ label: 'Training loss against steps', testid: 'train-loss-chart' });
  const divergedNote = el('p', { class: 'widget-error', role: 'alert', 'data-testid': 'train-diverged', hidden: true });

  let net: MLP | undefined;
  let points: Point[] = [];
  let X: Float32Array = new Float32Array(0);
  let Y: Float32Array = new Float32Array(0);
  let step = 0;
  let firstLoss = NaN;

  const measure = (): number => {
    if (!net) return NaN;
    const l = net.lossAndGradients(X, Y).loss;
    const p = net.predict(X);
    let right = 0;
    for (let i = 0; i < Y.length; i++) if ((p[i]! >= 0.5 ? 1 : 0) === Y[i]) right++;
    steps.textContent = String(step);
    loss.textContent = fixed(l, 3);
    accuracy.textContent = `${Math.round((100 * right) / Y.length)}%`;
    chart.push(0, step, l);
    boundary.draw(net, points);
    return l;
  };

  const rebuild = (): void => {
    net?.dispose();
    ({ points, X, Y } = generate(select.value as BinaryDatasetName, { n: 200, noise: 0.05, seed: 3 }));
    net = rw.createMLP({ sizes: [2, 8, 8, 1], activation: 'relu', loss: 'bce', seed: 11 });
    step = 0;
    divergedNote.hidden = true;
    chart.reset();
    firstLoss = measure();
  };

  // Up to `n` steps in short train() calls, never past the deadline; false once the run is over.
  const advance = (n: number, deadline: number): boolean => {
    if (!net) return false;
    let done = 0;
    let l = NaN;
    while (done < n && step < MAX_STEPS && performance.now() < deadline) {
      const k = Math.min(5, n - done);
      l = net.train(X, Y, { ...TRAIN, steps: k, seed: step });
      step += k;
      done += k;
      if (hasDiverged(l, firstLoss)) break;
    }
    const measured = measure();
    if (hasDiverged(l, firstLoss) || hasDiverged(measured, firstLoss)) {
      divergedNote.textContent = `Training diverged at step ${step} (loss ${fixed(Number.isFinite(measured) ? measured : l, 3)}): the learning rate is too high for this network. Press Reset to start again.`;
      divergedNote.hidden = false;
      pace.finish('diverged');
      return false;
    }
    return step < MAX_STEPS;
  };
  const pace = new Pace({ root, prefix: 'train', advance, reset: rebuild, stepSize: 1, speeds: SPEEDS });

  select.addEventListener('change', () => pace.reset());

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el('div', { class: 'controls' }, el('label', { for: 'train-dataset' }, 'Data'), select, pace.element),
    el(
      'div',
      { class: 'train-layout' },
      boundary.canvas,
      el(
        'div',
        { class: 'train-side' },
        statList([
          ['steps', steps],
          ['loss', loss],
          ['accuracy', accuracy],
        ]),
        chart.element,
      ),
    ),
    divergedNote,
    el(
      'figcaption',
      {},
      'A network with two hidden layers of 8 ReLU units, trained with Adam (learning rate 0.01, minibatches of 16). Loss is the binary cross-entropy on all 200 points.',
    ),
  );
  rebuild();
}
