// relu-wasm/datasets: the one home of every seeded generator. Its output is the site's, bit for
// bit (golden digests captured from the site's generators before they moved), the benchmarks
// and the tests feed from it, no second copy of the generator exists in the tree, and the API
// checks its arguments like the rest of the package.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';

import {
  BINARY_DATASETS,
  CLASSIFICATION_DATASETS,
  DATASET_NAMES,
  DOMAIN,
  REGRESSION_DATASETS,
  generate,
  normal,
  seededRandom,
  splitTrainTest,
  toTensors,
  uniform,
} from 'relu-wasm/datasets';

import { dataset as benchDataset } from '../../web/bench/train-bench.mjs';

const golden = JSON.parse(readFileSync(new URL('../fixtures/datasets_golden.json', import.meta.url), 'utf8'));

/** sha256 of Float64Array [x1, x2, y] per point, as in the golden file. */
function digest(points) {
  const f = new Float64Array(points.length * 3);
  points.forEach((p, i) => {
    f[3 * i] = p.x1;
    f[3 * i + 1] = p.x2;
    f[3 * i + 2] = p.y;
  });
  return createHash('sha256').update(new Uint8Array(f.buffer)).digest('hex');
}

const bits = (a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe("same (dataset, seed), same points: the site's generators, bit for bit", () => {
  for (const c of golden.cases) {
    test(`${c.name} n=${c.n} noise=${c.noise} seed=${c.seed}`, () => {
      const { points } = generate(c.name, { n: c.n, noise: c.noise, seed: c.seed });
      assert.equal(points.length, c.count);
      // Readable first and last points (JSON has no -0, so + 0 drops the sign); the digest checks every bit.
      assert.deepEqual([points[0].x1 + 0, points[0].x2 + 0, points[0].y + 0], c.first);
      assert.deepEqual([points.at(-1).x1 + 0, points.at(-1).x2 + 0, points.at(-1).y + 0], c.last);
      assert.equal(digest(points), c.sha256);
    });
  }

  test('the train/test split', () => {
    for (const s of golden.splits) {
      const { train, test: held } = splitTrainTest(
        generate(s.name, { n: s.n, noise: s.noise, seed: s.seed }).points,
        s.percTrain,
        s.seed,
      );
      assert.equal(train.length, s.train.count, `${s.name}: train rows`);
      assert.equal(held.length, s.test.count, `${s.name}: test rows`);
      assert.equal(digest(train), s.train.sha256, `${s.name}: train points`);
      assert.equal(digest(held), s.test.sha256, `${s.name}: test points`);
    }
  });

  test('the training benchmarks feed from generate(): spiral (bce) and cs231n-spiral (softmax)', () => {
    const two = benchDataset(500, 1);
    const spiral = generate('spiral', { n: 500, seed: 1 });
    assert.deepEqual(bits(two.X), bits(spiral.X));
    assert.deepEqual(Array.from(two.Y), Array.from(spiral.Y));
    const three = benchDataset(300, 3);
    const cs231n = generate('cs231n-spiral', { n: 300, classes: 3, seed: 1 });
    assert.deepEqual(bits(three.X), bits(cs231n.X));
    assert.deepEqual(Array.from(three.Y), Array.from(cs231n.Y));
  });
});

describe('one home: no other copy of the generator in the tree', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const SKIP = new Set([
    'node_modules',
    'dist',
    'dist-site',
    'build',
    '.git',
    'api',
    'test-results',
    'playwright-report',
  ]);
  function* sources(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* sources(path);
      else if (/\.(ts|mts|js|mjs|cc|h)$/.test(entry.name)) yield path;
    }
  }

  test("mulberry32's increment 0x6d2b79f5 appears only in web/src/datasets/random.ts (and this test)", () => {
    const self = new URL(import.meta.url).pathname;
    const homes = [];
    for (const dir of ['web', 'tests', 'cpp']) {
      for (const path of sources(join(root, dir))) {
        if (path !== self && /0x6d2b79f5|1831565813/i.test(readFileSync(path, 'utf8')))
          homes.push(relative(root, path));
      }
    }
    assert.deepEqual(homes, ['web/src/datasets/random.ts']);
  });

  test('the elements, the site and the benchmarks import the entry point; the old copies are gone', () => {
    const read = (p) => readFileSync(join(root, p), 'utf8');
    assert.ok(
      read('web/src/elements/relu-playground.ts').includes("from '../datasets/index.js'"),
      'the element imports ../datasets/index.js',
    );
    for (const p of ['web/site/playground/data.ts', 'web/site/article/training-demo.ts', 'web/bench/train-bench.mjs']) {
      assert.ok(read(p).includes("from 'relu-wasm/datasets'"), `${p} imports relu-wasm/datasets`);
    }
    for (const p of [
      'web/src/elements/datasets.ts',
      'web/site/shared/datasets.ts',
      'web/site/shared/random.ts',
      'tests/package/datasets.mjs',
    ]) {
      assert.throws(() => read(p), { code: 'ENOENT' }, `${p} should be gone`);
    }
  });
});

