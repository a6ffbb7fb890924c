// The datasets by name: which exist, what kind each is, and generate(), the one checked way in.
import { checkCount, checkFiniteNumber, checkOptions, describe } from '../checks.js';
import { circle, cs231nSpiral, gauss, spiral, xor } from './classification.js';
import { DOMAIN, toTensors, type Point } from './points.js';
import { seededRandom, type Random } from './random.js';
import { regressGauss, regressPlane } from './regression.js';

/** TensorFlow Playground's four two-class datasets (labels 0 and 1). */
export const BINARY_DATASETS = Object.freeze(['circle', 'xor', 'gauss', 'spiral'] as const);
/** Every classification dataset: the two-class ones and CS231n's K-class spiral. */
export const CLASSIFICATION_DATASETS = Object.freeze([...BINARY_DATASETS, 'cs231n-spiral'] as const);
/** The regression datasets (a real-valued target per point). */
export const REGRESSION_DATASETS = Object.freeze(['reg-plane', 'reg-gauss'] as const);
/** Every dataset name that {@link generate} takes. */
export const DATASET_NAMES = Object.freeze([...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS] as const);

/** One of TensorFlow Playground's two-class datasets. */
export type BinaryDatasetName = (typeof BINARY_DATASETS)[number];
/** A classification dataset. */
export type ClassificationDatasetName = (typeof CLASSIFICATION_DATASETS)[number];
/** A regression dataset. */
export type RegressionDatasetName = (typeof REGRESSION_DATASETS)[number];
/** Any dataset {@link generate} knows. */
export type DatasetName = (typeof DATASET_NAMES)[number];
/** What a dataset's `y` means: a class index, or a target value. */
export type DatasetKind = 'classification' | 'regression';

/** Options of {@link generate}. Unknown keys are a TypeError. */
export interface GenerateOptions {
  /**
   * How many points to draw, 1 to 1 000 000. Default 500 for classification and 1200 for
   * regression, TensorFlow Playground's counts. circle, gauss and spiral draw ceil(n / 2) points
   * per class (so n + 1 for an odd n); cs231n-spiral draws max(2, floor(n / classes)) per class.
   */
  n?: number;
  /** Noise, 0 to 0.5 (TensorFlow Playground's slider, 0 to 50, divided by 100). Default 0. */
  noise?: number;
  /** An unsigned 32-bit integer. Default 0. */
  seed?: number;
  /** cs231n-spiral only: the number of arms, which are the classes, 2 to 32. Default 3. */
  classes?: number;
}

/** A generated dataset: its points, the same as tensors for the engine, and what they mean. */
export interface Dataset {
  /** The dataset's name. */
  readonly name: DatasetName;
  /** 'classification' (y is a class index) or 'regression' (y is a target value). */
  readonly kind: DatasetKind;
  /** Number of classes: 2 for the two-class datasets, `classes` for cs231n-spiral, 0 for regression. */
  readonly classes: number;
  /** Coordinates span [-domain, domain] on both axes; always {@link DOMAIN} (6). */
  readonly domain: typeof DOMAIN;
  /** The points in dataset coordinates, class by class for the classification datasets. */
  readonly points: Point[];
  /** Inputs as the engine takes them: [rows][2], row-major, coordinates divided by {@link DOMAIN}. */
  readonly X: Float32Array;
  /** [rows] class indices (classification) or targets (regression), as float32. */
  readonly Y: Float32Array;
}

const GENERATORS: Record<DatasetName, (n: number, noise: number, random: Random, classes: number) => Point[]> = {
  circle,
  xor,
  gauss,
  spiral,
  'cs231n-spiral': cs231nSpiral,
  'reg-plane': regressPlane,
  'reg-gauss': regressGauss,
};

const KNOWN_OPTIONS = ['n', 'noise', 'seed', 'classes'];
/** An upper bound that keeps a mistaken n from allocating gigabytes. */
const MAX_POINTS = 1_000_000;
const MAX_CLASSES = 32;

/**
 * Draws a named 2-D dataset, seeded: the same name, options and seed give the same points,
 * bit for bit (the random numbers are exact integer arithmetic; the shapes go through
 * `Math.sin`, `Math.cos` and `Math.log`, identical in every V8, Node's and Chromium's, though
 * the language lets other engines differ in the last bit). The site, the playground, the
 * custom elements, the tests and the benchmarks all take their data from here.
 *
 * @param name - One of {@link DATASET_NAMES}.
 * @param options - Count, noise, seed and (cs231n-spiral) classes; all optional.
 * @throws TypeError for a value of the wrong type or an unknown option key; RangeError for a
 *   value out of range. The message names the argument.
 *
 * @example
 * ```ts
 * import { generate } from 'relu-wasm/datasets';
 * const { X, Y } = generate('spiral', { n: 400, noise: 0.1, seed: 7 });
 * net.train(X, Y, { batchSize: 10, steps: 1000 });
 * ```
 */
export function generate(name: DatasetName, options?: GenerateOptions): Dataset {
  if (typeof name !== 'string') throw new TypeError(`name must be a dataset name (a string), got ${describe(name)}`);
  if (!(DATASET_NAMES as readonly string[]).includes(name)) {
    throw new RangeError(`name must be one of ${DATASET_NAMES.map((d) => `'${d}'`).join(', ')}, got '${name}'`);
  }
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new TypeError(`options must be an object like { n: 200, seed: 1 }, got ${describe(options)}`);
  }
  const o = checkOptions<GenerateOptions>(options, 'options', KNOWN_OPTIONS);
  const regression = (REGRESSION_DATASETS as readonly string[]).includes(name);
  const n = o.n === undefined ? (regression ? 1200 : 500) : checkCount(o.n, 'options.n', MAX_POINTS);
  if (n === 0) throw new RangeError('options.n must be at least 1, got 0');
  // + 0 turns -0 into 0, so noise -0 draws exactly the points of noise 0.
  const noise = o.noise === undefined ? 0 : checkFiniteNumber(o.noise, 'options.noise') + 0;
  if (noise < 0 || noise > 0.5) throw new RangeError(`options.noise must be in [0, 0.5], got ${noise}`);
  const seed = o.seed === undefined ? 0 : checkCount(o.seed, 'options.seed', 0xffffffff);
  if (o.classes !== undefined && name !== 'cs231n-spiral') {
    throw new RangeError(
      `options.classes applies only to 'cs231n-spiral' (${name} has ${regression ? 'no classes' : 'two classes'})`,
    );
  }
  const classes = o.classes === undefined ? 3 : checkCount(o.classes, 'options.classes', MAX_CLASSES);
  if (classes < 2) throw new RangeError(`options.classes must be at least 2, got ${classes}`);

  const points = GENERATORS[name](n, noise, seededRandom(seed), classes);
  const { X, Y } = toTensors(points);
  return {
    name,
    kind: regression ? 'regression' : 'classification',
    classes: regression ? 0 : name === 'cs231n-spiral' ? classes : 2,
    domain: DOMAIN,
    points,
    X,
    Y,
  };
}
