// The public API: results, options, buffers, errors (each a TypeError/RangeError naming the
// argument, after which the instance still computes correctly), memory growth, loading.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { before, describe, test } from 'node:test';

import { loadRelu, ReluLoadError, wasmSimdSupported } from 'relu-wasm';

import { BACKENDS, computesTheExample } from './helpers.mjs';

const EXAMPLE = [-2, -1, 0, 1, 2];

const stillWorks = computesTheExample;

for (const { name, options } of BACKENDS) {
  describe(name, () => {
    let rw;
    before(async () => {
      rw = await loadRelu(options);
    });

    test('backend and the source example', () => {
      assert.equal(rw.backend, name);
      const y = rw.relu(EXAMPLE);
      assert.ok(y instanceof Float32Array);
      assert.deepEqual(Array.from(y), [0, 0, 0, 1, 2]);
      assert.deepEqual(Array.from(rw.relu(new Float32Array(EXAMPLE))), [0, 0, 0, 1, 2]);
      assert.equal(rw.relu([]).length, 0);
    });

    test('special values: NaN, -0, infinities, subnormals', () => {
      const y = rw.relu([NaN, -0, Infinity, -Infinity, 1e-45, -1e-45]);
      assert.ok(Number.isNaN(y[0]));
      assert.ok(Object.is(y[1], -0), '-0 stays -0');
      assert.equal(y[2], Infinity);
      assert.ok(Object.is(y[3], 0));
      assert.equal(y[4], Math.fround(1e-45), 'no flush to zero');
      assert.ok(Object.is(y[5], 0));
    });

    test('out parameters, including in place over the input', () => {
      const x = new Float32Array(EXAMPLE);
      const out = new Float32Array(5);
      assert.equal(rw.relu(x, out), out);
      assert.deepEqual(Array.from(out), [0, 0, 0, 1, 2]);
      assert.equal(rw.relu(x, x), x);
      assert.deepEqual(Array.from(x), [0, 0, 0, 1, 2]);
      const dx = new Float32Array(3);
      assert.equal(rw.reluBackward([-1, 0, 1], [5, 5, 5], { out: dx }), dx);
      assert.deepEqual(Array.from(dx), [0, 0, 5]);
      const ly = new Float32Array(2);
      assert.equal(rw.leakyRelu([-1, 1], 0.5, ly), ly);
      assert.deepEqual(Array.from(ly), [-0.5, 1]);
    });

    test('reluBackward: gradAtZero 0 (default, PyTorch) and 1 (the source FAQ)', () => {
      const x = [-1, -0, 0, 1, NaN];
      const dy = [7, 7, 7, 7, 7];
      assert.deepEqual(Array.from(rw.reluBackward(x, dy)), [0, 0, 0, 7, 7]);
      assert.deepEqual(Array.from(rw.reluBackward(x, dy, { gradAtZero: 0 })), [0, 0, 0, 7, 7]);
      assert.deepEqual(Array.from(rw.reluBackward(x, dy, { gradAtZero: 1 })), [0, 7, 7, 7, 7]);
    });

    test('leaky ReLU forward and backward, default alpha 0.01', () => {
      assert.deepEqual(Array.from(rw.leakyRelu([-100, 0, 3])), [Math.fround(-1), 0, 3]);
      assert.deepEqual(Array.from(rw.leakyRelu([-2, 3], 0.25)), [-0.5, 3]);
      assert.deepEqual(
        Array.from(rw.leakyReluBackward([-2, 0, 3], [4, 4, 4])),
        [0.03999999910593033, 0.03999999910593033, 4],
      );
      assert.deepEqual(Array.from(rw.leakyReluBackward([-2, 3], [4, 4], 0.5)), [2, 4]);
    });

    test('zero-copy buffers: alloc, set, view, toArray, the Into functions, dispose', () => {
      const n = 1000;
      const x = rw.alloc(n);
      const y = rw.alloc(n);
      const dy = rw.alloc(n);
      assert.equal(x.length, n);
      const src = Float32Array.from({ length: n }, (_, i) => i - 500);
      x.set(src);
      dy.set(new Float32Array(n).fill(2));
      rw.reluInto(x, y);
      assert.deepEqual(y.toArray(), rw.relu(src));
      rw.reluBackwardInto(x, dy, y);
      assert.equal(y.view()[500], 0, 'gradient at exactly 0 is 0 by default');
      rw.reluBackwardInto(x, dy, y, { gradAtZero: 1 });
      assert.equal(y.view()[500], 2);
      rw.leakyReluInto(x, y, 0.5);
      assert.equal(y.view()[0], -250);
      rw.leakyReluBackwardInto(x, dy, dy, 0.5);
      assert.equal(dy.view()[0], 1);
      assert.equal(dy.view()[999], 2);
      x.set([9, -9], 10);
      assert.deepEqual(Array.from(x.view().subarray(9, 13)), [-491, 9, -9, -488]);
      assert.ok(x.toArray().buffer !== x.view().buffer, 'toArray copies out of WASM memory');
      for (const b of [x, y, dy]) b.dispose();
      assert.equal(x.disposed, true);
      x.dispose(); // a second dispose is harmless
      const empty = rw.alloc(0);
      assert.equal(empty.view().length, 0);
      rw.reluInto(empty, empty);
      empty.dispose();
    });

    test('memory growth never leaves a buffer without a live view', () => {
      const a = rw.alloc(4);
      a.set([-1, 2, -3, 4]);
      const stale = a.view();
      const before = rw.memoryBytes();
      const big = rw.alloc(8 * 1024 * 1024); // 32 MiB: forces growth
      assert.ok(rw.memoryBytes() > before, 'memory grew');
      assert.equal(stale.byteLength, 0, 'views taken before growth are detached (documented)');
      assert.deepEqual(Array.from(a.view()), [-1, 2, -3, 4], 'view() after growth is live');
      rw.reluInto(a, a);
      assert.deepEqual(Array.from(a.toArray()), [0, 2, 0, 4]);
      big.dispose();
      a.dispose();
    });

    const misuse = [
      [
        'relu(string)',
        () => rw.relu('1,2'),
        TypeError,
        /x must be a Float32Array, another numeric typed array or an array of numbers/,
      ],
      [
        'relu(BigInt64Array)',
        () => rw.relu(new BigInt64Array(2)),
        TypeError,
        /x is a BigInt64Array: BigInt arrays are not converted/,
      ],
      [
        'relu(DataView)',
        () => rw.relu(new DataView(new ArrayBuffer(8))),
        TypeError,
        /x must be a Float32Array, another numeric typed array/,
      ],
      ['relu([1, "a"])', () => rw.relu([1, 'a']), TypeError, /x\[1\] must be a number/],
      ['relu(x, wrong out length)', () => rw.relu([1, 2], new Float32Array(3)), RangeError, /out has length 3/],
      ['relu(x, out number[])', () => rw.relu([1, 2], [0, 0]), TypeError, /out must be a Float32Array/],
      [
        'reluBackward length mismatch',
        () => rw.reluBackward([1, 2], [1]),
        RangeError,
        /dy has length 1 but x has length 2/,
      ],
      [
        'reluBackward gradAtZero 2',
        () => rw.reluBackward([1], [1], { gradAtZero: 2 }),
        RangeError,
        /gradAtZero must be 0 or 1/,
      ],
      ['reluBackward gradAtZero "1"', () => rw.reluBackward([1], [1], { gradAtZero: '1' }), TypeError, /gradAtZero/],
      [
        'reluBackward options null',
        () => rw.reluBackward([1], [1], null),
        TypeError,
        /options must be an options object/,
      ],
      ['leakyRelu alpha NaN', () => rw.leakyRelu([1], NaN), RangeError, /alpha must be finite/],
      ['leakyRelu alpha string', () => rw.leakyRelu([1], '0.1'), TypeError, /alpha must be a number/],
      [
        'leakyReluBackward alpha Infinity',
        () => rw.leakyReluBackward([1], [1], Infinity),
        RangeError,
        /alpha must be finite/,
      ],
      ['alloc(-1)', () => rw.alloc(-1), RangeError, /n must be a non-negative integer/],
      ['alloc(1.5)', () => rw.alloc(1.5), RangeError, /n must be a non-negative integer/],
      ['alloc(NaN)', () => rw.alloc(NaN), RangeError, /n must be a non-negative integer/],
      ['alloc(Infinity)', () => rw.alloc(Infinity), RangeError, /n must be a non-negative integer/],
      ['alloc("3")', () => rw.alloc('3'), TypeError, /n must be a number/],
      ['alloc(2**40)', () => rw.alloc(2 ** 40), RangeError, /more than the limit/],
      ['alloc(3 GiB)', () => rw.alloc((3 * 2 ** 30) / 4), RangeError, /more than the limit|cannot allocate/],
      ['alloc(1.9 GiB) the heap cannot satisfy', () => rw.alloc(2 ** 29 - 1), RangeError, /cannot allocate a buffer/],
      [
        'reluInto(Float32Array)',
        () => rw.reluInto(new Float32Array(2), rw.alloc(2)),
        TypeError,
        /x must be a WasmBuffer/,
      ],
      [
        'reluInto lengths differ',
        () => rw.reluInto(rw.alloc(2), rw.alloc(3)),
        RangeError,
        /out has length 3 but x has length 2/,
      ],
      [
        'reluBackwardInto dx length',
        () => rw.reluBackwardInto(rw.alloc(2), rw.alloc(2), rw.alloc(1)),
        RangeError,
        /dx has length 1/,
      ],
      ['set too long', () => rw.alloc(2).set([1, 2, 3]), RangeError, /does not fit/],
      ['set bad offset', () => rw.alloc(2).set([1], -1), RangeError, /offset must be a non-negative integer/],
      [
        'disposed buffer in reluInto',
        () => {
          const b = rw.alloc(2);
          b.dispose();
          rw.reluInto(b, b);
        },
        TypeError,
        /x has been disposed/,
      ],
      [
        'view() of a disposed buffer',
        () => {
          const b = rw.alloc(2);
          b.dispose();
          b.view();
        },
        TypeError,
        /disposed WasmBuffer/,
      ],
    ];
    for (const [what, call, type, message] of misuse) {
      test(`misuse: ${what} -> ${type.name}, then still works`, () => {
        assert.throws(call, (e) => e instanceof type && message.test(e.message));
        stillWorks(rw);
      });
    }

    test('a buffer from another instance is refused', async () => {
      const other = await loadRelu(options);
      const foreign = other.alloc(2);
      assert.throws(() => rw.reluInto(foreign, foreign), { name: 'TypeError', message: /another relu-wasm instance/ });
      stillWorks(rw);
      stillWorks(other);
    });

    test('100 000 copying calls leave memory flat', () => {
      rw.relu(new Float32Array(4096));
      const before = rw.memoryBytes();
      const x = new Float32Array(1024).fill(-1);
      for (let i = 0; i < 100_000; i++) rw.relu(x);
      for (let i = 0; i < 10_000; i++) rw.alloc(64).dispose();
      assert.equal(rw.memoryBytes(), before);
    });
  });
}