describe('generate(): shapes, labels, ranges', () => {
  test('every name: kind, classes, row count, X and Y as float32 views of the points', () => {
    assert.deepEqual([...DATASET_NAMES], [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS]);
    assert.deepEqual([...BINARY_DATASETS], ['circle', 'xor', 'gauss', 'spiral']);
    assert.ok(Object.isFrozen(DATASET_NAMES) && Object.isFrozen(BINARY_DATASETS));
    for (const name of DATASET_NAMES) {
      const d = generate(name, { n: 120, noise: 0.2, seed: 9 });
      const regression = REGRESSION_DATASETS.includes(name);
      assert.equal(d.name, name);
      assert.equal(d.kind, regression ? 'regression' : 'classification');
      assert.equal(d.classes, regression ? 0 : name === 'cs231n-spiral' ? 3 : 2);
      assert.equal(d.domain, DOMAIN);
      assert.equal(DOMAIN, 6);
      assert.equal(d.points.length, 120, name);
      assert.ok(d.X instanceof Float32Array && d.Y instanceof Float32Array);
      assert.equal(d.X.length, 240);
      assert.equal(d.Y.length, 120);
      d.points.forEach((p, i) => {
        assert.equal(d.X[2 * i], Math.fround(p.x1 / DOMAIN));
        assert.equal(d.X[2 * i + 1], Math.fround(p.x2 / DOMAIN));
        assert.equal(d.Y[i], Math.fround(p.y));
        assert.ok(Number.isFinite(p.x1) && Number.isFinite(p.x2) && Number.isFinite(p.y));
      });
      assert.deepEqual(bits(toTensors(d.points).X), bits(d.X));
    }
  });

  test("default counts are TF Playground's: 500 to classify, 1200 to regress; odd n and cs231n as documented", () => {
    assert.equal(generate('xor').points.length, 500);
    assert.equal(generate('reg-gauss').points.length, 1200);
    assert.equal(generate('circle', { n: 7 }).points.length, 8); // ceil(7 / 2) per class
    assert.equal(generate('xor', { n: 7 }).points.length, 7);
    assert.equal(generate('cs231n-spiral', { n: 100 }).points.length, 99); // 3 x floor(100 / 3)
    assert.equal(generate('cs231n-spiral', { n: 1, classes: 4 }).points.length, 8); // at least 2 per arm
  });

  test('labels: balanced classes in order; without noise each point is on its side of the boundary', () => {
    for (const name of ['circle', 'gauss', 'spiral']) {
      const { Y } = generate(name, { n: 200, seed: 4 });
      assert.deepEqual([...new Set(Y)], [1, 0], `${name}: class 1 first, then class 0`);
      assert.equal(Y.filter((y) => y === 1).length, 100, name);
    }
    const k = generate('cs231n-spiral', { n: 500, classes: 5, seed: 2 });
    assert.equal(k.classes, 5);
    assert.deepEqual([...new Set(k.Y)], [0, 1, 2, 3, 4]);
    for (const p of generate('circle', { n: 400, seed: 1 }).points) {
      const r = Math.hypot(p.x1, p.x2);
      assert.ok(p.y === 1 ? r < 2.5 : r >= 3.5 && r <= 5, `circle point at radius ${r} labelled ${p.y}`);
    }
    for (const p of generate('xor', { n: 400, seed: 1 }).points) {
      assert.ok(Math.abs(p.x1) >= 0.3 && Math.abs(p.x1) <= 5.3 && Math.abs(p.x2) >= 0.3 && Math.abs(p.x2) <= 5.3);
      assert.equal(p.y, p.x1 * p.x2 >= 0 ? 1 : 0);
    }
  });

  test('ranges: coordinates within the domain without noise, targets within [-1, 1]', () => {
    for (const name of ['circle', 'xor', 'spiral', 'cs231n-spiral', 'reg-plane', 'reg-gauss']) {
      for (const p of generate(name, { n: 600, seed: 3 }).points) {
        assert.ok(Math.abs(p.x1) <= DOMAIN && Math.abs(p.x2) <= DOMAIN, `${name}: (${p.x1}, ${p.x2})`);
      }
    }
    // reg-plane's target is taken at the noisy point, so noise can push it past 1; reg-gauss's cones cannot.
    for (const [name, noise] of [
      ['reg-plane', 0],
      ['reg-gauss', 0],
      ['reg-gauss', 0.5],
    ]) {
      const { Y } = generate(name, { n: 600, noise, seed: 3 });
      assert.ok(
        Y.every((y) => y >= -1 && y <= 1),
        name,
      );
      assert.ok(Y.some((y) => y > 0.5) && Y.some((y) => y < -0.5), `${name}: targets use the range`);
    }
  });

  test('noise moves points: more noise, more spread from the clean shape', () => {
    const spread = (noise) => {
      const { points } = generate('spiral', { n: 400, noise, seed: 5 });
      const clean = generate('spiral', { n: 400, noise: 0, seed: 5 }).points;
      return points.reduce((s, p, i) => s + Math.hypot(p.x1 - clean[i].x1, p.x2 - clean[i].x2), 0) / points.length;
    };
    assert.equal(spread(0), 0);
    assert.ok(spread(0.1) > 0 && spread(0.1) < spread(0.5));
  });

  test('determinism: same seed, same bits; another seed, other points; nothing shared between calls', () => {
    for (const name of DATASET_NAMES) {
      const a = generate(name, { n: 50, noise: 0.3, seed: 123 });
      const b = generate(name, { n: 50, noise: 0.3, seed: 123 });
      assert.deepEqual(bits(a.X), bits(b.X));
      assert.deepEqual(bits(a.Y), bits(b.Y));
      assert.notDeepEqual(bits(generate(name, { n: 50, noise: 0.3, seed: 124 }).X), bits(a.X), name);
      a.X[0] = 99;
      a.points[0].x1 = 99;
      assert.notEqual(generate(name, { n: 50, noise: 0.3, seed: 123 }).X[0], 99);
    }
  });
});

