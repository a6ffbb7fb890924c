// Options that cannot be misused: one table of names, defaults and ranges (the engine's header
// is generated from it), unknown keys refused with a hint, long runs bounded or cancelled
// (trainAsync), and one divergence rule.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  CONV_LAYER_SPECS,
  DATASET_OPTION_SPECS,
  DIVERGENCE_FACTOR,
  EPOCH_OPTION_SPECS,
  EVALUATE_OPTION_SPECS,
  GRADIENT_CHECK_OPTION_SPECS,
  LOOP_OPTION_SPECS,
  MLP_OPTION_SPECS,
  OPTION_SPECS,
  STATUS_NAMES,
  TRAIN_OPTION_SPECS,
  hasDiverged,
  loadRelu,
} from 'relu-wasm';

import { BACKENDS } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// XOR-like points, 64 rows: enough rows for several minibatches per pass.
const ROWS = 64;
const X = new Float32Array(2 * ROWS).map((_, i) => Math.sin(i * 1.7 + 0.3));
const Y = new Float32Array(ROWS).map((_, i) => (X[2 * i] * X[2 * i + 1] > 0 ? 1 : 0));

const paramsOf = (net) => net.sizes.slice(1).map((_, l) => net.getParams(l));
const sameBits = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

test('the engine header is generated from the option table and is current', () => {
  // Exits non-zero (failing this test) when cpp/nn/option_table.h does not match the table.
  execFileSync('node', ['web/scripts/gen-option-table.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' });
});

test('the option table lists every option of createMLP, train, trainStep, gradientCheck and the dataset calls with a default and a range', () => {
  assert.deepEqual(Object.keys(OPTION_SPECS), [
    'createMLP',
    'createConvNet',
    'convLayer',
    'train',
    'loop',
    'createDataset',
    'epochs',
    'evaluate',
    'gradientCheck',
  ]);
  for (const table of [
    MLP_OPTION_SPECS,
    CONV_LAYER_SPECS,
    TRAIN_OPTION_SPECS,
    LOOP_OPTION_SPECS,
    DATASET_OPTION_SPECS,
    EPOCH_OPTION_SPECS,
    EVALUATE_OPTION_SPECS,
    GRADIENT_CHECK_OPTION_SPECS,
  ]) {
    for (const [key, spec] of Object.entries(table)) {
      assert.ok(spec.doc.length > 0, `${key} is documented`);
      if (spec.kind === 'number')
        assert.ok(spec.min <= spec.default && spec.default <= spec.max, `${key}'s default is in its range`);
      else
        assert.ok(spec.default === null || spec.values.includes(spec.default), `${key}'s default is one of its values`);
    }
  }
  assert.equal(TRAIN_OPTION_SPECS.lr.default, 0.01);
  assert.equal(STATUS_NAMES[0], 'Ok');
});

