// Shared by the site-logic tests: the compiled modules (npm run test:site compiles them to
// build/site-node/ first), fast-check's fixed seed, and the prototype-pollution check.
import assert from 'node:assert/strict';

import fc from 'fast-check';

const BUILD = new URL('../../build/site-node/', import.meta.url);
export const load = (path) => import(new URL(path, BUILD).href);

// A fixed seed so that a failure reproduces; FC_SEED=... explores other inputs.
export const SEED = Number(process.env.FC_SEED ?? 20261129);
/** fast-check parameters: fixed seed, `numRuns` runs. */
export const runs = (numRuns) => ({ seed: SEED, numRuns });

/** Words that reach prototypes when used as keys or looked up on a plain object. */
export const PROTO_WORDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];

/** Script payloads, as a hostile link or file would carry them. */
export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '<script>alert(1)</script>',
  "'-alert(1)-'",
  'javascript:alert(1)',
];

/** Strings that break naive parsers: prototype words, payloads, numbers at and past float32's range, junk. */
export const hostileWord = () =>
  fc.oneof(
    fc.constantFrom(...PROTO_WORDS, ...PAYLOADS),
    fc.constantFrom(
      '1e39',
      '-1e39',
      '3.4028235e38',
      '1e308',
      '1e309',
      '-0',
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '1_000',
      '',
      ' ',
      '%',
      '%E0%A4%A',
      '\u0000',
      '\uFEFF1',
    ),
    fc.double().map(String),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );

// What Object.prototype, Array.prototype and Function.prototype hold before any test runs.
const snapshot = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join(','));
const before = snapshot();

/** Fails if anything added or removed a property of the built-in prototypes. */
export function assertPrototypesClean() {
  assert.deepEqual(snapshot(), before, 'a built-in prototype was changed');
  for (const word of ['polluted', 'x', 'layers', 'W', 'b'])
    assert.equal({}[word], undefined, `Object.prototype.${word} appeared`);
}
