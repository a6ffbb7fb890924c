// Training throughput side by side (issue 6): relu-wasm's engine and a plain JavaScript
// trainer here; TF.js in tfjs-bench.mjs. Every contender trains the same two networks on
// the same data and is timed with the kernel harness's timeCall (median of >= 7 samples of
// >= 50 ms). Checks: relu-wasm's one-step update must match the plain JavaScript one from
// the same parameters (a wrong fast engine cannot win), and every contender's loss must
// have gone down by the end of its timed run.
import { JsMlp, shuffledOrder } from './js-mlp.mjs';
import { timeCall, timeCallAsync } from './kernel-bench.mjs';
import { dataset } from './train-bench.mjs';

/** The two networks (see train-bench.mjs); stepsPerCall makes one call run many minibatches. */
export const COMPARE_CASES = [
  {
    id: 'net-2-8-8-1',
    name: '2-8-8-1 relu, batch 10, sgd',
    sizes: [2, 8, 8, 1],
    loss: 'bce',
    rows: 500,
    batchSize: 10,
    stepsPerCall: 100,
    lr: 0.03,
  },
  {
    id: 'net-2-100-3',
    name: '2-100-3 relu + softmax, batch 300, sgd',
    sizes: [2, 100, 3],
    loss: 'softmax_ce',
    rows: 300,
    batchSize: 300,
    stepsPerCall: 5,
    lr: 0.5,
  },
];

/** A case's { X, Y }: its own `data()` when it has one (the image cases), else the spirals. */
export function caseData(c) {
  return c.data ? c.data() : dataset(c.rows, c.sizes.at(-1));
}

/** relu-wasm's engine: net.train(X, Y, { steps: stepsPerCall, ... }) per call. */
export function engineContender(rw, label) {
  return {
    id: `${rw.backend}-train`,
    label,
    setup(c) {
      const { X, Y } = caseData(c);
      const net = rw.createMLP({ sizes: c.sizes, loss: c.loss, seed: 1 });
      const reference = stepMatchesPlainJs(net, c, X, Y);
      const before = net.lossAndGradients(X, Y).loss;
      let seed = 0;
      return {
        samplesPerCall: c.stepsPerCall * Math.min(c.batchSize, c.rows),
        run: () => net.train(X, Y, { batchSize: c.batchSize, steps: c.stepsPerCall, lr: c.lr, seed: seed++ }),
        check: () => reference && net.lossAndGradients(X, Y).loss < before,
        dispose: () => net.dispose(),
      };
    },
  };
}

/** One full-batch SGD step from identical parameters in relu-wasm and in JsMlp agrees. */
function stepMatchesPlainJs(net, c, X, Y) {
  const js = new JsMlp(c.sizes);
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    const { W, b } = net.getParams(l);
    js.W[l].set(W);
    js.b[l].set(b);
  }
  const identity = Int32Array.from({ length: c.rows }, (_, i) => i);
  const lossJs = js.step(X, Y, identity, 0, c.rows, c.lr);
  const lossEngine = net.trainStep(X, Y, { lr: c.lr });
  let worst = Math.abs(lossJs - lossEngine);
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    const { W, b } = net.getParams(l);
    for (let k = 0; k < W.length; k++) worst = Math.max(worst, Math.abs(W[k] - js.W[l][k]));
    for (let k = 0; k < b.length; k++) worst = Math.max(worst, Math.abs(b[k] - js.b[l][k]));
  }
  return worst < 1e-4;
}

/** The plain JavaScript trainer (js-mlp.mjs). */
export function plainJsContender() {
  return {
    id: 'js-train',
    label: 'plain JavaScript (Float32Array loops)',
    setup(c) {
      const { X, Y } = caseData(c);
      const net = new JsMlp(c.sizes, 1);
      const order = shuffledOrder(c.rows);
      const identity = Int32Array.from({ length: c.rows }, (_, i) => i);
      const loss = () => net.step(X, Y, identity, 0, c.rows, 0);
      const before = loss();
      return {
        samplesPerCall: c.stepsPerCall * Math.min(c.batchSize, c.rows),
        run: () => net.train(X, Y, { batchSize: c.batchSize, steps: c.stepsPerCall, lr: c.lr, order }),
        check: () => loss() < before,
        dispose() {},
      };
    },
  };
}

/** The sampling of both training comparisons unless a caller says otherwise. */
export const SAMPLING = { minSampleMs: 50, samples: 7 };

/**
 * Times each contender on each case. A contender's setup(c) returns { samplesPerCall, run
 * (may return a promise), check() -> boolean | Promise<boolean>, dispose() }.
 * Returns { id, label, caseId, caseName, samplesPerSecond, secondsPerCall, ok }[].
 */
export async function runTrainCompare({ contenders, cases = COMPARE_CASES, onProgress, ...sampling } = {}) {
  const { minSampleMs, samples } = { ...SAMPLING, ...sampling };
  const rows = [];
  for (const c of cases) {
    for (const k of contenders) {
      onProgress?.(`${k.label}, ${c.name}`);
      await new Promise((r) => setTimeout(r, 0));
      const cell = await k.setup(c);
      try {
        // Warm-up: V8 swaps in optimized WASM only between calls (see train-bench.mjs).
        const warmUntil = performance.now() + 200;
        while (performance.now() < warmUntil) await cell.run();
        const secondsPerCall = cell.async
          ? await timeCallAsync(cell.run, { minSampleMs, samples })
          : timeCall(cell.run, { minSampleMs, samples });
        const ok = await cell.check();
        rows.push({
          id: k.id,
          label: k.label,
          caseId: c.id,
          caseName: c.name,
          secondsPerCall,
          samplesPerSecond: cell.samplesPerCall / secondsPerCall,
          ok,
        });
      } finally {
        await cell.dispose();
      }
    }
  }
  return rows;
}
