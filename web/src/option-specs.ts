// The one table of the network's and training's options: names, defaults, ranges, and the
// engine's enum and status codes. The TypeScript types and the JavaScript validation follow
// from it (option-check.ts), and cpp/nn/option_table.h is generated from it
// (web/scripts/gen-option-table.mjs; the lint step fails when the header is stale), so the C++
// guards check the same bounds. UIs take their ranges from here and declare, in one place each,
// where they deliberately differ (e.g. TF Playground's learning rate of 0.03).

export type Activation = 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'linear';
export type LossKind = 'bce' | 'mse' | 'softmax_ce';
export type Init = 'he' | 'xavier' | 'zeros';
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export type FeatureType = 'float32' | 'uint8';
export type Padding = 'same' | 'valid';
export type ConvLayerKind = 'conv' | 'pool' | 'dense';
export type StatusName =
  'Ok' | 'InvalidArgument' | 'ShapeMismatch' | 'OutOfRange' | 'NonFinite' | 'OutOfMemory' | 'InvalidState';

/**
 * Lists every member of `T` once, in the engine's code order (a name's code is its index). The
 * types above are named unions so that error messages name them; this makes the compiler
 * refuse a list that misses one of their members.
 */
function inCodeOrder<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L => list;
}

/** Hidden activations, in the engine's code order. */
export const ACTIVATIONS = inCodeOrder<Activation>()(['relu', 'leaky_relu', 'tanh', 'sigmoid', 'linear']);
/** Losses, in the engine's code order. */
export const LOSSES = inCodeOrder<LossKind>()(['bce', 'mse', 'softmax_ce']);
/** Weight initialisations, in the engine's code order. */
export const INITS = inCodeOrder<Init>()(['he', 'xavier', 'zeros']);
/** Optimizers, in the engine's code order. */
export const OPTIMIZERS = inCodeOrder<OptimizerKind>()(['sgd', 'momentum', 'adam']);
/** How a dataset stores its features (`rw.createDataset()`), in the engine's code order. */
export const FEATURE_TYPES = inCodeOrder<FeatureType>()(['float32', 'uint8']);
/** Convolution paddings, in the engine's code order: 'same' keeps height and width, 'valid' shrinks them by kernel - 1. */
export const PADDINGS = inCodeOrder<Padding>()(['same', 'valid']);
/** Layer kinds of `rw.createConvNet()`, in the engine's code order. */
export const CONV_LAYER_KINDS = inCodeOrder<ConvLayerKind>()(['conv', 'pool', 'dense']);
/** The engine's status codes (cpp/nn/status.h), in code order; 0 is success. */
export const STATUS_NAMES = inCodeOrder<StatusName>()([
  'Ok',
  'InvalidArgument',
  'ShapeMismatch',
  'OutOfRange',
  'NonFinite',
  'OutOfMemory',
  'InvalidState',
]);

/** A number option: `min` is inclusive; `max` is inclusive unless `maxExclusive`. */
export interface NumberSpec {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly maxExclusive?: boolean;
  /** Whole numbers only. */
  readonly integer?: boolean;
  readonly doc: string;
}

/** A choice among names; the engine receives the name's index in `values`. */
export interface EnumSpec<T extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly T[];
  /** The default; `null` when it depends on another option (documented in `doc`). */
  readonly default: T | null;
  readonly doc: string;
}

export type OptionSpec = NumberSpec | EnumSpec;

/** Below this bound every hyperparameter stays finite once rounded to float32. */
export const MAX_HYPERPARAMETER = 1e30;
/** Units one layer may have: the engine's own limit (memory runs out first). */
export const MAX_UNITS = 2 ** 24;
/** Entries of `sizes` (layers + 1). */
export const MAX_LAYERS = 1024;
/** Channels of a convolution, and of the input of `rw.createConvNet()`. */
export const MAX_CHANNELS = 4096;
/** Height or width of a convolutional network's input. */
export const MAX_IMAGE_SIDE = 4096;
/** The largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** A whole-number option in [min, max]. */
const whole = (value: number, min: number, max: number, doc: string): NumberSpec => ({
  kind: 'number',
  default: value,
  min,
  max,
  integer: true,
  doc,
});

const hyper = (value: number, doc: string): NumberSpec => ({
  kind: 'number',
  default: value,
  min: 0,
  max: MAX_HYPERPARAMETER,
  maxExclusive: true,
  doc,
});

/**
 * Options of `rw.createMLP()` (besides `sizes`, which has its own rules: 2 to
 * {@link MAX_LAYERS} entries of 1 to {@link MAX_UNITS}).
 */
export const MLP_OPTION_SPECS = {
  activation: {
    kind: 'enum',
    values: ACTIVATIONS,
    default: 'relu',
    doc: 'hidden activation; the output layer is linear',
  },
  leakySlope: {
    kind: 'number',
    default: 0.01,
    min: -FLOAT32_MAX,
    max: FLOAT32_MAX,
    doc: "Leaky ReLU's slope for x < 0 (a finite float32)",
  },
  loss: {
    kind: 'enum',
    values: LOSSES,
    default: 'bce',
    doc: "'bce' (one output, labels 0/1), 'mse' (targets) or 'softmax_ce' (class indices)",
  },
  init: { kind: 'enum', values: INITS, default: null, doc: "'he' for relu and leaky_relu, 'xavier' otherwise" },
  seed: whole(0, 0, 0xffffffff, 'seed of the initial weights'),
  gradAtZero: whole(0, 0, 1, "ReLU's derivative at exactly 0: 0 (PyTorch) or 1"),
} as const satisfies Record<string, OptionSpec>;

