// Our side of the Node-against-Python comparison of the convolutional network (PyTorch's is
// web/bench/conv-torch.py): the same network (train-conv.mjs's CONV_LAYERS unless --layers),
// Adam (lr 1e-3), batch 64, on Fashion-MNIST read from the dataset's IDX files, in one WASM
// instance on one core. Prints the training throughput (samples/s over trainOn calls only) and,
// with --epochs N, the test accuracy after each epoch and the training time so far.
// Usage: node web/bench/conv-node.mjs [--epochs 3] [--train-images 60000] [--seed 1] [--scalar]
//        [--layers '<JSON layer list>'] [--lr 0.001]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { loadRelu } from 'relu-wasm';

import { CONV_INPUT, CONV_LAYERS } from './train-conv.mjs';

const DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const epochs = Number(arg('--epochs', 1));
const trainImages = Number(arg('--train-images', 60000));
const seed = Number(arg('--seed', 1));
const lr = Number(arg('--lr', 1e-3));
const layers = JSON.parse(arg('--layers', JSON.stringify(CONV_LAYERS)));
const idx = (name, header) => gunzipSync(readFileSync(join(DIR, name))).subarray(header);

const rw = await loadRelu({ simd: !process.argv.includes('--scalar') });
const train = rw.createDataset(
  idx('train-images-idx3-ubyte.gz', 16).subarray(0, trainImages * 784),
  Float32Array.from(idx('train-labels-idx1-ubyte.gz', 8).subarray(0, trainImages)),
  { features: 784, scale: 1 / 255 },
);
const test = rw.createDataset(
  idx('t10k-images-idx3-ubyte.gz', 16),
  Float32Array.from(idx('t10k-labels-idx1-ubyte.gz', 8)),
  { features: 784, scale: 1 / 255 },
);
const net = rw.createConvNet({ input: CONV_INPUT, layers, activation: 'relu', loss: 'softmax_ce', seed });
console.log(
  `relu-wasm ${rw.backend}, Node ${process.version}, ${train.rows} training images, layers ${JSON.stringify(layers)}`,
);
const options = { batchSize: 64, lr, optimizer: 'adam' };

// Throughput: 100 steps after 5 warm-up steps (then the network starts again from its seed).
net.trainOn(train, { ...options, steps: 5, seed: 999 });
let t = performance.now();
net.trainOn(train, { ...options, steps: 100, seed: 998 });
console.log(`training: ${((100 * 64) / (performance.now() - t)) * 1000} samples/s (batch 64)`);
t = performance.now();
net.evaluate(test, { count: 2048 });
console.log(`inference (evaluate): ${(2048 / (performance.now() - t)) * 1000} samples/s`);
net.dispose();

const fresh = rw.createConvNet({ input: CONV_INPUT, layers, activation: 'relu', loss: 'softmax_ce', seed });
let seconds = 0;
for (let e = 0; e < epochs; e++) {
  t = performance.now();
  fresh.trainOn(train, { ...options, epochs: 1, seed: seed * 1000 + e });
  seconds += (performance.now() - t) / 1000;
  const { accuracy } = fresh.evaluate(test);
  console.log(`epoch ${e + 1}: test accuracy ${(accuracy * 100).toFixed(2)} %, training time ${seconds.toFixed(1)} s`);
}
