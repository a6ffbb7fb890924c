// Fashion-MNIST through the whole path a reader's browser takes: the site's data files (built
// by web/scripts/build-fashion-mnist.mjs from the Debian package's IDX files; missing files
// fail this test, never skip it), the decoder, a dataset in WASM memory, the default recipe
// (FASHION_MNIST_RECIPE), and evaluation of the 10 000 test images in one call. Asserts results
// after a fixed seed and number of epochs, never a time.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { before, describe, test } from 'node:test';

import { loadRelu } from 'relu-wasm';
import {
  FASHION_MNIST,
  FASHION_MNIST_CNN_RECIPE as C,
  FASHION_MNIST_RECIPE as R,
  decodeImageSetAsync,
  quantize4,
  recipeLearningRate,
} from 'relu-wasm/datasets';

const DATA = new URL('../../build/site-data/fashion-mnist/', import.meta.url);
const IDX = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

function readAsset(file) {
  const url = new URL(file, DATA);
  assert.ok(
    existsSync(url),
    `${url.pathname} is missing: install the dataset (apt-get install -y dataset-fashion-mnist) and run npm run build (or node web/scripts/build-fashion-mnist.mjs)`,
  );
  return readFileSync(url);
}

/** The recipe's network trained for `epochs` epochs; returns it with the test evaluation after each. */
function trainRecipe(rw, train, test, epochs) {
  const net = rw.createMLP({ sizes: R.sizes, activation: R.activation, loss: R.loss, seed: R.seed });
  const history = [];
  for (let e = 0; e < epochs; e++) {
    const trainLoss = net.trainOn(train, {
      epochs: 1,
      seed: e,
      batchSize: R.batchSize,
      optimizer: R.optimizer,
      lr: R.lr,
    });
    history.push({ trainLoss, ...net.evaluate(test) });
  }
  return { net, history };
}

