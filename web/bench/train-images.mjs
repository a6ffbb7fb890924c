// Training throughput at image scale (issue 14): 784-128-10 and 784-256-128-10 ReLU + softmax,
// batches of 64 and 128, plain SGD for every contender, on 1024 seeded synthetic 28x28 "images"
// (uint8 pixels whose class brightens one band of rows; throughput does not depend on the
// pixels, and the band makes every contender's loss fall). relu-wasm trains from a dataset in
// WASM memory (rw.createDataset with uint8 pixels and scale 1/255, then net.trainOn); the plain
// JavaScript trainer and TF.js get the same pixels as float32 / 255. The contenders of a case
// are sampled in interleaved rounds (runImageCompare), so on a shared machine a ratio compares
// medians over the same stretch of time. The page is web/site/checks/bench.html; the
// contenders come from train-compare.mjs (plain JavaScript) and tfjs-bench.mjs (TF.js, WASM
// backend only: its CPU backend takes minutes at 784 inputs).
import { bandImages } from 'relu-wasm/datasets';

import { SAMPLING } from './train-compare.mjs';

const ROWS = 1024;
const cache = new Map();

/** ROWS images of `features` uint8 pixels in `classes` classes, and their float32 copies / 255. */
export function imageData(features = 784, classes = 10) {
  const key = `${features}/${classes}`;
  if (!cache.has(key)) {
    const { pixels, labels } = bandImages(ROWS, features, classes, 14);
    const Y = Float32Array.from(labels);
    const X = Float32Array.from(pixels, (v) => v / 255);
    cache.set(key, { pixels, X, Y });
  }
  return cache.get(key);
}

const imageCase = (sizes, batchSize) => ({
  id: `img-${sizes.join('-')}-b${batchSize}`,
  name: `${sizes.join('-')} relu + softmax, batch ${batchSize}, sgd`,
  sizes,
  loss: 'softmax_ce',
  rows: ROWS,
  batchSize,
  // One call: 4 minibatches (relu-wasm, plain JavaScript); TF.js's loop runs one per call and
  // model.fit one epoch of ROWS rows.
  stepsPerCall: 4,
  lr: 0.05,
  data: () => imageData(sizes[0], sizes.at(-1)),
});

export const IMAGE_CASES = [
  imageCase([784, 128, 10], 64),
  imageCase([784, 128, 10], 128),
  imageCase([784, 256, 128, 10], 64),
  imageCase([784, 256, 128, 10], 128),
];