describe('seededRandom, uniform, normal', () => {
  test('mulberry32: uniform in [0, 1), same sequence for a seed, every uint32 seed accepted', () => {
    for (const seed of [0, 1, 42, 0x7fffffff, 0xffffffff]) {
      const a = seededRandom(seed);
      const b = seededRandom(seed);
      for (let i = 0; i < 1000; i++) {
        const x = a();
        assert.ok(x >= 0 && x < 1);
        assert.equal(x, b());
      }
    }
    // The first number for seed 0, pinned: a change to the generator shows up here first.
    assert.equal(seededRandom(0)(), 0.26642920868471265);
  });

  test('uniform and normal: ranges and moments', () => {
    const random = seededRandom(7);
    let sum = 0;
    let sq = 0;
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      const u = uniform(random, -2, 3);
      assert.ok(u >= -2 && u < 3);
      const g = normal(random, 1, 4);
      sum += g;
      sq += (g - 1) ** 2;
    }
    assert.ok(Math.abs(sum / N - 1) < 0.05, `mean ${sum / N}`);
    assert.ok(Math.abs(sq / N - 4) < 0.15, `variance ${sq / N}`);
    // normal() stays finite even if the generator returned exactly 0.
    assert.ok(Number.isFinite(normal(() => 0)));
  });
});

