// Converts Fashion-MNIST's IDX files (Debian package dataset-fashion-mnist, installed by
// `npm start`, `npm test` and .ci/run) into the site's data files in build/site-data/
// fashion-mnist/: the 10 000 test images and the 60 000 training images in two halves, 4 bits
// per pixel, gzip-compressed (format: web/src/datasets/image-set.ts), and manifest.json. The
// site serves them as data/fashion-mnist/ (web/scripts/site-data.mjs). Run by `npm run build`
// after the package build (it uses the package's encoder) and before the site build; it does
// nothing when its outputs are newer than its inputs.
//
// Missing IDX files fail the build (so `npm test` and CI fail, never skip); with --optional
// (`npm start`) it prints how to get them and exits 0, and the site still serves.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import { SITE_DATA_DIR } from './site-data.mjs';
import { ROOT } from './tools.mjs';

export const IDX_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const OUT = join(SITE_DATA_DIR, 'fashion-mnist');
const FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};
/** Training images per part: the default download is the test set plus the first part. */
export const TRAIN_PART = 30_000;
export const BITS_PER_PIXEL = 4;

/** An IDX file's numbers: [dims...] and the bytes after the header. */
function readIdx(file, expectedMagic) {
  const bytes = gunzipSync(readFileSync(join(IDX_DIR, file)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic)
    throw new Error(`${file}: IDX magic 0x${magic.toString(16)}, expected 0x${expectedMagic.toString(16)}`);
  const dims = Array.from({ length: magic & 0xff }, (_, i) => view.getUint32(4 + 4 * i, false));
  const data = bytes.subarray(4 + 4 * dims.length);
  if (data.length !== dims.reduce((a, b) => a * b, 1))
    throw new Error(`${file}: ${data.length} bytes for dims ${dims.join('x')}`);
  return { dims, data };
}

/** The IDX images and labels of one split. */
export function readSplit(images, labels) {
  const x = readIdx(images, 0x803);
  const y = readIdx(labels, 0x801);
  const [count, height, width] = x.dims;
  if (y.dims[0] !== count) throw new Error(`${images} has ${count} images but ${labels} ${y.dims[0]} labels`);
  return { count, width, height, classes: 10, pixels: x.data, labels: y.data };
}

function main() {
  const missing = Object.values(FILES).filter((f) => !existsSync(join(IDX_DIR, f)));
  if (missing.length > 0) {
    const how =
      `Fashion-MNIST is missing (${missing.join(', ')} not in ${IDX_DIR}).\n` +
      'Install it with:\n  sudo apt-get install -y dataset-fashion-mnist\n' +
      'or download the four files from https://github.com/zalandoresearch/fashion-mnist and set FASHION_MNIST_DIR.';
    if (process.argv.includes('--optional')) {
      console.warn(`${how}\nThe site runs without it; its real-images section will say the data is missing.`);
      return;
    }
    console.error(how);
    process.exit(1);
  }
  const manifestPath = join(OUT, 'manifest.json');
  const inputs = [
    ...Object.values(FILES).map((f) => join(IDX_DIR, f)),
    new URL(import.meta.url).pathname,
    join(ROOT, 'web/src/datasets/image-set.ts'),
  ];
  if (existsSync(manifestPath) && inputs.every((f) => statSync(f).mtimeMs <= statSync(manifestPath).mtimeMs)) return;
  return convert();
}

async function convert() {
  const { FASHION_MNIST, encodeImageSet } = await import(join(ROOT, 'dist/datasets/index.js'));
  mkdirSync(OUT, { recursive: true });
  const pixelsPerImage = FASHION_MNIST.width * FASHION_MNIST.height;
  const write = (file, split, first, count) => {
    const set = {
      count,
      width: split.width,
      height: split.height,
      classes: FASHION_MNIST.classes.length,
      labels: split.labels.subarray(first, first + count),
      pixels: split.pixels.subarray(first * pixelsPerImage, (first + count) * pixelsPerImage),
    };
    const bytes = gzipSync(encodeImageSet(set, BITS_PER_PIXEL), { level: 9 });
    writeFileSync(join(OUT, file), bytes);
    return { file, first, count, bytes: bytes.length };
  };
  const test = readSplit(FILES.testImages, FILES.testLabels);
  const train = readSplit(FILES.trainImages, FILES.trainLabels);
  const manifest = {
    name: 'Fashion-MNIST',
    credit: FASHION_MNIST.credit,
    licence: FASHION_MNIST.licence,
    url: FASHION_MNIST.url,
    classes: FASHION_MNIST.classes,
    width: FASHION_MNIST.width,
    height: FASHION_MNIST.height,
    bitsPerPixel: BITS_PER_PIXEL,
    test: [write('test.rwis.gz', test, 0, test.count)],
    train: [],
  };
  for (let first = 0; first < train.count; first += TRAIN_PART) {
    manifest.train.push(
      write(`train-${first / TRAIN_PART}.rwis.gz`, train, first, Math.min(TRAIN_PART, train.count - first)),
    );
  }
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  const mb = (parts) => (parts.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(2);
  console.log(
    `wrote build/site-data/fashion-mnist: test ${mb(manifest.test)} MB, training part 0 ${mb(manifest.train.slice(0, 1))} MB ` +
      `(default load ${mb([...manifest.test, manifest.train[0]])} MB), full training set ${mb(manifest.train)} MB`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