/** relu-wasm from a dataset in WASM memory: net.trainOn(data, { steps: stepsPerCall, ... }) per call. */
export function datasetEngineContender(rw, label) {
  return {
    id: `${rw.backend}-train-dataset`,
    label,
    setup(c) {
      const { pixels, Y } = c.data();
      const data = rw.createDataset(pixels, Y, { features: c.sizes[0], scale: 1 / 255 });
      const net = rw.createMLP({ sizes: c.sizes, loss: c.loss, seed: 1 });
      const before = net.evaluate(data).loss;
      let seed = 0;
      return {
        samplesPerCall: c.stepsPerCall * c.batchSize,
        run: () => net.trainOn(data, { batchSize: c.batchSize, steps: c.stepsPerCall, lr: c.lr, seed: seed++ }),
        check: () => net.evaluate(data).loss < before,
        dispose: () => {
          net.dispose();
          data.dispose();
        },
      };
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const call = async (cell) => {
  const r = cell.run();
  if (cell.async) await r;
};

/**
 * Times every contender on each case: the case's cells are set up together, warmed up, then
 * sampled in `samples` rounds of one sample (>= minSampleMs) each. Same contender and row
 * shapes as train-compare.mjs's runTrainCompare.
 */
export async function runImageCompare({ contenders, cases = IMAGE_CASES, onProgress, ...sampling } = {}) {
  const { minSampleMs, samples } = { ...SAMPLING, ...sampling };
  const rows = [];
  for (const c of cases) {
    const cells = [];
    try {
      for (const k of contenders) {
        onProgress?.(`${c.name}: setting up ${k.label}`);
        await new Promise((r) => setTimeout(r, 0));
        cells.push({ k, cell: await k.setup(c), reps: 1, perCall: [] });
      }
      for (const x of cells) {
        // Warm-up (V8 swaps in optimized WASM between calls), then enough calls per sample.
        const warmUntil = performance.now() + 200;
        while (performance.now() < warmUntil) await call(x.cell);
        for (;;) {
          const t0 = performance.now();
          for (let i = 0; i < x.reps; i++) await call(x.cell);
          const ms = performance.now() - t0;
          if (ms >= minSampleMs) break;
          x.reps = Math.max(x.reps + 1, Math.ceil((x.reps * minSampleMs * 1.2) / Math.max(ms, 0.01)));
        }
      }
      for (let round = 0; round < samples; round++) {
        onProgress?.(`${c.name}: round ${round + 1} of ${samples}`);
        await new Promise((r) => setTimeout(r, 0));
        for (const x of cells) {
          const t0 = performance.now();
          for (let i = 0; i < x.reps; i++) await call(x.cell);
          x.perCall.push((performance.now() - t0) / 1000 / x.reps);
        }
      }
      for (const x of cells) {
        const secondsPerCall = median(x.perCall);
        rows.push({
          id: x.k.id,
          label: x.k.label,
          caseId: c.id,
          caseName: c.name,
          secondsPerCall,
          samplesPerSecond: x.cell.samplesPerCall / secondsPerCall,
          ok: await x.cell.check(),
        });
      }
    } finally {
      for (const x of cells) await x.cell.dispose();
    }
  }
  return rows;
}

const find = (rows, id, caseId) => rows.find((r) => r.id === id && r.caseId === caseId);

/** The verdict of issue 14: relu-wasm SIMD >= 5x TF.js WASM (loop and model.fit) at 784-128-10, batch 64. */
export function evaluateImages(rows = []) {
  const caseId = 'img-784-128-10-b64';
  const simd = find(rows, 'wasm-simd-train-dataset', caseId);
  if (!simd) return [];
  return ['tfjs-wasm-loop', 'tfjs-wasm-layers'].map((id) => {
    const other = find(rows, id, caseId);
    const x = other ? simd.samplesPerSecond / other.samplesPerSecond : NaN;
    const what = id.endsWith('loop') ? 'hand-written loop' : 'model.fit';
    return {
      target: `training 784-128-10 batch 64 vs TF.js WASM ${what} >= 5x`,
      value: `${x.toFixed(1)}x`,
      pass: x >= 5 && simd.ok && other?.ok === true,
    };
  });
}

const IMAGE_ROWS = [
  ['wasm-simd-train-dataset', 'relu-wasm SIMD, net.trainOn (dataset in WASM)'],
  ['wasm-scalar-train-dataset', 'relu-wasm scalar, net.trainOn (dataset in WASM)'],
  ['js-train', 'plain JavaScript Float32Array MLP'],
  ['tfjs-wasm-loop', 'TF.js WASM, hand-written loop'],
  ['tfjs-wasm-layers', 'TF.js WASM, layers model.fit'],
];

/** Table rows in report.mjs's layout: samples/s, and how many times faster relu-wasm SIMD is. */
export function imageTableRows(rows = [], verdicts = []) {
  const lines = [];
  for (const c of IMAGE_CASES) {
    const simd = find(rows, 'wasm-simd-train-dataset', c.id);
    for (const [id, label] of IMAGE_ROWS) {
      const t = find(rows, id, c.id);
      if (!t || !simd) continue;
      const x =
        id === 'wasm-simd-train-dataset'
          ? ''
          : ` (SIMD is ${(simd.samplesPerSecond / t.samplesPerSecond).toFixed(1)}x)`;
      const notes =
        id.startsWith('tfjs-wasm') && c.id === 'img-784-128-10-b64'
          ? verdicts
              .filter(
                (v) =>
                  v.target.includes(id.endsWith('loop') ? 'loop' : 'model.fit') && v.target.startsWith('training 784'),
              )
              .map((v) => `>= 5x: **${v.pass ? 'pass' : 'MISS'}**`)
              .join('')
          : '';
      lines.push(
        `| train ${c.sizes.join('-')}, batch ${c.batchSize} | ${label} | ${Math.round(t.samplesPerSecond).toLocaleString('en-US')} samples/s${x}${t.ok ? '' : ' WRONG'} | | | | ${notes} |`,
      );
    }
  }
  return lines;
}
