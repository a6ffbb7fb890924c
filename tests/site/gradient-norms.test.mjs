// Section 7's depth widget arithmetic (web/site/article/gradient-norms.ts): the norms it shows,
// the ratio it reports, and the depth it accepts (anything else leaves the widget as it was).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { hostileWord, load, runs } from './helpers.mjs';

const {
  MAX_DEPTH,
  MIN_DEPTH,
  decadeDomain,
  firstToLastRatio,
  frobeniusNorm,
  hiddenLayerNorms,
  logPosition,
  parseDepth,
  plainNumber,
} = await load('site/article/gradient-norms.js');

describe('gradient norms', () => {
  test('the Frobenius norm of known arrays, float32 extremes included', () => {
    assert.equal(frobeniusNorm([3, 4]), 5);
    assert.equal(frobeniusNorm(new Float32Array([0, 0, 0])), 0);
    assert.equal(frobeniusNorm([]), 0);
    // Squares of these would overflow or flush to zero in a naive sum.
    assert.ok(Math.abs(frobeniusNorm(new Float32Array([1.8e38, 2.4e38])) / 3e38 - 1) < 1e-6);
    assert.ok(Math.abs(frobeniusNorm(new Float32Array([3e-40, 4e-40])) / 5e-40 - 1) < 1e-3);
  });

  test('hidden layers only, first to last; the ratio divides the first by the last', () => {
    const grads = [{ dW: [0, 2] }, { dW: [1, 0] }, { dW: [0.5] }, { dW: [9, 9] }];
    assert.deepEqual(hiddenLayerNorms(grads, 3), [2, 1, 0.5]);
    assert.equal(firstToLastRatio([2, 1, 0.5]), 4);
    assert.equal(firstToLastRatio([7]), 1);
    assert.ok(Number.isNaN(firstToLastRatio([1, 0])));
    assert.ok(Number.isNaN(firstToLastRatio([])));
  });

  test('plain numbers parse back with Number()', () => {
    for (const v of [0.484, 4.2345e-7, 1, 123456, 3.3e-12]) {
      const s = plainNumber(v);
      assert.match(s, /^[0-9.e+-]+$/);
      assert.ok(Math.abs(Number(s) / v - 1) < 5e-3, s);
    }
  });

  test('the log-scale domain covers every positive value, at least two decades wide', () => {
    assert.deepEqual(decadeDomain([4.2e-13, 0.08]), { lo: -13, hi: -1 });
    assert.deepEqual(decadeDomain([0.02, 0.03]), { lo: -3, hi: -1 });
    assert.deepEqual(decadeDomain([0, NaN, -1]), { lo: -3, hi: 0 });
    const d = { lo: -4, hi: 0 };
    assert.equal(logPosition(1e-4, d), 0);
    assert.equal(logPosition(1, d), 1);
    assert.equal(logPosition(1e-2, d), 0.5);
    assert.equal(logPosition(0, d), 0);
    assert.equal(logPosition(1e9, d), 1);
  });
});

describe('depth input', () => {
  test('1 to 20 are accepted, with spaces around', () => {
    for (let d = MIN_DEPTH; d <= MAX_DEPTH; d++) assert.deepEqual(parseDepth(` ${d} `), { ok: true, depth: d });
  });

  test('empty, out of range, fractional and text are refused with a message', () => {
    for (const text of ['', '  ', '0', '21', '-3', '2.5', '1e400', 'abc', 'NaN', 'Infinity']) {
      const r = parseDepth(text);
      assert.equal(r.ok, false, text);
      assert.match(r.message, /whole number from 1 to 20/);
    }
  });

  test('any string: either a depth from 1 to 20 or a message, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostileWord()), (text) => {
        const r = parseDepth(text);
        if (r.ok) assert.ok(Number.isInteger(r.depth) && r.depth >= 1 && r.depth <= 20);
        else assert.equal(typeof r.message, 'string');
      }),
      runs(500),
    );
  });
});
