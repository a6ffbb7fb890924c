// Misuse of every public function and method, as a table: wrong types, wrong lengths, bad
// sizes (negative, fractional, huge, NaN, infinite), bad option values, disposed objects,
// labels out of range, non-finite data. Each case must throw a TypeError or RangeError whose
// message names the argument, and after EVERY case the same instance must still compute
// relu([-2, -1, 0, 1, 2]) and train a tiny network to the same bits as before any misuse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { loadRelu } from 'relu-wasm';

import { BACKENDS, computesTheExample } from './helpers.mjs';

const XOR_X = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
const XOR_Y = new Float32Array([0, 1, 1, 0]);

/** A seeded tiny training run; within one build it gives the same bits every time. */
function tinyTraining(rw) {
  const net = rw.createMLP({ sizes: [2, 4, 1], seed: 7 });
  const loss = net.train(XOR_X, XOR_Y, { batchSize: 4, steps: 200, lr: 0.1, optimizer: 'adam' });
  const p = Array.from(net.predict(XOR_X));
  net.dispose();
  return { loss, p };
}

// Bad values by kind of argument, each with the error type it must give.
const BAD_COUNTS = [
  [-1, RangeError],
  [1.5, RangeError],
  [NaN, RangeError],
  [Infinity, RangeError],
  [-Infinity, RangeError],
  [2 ** 53, RangeError],
  [1e300, RangeError],
  ['3', TypeError],
  [null, TypeError],
  [{}, TypeError],
  [true, TypeError],
  [3n, TypeError],
];
const BAD_FLOAT_INPUTS = [
  ['1,2', TypeError],
  [42, TypeError],
  [null, TypeError],
  [{ length: 2 }, TypeError],
  [new BigInt64Array(2), TypeError],
  [new BigUint64Array(2), TypeError],
  [new DataView(new ArrayBuffer(8)), TypeError],
  [[1, 'a'], TypeError],
  [[1, null], TypeError],
  // eslint-disable-next-line no-sparse-arrays -- a hole in the array is a case of its own
  [[1, , 2], TypeError],
  [[1, 2n], TypeError],
];
const BAD_FINITE = [
  [NaN, RangeError],
  [Infinity, RangeError],
  [-Infinity, RangeError],
  ['0.1', TypeError],
  [null, TypeError],
  [{}, TypeError],
  [1n, TypeError],
];
const BAD_FLOAT32 = [...BAD_FINITE, [1e39, RangeError], [-1e39, RangeError]];
const BAD_OPTIONS = [
  [null, TypeError],
  [5, TypeError],
  ['x', TypeError],
  [[], TypeError],
  [true, TypeError],
];
const BAD_GRAD_AT_ZERO = [
  [2, RangeError],
  [0.5, RangeError],
  [-1, RangeError],
  [NaN, RangeError],
  ['1', TypeError],
  [null, TypeError],
];
const BAD_NONNEGATIVE = [...BAD_FINITE, [-1, RangeError], [1e30, RangeError], [1e308, RangeError]];
const BAD_UNIT = [...BAD_FINITE, [-0.1, RangeError], [1, RangeError], [2, RangeError]];
const BAD_ENUM = [
  [5, TypeError],
  [null, TypeError],
  ['', RangeError],
  ['RELU', RangeError],
  ['__proto__', RangeError],
  ['toString', RangeError],
];

const show = (v) =>
  typeof v === 'bigint'
    ? `${v}n`
    : typeof v === 'string'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? `[${v.map(show)}]`
        : ArrayBuffer.isView(v)
          ? v.constructor.name
          : typeof v === 'object' && v !== null
            ? JSON.stringify(v)
            : String(v);
const nameRe = (name) => new RegExp(`(^|[^\\w.])${name.replace(/[.[\]]/g, (c) => `\\${c}`)}(?![\\w.])`);

/**
 * Every case: [label, call(ctx), ErrorType, argument name the message must contain]. `ctx`
 * gives the instance and disposable fixtures (freed after the case).
 */
