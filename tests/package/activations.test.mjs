// Sigmoid and tanh in the package, on both binaries: the WASM SIMD binary gives the scalar
// binary's bits for every input (lengths 0..70, a large random sample, a dense sweep over the
// range where the functions change), special values exactly, NaN payloads (signalling ones
// too) bit for bit, accuracy against double precision, the zero-copy calls in place, and any
// numeric typed array as input.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { bitsOf, fromBits, loadAll, mixedValues, rng } from './helpers.mjs';

let backends;
let simd;
let scalar;
before(async () => {
  backends = await loadAll();
  simd = backends.find((b) => b.name === 'wasm-simd').rw;
  scalar = backends.find((b) => b.name === 'wasm-scalar').rw;
});

const OPS = {
  sigmoid: (rw, x) => rw.sigmoid(x),
  sigmoidBackward: (rw, x, dy) => rw.sigmoidBackward(x, dy),
  tanh: (rw, x) => rw.tanh(x),
  tanhBackward: (rw, x, dy) => rw.tanhBackward(x, dy),
};
const NANS = [0x7fc00000, 0xffc00000, 0x7fc12345, 0x7f800001, 0xff800001, 0x7fbfffff, 0xffa00000, 0x7f92c57d];

function sameBits(a, b, what) {
  assert.equal(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) {
    if (ua[i] !== ub[i]) assert.fail(`${what}[${i}]: 0x${ua[i].toString(16)} != 0x${ub[i].toString(16)}`);
  }
}

/** Values with NaN payloads (signalling too) scattered in. */
function withNans(n, random) {
  const x = mixedValues(n, random);
  const bits = new Uint32Array(x.buffer);
  for (let i = 0; i < n; i += 7) bits[i] = NANS[i % NANS.length];
  return x;
}

describe('sigmoid and tanh: the SIMD binary gives the scalar binary bits', () => {
  test('every length 0..70, mixed values and NaN payloads', () => {
    const random = rng(11);
    for (let n = 0; n <= 70; n++) {
      const x = withNans(n, random);
      const dy = withNans(n, random);
      for (const [op, call] of Object.entries(OPS)) sameBits(call(simd, x, dy), call(scalar, x, dy), `${op} n=${n}`);
    }
  });
  test('2^20 random bit patterns and a dense sweep of [-110, 110]', () => {
    const random = rng(12);
    const n = 1 << 20;
    const x = new Float32Array(n);
    const bits = new Uint32Array(x.buffer);
    for (let i = 0; i < n / 2; i++) bits[i] = Math.floor(random() * 4294967296) >>> 0;
    for (let i = n / 2; i < n; i++) x[i] = -110 + (220 * (i - n / 2)) / (n / 2);
    const dy = mixedValues(n, random);
    for (const [op, call] of Object.entries(OPS)) sameBits(call(simd, x, dy), call(scalar, x, dy), op);
  });
});

