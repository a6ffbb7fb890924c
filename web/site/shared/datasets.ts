// 2-D datasets, seeded. The classification and regression generators follow TensorFlow
// Playground's dataset.ts (same shapes, ranges [-6, 6] and noise semantics, labels 0/1
// instead of -1/1), so its experiments can be reproduced here; cs231nSpiral is the 3-class
// spiral of Stanford's CS231n notes. Points are { x: [x1, x2], y: label or target }.
import { normal, seededRandom, uniform, type Random } from './random.js';

export interface Point {
  x1: number;
  x2: number;
  /** Class index (0, 1, ... K-1) for classification, the target value for regression. */
  y: number;
}

export type ClassificationDataset = 'circle' | 'xor' | 'gauss' | 'spiral' | 'cs231n-spiral';
export type RegressionDataset = 'reg-plane' | 'reg-gauss';

/** Playground coordinates span [-6, 6] on both axes. */
export const DOMAIN = 6;

export function circle(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const radius = 5;
  const label = (x1: number, x2: number) => (Math.hypot(x1, x2) < radius * 0.5 ? 1 : 0);
  for (let i = 0; i < n / 2; i++) {
    const r = uniform(random, 0, radius * 0.5);
    const angle = uniform(random, 0, 2 * Math.PI);
    const x1 = r * Math.sin(angle);
    const x2 = r * Math.cos(angle);
    const nx = uniform(random, -radius, radius) * noise;
    const ny = uniform(random, -radius, radius) * noise;
    points.push({ x1: x1 + nx, x2: x2 + ny, y: label(x1 + nx, x2 + ny) });
  }
  for (let i = 0; i < n / 2; i++) {
    const r = uniform(random, radius * 0.7, radius);
    const angle = uniform(random, 0, 2 * Math.PI);
    const x1 = r * Math.sin(angle);
    const x2 = r * Math.cos(angle);
    const nx = uniform(random, -radius, radius) * noise;
    const ny = uniform(random, -radius, radius) * noise;
    points.push({ x1: x1 + nx, x2: x2 + ny, y: label(x1 + nx, x2 + ny) });
  }
  return points;
}

export function xor(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const padding = 0.3;
  for (let i = 0; i < n; i++) {
    let x1 = uniform(random, -5, 5);
    x1 += x1 > 0 ? padding : -padding;
    let x2 = uniform(random, -5, 5);
    x2 += x2 > 0 ? padding : -padding;
    const nx = uniform(random, -5, 5) * noise;
    const ny = uniform(random, -5, 5) * noise;
    points.push({ x1: x1 + nx, x2: x2 + ny, y: (x1 + nx) * (x2 + ny) >= 0 ? 1 : 0 });
  }
  return points;
}

export function gauss(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const variance = 0.5 + noise * 3.5; // Playground: scale noise 0..0.5 to variance 0.5..4
  for (const [cx, cy, y] of [[2, 2, 1], [-2, -2, 0]] as const) {
    for (let i = 0; i < n / 2; i++) points.push({ x1: normal(random, cx, variance), x2: normal(random, cy, variance), y });
  }
  return points;
}

export function spiral(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const half = n / 2;
  for (const [deltaT, y] of [[0, 1], [Math.PI, 0]] as const) {
    for (let i = 0; i < half; i++) {
      const r = (i / half) * 5;
      const t = ((1.75 * i) / half) * 2 * Math.PI + deltaT;
      points.push({
        x1: r * Math.sin(t) + uniform(random, -1, 1) * noise,
        x2: r * Math.cos(t) + uniform(random, -1, 1) * noise,
        y,
      });
    }
  }
  return points;
}

/** CS231n's spiral: `classes` arms of n/classes points, scaled to the playground domain. */
export function cs231nSpiral(n: number, noise: number, random: Random, classes = 3): Point[] {
  const points: Point[] = [];
  const perClass = Math.max(2, Math.floor(n / classes));
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++) {
      const r = i / (perClass - 1);
      const t = k * 4 + (4 * i) / (perClass - 1) + normal(random) * (0.2 + noise);
      points.push({ x1: 5 * r * Math.sin(t), x2: 5 * r * Math.cos(t), y: k });
    }
  }
  return points;
}

export function regressPlane(n: number, noise: number, random: Random): Point[] {
  const radius = 6;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = uniform(random, -radius, radius);
    const x2 = uniform(random, -radius, radius);
    const nx = uniform(random, -radius, radius) * noise;
    const ny = uniform(random, -radius, radius) * noise;
    points.push({ x1, x2, y: (x1 + nx + x2 + ny) / (2 * radius) });
  }
  return points;
}

export function regressGauss(n: number, noise: number, random: Random): Point[] {
  const radius = 6;
  const centers = [
    [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
    [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
  ] as const;
  const value = (x1: number, x2: number) => {
    let best = 0;
    for (const [cx, cy, sign] of centers) {
      const v = sign * Math.max(0, 1 - Math.hypot(x1 - cx, x2 - cy) / 3);
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    return best;
  };
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = uniform(random, -radius, radius);
    const x2 = uniform(random, -radius, radius);
    const nx = uniform(random, -radius, radius) * noise;
    const ny = uniform(random, -radius, radius) * noise;
    points.push({ x1, x2, y: value(x1 + nx, x2 + ny) });
  }
  return points;
}

const GENERATORS = {
  circle,
  xor,
  gauss,
  spiral,
  'cs231n-spiral': cs231nSpiral,
  'reg-plane': regressPlane,
  'reg-gauss': regressGauss,
} as const;

export type DatasetName = keyof typeof GENERATORS;

/** `n` points of a named dataset; noise in [0, 0.5] as in the Playground; same seed, same points. */
export function makeDataset(name: DatasetName, n: number, noise: number, seed: number): Point[] {
  return GENERATORS[name](n, noise, seededRandom(seed));
}

/** Shuffles (seeded) and splits into train and test sets; percTrain in 10..90. */
export function splitTrainTest(points: readonly Point[], percTrain: number, seed: number): { train: Point[]; test: Point[] } {
  const shuffled = [...points];
  const random = seededRandom(seed ^ 0x9e3779b9);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cut = Math.round((shuffled.length * percTrain) / 100);
  return { train: shuffled.slice(0, cut), test: shuffled.slice(cut) };
}

/** X [rows][2] (scaled from [-6, 6] to [-1, 1]) and Y [rows] as the engine takes them. */
export function toTensors(points: readonly Point[], classes: boolean): { X: Float32Array; Y: Float32Array | Int32Array } {
  const X = new Float32Array(points.length * 2);
  const Y = classes ? new Int32Array(points.length) : new Float32Array(points.length);
  points.forEach((p, i) => {
    X[2 * i] = p.x1 / DOMAIN;
    X[2 * i + 1] = p.x2 / DOMAIN;
    Y[i] = p.y;
  });
  return { X, Y };
}
