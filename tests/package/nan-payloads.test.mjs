// Every float32 NaN bit pattern (2^24 - 2 of them: both signs, every payload, signalling and
// quiet) through every kernel on both binaries, through the public zero-copy API. A NaN that a
// kernel passes through must come out with exactly its bits (docs/numerics.md): the kernels
// select bits, they never multiply or compare-and-move the value they pass.
// A JavaScript number cannot carry a signalling NaN (reading one from a Float32Array quiets
// it), so inputs are written and outputs read through Uint32Array views of the buffers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { bitsOf, loadAll } from './helpers.mjs';

const CHUNK = 1 << 20;
const PAYLOADS = 0x7fffff; // per sign: mantissas 1 .. 2^23 - 1
const TOTAL = 2 * PAYLOADS;

let backends;
before(async () => {
  backends = await loadAll();
});

const u32 = (buffer) => {
  const v = buffer.view();
  return new Uint32Array(v.buffer, v.byteOffset, v.length);
};

/** Writes NaN patterns number `first` .. `first + n - 1` (sign-major) into `out`. */
function fillNaNs(out, first, n) {
  for (let i = 0; i < n; i++) {
    const k = first + i;
    out[i] = k < PAYLOADS ? 0x7f800000 + k + 1 : (0xff800000 + (k - PAYLOADS) + 1) >>> 0;
  }
}

function firstMismatch(got, want, n) {
  for (let i = 0; i < n; i++) if (got[i] !== want[i]) return i;
  return -1;
}
function firstNot(got, value, n) {
  for (let i = 0; i < n; i++) if (got[i] !== value) return i;
  return -1;
}
const hex = (b) => `0x${(b >>> 0).toString(16).padStart(8, '0')}`;

