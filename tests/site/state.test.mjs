// The playground's URL state (web/site/playground/state.ts): TF Playground links, clamping of
// every key, round trips state -> hash -> state, and fuzzed hostile hashes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { assertPrototypesClean, hostileWord, load, PROTO_WORDS, runs } from './helpers.mjs';

const { DEFAULTS, FEATURES, LIMITS, PLAYGROUND_OPTIONS, cloneState, parseHash, seedToUint32, serializeState } =
  await load('site/playground/state.js');
/** What a link (a hash with any key) starts from: the defaults, but TF Playground's tanh. */
const LINK_DEFAULTS = { ...cloneState(DEFAULTS), activation: 'tanh' };

const ENUMS = {
  activation: ['relu', 'tanh', 'sigmoid', 'linear', 'leaky_relu'],
  regularization: ['none', 'L1', 'L2'],
  dataset: ['circle', 'xor', 'gauss', 'spiral', 'cs231n-spiral'],
  regDataset: ['reg-plane', 'reg-gauss'],
  problem: ['classification', 'regression'],
  optimizer: ['sgd', 'momentum', 'adam'],
};
const NUMBERS = {
  learningRate: [...LIMITS.learningRate, false],
  regularizationRate: [...LIMITS.regularizationRate, false],
  batchSize: [...LIMITS.batchSize, true],
  noise: [...LIMITS.noise, true],
  percTrainData: [...LIMITS.percTrainData, true],
  leakySlope: [...LIMITS.leakySlope, false],
  stepsPerSecond: [...LIMITS.stepsPerSecond, true],
  numSamples: [...LIMITS.numSamples, true],
};
const BOOLS = ['showTestData', 'discretize', 'initZero', ...FEATURES];
const SEED_PATTERN = /^\d{1,10}(\.\d{1,20})?$|^0?\.\d{1,20}$/;

/** Every field of a parsed state is within its table entry: what the page may rely on. */
function assertValid(state) {
  assert.equal(Object.getPrototypeOf(state), Object.prototype);
  assert.deepEqual(Object.keys(state).sort(), Object.keys(DEFAULTS).sort());
  for (const [key, values] of Object.entries(ENUMS)) assert.ok(values.includes(state[key]), `${key}=${state[key]}`);
  for (const [key, [min, max, integer]] of Object.entries(NUMBERS)) {
    const v = state[key];
    assert.ok(typeof v === 'number' && v >= min && v <= max, `${key}=${v}`);
    if (integer) assert.ok(Number.isInteger(v), `${key}=${v} is not an integer`);
  }
  for (const key of BOOLS) assert.equal(typeof state[key], 'boolean', key);
  assert.ok(Array.isArray(state.networkShape) && state.networkShape.length <= LIMITS.layers[1]);
  for (const u of state.networkShape)
    assert.ok(Number.isInteger(u) && u >= LIMITS.units[0] && u <= LIMITS.units[1], `unit ${u}`);
  assert.match(state.seed, SEED_PATTERN);
}

/** Any valid state, as the table allows it. */
const stateArb = fc.record(
  {
    ...Object.fromEntries(Object.entries(ENUMS).map(([k, v]) => [k, fc.constantFrom(...v)])),
    ...Object.fromEntries(
      Object.entries(NUMBERS).map(([k, [min, max, integer]]) => [
        k,
        integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }).map((v) => v + 0),
      ]),
    ),
    ...Object.fromEntries(BOOLS.map((k) => [k, fc.boolean()])),
    networkShape: fc.array(fc.integer({ min: LIMITS.units[0], max: LIMITS.units[1] }), { maxLength: LIMITS.layers[1] }),
    seed: fc.oneof(
      fc.stringMatching(/^\d{1,10}$/),
      fc.stringMatching(/^0\.\d{1,20}$/),
      fc.stringMatching(/^\.\d{1,5}$/),
    ),
  },
  { noNullPrototype: true },
);

