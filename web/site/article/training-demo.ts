// Section 6: a [2, 8, 8, 1] ReLU network (relu-wasm's createMLP, Adam) learns a 2-D dataset
// in frame-sized slices of net.train(); it starts when first scrolled into view, pauses
// off-screen, and stops by itself after MAX_STEPS, or when training diverges by the package's
// rule (hasDiverged), with a note.
//
// data-testids:
//   train-dataset    <select>: circle, xor, gauss, spiral
//   train-play       button: Pause / Play
//   train-reset      button: new weights, step 0
//   train-steps      minibatch steps done, plain integer text (e.g. "1200")
//   train-loss       binary cross-entropy on all points, e.g. "0.231"
//   train-accuracy   share of points classified right, e.g. "97%"
//   train-boundary   canvas: decision surface and points
//   train-loss-chart SVG loss curve
//   train-diverged   the note shown when training diverged (hidden otherwise)
// The widget root carries data-state = idle | running | paused | done | diverged.
import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate, type BinaryDatasetName, type Point } from 'relu-wasm/datasets';
import { el, fixed, frameLoop, LossChart, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';

const DATASETS: [BinaryDatasetName, string][] = [
  ['circle', 'Circle'],
  ['xor', 'Exclusive or'],
  ['gauss', 'Two Gaussians'],
  ['spiral', 'Spiral'],
];
const STEPS_PER_FRAME = 20; // slow enough to watch the boundary form
const MAX_STEPS = 6000;
const TRAIN = { lr: 0.01, optimizer: 'adam', batchSize: 16 } as const;

export function mountTrainingDemo(root: HTMLElement, rw: ReluWasm): void {
  const select = el('select', { id: 'train-dataset', 'data-testid': 'train-dataset' });
  for (const [value, label] of DATASETS) select.append(el('option', { value }, label));
  const play = el('button', { type: 'button', class: 'primary', 'data-testid': 'train-play' }, 'Play');
  const reset = el('button', { type: 'button', 'data-testid': 'train-reset' }, 'Reset');
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
  let diverged = false;

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
    diverged = false;
    divergedNote.hidden = true;
    chart.reset();
    firstLoss = measure();
  };

  const loop = frameLoop(
    root,
    (deadline) => {
      if (!net) return false;
      // A few short train() calls per frame, never past the deadline.
      let done = 0;
      let l = NaN;
      while (done < STEPS_PER_FRAME && performance.now() < deadline) {
        l = net.train(X, Y, { ...TRAIN, steps: 5, seed: step });
        step += 5;
        done += 5;
        if (hasDiverged(l, firstLoss)) break;
      }
      const measured = measure();
      if (hasDiverged(l, firstLoss) || hasDiverged(measured, firstLoss)) {
        diverged = true;
        divergedNote.textContent = `Training diverged at step ${step} (loss ${fixed(Number.isFinite(measured) ? measured : l, 3)}): the learning rate is too high for this network. Press Reset to start again.`;
        divergedNote.hidden = false;
        return false;
      }
      return step < MAX_STEPS;
    },
    {
      onChange: (running) => {
        const over = step >= MAX_STEPS || diverged;
        play.textContent = running ? 'Pause' : over ? 'Train again' : 'Play';
        root.dataset.state = running ? 'running' : diverged ? 'diverged' : step >= MAX_STEPS ? 'done' : 'paused';
      },
      onFirstVisible: () => loop.start(),
    },
  );

  play.addEventListener('click', () => {
    if (loop.running) {
      loop.pause();
      return;
    }
    if (step >= MAX_STEPS || diverged) rebuild();
    loop.start();
  });
  reset.addEventListener('click', () => {
    rebuild();
    loop.start();
  });
  select.addEventListener('change', () => {
    rebuild();
    loop.start();
  });

  root.querySelector('.widget-fallback')?.remove();
  root.dataset.state = 'idle';
  root.append(
    el('div', { class: 'controls' }, el('label', { for: 'train-dataset' }, 'Data'), select, play, reset),
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