function buildCases() {
  const cases = [];
  const add = (label, call, type, name) => cases.push({ label, call, type, name });

  // ---- copying kernels ------------------------------------------------------------------
  const copying = [
    ['relu', (rw, x) => rw.relu(x)],
    ['reluBackward', (rw, x) => rw.reluBackward(x, [1, 1])],
    ['leakyRelu', (rw, x) => rw.leakyRelu(x)],
    ['leakyReluBackward', (rw, x) => rw.leakyReluBackward(x, [1, 1])],
  ];
  for (const [fn, call] of copying) {
    for (const [v, type] of BAD_FLOAT_INPUTS) add(`${fn}(x = ${show(v)})`, ({ rw }) => call(rw, v), type, 'x');
  }
  for (const fn of ['reluBackward', 'leakyReluBackward']) {
    for (const [v, type] of BAD_FLOAT_INPUTS) add(`${fn}(dy = ${show(v)})`, ({ rw }) => rw[fn]([1, 2], v), type, 'dy');
    for (const dy of [[], [1], [1, 2, 3]])
      add(`${fn}(dy of length ${dy.length})`, ({ rw }) => rw[fn]([1, 2], dy), RangeError, 'dy');
  }
  const outs = [
    [[0, 0], TypeError],
    [new Float64Array(2), TypeError],
    [null, TypeError],
    [{}, TypeError],
    [new Float32Array(1), RangeError],
    [new Float32Array(3), RangeError],
  ];
  for (const [v, type] of outs) {
    add(`relu(x, out = ${show(v)})`, ({ rw }) => rw.relu([1, 2], v), type, 'out');
    add(`leakyRelu(x, 0.1, out = ${show(v)})`, ({ rw }) => rw.leakyRelu([1, 2], 0.1, v), type, 'out');
    add(
      `leakyReluBackward(x, dy, 0.1, out = ${show(v)})`,
      ({ rw }) => rw.leakyReluBackward([1, 2], [1, 1], 0.1, v),
      type,
      'out',
    );
    add(
      `reluBackward(x, dy, { out: ${show(v)} })`,
      ({ rw }) => rw.reluBackward([1, 2], [1, 1], { out: v }),
      type,
      'options.out',
    );
  }
  for (const [v, type] of BAD_OPTIONS)
    add(`reluBackward(x, dy, ${show(v)})`, ({ rw }) => rw.reluBackward([1], [1], v), type, 'options');
  for (const [v, type] of BAD_GRAD_AT_ZERO) {
    add(
      `reluBackward gradAtZero ${show(v)}`,
      ({ rw }) => rw.reluBackward([1], [1], { gradAtZero: v }),
      type,
      'options.gradAtZero',
    );
  }
  for (const [v, type] of BAD_FLOAT32) {
    add(`leakyRelu(x, alpha = ${show(v)})`, ({ rw }) => rw.leakyRelu([1], v), type, 'alpha');
    add(`leakyReluBackward(x, dy, alpha = ${show(v)})`, ({ rw }) => rw.leakyReluBackward([1], [1], v), type, 'alpha');
  }

  // ---- alloc and WasmBuffer ---------------------------------------------------------------
  for (const [v, type] of BAD_COUNTS) add(`alloc(${show(v)})`, ({ rw }) => rw.alloc(v), type, 'n');
  add('alloc(2^29 + 1): over the 2 GiB limit', ({ rw }) => rw.alloc(2 ** 29 + 1), RangeError, 'n');
  add('alloc(3 GiB)', ({ rw }) => rw.alloc((3 * 2 ** 30) / 4), RangeError, 'n');
  add('alloc(2^29): 2 GiB, which the heap cannot satisfy', ({ rw }) => rw.alloc(2 ** 29), RangeError, 'n');
  for (const [v, type] of BAD_FLOAT_INPUTS)
    add(`buffer.set(src = ${show(v)})`, ({ buf }) => buf(3).set(v), type, 'src');
  for (const [v, type] of BAD_COUNTS)
    add(`buffer.set(src, offset = ${show(v)})`, ({ buf }) => buf(3).set([1], v), type, 'offset');
  add('buffer.set(src, offset past the end)', ({ buf }) => buf(3).set([], 4), RangeError, 'offset');
  add('buffer.set(src too long)', ({ buf }) => buf(3).set([1, 2, 3, 4]), RangeError, 'src');
  add('buffer.set(src too long at offset)', ({ buf }) => buf(3).set([1, 2], 2), RangeError, 'src');
  for (const method of ['view', 'toArray', 'set']) {
    add(
      `disposed buffer.${method}()`,
      ({ buf }) => {
        const b = buf(3);
        b.dispose();
        b.dispose(); // double dispose: harmless
        b[method]([1]);
      },
      TypeError,
      method,
    );
  }

  // ---- the Into functions -----------------------------------------------------------------
  const into = {
    reluInto: { args: ['x', 'out'], call: (rw, a) => rw.reluInto(...a) },
    reluBackwardInto: { args: ['x', 'dy', 'dx'], call: (rw, a) => rw.reluBackwardInto(...a) },
    leakyReluInto: { args: ['x', 'out'], call: (rw, a) => rw.leakyReluInto(...a) },
    leakyReluBackwardInto: { args: ['x', 'dy', 'dx'], call: (rw, a) => rw.leakyReluBackwardInto(...a) },
  };
  for (const [fn, { args, call }] of Object.entries(into)) {
    args.forEach((arg, i) => {
      const bad = [
        ['a Float32Array', () => new Float32Array(2), TypeError],
        ['an array', () => [1, 2], TypeError],
        ['null', () => null, TypeError],
        ['undefined', () => undefined, TypeError],
        ['a look-alike object', (ctx) => ({ length: 2, view: () => ctx.buf(2).view() }), TypeError],
        [
          'disposed',
          (ctx) => {
            const b = ctx.buf(2);
            b.dispose();
            return b;
          },
          TypeError,
        ],
        ['from another instance', (ctx) => ctx.foreign(2), TypeError],
        ['shorter', (ctx) => ctx.buf(1), RangeError],
        ['longer', (ctx) => ctx.buf(3), RangeError],
      ];
      for (const [what, make, type] of bad) {
        // The first argument sets the length, so "shorter/longer" apply to the others.
        if (i === 0 && type === RangeError) continue;
        add(
          `${fn}: ${arg} ${what}`,
          (ctx) => {
            const a = args.map(() => ctx.buf(2));
            a[i] = make(ctx);
            call(ctx.rw, a);
          },
          type,
          i === 0 && type === RangeError ? args[1] : arg,
        );
      }
    });
  }
  for (const [v, type] of BAD_OPTIONS)
    add(
      `reluBackwardInto options ${show(v)}`,
      ({ rw, buf }) => rw.reluBackwardInto(buf(1), buf(1), buf(1), v),
      type,
      'options',
    );
  for (const [v, type] of BAD_GRAD_AT_ZERO) {
    add(
      `reluBackwardInto gradAtZero ${show(v)}`,
      ({ rw, buf }) => rw.reluBackwardInto(buf(1), buf(1), buf(1), { gradAtZero: v }),
      type,
      'options.gradAtZero',
    );
  }
  for (const [v, type] of BAD_FLOAT32) {
    add(`leakyReluInto alpha ${show(v)}`, ({ rw, buf }) => rw.leakyReluInto(buf(1), buf(1), v), type, 'alpha');
    add(
      `leakyReluBackwardInto alpha ${show(v)}`,
      ({ rw, buf }) => rw.leakyReluBackwardInto(buf(1), buf(1), buf(1), v),
      type,
      'alpha',
    );
  }

  // ---- createMLP ----------------------------------------------------------------------------
  const create =
    (extra) =>
    ({ rw }) =>
      rw.createMLP({ sizes: [2, 4, 1], ...extra });
  for (const [v, type] of [[undefined, TypeError], ...BAD_OPTIONS])
    add(`createMLP(${show(v)})`, ({ rw }) => rw.createMLP(v), type, 'options');
  for (const [v, type] of [
    [undefined, TypeError],
    ['2,1', TypeError],
    [new Int32Array([2, 1]), TypeError],
    [{ length: 2 }, TypeError],
    [[], RangeError],
    [[2], RangeError],
  ]) {
    add(`createMLP sizes ${show(v)}`, create({ sizes: v }), type, 'options.sizes');
  }
  add('createMLP sizes with 1025 entries', create({ sizes: new Array(1025).fill(1) }), RangeError, 'options.sizes');
  for (const [v, type] of [...BAD_COUNTS, [0, RangeError], [2 ** 24 + 1, RangeError], [-0.5, RangeError]]) {
    add(`createMLP sizes[1] = ${show(v)}`, create({ sizes: [2, v, 1] }), type, 'options.sizes[1]');
  }
  add('createMLP sizes[0] = 0', create({ sizes: [0, 1] }), RangeError, 'options.sizes[0]');
  // eslint-disable-next-line no-sparse-arrays -- a hole in the array is a case of its own
  add('createMLP sparse sizes [2, , 1]', create({ sizes: [2, , 1] }), TypeError, 'options.sizes[1]');
  // Sizes whose parameters, gradients and optimizer state would need more than 2 GiB.
  for (const sizes of [
    [2, 2 ** 24, 2 ** 24, 1],
    [2 ** 24, 2 ** 24],
    [1, 12000, 12000, 1],
    [4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096, 1],
  ]) {
    add(
      `createMLP sizes [${sizes}] (> 2 GiB)`,
      create({ sizes, loss: sizes.at(-1) === 1 ? 'bce' : 'mse' }),
      RangeError,
      'options.sizes',
    );
  }
  for (const [key, bad] of [
    ['activation', BAD_ENUM],
    ['loss', BAD_ENUM],
    ['init', BAD_ENUM],
    ['leakySlope', BAD_FLOAT32],
    ['gradAtZero', BAD_GRAD_AT_ZERO],
    ['seed', [...BAD_COUNTS, [2 ** 32, RangeError]]],
  ]) {
    for (const [v, type] of bad) add(`createMLP ${key} ${show(v)}`, create({ [key]: v }), type, `options.${key}`);
  }
  add("createMLP loss 'bce' with 2 outputs", create({ sizes: [2, 2] }), RangeError, 'options.sizes');
  add("createMLP loss 'softmax_ce' with 1 output", create({ sizes: [2, 1], loss: 'softmax_ce' }), RangeError, 'output');

  // ---- createConvNet -------------------------------------------------------------------------
  const TINY_CONV = { input: [1, 1, 2], layers: [{ conv: 2, kernel: 3 }, { dense: 1 }] };
  const createConv =
    (extra) =>
    ({ rw }) =>
      rw.createConvNet({ ...TINY_CONV, ...extra });
  for (const [v, type] of [[undefined, TypeError], ...BAD_OPTIONS])
    add(`createConvNet(${show(v)})`, ({ rw }) => rw.createConvNet(v), type, 'options');
  add('createConvNet unknown option', createConv({ sizes: [2, 1] }), TypeError, 'sizes');
  for (const [v, type] of [
    [undefined, TypeError],
    ['1,1,2', TypeError],
    [[1, 2], TypeError],
    [[1, 2, 2, 2], TypeError],
  ])
    add(`createConvNet input ${show(v)}`, createConv({ input: v }), type, 'options.input');
  for (const [v, type] of [...BAD_COUNTS, [0, RangeError], [4097, RangeError]]) {
    add(`createConvNet input[1] = ${show(v)}`, createConv({ input: [1, v, 2] }), type, 'options.input[1]');
  }
  add('createConvNet input 4096x4096x4096', createConv({ input: [4096, 4096, 4096] }), RangeError, 'options.input');
  for (const [v, type] of [
    [undefined, TypeError],
    ['conv', TypeError],
    [[], RangeError],
    [new Array(1025).fill({ dense: 1 }), RangeError],
    [[{ conv: 2, kernel: 3 }], RangeError],
    [[{ pool: 2 }, { dense: 1 }], RangeError],
  ])
    add(`createConvNet layers ${show(v)}`, createConv({ layers: v }), type, 'options.layers');
  for (const [v, type] of [
    [null, TypeError],
    [5, TypeError],
    [{}, TypeError],
    [{ conv: 2, dense: 1 }, TypeError],
  ])
    add(`createConvNet layers[0] = ${show(v)}`, createConv({ layers: [v, { dense: 1 }] }), type, 'options.layers[0]');
  for (const [v, type] of [...BAD_COUNTS, [0, RangeError], [4097, RangeError]])
    add(
      `createConvNet layers[0].conv = ${show(v)}`,
      createConv({ layers: [{ conv: v }, { dense: 1 }] }),
      type,
      'options.layers[0].conv',
    );
  for (const [v, type] of [
    [4, RangeError],
    [7, RangeError],
    [1, RangeError],
    ['3', TypeError],
    [3.5, RangeError],
  ])
    add(
      `createConvNet layers[0].kernel = ${show(v)}`,
      createConv({ layers: [{ conv: 2, kernel: v }, { dense: 1 }] }),
      type,
      'options.layers[0].kernel',
    );
  for (const [v, type] of BAD_ENUM)
    add(
      `createConvNet layers[0].padding = ${show(v)}`,
      createConv({ layers: [{ conv: 2, padding: v }, { dense: 1 }] }),
      type,
      'options.layers[0].padding',
    );
  for (const [v, type] of [
    [3, RangeError],
    [1, RangeError],
    ['2', TypeError],
  ])
    add(
      `createConvNet layers[1].pool = ${show(v)}`,
      createConv({ input: [1, 4, 4], layers: [{ conv: 2 }, { pool: v }, { dense: 1 }] }),
      type,
      'options.layers[1].pool',
    );
  for (const [v, type] of [...BAD_COUNTS, [0, RangeError]])
    add(
      `createConvNet layers[1].dense = ${show(v)}`,
      createConv({ layers: [{ conv: 2 }, { dense: v }] }),
      type,
      'options.layers[1].dense',
    );
  add(
    'createConvNet unknown layer key',
    createConv({ layers: [{ conv: 2, stride: 2 }, { dense: 1 }] }),
    TypeError,
    'stride',
  );
  add(
    'createConvNet pool of a 1x2 input',
    createConv({ layers: [{ pool: 2 }, { dense: 1 }] }),
    RangeError,
    'options.layers[0]',
  );
  add(
    "createConvNet 'valid' 5x5 on 1x2",
    createConv({ layers: [{ conv: 2, kernel: 5, padding: 'valid' }, { dense: 1 }] }),
    RangeError,
    'options.layers[0]',
  );
  add(
    'createConvNet conv after dense',
    createConv({ layers: [{ dense: 4 }, { conv: 2 }, { dense: 1 }] }),
    RangeError,
    'options.layers[1]',
  );
  add(
    'createConvNet output over 2^24 values',
    createConv({ input: [1, 4096, 4096], layers: [{ conv: 2 }, { dense: 1 }] }),
    RangeError,
    'options.layers[0]',
  );
  add(
    'createConvNet parameters over 2 GiB',
    createConv({ input: [1, 64, 64], layers: [{ conv: 4096 }, { pool: 2 }, { dense: 2 ** 24 }, { dense: 1 }] }),
    RangeError,
    'options.layers',
  );
  for (const [key, bad] of [
    ['activation', BAD_ENUM],
    ['loss', BAD_ENUM],
    ['init', BAD_ENUM],
    ['leakySlope', BAD_FLOAT32],
    ['gradAtZero', BAD_GRAD_AT_ZERO],
    ['seed', [...BAD_COUNTS, [2 ** 32, RangeError]]],
  ]) {
    for (const [v, type] of bad)
      add(`createConvNet ${key} ${show(v)}`, createConv({ [key]: v }), type, `options.${key}`);
  }
  add("createConvNet loss 'softmax_ce' with 1 output", createConv({ loss: 'softmax_ce' }), RangeError, 'output');

  // ---- ConvNet methods (the MLP's table below covers the shared option checks) --------------
  const convData = {
    lossAndGradients: (net, X, Y) => net.lossAndGradients(X, Y),
    trainStep: (net, X, Y) => net.trainStep(X, Y),
    train: (net, X, Y) => net.train(X, Y),
  };
  for (const [what, X, type] of [
    ['"X"', 'X', TypeError],
    ['empty', new Float32Array(0), RangeError],
    ['ragged (3 values for 1x1x2 images)', new Float32Array(3), RangeError],
    ['with NaN', new Float32Array([NaN, 0, 0, 1, 1, 0, 1, 1]), RangeError],
  ]) {
    for (const [fn, call] of Object.entries(convData))
      add(`ConvNet.${fn}(X ${what})`, ({ conv }) => call(conv(), X, XOR_Y), type, 'X');
    for (const fn of ['predict', 'activations', 'deadUnits'])
      add(`ConvNet.${fn}(X ${what})`, ({ conv }) => conv()[fn](X), type, 'X');
  }
  for (const [what, Y, type] of [
    ['null', null, TypeError],
    ['of length 3', new Float32Array(3), RangeError],
    ['with label 2 (bce)', [0, 1, 2, 0], RangeError],
    ['with NaN', [0, NaN, 1, 0], RangeError],
  ]) {
    for (const [fn, call] of Object.entries(convData))
      add(`ConvNet.${fn}(X, Y ${what})`, ({ conv }) => call(conv(), XOR_X, Y), type, 'Y');
  }
  add('ConvNet.train options.lr -1', ({ conv }) => conv().train(XOR_X, XOR_Y, { lr: -1 }), RangeError, 'options.lr');
  add(
    'ConvNet.trainStep options.optimizer',
    ({ conv }) => conv().trainStep(XOR_X, XOR_Y, { optimizer: 'x' }),
    RangeError,
    'options.optimizer',
  );
  for (const [v, type] of [...BAD_COUNTS, [2, RangeError]]) {
    add(`ConvNet.getParams(${show(v)})`, ({ conv }) => conv().getParams(v), type, 'layer');
    add(`ConvNet.setParams(${show(v)}, ...)`, ({ conv }) => conv().setParams(v, [0], [0]), type, 'layer');
  }
  add(
    'ConvNet.setParams W of the wrong length',
    ({ conv }) => conv().setParams(0, new Float32Array(17), [0, 0]),
    RangeError,
    'W',
  );
  add(
    'ConvNet.setParams b of the wrong length',
    ({ conv }) => conv().setParams(0, new Float32Array(18), [0]),
    RangeError,
    'b',
  );
  add(
    'ConvNet.setParams W with NaN',
    ({ conv }) => conv().setParams(0, new Float32Array(18).fill(NaN), [0, 0]),
    RangeError,
    'W',
  );
  add(
    'ConvNet.trainOn data of another shape',
    ({ conv, data }) => conv().trainOn(data(new Float32Array(12), XOR_Y, { features: 3 })),
    RangeError,
    'data',
  );
  add('ConvNet.evaluate(null)', ({ conv }) => conv().evaluate(null), TypeError, 'data');
  for (const fn of ['predict', 'train', 'getParams', 'deadUnits'])
    add(
      `ConvNet.${fn} after dispose`,
      ({ conv }) => {
        const net = conv();
        net.dispose();
        return fn === 'getParams' ? net.getParams(0) : net[fn](XOR_X, XOR_Y);
      },
      TypeError,
      fn,
    );

  // ---- MLP methods --------------------------------------------------------------------------
  const dataMethods = {
    lossAndGradients: (net, X, Y, o) => net.lossAndGradients(X, Y, o),
    trainStep: (net, X, Y, o) => net.trainStep(X, Y, o),
    train: (net, X, Y, o) => net.train(X, Y, o),
  };
  const xOnly = ['predict', 'activations', 'preActivations', 'deadUnits'];
  const badX = [
    ...BAD_FLOAT_INPUTS.map(([v, type]) => [show(v), v, type]),
    ['empty', new Float32Array(0), RangeError],
    ['ragged (3 values for 2 inputs)', new Float32Array(3), RangeError],
    ['with NaN', new Float32Array([NaN, 0, 0, 1, 1, 0, 1, 1]), RangeError],
    ['with Infinity', [0, 0, 0, Infinity, 1, 0, 1, 1], RangeError],
    ['with -Infinity', [0, 0, 0, 1, -Infinity, 0, 1, 1], RangeError],
    ['with 1e39 (infinite as float32)', [0, 0, 0, 1, 1e39, 0, 1, 1], RangeError],
  ];
  for (const [what, X, type] of badX) {
    for (const [fn, call] of Object.entries(dataMethods))
      add(`${fn}(X ${what})`, ({ net }) => call(net(), X, XOR_Y), type, 'X');
    for (const fn of xOnly) add(`${fn}(X ${what})`, ({ net }) => net()[fn](X), type, 'X');
  }
  const badY = [
    ...[
      ['"Y"', 'Y'],
      ['null', null],
      ['BigInt64Array', new BigInt64Array(4)],
      ['DataView', new DataView(new ArrayBuffer(16))],
      ['{ length: 4 }', { length: 4 }],
      ['[0, "1", 1, 0]', [0, '1', 1, 0]],
    ].map(([w, v]) => [w, v, TypeError]),
    ['of length 3', new Float32Array(3), RangeError],
    ['of length 5', [0, 1, 1, 0, 1], RangeError],
    ['with NaN', new Float32Array([0, NaN, 1, 0]), RangeError],
    ['with Infinity', [0, Infinity, 1, 0], RangeError],
    ['with label 2 (bce)', [0, 1, 2, 0], RangeError],
    ['with label -1 (bce)', [0, -1, 1, 0], RangeError],
    ['with label 1.0000001 (bce)', [0, 1.0000001, 1, 0], RangeError],
  ];
  for (const [what, Y, type] of badY) {
    for (const [fn, call] of Object.entries(dataMethods))
      add(`${fn}(X, Y ${what})`, ({ net }) => call(net(), XOR_X, Y), type, 'Y');
  }
  const softmax = { sizes: [2, 4, 3], loss: 'softmax_ce' };
  for (const [what, Y] of [
    ['3 of 3 classes', [0, 1, 3, 0]],
    ['1.5', [0, 1.5, 1, 0]],
    ['-1 (Int32Array)', new Int32Array([0, -1, 1, 0])],
    ['2^31', [0, 2 ** 31, 1, 0]],
  ]) {
    for (const [fn, call] of Object.entries(dataMethods))
      add(`${fn} softmax_ce label ${what}`, ({ net }) => call(net(softmax), XOR_X, Y), RangeError, 'Y');
  }
  add(
    'trainStep mse targets of the wrong width',
    ({ net }) => net({ sizes: [2, 3, 2], loss: 'mse' }).trainStep(XOR_X, XOR_Y),
    RangeError,
    'Y',
  );
  for (const [fn, call] of Object.entries(dataMethods)) {
    for (const [v, type] of BAD_OPTIONS)
      add(`${fn}(X, Y, ${show(v)})`, ({ net }) => call(net(), XOR_X, XOR_Y, v), type, 'options');
    const keys = fn === 'lossAndGradients' ? ['l2', 'l1'] : ['lr', 'l2', 'l1', 'momentum', 'eps'];
    for (const key of keys) {
      for (const [v, type] of BAD_NONNEGATIVE)
        add(
          `${fn} options.${key} ${show(v)}`,
          ({ net }) => call(net(), XOR_X, XOR_Y, { [key]: v }),
          type,
          `options.${key}`,
        );
    }
    if (fn === 'lossAndGradients') continue;
    for (const key of ['beta1', 'beta2']) {
      for (const [v, type] of BAD_UNIT)
        add(
          `${fn} options.${key} ${show(v)}`,
          ({ net }) => call(net(), XOR_X, XOR_Y, { optimizer: 'adam', [key]: v }),
          type,
          `options.${key}`,
        );
    }
    for (const [v, type] of BAD_ENUM)
      add(
        `${fn} options.optimizer ${show(v)}`,
        ({ net }) => call(net(), XOR_X, XOR_Y, { optimizer: v }),
        type,
        'options.optimizer',
      );
  }
  for (const key of ['batchSize', 'steps', 'seed']) {
    const bad =
      key === 'seed' ? [...BAD_COUNTS, [2 ** 32, RangeError]] : [...BAD_COUNTS, [0, RangeError], [2 ** 31, RangeError]];
    for (const [v, type] of bad)
      add(
        `train options.${key} ${show(v)}`,
        ({ net }) => net().train(XOR_X, XOR_Y, { [key]: v }),
        type,
        `options.${key}`,
      );
  }
  // A batch whose workspace would exceed 2 GiB: the engine refuses it, naming X.
  add(
    'predict on a batch too large for the workspace',
    ({ net }) => net({ sizes: [1, 2 ** 22, 1] }).predict(new Float32Array(200)),
    RangeError,
    'X',
  );
  for (const fn of ['getParams', 'setParams']) {
    for (const [v, type] of [...BAD_COUNTS, [2, RangeError], [99, RangeError]]) {
      add(
        `${fn}(layer = ${show(v)})`,
        ({ net }) =>
          fn === 'getParams' ? net().getParams(v) : net().setParams(v, new Float32Array(8), new Float32Array(4)),
        type,
        'layer',
      );
    }
  }
  for (const [v, type] of BAD_FLOAT_INPUTS) {
    add(`setParams(0, W = ${show(v)})`, ({ net }) => net().setParams(0, v, new Float32Array(4)), type, 'W');
    add(`setParams(0, W, b = ${show(v)})`, ({ net }) => net().setParams(0, new Float32Array(8), v), type, 'b');
  }
  add(
    'setParams W of length 7',
    ({ net }) => net().setParams(0, new Float32Array(7), new Float32Array(4)),
    RangeError,
    'W',
  );
  add(
    'setParams b of length 5',
    ({ net }) => net().setParams(0, new Float32Array(8), new Float32Array(5)),
    RangeError,
    'b',
  );
  for (const [what, v] of [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['1e39', 1e39],
  ]) {
    add(
      `setParams W with ${what}`,
      ({ net }) => net().setParams(0, new Float32Array(8).fill(v), new Float32Array(4)),
      RangeError,
      'W',
    );
    add(
      `setParams b with ${what}`,
      ({ net }) => net().setParams(0, new Float32Array(8), [0, 0, v, 0]),
      RangeError,
      'b',
    );
  }
  const allMethods = {
    getParams: (n) => n.getParams(0),
    setParams: (n) => n.setParams(0, new Float32Array(8), new Float32Array(4)),
    lossAndGradients: (n) => n.lossAndGradients(XOR_X, XOR_Y),
    trainStep: (n) => n.trainStep(XOR_X, XOR_Y),
    train: (n) => n.train(XOR_X, XOR_Y),
    resetOptimizer: (n) => n.resetOptimizer(),
    predict: (n) => n.predict(XOR_X),
    activations: (n) => n.activations(XOR_X),
    preActivations: (n) => n.preActivations(XOR_X),
    deadUnits: (n) => n.deadUnits(XOR_X),
  };
  for (const [fn, call] of Object.entries(allMethods)) {
    add(
      `disposed network: ${fn}()`,
      ({ net }) => {
        const n = net();
        n.dispose();
        n.dispose(); // double dispose: harmless
        assert.equal(n.disposed, true);
        call(n);
      },
      TypeError,
      fn,
    );
  }
  // ---- datasets (issue 14): createDataset, trainOn, evaluate ------------------------------
  const PIXELS = new Uint8Array([0, 0, 0, 255, 255, 0, 255, 255]);
  const dataOpts = { features: 2, scale: 1 / 255 };
  const createData =
    (X, Y, o) =>
    ({ rw }) =>
      rw.createDataset(X, Y, o).dispose();
  for (const [v, type] of BAD_FLOAT_INPUTS) {
    add(`createDataset(X = ${show(v)})`, createData(v, XOR_Y, dataOpts), type, 'X');
  }
  for (const [what, X] of [
    ['empty', new Uint8Array(0)],
    ['ragged', new Uint8Array(7)],
    ['with NaN', [0, NaN, 1, 1]],
    ['with 1e39', [0, 1e39, 1, 1]],
  ]) {
    add(
      `createDataset(X ${what})`,
      createData(X, what === 'ragged' || what === 'empty' ? XOR_Y : [0, 1], dataOpts),
      RangeError,
      'X',
    );
  }
  add(
    'createDataset(X * scale infinite in float32)',
    createData([0, 3e38, 1, 1], [0, 1], { features: 2, scale: 10 }),
    RangeError,
    'X',
  );
  for (const [v, type] of [
    ['Y', TypeError],
    [null, TypeError],
    [new BigInt64Array(4), TypeError],
    [{ length: 4 }, TypeError],
    [[0, '1', 1, 0], TypeError],
    [new Float32Array(3), RangeError],
    [[], RangeError],
    [[0, NaN, 1, 0], RangeError],
    [[0, Infinity, 1, 0], RangeError],
  ]) {
    add(`createDataset(X, Y = ${show(v)})`, createData(PIXELS, v, dataOpts), type, 'Y');
  }
  for (const [v, type] of [[undefined, TypeError], ...BAD_OPTIONS])
    add(`createDataset(X, Y, ${show(v)})`, createData(PIXELS, XOR_Y, v), type, 'options');
  add('createDataset without features', createData(PIXELS, XOR_Y, { scale: 1 }), TypeError, 'options.features');
  for (const [v, type] of [...BAD_COUNTS, [0, RangeError], [2 ** 24 + 1, RangeError]]) {
    add(`createDataset features ${show(v)}`, createData(PIXELS, XOR_Y, { features: v }), type, 'options.features');
  }
  for (const [v, type] of [...BAD_FLOAT32, [-1, RangeError], [1e37, RangeError]]) {
    add(
      `createDataset scale ${show(v)} (uint8)`,
      createData(PIXELS, XOR_Y, { features: 2, scale: v }),
      type,
      'options.scale',
    );
  }
  add(
    "createDataset with the unknown option 'scal'",
    createData(PIXELS, XOR_Y, { features: 2, scal: 1 }),
    TypeError,
    "'scal'",
  );
  const detachedU8 = () => {
    const a = new Uint8Array(8);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  };
  add('createDataset(X detached)', ({ rw }) => rw.createDataset(detachedU8(), XOR_Y, dataOpts), TypeError, 'X');
  add('createDataset(X, Y detached)', ({ rw }) => rw.createDataset(PIXELS, detachedU8(), dataOpts), TypeError, 'Y');

  const onData = {
    trainOn: (net, data, o) => net.trainOn(data, o),
    evaluate: (net, data, o) => net.evaluate(data, o),
  };
  for (const [fn, call] of Object.entries(onData)) {
    const badData = [
      ['null', () => null],
      ['an object', () => ({ rows: 4 })],
      ['a Uint8Array', () => PIXELS],
      [
        'disposed',
        (ctx) => {
          const d = ctx.data();
          d.dispose();
          return d;
        },
      ],
      ['from another instance', (ctx) => ctx.foreignData()],
    ];
    for (const [what, make] of badData)
      add(`${fn}(data ${what})`, (ctx) => call(ctx.net(), make(ctx)), TypeError, 'data');
    add(
      `${fn}(data with 3 features)`,
      (ctx) => call(ctx.net(), ctx.data(new Uint8Array(12), [0, 1, 1, 0], { features: 3 })),
      RangeError,
      'data',
    );
    add(
      `${fn}(data with 2 targets per row)`,
      (ctx) => call(ctx.net(), ctx.data(PIXELS, new Float32Array(8), dataOpts)),
      RangeError,
      'data',
    );
    add(
      `${fn}(data with bce label 2)`,
      (ctx) => call(ctx.net(), ctx.data(PIXELS, [0, 1, 2, 0], dataOpts)),
      RangeError,
      'data',
    );
    add(
      `${fn}(data with softmax_ce label 3 of 3)`,
      (ctx) => call(ctx.net(softmax), ctx.data(PIXELS, [0, 1, 3, 0], dataOpts)),
      RangeError,
      'data',
    );
    add(
      `${fn}(data with softmax_ce label 0.5)`,
      (ctx) => call(ctx.net(softmax), ctx.data(PIXELS, [0, 1, 0.5, 0], dataOpts)),
      RangeError,
      'data',
    );
    for (const [v, type] of BAD_OPTIONS)
      add(`${fn}(data, ${show(v)})`, (ctx) => call(ctx.net(), ctx.data(), v), type, 'options');
    add(
      `disposed network: ${fn}()`,
      (ctx) => {
        const n = ctx.net();
        n.dispose();
        call(n, ctx.data());
      },
      TypeError,
      fn,
    );
  }
  const badTrainOn = (key, bad) => {
    for (const [v, type] of bad) {
      add(
        `trainOn options.${key} ${show(v)}`,
        (ctx) => ctx.net().trainOn(ctx.data(), { [key]: v }),
        type,
        `options.${key}`,
      );
    }
  };
  for (const key of ['batchSize', 'steps', 'seed', 'epochs']) {
    badTrainOn(
      key,
      key === 'seed' ? [...BAD_COUNTS, [2 ** 32, RangeError]] : [...BAD_COUNTS, [0, RangeError], [2 ** 31, RangeError]],
    );
  }
  for (const key of ['lr', 'l2', 'momentum']) badTrainOn(key, BAD_NONNEGATIVE);
  for (const [v, type] of BAD_ENUM)
    add(
      `trainOn options.optimizer ${show(v)}`,
      (ctx) => ctx.net().trainOn(ctx.data(), { optimizer: v }),
      type,
      'options.optimizer',
    );
  add(
    'trainOn with both epochs and steps',
    (ctx) => ctx.net().trainOn(ctx.data(), { epochs: 1, steps: 2 }),
    TypeError,
    'options.epochs',
  );
  add(
    'trainOn epochs whose steps exceed 2^31 - 1',
    (ctx) => ctx.net().trainOn(ctx.data(), { epochs: 2 ** 30, batchSize: 1 }),
    RangeError,
    'options.epochs',
  );
  add(
    "trainOn with the unknown option 'epoch'",
    (ctx) => ctx.net().trainOn(ctx.data(), { epoch: 1 }),
    TypeError,
    "'epoch'",
  );
  add(
    "trainOn with the option 'signal' (trainOnAsync's)",
    (ctx) => ctx.net().trainOn(ctx.data(), { signal: null }),
    TypeError,
    "'signal'",
  );
  for (const key of ['first', 'count']) {
    const bad = [
      ...BAD_COUNTS,
      [2 ** 32, RangeError],
      ...(key === 'count'
        ? [[0, RangeError]]
        : [
            [4, RangeError],
            [5, RangeError],
          ]),
    ];
    for (const [v, type] of bad)
      add(
        `evaluate options.${key} ${show(v)}`,
        (ctx) => ctx.net().evaluate(ctx.data(), { [key]: v }),
        type,
        `options.${key}`,
      );
  }
  add(
    "evaluate with the unknown option 'rows'",
    (ctx) => ctx.net().evaluate(ctx.data(), { rows: 1 }),
    TypeError,
    "'rows'",
  );

  // ---- unknown option keys (issue 12): a TypeError naming the key ------------------------
  const unknownKeys = [
    ['createMLP', ({ rw }) => rw.createMLP({ sizes: [2, 1], hidden: [8] }), 'hidden'],
    ['trainStep', ({ net }) => net().trainStep(XOR_X, XOR_Y, { learningRate: 0.1 }), 'learningRate'],
    ['train', ({ net }) => net().train(XOR_X, XOR_Y, { epochs: 3 }), 'epochs'],
    ['lossAndGradients', ({ net }) => net().lossAndGradients(XOR_X, XOR_Y, { optimizer: 'adam' }), 'optimizer'],
    ['reluBackward', ({ rw }) => rw.reluBackward([1], [1], { alpha: 0.1 }), 'alpha'],
    ['reluBackwardInto', ({ rw, buf }) => rw.reluBackwardInto(buf(1), buf(1), buf(1), { out: null }), 'out'],
  ];
  for (const [fn, call, key] of unknownKeys) add(`${fn} with the unknown option '${key}'`, call, TypeError, `'${key}'`);

  // ---- detached arrays (issue 12): a TypeError naming the argument ------------------------
  const detached = () => {
    const a = new Float32Array(2);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  };
  add('relu(x detached)', ({ rw }) => rw.relu(detached()), TypeError, 'x');
  add('relu(x, out detached)', ({ rw }) => rw.relu([1, 2], detached()), TypeError, 'out');
  add('reluBackward(x, dy detached)', ({ rw }) => rw.reluBackward([1, 2], detached()), TypeError, 'dy');
  add('leakyReluBackward(x detached)', ({ rw }) => rw.leakyReluBackward(detached(), [1, 2]), TypeError, 'x');
  add('buffer.set(src detached)', ({ buf }) => buf(2).set(detached()), TypeError, 'src');
  add('trainStep(X detached)', ({ net }) => net().trainStep(detached(), XOR_Y), TypeError, 'X');
  add('trainStep(X, Y detached)', ({ net }) => net().trainStep(new Float32Array(2), detached()), TypeError, 'Y');
  add('setParams(0, W detached)', ({ net }) => net().setParams(0, detached(), new Float32Array(4)), TypeError, 'W');
  return cases;
}

