// The convolutional network through the package, on both binaries: PyTorch golden vectors
// (tests/fixtures/nn/conv_golden.json, also read by tests/cpp/nn/conv_golden_test.cc), the
// API's shapes and layouts, chunked prediction, Dataset training, determinism and learning.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import { loadAll, rng } from './helpers.mjs';

const golden = JSON.parse(readFileSync(new URL('../fixtures/nn/conv_golden.json', import.meta.url), 'utf8'));

function close(actual, expected, what, { rel = 1e-4, abs = 1e-5 } = {}) {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${what}: length`);
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(a[i] - e[i]) <= abs + rel * Math.abs(e[i]))) {
      assert.fail(`${what}[${i}]: got ${a[i]}, expected ${e[i]} (diff ${Math.abs(a[i] - e[i]).toExponential(2)})`);
    }
  }
}

function makeNet(rw, c) {
  const net = rw.createConvNet({
    input: c.input,
    layers: c.layers,
    activation: c.activation,
    leakySlope: c.leakySlope,
    loss: c.loss,
    gradAtZero: c.gradAtZero,
    init: 'zeros',
  });
  c.params.forEach((p, l) => net.setParams(l, p.W, p.b));
  return net;
}

/** Bars: vertical (class 0) or horizontal (class 1) lines in 8x8 images, as uint8 pixels. */
function bars(rows, seed) {
  const random = rng(seed);
  const X = new Uint8Array(rows * 64);
  const Y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const cls = random() < 0.5 ? 0 : 1;
    const at = Math.floor(random() * 8);
    Y[r] = cls;
    for (let i = 0; i < 8; i++) X[r * 64 + (cls === 0 ? i * 8 + at : at * 8 + i)] = 255;
  }
  return { X, Y };
}

let backends;
before(async () => {
  backends = await loadAll();
});

for (const backend of ['wasm-simd', 'wasm-scalar']) {
  describe(`${backend}: convolutional network`, () => {
    const rw = () => backends.find((b) => b.name === backend).rw;

    test('PyTorch golden vectors: loss, gradients, predictions, activations, dead units, 3 steps of each optimizer', () => {
      assert.equal(golden.cases.length, 14);
      for (const c of golden.cases) {
        const net = makeNet(rw(), c);
        const Y = c.loss === 'softmax_ce' ? Int32Array.from(c.Y) : Float32Array.from(c.Y);
        for (const g of c.gradients) {
          const got = net.lossAndGradients(c.X, Y, { l2: g.l2, l1: g.l1 });
          close(got.loss, g.loss, `${c.name} loss l2=${g.l2} l1=${g.l1}`);
          assert.equal(got.grads.length, g.grads.length);
          g.grads.forEach((e, l) => {
            close(got.grads[l].dW, e.dW, `${c.name} dW${l}`);
            close(got.grads[l].db, e.db, `${c.name} db${l}`);
          });
        }
        close(net.predict(c.X), c.predict, `${c.name} predict`);
        const acts = net.activations(c.X);
        assert.equal(acts.length, c.layers.length);
        acts.forEach((a, l) => close(a, c.activations[l], `${c.name} activations ${l}`));
        assert.deepEqual(net.deadUnits(c.X), c.deadUnits, `${c.name} deadUnits`);
        for (const t of c.training) {
          c.params.forEach((p, l) => net.setParams(l, p.W, p.b));
          net.resetOptimizer();
          const { steps, losses, params, ...options } = t;
          const got = [];
          for (let s = 0; s < steps; s++) got.push(net.trainStep(c.X, Y, options));
          close(got, losses, `${c.name} ${t.optimizer} l2=${t.l2} losses`);
          params.forEach((p, l) => {
            const q = net.getParams(l);
            close(q.W, p.W, `${c.name} ${t.optimizer} l2=${t.l2} W${l} after ${steps} steps`);
            close(q.b, p.b, `${c.name} ${t.optimizer} l2=${t.l2} b${l} after ${steps} steps`);
          });
        }
        net.dispose();
      }
    });

    test("the issue's network: shapes, layouts and a dead channel", () => {
      const net = rw().createConvNet({
        input: [1, 28, 28],
        layers: [
          { conv: 8, kernel: 5, padding: 'same' },
          { pool: 2 },
          { conv: 16, kernel: 5, padding: 'same' },
          { pool: 2 },
          { dense: 10 },
        ],
        activation: 'relu',
        loss: 'softmax_ce',
        seed: 1,
      });
      assert.deepEqual(
        net.layers.map((l) => l.shape),
        [[8, 28, 28], [8, 14, 14], [16, 14, 14], [16, 7, 7], [10]],
      );
      assert.equal(net.paramLayers, 3);
      assert.equal(net.getParams(0).W.length, 8 * 1 * 5 * 5);
      assert.equal(net.getParams(1).W.length, 16 * 8 * 5 * 5);
      assert.equal(net.getParams(2).W.length, 10 * 16 * 7 * 7);
      // A channel with bias -1e3 is 0 everywhere after ReLU: deadUnits lists it.
      const { W, b } = net.getParams(1);
      b[3] = -1e3;
      net.setParams(1, W, b);
      const X = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 7) / 7);
      const acts = net.activations(X);
      assert.deepEqual(
        acts.map((a) => a.length),
        [2 * 8 * 784, 2 * 8 * 196, 2 * 16 * 196, 2 * 16 * 49, 20],
      );
      // Dead channels, computed from the activations ([rows][channels][positions]).
      const deadOf = (a, channels, positions) =>
        Array.from({ length: channels }, (_, c) => c).filter((c) =>
          [0, 1].every((r) =>
            a.subarray((r * channels + c) * positions, (r * channels + c + 1) * positions).every((v) => v === 0),
          ),
        );
      const dead = net.deadUnits(X);
      assert.deepEqual(dead, [deadOf(acts[0], 8, 784), deadOf(acts[2], 16, 196)]);
      assert.ok(dead[1].includes(3), `channel 3 is dead: ${dead[1]}`);
      net.dispose();
    });

    test('predict on 3000 images runs in chunks with the same values as 100 at a time', () => {
      const net = rw().createConvNet({
        input: [1, 12, 12],
        layers: [{ conv: 4, kernel: 5 }, { pool: 2 }, { dense: 3 }],
        loss: 'softmax_ce',
        seed: 2,
      });
      const random = rng(5);
      const X = Float32Array.from({ length: 3000 * 144 }, () => random());
      const all = net.predict(X);
      for (const first of [0, 1200, 2900]) {
        const part = net.predict(X.subarray(first * 144, (first + 100) * 144));
        assert.deepEqual(Array.from(part), Array.from(all.subarray(first * 3, (first + 100) * 3)));
      }
      net.dispose();
    });

    test('trainOn a uint8 dataset equals train on float32 copies, bit for bit, and learns', async () => {
      const { X, Y } = bars(300, 9);
      const data = rw().createDataset(X, Y, { features: 64, scale: 1 / 255 });
      const Xf = Float32Array.from(X, (v) => Math.fround(v * Math.fround(1 / 255)));
      const make = () =>
        rw().createConvNet({
          input: [1, 8, 8],
          layers: [{ conv: 4, kernel: 3 }, { pool: 2 }, { dense: 2 }],
          loss: 'softmax_ce',
          seed: 4,
        });
      const a = make();
      const b = make();
      const options = { batchSize: 16, steps: 80, seed: 3, lr: 0.05, optimizer: 'momentum' };
      const la = a.trainOn(data, options);
      const lb = await b.trainAsync(Xf, Y, options);
      assert.equal(la, lb);
      assert.deepEqual(Array.from(a.getParams(0).W), Array.from(b.getParams(0).W));
      const e = a.evaluate(data);
      assert.equal(e.rows, 300);
      assert.ok(e.accuracy >= 0.95, `accuracy ${e.accuracy}`);
      a.dispose();
      b.dispose();
      data.dispose();
    });
  });
}

// Every kernel variant adds in the same order (cpp/kernels/f32_gemm.h, f32_conv.h), so the two
// binaries agree bit for bit, on 'same' and 'valid' convolutions, odd pools and dense tails.
test('both binaries agree bit for bit after 20 steps of the same seeded run', async () => {
  const results = [];
  for (const { rw } of backends) {
    const net = rw.createConvNet({
      input: [3, 9, 7],
      layers: [
        { conv: 5, kernel: 3, padding: 'same' },
        { conv: 4, kernel: 3, padding: 'valid' },
        { pool: 2 },
        { dense: 6 },
        { dense: 3 },
      ],
      loss: 'softmax_ce',
      seed: 8,
    });
    const random = rng(2);
    const X = Float32Array.from({ length: 40 * 189 }, () => random() - 0.5);
    const Y = Int32Array.from({ length: 40 }, (_, i) => i % 3);
    net.train(X, Y, { batchSize: 8, steps: 20, seed: 1, lr: 0.05 });
    results.push([0, 1, 2, 3].map((l) => net.getParams(l)));
    net.dispose();
  }
  for (let l = 0; l < 4; l++) {
    assert.deepStrictEqual(results[0][l].W, results[1][l].W, `layer ${l} W`);
    assert.deepStrictEqual(results[0][l].b, results[1][l].b, `layer ${l} b`);
  }
});
