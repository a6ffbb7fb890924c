// Labelled image sets in the compact format the site serves (Fashion-MNIST, converted at build
// time by web/scripts/build-fashion-mnist.mjs): a 16-byte header, one label byte per image,
// then the pixels, 8 or 4 bits each, usually gzip-compressed on top. Plain JavaScript.
//
// Layout (little-endian):
//   0  'RWIS' (4 ASCII bytes)     4  version (1)        5  bits per pixel (4 or 8)
//   6  classes (1 to 255)         7  0                  8  count (uint32)
//   12 width (uint16)             14 height (uint16)
//   16 labels: count bytes, each < classes
//   16 + count: pixels, row-major per image; 4-bit pixels two per byte, the first in the high
//   nibble (a last odd pixel leaves the low nibble 0). A 4-bit value q decodes to q * 17, so
//   decoded pixels are always 0-255 and the same `scale: 1 / 255` fits both depths.

/** One labelled image set, decoded: pixels are 0-255, [count][height * width]. */
export interface ImageSet {
  count: number;
  width: number;
  height: number;
  classes: number;
  /** The depth it was stored with (decoded pixels are 0-255 either way). */
  bitsPerPixel: 4 | 8;
  labels: Uint8Array;
  pixels: Uint8Array;
}

/** What the encoder needs: an ImageSet without its stored depth. */
export type ImageSetInput = Omit<ImageSet, 'bitsPerPixel'>;

const MAGIC = [0x52, 0x57, 0x49, 0x53]; // 'RWIS'
const VERSION = 1;
const HEADER_BYTES = 16;

/** The 4-bit value of an 8-bit pixel (nearest of 0, 17, 34, ..., 255). */
export function quantize4(pixel: number): number {
  return Math.round((pixel * 15) / 255);
}

function checkSet(set: ImageSetInput): void {
  const { count, width, height, classes, labels, pixels } = set;
  for (const [name, v, max] of [
    ['count', count, 0xffffffff],
    ['width', width, 0xffff],
    ['height', height, 0xffff],
    ['classes', classes, 255],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > max)
      throw new RangeError(`set.${name} must be an integer in [1, ${max}], got ${v}`);
  }
  if (!(labels instanceof Uint8Array) || labels.length !== count)
    throw new RangeError(`set.labels must be a Uint8Array of ${count} labels`);
  if (!(pixels instanceof Uint8Array) || pixels.length !== count * width * height) {
    throw new RangeError(
      `set.pixels must be a Uint8Array of count * width * height = ${count * width * height} pixels`,
    );
  }
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new RangeError(`set.labels[${bad}] is ${labels[bad]}, not below set.classes = ${classes}`);
}

/** The set in the format above (not compressed: gzip it for transfer). */
export function encodeImageSet(set: ImageSetInput, bitsPerPixel: 4 | 8): Uint8Array {
  checkSet(set);
  if (bitsPerPixel !== 4 && bitsPerPixel !== 8)
    throw new RangeError(`bitsPerPixel must be 4 or 8, got ${String(bitsPerPixel)}`);
  const n = set.pixels.length;
  const pixelBytes = bitsPerPixel === 8 ? n : Math.ceil(n / 2);
  const out = new Uint8Array(HEADER_BYTES + set.count + pixelBytes);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  out[5] = bitsPerPixel;
  out[6] = set.classes;
  view.setUint32(8, set.count, true);
  view.setUint16(12, set.width, true);
  view.setUint16(14, set.height, true);
  out.set(set.labels, HEADER_BYTES);
  const at = HEADER_BYTES + set.count;
  if (bitsPerPixel === 8) out.set(set.pixels, at);
  else {
    for (let i = 0; i < n; i += 2) {
      const lo = i + 1 < n ? quantize4(set.pixels[i + 1]!) : 0;
      out[at + i / 2] = (quantize4(set.pixels[i]!) << 4) | lo;
    }
  }
  return out;
}

