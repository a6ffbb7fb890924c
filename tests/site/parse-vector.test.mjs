// The article's vector input (web/site/parse-vector.ts): numbers, named values, bad entries with
// their positions, prototype words, linear time on long entries, and fuzzed text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';
import { formatFloat } from 'relu-wasm/ui';

import { assertPrototypesClean, hostileWord, load, PROTO_WORDS, runs } from './helpers.mjs';

const { parseVector } = await load('site/parse-vector.js');

/** The number pattern as first written (quadratic on long digit runs): the oracle on short entries. */
const OLD_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NAMED = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

describe('vector: examples', () => {
  test("numbers, named values and bad entries in the reader's order", () => {
    const r = parseVector(' -2, -1 0;1\t2e0 .5 +3. NaN -INF Infinity 1e999 banana 1e999x 0x10 ');
    assert.deepEqual(r.values, [-2, -1, 0, 1, 2, 0.5, 3, NaN, -Infinity, Infinity, Infinity]);
    assert.deepEqual(r.bad, [
      { position: 12, text: 'banana' },
      { position: 13, text: '1e999x' },
      { position: 14, text: '0x10' },
    ]);
    assert.deepEqual([...r.order], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, -1, -1]);
    assert.deepEqual(parseVector(''), { values: [], bad: [], order: new Int32Array(0) });
  });

  test("prototype words are bad entries, not Object.prototype's properties", () => {
    const r = parseVector(`1 ${PROTO_WORDS.join(' ')} 2`);
    assert.deepEqual(r.values, [1, 2]);
    assert.deepEqual(
      r.bad.map((b) => b.text),
      PROTO_WORDS,
    );
    assert.ok(r.values.every((v) => typeof v === 'number'));
    assertPrototypesClean();
  });

  test('long entries are read in linear time (the number pattern once backtracked quadratically)', () => {
    // 100 000 digits then a letter took about 20 s with the old pattern; the bound is far above what it takes now.
    const started = performance.now();
    const r = parseVector(`${'1'.repeat(100_000)}x ${'2'.repeat(100_000)}.${'3'.repeat(100_000)}e${'4'.repeat(1000)}x`);
    assert.ok(performance.now() - started < 5000);
    assert.equal(r.bad.length, 2);
  });

  test('10 000 numbers: every value, in order', () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 2001) - 1000);
    const r = parseVector(numbers.join(', '));
    assert.deepEqual(r.values, numbers);
    assert.equal(r.bad.length, 0);
  });

  test('formatFloat: -0, NaN and infinities spelled out, at most 7 significant digits', () => {
    assert.deepEqual(
      [-0, 0, NaN, Infinity, -Infinity, 0.1, Math.fround(0.1), 1.401298464324817e-45, 123456789].map(formatFloat),
      ['-0', '0', 'NaN', '∞', '−∞', '0.1', '0.1', '1.401298e-45', '123456800'],
    );
  });
});

describe('vector: properties', () => {
  test('round trip: numbers written out (String, NaN, ±Infinity, -0) parse back to the same values', () => {
    const write = (v) => (Object.is(v, -0) ? '-0' : String(v));
    fc.assert(
      fc.property(
        fc.array(fc.double(), { maxLength: 50 }),
        fc.constantFrom(', ', ' ', ';', '\n', ',\t'),
        (values, sep) => {
          const r = parseVector(values.map(write).join(sep));
          assert.deepEqual(r.values, values);
          assert.deepEqual(r.bad, []);
        },
      ),
      runs(500),
    );
  });

  test('fuzz: never throws; every entry is a number or a bad entry at its position; prototypes untouched', () => {
    const entry = fc.oneof(
      hostileWord(),
      fc.constantFrom(...Object.keys(NAMED), 'NaN', '-Inf', '+.5', '5.', '.', '-', 'e5', '1e', '1e+', '١٢'),
    ); // Arabic-Indic digits are not numbers here
    const text = fc.oneof(
      fc
        .tuple(fc.array(entry, { maxLength: 30 }), fc.constantFrom(',', ' ', ';', '\t', '\n', ' , ', ',,'))
        .map(([e, sep]) => e.join(sep)),
      fc.string({ maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseVector(t);
        const entries = t.split(/[\s,;]+/).filter((s) => s.length > 0);
        assert.equal(r.order.length, entries.length);
        assert.equal(r.values.length + r.bad.length, entries.length);
        let nextBad = 0;
        entries.forEach((e, i) => {
          const named = Object.hasOwn(NAMED, e.toLowerCase()) ? NAMED[e.toLowerCase()] : undefined;
          const expected = named ?? (OLD_NUMBER.test(e) ? Number(e) : undefined);
          if (expected === undefined) {
            assert.equal(r.order[i], -1);
            assert.deepEqual(r.bad[nextBad++], { position: i + 1, text: e });
          } else {
            assert.ok(Object.is(r.values[r.order[i]], expected), `${e} -> ${r.values[r.order[i]]}`);
          }
        });
        assert.ok(r.values.every((v) => typeof v === 'number'));
        assertPrototypesClean();
      }),
      runs(2000),
    );
  });
});
