// The article's convolutional network (FASHION_MNIST_CNN_RECIPE) in Node on one core, through
// the package's public API and the site's data files, as the article's worker trains it: epoch e
// is one trainOn call shuffled with seed e, then the 10 000 test images are evaluated. Prints the
// test accuracy and the cumulative time after each epoch (training only, and with evaluations),
// then the same for the comparison MLP (784-128-10). Options override the recipe to try others.
// `--check` (npm run bench:cnn) exits with an error when the CNN ends below 90 % test accuracy.
// Usage: node web/bench/train-fashion-mnist-cnn.mjs [--epochs N] [--train N] [--lr X] [--lr-decay X] [--batch N]
//        [--layers JSON] [--scalar] [--no-mlp] [--check]
import { readFileSync } from 'node:fs';

import { loadRelu } from 'relu-wasm';
import {
  FASHION_MNIST_CNN_RECIPE as C,
  FASHION_MNIST_RECIPE as M,
  concatImageSets,
  decodeImageSetAsync,
} from 'relu-wasm/datasets';

const DATA = new URL('../../build/site-data/fashion-mnist/', import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const recipe = {
  ...C,
  epochs: Number(arg('--epochs', C.epochs)),
  trainImages: Number(arg('--train', C.trainImages)),
  lr: Number(arg('--lr', C.lr)),
  lrDecay: Number(arg('--lr-decay', C.lrDecay ?? 1)),
  batchSize: Number(arg('--batch', C.batchSize)),
  layers: JSON.parse(arg('--layers', JSON.stringify(C.layers))),
};

const manifest = JSON.parse(readFileSync(new URL('manifest.json', DATA), 'utf8'));
const read = (part) => decodeImageSetAsync(readFileSync(new URL(part.file, DATA)));
let parts = 0;
for (let n = 0; n < recipe.trainImages; parts++) n += manifest.train[parts].count;
const trainSet = concatImageSets(await Promise.all(manifest.train.slice(0, parts).map(read)));
const testSet = await read(manifest.test[0]);
const rw = await loadRelu({ simd: !process.argv.includes('--scalar') });
const pixels = trainSet.pixels.subarray(0, recipe.trainImages * 784);
const labels = trainSet.labels.subarray(0, recipe.trainImages);
const train = rw.createDataset(pixels, labels, { features: 784, scale: recipe.scale });
const test = rw.createDataset(testSet.pixels, testSet.labels, { features: 784, scale: recipe.scale });
console.log(`relu-wasm ${rw.backend}, Node ${process.version}, ${labels.length} training images`);

/** Trains `net` with recipe `r`, printing each epoch; returns the final test accuracy. */
function run(name, net, r) {
  console.log(`${name}: ${JSON.stringify(r)}`);
  let trainSeconds = 0;
  let accuracy = NaN;
  const started = performance.now();
  for (let e = 0; e < r.epochs; e++) {
    const t = performance.now();
    const lr = r.lr * (r.lrDecay ?? 1) ** e;
    const loss = net.trainOn(train, { epochs: 1, seed: e, batchSize: r.batchSize, optimizer: r.optimizer, lr });
    trainSeconds += (performance.now() - t) / 1000;
    accuracy = net.evaluate(test).accuracy;
    const wall = (performance.now() - started) / 1000;
    console.log(
      `  epoch ${e + 1}: test ${(100 * accuracy).toFixed(2)} %, train loss ${loss.toFixed(4)}, ` +
        `${trainSeconds.toFixed(1)} s training (${((labels.length * (e + 1)) / trainSeconds).toFixed(0)} samples/s), ${wall.toFixed(1)} s with evaluations`,
    );
  }
  net.dispose();
  return accuracy;
}

const final = run(
  'CNN',
  rw.createConvNet({
    input: recipe.input,
    layers: recipe.layers,
    activation: recipe.activation,
    loss: recipe.loss,
    seed: recipe.seed,
  }),
  recipe,
);
if (!process.argv.includes('--no-mlp')) {
  run('MLP', rw.createMLP({ sizes: M.sizes, activation: M.activation, loss: M.loss, seed: M.seed }), {
    ...M,
    epochs: recipe.epochs,
    trainImages: labels.length,
  });
}
if (process.argv.includes('--check') && !(final >= 0.9)) {
  console.error(`the CNN ended at ${(100 * final).toFixed(2)} % test accuracy, below 90 %`);
  process.exit(1);
}