describe('URL state: examples', () => {
  test('a TensorFlow Playground link opens as written, with no warning', () => {
    const tf =
      'activation=relu&batchSize=20&dataset=xor&regDataset=reg-plane&learningRate=0.1&regularizationRate=0.001' +
      '&noise=15&networkShape=6,3,2&seed=0.73822&showTestData=true&discretize=false&percTrainData=70&x=true&y=true' +
      '&xTimesY=true&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false' +
      '&problem=classification&initZero=false&hideText=false&regularization=L2&tutorial=x&x_hide=true';
    const { state, warnings } = parseHash(`#${tf}`);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      { ...state },
      {
        ...cloneState(DEFAULTS),
        activation: 'relu',
        batchSize: 20,
        dataset: 'xor',
        learningRate: 0.1,
        regularizationRate: 0.001,
        noise: 15,
        networkShape: [6, 3, 2],
        seed: '0.73822',
        showTestData: true,
        percTrainData: 70,
        xTimesY: true,
        regularization: 'L2',
      },
    );
  });

  test('an empty hash gives the defaults, and the defaults serialise to a hash that parses back to them', () => {
    for (const h of ['', '#', '#&&&']) assert.deepEqual(parseHash(h), { state: cloneState(DEFAULTS), warnings: [] });
    assert.deepEqual(parseHash(serializeState(DEFAULTS)), { state: cloneState(DEFAULTS), warnings: [] });
  });

  test('no hash opens on ReLU; a link without `activation` keeps its TF Playground meaning, tanh', () => {
    assert.equal(DEFAULTS.activation, 'relu');
    assert.equal(PLAYGROUND_OPTIONS.linkActivation, 'tanh');
    assert.equal(parseHash('').state.activation, 'relu');
    assert.equal(parseHash('#dataset=xor&networkShape=4,2').state.activation, 'tanh');
    assert.equal(parseHash('#collectStats=false').state.activation, 'tanh');
    assert.equal(parseHash('#activation=relu&dataset=xor').state.activation, 'relu');
    assert.equal(parseHash('#activation=sigmoid').state.activation, 'sigmoid');
  });

  for (const [key, [min, max, integer]] of Object.entries(NUMBERS)) {
    test(`${key}: clamped to [${min}, ${max}]${integer ? ', rounded' : ''}, named in a warning; junk keeps the default`, () => {
      const cases = [
        [String(min), min, false],
        [String(max), max, false],
        [String(max * 10 + 1), max, true],
        ['1e39', max, true], // beyond float32: clamped like any other large number
        ['-1e39', min, true],
        ['1e308', max, true],
        [String(min - 1), min, true],
      ];
      if (integer) cases.push([String(min + 0.4), min, true], [String(max - 0.4), max, true]);
      for (const [raw, expected, warned] of cases) {
        const { state, warnings } = parseHash(`#${key}=${raw}`);
        assert.equal(state[key], expected, `${key}=${raw}`);
        assert.equal(warnings.length, warned ? 1 : 0, `${key}=${raw}: ${warnings}`);
        if (warned) assert.match(warnings[0], new RegExp(`^${key}=`));
      }
      for (const raw of ['abc', 'NaN', 'Infinity', '-Infinity', '1e999', '1,2', ...PROTO_WORDS]) {
        const { state, warnings } = parseHash(`#${key}=${encodeURIComponent(raw)}`);
        assert.equal(state[key], DEFAULTS[key], `${key}=${raw}`);
        assert.equal(warnings.length, 1, `${key}=${raw}`);
        assert.match(warnings[0], new RegExp(`^${key}=.*is not a number; kept ${DEFAULTS[key]}\\.$`));
      }
      // An empty value is absent: the default, silently (of a link: tanh).
      assert.deepEqual(parseHash(`#${key}=`), { state: cloneState(LINK_DEFAULTS), warnings: [] });
    });
  }

  for (const [key, values] of Object.entries(ENUMS)) {
    test(`${key}: one of ${values.join(', ')}; anything else keeps the default with a warning`, () => {
      for (const v of values) assert.deepEqual(parseHash(`#${key}=${v}`).warnings, []);
      for (const v of values) assert.equal(parseHash(`#${key}=${v}`).state[key], v);
      for (const raw of ['RELU', 'reg-maximum', 'none ', ...PROTO_WORDS, '<script>alert(1)</script>']) {
        const { state, warnings } = parseHash(`#${key}=${encodeURIComponent(raw)}`);
        const trimmed = raw.trim();
        if (values.includes(trimmed)) continue;
        assert.equal(state[key], LINK_DEFAULTS[key], `${key}=${raw}`);
        assert.equal(warnings.length, 1);
        assert.ok(warnings[0].startsWith(`${key}=`) && warnings[0].includes(`kept ${LINK_DEFAULTS[key]}`), warnings[0]);
      }
    });
  }

  test('booleans: TF Playground reads every value but "false" as true; an empty value is absent', () => {
    for (const key of BOOLS) {
      assert.equal(parseHash(`#${key}=false`).state[key], false);
      for (const raw of ['true', '1', '0', 'no', '__proto__'])
        assert.equal(parseHash(`#${key}=${raw}`).state[key], true);
      assert.equal(parseHash(`#${key}=`).state[key], DEFAULTS[key]);
    }
  });

  test('networkShape: up to 10 layers of 1 to 256 units; junk and empty parts dropped, with a warning', () => {
    const cases = [
      ['4,2', [4, 2], false],
      ['', [], false],
      ['256', [256], false],
      ['4,9999,abc', [4, 256], true],
      ['-5,-1,0,NaN,1e9,Infinity', [1, 1, 1, 256], true],
      ['1.5,2.4', [2, 2], true],
      ['4,,2,', [4, 2], true],
      ['1e39,-1e39', [256, 1], true],
      [Array(12).fill('8').join(','), Array(10).fill(8), true],
      ['constructor,__proto__', [], true],
    ];
    for (const [raw, shape, warned] of cases) {
      const { state, warnings } = parseHash(`#networkShape=${encodeURIComponent(raw)}`);
      assert.deepEqual(state.networkShape, shape, raw);
      assert.equal(warnings.length, warned ? 1 : 0, `${raw}: ${warnings}`);
      if (warned) assert.match(warnings[0], /^networkShape=/);
    }
  });

  test('seed: TF decimal strings or integers kept as written; anything else keeps the default', () => {
    for (const s of ['0.12345', '.5', '42', '4294967296', '0.00000000000000000001'])
      assert.deepEqual(parseHash(`#seed=${s}`), { state: { ...cloneState(LINK_DEFAULTS), seed: s }, warnings: [] });
    for (const s of ['-5', '1e3', 'javascript:alert(1)', '12345678901', '0.123456789012345678901', '__proto__', '1.']) {
      const { state, warnings } = parseHash(`#seed=${encodeURIComponent(s)}`);
      assert.equal(state.seed, DEFAULTS.seed, s);
      assert.match(warnings[0], /^seed=.*is not a decimal number/);
    }
  });

  test("seedToUint32: TF decimal fractions and integers map to the engine's unsigned 32-bit seed", () => {
    assert.equal(seedToUint32('0.5'), 2147483648);
    assert.equal(seedToUint32('.25'), 1073741824);
    assert.equal(seedToUint32('42'), 42);
    assert.equal(seedToUint32('4294967296'), 0);
    assert.equal(seedToUint32('4294967297'), 1);
    assert.equal(seedToUint32('abc'), 0);
  });

  test('unknown and prototype keys are named in a warning and change nothing; malformed escapes are ignored', () => {
    const { state, warnings } = parseHash(
      '#__proto__=1&constructor=x&prototype=y&polluted=1&%E0%A4%A=1&bogus=%E0%A4%A&learningRate=0.1',
    );
    assert.equal(state.learningRate, 0.1);
    assert.deepEqual(warnings, [
      'A malformed part of the link was ignored.',
      'A malformed part of the link was ignored.',
      'Unknown setting "__proto__" was ignored.',
      'Unknown setting "constructor" was ignored.',
      'Unknown setting "prototype" was ignored.',
      'Unknown setting "polluted" was ignored.',
    ]);
    assertPrototypesClean();
  });

  test('a hash longer than 4000 characters is read up to there', () => {
    const { state } = parseHash(`#learningRate=0.1&${'x=1&'.repeat(2000)}learningRate=3`);
    assert.equal(state.learningRate, 0.1);
  });
});

