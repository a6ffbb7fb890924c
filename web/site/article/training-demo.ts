// Section 6: a [2, 8, 8, 1] ReLU network (relu-wasm's createMLP, Adam) learns a 2-D dataset
// in frame-sized slices of net.train(); it starts when first scrolled into view, pauses
// off-screen, and stops by itself after MAX_STEPS.
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
// The widget root carries data-state = idle | running | paused | done.
import type { MLP, ReluWasm } from 'relu-wasm';
import { generate, type BinaryDatasetName, type Point } from 'relu-wasm/datasets';

import { el } from './dom.js';
import { frameLoop } from './frame-loop.js';
import { Heatmap } from './heatmap.js';
import { LossChart } from './loss-chart.js';

const DATASETS: [BinaryDatasetName, string][] = [['circle', 'Circle'], ['xor', 'Exclusive or'], ['gauss', 'Two Gaussians'], ['spiral', 'Spiral']];
const STEPS_PER_FRAME = 20; // slow enough to watch the boundary form
const MAX_STEPS = 6000;
const TRAIN = { lr: 0.01, optimizer: 'adam', batchSize: 16 } as const;

export function mountTrainingDemo(root: HTMLElement, rw: ReluWasm): void {
  const select = el('select', { id: 'train-dataset', 'data-testid': 'train-dataset' });
  for (const [value, label] of DATASETS) select.append(el('option', { value }, label));
  const play = el('button', { type: 'button', class: 'primary', 'data-testid': 'train-play' }, 'Play');
  const reset = el('button', { type: 'button', 'data-testid': 'train-reset' }, 'Reset');
  const canvas = el('canvas', { width: 300, height: 300, class: 'boundary', 'data-testid': 'train-boundary', role: 'img', 'aria-label': 'Decision boundary of the network and the data points (orange class 0, blue class 1)' });
  const steps = el('output', { 'data-testid': 'train-steps' }, '0');
  const loss = el('output', { 'data-testid': 'train-loss' }, '…');
  const accuracy = el('output', { 'data-testid': 'train-accuracy' }, '…');
  const chart = new LossChart('Training loss against steps', ['s0'], 'train-loss-chart');
  const heatmap = new Heatmap(canvas);

  let net: MLP | undefined;
  let points: Point[] = [];
  let X: Float32Array = new Float32Array(0);
  let Y: Float32Array = new Float32Array(0);
  let step = 0;

  const measure = (): void => {
    if (!net) return;
    const l = net.lossAndGradients(X, Y).loss;
    const p = net.predict(X);
    let right = 0;
    for (let i = 0; i < Y.length; i++) if ((p[i]! >= 0.5 ? 1 : 0) === Y[i]) right++;
    steps.textContent = String(step);
    loss.textContent = l.toFixed(3);
    accuracy.textContent = `${Math.round((100 * right) / Y.length)}%`;
    chart.push(0, step, l);
    heatmap.draw(net, points);
  };

  const rebuild = (): void => {
    net?.dispose();
    ({ points, X, Y } = generate(select.value as BinaryDatasetName, { n: 200, noise: 0.05, seed: 3 }));
    net = rw.createMLP({ sizes: [2, 8, 8, 1], activation: 'relu', loss: 'bce', seed: 11 });
    step = 0;
    chart.reset();
    measure();
  };

  const loop = frameLoop(
    root,
    (deadline) => {
      if (!net) return false;
      // A few short train() calls per frame, never past the deadline.
      let done = 0;
      while (done < STEPS_PER_FRAME && performance.now() < deadline) {
        net.train(X, Y, { ...TRAIN, steps: 5, seed: step });
        step += 5;
        done += 5;
      }
      measure();
      return step < MAX_STEPS;
    },
    (running) => {
      play.textContent = running ? 'Pause' : step >= MAX_STEPS ? 'Train again' : 'Play';
      root.dataset.state = running ? 'running' : step >= MAX_STEPS ? 'done' : 'paused';
    },
    () => loop.start(),
  );

  play.addEventListener('click', () => {
    if (loop.running) {
      loop.pause();
      return;
    }
    if (step >= MAX_STEPS) rebuild();
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
      'div', { class: 'train-layout' },
      canvas,
      el(
        'div', { class: 'train-side' },
        el('dl', { class: 'stats' },
          el('dt', {}, 'steps'), el('dd', {}, steps),
          el('dt', {}, 'loss'), el('dd', {}, loss),
          el('dt', {}, 'accuracy'), el('dd', {}, accuracy)),
        chart.element,
      ),
    ),
    el('figcaption', {}, 'A network with two hidden layers of 8 ReLU units, trained with Adam (learning rate 0.01, minibatches of 16). Loss is the binary cross-entropy on all 200 points.'),
  );
  rebuild();
}
