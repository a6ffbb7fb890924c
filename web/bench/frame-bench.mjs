// The playground's frame budget (issue 6: <= 8 ms so 60 frames per second hold), measured
// through the public API exactly as the playground's worker calls it: a multi-step train()
// call, then predict() over the 100 x 100 decision-boundary grid, then activations() for
// every neuron's heatmap. Conservatively, the neuron heatmaps are computed on the same
// 100 x 100 grid too (the playground itself uses 25 x 25).
import { timeCall } from './kernel-bench.mjs';
import { dataset } from './train-bench.mjs';

export const GRID = 100;
// Each case: `steps` train() steps of batch 10 per frame.
const frameCase = (name, sizes, activation) => ({
  id: `frame-${sizes.join('-')}-${activation}`,
  name,
  sizes,
  activation,
  steps: 10,
});
export const FRAME_CASES = [
  frameCase('playground default (2-4-2-1 relu), 10 steps of batch 10', [2, 4, 2, 1], 'relu'),
  frameCase('TF Playground link default (2-4-2-1 tanh), 10 steps of batch 10', [2, 4, 2, 1], 'tanh'),
  frameCase('2-8-8-1 relu, 10 steps of batch 10', [2, 8, 8, 1], 'relu'),
];

function grid(n) {
  const g = new Float32Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      g[2 * (r * n + c)] = -6 + ((c + 0.5) * 12) / n;
      g[2 * (r * n + c) + 1] = 6 - ((r + 0.5) * 12) / n;
    }
  }
  return g;
}

/** Median milliseconds per frame (and per part) for each case; ok when outputs are sane. */
export function runFrameBench(rw, { minSampleMs = 50, samples = 7 } = {}) {
  const G = grid(GRID);
  return FRAME_CASES.map((c) => {
    const { X, Y } = dataset(500, 1);
    const net = rw.createMLP({ sizes: c.sizes, activation: c.activation, loss: 'bce', seed: 1 });
    let seed = 0;
    let out = null;
    let acts = null;
    const train = () => net.train(X, Y, { batchSize: 10, steps: c.steps, lr: 0.03, seed: seed++ });
    const predict = () => (out = net.predict(G));
    const activations = () => (acts = net.activations(G));
    const frame = () => {
      train();
      predict();
      activations();
    };
    const warmUntil = performance.now() + 200;
    while (performance.now() < warmUntil) frame();
    const opts = { minSampleMs, samples };
    const ms = {
      frame: timeCall(frame, opts) * 1e3,
      train: timeCall(train, opts) * 1e3,
      predict: timeCall(predict, opts) * 1e3,
      activations: timeCall(activations, opts) * 1e3,
    };
    // predict() returns probabilities, activations() one array per layer of the right size.
    const ok =
      out.length === GRID * GRID &&
      out.every((p) => p >= 0 && p <= 1) &&
      acts.length === c.sizes.length - 1 &&
      acts.every((a, l) => a.length === GRID * GRID * c.sizes[l + 1] && a.every(Number.isFinite));
    net.dispose();
    return { id: c.id, name: c.name, ms, ok };
  });
}
