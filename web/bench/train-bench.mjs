// Training throughput, shared by the Node and Chromium runs: samples per second for the
// Playground's default net (2-8-8-1 ReLU, batch 10, SGD) and CS231n's spiral net
// (2-100-3 ReLU + softmax, full batch 300), each through one multi-step train() call.
// Reported as medians of several rounds (machines here are shared and noisy).

import { generate } from 'relu-wasm/datasets';

/**
 * The data of a case, from relu-wasm/datasets like every other page and test: TF Playground's
 * two-arm spiral for one output (labels 0/1), CS231n's spiral with one arm per class otherwise.
 */
export function dataset(rows, classes) {
  const d =
    classes === 1 ? generate('spiral', { n: rows, seed: 1 }) : generate('cs231n-spiral', { n: rows, classes, seed: 1 });
  return { X: d.X, Y: d.Y };
}

export const TRAIN_CASES = [
  {
    name: '2-8-8-1 relu, batch 10, sgd',
    sizes: [2, 8, 8, 1],
    loss: 'bce',
    rows: 500,
    batchSize: 10,
    steps: 20_000,
    lr: 0.03,
  },
  {
    name: '2-100-3 relu, batch 300, sgd',
    sizes: [2, 100, 3],
    loss: 'softmax_ce',
    rows: 300,
    batchSize: 300,
    steps: 400,
    lr: 0.5,
  },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs every case `rounds` times on `rw`; returns { name, samplesPerSecond (median), rounds }[]. */
export function runTrainBench(rw, { rounds = 5 } = {}) {
  return TRAIN_CASES.map((c) => {
    const { X, Y } = dataset(c.rows, c.sizes.at(-1));
    const net = rw.createMLP({ sizes: c.sizes, loss: c.loss, seed: 1 });
    // Warm-up: many short calls. V8 first runs WASM with its baseline compiler and swaps in
    // optimized code between calls (no on-stack replacement), so one long call would be
    // measured on baseline code.
    const warmUntil = performance.now() + 300;
    while (performance.now() < warmUntil)
      net.train(X, Y, { batchSize: c.batchSize, steps: Math.ceil(c.steps / 100), lr: c.lr });
    const rates = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      net.train(X, Y, { batchSize: c.batchSize, steps: c.steps, lr: c.lr, seed: r });
      const seconds = (performance.now() - t0) / 1000;
      rates.push((c.steps * Math.min(c.batchSize, c.rows)) / seconds);
    }
    net.dispose();
    return { name: c.name, samplesPerSecond: median(rates), rounds: rates };
  });
}

export function formatTrainBench(backend, results) {
  return results
    .map((r) => `${backend.padEnd(12)} ${r.name.padEnd(30)} ${(r.samplesPerSecond / 1e6).toFixed(2)} M samples/s`)
    .join('\n');
}
