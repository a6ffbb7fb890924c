// The training engine through the package, on both binaries: PyTorch golden vectors, an
// independent double-precision reference (itself checked by finite differences), finite
// differences on the engine, learning, determinism, optimizer state, memory and misuse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import { generate } from 'relu-wasm/datasets';

import { accuracy, loadAll, rng } from './helpers.mjs';
import { referenceLossAndGradients } from './mlp-reference.mjs';

const golden = JSON.parse(readFileSync(new URL('../fixtures/nn/golden.json', import.meta.url), 'utf8'));
const init = JSON.parse(readFileSync(new URL('../fixtures/nn/init.json', import.meta.url), 'utf8'));

const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'linear'];
const LOSSES = ['bce', 'mse', 'softmax_ce'];

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

function randomCase(activation, loss, sizes, seed) {
  const random = rng(seed);
  const n = () => (random() - 0.5) * 2;
  const rows = 7;
  const params = sizes.slice(1).map((out, l) => ({
    W: Array.from({ length: out * sizes[l] }, n),
    b: Array.from({ length: out }, () => n() * 0.5),
  }));
  const X = Float32Array.from({ length: rows * sizes[0] }, n);
  const K = sizes[sizes.length - 1];
  const Y =
    loss === 'bce'
      ? Float32Array.from({ length: rows }, () => (random() > 0.5 ? 1 : 0))
      : loss === 'mse'
        ? Float32Array.from({ length: rows * K }, n)
        : Int32Array.from({ length: rows }, () => Math.floor(random() * K));
  // The reference computes on the float32-rounded values the engine sees.
  for (const p of params) {
    p.W = Array.from(Float32Array.from(p.W));
    p.b = Array.from(Float32Array.from(p.b));
  }
  return { net: { sizes, activation, loss, leakySlope: 0.1, gradAtZero: 0 }, params, X, Y };
}

function makeNet(rw, c) {
  const net = rw.createMLP({
    sizes: c.sizes,
    activation: c.activation,
    leakySlope: c.leakySlope,
    loss: c.loss,
    gradAtZero: c.gradAtZero,
  });
  c.params.forEach((p, l) => net.setParams(l, p.W, p.b));
  return net;
}

let backends;
before(async () => {
  backends = await loadAll();
});

