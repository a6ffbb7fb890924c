// Training faults through the package, on both binaries: a learning rate that explodes the
// loss, NaN appearing mid-training (overflowing weights, an overflowing update), a network of
// 0 units, a dataset of 0 and of 1 row. The contract (docs/numerics.md, "Training faults"):
// train/trainStep return a non-finite loss exactly when training diverged, a non-finite loss
// applies no update, the optimizer state is cleared, and setParams makes the net usable again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { generate } from 'relu-wasm/datasets';

import { loadAll } from './helpers.mjs';

let backends;
before(async () => {
  backends = await loadAll();
});

let faults = 0;
after(() =>
  console.log(`faults: ${faults} training faults injected across both binaries, each detected and recovered from`),
);

const data = generate('xor', { n: 64, seed: 4 });
const params = (net) => net.sizes.slice(1).map((_, l) => net.getParams(l));
const restore = (net, saved) => saved.forEach((p, l) => net.setParams(l, p.W, p.b));
const allFinite = (net) => params(net).every(({ W, b }) => W.every(Number.isFinite) && b.every(Number.isFinite));

for (const name of ['wasm-simd', 'wasm-scalar']) {
  describe(`${name}: training faults`, () => {
    const rw = () => backends.find((b) => b.name === name).rw;

    for (const optimizer of ['sgd', 'momentum', 'adam']) {
      test(`an exploding learning rate (${optimizer}): non-finite loss returned, setParams alone recovers`, () => {
        const net = rw().createMLP({ sizes: [2, 8, 8, 1], seed: 2 });
        const initial = params(net);
        // lr = 1e25: the first update throws the weights far out; the next forward overflows.
        const lr = optimizer === 'adam' ? 1e25 : 1e12;
        const loss = net.train(data.X, data.Y, { batchSize: 16, steps: 50, lr, optimizer });
        assert.ok(!Number.isFinite(loss), `train returned ${loss}`);
        faults++;
        // Step by step: the first non-finite loss is reported by trainStep too.
        restore(net, initial);
        const losses = [];
        for (let i = 0; i < 50 && Number.isFinite(losses.at(-1) ?? 0); i++)
          losses.push(net.trainStep(data.X, data.Y, { lr, optimizer }));
        assert.ok(!Number.isFinite(losses.at(-1)), `trainStep losses ${losses.join(', ')}`);
        faults++;
        // Recovery: restoring the weights is enough (the engine cleared the optimizer state), and
        // training from there is bit-identical to a fresh network with those weights.
        restore(net, initial);
        const fresh = rw().createMLP({ sizes: [2, 8, 8, 1], seed: 2 });
        const opts = { batchSize: 16, steps: 300, lr: optimizer === 'sgd' ? 0.3 : 0.03, optimizer, seed: 1 };
        const a = net.train(data.X, data.Y, opts);
        const b = fresh.train(data.X, data.Y, opts);
        assert.ok(Number.isFinite(a) && a < 0.6, `recovered training, mean loss ${a}`);
        assert.equal(a, b, 'same as a fresh network');
        assert.deepEqual(params(net), params(fresh));
        net.dispose();
        fresh.dispose();
      });
    }

    test('NaN mid-training from huge weights: non-finite loss, no update applied, the weights are kept for inspection', () => {
      const net = rw().createMLP({ sizes: [2, 4, 1], seed: 1 });
      const healthy = params(net);
      // Finite weights whose products overflow float32 in the forward pass.
      const huge = { W: new Float32Array(8).fill(3e38), b: new Float32Array(4) };
      net.setParams(0, huge.W, huge.b);
      net.setParams(1, new Float32Array(4).fill(3e38), new Float32Array(1));
      const before = params(net);
      for (const call of [
        () => net.trainStep(data.X, data.Y, { lr: 0.1 }),
        () => net.train(data.X, data.Y, { lr: 0.1, steps: 10, batchSize: 8, optimizer: 'adam' }),
        () => net.lossAndGradients(data.X, data.Y).loss,
      ]) {
        const loss = call();
        assert.ok(!Number.isFinite(loss), `loss ${loss}`);
        assert.deepEqual(params(net), before, 'a non-finite loss applies no update');
        faults++;
      }
      // predict still answers (with what overflowing weights give), and recovery works.
      assert.equal(net.predict(data.X).length, 64);
      restore(net, healthy);
      const loss = net.train(data.X, data.Y, { lr: 0.1, steps: 200, batchSize: 16 });
      assert.ok(Number.isFinite(loss) && allFinite(net), `after restoring: ${loss}`);
      net.dispose();
    });

    test('an update that overflows after a finite loss: the call still reports divergence (NaN)', () => {
      const net = rw().createMLP({ sizes: [2, 1], seed: 1 });
      net.setParams(0, [1e20, 1e20], [0]);
      const X = [1e15, 1e15];
      // bce on z = 2e35 with label 0: a finite loss (about 2e35) and dL/dW = x = 1e15, so the
      // update 9e29 * 1e15 overflows float32.
      assert.ok(Number.isFinite(net.lossAndGradients(X, [0]).loss));
      const loss = net.trainStep(X, [0], { lr: 9e29 });
      assert.ok(Number.isNaN(loss), `trainStep returned ${loss} although the update overflowed`);
      assert.equal(allFinite(net), false, 'the weights overflowed');
      faults++;
      net.setParams(0, [0.1, 0.1], [0]);
      assert.ok(Number.isFinite(net.trainStep([1, 1], [0], { lr: 0.1 })));
      net.dispose();
    });

    test('a network of 0 units and a dataset of 0 rows are refused', () => {
      for (const sizes of [[2, 0, 1], [0, 1], [2, 0], []]) {
        assert.throws(
          () => rw().createMLP({ sizes }),
          (e) => e instanceof RangeError && /options\.sizes/.test(e.message),
          `sizes [${sizes}]`,
        );
        faults++;
      }
      const net = rw().createMLP({ sizes: [2, 4, 1] });
      const empty = new Float32Array(0);
      for (const call of [
        () => net.train(empty, empty),
        () => net.trainStep(empty, []),
        () => net.lossAndGradients([], []),
        () => net.predict(empty),
        () => net.activations([]),
        () => net.deadUnits([]),
      ]) {
        assert.throws(call, (e) => e instanceof RangeError && /X is empty/.test(e.message));
        faults++;
      }
      assert.equal(typeof net.trainStep([0, 1], [1]), 'number');
      net.dispose();
    });

    test('a dataset of 1 row trains (every loss; batchSize larger than the data is capped)', () => {
      const cases = [
        [{ sizes: [2, 4, 1] }, [1]],
        [{ sizes: [2, 4, 3], loss: 'softmax_ce' }, new Int32Array([2])],
        [{ sizes: [2, 4, 2], loss: 'mse' }, [0.5, -0.5]],
      ];
      for (const [options, Y] of cases) {
        const net = rw().createMLP({ seed: 1, ...options });
        const first = net.lossAndGradients([0.5, -0.5], Y).loss;
        const mean = net.train([0.5, -0.5], Y, { batchSize: 32, steps: 200, lr: 0.1 });
        const last = net.lossAndGradients([0.5, -0.5], Y).loss;
        assert.ok(Number.isFinite(mean) && last < first / 10, `${options.loss ?? 'bce'}: loss ${first} -> ${last}`);
        assert.equal(net.predict([0.5, -0.5]).length, options.sizes.at(-1));
        net.dispose();
      }
    });
  });
}