let total = 0;
after(() =>
  console.log(`misuse-all: ${total} misuse cases run (each followed by relu + tiny training on the same instance)`),
);

for (const { name, options } of BACKENDS) {
  describe(`${name}: every public function misused`, () => {
    let rw;
    let other;
    let baseline;
    before(async () => {
      rw = await loadRelu(options);
      other = await loadRelu(options);
      baseline = tinyTraining(rw);
      assert.ok(baseline.loss < 0.69, `the tiny net learns (mean loss ${baseline.loss})`);
    });

    function stillWorks() {
      computesTheExample(rw);
      assert.deepEqual(tinyTraining(rw), baseline, 'the tiny network trains to the same bits');
    }

    test('the table: TypeError/RangeError naming the argument, then the instance still works', () => {
      const cases = buildCases();
      const failures = [];
      for (const c of cases) {
        const owned = [];
        const ctx = {
          rw,
          buf: (n) => (owned.push(rw.alloc(n)), owned.at(-1)),
          foreign: (n) => (owned.push(other.alloc(n)), owned.at(-1)),
          net: (o = { sizes: [2, 4, 1] }) => (owned.push(rw.createMLP({ seed: 1, ...o })), owned.at(-1)),
          conv: (o = {}) => (
            owned.push(
              rw.createConvNet({ input: [1, 1, 2], layers: [{ conv: 2, kernel: 3 }, { dense: 1 }], seed: 1, ...o }),
            ),
            owned.at(-1)
          ),
          data: (X = XOR_X, Y = XOR_Y, o = { features: 2 }) => (owned.push(rw.createDataset(X, Y, o)), owned.at(-1)),
          foreignData: () => (owned.push(other.createDataset(XOR_X, XOR_Y, { features: 2 })), owned.at(-1)),
        };
        let error;
        try {
          c.call(ctx);
        } catch (e) {
          error = e;
        }
        for (const o of owned) o.dispose();
        if (!(error instanceof c.type))
          failures.push(
            `${c.label}: expected ${c.type.name}, got ${error === undefined ? 'no error' : `${error?.constructor?.name}: ${error?.message ?? error}`}`,
          );
        else if (!nameRe(c.name).test(error.message))
          failures.push(`${c.label}: message does not name ${c.name}: ${error.message}`);
        stillWorks();
        total++;
      }
      assert.deepEqual(failures, []);
      assert.ok(cases.length > 500, `${cases.length} cases`);
    });

    test('loadRelu options', async () => {
      const bad = [
        ['x', TypeError, 'options'],
        [null, TypeError, 'options'],
        [5, TypeError, 'options'],
        [{ simd: 'yes' }, TypeError, 'options.simd'],
        [{ simd: 1 }, TypeError, 'options.simd'],
        [{ simd: null }, TypeError, 'options.simd'],
        [{ wasmPaths: 42 }, TypeError, 'options.wasmPaths'],
        [{ wasmPaths: null }, TypeError, 'options.wasmPaths'],
        [{ wasmPaths: { simd: 5 }, simd: true }, TypeError, 'options.wasmPaths.simd'],
        [{ wasmPaths: { scalar: {} }, simd: false }, TypeError, 'options.wasmPaths.scalar'],
      ];
      for (const [v, type, arg] of bad) {
        await assert.rejects(loadRelu(v), (e) => e instanceof type && e.message.includes(arg), `loadRelu(${show(v)})`);
        stillWorks();
        total++;
      }
    });

    test('soaks: 100 000 copying calls, 10 000 buffers, 10 000 networks, 10 000 datasets, 10 000 engine-rejected calls leave memory flat', () => {
      const net = rw.createMLP({ sizes: [2, 4, 1], seed: 1 });
      const labels3 = rw.createDataset(XOR_X, [0, 1, 3, 0], { features: 2 });
      const soaks = {
        '100 000 copying calls': () => {
          const x = new Float32Array(1024).fill(-1);
          for (let i = 0; i < 100_000; i++) rw.relu(x);
        },
        '10 000 buffer alloc/dispose': () => {
          for (let i = 0; i < 10_000; i++) rw.alloc(64).dispose();
        },
        '10 000 network create/train/dispose': () => {
          for (let i = 0; i < 10_000; i++) {
            const n = rw.createMLP({ sizes: [2, 8, 1], seed: i });
            n.train(XOR_X, XOR_Y, { batchSize: 4 });
            n.dispose();
          }
        },
        '10 000 dataset create/trainOn/evaluate/dispose': () => {
          for (let i = 0; i < 10_000; i++) {
            const d = rw.createDataset(XOR_X, XOR_Y, { features: 2 });
            net.trainOn(d, { batchSize: 2 });
            net.evaluate(d);
            d.dispose();
          }
        },
        // Errors found by the engine (labels, NaN) cross the boundary as a status and a message.
        '10 000 engine-rejected calls': () => {
          for (let i = 0; i < 10_000; i++) {
            assert.throws(() => net.trainStep(XOR_X, [0, 1, 2, 0]), RangeError);
            assert.throws(() => net.setParams(0, new Float32Array(8).fill(NaN), new Float32Array(4)), RangeError);
            assert.throws(() => net.trainOn(labels3, { batchSize: 2 }), RangeError);
          }
        },
      };
      for (const [what, soak] of Object.entries(soaks)) {
        soak(); // warm-up: scratch and workspaces reach their size
        const before = rw.memoryBytes();
        soak();
        const after = rw.memoryBytes();
        console.log(`${name}: soak ${what}: WASM memory ${before} B before, ${after} B after`);
        assert.equal(after, before, what);
      }
      net.dispose();
      labels3.dispose();
      stillWorks();
    });

    test('memory growth during a network call leaves buffers live (view() re-derived), and the net keeps working', async () => {
      // A fresh instance, so each call below must grow its (small) memory.
      const rw = await loadRelu(options);
      const a = rw.alloc(4);
      a.set([-1, 2, -3, 4]);
      const stale = a.view();
      const net = rw.createMLP({ sizes: [2, 4, 1], seed: 3 });
      const p0 = net.predict(XOR_X);
      const grew = [];
      // Each call needs more memory than the instance has reserved so far.
      // Each call needs more memory than the instance has reserved so far (it starts small).
      const calls = [
        () => net.predict(new Float32Array(2 * 200_000)),
        () => net.trainStep(new Float32Array(2 * 1_000_000), new Float32Array(1_000_000), { lr: 0 }),
        () => rw.createMLP({ sizes: [2, 4096, 4096, 1] }).dispose(),
      ];
      for (const call of calls) {
        const before = rw.memoryBytes();
        call();
        grew.push([before, rw.memoryBytes()]);
        assert.ok(rw.memoryBytes() > before, `memory grew ${before} -> ${rw.memoryBytes()}`);
        assert.equal(stale.byteLength, 0, 'a view taken before growth is detached (documented)');
        assert.deepEqual(Array.from(a.view()), [-1, 2, -3, 4], 'view() after growth reads the buffer');
        assert.deepEqual(Array.from(a.toArray()), [-1, 2, -3, 4]);
        assert.deepEqual(net.predict(XOR_X), p0, 'the network is intact');
      }
      rw.reluInto(a, a);
      assert.deepEqual(Array.from(a.view()), [0, 2, 0, 4]);
      a.dispose();
      net.dispose();
      assert.deepEqual(tinyTraining(rw), baseline);
      console.log(
        `${name}: memory growth during network calls: ${grew.map(([b, g]) => `${b} -> ${g} B`).join(', ')}; buffers stayed live`,
      );
    });
  });
}