describe('loading', () => {
  test("simd: 'auto' picks SIMD on an engine that has it; instances are independent", async () => {
    assert.equal(wasmSimdSupported(), true);
    const a = await loadRelu();
    const b = await loadRelu({ simd: false });
    assert.equal(a.backend, 'wasm-simd');
    assert.equal(b.backend, 'wasm-scalar');
    a.alloc(4 * 1024 * 1024);
    assert.notEqual(a.memoryBytes(), b.memoryBytes(), 'separate memories');
    assert.deepEqual(Array.from(b.relu(EXAMPLE)), [0, 0, 0, 1, 2]);
  });

  test('without engine SIMD: auto falls back to scalar, simd: true rejects clearly', async (t) => {
    const validate = WebAssembly.validate;
    t.after(() => {
      WebAssembly.validate = validate;
    });
    WebAssembly.validate = () => false;
    assert.equal((await loadRelu({ simd: 'auto' })).backend, 'wasm-scalar');
    await assert.rejects(
      loadRelu({ simd: true }),
      (e) =>
        e instanceof ReluLoadError &&
        e.reason === 'simd-unsupported' &&
        /does not support WebAssembly SIMD/.test(e.message),
    );
  });

  test('bad options are TypeErrors', async () => {
    await assert.rejects(loadRelu({ simd: 'yes' }), TypeError);
    await assert.rejects(loadRelu('simd'), TypeError);
    await assert.rejects(loadRelu([]), TypeError);
    await assert.rejects(loadRelu({ wasmPaths: 42 }), TypeError);
  });

  test('wasmPaths: a folder prefix and per-binary URLs load the right files', async () => {
    const dir = new URL('../../dist/wasm/', import.meta.url);
    assert.equal((await loadRelu({ wasmPaths: dir.href })).backend, 'wasm-simd');
    assert.equal(
      (await loadRelu({ wasmPaths: 'dist/wasm', simd: false })).backend,
      'wasm-scalar',
      'relative to the working directory',
    );
    const scalarFile = new URL('relu-scalar.wasm', dir);
    assert.equal((await loadRelu({ simd: false, wasmPaths: { scalar: scalarFile } })).backend, 'wasm-scalar');
    // The wrong binary under the right name is caught.
    await assert.rejects(
      loadRelu({ simd: true, wasmPaths: { simd: scalarFile } }),
      (e) => e instanceof ReluLoadError && /wasm-scalar build, expected wasm-simd/.test(e.message),
    );
  });

  test('a missing file names the URL', async () => {
    await assert.rejects(
      loadRelu({ wasmPaths: '/nonexistent/dir/' }),
      (e) =>
        e instanceof ReluLoadError &&
        e.reason === 'fetch-failed' &&
        e.message.includes('file:///nonexistent/dir/relu-simd.wasm'),
    );
  });

  test('over HTTP: 404 and an HTML page instead of WASM name the URL and status', async (t) => {
    const server = createServer((req, res) => {
      if (req.url.startsWith('/missing/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
      } else {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><html><body>SPA fallback</body></html>');
      }
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => server.close());
    const base = `http://127.0.0.1:${server.address().port}`;
    await assert.rejects(
      loadRelu({ wasmPaths: `${base}/missing/` }),
      (e) =>
        e instanceof ReluLoadError &&
        e.status === 404 &&
        e.message.includes(`${base}/missing/relu-simd.wasm`) &&
        e.message.includes('404'),
    );
    await assert.rejects(
      loadRelu({ wasmPaths: `${base}/html/` }),
      (e) =>
        e instanceof ReluLoadError &&
        e.reason === 'not-wasm' &&
        e.message.includes(`${base}/html/relu-simd.wasm`) &&
        e.message.includes('text/html'),
    );
    await assert.rejects(
      loadRelu({ wasmPaths: 'http://127.0.0.1:1/' }),
      (e) =>
        e instanceof ReluLoadError &&
        e.reason === 'fetch-failed' &&
        e.message.includes('http://127.0.0.1:1/relu-simd.wasm'),
    );
  });
});
