// Seeded synthetic "images" for tests and benchmarks at image scale: uint8 pixels where each
// row's class brightens one band of features, so a network's loss falls while the data costs
// nothing to make.
import { seededRandom } from './random.js';

/** Synthetic images: `pixels` [rows][features] and a class index per row in `labels`. */
export interface BandImages {
  pixels: Uint8Array;
  labels: Uint8Array;
}

/**
 * `rows` rows of `features` uint8 pixels in `classes` classes: class k's pixels in the k-th of
 * `classes` equal bands draw from [0, 256), the others from [0, `background`).
 */
export function bandImages(
  rows: number,
  features: number,
  classes: number,
  seed: number,
  background = 128,
): BandImages {
  const random = seededRandom(seed);
  const pixels = new Uint8Array(rows * features);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = Math.floor(random() * classes);
    labels[r] = label;
    for (let j = 0; j < features; j++) {
      const lit = Math.floor((j * classes) / features) === label;
      pixels[r * features + j] = Math.floor(random() * (lit ? 256 : background));
    }
  }
  return { pixels, labels };
}