describe('argument checks: TypeError or RangeError naming the argument', () => {
  const cases = [
    [() => generate(), TypeError, /^name must be a dataset name/],
    [() => generate(3), TypeError, /^name must be a dataset name.*number 3/],
    [() => generate('moons'), RangeError, /^name must be one of 'circle', .*'reg-gauss', got 'moons'/],
    [() => generate('Circle'), RangeError, /^name must be one of/],
    [() => generate('xor', null), TypeError, /^options must be an object/],
    [() => generate('xor', 200), TypeError, /^options must be an object/],
    [() => generate('xor', [200]), TypeError, /^options must be an object/],
    [() => generate('xor', { n: '200' }), TypeError, /^options\.n must be a number/],
    [() => generate('xor', { n: 0 }), RangeError, /^options\.n must be at least 1/],
    [() => generate('xor', { n: -1 }), RangeError, /^options\.n must be a non-negative integer/],
    [() => generate('xor', { n: 2.5 }), RangeError, /^options\.n must be a non-negative integer/],
    [() => generate('xor', { n: NaN }), RangeError, /^options\.n must be a non-negative integer/],
    [() => generate('xor', { n: 2e6 }), RangeError, /^options\.n is 2000000, more than the limit of 1000000/],
    [() => generate('xor', { noise: '0.1' }), TypeError, /^options\.noise must be a number/],
    [() => generate('xor', { noise: NaN }), RangeError, /^options\.noise must be finite/],
    [() => generate('xor', { noise: -0.1 }), RangeError, /^options\.noise must be in \[0, 0\.5\], got -0\.1/],
    [() => generate('xor', { noise: 50 }), RangeError, /^options\.noise must be in \[0, 0\.5\], got 50/],
    [() => generate('xor', { seed: -1 }), RangeError, /^options\.seed must be a non-negative integer/],
    [() => generate('xor', { seed: 2 ** 32 }), RangeError, /^options\.seed is 4294967296, more than the limit/],
    [() => generate('xor', { seed: 0.5 }), RangeError, /^options\.seed must be a non-negative integer/],
    [() => generate('xor', { seed: 1n }), TypeError, /^options\.seed must be a number/],
    [() => generate('xor', { classes: 3 }), RangeError, /^options\.classes applies only to 'cs231n-spiral'/],
    [() => generate('cs231n-spiral', { classes: 1 }), RangeError, /^options\.classes must be at least 2, got 1/],
    [
      () => generate('cs231n-spiral', { classes: 33 }),
      RangeError,
      /^options\.classes is 33, more than the limit of 32/,
    ],
    [() => seededRandom(-1), RangeError, /^seed must be a non-negative integer/],
    [() => seededRandom('1'), TypeError, /^seed must be a number/],
    [() => splitTrainTest('points', 50, 1), TypeError, /^points must be an array/],
    [() => splitTrainTest([], 101, 1), RangeError, /^percTrain must be in \[0, 100\]/],
    [() => splitTrainTest([], 50, -1), RangeError, /^seed must be a non-negative integer/],
  ];
  for (const [call, type, message] of cases) {
    test(String(call).replace(/^\(\) => /, ''), () =>
      assert.throws(call, (e) => e instanceof type && message.test(e.message)),
    );
  }

  test('an unknown option key is a TypeError that names it and suggests the close one', () => {
    assert.throws(
      () => generate('xor', { seeds: 1 }),
      (e) => e instanceof TypeError && /unknown option 'seeds': did you mean 'seed'\?/.test(e.message),
    );
    assert.throws(() => generate('xor', { N: 100 }), /unknown option 'N': did you mean 'n'\?/);
    assert.throws(() => generate('xor', { noize: 0.1 }), /unknown option 'noize': did you mean 'noise'\?/);
    assert.throws(
      () => generate('xor', { learningRate: 0.1 }),
      (e) =>
        e instanceof TypeError &&
        /unknown option 'learningRate': known options: n, noise, seed, classes/.test(e.message),
    );
  });

  test('undefined options fall back to the defaults', () => {
    assert.deepEqual(
      bits(generate('gauss', { n: undefined, noise: undefined, seed: undefined }).X),
      bits(generate('gauss').X),
    );
    assert.deepEqual(bits(generate('gauss', {}).X), bits(generate('gauss', { n: 500, noise: 0, seed: 0 }).X));
  });
});
