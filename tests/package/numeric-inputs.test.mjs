// The copying functions and the network's X and Y take any numeric typed array (or an array
// of numbers), converted to float32 by value with no scaling, so results equal those of the
// same values in a Float32Array. BigInt arrays stay TypeErrors; the zero-copy functions stay
// WasmBuffer-only. Both binaries.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadRelu } from 'relu-wasm';

import { BACKENDS } from './helpers.mjs';

// Values each kind can hold exactly, plus one it must round (Float64Array's 0.1).
const KINDS = [
  [Float64Array, [-2.5, -1, 0, 0.1, 3, 1e6]],
  [Int8Array, [-128, -1, 0, 1, 127]],
  [Uint8Array, [0, 1, 128, 255]],
  [Uint8ClampedArray, [0, 7, 255]],
  [Int16Array, [-32768, -3, 0, 3, 32767]],
  [Uint16Array, [0, 9, 65535]],
  [Int32Array, [-(2 ** 31), -5, 0, 5, 2 ** 31 - 1]],
  [Uint32Array, [0, 11, 2 ** 32 - 1]],
];

const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));

for (const backend of BACKENDS) {
  describe(`numeric inputs (${backend.name})`, () => {
    let rw;
    before(async () => {
      rw = await loadRelu(backend.options);
    });

    for (const [Kind, values] of KINDS) {
      test(`${Kind.name}: the copying kernels equal Float32Array.from(values), unscaled`, () => {
        const x = Kind.from(values);
        const dy = Kind.from(values.map((_, i) => values[(i + 1) % values.length]));
        const [fx, fdy] = [Float32Array.from(x), Float32Array.from(dy)];
        assert.deepEqual(bits(rw.relu(x)), bits(rw.relu(fx)));
        assert.deepEqual(bits(rw.reluBackward(x, dy)), bits(rw.reluBackward(fx, fdy)));
        assert.deepEqual(bits(rw.leakyRelu(x, 0.25)), bits(rw.leakyRelu(fx, 0.25)));
        assert.deepEqual(bits(rw.leakyReluBackward(x, dy, 0.25)), bits(rw.leakyReluBackward(fx, fdy, 0.25)));
        // Mixed kinds: x one kind, dy an array of numbers.
        assert.deepEqual(bits(rw.reluBackward(x, Array.from(dy))), bits(rw.reluBackward(fx, fdy)));
        // No scaling: the largest value passes through ReLU as itself (rounded to float32).
        const max = Math.max(...values);
        assert.equal(rw.relu(x)[values.indexOf(max)], Math.fround(max));
      });
    }

    test('Float64Array values round to the nearest float32, like Float32Array.from', () => {
      assert.deepEqual(Array.from(rw.relu(new Float64Array([0.1, 1 / 3, 1e-50, 1e39]))), [
        Math.fround(0.1),
        Math.fround(1 / 3),
        0,
        Infinity,
      ]);
    });

    test('the network: X as Float64Array, Y as Uint8Array labels train bit-identically to Float32Array', () => {
      const X = [0, 0, 0, 1, 1, 0, 1, 1];
      const Y = [0, 1, 1, 0];
      const run = (x, y) => {
        const net = rw.createMLP({ sizes: [2, 6, 1], seed: 7 });
        const loss = net.train(x, y, { batchSize: 2, steps: 50, optimizer: 'adam', lr: 0.05 });
        const p = bits(net.predict(x));
        net.dispose();
        return { loss, p };
      };
      const reference = run(Float32Array.from(X), Float32Array.from(Y));
      assert.deepEqual(run(Float64Array.from(X), Uint8Array.from(Y)), reference);
      assert.deepEqual(run(Int16Array.from(X), Int32Array.from(Y)), reference);
    });

    test('softmax_ce class indices as Uint8Array; mse targets as Float64Array', () => {
      const X = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);
      const net = rw.createMLP({ sizes: [2, 4, 3], loss: 'softmax_ce', seed: 3 });
      const a = net.lossAndGradients(X, new Uint8Array([0, 1, 2, 1])).loss;
      assert.equal(a, net.lossAndGradients(X, [0, 1, 2, 1]).loss);
      net.dispose();
      const reg = rw.createMLP({ sizes: [2, 4, 2], loss: 'mse', seed: 3 });
      const T = [0.5, 1, 0.25, 2, 1, 0, 3, 0.125];
      const before = reg.lossAndGradients(X, Float32Array.from(T)).loss;
      assert.equal(reg.trainStep(X, new Float64Array(T)), before);
      reg.dispose();
    });

    test('BigInt arrays and DataViews stay TypeErrors naming the argument; the instance keeps working', () => {
      const net = rw.createMLP({ sizes: [2, 4, 1], seed: 1 });
      const cases = [
        [() => rw.relu(new BigInt64Array(2)), /^x is a BigInt64Array/],
        [() => rw.reluBackward([1, 2], new BigUint64Array(2)), /^dy is a BigUint64Array/],
        [
          () => rw.leakyRelu(new DataView(new ArrayBuffer(8))),
          /^x must be a Float32Array, another numeric typed array/,
        ],
        [() => net.predict(new BigInt64Array(4)), /^X is a BigInt64Array/],
        [() => net.trainStep([0, 0, 1, 1], new BigInt64Array(2)), /^Y is a BigInt64Array/],
      ];
      for (const [call, message] of cases)
        assert.throws(call, (e) => e instanceof TypeError && message.test(e.message));
      net.dispose();
      assert.deepEqual(Array.from(rw.relu([-1, 2])), [0, 2]);
    });

    test('buffer.set and net.setParams copy numeric typed arrays by value too', () => {
      const b = rw.alloc(3);
      b.set(new Uint8Array([0, 128, 255]));
      assert.deepEqual(Array.from(b.toArray()), [0, 128, 255]);
      b.set(new Float64Array([0.1]), 2);
      assert.deepEqual(Array.from(b.toArray()), [0, 128, Math.fround(0.1)]);
      b.dispose();
      const net = rw.createMLP({ sizes: [2, 1], seed: 1 });
      net.setParams(0, new Int16Array([3, -4]), new Float64Array([0.5]));
      const { W, b: bias } = net.getParams(0);
      assert.deepEqual([Array.from(W), Array.from(bias)], [[3, -4], [0.5]]);
      net.dispose();
    });

    test('the zero-copy functions stay WasmBuffer-only', () => {
      const b = rw.alloc(2);
      assert.throws(() => rw.reluInto(new Float64Array(2), b), TypeError);
      assert.throws(() => rw.reluInto(b, new Float32Array(2)), TypeError);
      b.dispose();
    });
  });
}
