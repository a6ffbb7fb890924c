// Our side of the PyTorch comparison (tests/fixtures/nn/fashion_mnist_torch.py), in Node on one
// core: the default recipe (FASHION_MNIST_RECIPE) from the site's data files through the
// package's public API, for a few weight seeds; prints the test accuracy after each epoch and
// the training throughput (samples/s, trainOn calls only). `--full`: a larger network on all
// 60 000 training images (the dataset README's MLP baseline is 88.3 %).
// Usage: node web/bench/train-fashion-mnist.mjs [--seeds 1,2,3] [--scalar] [--full] [--epochs N]
import { readFileSync } from 'node:fs';

import { loadRelu } from 'relu-wasm';
import { FASHION_MNIST_RECIPE as R, concatImageSets, decodeImageSetAsync } from 'relu-wasm/datasets';

const DATA = new URL('../../build/site-data/fashion-mnist/', import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const full = process.argv.includes('--full');
const seeds = arg('--seeds', full ? '1' : '1,2,3')
  .split(',')
  .map(Number);
const base = full ? { ...R, sizes: [784, 256, 128, 10], epochs: 12, trainImages: 60_000 } : R;
// --epochs N: fewer epochs, to time the throughput only.
const recipe = { ...base, epochs: Number(arg('--epochs', base.epochs)) };

const manifest = JSON.parse(readFileSync(new URL('manifest.json', DATA), 'utf8'));
const read = (part) => decodeImageSetAsync(readFileSync(new URL(part.file, DATA)));
const trainSet = concatImageSets(
  await Promise.all(manifest.train.slice(0, full ? manifest.train.length : 1).map(read)),
);
const testSet = await read(manifest.test[0]);
const rw = await loadRelu({ simd: !process.argv.includes('--scalar') });
const train = rw.createDataset(trainSet.pixels, trainSet.labels, { features: 784, scale: recipe.scale });
const test = rw.createDataset(testSet.pixels, testSet.labels, { features: 784, scale: recipe.scale });
console.log(
  `relu-wasm ${rw.backend}, Node ${process.version}, ${trainSet.count} training images, recipe ${JSON.stringify(recipe)}`,
);
const finals = [];
for (const seed of seeds) {
  const net = rw.createMLP({ sizes: recipe.sizes, activation: recipe.activation, loss: recipe.loss, seed });
  const accuracy = [];
  let seconds = 0;
  const started = performance.now();
  for (let e = 0; e < recipe.epochs; e++) {
    const t = performance.now();
    // Seed 1 is the recipe itself (epoch e shuffles with seed e); other seeds shuffle differently too.
    net.trainOn(train, {
      epochs: 1,
      seed: e + 1000 * (seed - 1),
      batchSize: recipe.batchSize,
      optimizer: recipe.optimizer,
      lr: recipe.lr,
    });
    seconds += (performance.now() - t) / 1000;
    accuracy.push(net.evaluate(test).accuracy);
  }
  const wall = (performance.now() - started) / 1000;
  finals.push(accuracy.at(-1));
  const rate = (recipe.epochs * trainSet.count) / seconds;
  console.log(
    `seed ${seed}: test accuracy by epoch ${accuracy.map((a) => (100 * a).toFixed(2)).join(' ')} %; ${rate.toFixed(0)} samples/s; ${wall.toFixed(1)} s with evaluations`,
  );
  net.dispose();
}
const mean = finals.reduce((a, b) => a + b, 0) / finals.length;
console.log(
  `final test accuracy: mean ${(100 * mean).toFixed(2)} %, min ${(100 * Math.min(...finals)).toFixed(2)}, max ${(100 * Math.max(...finals)).toFixed(2)}`,
);
