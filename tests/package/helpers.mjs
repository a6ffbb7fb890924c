// Shared by the package tests: both backends, float bit helpers, the golden vectors that
// the C++ tests also read (tests/fixtures/relu_golden.txt), the seeded generator, accuracy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadRelu } from 'relu-wasm';

export const BACKENDS = [
  { name: 'wasm-simd', options: { simd: true } },
  { name: 'wasm-scalar', options: { simd: false } },
];

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export const bitsOf = (v) => ((f32[0] = v), u32[0]);
export const fromBits = (b) => ((u32[0] = b), f32[0]);
export const isNaN32 = (b) => (b & 0x7fffffff) > 0x7f800000;

export function loadGolden() {
  const text = readFileSync(new URL('../fixtures/relu_golden.txt', import.meta.url), 'utf8');
  const cases = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [op, param, x, dy, expected] = line.split(' ');
    const key = `${op} ${param}`;
    if (!cases.has(key)) cases.set(key, { op, param, x: [], dy: [], expected: [] });
    const c = cases.get(key);
    c.x.push(parseInt(x, 16));
    c.dy.push(parseInt(dy, 16));
    c.expected.push(parseInt(expected, 16));
  }
  for (const c of cases.values()) {
    c.x = new Float32Array(new Uint32Array(c.x).buffer);
    c.dy = new Float32Array(new Uint32Array(c.dy).buffer);
    c.expected = new Uint32Array(c.expected);
  }
  return [...cases.values()];
}

// Independent plain-JavaScript references, decided on bit patterns.
const negative = (b) => b >>> 31 === 1 && (b & 0x7fffffff) !== 0 && !isNaN32(b);
const positive = (b) => b >>> 31 === 0 && b !== 0 && !isNaN32(b);
export const ref = {
  relu: (x) => (negative(bitsOf(x)) ? 0 : x),
  reluGrad: (x, dy, g) => {
    const b = bitsOf(x);
    if (negative(b)) return 0;
    if ((b & 0x7fffffff) === 0) return g ? dy : 0;
    return dy;
  },
  // A NaN that would be multiplied by alpha is passed through instead, bits unchanged.
  leaky: (x, a) => (positive(bitsOf(x)) || isNaN32(bitsOf(x)) ? x : Math.fround(Math.fround(a) * x)),
  leakyGrad: (x, dy, a) => (positive(bitsOf(x)) || isNaN32(bitsOf(dy)) ? dy : Math.fround(Math.fround(a) * dy)),
};

const SPECIALS = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc12345,
  0x7f7fffff, 0xff7fffff, 0x00800000, 0x80800000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
];

/** The package's seeded generator (mulberry32), so failures reproduce. */
export { seededRandom as rng } from 'relu-wasm/datasets';

/** n floats mixing special values, random bit patterns (no signalling NaNs) and normals. */
export function mixedValues(n, random) {
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.3) bits[i] = SPECIALS[Math.floor(random() * SPECIALS.length)];
    else if (r < 0.5) {
      const b = Math.floor(random() * 4294967296) >>> 0;
      bits[i] = isNaN32(b) ? 0x7fc00000 : b;
    } else out[i] = (random() - 0.5) * 8;
  }
  return out;
}

export async function loadAll() {
  return Promise.all(BACKENDS.map(async (b) => ({ ...b, rw: await loadRelu(b.options) })));
}

/** Share of rows classified right: p > 0.5 for one output, the arg max for several. */
export function accuracy(net, X, Y) {
  const p = net.predict(X);
  const rows = Y.length;
  const K = p.length / rows;
  let right = 0;
  for (let r = 0; r < rows; r++) {
    let guess;
    if (K === 1) guess = p[r] > 0.5 ? 1 : 0;
    else {
      guess = 0;
      for (let k = 1; k < K; k++) if (p[r * K + k] > p[r * K + guess]) guess = k;
    }
    if (guess === Y[r]) right++;
  }
  return right / rows;
}

/** The source article's example computed both ways (copying and zero-copy) by the instance. */
export function computesTheExample(rw) {
  const example = [-2, -1, 0, 1, 2];
  assert.deepEqual(Array.from(rw.relu(example)), [0, 0, 0, 1, 2]);
  const b = rw.alloc(5);
  b.set(example);
  rw.reluInto(b, b);
  assert.deepEqual(Array.from(b.view()), [0, 0, 0, 1, 2]);
  b.dispose();
}

/**
 * The shipped binary itself, started without the package (dist/wasm/relu-{simd,scalar}.mjs and
 * .wasm): the kernel testers call its Embind kernel functions at arbitrary float offsets, which
 * the package's API (64-byte-aligned buffers) never produces. Memory is the module's HEAPU8;
 * blocks come from its own malloc/free exports.
 */
export async function loadBinary(name) {
  const variant = name === 'wasm-simd' ? 'simd' : 'scalar';
  const { default: create } = await import(new URL(`../../dist/wasm/relu-${variant}.mjs`, import.meta.url).href);
  const bytes = readFileSync(new URL(`../../dist/wasm/relu-${variant}.wasm`, import.meta.url));
  const m = await create({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance));
      return {};
    },
  });
  if (m.kernelIsa() !== name) throw new Error(`relu-${variant}.wasm reports ${m.kernelIsa()}`);
  return m;
}
