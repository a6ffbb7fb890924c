// Property tests (fast-check, seeded) of every element-wise kernel on both binaries: random
// lengths up to 100 000, random offsets into one shared WASM region, in place and out of
// place, inputs drawn from NaN, -0, infinities, subnormals, the float extremes and ordinary
// floats. Each run is compared with the plain reference, and SIMD with scalar bit for bit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import fc from 'fast-check';

import { BACKENDS, bitsOf, loadAll, loadBinary, ref } from './helpers.mjs';

const SEED = 20261127;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const MAX_LEN = 100_000;

const special = fc.constantFrom(
  0,
  -0,
  Infinity,
  -Infinity,
  NaN,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  1.401298464324817e-45,
  -1.401298464324817e-45,
  1.1754942106924411e-38,
  -1.1754942106924411e-38,
  1.1754942107e-38 / 2,
);
const element = fc.oneof(
  { weight: 2, arbitrary: special },
  { weight: 5, arbitrary: fc.float({ noNaN: false }) },
  { weight: 3, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) },
);
// Long inputs are built from a short random pattern repeated with a random stride, so
// generation stays cheap while every lane position sees every kind of value.
const input = fc
  .record({
    n: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: MAX_LEN })),
    pattern: fc.array(element, { minLength: 1, maxLength: 97 }),
    stride: fc.integer({ min: 1, max: 13 }),
  })
  .map(({ n, pattern, stride }) => Float32Array.from({ length: n }, (_, i) => pattern[(i * stride) % pattern.length]));

const kernels = [
  { name: 'relu', unary: true, call: (m, x, dy, out, n) => m.reluForward(x, out, n), ref: (x) => ref.relu(x) },
  {
    name: 'reluBackward/0',
    call: (m, x, dy, out, n) => m.reluBackward(x, dy, out, n, 0),
    ref: (x, g) => ref.reluGrad(x, g, 0),
  },
  {
    name: 'reluBackward/1',
    call: (m, x, dy, out, n) => m.reluBackward(x, dy, out, n, 1),
    ref: (x, g) => ref.reluGrad(x, g, 1),
  },
  {
    name: 'leakyRelu',
    unary: true,
    leaky: true,
    call: (m, x, dy, out, n) => m.leakyReluForward(x, out, n, 0.01),
    ref: (x) => ref.leaky(x, 0.01),
  },
  {
    name: 'leakyReluBackward',
    leaky: true,
    call: (m, x, dy, out, n) => m.leakyReluBackward(x, dy, out, n, 0.01),
    ref: (x, g) => ref.leakyGrad(x, g, 0.01),
  },
];

let backends;
let cases = 0;
before(async () => {
  // The binaries themselves (not the package): kernels at arbitrary float offsets.
  const packaged = await loadAll();
  backends = await Promise.all(
    BACKENDS.map(async (b, i) => ({ ...b, rw: packaged[i].rw, m: await loadBinary(b.name) })),
  );
});

/** Runs one kernel of module `m` in a region at float offsets; returns the output as a copy. */
function runAt(m, region, k, xs, gs, offsets, inPlace) {
  const n = xs.length;
  const base = region.view().byteOffset;
  const [xo, go, oo] = offsets;
  const x = base + 4 * xo;
  const dy = base + 4 * (MAX_LEN + 8 + go);
  const out = inPlace ? (k.unary ? x : dy) : base + 4 * (2 * (MAX_LEN + 8) + oo);
  const heap = () => region.view().buffer;
  new Float32Array(heap(), x, n).set(xs);
  new Float32Array(heap(), dy, n).set(gs);
  k.call(m, x, dy, out, n);
  return new Float32Array(heap(), out, n).slice();
}

test('every kernel equals the reference, and SIMD equals scalar bit for bit', () => {
  const regions = backends.map(({ m }) => {
    const block = m.allocBytes(4 * 3 * (MAX_LEN + 8));
    return { block, view: () => new Float32Array(m.HEAPU8.buffer, block, 3 * (MAX_LEN + 8)) };
  });
  for (const k of kernels) {
    fc.assert(
      fc.property(
        input,
        input,
        fc.tuple(fc.nat(7), fc.nat(7), fc.nat(7)),
        fc.boolean(),
        (xs, gsRaw, offsets, inPlace) => {
          const n = xs.length;
          const gs = Float32Array.from({ length: n }, (_, i) => (gsRaw.length ? gsRaw[i % gsRaw.length] : 1));
          const outs = backends.map(({ m }, b) => runAt(m, regions[b], k, xs, gs, offsets, inPlace));
          for (let i = 0; i < n; i++) {
            const want = k.unary ? k.ref(xs[i]) : k.ref(xs[i], gs[i]);
            for (const out of outs) {
              const ok = bitsOf(out[i]) === bitsOf(want);
              if (!ok) return false;
            }
            if (bitsOf(outs[0][i]) !== bitsOf(outs[1][i])) return false;
          }
          cases++;
          return true;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }
  regions.forEach((r, b) => backends[b].m.freeBytes(r.block));
  console.log(`properties: ${kernels.length} kernels x ${RUNS} runs = ${cases} cases, both binaries`);
  assert.equal(cases, kernels.length * RUNS);
});

test('the copying API agrees with the zero-copy API on random inputs', () => {
  for (const { rw } of backends) {
    fc.assert(
      fc.property(input, (xs) => {
        const a = rw.relu(xs);
        const buf = rw.alloc(xs.length);
        buf.set(xs);
        rw.reluInto(buf, buf);
        const b = buf.toArray();
        buf.dispose();
        return a.length === b.length && a.every((v, i) => bitsOf(v) === bitsOf(b[i]));
      }),
      { seed: SEED + 1, numRuns: 30 },
    );
  }
});