describe('all NaN payloads, every kernel, both binaries', () => {
  for (const backend of ['wasm-simd', 'wasm-scalar']) {
    test(backend, () => {
      const { rw } = backends.find((b) => b.name === backend);
      const nans = rw.alloc(CHUNK);
      const other = rw.alloc(CHUNK);
      const out = rw.alloc(CHUNK);
      const inPlace = rw.alloc(CHUNK);
      // Views stay valid: nothing below allocates.
      const [N, O, Y, P] = [nans, other, out, inPlace].map(u32);
      let swept = 0;
      let calls = 0;
      const expectSame = (want, n, what) => {
        const i = firstMismatch(Y, want, n);
        if (i >= 0) assert.fail(`${backend} ${what}: input ${hex(N[i])} gave ${hex(Y[i])}, want ${hex(want[i])}`);
      };
      const expectAll = (value, n, what) => {
        const i = firstNot(Y, value, n);
        if (i >= 0) assert.fail(`${backend} ${what}: input ${hex(N[i])} gave ${hex(Y[i])}, want ${hex(value)}`);
      };
      for (let first = 0; first < TOTAL; first += CHUNK) {
        const n = Math.min(CHUNK, TOTAL - first);
        // The last chunk is shorter; kernels always run over whole buffers, so pad it with
        // NaNs already swept.
        fillNaNs(N, first, n);
        if (n < CHUNK) fillNaNs(N.subarray(n), 0, CHUNK - n);
        // NaN as x: forward passes it through.
        rw.reluInto(nans, out);
        expectSame(N, n, 'reluInto');
        for (const alpha of [0.01, -0.5, 0]) {
          rw.leakyReluInto(nans, out, alpha);
          expectSame(N, n, `leakyReluInto alpha=${alpha}`);
        }
        // NaN as x in backward: ReLU passes dy, Leaky ReLU gives alpha * dy (PyTorch).
        O.fill(bitsOf(0.75));
        for (const gradAtZero of [0, 1]) {
          rw.reluBackwardInto(nans, other, out, { gradAtZero });
          expectAll(bitsOf(0.75), n, `reluBackwardInto gradAtZero=${gradAtZero}, NaN x`);
        }
        rw.leakyReluBackwardInto(nans, other, out, 0.25);
        expectAll(bitsOf(0.1875), n, 'leakyReluBackwardInto, NaN x');
        // NaN as dy: passed through wherever the gradient flows (always, for Leaky ReLU).
        for (const [xBits, flowsAt] of [
          [bitsOf(2), [true, true]],
          [bitsOf(-2), [false, false]],
          [0x80000000, [false, true]],
          [0x7f800001, [true, true]],
        ]) {
          O.fill(xBits);
          for (const gradAtZero of [0, 1]) {
            rw.reluBackwardInto(other, nans, out, { gradAtZero });
            if (flowsAt[gradAtZero])
              expectSame(N, n, `reluBackwardInto gradAtZero=${gradAtZero}, x=${hex(xBits)}, NaN dy`);
            else expectAll(0, n, `reluBackwardInto gradAtZero=${gradAtZero}, x=${hex(xBits)}, NaN dy`);
          }
          for (const alpha of [0.01, -0.5, 0]) {
            rw.leakyReluBackwardInto(other, nans, out, alpha);
            expectSame(N, n, `leakyReluBackwardInto alpha=${alpha}, x=${hex(xBits)}, NaN dy`);
          }
          calls += 8;
        }
        // In place, as the network calls them (dx over dy, y over x).
        O.fill(bitsOf(-1));
        P.set(N);
        rw.leakyReluBackwardInto(other, inPlace, inPlace, 0.01);
        Y.set(P);
        expectSame(N, n, 'leakyReluBackwardInto in place');
        P.set(N);
        rw.leakyReluInto(inPlace, inPlace, 0.01);
        Y.set(P);
        expectSame(N, n, 'leakyReluInto in place');
        // Sigmoid and tanh: a NaN x comes out as x (forward and backward), else a NaN dy as dy.
        for (const fn of ['sigmoid', 'tanh']) {
          rw[`${fn}Into`](nans, out);
          expectSame(N, n, `${fn}Into`);
          O.fill(bitsOf(0.75));
          rw[`${fn}BackwardInto`](nans, other, out);
          expectSame(N, n, `${fn}BackwardInto, NaN x`);
          for (const xBits of [bitsOf(2), 0xff800000, 0x80000000]) {
            O.fill(xBits);
            rw[`${fn}BackwardInto`](other, nans, out);
            expectSame(N, n, `${fn}BackwardInto, x=${hex(xBits)}, NaN dy`);
          }
          O.fill(0x7fc0beef);
          rw[`${fn}BackwardInto`](other, nans, out);
          expectAll(0x7fc0beef, n, `${fn}BackwardInto, NaN x and NaN dy`);
          P.set(N);
          rw[`${fn}Into`](inPlace, inPlace);
          Y.set(P);
          expectSame(N, n, `${fn}Into in place`);
        }
        calls += 9 + 2 * 7;
        swept += n;
      }
      for (const b of [nans, other, out, inPlace]) b.dispose();
      assert.equal(swept, 2 ** 24 - 2);
      console.log(`${backend}: ${swept} NaN patterns, ${calls} kernel calls over them`);
    });
  }

  // In the SIMD build the last 0-3 elements of a call (and the first 0-3 of an output that is
  // not 16-byte aligned) go through the scalar code compiled with -msimd128: every NaN pattern
  // through that path too, three per call.
  test('wasm-simd, scalar tail of every call', () => {
    const { rw } = backends.find((b) => b.name === 'wasm-simd');
    const x = rw.alloc(3);
    const dy = rw.alloc(3);
    const y = rw.alloc(3);
    const [X, D, Y] = [x, dy, y].map(u32);
    D.fill(bitsOf(0.75));
    const kernels = [
      ['reluInto', () => rw.reluInto(x, y), X],
      ['leakyReluInto', () => rw.leakyReluInto(x, y, 0.01), X],
      ['reluBackwardInto, NaN x', () => rw.reluBackwardInto(x, dy, y), D],
      ['leakyReluBackwardInto, NaN dy', () => rw.leakyReluBackwardInto(dy, x, y, 0.01), X],
      ['sigmoidInto', () => rw.sigmoidInto(x, y), X],
      ['tanhInto', () => rw.tanhInto(x, y), X],
      ['sigmoidBackwardInto, NaN x', () => rw.sigmoidBackwardInto(x, dy, y), X],
      ['tanhBackwardInto, NaN dy', () => rw.tanhBackwardInto(dy, x, y), X],
    ];
    const flat = new Uint32Array(3);
    for (let k = 0; k < TOTAL; k += 3) {
      fillNaNs(flat, Math.min(k, TOTAL - 3), 3);
      X.set(flat);
      for (const [name, call, want] of kernels) {
        if (name.startsWith('leakyReluBackward')) D.fill(bitsOf(-1));
        call();
        if (Y[0] !== want[0] || Y[1] !== want[1] || Y[2] !== want[2]) {
          assert.fail(`${name}: inputs ${[...X].map(hex)} gave ${[...Y].map(hex)}, want ${[...want].map(hex)}`);
        }
        if (name.startsWith('leakyReluBackward')) D.fill(bitsOf(0.75));
      }
    }
    for (const b of [x, dy, y]) b.dispose();
  });
});