for (const backend of ['wasm-simd', 'wasm-scalar']) {
  describe(`${backend}: sigmoid and tanh`, () => {
    const rwOf = () => backends.find((b) => b.name === backend).rw;
    test('special values', () => {
      const rw = rwOf();
      const x = [0, -0, Infinity, -Infinity, 3.4e38, -3.4e38, 200, -200, fromBits(1), fromBits(0x80000001)];
      sameBits(rw.sigmoid(x), Float32Array.from([0.5, 0.5, 1, 0, 1, 0, 1, 0, 0.5, 0.5]), 'sigmoid');
      sameBits(rw.tanh(x), Float32Array.from([0, -0, 1, -1, 1, -1, 1, -1, fromBits(1), fromBits(0x80000001)]), 'tanh');
      const ones = new Float32Array(x.length).fill(1);
      sameBits(
        rw.sigmoidBackward(x, ones),
        Float32Array.from([0.25, 0.25, 0, 0, 0, 0, 0, 0, 0.25, 0.25]),
        'sigmoidBackward',
      );
      sameBits(rw.tanhBackward(x, ones), Float32Array.from([1, 1, 0, 0, 0, 0, 0, 0, 1, 1]), 'tanhBackward');
      // Subnormal results are kept, not flushed to zero.
      assert.ok(rw.sigmoid([-100])[0] > 0);
      assert.ok(rw.sigmoidBackward([-95], [1])[0] > 0);
    });
    test('NaN payloads pass bit for bit: x first, then dy', () => {
      const rw = rwOf();
      const nans = new Float32Array(new Uint32Array(NANS).buffer);
      sameBits(rw.sigmoid(nans), nans, 'sigmoid');
      sameBits(rw.tanh(nans), nans, 'tanh');
      const other = new Float32Array(NANS.length).fill(fromBits(0x7fc0beef));
      sameBits(rw.sigmoidBackward(nans, other), nans, 'sigmoidBackward, NaN x and dy');
      sameBits(rw.tanhBackward(nans, new Float32Array(NANS.length).fill(2)), nans, 'tanhBackward, NaN x');
      sameBits(rw.sigmoidBackward(new Float32Array(NANS.length).fill(0.5), nans), nans, 'sigmoidBackward, NaN dy');
      sameBits(rw.tanhBackward(new Float32Array(NANS.length).fill(-Infinity), nans), nans, 'tanhBackward, NaN dy');
    });
    test('within 4 ULP (forward) and 5 ULP (backward) of double precision', () => {
      const rw = rwOf();
      const random = rng(13);
      const n = 200_000;
      const x = Float32Array.from({ length: n }, () => (random() - 0.5) * 60);
      const ones = new Float32Array(n).fill(1);
      const ulp = (r) => {
        const a = Math.abs(r);
        if (a < 2 ** -126) return 2 ** -149;
        return 2 ** (Math.floor(Math.log2(Math.fround(a))) - 23);
      };
      const worst = (y, ref) => {
        let w = 0;
        for (let i = 0; i < n; i++) w = Math.max(w, Math.abs(y[i] - ref(x[i])) / ulp(ref(x[i])));
        return w;
      };
      const sech2 = (v) => {
        const e = Math.exp(-2 * Math.abs(v));
        return (4 * e) / ((1 + e) * (1 + e));
      };
      const dsig = (v) => {
        const e = Math.exp(-Math.abs(v));
        return e / ((1 + e) * (1 + e));
      };
      assert.ok(worst(rw.sigmoid(x), (v) => 1 / (1 + Math.exp(-v))) < 4, 'sigmoid');
      assert.ok(worst(rw.tanh(x), Math.tanh) < 4, 'tanh');
      assert.ok(worst(rw.sigmoidBackward(x, ones), dsig) < 5, 'sigmoidBackward');
      assert.ok(worst(rw.tanhBackward(x, ones), sech2) < 5, 'tanhBackward');
    });
    test('the zero-copy calls match the copying ones, in place too', () => {
      const rw = rwOf();
      const n = 1027;
      const random = rng(14);
      const src = withNans(n, random);
      const grad = mixedValues(n, random);
      const [x, dy, out] = [rw.alloc(n), rw.alloc(n), rw.alloc(n)];
      x.set(src);
      dy.set(grad);
      rw.sigmoidInto(x, out);
      sameBits(out.view(), rw.sigmoid(src), 'sigmoidInto');
      rw.tanhInto(x, out);
      sameBits(out.view(), rw.tanh(src), 'tanhInto');
      rw.sigmoidBackwardInto(x, dy, out);
      sameBits(out.view(), rw.sigmoidBackward(src, grad), 'sigmoidBackwardInto');
      rw.tanhBackwardInto(x, dy, dy);
      sameBits(dy.view(), rw.tanhBackward(src, grad), 'tanhBackwardInto, dx = dy');
      dy.set(grad);
      rw.sigmoidBackwardInto(x, dy, x);
      sameBits(x.view(), rw.sigmoidBackward(src, grad), 'sigmoidBackwardInto, dx = x');
      x.set(src);
      rw.tanhInto(x, x);
      sameBits(x.view(), rw.tanh(src), 'tanhInto in place');
      for (const b of [x, dy, out]) b.dispose();
    });
    test('any numeric array as input, out reused', () => {
      const rw = rwOf();
      const expected = rw.tanh(Float32Array.from([-2, -1, 0, 1, 2]));
      for (const x of [[-2, -1, 0, 1, 2], Int8Array.from([-2, -1, 0, 1, 2]), Float64Array.from([-2, -1, 0, 1, 2])]) {
        sameBits(rw.tanh(x), expected, `tanh(${x.constructor.name})`);
      }
      const out = new Float32Array(5);
      assert.equal(rw.sigmoid([0, 0, 0, 0, 0], out), out);
      assert.deepEqual(Array.from(out), [0.5, 0.5, 0.5, 0.5, 0.5]);
      assert.equal(rw.tanhBackward([0, 0, 0, 0, 0], [1, 2, 3, 4, 5], out), out);
      assert.deepEqual(Array.from(out), [1, 2, 3, 4, 5]);
      assert.equal(bitsOf(rw.tanh([-0])[0]), 0x80000000);
    });
  });
}
