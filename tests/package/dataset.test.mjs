// Datasets in WASM memory (rw.createDataset) and the network's calls over them, on both
// binaries: trainOn equals train on float copies of the rows, bit for bit (uint8 and float32
// features, epochs and steps, minibatch and full batch); trainOnAsync equals trainOn and can be
// cancelled; evaluate agrees with predict, in chunks, without memory growing with the rows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadRelu } from 'relu-wasm';
import { bandImages } from 'relu-wasm/datasets';

import { BACKENDS } from './helpers.mjs';

/** rows x features uint8 pixels whose class (of `classes`) lights up one band of features. */
function pixels(rows, features, classes, seed) {
  const { pixels: X, labels: Y } = bandImages(rows, features, classes, seed, 96);
  return { X, Y };
}

/** The float32 rows the engine sees: x * scale, both rounded to float32. */
const scaled = (X, scale) => Float32Array.from(X, (v) => Math.fround(v * Math.fround(scale)));

function paramsOf(net) {
  const out = [];
  for (let l = 0; l + 1 < net.sizes.length; l++) {
    const { W, b } = net.getParams(l);
    out.push(...new Uint32Array(W.buffer), ...new Uint32Array(b.buffer));
  }
  return out;
}

for (const { name, options } of BACKENDS) {
  describe(`${name}: datasets`, () => {
    const { X, Y } = pixels(500, 48, 4, 3);
    const mlp = (rw) => rw.createMLP({ sizes: [48, 16, 4], loss: 'softmax_ce', seed: 9 });

    test('createDataset: shape, type, scale and memory as documented', async () => {
      const rw = await loadRelu(options);
      const u8 = rw.createDataset(X, Y, { features: 48, scale: 1 / 255 });
      assert.deepEqual(
        {
          rows: u8.rows,
          features: u8.features,
          featureType: u8.featureType,
          targetWidth: u8.targetWidth,
          scale: u8.scale,
          bytes: u8.bytes,
        },
        { rows: 500, features: 48, featureType: 'uint8', targetWidth: 1, scale: 1 / 255, bytes: 500 * (48 + 4) },
      );
      const f32 = rw.createDataset(scaled(X, 1), Array.from(Y), { features: 48 });
      assert.equal(f32.featureType, 'float32');
      assert.equal(f32.scale, 1, 'never scaled unless asked');
      const clamped = rw.createDataset(new Uint8ClampedArray(X.buffer), new Int32Array(Y), { features: 48 });
      assert.equal(clamped.featureType, 'uint8');
      for (const d of [u8, f32, clamped]) {
        assert.equal(d.disposed, false);
        d.dispose();
        d.dispose();
        assert.equal(d.disposed, true);
      }
    });

    test('trainOn equals train on float32 copies of the rows, bit for bit', async () => {
      const rw = await loadRelu(options);
      const Xf = scaled(X, 1 / 255);
      const sets = [
        rw.createDataset(X, Y, { features: 48, scale: 1 / 255 }),
        rw.createDataset(Xf, Y, { features: 48 }),
      ];
      for (const [batchSize, extra] of [
        [32, { epochs: 3 }],
        [32, { steps: 7 }],
        [500, { steps: 4 }],
        [9999, { epochs: 2 }],
      ]) {
        const opts = { batchSize, seed: 4, optimizer: 'adam', lr: 0.01 };
        const steps = extra.steps ?? extra.epochs * Math.ceil(500 / Math.min(batchSize, 500));
        const reference = mlp(rw);
        const want = reference.train(Xf, Float32Array.from(Y), { ...opts, steps });
        for (const data of sets) {
          const net = mlp(rw);
          const got = net.trainOn(data, { ...opts, ...extra });
          assert.equal(got, want, `batch ${batchSize} ${JSON.stringify(extra)} ${data.featureType}`);
          assert.deepEqual(paramsOf(net), paramsOf(reference));
          net.dispose();
        }
        reference.dispose();
      }
    });

    test('trainOnAsync equals trainOn, reports progress, and can be cancelled', async () => {
      const rw = await loadRelu(options);
      const data = rw.createDataset(X, Y, { features: 48, scale: 1 / 255 });
      const opts = { epochs: 20, batchSize: 16, seed: 2, optimizer: 'adam', lr: 0.005 };
      const a = mlp(rw);
      const b = mlp(rw);
      const want = a.trainOn(data, opts);
      const progress = [];
      const got = await b.trainOnAsync(data, { ...opts, onProgress: (steps) => progress.push(steps) });
      assert.equal(got, want);
      assert.deepEqual(paramsOf(b), paramsOf(a));
      assert.equal(progress.at(-1), 20 * 32);
      assert.ok(progress.length > 1, 'ran in several chunks');
      const controller = new AbortController();
      const run = b.trainOnAsync(data, {
        ...opts,
        epochs: 1000,
        signal: controller.signal,
        onProgress: () => controller.abort(new Error('stop')),
      });
      await assert.rejects(run, /stop/);
      const disposing = b.trainOnAsync(data, { ...opts, epochs: 1000, onProgress: () => data.dispose() });
      await assert.rejects(disposing, (e) => e instanceof TypeError && /data/.test(e.message));
      assert.ok(Number.isFinite(b.predict(new Float32Array(48))[0]), 'the network still works');
    });

    test('evaluate agrees with predict, over all rows and a range, for softmax_ce and bce', async () => {
      const rw = await loadRelu(options);
      const rows = 2600; // more than two chunks of 1024
      const big = pixels(rows, 48, 4, 8);
      const data = rw.createDataset(big.X, big.Y, { features: 48, scale: 1 / 255 });
      const net = mlp(rw);
      net.trainOn(data, { epochs: 2, batchSize: 32, optimizer: 'adam', lr: 0.01 });
      const ev = net.evaluate(data);
      const p = net.predict(scaled(big.X, 1 / 255));
      const confusion = new Uint32Array(16);
      let correct = 0;
      for (let r = 0; r < rows; r++) {
        let guess = 0;
        for (let k = 1; k < 4; k++) if (p[r * 4 + k] > p[r * 4 + guess]) guess = k;
        assert.equal(ev.predictions[r], guess, `row ${r}`);
        confusion[big.Y[r] * 4 + guess]++;
        if (guess === big.Y[r]) correct++;
      }
      assert.deepEqual(ev.confusion, confusion);
      assert.equal(ev.correct, correct);
      assert.equal(ev.accuracy, correct / rows);
      assert.equal(ev.classes, 4);
      assert.ok(ev.accuracy > 0.9, `learnable blocks: ${ev.accuracy}`);
      const { loss } = net.lossAndGradients(scaled(big.X, 1 / 255), Float32Array.from(big.Y));
      assert.ok(Math.abs(ev.loss - loss) < 1e-6 * loss, `${ev.loss} vs ${loss}`);
      const part = net.evaluate(data, { first: 1000, count: 100 });
      assert.deepEqual([part.first, part.rows], [1000, 100]);
      assert.deepEqual(part.predictions, ev.predictions.slice(1000, 1100));
      assert.equal(net.evaluate(data, { first: rows - 5 }).rows, 5, 'count defaults to the rest');
      assert.equal(net.evaluate(data, { first: rows - 5, count: 99 }).rows, 5, 'count is capped');

      const bce = rw.createMLP({ sizes: [1, 1], seed: 1 });
      bce.setParams(0, [1], [0]);
      const b = rw.createDataset([-2, -1, 0.5, 3], [0, 1, 1, 1], { features: 1 });
      const e = bce.evaluate(b);
      assert.deepEqual(Array.from(e.predictions), [0, 0, 1, 1]);
      assert.deepEqual(Array.from(e.confusion), [1, 0, 1, 2]);
      const mse = rw.createMLP({ sizes: [1, 2], loss: 'mse', seed: 1 });
      const m = mse.evaluate(rw.createDataset([1, 2], [0, 0, 1, 1], { features: 1 }));
      assert.ok(Number.isNaN(m.accuracy));
      assert.equal(m.predictions.length, 0);
      assert.equal(m.confusion.length, 0);
    });

    test('evaluating 10 000 rows of 784 features takes the memory of one chunk, not of the rows', async () => {
      const rw = await loadRelu(options);
      const { X: x, Y: y } = pixels(10_000, 784, 10, 5);
      const data = rw.createDataset(x, y, { features: 784, scale: 1 / 255 });
      const net = rw.createMLP({ sizes: [784, 128, 10], loss: 'softmax_ce', seed: 1 });
      net.evaluate(data, { count: 10 });
      const before = rw.memoryBytes();
      const ev = net.evaluate(data);
      assert.equal(ev.rows, 10_000);
      const grew = rw.memoryBytes() - before;
      // One chunk's workspace is ~5 MiB; 10 000 float rows alone would be 31 MiB.
      assert.ok(grew <= 8 * 2 ** 20, `memory grew by ${grew} bytes`);
      assert.ok(rw.memoryBytes() < 64 * 2 ** 20, `${rw.memoryBytes()} bytes in all`);
    });
  });
}