/** Decodes uncompressed bytes of the format above; a RangeError says what is wrong with them. */
export function decodeImageSet(bytes: Uint8Array): ImageSet {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (they are gzip-compressed: use decodeImageSetAsync)' : '';
    throw new RangeError(`bytes are not an image set: no 'RWIS' header${gz}`);
  }
  if (bytes[4] !== VERSION)
    throw new RangeError(`bytes: image set version ${bytes[4]} is not supported (only ${VERSION})`);
  const bits = bytes[5];
  if (bits !== 4 && bits !== 8) throw new RangeError(`bytes: ${bits} bits per pixel is not supported (4 or 8)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const classes = bytes[6]!;
  const count = view.getUint32(8, true);
  const width = view.getUint16(12, true);
  const height = view.getUint16(14, true);
  const n = count * width * height;
  const expected = HEADER_BYTES + count + (bits === 8 ? n : Math.ceil(n / 2));
  if (classes < 1 || count < 1 || width < 1 || height < 1 || bytes.length !== expected) {
    throw new RangeError(
      `bytes: ${bytes.length} bytes, but a ${count} x ${width}x${height} set at ${bits} bits needs ${expected}`,
    );
  }
  const labels = bytes.slice(HEADER_BYTES, HEADER_BYTES + count);
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new RangeError(`bytes: label ${bad} is ${labels[bad]}, not below the ${classes} classes`);
  const at = HEADER_BYTES + count;
  let pixels: Uint8Array;
  if (bits === 8) pixels = bytes.slice(at, at + n);
  else {
    pixels = new Uint8Array(n);
    const packed = bytes.subarray(at);
    const pairs = n >>> 1;
    for (let i = 0; i < pairs; i++) {
      const b = packed[i]!;
      pixels[2 * i] = (b >>> 4) * 17;
      pixels[2 * i + 1] = (b & 15) * 17;
    }
    if (n & 1) pixels[n - 1] = (packed[pairs]! >>> 4) * 17;
  }
  return { count, width, height, classes, bitsPerPixel: bits, labels, pixels };
}

/** Decodes bytes that may be gzip-compressed (decompressed with DecompressionStream). */
export async function decodeImageSetAsync(bytes: Uint8Array): Promise<ImageSet> {
  return decodeImageSet(await gunzipIfNeeded(bytes));
}

/** The bytes, decompressed when they start with gzip's magic (a server may already have done it). */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface FetchImageSetOptions {
  /** Called as bytes arrive: bytes so far, and the total when the server says it (else NaN). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** Fetches and decodes one image set; an Error names the URL and the HTTP status when it fails. */
export async function fetchImageSet(url: string | URL, options: FetchImageSetOptions = {}): Promise<ImageSet> {
  const response = await fetch(url, options.signal ? { signal: options.signal } : {});
  if (!response.ok) throw new Error(`could not fetch the image set ${String(url)}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? NaN);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    options.onProgress?.(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return decodeImageSetAsync(bytes);
}

/** One set made of several with the same shape and classes (e.g. the two halves of a training set). */
export function concatImageSets(sets: readonly ImageSet[]): ImageSet {
  const first = sets[0];
  if (first === undefined) throw new RangeError('sets must hold at least one image set');
  for (const s of sets) {
    if (s.width !== first.width || s.height !== first.height || s.classes !== first.classes) {
      throw new RangeError('sets must share width, height and classes');
    }
  }
  const count = sets.reduce((n, s) => n + s.count, 0);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * first.width * first.height);
  let at = 0;
  for (const s of sets) {
    labels.set(s.labels, at);
    pixels.set(s.pixels, at * first.width * first.height);
    at += s.count;
  }
  const bitsPerPixel = sets.every((s) => s.bitsPerPixel === 8) ? 8 : 4;
  return { count, width: first.width, height: first.height, classes: first.classes, bitsPerPixel, labels, pixels };
}

/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", arXiv:1708.07747; MIT licence): 70 000 28x28 grey
 * images of 10 kinds of clothing, 60 000 for training and 10 000 for testing.
 */