describe('Fashion-MNIST, default recipe', () => {
  let manifest;
  let testSet;
  let trainSet;
  before(async () => {
    manifest = JSON.parse(readAsset('manifest.json'));
    testSet = await decodeImageSetAsync(readAsset(manifest.test[0].file));
    trainSet = await decodeImageSetAsync(readAsset(manifest.train[0].file));
  });

  test('the data files: sizes within the budget, pixels the 4-bit quantisation of the IDX files', () => {
    const sum = (parts) => parts.reduce((n, p) => n + p.bytes, 0);
    const defaultBytes = sum(manifest.test) + manifest.train[0].bytes;
    console.log(
      `default load ${(defaultBytes / 1e6).toFixed(2)} MB, full training set ${(sum(manifest.train) / 1e6).toFixed(2)} MB more`,
    );
    assert.ok(defaultBytes <= 8e6, `the default load is ${defaultBytes} bytes`);
    assert.equal(manifest.test[0].count, 10_000);
    assert.equal(
      manifest.train.reduce((n, p) => n + p.count, 0),
      60_000,
    );
    assert.equal(manifest.train[0].count, R.trainImages);
    assert.deepEqual(manifest.classes, FASHION_MNIST.classes);
    assert.equal(testSet.count, 10_000);
    assert.equal(trainSet.count, R.trainImages);
    // Against the original files: labels equal, pixels within half a 4-bit step.
    const images = gunzipSync(readFileSync(`${IDX}/t10k-images-idx3-ubyte.gz`)).subarray(16);
    const labels = gunzipSync(readFileSync(`${IDX}/t10k-labels-idx1-ubyte.gz`)).subarray(8);
    assert.deepEqual(testSet.labels, new Uint8Array(labels));
    for (let i = 0; i < images.length; i++) {
      if (testSet.pixels[i] !== quantize4(images[i]) * 17)
        assert.fail(`test pixel ${i}: ${testSet.pixels[i]} for ${images[i]}`);
    }
  });

  test(`SIMD: ${R.sizes.join('-')} reaches >= 85 % test accuracy after ${R.epochs} epochs`, async () => {
    const rw = await loadRelu({ simd: true });
    const train = rw.createDataset(trainSet.pixels, trainSet.labels, { features: 784, scale: R.scale });
    const test = rw.createDataset(testSet.pixels, testSet.labels, { features: 784, scale: R.scale });
    const started = performance.now();
    const { net, history } = trainRecipe(rw, train, test, R.epochs);
    const seconds = (performance.now() - started) / 1000;
    for (const [e, h] of history.entries())
      console.log(
        `epoch ${e + 1}: train loss ${h.trainLoss.toFixed(4)}, test loss ${h.loss.toFixed(4)}, test accuracy ${(100 * h.accuracy).toFixed(2)} %`,
      );
    console.log(
      `${R.epochs} epochs of ${R.trainImages} images and ${R.epochs} evaluations of 10 000 in ${seconds.toFixed(1)} s (not asserted)`,
    );
    const last = history.at(-1);
    assert.ok(last.accuracy >= 0.85, `test accuracy ${last.accuracy}`);
    assert.ok(
      history.every((h, i) => i === 0 || h.trainLoss < history[i - 1].trainLoss),
      'the training loss falls every epoch',
    );
    // The evaluation's parts agree with each other.
    assert.equal(last.rows, 10_000);
    assert.equal(
      last.confusion.reduce((a, b) => a + b, 0),
      10_000,
    );
    assert.equal(
      last.correct,
      Array.from({ length: 10 }, (_, k) => last.confusion[k * 11]).reduce((a, b) => a + b, 0),
    );
    assert.equal(last.correct, last.predictions.filter((p, i) => p === testSet.labels[i]).length);
    // Every class is learned (the hardest, shirts, well above chance).
    for (let k = 0; k < 10; k++) {
      const row = last.confusion.slice(k * 10, k * 10 + 10).reduce((a, b) => a + b, 0);
      assert.ok(
        last.confusion[k * 11] / row > 0.4,
        `class ${FASHION_MNIST.classes[k]}: ${last.confusion[k * 11]} of ${row}`,
      );
    }
    net.dispose();
    train.dispose();
    test.dispose();
  });

  test('scalar build: the first epoch agrees with the SIMD build within float rounding', async () => {
    const results = [];
    for (const simd of [true, false]) {
      const rw = await loadRelu({ simd });
      const train = rw.createDataset(trainSet.pixels, trainSet.labels, { features: 784, scale: R.scale });
      const test = rw.createDataset(testSet.pixels, testSet.labels, { features: 784, scale: R.scale });
      const { history } = trainRecipe(rw, train, test, 1);
      results.push(history[0]);
    }
    const [simd, scalar] = results;
    console.log(
      `epoch 1: SIMD loss ${simd.trainLoss}, accuracy ${simd.accuracy}; scalar loss ${scalar.trainLoss}, accuracy ${scalar.accuracy}`,
    );
    assert.ok(Math.abs(simd.trainLoss - scalar.trainLoss) < 1e-3, 'training loss');
    assert.ok(Math.abs(simd.accuracy - scalar.accuracy) <= 0.005, 'test accuracy');
    assert.ok(scalar.accuracy > 0.78);
  });
});

test("recipeLearningRate: the CNN recipe's rate shrinks by lrDecay each epoch; a recipe without it keeps lr", () => {
  assert.equal(recipeLearningRate(C, 0), C.lr);
  assert.equal(recipeLearningRate(C, 1), C.lr * C.lrDecay);
  assert.ok(Math.abs(recipeLearningRate(C, C.epochs - 1) - C.lr * C.lrDecay ** (C.epochs - 1)) < 1e-15);
  assert.ok(C.lrDecay > 0 && C.lrDecay < 1);
  for (let e = 0; e < R.epochs; e++) assert.equal(recipeLearningRate(R, e), R.lr);
});