for (const backend of ['wasm-simd', 'wasm-scalar']) {
  describe(`${backend}: network`, () => {
    const rw = () => backends.find((b) => b.name === backend).rw;

    test('PyTorch golden vectors: loss, gradients, predictions, activations, dead units, 3 steps of each optimizer', () => {
      assert.equal(golden.cases.length, 18);
      for (const c of golden.cases) {
        const net = makeNet(rw(), c);
        const Y = c.loss === 'softmax_ce' ? Int32Array.from(c.Y) : Float32Array.from(c.Y);
        for (const g of c.gradients) {
          const got = net.lossAndGradients(c.X, Y, { l2: g.l2, l1: g.l1 });
          close(got.loss, g.loss, `${c.name} loss l2=${g.l2} l1=${g.l1}`);
          g.grads.forEach((e, l) => {
            close(got.grads[l].dW, e.dW, `${c.name} dW${l}`);
            close(got.grads[l].db, e.db, `${c.name} db${l}`);
          });
        }
        close(net.predict(c.X), c.predict, `${c.name} predict`);
        net.activations(c.X).forEach((a, l) => close(a, c.activations[l], `${c.name} activations ${l}`));
        net.preActivations(c.X).forEach((a, l) => close(a, c.preActivations[l], `${c.name} preActivations ${l}`));
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

    test('every activation x loss agrees with the double-precision reference, which agrees with finite differences', () => {
      const shapes = [
        [2, 3, 1],
        [3, 5, 4, 2],
        [4, 8, 3],
      ];
      let seed = 1;
      for (const activation of ACTIVATIONS) {
        for (const loss of LOSSES) {
          for (const shape of shapes) {
            const sizes = [...shape];
            if (loss === 'bce') sizes[sizes.length - 1] = 1;
            if (loss === 'softmax_ce' && sizes[sizes.length - 1] < 2) sizes[sizes.length - 1] = 3;
            const c = randomCase(activation, loss, sizes, seed++);
            const what = `${activation}/${loss}/[${sizes}]`;
            for (const reg of [{}, { l2: 0.05, l1: 0.01 }]) {
              const ref = referenceLossAndGradients(c.net, c.params, c.X, c.Y, reg);
              const net = makeNet(rw(), { ...c.net, params: c.params });
              const got = net.lossAndGradients(c.X, c.Y, reg);
              close(got.loss, ref.loss, `${what} loss`, { rel: 1e-5, abs: 1e-6 });
              ref.grads.forEach((g, l) => {
                close(got.grads[l].dW, g.dW, `${what} dW${l}`, { rel: 1e-4, abs: 1e-6 });
                close(got.grads[l].db, g.db, `${what} db${l}`, { rel: 1e-4, abs: 1e-6 });
              });
              net.dispose();
              // Central differences in double precision on the reference itself.
              const h = 1e-6;
              for (let l = 0; l < c.params.length; l++) {
                for (const key of ['W', 'b']) {
                  const values = c.params[l][key];
                  for (let j = 0; j < values.length; j += 2) {
                    const keep = values[j];
                    values[j] = keep + h;
                    const up = referenceLossAndGradients(c.net, c.params, c.X, c.Y, reg).loss;
                    values[j] = keep - h;
                    const down = referenceLossAndGradients(c.net, c.params, c.X, c.Y, reg).loss;
                    values[j] = keep;
                    const fd = (up - down) / (2 * h);
                    const analytic = ref.grads[l][key === 'W' ? 'dW' : 'db'][j];
                    close(analytic, fd, `${what} finite difference ${key}${l}[${j}]`, { rel: 1e-5, abs: 1e-6 });
                  }
                }
              }
            }
          }
        }
      }
    });

    test('finite differences on the engine itself (float32, smooth activations and ReLU away from kinks)', () => {
      let checked = 0;
      let skipped = 0;
      for (const activation of ACTIVATIONS) {
        for (const loss of LOSSES) {
          const sizes = loss === 'bce' ? [3, 6, 1] : [3, 6, 3];
          const c = randomCase(
            activation,
            loss,
            sizes,
            100 + ACTIVATIONS.indexOf(activation) * 3 + LOSSES.indexOf(loss),
          );
          const net = makeNet(rw(), { ...c.net, params: c.params });
          const { grads } = net.lossAndGradients(c.X, c.Y);
          const z = net.preActivations(c.X)[0];
          const h = 1e-2;
          for (let j = 0; j < c.params[0].W.length; j++) {
            const W = Float32Array.from(c.params[0].W);
            const unit = Math.floor(j / sizes[0]);
            const input = j % sizes[0];
            // Skip weights whose perturbation would move some pre-activation across ReLU's kink.
            let crosses = false;
            for (let r = 0; r < c.X.length / sizes[0]; r++) {
              if (Math.abs(z[r * sizes[1] + unit]) <= h * Math.abs(c.X[r * sizes[0] + input]) * 1.01) crosses = true;
            }
            if (crosses && (activation === 'relu' || activation === 'leaky_relu')) {
              skipped++;
              continue;
            }
            checked++;
            W[j] += h;
            net.setParams(0, W, c.params[0].b);
            const up = net.lossAndGradients(c.X, c.Y).loss;
            W[j] -= 2 * h;
            net.setParams(0, W, c.params[0].b);
            const down = net.lossAndGradients(c.X, c.Y).loss;
            const fd = (up - down) / (2 * h);
            close(grads[0].dW[j], fd, `${activation}/${loss} engine finite difference dW0[${j}]`, {
              rel: 2e-2,
              abs: 2e-3,
            });
          }
          net.dispose();
        }
      }
      assert.ok(checked >= 4 * skipped && checked > 200, `checked ${checked} weights, skipped ${skipped} near a kink`);
    });

    test('seeded initialisation is bit-identical to the native build (tests/fixtures/nn/init.json)', () => {
      for (const c of init.cases) {
        const net = rw().createMLP({
          sizes: c.sizes,
          init: c.init,
          seed: c.seed,
          loss: c.sizes.at(-1) === 1 ? 'bce' : 'mse',
        });
        c.weightBits.forEach((bits, l) => {
          const { W, b } = net.getParams(l);
          assert.deepEqual(
            Array.from(new Uint32Array(W.buffer), (v) => v.toString(16).padStart(8, '0')),
            bits,
            `seed ${c.seed} layer ${l}`,
          );
          assert.ok(
            b.every((v) => v === 0),
            'biases start at 0',
          );
        });
        net.dispose();
      }
    });

    test('learns XOR and circle (2-8-8-1 ReLU) and the 3-class spiral (2-100-3); a linear model cannot', () => {
      for (const [name, data] of [
        ['xor', generate('xor', { n: 400, seed: 1 })],
        ['circle', generate('circle', { n: 400, seed: 2 })],
      ]) {
        const net = rw().createMLP({ sizes: [2, 8, 8, 1], seed: 3 });
        net.train(data.X, data.Y, { batchSize: 10, steps: 20_000, lr: 0.03, optimizer: 'adam', seed: 5 });
        const acc = accuracy(net, data.X, data.Y);
        assert.ok(acc >= 0.97, `${name}: accuracy ${acc}`);
        net.dispose();
      }
      const s = generate('cs231n-spiral', { n: 300, classes: 3, seed: 7 });
      const net = rw().createMLP({ sizes: [2, 100, 3], loss: 'softmax_ce', seed: 1 });
      net.train(s.X, s.Y, { batchSize: 300, steps: 3000, lr: 1, l2: 1e-3, optimizer: 'sgd' });
      const acc = accuracy(net, s.X, s.Y);
      assert.ok(acc >= 0.95, `spiral: ReLU net accuracy ${acc}`);
      const linear = rw().createMLP({ sizes: [2, 3], loss: 'softmax_ce', seed: 1 });
      linear.train(s.X, s.Y, { batchSize: 300, steps: 3000, lr: 1, l2: 1e-3 });
      const linAcc = accuracy(linear, s.X, s.Y);
      assert.ok(linAcc < 0.65, `spiral: linear model accuracy ${linAcc} should stay low`);
      net.dispose();
      linear.dispose();
    });

    test('same seed, same result, bit for bit', () => {
      const data = generate('circle', { n: 200, seed: 9 });
      const run = () => {
        const net = rw().createMLP({ sizes: [2, 8, 8, 1], seed: 11 });
        const loss = net.train(data.X, data.Y, { batchSize: 10, steps: 500, lr: 0.05, optimizer: 'momentum', seed: 4 });
        const params = [0, 1, 2].map((l) => net.getParams(l));
        net.dispose();
        return { loss, params };
      };
      const a = run();
      const b = run();
      assert.equal(a.loss, b.loss);
      a.params.forEach((p, l) => {
        assert.deepEqual(new Uint32Array(p.W.buffer), new Uint32Array(b.params[l].W.buffer));
        assert.deepEqual(new Uint32Array(p.b.buffer), new Uint32Array(b.params[l].b.buffer));
      });
    });

    test('optimizer state persists across calls, resets on resetOptimizer() and on a change of optimizer', () => {
      const data = generate('xor', { n: 40, seed: 3 });
      const fresh = () => rw().createMLP({ sizes: [2, 4, 1], seed: 2 });
      const snapshot = (net) => Array.from(net.getParams(0).W);
      for (const optimizer of ['momentum', 'adam']) {
        const opts = { optimizer, lr: 0.05 };
        // Two trainStep calls equal one train() call of two full-batch steps.
        const a = fresh();
        a.trainStep(data.X, data.Y, opts);
        a.trainStep(data.X, data.Y, opts);
        const b = fresh();
        b.train(data.X, data.Y, { ...opts, batchSize: 40, steps: 2 });
        assert.deepEqual(snapshot(a), snapshot(b), `${optimizer}: state carried between calls`);
        // After a reset, a step is a first step again: it differs from a continued step.
        const c = fresh();
        c.trainStep(data.X, data.Y, opts);
        c.resetOptimizer();
        c.trainStep(data.X, data.Y, opts);
        assert.notDeepEqual(snapshot(c), snapshot(a), `${optimizer}: resetOptimizer forgets`);
        // Switching kinds resets too: sgd step in between, then the first momentum/adam step again.
        const d = fresh();
        d.trainStep(data.X, data.Y, opts);
        d.resetOptimizer();
        const e = fresh();
        e.trainStep(data.X, data.Y, opts);
        e.trainStep(data.X, data.Y, { ...opts, optimizer: 'sgd', lr: 0 });
        d.trainStep(data.X, data.Y, opts);
        e.trainStep(data.X, data.Y, opts);
        assert.deepEqual(snapshot(d), snapshot(e), `${optimizer}: a change of optimizer resets the state`);
        for (const n of [a, b, c, d, e]) n.dispose();
      }
    });

    test('gradAtZero 0 and 1 differ exactly where a ReLU pre-activation is 0', () => {
      // Input 0 with zero bias makes every hidden pre-activation exactly 0.
      const sizes = [2, 3, 1];
      const grads = [0, 1].map((gradAtZero) => {
        const net = rw().createMLP({ sizes, gradAtZero, seed: 1 });
        net.setParams(1, [1, 1, 1], [0]);
        const g = net.lossAndGradients([0, 0, 1, 1], [1, 0]).grads;
        net.dispose();
        return g;
      });
      assert.notDeepEqual(Array.from(grads[0][0].db), Array.from(grads[1][0].db));
    });

    test('10 000 create/train/dispose cycles leave WASM memory flat', () => {
      const warm = rw().createMLP({ sizes: [2, 16, 16, 1] });
      warm.train(generate('xor', { n: 64, seed: 1 }).X, generate('xor', { n: 64, seed: 1 }).Y, { batchSize: 64 });
      warm.dispose();
      const before = rw().memoryBytes();
      const data = generate('xor', { n: 64, seed: 1 });
      for (let i = 0; i < 10_000; i++) {
        const net = rw().createMLP({ sizes: [2, 16, 16, 1], seed: i });
        net.train(data.X, data.Y, { batchSize: 64 });
        net.dispose();
      }
      assert.equal(rw().memoryBytes(), before);
      console.log(`${backend}: 10 000 networks created, trained, disposed; WASM memory ${before} B before and after`);
    });

    describe('misuse: a TypeError or RangeError naming the problem, then the instance still trains', () => {
      const X = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
      const Y = new Float32Array([0, 1, 1, 0]);
      const cases = [
        ['createMLP()', (r) => r.createMLP(), TypeError, /options must be an object/],
        ['sizes missing', (r) => r.createMLP({}), TypeError, /options.sizes must be an array/],
        ['sizes too short', (r) => r.createMLP({ sizes: [2] }), RangeError, /at least an input and an output/],
        ['size 0', (r) => r.createMLP({ sizes: [2, 0, 1] }), RangeError, /sizes\[1\] must be at least 1/],
        [
          'size fractional',
          (r) => r.createMLP({ sizes: [2, 1.5, 1] }),
          RangeError,
          /sizes\[1\] must be a non-negative integer/,
        ],
        ['size string', (r) => r.createMLP({ sizes: [2, '8', 1] }), TypeError, /sizes\[1\] must be a number/],
        ['network too large', (r) => r.createMLP({ sizes: [2, 40000, 40000, 1] }), RangeError, /too large|memory/],
        [
          'unknown activation',
          (r) => r.createMLP({ sizes: [2, 1], activation: 'gelu' }),
          RangeError,
          /options.activation must be one of/,
        ],
        [
          'unknown loss',
          (r) => r.createMLP({ sizes: [2, 1], loss: 'hinge' }),
          RangeError,
          /options.loss must be one of/,
        ],
        ['bce with 2 outputs', (r) => r.createMLP({ sizes: [2, 2], loss: 'bce' }), RangeError, /needs one output unit/],
        ['bad seed', (r) => r.createMLP({ sizes: [2, 1], seed: -1 }), RangeError, /options.seed/],
        [
          'gradAtZero 0.5',
          (r) => r.createMLP({ sizes: [2, 1], gradAtZero: 0.5 }),
          RangeError,
          /gradAtZero must be 0 or 1/,
        ],
        ['X wrong type', (r, n) => n.trainStep('X', Y), TypeError, /X must be a Float32Array/],
        ['X ragged', (r, n) => n.trainStep(new Float32Array(3), Y), RangeError, /not a whole number of rows/],
        ['X empty', (r, n) => n.trainStep(new Float32Array(0), new Float32Array(0)), RangeError, /X is empty/],
        ['Y length', (r, n) => n.trainStep(X, new Float32Array(3)), RangeError, /Y has 3 values but X has 4 rows/],
        ['Y wrong type', (r, n) => n.trainStep(X, 'Y'), TypeError, /Y must be/],
        [
          'label 2 for bce',
          (r, n) => n.trainStep(X, new Float32Array([0, 1, 2, 0])),
          RangeError,
          /labels must be in \[0, 1\]/,
        ],
        [
          'NaN in X',
          (r, n) => n.trainStep(new Float32Array([NaN, 0, 0, 1, 1, 0, 1, 1]), Y),
          RangeError,
          /X contains NaN or infinity/,
        ],
        [
          'Infinity in Y',
          (r, n) => n.trainStep(X, new Float32Array([0, Infinity, 1, 0])),
          RangeError,
          /NaN or infinity|labels/,
        ],
        ['negative lr', (r, n) => n.trainStep(X, Y, { lr: -1 }), RangeError, /options.lr must be >= 0/],
        ['NaN lr', (r, n) => n.trainStep(X, Y, { lr: NaN }), RangeError, /options.lr must be finite/],
        [
          'unknown optimizer',
          (r, n) => n.trainStep(X, Y, { optimizer: 'rmsprop' }),
          RangeError,
          /options.optimizer must be one of/,
        ],
        [
          'beta1 = 1',
          (r, n) => n.trainStep(X, Y, { optimizer: 'adam', beta1: 1 }),
          RangeError,
          /beta1 must be in \[0, 1\)/,
        ],
        ['batchSize 0', (r, n) => n.train(X, Y, { batchSize: 0 }), RangeError, /batchSize must be at least 1/],
        ['steps 1.5', (r, n) => n.train(X, Y, { steps: 1.5 }), RangeError, /steps must be a non-negative integer/],
        ['layer out of range', (r, n) => n.getParams(3), RangeError, /layer must be between 0 and 1/],
        [
          'setParams W length',
          (r, n) => n.setParams(0, new Float32Array(3), new Float32Array(4)),
          RangeError,
          /W must hold 4x2 = 8 values/,
        ],
        [
          'setParams NaN',
          (r, n) => n.setParams(0, new Float32Array(8).fill(NaN), new Float32Array(4)),
          RangeError,
          /NaN or infinity/,
        ],
        [
          'disposed network',
          (r) => {
            const net = r.createMLP({ sizes: [2, 1] });
            net.dispose();
            net.dispose();
            net.predict([1, 2]);
          },
          TypeError,
          /disposed network/,
        ],
      ];
      for (const [what, call, type, message] of cases) {
        test(what, () => {
          const r = rw();
          const net = r.createMLP({ sizes: [2, 4, 1], seed: 1 });
          const before = net.getParams(0);
          assert.throws(
            () => call(r, net),
            (e) => e instanceof type && message.test(e.message),
          );
          // Nothing was half-applied, and the instance still computes and trains.
          assert.deepEqual(net.getParams(0), before);
          assert.equal(typeof net.trainStep(X, Y, { lr: 0.1 }), 'number');
          assert.deepEqual(Array.from(r.relu([-2, -1, 0, 1, 2])), [0, 0, 0, 1, 2]);
          net.dispose();
        });
      }
    });
  });
}

test('SIMD and scalar builds train to the same result within float tolerance', () => {
  const data = generate('cs231n-spiral', { n: 150, classes: 3, seed: 3 });
  const results = backends.map(({ rw }) => {
    const net = rw.createMLP({ sizes: [2, 32, 3], loss: 'softmax_ce', seed: 5 });
    const loss = net.train(data.X, data.Y, { batchSize: 30, steps: 50, lr: 0.1, seed: 1 });
    const W = net.getParams(0).W;
    net.dispose();
    return { loss, W };
  });
  close(results[0].loss, results[1].loss, 'mean loss', { rel: 1e-4 });
  close(results[0].W, results[1].W, 'W0', { rel: 1e-3, abs: 1e-4 });
});