export const FASHION_MNIST = {
  classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  width: 28,
  height: 28,
  credit: 'Fashion-MNIST by Han Xiao, Kashif Rasul and Roland Vollgraf (Zalando Research, 2017), arXiv:1708.07747',
  licence: 'MIT',
  url: 'https://github.com/zalandoresearch/fashion-mnist',
} as const;

/**
 * The default Fashion-MNIST recipe, used by the accuracy test, the benchmark and the PyTorch
 * comparison (tests/fixtures/nn/fashion_mnist_torch.py repeats it in Python): a 784-128-10 ReLU
 * network (weights from `seed`), softmax cross-entropy, Adam, minibatches of 64, pixels scaled
 * by 1/255 inside the engine, trained on the first `trainImages` training images for `epochs`
 * epochs, epoch e (from 0) being one `net.trainOn(data, { epochs: 1, seed: e, ... })` call.
 * About 87 % test accuracy (docs/benchmarks.md).
 */
export const FASHION_MNIST_RECIPE = {
  sizes: [784, 128, 10],
  activation: 'relu',
  loss: 'softmax_ce',
  seed: 1,
  optimizer: 'adam',
  lr: 0.001,
  batchSize: 64,
  epochs: 8,
  scale: 1 / 255,
  trainImages: 30_000,
} as const;

/**
 * The article's convolutional network on Fashion-MNIST, used by its figure, the accuracy tests
 * and the benchmark (web/bench/train-fashion-mnist-cnn.mjs): two 5x5 'same' convolutions (8 and
 * 16 filters) each followed by ReLU and 2x2 max pooling, a dense ReLU layer of 64, then a dense
 * softmax layer of 10 (`rw.createConvNet({ input, layers, activation, loss, seed })`), Adam,
 * minibatches of 64, pixels scaled by 1/255 inside the engine, the first `trainImages` training
 * images, epoch e (from 0) being one `net.trainOn(data, { epochs: 1, seed: e, lr })` call with
 * `lr = recipeLearningRate(recipe, e)`: the learning rate starts at `lr` and is multiplied by
 * `lrDecay` after every epoch. The hidden dense layer is there because it learns faster than the
 * same network without it (about 1 point ahead after 3 and 4 epochs), and the decaying rate
 * because it reaches 90 % in fewer epochs than a constant 1e-3 and stays there
 * (docs/benchmarks.md).
 */
export const FASHION_MNIST_CNN_RECIPE = {
  input: [1, 28, 28],
  layers: [
    { conv: 8, kernel: 5, padding: 'same' },
    { pool: 2 },
    { conv: 16, kernel: 5, padding: 'same' },
    { pool: 2 },
    { dense: 64 },
    { dense: 10 },
  ],
  activation: 'relu',
  loss: 'softmax_ce',
  seed: 1,
  optimizer: 'adam',
  lr: 0.003,
  lrDecay: 0.7,
  batchSize: 64,
  epochs: 6,
  scale: 1 / 255,
  trainImages: 60_000,
} as const;

/**
 * The learning rate of epoch `epoch` (from 0) of a recipe: `lr * lrDecay ** epoch` (a recipe
 * without `lrDecay` keeps `lr`).
 */
export function recipeLearningRate(recipe: { readonly lr: number; readonly lrDecay?: number }, epoch: number): number {
  return recipe.lr * (recipe.lrDecay ?? 1) ** epoch;
}

/** One file of the site's data directory. */
export interface ImageSetPart {
  /** Relative to the manifest. */
  file: string;
  /** Index of its first image within its split, and how many it holds. */
  first: number;
  count: number;
  /** Bytes to transfer. */
  bytes: number;
}

/**
 * `data/fashion-mnist/manifest.json` on the site: the parts of each split. The default load
 * is the test set plus the first training part; the full training set adds the others.
 */
export interface ImageSetManifest {
  name: string;
  credit: string;
  licence: string;
  url: string;
  classes: string[];
  width: number;
  height: number;
  bitsPerPixel: 4 | 8;
  test: ImageSetPart[];
  train: ImageSetPart[];
}
