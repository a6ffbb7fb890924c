// The shipped binaries' kernels, both backends, against the NumPy/PyTorch golden vectors and
// an independent reference over every length 0..257, every misalignment 0..3 floats, in place
// and out of place, with canaries around the output.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { bitsOf, fromBits, isNaN32, loadAll, loadBinary, loadGolden, mixedValues, ref, rng } from './helpers.mjs';

const golden = loadGolden();
let backends;
before(async () => {
  backends = await loadAll();
});

function assertBitsEqual(actual, expected, what, anyNaN = false) {
  for (let i = 0; i < expected.length; i++) {
    const a = bitsOf(actual[i]);
    const e = typeof expected[i] === 'number' && expected instanceof Uint32Array ? expected[i] : bitsOf(expected[i]);
    if (anyNaN && isNaN32(e)) {
      assert.ok(isNaN32(a), `${what}[${i}]: expected NaN, got ${actual[i]}`);
    } else if (a !== e) {
      assert.fail(
        `${what}[${i}]: got 0x${a.toString(16)} (${actual[i]}), expected 0x${e.toString(16)} (${fromBits(e)})`,
      );
    }
  }
}

describe('golden vectors (NumPy np.maximum(0, x) and PyTorch)', () => {
  for (const backend of ['wasm-simd', 'wasm-scalar']) {
    test(backend, () => {
      const { rw } = backends.find((b) => b.name === backend);
      assert.equal(rw.backend, backend);
      assert.equal(golden.length, 7);
      for (const c of golden) {
        const what = `${backend} ${c.op} ${c.param}`;
        if (c.op === 'relu') assertBitsEqual(rw.relu(c.x), c.expected, what);
        else if (c.op === 'relu_backward') {
          assertBitsEqual(rw.reluBackward(c.x, c.dy, { gradAtZero: Number(c.param) }), c.expected, what);
        } else {
          const alpha = fromBits(parseInt(c.param, 16));
          const out = c.op === 'leaky_relu' ? rw.leakyRelu(c.x, alpha) : rw.leakyReluBackward(c.x, c.dy, alpha);
          assertBitsEqual(out, c.expected, what, true);
        }
      }
    });
  }
});

describe('every length, misalignment and aliasing, against the reference', () => {
  const MAX = 257;
  const GUARD = 8;
  const CANARY = 0x7f8dead1;
  const FILL = 0x7fa5a5a5;
  const kernels = [
    { name: 'reluForward', arity: 1, call: (m, x, dy, y, n) => m.reluForward(x, y, n), ref: (x) => ref.relu(x) },
    ...[0, 1].map((g) => ({
      name: `reluBackward/${g}`,
      arity: 2,
      call: (m, x, dy, dx, n) => m.reluBackward(x, dy, dx, n, g),
      ref: (x, dy) => ref.reluGrad(x, dy, g),
    })),
    ...[0.01, 0.2].map((a) => ({
      name: `leakyReluForward/${a}`,
      arity: 1,
      call: (m, x, dy, y, n) => m.leakyReluForward(x, y, n, a),
      ref: (x) => ref.leaky(x, a),
    })),
    ...[0.01, 0.2].map((a) => ({
      name: `leakyReluBackward/${a}`,
      arity: 2,
      call: (m, x, dy, dx, n) => m.leakyReluBackward(x, dy, dx, n, a),
      ref: (x, dy) => ref.leakyGrad(x, dy, a),
    })),
  ];

  for (const backend of ['wasm-simd', 'wasm-scalar']) {
    test(backend, async () => {
      // The binary's kernels at arbitrary float offsets: the package only hands out aligned
      // buffers, the kernels must not care.
      const m = await loadBinary(backend);
      const span = MAX + 2 * GUARD + 4;
      const block = m.allocBytes(4 * 3 * span);
      const region = { view: () => new Float32Array(m.HEAPU8.buffer, block, 3 * span) };
      const random = rng(42);
      for (const k of kernels) {
        for (let n = 0; n <= MAX; n++) {
          for (let off = 0; off < 4; off++) {
            const xs = mixedValues(n, random);
            const gs = mixedValues(n, random);
            for (const mode of ['out-of-place', 'in-place']) {
              const view = region.view();
              new Uint32Array(view.buffer, view.byteOffset, view.length).fill(CANARY);
              const base = view.byteOffset;
              const xAt = base + 4 * (GUARD + off);
              const dyAt = base + 4 * (span + GUARD + ((off + 1) % 4));
              const outAt =
                mode === 'in-place' ? (k.arity === 2 ? dyAt : xAt) : base + 4 * (2 * span + GUARD + ((off + 3) % 4));
              new Float32Array(view.buffer, xAt, n).set(xs);
              new Float32Array(view.buffer, dyAt, n).set(gs);
              if (mode === 'out-of-place') new Uint32Array(view.buffer, outAt, n).fill(FILL);
              k.call(m, xAt, dyAt, outAt, n);
              const out = new Float32Array(region.view().buffer, outAt, n);
              for (let i = 0; i < n; i++) {
                const want = k.arity === 1 ? k.ref(xs[i]) : k.ref(xs[i], gs[i]);
                const got = out[i];
                const ok = bitsOf(got) === bitsOf(want);
                if (!ok)
                  assert.fail(
                    `${backend} ${k.name} ${mode} n=${n} off=${off} i=${i}: x=${xs[i]} dy=${gs[i]} got ${got} want ${want}`,
                  );
              }
              // Nothing outside the n outputs changed.
              const all = new Uint32Array(region.view().buffer, base, 3 * span);
              const outStart = (outAt - base) / 4;
              for (let i = 0; i < all.length; i++) {
                const inside = i >= outStart && i < outStart + n;
                const isInput =
                  (i >= (xAt - base) / 4 && i < (xAt - base) / 4 + n) ||
                  (i >= (dyAt - base) / 4 && i < (dyAt - base) / 4 + n);
                if (!inside && !isInput && all[i] !== CANARY) {
                  assert.fail(
                    `${backend} ${k.name} ${mode} n=${n} off=${off}: wrote outside the output at ${i - outStart}`,
                  );
                }
              }
            }
          }
        }
      }
      m.freeBytes(block);
    });
  }

  test('SIMD and scalar builds agree bit for bit on large random inputs', () => {
    const [simd, scalar] = backends.map((b) => b.rw);
    const random = rng(7);
    for (const n of [1000, 4099, 100_000]) {
      const x = mixedValues(n, random);
      const dy = mixedValues(n, random);
      assert.deepEqual(new Uint32Array(simd.relu(x).buffer), new Uint32Array(scalar.relu(x).buffer));
      for (const gradAtZero of [0, 1]) {
        assert.deepEqual(
          new Uint32Array(simd.reluBackward(x, dy, { gradAtZero }).buffer),
          new Uint32Array(scalar.reluBackward(x, dy, { gradAtZero }).buffer),
        );
      }
      assert.deepEqual(
        new Uint32Array(simd.leakyRelu(x, 0.1).buffer),
        new Uint32Array(scalar.leakyRelu(x, 0.1).buffer),
      );
      assert.deepEqual(
        new Uint32Array(simd.leakyReluBackward(x, dy, 0.1).buffer),
        new Uint32Array(scalar.leakyReluBackward(x, dy, 0.1).buffer),
      );
    }
  });
});
