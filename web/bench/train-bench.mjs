// Training throughput, shared by the Node and Chromium runs: samples per second for the
// Playground's default net (2-8-8-1 ReLU, batch 10, SGD) and CS231n's spiral net
// (2-100-3 ReLU + softmax, full batch 300), each through one multi-step train() call.
// Reported as medians of several rounds (machines here are shared and noisy).

export function dataset(rows, classes) {
  // Deterministic points on a spiral; the labels only need the right kind and range.
  const X = new Float32Array(2 * rows);
  const Y = classes === 1 ? new Float32Array(rows) : new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = (i / rows) * 12.566;
    X[2 * i] = (Math.sin(t) * i) / rows;
    X[2 * i + 1] = (Math.cos(t) * i) / rows;
    Y[i] = classes === 1 ? i % 2 : i % classes;
  }
  return { X, Y };
}

export const TRAIN_CASES = [
  { name: '2-8-8-1 relu, batch 10, sgd', sizes: [2, 8, 8, 1], loss: 'bce', rows: 500, batchSize: 10, steps: 20_000, lr: 0.03 },
  { name: '2-100-3 relu, batch 300, sgd', sizes: [2, 100, 3], loss: 'softmax_ce', rows: 300, batchSize: 300, steps: 400, lr: 0.5 },
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
    while (performance.now() < warmUntil) net.train(X, Y, { batchSize: c.batchSize, steps: Math.ceil(c.steps / 100), lr: c.lr });
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
  return results.map((r) => `${backend.padEnd(12)} ${r.name.padEnd(30)} ${(r.samplesPerSecond / 1e6).toFixed(2)} M samples/s`).join('\n');
}
