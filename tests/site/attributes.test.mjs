// The elements' attribute parsing (web/src/elements/attributes.ts): a bad value never throws; it
// falls back to the default with a note. Fuzzed with hostile attribute values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { assertPrototypesClean, hostileWord, load, PROTO_WORDS, runs } from './helpers.mjs';

const { AttributeReader } = await load('src/elements/attributes.js');

/** An element as AttributeReader sees it: getAttribute only (null when absent). */
const host = (attrs) => ({ getAttribute: (name) => (Object.hasOwn(attrs, name) ? attrs[name] : null) });

describe('attributes: examples', () => {
  test('valid values are read; absent ones give the default with no note', () => {
    const r = new AttributeReader(host({ activation: ' relu ', 'learning-rate': '0.1', 'network-shape': '8, 4' }));
    assert.equal(r.oneOf('activation', ['relu', 'tanh'], 'tanh'), 'relu');
    assert.equal(r.number('learning-rate', 1e-6, 10, 0.03), 0.1);
    assert.deepEqual(r.integerList('network-shape', 1, 64, 6, [4]), [8, 4]);
    assert.equal(r.oneOf('missing', ['a'], 'a'), 'a');
    assert.deepEqual(r.notes, []);
  });

  test('bad values fall back with a note naming the attribute; prototype words are plain strings', () => {
    const r = new AttributeReader(
      host({ activation: 'constructor', rate: '1e39', shape: '4,__proto__', empty: '', long: 'x'.repeat(100) }),
    );
    assert.equal(r.oneOf('activation', ['relu'], 'relu'), 'relu');
    assert.equal(r.number('rate', 0, 10, 1), 1);
    assert.deepEqual(r.integerList('shape', 1, 8, 4, [2]), [2]);
    assert.equal(r.number('empty', 0, 1, 0.5), 0.5);
    assert.equal(r.oneOf('long', ['a'], 'a'), 'a');
    assert.deepEqual(r.notes, [
      'activation="constructor" is not one of relu; using relu.',
      'rate="1e39" is not a number from 0 to 10; using 1.',
      'shape="4,__proto__" is not up to 4 comma-separated whole numbers from 1 to 8; using 2.',
      'empty="" is not a number from 0 to 1; using 0.5.',
      `long="${'x'.repeat(40)}…" is not one of a; using a.`,
    ]);
    // An empty list is a valid list.
    assert.deepEqual(new AttributeReader(host({ shape: ' ' })).integerList('shape', 1, 8, 4, [2]), []);
    assertPrototypesClean();
  });
});

describe('attributes: properties', () => {
  test('fuzz: any attribute value gives an allowed value or the default, never throws; prototypes untouched', () => {
    const value = fc.oneof(
      hostileWord(),
      fc
        .array(fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), hostileWord()), { maxLength: 12 })
        .map((a) => a.join(',')),
      fc.constant(null),
    );
    fc.assert(
      fc.property(value, value, value, fc.constantFrom(...PROTO_WORDS, 'activation'), (a, n, list, name) => {
        const r = new AttributeReader(host({ [name]: a, n, list }));
        const allowed = ['relu', 'tanh', 'constructor'];
        const got = r.oneOf(name, allowed, 'relu');
        assert.ok(allowed.includes(got));
        if (a !== null && got !== a.trim()) assert.equal(got, 'relu');
        const x = r.number('n', -1, 1, 0.5);
        assert.ok(Number.isFinite(x) && ((x >= -1 && x <= 1) || x === 0.5));
        const shape = r.integerList('list', 1, 256, 10, [4, 2]);
        assert.ok(shape.length <= 10 && shape.every((u) => Number.isInteger(u) && u >= 1 && u <= 256));
        assert.ok(r.notes.every((note) => typeof note === 'string' && note.length < 300));
        assertPrototypesClean();
      }),
      runs(2000),
    );
  });
});
