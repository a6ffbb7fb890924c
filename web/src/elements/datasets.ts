// The four 2-D classification datasets of <relu-playground>, seeded (mulberry32), in
// TensorFlow Playground's shapes and [-6, 6] range with labels 0/1. The site has fuller
// generators (web/site/shared/datasets.ts), but the package cannot import the site:
// layering runs kernels -> package -> widgets -> site.
export const DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Coordinates span [-DOMAIN, DOMAIN] on both axes. */
export const DOMAIN = 6;

export interface Points {
  /** [rows][2], scaled to [-1, 1] as the network takes them. */
  X: Float32Array;
  /** 0/1 per row. */
  Y: Float32Array;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Generator = (i: number, n: number, r: () => number) => [x1: number, x2: number, y: number];

const uniform = (r: () => number, a: number, b: number) => a + r() * (b - a);
const normal = (r: () => number, mean: number, variance: number) =>
  mean + Math.sqrt(variance) * Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());

const GENERATORS: Record<DatasetName, Generator> = {
  // Inner disc (label 1) and outer ring (label 0).
  circle: (i, n, r) => {
    const inner = i < n / 2;
    const radius = inner ? uniform(r, 0, 2.5) : uniform(r, 3.5, 5);
    const angle = uniform(r, 0, 2 * Math.PI);
    return [radius * Math.sin(angle), radius * Math.cos(angle), inner ? 1 : 0];
  },
  // Label 1 where x1 and x2 have the same sign, with a small gap around the axes.
  xor: (_i, _n, r) => {
    const x1 = uniform(r, -5, 5);
    const x2 = uniform(r, -5, 5);
    return [x1 + (x1 > 0 ? 0.3 : -0.3), x2 + (x2 > 0 ? 0.3 : -0.3), x1 * x2 >= 0 ? 1 : 0];
  },
  // Two Gaussian blobs around (2, 2) (label 1) and (-2, -2) (label 0).
  gauss: (i, n, r) => {
    const c = i < n / 2 ? 2 : -2;
    return [normal(r, c, 0.5), normal(r, c, 0.5), c > 0 ? 1 : 0];
  },
  // Two interleaved spiral arms.
  spiral: (i, n, r) => {
    const half = n / 2;
    const k = i % half;
    const radius = (k / half) * 5;
    const t = ((1.75 * k) / half) * 2 * Math.PI + (i < half ? 0 : Math.PI);
    return [radius * Math.sin(t) + uniform(r, -0.1, 0.1), radius * Math.cos(t) + uniform(r, -0.1, 0.1), i < half ? 1 : 0];
  },
};

/** `n` points of a dataset; the same seed gives the same points everywhere. */
export function makePoints(name: DatasetName, n: number, seed: number): Points {
  const r = mulberry32(seed);
  const X = new Float32Array(2 * n);
  const Y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [x1, x2, y] = GENERATORS[name](i, n, r);
    X[2 * i] = x1 / DOMAIN;
    X[2 * i + 1] = x2 / DOMAIN;
    Y[i] = y;
  }
  return { X, Y };
}
