// net.gradientCheck(): the engine's double-precision centred differences against the analytic
// gradient, on both binaries: a tanh net, the CS231n ReLU net after training, kinks counted
// apart, and misuse that names the option and leaves the instance working.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { generate } from 'relu-wasm/datasets';

import { loadAll } from './helpers.mjs';

const backends = await loadAll();

for (const { name, rw } of backends) {
  describe(`gradientCheck (${name})`, () => {
    let circle, spiral;
    before(() => {
      circle = generate('circle', { n: 200, seed: 2 });
      spiral = generate('cs231n-spiral', { n: 300, classes: 3, seed: 1 });
    });

    test('tanh 2-8-1: every parameter checked, no kinks, max relative error < 1e-4', () => {
      const net = rw.createMLP({ sizes: [2, 8, 1], activation: 'tanh', seed: 3 });
      net.train(circle.X, circle.Y, { lr: 0.03, batchSize: 10, steps: 100 });
      const r = net.gradientCheck(circle.X, circle.Y);
      assert.equal(r.checked, 2 * 8 + 8 + 8 + 1);
      assert.equal(r.kinks, 0);
      assert.ok(r.maxRelativeError < 1e-4, `maxRelativeError ${r.maxRelativeError}`);
      assert.equal(r.worst.relativeError, r.maxRelativeError);
      assert.ok(r.worst.kind === 'weight' || r.worst.kind === 'bias');
    });

    test('CS231n ReLU 2-100-3 after 200 steps: max relative error < 1e-4, kinks counted apart', () => {
      const net = rw.createMLP({ sizes: [2, 100, 3], activation: 'relu', loss: 'softmax_ce', seed: 1 });
      const options = { lr: 1, l2: 0.001 };
      for (let i = 0; i < 200; i++) net.trainStep(spiral.X, spiral.Y, options);
      const r = net.gradientCheck(spiral.X, spiral.Y, { l2: 0.001 });
      assert.equal(r.checked, 2 * 100 + 100 + 100 * 3 + 3);
      assert.ok(r.kinks < r.checked);
      assert.ok(r.maxRelativeError < 1e-4, `maxRelativeError ${r.maxRelativeError}, kinks ${r.kinks}`);
      // A seeded sample: the same parameters for the same seed.
      const a = net.gradientCheck(spiral.X, spiral.Y, { l2: 0.001, maxParams: 50, seed: 7 });
      const b = net.gradientCheck(spiral.X, spiral.Y, { l2: 0.001, maxParams: 50, seed: 7 });
      assert.equal(a.checked, 50);
      assert.deepEqual(a, b);
    });

    test('a check across the kink is a kink, and null when nothing else is left', () => {
      const net = rw.createMLP({ sizes: [1, 3, 1], activation: 'relu' });
      net.setParams(0, new Float32Array([1, 1, 1]), new Float32Array(3));
      // x = 0 puts every hidden pre-activation on 0; a step of 1 moves each by 1.
      const r = net.gradientCheck(new Float32Array([0]), new Float32Array([1]), { step: 1 });
      assert.equal(r.checked, 10);
      assert.equal(r.kinks, 3);
      const only = rw.createMLP({ sizes: [1, 1, 1], activation: 'relu' });
      only.setParams(0, new Float32Array([1]), new Float32Array([0]));
      only.setParams(1, new Float32Array([1]), new Float32Array([0]));
      // Every parameter's check moves the one pre-activation, which sits at 0... except the
      // output layer's, which do not move it: those are compared.
      const s = only.gradientCheck(new Float32Array([0]), new Float32Array([1]), { step: 0.5 });
      assert.equal(s.checked, 4);
      assert.equal(s.kinks, 1); // b0 (W0 multiplies x = 0 and moves nothing)
      assert.ok(s.maxRelativeError !== null && s.maxRelativeError < 1e-4);
    });

    test('misuse: unknown key and bad step are errors naming them; the instance keeps working', () => {
      const net = rw.createMLP({ sizes: [2, 4, 1], activation: 'tanh' });
      assert.throws(
        () => net.gradientCheck(circle.X, circle.Y, { stepp: 1e-5 }),
        (e) => e instanceof TypeError && /stepp/.test(e.message) && /step/.test(e.message),
      );
      assert.throws(
        () => net.gradientCheck(circle.X, circle.Y, { step: 0 }),
        (e) => e instanceof RangeError && /options\.step/.test(e.message),
      );
      assert.throws(() => net.gradientCheck(circle.X, circle.Y, { step: Number.NaN }), /options\.step/);
      assert.throws(
        () => net.gradientCheck(circle.X, circle.Y, { step: '1e-5' }),
        (e) => e instanceof TypeError && /options\.step/.test(e.message),
      );
      assert.throws(() => net.gradientCheck(circle.X, circle.Y, { maxParams: 0.5 }), /options\.maxParams/);
      assert.throws(
        () => net.gradientCheck(circle.X, circle.Y, { floor: 2 }),
        (e) => e instanceof RangeError && /options\.floor/.test(e.message),
      );
      assert.throws(() => net.gradientCheck(circle.X, circle.Y.subarray(1)), RangeError);
      const r = net.gradientCheck(circle.X, circle.Y);
      assert.equal(r.checked, 17);
      assert.ok(r.maxRelativeError < 1e-4);
      assert.ok(Number.isFinite(net.trainStep(circle.X, circle.Y)));
    });
  });
}
