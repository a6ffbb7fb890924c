// The classification generators: TensorFlow Playground's dataset.ts (same shapes, radii, sample
// counts and draw order; labels 0/1 instead of -1/1), and the K-class spiral of Stanford's
// CS231n notes. Where they knowingly differ from the Playground's code (its random numbers come
// from another generator anyway, so no link gives the Playground's exact points): circle and
// xor keep the noisy position (the Playground keeps the clean one and labels it by the noisy
// one), gauss's variance is 0.5 + 3.5 * noise (the Playground's 0.5 + 7 * noise), and normal()
// is Box-Muller (the Playground's is Marsaglia's polar method). These are the generators the
// site has always used; tests/fixtures/datasets_golden.json holds their output, bit for bit,
// so any change to what or in which order a generator draws shows up as a test failure.
import type { Point } from './points.js';
import { normal, uniform, type Random } from './random.js';

/** A disc of class 1 (radius < 2.5) inside a ring of class 0 (radius 3.5 to 5); ceil(n/2) of each. */
export function circle(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const radius = 5;
  const label = (x1: number, x2: number) => (Math.hypot(x1, x2) < radius * 0.5 ? 1 : 0);
  // The disc's points first, then the ring's; the label is decided after the noise.
  for (const [inner, outer] of [
    [0, radius * 0.5],
    [radius * 0.7, radius],
  ] as const) {
    for (let i = 0; i < n / 2; i++) {
      const r = uniform(random, inner, outer);
      const angle = uniform(random, 0, 2 * Math.PI);
      const x1 = r * Math.sin(angle) + uniform(random, -radius, radius) * noise;
      const x2 = r * Math.cos(angle) + uniform(random, -radius, radius) * noise;
      points.push({ x1, x2, y: label(x1, x2) });
    }
  }
  return points;
}

/** Class 1 where x1 and x2 have the same sign; a 0.3 gap keeps points off the axes. */
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

/** Two Gaussian blobs, class 1 around (2, 2) and class 0 around (-2, -2); ceil(n/2) of each. */
export function gauss(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const variance = 0.5 + noise * 3.5; // noise 0..0.5 gives variance 0.5..2.25
  for (const [cx, cy, y] of [
    [2, 2, 1],
    [-2, -2, 0],
  ] as const) {
    for (let i = 0; i < n / 2; i++)
      points.push({ x1: normal(random, cx, variance), x2: normal(random, cy, variance), y });
  }
  return points;
}

/** Two interleaved spiral arms (class 1, then class 0 turned by pi); ceil(n/2) of each. */
export function spiral(n: number, noise: number, random: Random): Point[] {
  const points: Point[] = [];
  const half = n / 2;
  for (const [deltaT, y] of [
    [0, 1],
    [Math.PI, 0],
  ] as const) {
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

/**
 * CS231n's spiral: `classes` arms of max(2, floor(n / classes)) points each, radius 0 to 5,
 * angle noise of standard deviation 0.2 + noise.
 */
export function cs231nSpiral(n: number, noise: number, random: Random, classes: number): Point[] {
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