/**
 * Options of `rw.createConvNet()` besides `input` and `layers`: the MLP's, with the same
 * meaning (the activation follows every convolution and hidden dense layer).
 */
export const CONV_NET_OPTION_SPECS = MLP_OPTION_SPECS;

/** Fields of one `{ conv, kernel, padding }` layer of `rw.createConvNet()`. */
export const CONV_LAYER_SPECS = {
  conv: whole(8, 1, MAX_CHANNELS, 'output channels (filters) of a convolution'),
  kernel: whole(3, 3, 5, 'filter height and width: 3 or 5 (stride 1)'),
  padding: {
    kind: 'enum',
    values: PADDINGS,
    default: 'same',
    doc: "'same' pads (kernel - 1) / 2 zeros on every side; 'valid' pads none",
  },
  pool: whole(2, 2, 2, 'max pooling window and stride: 2 (odd sizes are floored)'),
} as const satisfies Record<string, OptionSpec>;

/** Options of one update (`trainStep`, and every step of `train`); PyTorch's defaults. */
export const TRAIN_OPTION_SPECS = {
  lr: hyper(0.01, 'learning rate'),
  l2: hyper(0, 'L2 penalty on weights: loss += 0.5 * l2 * sum(W^2)'),
  l1: hyper(0, 'L1 penalty on weights: loss += l1 * sum(|W|)'),
  optimizer: {
    kind: 'enum',
    values: OPTIMIZERS,
    default: 'sgd',
    doc: 'changing it between calls resets the optimizer state',
  },
  momentum: hyper(0.9, "momentum coefficient (optimizer 'momentum')"),
  beta1: { kind: 'number', default: 0.9, min: 0, max: 1, maxExclusive: true, doc: "Adam's beta1" },
  beta2: { kind: 'number', default: 0.999, min: 0, max: 1, maxExclusive: true, doc: "Adam's beta2" },
  eps: hyper(1e-8, "Adam's epsilon"),
} as const satisfies Record<string, OptionSpec>;

/** Options of the minibatch loop (`train`, `trainAsync`). */
export const LOOP_OPTION_SPECS = {
  batchSize: whole(32, 1, 2 ** 31 - 1, 'rows per minibatch, capped at the rows of X'),
  steps: whole(1, 1, 2 ** 31 - 1, 'minibatch updates in this call'),
  seed: whole(0, 0, 0xffffffff, 'seed of the shuffled visiting order'),
} as const satisfies Record<string, OptionSpec>;

/**
 * Options of `rw.createDataset()` (besides `features`, the values per row: 1 to 2^24). The
 * feature type follows X's type: a Uint8Array stays uint8 in WASM memory.
 */
export const DATASET_OPTION_SPECS = {
  scale: {
    kind: 'number',
    default: 1,
    min: 0,
    max: FLOAT32_MAX,
    doc: 'the network sees features * scale, computed in float32 inside the engine (e.g. 1/255 for uint8 pixels); 1 unless given',
  },
} as const satisfies Record<string, OptionSpec>;

/** Options of the passes over a dataset (`trainOn`, `trainOnAsync`), besides the loop's. */
export const EPOCH_OPTION_SPECS = {
  epochs: whole(
    1,
    1,
    2 ** 31 - 1,
    'passes over the dataset when steps is not given: steps = epochs * ceil(rows / batchSize)',
  ),
} as const satisfies Record<string, OptionSpec>;

/** Options of `net.evaluate()`: which rows of the dataset. */
export const EVALUATE_OPTION_SPECS = {
  first: whole(0, 0, 2 ** 32 - 2, 'first row evaluated'),
  count: whole(2 ** 32 - 1, 1, 2 ** 32 - 1, 'rows evaluated, capped at the rows from first to the end'),
} as const satisfies Record<string, OptionSpec>;

/** Options of `net.gradientCheck()` (cpp/nn/gradient_check.cc). */
export const GRADIENT_CHECK_OPTION_SPECS = {
  step: {
    kind: 'number',
    default: 1e-5,
    min: 1e-12,
    max: 1,
    doc: 'h of the centred difference (L(p + h) - L(p - h)) / 2h, taken in double precision',
  },
  maxParams: whole(
    1000,
    1,
    2 ** 31 - 1,
    'parameters checked: all of them when the network has at most this many, else this many chosen by seed',
  ),
  seed: whole(0, 0, 0xffffffff, 'seed of the sample of parameters (when maxParams is below their count)'),
  l2: hyper(0, 'L2 penalty included in the loss, as in lossAndGradients'),
  l1: hyper(0, 'L1 penalty included in the loss, as in lossAndGradients'),
  floor: {
    kind: 'number',
    default: 1e-3,
    min: 0,
    max: 1,
    doc: 'relative error = |analytic - numeric| / max(|analytic|, |numeric|, floor): below floor a gradient is judged absolutely, as its float32 sum carries rounding of about 1e-7 times its terms',
  },
} as const satisfies Record<string, OptionSpec>;

/** Every option table, by the call it belongs to. */
export const OPTION_SPECS = {
  createMLP: MLP_OPTION_SPECS,
  createConvNet: CONV_NET_OPTION_SPECS,
  convLayer: CONV_LAYER_SPECS,
  train: TRAIN_OPTION_SPECS,
  loop: LOOP_OPTION_SPECS,
  createDataset: DATASET_OPTION_SPECS,
  epochs: EPOCH_OPTION_SPECS,
  evaluate: EVALUATE_OPTION_SPECS,
  gradientCheck: GRADIENT_CHECK_OPTION_SPECS,
} as const;