for (const { name, options } of BACKENDS) {
  describe(`${name}: options`, async () => {
    const rw = await loadRelu(options);
    const net = () => rw.createMLP({ sizes: [2, 8, 1], seed: 5 });

    test('the table defaults are the defaults: no options equals every option spelled out', () => {
      const explicit = Object.fromEntries(
        Object.entries({ ...TRAIN_OPTION_SPECS, ...LOOP_OPTION_SPECS }).map(([k, s]) => [k, s.default]),
      );
      const a = net();
      const b = net();
      const la = a.train(X, Y);
      const lb = b.train(X, Y, explicit);
      assert.ok(Object.is(la, lb));
      assert.ok(sameBits(paramsOf(a)[0].W, paramsOf(b)[0].W));
    });

    test('the dataset calls take their defaults from the table too', () => {
      const data = rw.createDataset(X, Y, { features: 2 });
      const spelled = rw.createDataset(X, Y, { features: 2, scale: DATASET_OPTION_SPECS.scale.default });
      const explicit = Object.fromEntries(
        Object.entries({
          ...TRAIN_OPTION_SPECS,
          batchSize: LOOP_OPTION_SPECS.batchSize,
          seed: LOOP_OPTION_SPECS.seed,
          ...EPOCH_OPTION_SPECS,
        }).map(([k, s]) => [k, s.default]),
      );
      const a = net();
      const b = net();
      assert.ok(Object.is(a.trainOn(data), b.trainOn(spelled, explicit)));
      assert.ok(sameBits(paramsOf(a)[0].W, paramsOf(b)[0].W));
      const all = a.evaluate(data);
      const range = a.evaluate(data, {
        first: EVALUATE_OPTION_SPECS.first.default,
        count: EVALUATE_OPTION_SPECS.count.default,
      });
      assert.deepEqual(range, all);
      assert.equal(all.rows, ROWS);
      data.dispose();
      spelled.dispose();
    });

    const unknown = [
      ['train', (n) => n.train(X, Y, { stepz: 10 }), 'stepz', 'steps'],
      ['train', (n) => n.train(X, Y, { learningRate: 0.1 }), 'learningRate', 'lr'],
      ['train', (n) => n.train(X, Y, { batch_size: 8 }), 'batch_size', 'batchSize'],
      ['trainStep', (n) => n.trainStep(X, Y, { LR: 0.1 }), 'LR', 'lr'],
      ['trainStep', (n) => n.trainStep(X, Y, { steps: 3 }), 'steps', undefined],
      ['lossAndGradients', (n) => n.lossAndGradients(X, Y, { lr: 0.1 }), 'lr', undefined],
      ['createMLP', () => rw.createMLP({ sizes: [2, 1], activaton: 'tanh' }), 'activaton', 'activation'],
      ['createMLP', () => rw.createMLP({ sizes: [2, 1], negative_slope: 0.1 }), 'negative_slope', 'leakySlope'],
      ['createMLP', () => rw.createMLP({ sizes: [2, 1], dropout: 0.5 }), 'dropout', undefined],
      ['reluBackward', () => rw.reluBackward([1], [1], { gradAtzero: 1 }), 'gradAtzero', 'gradAtZero'],
      [
        'reluBackwardInto',
        () => rw.reluBackwardInto(rw.alloc(1), rw.alloc(1), rw.alloc(1), { grad: 1 }),
        'grad',
        undefined,
      ],
    ];
    for (const [fn, call, key, hint] of unknown) {
      test(`${fn} refuses the unknown option '${key}'${hint ? ` and suggests '${hint}'` : ''}, then still works`, () => {
        const n = net();
        const before = paramsOf(n);
        assert.throws(
          () => call(n),
          (e) =>
            e instanceof TypeError &&
            e.message.includes(`'${key}'`) &&
            (hint === undefined || e.message.includes(`did you mean '${hint}'`)),
        );
        assert.deepEqual(paramsOf(n), before, 'nothing was applied');
        assert.ok(Number.isFinite(n.train(X, Y, { steps: 5, lr: 0.1 })));
      });
    }

    test('loadRelu refuses an unknown option', async () => {
      await assert.rejects(
        loadRelu({ simd: 'auto', wasmPath: '/x/' }),
        (e) => e instanceof TypeError && /did you mean 'wasmPaths'/.test(e.message),
      );
    });

    test('trainAsync runs the same run as train, bit for bit, in several chunks', async () => {
      const opts = { batchSize: 10, steps: 3000, lr: 0.05, seed: 9, optimizer: 'adam' };
      const a = net();
      const b = net();
      const la = a.train(X, Y, opts);
      let chunks = 0;
      let lastDone = 0;
      const lb = await b.trainAsync(X, Y, {
        ...opts,
        onProgress: (done, loss) => {
          assert.ok(done > lastDone && Number.isFinite(loss));
          lastDone = done;
          chunks++;
        },
      });
      assert.ok(Object.is(la, lb), `mean loss ${la} vs ${lb}`);
      assert.equal(lastDone, 3000);
      assert.ok(chunks >= 2, `ran in ${chunks} chunks`);
      for (const [pa, pb] of paramsOf(a).map((p, l) => [p, paramsOf(b)[l]])) {
        assert.ok(sameBits(pa.W, pb.W) && sameBits(pa.b, pb.b));
      }
    });

    test('trainAsync stays exact when the same network trains another run between its chunks', async () => {
      // SGD keeps no optimizer state, so restoring the parameters undoes the interloper fully;
      // the engine must then replay the run's shuffles instead of continuing the other run's.
      const opts = { batchSize: 7, steps: 2000, lr: 0.05, seed: 3 };
      const a = net();
      a.train(X, Y, opts);
      const b = net();
      const Xc = X.slice();
      const run = b.trainAsync(Xc, Y, {
        ...opts,
        onProgress: () => {
          const saved = paramsOf(b);
          b.train(X, Y, { steps: 3, seed: 99, batchSize: 5 });
          saved.forEach((p, l) => b.setParams(l, p.W, p.b));
        },
      });
      // The caller's arrays may change while the run is in flight: it trains on its copy.
      Xc.fill(0);
      await run;
      assert.ok(sameBits(paramsOf(a)[0].W, paramsOf(b)[0].W));
      assert.ok(sameBits(paramsOf(a)[1].W, paramsOf(b)[1].W));
    });

    test('an AbortSignal cancels trainAsync between chunks; the network keeps its updates and still works', async () => {
      const n = net();
      const before = paramsOf(n)[0].W;
      const controller = new AbortController();
      let progress = 0;
      const run = n.trainAsync(X, Y, {
        steps: 2 ** 31 - 1,
        lr: 0.01,
        signal: controller.signal,
        onProgress: () => ++progress === 3 && controller.abort(new Error('stop')),
      });
      await assert.rejects(run, /stop/);
      assert.equal(progress, 3);
      assert.ok(!sameBits(before, paramsOf(n)[0].W), 'the steps before the abort were applied');
      assert.ok(Number.isFinite(n.train(X, Y, { steps: 5 })));
    });

    test('AbortSignal.timeout bounds a run of 2^31 - 1 steps', async () => {
      const n = net();
      await assert.rejects(
        n.trainAsync(X, Y, { steps: 2 ** 31 - 1, signal: AbortSignal.timeout(200) }),
        (e) => e.name === 'TimeoutError',
      );
    });

    test('an aborted signal rejects before any step', async () => {
      const n = net();
      const before = paramsOf(n);
      await assert.rejects(
        n.trainAsync(X, Y, { steps: 10, signal: AbortSignal.abort() }),
        (e) => e.name === 'AbortError',
      );
      assert.deepEqual(paramsOf(n), before);
    });

    test('trainAsync validates like train and names the argument', async () => {
      const n = net();
      await assert.rejects(
        n.trainAsync(X, Y, { signal: 'soon' }),
        (e) => e instanceof TypeError && /options.signal/.test(e.message),
      );
      await assert.rejects(
        n.trainAsync(X, Y, { onProgress: 1 }),
        (e) => e instanceof TypeError && /options.onProgress/.test(e.message),
      );
      await assert.rejects(
        n.trainAsync(X, Y, { steps: 0 }),
        (e) => e instanceof RangeError && /options.steps/.test(e.message),
      );
      await assert.rejects(
        n.trainAsync(X, new Float32Array(3)),
        (e) => e instanceof RangeError && /Y has 3 values/.test(e.message),
      );
    });

    test('disposing the network during trainAsync rejects with a TypeError', async () => {
      const n = net();
      await assert.rejects(
        n.trainAsync(X, Y, { steps: 2 ** 31 - 1, onProgress: () => n.dispose() }),
        (e) => e instanceof TypeError && /disposed/.test(e.message),
      );
    });

    test('a diverging trainAsync resolves early to a non-finite loss, as train returns one', async () => {
      const n = rw.createMLP({ sizes: [2, 32, 32, 1], loss: 'mse', seed: 1 });
      const T = new Float32Array(ROWS).fill(1000);
      const loss = await n.trainAsync(X, T, { steps: 100000, lr: 10, batchSize: 8 });
      assert.ok(!Number.isFinite(loss));
      assert.ok(hasDiverged(loss, 1));
    });
  });
}

test("the divergence rule: non-finite, or more than 1000x the run's own first loss", () => {
  assert.equal(DIVERGENCE_FACTOR, 1000);
  assert.equal(hasDiverged(NaN, 1), true);
  assert.equal(hasDiverged(Infinity, 1), true);
  assert.equal(hasDiverged(-Infinity, 1), true);
  assert.equal(hasDiverged(1000, 1), false);
  assert.equal(hasDiverged(1000.5, 1), true);
  // A regression on targets around 1000 starts near 1e6 and is not diverged by that.
  assert.equal(hasDiverged(1.12e6, 1.12e6), false);
  assert.equal(hasDiverged(5e8, 1.12e6), false);
  assert.equal(hasDiverged(2e9, 1.12e6), true);
  // A first loss of 0 (or a non-finite one) leaves only the non-finite test.
  assert.equal(hasDiverged(1e-3, 0), false);
  assert.equal(hasDiverged(NaN, 0), true);
  assert.equal(hasDiverged(5, NaN), false);
});
