/**
 * relu-wasm/datasets: the seeded 2-D datasets of the article, the playground and the custom
 * elements (TensorFlow Playground's circle, xor, gauss, spiral, reg-plane and reg-gauss, and
 * CS231n's K-class spiral), and the seeded generator they draw from; and the decoder of the
 * labelled image sets the site serves (Fashion-MNIST, see `decodeImageSet`). Plain JavaScript:
 * it loads no WebAssembly and works anywhere.
 *
 * @example
 * ```ts
 * import { loadRelu } from 'relu-wasm';
 * import { generate } from 'relu-wasm/datasets';
 *
 * const rw = await loadRelu();
 * const { X, Y } = generate('xor', { n: 400, noise: 0.1, seed: 1 });
 * const net = rw.createMLP({ sizes: [2, 8, 8, 1] });
 * net.train(X, Y, { batchSize: 10, steps: 5000, lr: 0.03, optimizer: 'adam' });
 * ```
 *
 * @packageDocumentation
 */
export {
  BINARY_DATASETS,
  CLASSIFICATION_DATASETS,
  DATASET_NAMES,
  REGRESSION_DATASETS,
  generate,
  type BinaryDatasetName,
  type ClassificationDatasetName,
  type Dataset,
  type DatasetKind,
  type DatasetName,
  type GenerateOptions,
  type RegressionDatasetName,
} from './generate.js';
export { DOMAIN, toTensors, type Point } from './points.js';
export { normal, seededRandom, uniform, type Random } from './random.js';
export { splitTrainTest } from './split.js';
export { bandImages, type BandImages } from './band-images.js';
export {
  FASHION_MNIST,
  FASHION_MNIST_CNN_RECIPE,
  FASHION_MNIST_RECIPE,
  recipeLearningRate,
  concatImageSets,
  decodeImageSet,
  decodeImageSetAsync,
  encodeImageSet,
  fetchImageSet,
  gunzipIfNeeded,
  quantize4,
  type FetchImageSetOptions,
  type ImageSet,
  type ImageSetInput,
  type ImageSetManifest,
  type ImageSetPart,
} from './image-set.js';
