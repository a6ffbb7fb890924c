// The convolutional network's benchmark (issue 18): the network (input [1, 28, 28];
// conv 8 5x5 'same', pool 2, conv 16 5x5 'same', pool 2, dense 10; ReLU; softmax) trained at
// batch 64 with plain SGD, against TF.js 4.22's CPU backend (tf.layers conv2d / maxPooling2d /
// flatten / dense, the same shapes, model.fit), and inference against TF.js's WASM backend
// (which cannot train it: 4.22 has no Conv2DBackpropFilter kernel there). Pixels are
// bandImages' seeded synthetic 28x28 images (throughput does not depend on them). Cases run
// through runImageCompare (interleaved rounds), so a ratio compares the same stretch of time.
// PyTorch's side is web/bench/conv-torch.py (Node against Python: web/bench/conv-node.mjs).
import { imageData } from './train-images.mjs';

export const CONV_INPUT = [1, 28, 28];
export const CONV_LAYERS = [
  { conv: 8, kernel: 5, padding: 'same' },
  { pool: 2 },
  { conv: 16, kernel: 5, padding: 'same' },
  { pool: 2 },
  { dense: 10 },
];

const convCase = (kind) => ({
  id: `conv-${kind}-b64`,
  name: `conv 8-pool-16-pool-10 on 28x28, ${kind === 'train' ? 'training, batch 64, sgd' : 'inference, 64 images'}`,
  sizes: [784, 10],
  loss: 'softmax_ce',
  // 128 rows: one model.fit epoch is 2 batches (TF.js's CPU backend takes about a second).
  rows: 128,
  batchSize: 64,
  stepsPerCall: 2,
  lr: 0.05,
  data: () => imageData(784, 10),
});
export const CONV_TRAIN_CASE = convCase('train');
export const CONV_INFER_CASE = convCase('infer');

/** relu-wasm: trainOn over a uint8 dataset in WASM memory (training), or predict on 64 images. */
export function convEngineContender(rw, label, kind = 'train') {
  return {
    id: `${rw.backend}-conv-${kind}`,
    label,
    setup(c) {
      const { pixels, X, Y } = c.data();
      const rows = c.rows;
      const data = rw.createDataset(pixels.subarray(0, rows * 784), Y.subarray(0, rows), {
        features: 784,
        scale: 1 / 255,
      });
      const net = rw.createConvNet({ input: CONV_INPUT, layers: CONV_LAYERS, loss: 'softmax_ce', seed: 1 });
      const before = net.evaluate(data).loss;
      const batch = X.subarray(0, 64 * 784);
      let seed = 0;
      return {
        samplesPerCall: kind === 'train' ? c.stepsPerCall * c.batchSize : 64,
        run:
          kind === 'train'
            ? () => net.trainOn(data, { batchSize: c.batchSize, steps: c.stepsPerCall, lr: c.lr, seed: seed++ })
            : () => net.predict(batch),
        check: () => (kind === 'train' ? net.evaluate(data).loss < before : net.predict(batch).every(Number.isFinite)),
        dispose: () => {
          net.dispose();
          data.dispose();
        },
      };
    },
  };
}

/** TF.js layers: conv2d / maxPooling2d / flatten / dense; model.fit (training) or model.predict. */
export function tfjsConvContender(tf, backend, kind = 'train') {
  return {
    id: `tfjs-${backend}-conv-${kind}`,
    label: `TF.js ${backend}, layers ${kind === 'train' ? 'model.fit' : 'model.predict'}`,
    setup(c) {
      const { X, Y } = c.data();
      // NHWC with one channel has NCHW's memory layout.
      const xs = tf.tensor4d(X.subarray(0, c.rows * 784), [c.rows, 28, 28, 1]);
      const ys = tf.oneHot(tf.tensor1d(Y.subarray(0, c.rows), 'int32'), 10).toFloat();
      const batch = xs.slice([0, 0, 0, 0], [64, -1, -1, -1]);
      const conv = (filters, extra) =>
        tf.layers.conv2d({
          filters,
          kernelSize: 5,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: 'heNormal',
          ...extra,
        });
      const model = tf.sequential({
        layers: [
          conv(8, { inputShape: [28, 28, 1] }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          conv(16),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'heNormal' }),
        ],
      });
      model.compile({ optimizer: tf.train.sgd(c.lr), loss: 'categoricalCrossentropy' });
      const evaluate = () => tf.tidy(() => model.evaluate(xs, ys, { batchSize: c.rows }).dataSync()[0]);
      const before = kind === 'train' ? evaluate() : 0;
      let last = null;
      return {
        async: kind === 'train',
        samplesPerCall: kind === 'train' ? c.rows : 64,
        run:
          kind === 'train'
            ? () => model.fit(xs, ys, { batchSize: c.batchSize, epochs: 1, shuffle: false, verbose: 0 })
            : () => {
                last?.dispose();
                last = model.predict(batch);
                last.dataSync();
              },
        check: () => (kind === 'train' ? evaluate() < before : last.dataSync().every(Number.isFinite)),
        dispose: () => {
          last?.dispose();
          tf.dispose([xs, ys, batch]);
          model.dispose();
        },
      };
    },
  };
}

const find = (rows, id, caseId) => rows.find((r) => r.id === id && r.caseId === caseId);

/** Issue 18's target: relu-wasm SIMD training >= 5x TF.js's CPU backend (model.fit). */
export function evaluateConv(rows = []) {
  const simd = find(rows, 'wasm-simd-conv-train', CONV_TRAIN_CASE.id);
  const tf = find(rows, 'tfjs-cpu-conv-train', CONV_TRAIN_CASE.id);
  if (!simd || !tf) return [];
  const x = simd.samplesPerSecond / tf.samplesPerSecond;
  return [
    {
      target: 'training the conv net, batch 64, vs TF.js CPU model.fit >= 5x',
      value: `${x.toFixed(1)}x`,
      pass: x >= 5 && simd.ok && tf.ok,
    },
  ];
}

const ROWS = [
  [CONV_TRAIN_CASE, 'wasm-simd-conv-train', 'relu-wasm SIMD, net.trainOn (dataset in WASM)'],
  [CONV_TRAIN_CASE, 'wasm-scalar-conv-train', 'relu-wasm scalar, net.trainOn (dataset in WASM)'],
  [CONV_TRAIN_CASE, 'tfjs-cpu-conv-train', 'TF.js CPU, layers model.fit'],
  [CONV_INFER_CASE, 'wasm-simd-conv-infer', 'relu-wasm SIMD, net.predict'],
  [CONV_INFER_CASE, 'tfjs-wasm-conv-infer', 'TF.js WASM, layers model.predict'],
];

/** Table rows in report.mjs's layout. */
export function convTableRows(rows = [], verdicts = []) {
  const lines = [];
  for (const [c, id, label] of ROWS) {
    const t = find(rows, id, c.id);
    const ours = find(rows, c === CONV_TRAIN_CASE ? 'wasm-simd-conv-train' : 'wasm-simd-conv-infer', c.id);
    if (!t || !ours) continue;
    const x = t === ours ? '' : ` (SIMD is ${(ours.samplesPerSecond / t.samplesPerSecond).toFixed(1)}x)`;
    const note =
      id === 'tfjs-cpu-conv-train' ? verdicts.map((v) => `>= 5x: **${v.pass ? 'pass' : 'MISS'}**`).join('') : '';
    lines.push(
      `| ${c.name} | ${label} | ${Math.round(t.samplesPerSecond).toLocaleString('en-US')} samples/s${x}${t.ok ? '' : ' WRONG'} | | | | ${note} |`,
    );
  }
  return lines;
}