describe('URL state: properties', () => {
  test('round trip: any valid state -> hash -> the same state, with no warning', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const { state, warnings } = parseHash(`#${serializeState(s)}`);
        assert.deepEqual(warnings, []);
        assert.deepEqual(state, s);
      }),
      runs(500),
    );
  });

  test('every number key: any double is clamped (and rounded) into range, with a warning exactly when it changed', () => {
    const keys = Object.keys(NUMBERS);
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e6, max: 1e6 })),
        (key, d) => {
          const [min, max, integer] = NUMBERS[key];
          const { state, warnings } = parseHash(`#${key}=${encodeURIComponent(String(d))}`);
          const expected = Math.min(max, Math.max(min, integer ? Math.round(d) : d));
          assert.equal(state[key], expected + 0);
          assert.equal(warnings.length, expected === d ? 0 : 1);
        },
      ),
      runs(1000),
    );
  });

  test('fuzz: any hash, hostile or random, parses without throwing to a valid state; prototypes untouched', () => {
    const key = fc.oneof(fc.constantFrom(...Object.keys(DEFAULTS), 'collectStats', 'x_hide'), hostileWord());
    const pair = fc
      .tuple(key, hostileWord(), fc.boolean())
      .map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`));
    const hash = fc.oneof(
      fc.array(pair, { maxLength: 30 }).map((p) => `#${p.join('&')}`),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(hash, (h) => {
        const { state, warnings } = parseHash(h);
        assertValid(state);
        assert.ok(warnings.every((w) => typeof w === 'string'));
        // Normalised: the page writes this state back to the URL, and it reads back unchanged.
        assert.deepEqual(parseHash(serializeState(state)), { state, warnings: [] });
        assertPrototypesClean();
      }),
      runs(2000),
    );
  });
});
