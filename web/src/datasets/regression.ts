// The regression generators, after TensorFlow Playground's dataset.ts: points uniform over the
// domain, the target computed at a noisy copy of the point (the point itself is kept clean).
// Where they differ from the Playground's code: reg-plane's target is (x1 + x2) / 12 (the
// Playground's (x1 + x2) / 10) and reg-gauss's bumps fall to 0 at distance 3 (the Playground's
// 2). Bit for bit what the site has always used (tests/fixtures/datasets_golden.json).
import { DOMAIN, type Point } from './points.js';
import { uniform, type Random } from './random.js';

/** n points uniform over the domain, each with target(x1, x2, nx, ny) for its noise offset (nx, ny). */
function sample(
  n: number,
  noise: number,
  random: Random,
  target: (x1: number, x2: number, nx: number, ny: number) => number,
): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = uniform(random, -DOMAIN, DOMAIN);
    const x2 = uniform(random, -DOMAIN, DOMAIN);
    const nx = uniform(random, -DOMAIN, DOMAIN) * noise;
    const ny = uniform(random, -DOMAIN, DOMAIN) * noise;
    points.push({ x1, x2, y: target(x1, x2, nx, ny) });
  }
  return points;
}

/** A tilted plane: target (x1 + x2) / 12, in [-1, 1] over the domain. */
export function regressPlane(n: number, noise: number, random: Random): Point[] {
  // Summed left to right as it always was, so the float rounding, and the targets, stay the same.
  return sample(n, noise, random, (x1, x2, nx, ny) => (x1 + nx + x2 + ny) / (2 * DOMAIN));
}

const CONES = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
] as const;

/** Six cones of height +1 or -1 in a 3 x 2 checkerboard; the target is the strongest cone there. */
export function regressGauss(n: number, noise: number, random: Random): Point[] {
  const value = (x1: number, x2: number) => {
    let best = 0;
    for (const [cx, cy, sign] of CONES) {
      const v = sign * Math.max(0, 1 - Math.hypot(x1 - cx, x2 - cy) / 3);
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    return best;
  };
  return sample(n, noise, random, (x1, x2, nx, ny) => value(x1 + nx, x2 + ny));
}
