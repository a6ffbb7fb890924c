// Painting 28x28 images into canvases: Fashion-MNIST's grey pixels as they are (white item on
// black), and a unit's 784 weights in the article's diverging map (orange negative, blue
// positive, scaled by the unit's largest |weight|). Canvases only: a strict CSP blocks data:
// and blob: image URLs.
import { diverging } from 'relu-wasm/ui';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

/** A canvas of `width` x `height` device pixels, shown with crisp (pixelated) scaling. */
export function pixelCanvas(width: number, height: number, attrs: Record<string, string> = {}): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.classList.add('fmnist-pixels');
  for (const [k, v] of Object.entries(attrs)) canvas.setAttribute(k, v);
  return canvas;
}

/** Image `index` of `pixels` (0-255, 784 each) in grey at (x, y) of `ctx`. */
export function paintImage(ctx: CanvasRenderingContext2D, pixels: Uint8Array, index = 0, x = 0, y = 0): void {
  const img = ctx.createImageData(SIDE, SIDE);
  const d = img.data;
  for (let i = 0; i < PIXELS; i++) {
    const v = pixels[index * PIXELS + i]!;
    d[4 * i] = d[4 * i + 1] = d[4 * i + 2] = v;
    d[4 * i + 3] = 255;
  }
  ctx.putImageData(img, x, y);
}

/** The diverging map sampled at LEVELS steps over [-1, 1], as RGBA words (a frame's budget
 *  cannot afford a colour computation per weight on a slow phone). */
const LEVELS = 255;
let lut: Uint32Array | null = null;
function divergingLut(): Uint32Array {
  if (lut) return lut;
  lut = new Uint32Array(LEVELS);
  const bytes = new Uint8Array(lut.buffer);
  for (let k = 0; k < LEVELS; k++) {
    const [r, g, b] = diverging((2 * k) / (LEVELS - 1) - 1);
    bytes.set([Math.round(r), Math.round(g), Math.round(b), 255], 4 * k);
  }
  return lut;
}

/**
 * Unit `unit`'s row of W ([units][784]) in the diverging map, into `img` (RGBA) at (x, y):
 * callers paint every tile into one ImageData and put it once (one canvas call, not hundreds).
 */
export function paintWeights(img: ImageData, W: Float32Array, unit: number, x: number, y: number): void {
  const row = W.subarray(unit * PIXELS, (unit + 1) * PIXELS);
  let max = 0;
  for (const w of row) max = Math.max(max, Math.abs(w));
  const words = new Uint32Array(img.data.buffer);
  const colours = divergingLut();
  const k = max > 0 ? (LEVELS - 1) / (2 * max) : 0;
  const mid = colours[LEVELS >> 1]!;
  for (let r = 0; r < SIDE; r++) {
    const at = (y + r) * img.width + x;
    for (let c = 0; c < SIDE; c++) words[at + c] = colours[Math.round((row[r * SIDE + c]! + max) * k)] ?? mid;
  }
}
