// Seeded 2-D datasets for the learning tests (the same shapes the article's playground uses).
import { rng } from './helpers.mjs';

function gaussian(random) {
  // Box-Muller on the seeded uniform generator.
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** XOR quadrants: label 1 when x1 * x2 > 0 (TensorFlow Playground's xor, with a margin). */
export function xor(n, seed) {
  const random = rng(seed);
  const X = new Float32Array(2 * n);
  const Y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x1 = random() * 10 - 5;
    let x2 = random() * 10 - 5;
    x1 += x1 > 0 ? 0.3 : -0.3;
    x2 += x2 > 0 ? 0.3 : -0.3;
    X[2 * i] = x1 / 5;
    X[2 * i + 1] = x2 / 5;
    Y[i] = x1 * x2 > 0 ? 1 : 0;
  }
  return { X, Y };
}

/** A disc of class 1 inside a ring of class 0 (TensorFlow Playground's circle). */
export function circle(n, seed) {
  const random = rng(seed);
  const X = new Float32Array(2 * n);
  const Y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0;
    const r = inside ? random() * 2.5 : 3.5 + random() * 1.5;
    const t = random() * 2 * Math.PI;
    X[2 * i] = (r * Math.sin(t)) / 5;
    X[2 * i + 1] = (r * Math.cos(t)) / 5;
    Y[i] = inside ? 1 : 0;
  }
  return { X, Y };
}

/** CS231n's spiral: K arms of N points, radius 0..1, angle noise 0.2. Labels are Int32. */
export function spiral(N, K, seed) {
  const random = rng(seed);
  const X = new Float32Array(2 * N * K);
  const Y = new Int32Array(N * K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < N; i++) {
      const r = i / (N - 1);
      const t = (k * 4 + (4 * i) / (N - 1)) + gaussian(random) * 0.2;
      const row = k * N + i;
      X[2 * row] = r * Math.sin(t);
      X[2 * row + 1] = r * Math.cos(t);
      Y[row] = k;
    }
  }
  return { X, Y };
}

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
