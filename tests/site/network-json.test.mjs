// The network file (web/site/playground/network-json.ts): PyTorch's layout, round trips,
// float32's range, feature order, and fuzzed hostile JSON that must never throw or pollute.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { assertPrototypesClean, hostileWord, load, PROTO_WORDS, runs } from './helpers.mjs';

const { FORMAT, MAX_JSON_BYTES, parseNetwork, toJSON } = await load('site/playground/network-json.js');
const { FEATURES } = await load('site/playground/state.js');

const FLOAT32_MAX = 3.4028234663852886e38;
const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'linear'];

/** A file with one layer per pair of sizes, every weight and bias `fill`. */
function file(sizes, fill = 0.5, extra = {}) {
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++)
    layers.push({
      W: Array.from({ length: sizes[l + 1] }, () => Array(sizes[l]).fill(fill)),
      b: Array(sizes[l + 1]).fill(fill),
    });
  return { format: FORMAT, activation: 'relu', features: FEATURES.slice(0, sizes[0]), sizes, layers, ...extra };
}

/** A network as the worker holds it: sizes and float32 layers W [out * in], b [out]. */
const netArb = fc
  .tuple(
    fc.integer({ min: 1, max: FEATURES.length }),
    fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .chain(([inputs, hidden, outputs]) => {
    const sizes = [inputs, ...hidden, outputs];
    const f32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
    const layers = sizes.slice(1).map((out, l) =>
      fc.record(
        {
          W: fc.array(f32, { minLength: out * sizes[l], maxLength: out * sizes[l] }).map((a) => Float32Array.from(a)),
          b: fc.array(f32, { minLength: out, maxLength: out }).map((a) => Float32Array.from(a)),
        },
        { noNullPrototype: true },
      ),
    );
    return fc.record(
      {
        sizes: fc.constant(sizes),
        layers: fc.tuple(...layers),
        activation: fc.constantFrom(...ACTIVATIONS),
        features: fc
          .shuffledSubarray([...FEATURES], { minLength: inputs, maxLength: inputs })
          .map((f) => FEATURES.filter((x) => f.includes(x))),
      },
      { noNullPrototype: true },
    );
  });

describe('network JSON: examples', () => {
  test('a file as exported loads with its sizes, activation and features', () => {
    const r = parseNetwork(JSON.stringify(file([2, 3, 1])));
    assert.equal(r.ok, true);
    assert.deepEqual(r.sizes, [2, 3, 1]);
    assert.equal(r.activation, 'relu');
    assert.deepEqual(r.features, ['x', 'y']);
    assert.deepEqual(
      r.layers.map((l) => [l.W.length, l.b.length]),
      [
        [6, 3],
        [3, 1],
      ],
    );
  });

  test("weights and biases beyond float32's finite range are refused, naming the layer and entry", () => {
    const cases = [
      [(f) => (f.layers[0].W[1][0] = 1e39), "layer 0: W[1][0] = 1e+39 is outside float32's range (±3.4028235e38)."],
      [(f) => (f.layers[1].b[0] = -1e39), "layer 1: b[0] = -1e+39 is outside float32's range (±3.4028235e38)."],
      [(f) => (f.layers[1].W[0][2] = 3.5e38), "layer 1: W[0][2] = 3.5e+38 is outside float32's range (±3.4028235e38)."],
      [(f) => (f.layers[0].W[0][0] = '1'), 'layer 0: W[0][0] is not a finite number.'],
      [(f) => (f.layers[0].b[2] = null), 'layer 0: b[2] is not a finite number.'],
    ];
    for (const [mutate, error] of cases) {
      const f = file([2, 3, 1]);
      mutate(f);
      assert.deepEqual(parseNetwork(JSON.stringify(f)), { ok: false, error });
    }
    // 1e39 written in the file text (JSON.stringify would never write it for a float32).
    assert.deepEqual(parseNetwork('{"layers":[{"W":[[1e39]],"b":[0]}]}'), {
      ok: false,
      error: "layer 0: W[0][0] = 1e+39 is outside float32's range (±3.4028235e38).",
    });
    const edge = file([1, 1], FLOAT32_MAX, { features: ['x'] });
    assert.equal(parseNetwork(JSON.stringify(edge)).ok, true);
  });

  test('shapes: layer counts, row lengths, chained sizes and bias lengths are checked', () => {
    const errors = [
      ['[]', '"layers" must be a list of 1 to 11 layers.'],
      ['"layers"', 'Expected a JSON object with "layers".'],
      ['null', 'Expected a JSON object with "layers".'],
      ['{"layers":[]}', '"layers" must be a list of 1 to 11 layers.'],
      [JSON.stringify({ layers: Array(12).fill({ W: [[1]], b: [0] }) }), '"layers" must be a list of 1 to 11 layers.'],
      ['{"layers":[{"W":[[1,2],[3]],"b":[0,0]}]}', 'layer 0: row 1 of W does not have 2 numbers.'],
      [
        '{"layers":[{"W":[[1,2]],"b":[0]},{"W":[[1,2]],"b":[0]}]}',
        'layer 1: W has 2 columns but the previous layer has 1 units.',
      ],
      ['{"layers":[{"W":[[1]],"b":[0,1]}]}', 'layer 0: b has 2 entries, W has 1 rows.'],
      ['{"layers":[{"W":[],"b":[]}]}', 'layer 0: W has 0 rows; 1 to 256 allowed.'],
      ['{"layers":[{"W":{"0":[1]},"b":[0]}]}', 'layer 0: needs "W" (a list of rows) and "b".'],
      [
        '{"layers":[{"W":[[1]],"b":[0]}],"features":["x","x"]}',
        '"features" must list one known feature per input, each once.',
      ],
      [
        '{"layers":[{"W":[[1,2]],"b":[0]}],"features":["x","x"]}',
        '"features" must list one known feature per input, each once.',
      ],
      [
        '{"layers":[{"W":[[1]],"b":[0]}],"features":["constructor"]}',
        '"features" must list one known feature per input, each once.',
      ],
      ['{"layers":[', 'The file is not valid JSON.'],
    ];
    for (const [text, error] of errors) assert.deepEqual(parseNetwork(text), { ok: false, error }, text);
    assert.deepEqual(parseNetwork(' '.repeat(MAX_JSON_BYTES + 1)), {
      ok: false,
      error: 'The file is larger than 5 MB.',
    });
    // Deep nesting is a JSON.parse error (caught), never a crash.
    assert.equal(parseNetwork(`${'['.repeat(1e6)}${']'.repeat(1e6)}`).ok, false);
  });

  test("features in another order: the first layer's columns are permuted into the playground's order", () => {
    const f = {
      layers: [
        {
          W: [
            [1, 2, 3],
            [4, 5, 6],
          ],
          b: [0, 0],
        },
        { W: [[1, 1]], b: [0] },
      ],
      features: ['sinX', 'x', 'xSquared'],
    };
    const r = parseNetwork(JSON.stringify(f));
    assert.deepEqual(r.features, ['x', 'xSquared', 'sinX']);
    assert.deepEqual([...r.layers[0].W], [2, 3, 1, 5, 6, 4]);
    assert.deepEqual([...r.layers[1].W], [1, 1]);
  });

  test('prototype keys in the file are plain data: ignored, nothing polluted', () => {
    const text =
      '{"__proto__":{"polluted":1,"layers":[]},"constructor":{"prototype":{"polluted":1}},"layers":[{"W":[[1]],"b":[0],"__proto__":{"x":1}}],"activation":"constructor","features":["x"]}';
    const r = parseNetwork(text);
    assert.equal(r.ok, true);
    assert.equal(r.activation, null);
    assertPrototypesClean();
  });
});

describe('network JSON: properties', () => {
  test('round trip: network -> toJSON -> parseNetwork gives the same sizes, activation, features and bits', () => {
    fc.assert(
      fc.property(netArb, ({ sizes, layers, activation, features }) => {
        const r = parseNetwork(toJSON(layers, sizes, activation, features));
        assert.equal(r.ok, true, r.error);
        assert.deepEqual(r.sizes, sizes);
        assert.equal(r.activation, activation);
        assert.deepEqual(r.features, features);
        assert.deepEqual(r.layers, layers);
      }),
      runs(300),
    );
  });

  test('one bad number anywhere in an exported file: refused, naming its layer and entry', () => {
    const bad = fc.constantFrom(
      [1e39, 'outside float32'],
      [-1e39, 'outside float32'],
      [1e308, 'outside float32'],
      ['1', 'not a finite number'],
      [null, 'not a finite number'],
      [true, 'not a finite number'],
      [[], 'not a finite number'],
      [{}, 'not a finite number'],
    );
    fc.assert(
      fc.property(
        netArb,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        bad,
        ({ sizes, layers, activation, features }, l0, k0, inW, [value, why]) => {
          const f = JSON.parse(toJSON(layers, sizes, activation, features));
          const l = l0 % f.layers.length;
          const layer = f.layers[l];
          let where;
          if (inW) {
            const o = k0 % layer.W.length;
            const i = Math.floor(k0 / layer.W.length) % layer.W[o].length;
            layer.W[o][i] = value;
            where = `W[${o}][${i}]`;
          } else {
            const o = k0 % layer.b.length;
            layer.b[o] = value;
            where = `b[${o}]`;
          }
          const r = parseNetwork(JSON.stringify(f));
          assert.equal(r.ok, false);
          assert.ok(r.error.startsWith(`layer ${l}: ${where} `) && r.error.includes(why), r.error);
        },
      ),
      runs(300),
    );
  });

  test('fuzz: any JSON, near-valid files with hostile values, or text: never throws; prototypes untouched', () => {
    const hostileValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      hostileWord(),
      fc.constantFrom(1e39, -1e39, 1e308, -0, FLOAT32_MAX),
    );
    const key = fc.oneof(
      fc.constantFrom(...PROTO_WORDS, 'layers', 'W', 'b', 'features', 'activation', 'sizes', 'format'),
      fc.string({ maxLength: 6 }),
    );
    const mutated = fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(key, hostileValue), { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), key, hostileValue), { maxLength: 4 }),
      )
      .map(([width, top, inLayers]) => {
        const f = file([width, 3, 1]);
        // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
        for (const [l, k, v] of inLayers)
          Object.defineProperty(f.layers[l % f.layers.length], k, {
            value: v,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        for (const [k, v] of top)
          Object.defineProperty(f, k, { value: v, enumerable: true, configurable: true, writable: true });
        return JSON.stringify(f);
      });
    const text = fc.oneof(
      mutated,
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseNetwork(t);
        if (r.ok) {
          assert.equal(r.sizes.length, r.layers.length + 1);
          r.layers.forEach(({ W, b }, l) => {
            assert.ok(W instanceof Float32Array && b instanceof Float32Array);
            assert.equal(W.length, r.sizes[l] * r.sizes[l + 1]);
            assert.equal(b.length, r.sizes[l + 1]);
            for (const v of [...W, ...b]) assert.ok(Number.isFinite(v));
          });
          assert.ok(r.activation === null || ACTIVATIONS.includes(r.activation));
          if (r.features)
            assert.deepEqual(
              r.features,
              FEATURES.filter((f) => r.features.includes(f)),
            );
        } else {
          assert.equal(typeof r.error, 'string');
        }
        assertPrototypesClean();
      }),
      runs(1500),
    );
  });
});
