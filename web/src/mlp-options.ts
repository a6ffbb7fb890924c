// Validation of createMLP's and the training calls' options against the one option table
// (option-specs.ts), and their translation into the engine's option values (the objects that
// cross Embind as MlpConfig, TrainOptions and TrainLoop). Defaults come only from the table.
import { checkCount, checkOptions, describe } from './checks.js';
import {
  FLOAT32_MAX,
  GRADIENT_CHECK_OPTION_SPECS,
  LOOP_OPTION_SPECS,
  MAX_LAYERS,
  MAX_UNITS,
  MLP_OPTION_SPECS,
  TRAIN_OPTION_SPECS,
  type Activation,
  type EnumSpec,
  type Init,
  type LossKind,
  type NumberSpec,
  type OptimizerKind,
} from './option-specs.js';

export type { Activation, Init, LossKind, OptimizerKind } from './option-specs.js';
export { MAX_LAYERS, MAX_UNITS } from './option-specs.js';

export interface MLPOptions {
  /** Units per layer, input first, e.g. [2, 8, 8, 1]. At least two entries. */
  sizes: readonly number[];
  /** Hidden activation (the output layer is always linear). Default 'relu'. */
  activation?: Activation;
  /** Leaky ReLU's slope for x < 0. Default 0.01. */
  leakySlope?: number;
  /** Default 'bce' (one output, labels 0/1). 'softmax_ce' takes class indices, 'mse' targets. */
  loss?: LossKind;
  /** Default 'he' for relu and leaky_relu, 'xavier' otherwise. */
  init?: Init;
  /** Seed of the initial weights (an unsigned 32-bit integer). Default 0. */
  seed?: number;
  /** ReLU's derivative at exactly 0 during training: 0 (default, as PyTorch) or 1. */
  gradAtZero?: 0 | 1;
}

export interface TrainOptions {
  /** Learning rate, default 0.01. */
  lr?: number;
  /** L2 penalty on weights: loss += 0.5 * l2 * sum(W^2). Default 0. */
  l2?: number;
  /** L1 penalty on weights: loss += l1 * sum(|W|). Default 0. */
  l1?: number;
  /** Default 'sgd'. Changing it between calls resets the optimizer state. */
  optimizer?: OptimizerKind;
  /** Momentum coefficient (optimizer 'momentum'), default 0.9. */
  momentum?: number;
  /** Adam's beta1, default 0.9. */
  beta1?: number;
  /** Adam's beta2, default 0.999. */
  beta2?: number;
  /** Adam's epsilon, default 1e-8. */
  eps?: number;
}

export interface TrainLoopOptions extends TrainOptions {
  /** Rows per minibatch, default 32, capped at the rows of X. */
  batchSize?: number;
  /** Minibatch updates in this one call, default 1. */
  steps?: number;
  /** Seed of the shuffled visiting order, default 0. */
  seed?: number;
}

export interface TrainAsyncOptions extends TrainLoopOptions {
  /**
   * Cancels the run between two chunks of steps: the promise rejects with `signal.reason` and
   * the network keeps the updates made so far. `AbortSignal.timeout(ms)` bounds the run's time.
   */
  signal?: AbortSignal;
  /** Called after each chunk with the steps done so far and the mean loss over them. */
  onProgress?: (stepsDone: number, meanLoss: number) => void;
}

/** Options of `net.gradientCheck()`; the defaults and ranges are GRADIENT_CHECK_OPTION_SPECS'. */
export interface GradientCheckOptions {
  /** h of the centred difference (L(p + h) - L(p - h)) / 2h, in [1e-12, 1]. Default 1e-5. */
  step?: number;
  /**
   * Parameters checked: all of them when the network has at most this many, else this many
   * distinct ones drawn by `seed`. Default 1000.
   */
  maxParams?: number;
  /** Seed of that sample (an unsigned 32-bit integer). Default 0. */
  seed?: number;
  /** L2 penalty included in the loss, as in `lossAndGradients`. Default 0. */
  l2?: number;
  /** L1 penalty included in the loss, as in `lossAndGradients`. Default 0. */
  l1?: number;
  /**
   * Denominator floor, in [0, 1]: relative error = |analytic - numeric| / max(|analytic|,
   * |numeric|, floor). The analytic gradient is a float32 sum whose rounding is about 1e-7 of
   * its terms; near a minimum a gradient cancels to far below its terms, so below `floor` it
   * is judged absolutely (an error under 1e-4 then means |analytic - numeric| < 1e-4 * floor).
   * 0 gives the plain relative error. Default 1e-3.
   */
  floor?: number;
}

/** The engine's GradCheckOptions, as it crosses Embind. */
export interface EngineGradientCheckOptions {
  step: number;
  maxParams: number;
  seed: number;
  l2: number;
  l1: number;
  floor: number;
}

/** gradientCheck's options. */
export function checkGradientCheckOptions(value: unknown): EngineGradientCheckOptions {
  const spec = GRADIENT_CHECK_OPTION_SPECS;
  const o = checkOptions<GradientCheckOptions>(value, 'options', Object.keys(spec));
  return {
    step: readNumber(spec.step, o.step, 'options.step'),
    maxParams: readNumber(spec.maxParams, o.maxParams, 'options.maxParams'),
    seed: readNumber(spec.seed, o.seed, 'options.seed'),
    l2: readNumber(spec.l2, o.l2, 'options.l2'),
    l1: readNumber(spec.l1, o.l1, 'options.l1'),
    floor: readNumber(spec.floor, o.floor, 'options.floor'),
  };
}

/** The engine's MlpConfig, as it crosses Embind (sizes is a WASM address). */
export interface EngineMlpConfig {
  sizes: number;
  numSizes: number;
  activation: number;
  leakySlope: number;
  loss: number;
  init: number;
  seed: number;
  gradAtZero: number;
}

/** The engine's TrainOptions, as it crosses Embind. */
export interface EngineTrainOptions {
  lr: number;
  l2: number;
  l1: number;
  optimizer: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** The engine's TrainLoop, as it crosses Embind. */
export interface EngineTrainLoop {
  batchSize: number;
  steps: number;
  seed: number;
  firstStep: number;
  lossSum: number;
}

export interface CheckedMLPOptions {
  sizes: number[];
  activation: Activation;
  loss: LossKind;
  /** Everything but `sizes`, whose address is known only once they are copied in. */
  engine: Omit<EngineMlpConfig, 'sizes' | 'numSizes'>;
}

/** A number option: the table's default when undefined, else checked against its range. */
export function readNumber(spec: NumberSpec, value: unknown, name: string): number {
  if (value === undefined) return spec.default;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  if (spec.integer) {
    if (spec.min === 0 && spec.max === 1 && value !== 0 && value !== 1)
      throw new RangeError(`${name} must be 0 or 1, got ${value}`);
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    if (value < spec.min) throw new RangeError(`${name} must be at least ${spec.min}, got ${value}`);
    if (value > spec.max) throw new RangeError(`${name} is ${value}, more than the limit of ${spec.max}`);
  } else if (value < spec.min || (spec.maxExclusive ? value >= spec.max : value > spec.max)) {
    if (spec.max === FLOAT32_MAX && spec.min === -FLOAT32_MAX) {
      throw new RangeError(`${name} must be within float32 range (|${name}| <= 3.4e38), got ${value}`);
    }
    // A short interval reads best whole; a huge bound only guards against float32 overflow.
    if (spec.max <= 1e6)
      throw new RangeError(
        `${name} must be in [${spec.min}, ${spec.max}${spec.maxExclusive ? ')' : ']'}, got ${value}`,
      );
    if (value < spec.min) throw new RangeError(`${name} must be >= ${spec.min}, got ${value}`);
    throw new RangeError(`${name} must be below ${spec.max}, got ${value}`);
  }
  return value + 0; // -0 becomes 0
}

/** An enum option: its code (index in the table), `fallback` when undefined. */
export function readEnum<T extends string>(spec: EnumSpec<T>, value: unknown, name: string, fallback: T): [T, number] {
  if (value === undefined) return [fallback, spec.values.indexOf(fallback)];
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  const code = spec.values.indexOf(value as T);
  if (code < 0)
    throw new RangeError(`${name} must be one of ${spec.values.map((k) => `'${k}'`).join(', ')}, got '${value}'`);
  return [value as T, code];
}

const MLP_KEYS = ['sizes', ...Object.keys(MLP_OPTION_SPECS)];
const TRAIN_KEYS = Object.keys(TRAIN_OPTION_SPECS);
const LOOP_KEYS = [...TRAIN_KEYS, ...Object.keys(LOOP_OPTION_SPECS)];
const ASYNC_KEYS = [...LOOP_KEYS, 'signal', 'onProgress'];
const PENALTY_KEYS = ['l2', 'l1'];

export function checkMLPOptions(value: unknown): CheckedMLPOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`createMLP options must be an object like { sizes: [2, 8, 1] }, got ${describe(value)}`);
  }
  const o = checkOptions<MLPOptions>(value, 'options', MLP_KEYS);
  if (!Array.isArray(o.sizes))
    throw new TypeError(`options.sizes must be an array of layer sizes, got ${describe(o.sizes)}`);
  if (o.sizes.length < 2)
    throw new RangeError(`options.sizes needs at least an input and an output size, got ${o.sizes.length} entries`);
  if (o.sizes.length > MAX_LAYERS)
    throw new RangeError(`options.sizes has ${o.sizes.length} entries, more than ${MAX_LAYERS}`);
  // A plain loop, not map(): map skips the holes of a sparse array like [2, , 1].
  const sizes: number[] = [];
  for (let i = 0; i < o.sizes.length; i++) {
    const s = checkCount(o.sizes[i], `options.sizes[${i}]`, MAX_UNITS);
    if (s === 0) throw new RangeError(`options.sizes[${i}] must be at least 1, got 0`);
    sizes.push(s);
  }
  return { sizes, ...readNetworkOptions(o, sizes[sizes.length - 1]!, 'options.sizes ends with') };
}

/**
 * The options createMLP and createConvNet share (activation, leakySlope, loss, init, seed,
 * gradAtZero), checked against the table; `outputs` is the last layer's units, named in errors
 * by `outputsWhat` (e.g. 'options.sizes ends with').
 */
export function readNetworkOptions(
  o: Partial<Omit<MLPOptions, 'sizes'>>,
  outputs: number,
  outputsWhat: string,
): Omit<CheckedMLPOptions, 'sizes'> {
  const spec = MLP_OPTION_SPECS;
  const [activation, activationCode] = readEnum(
    spec.activation,
    o.activation,
    'options.activation',
    spec.activation.default,
  );
  const [loss, lossCode] = readEnum(spec.loss, o.loss, 'options.loss', spec.loss.default);
  if (loss === 'bce' && outputs !== 1)
    throw new RangeError(`loss 'bce' needs one output unit, but ${outputsWhat} ${outputs}`);
  if (loss === 'softmax_ce' && outputs < 2)
    throw new RangeError(`loss 'softmax_ce' needs at least two output units, got ${outputs}`);
  const reluFamily = activation === 'relu' || activation === 'leaky_relu';
  const [, initCode] = readEnum(spec.init, o.init, 'options.init', reluFamily ? 'he' : 'xavier');
  return {
    activation,
    loss,
    engine: {
      activation: activationCode,
      leakySlope: readNumber(spec.leakySlope, o.leakySlope, 'options.leakySlope'),
      loss: lossCode,
      init: initCode,
      seed: readNumber(spec.seed, o.seed, 'options.seed'),
      gradAtZero: readNumber(spec.gradAtZero, o.gradAtZero, 'options.gradAtZero'),
    },
  };
}

function readTrainOptions(o: Partial<TrainOptions>, name: string): EngineTrainOptions {
  const spec = TRAIN_OPTION_SPECS;
  return {
    lr: readNumber(spec.lr, o.lr, `${name}.lr`),
    l2: readNumber(spec.l2, o.l2, `${name}.l2`),
    l1: readNumber(spec.l1, o.l1, `${name}.l1`),
    optimizer: readEnum(spec.optimizer, o.optimizer, `${name}.optimizer`, spec.optimizer.default)[1],
    momentum: readNumber(spec.momentum, o.momentum, `${name}.momentum`),
    beta1: readNumber(spec.beta1, o.beta1, `${name}.beta1`),
    beta2: readNumber(spec.beta2, o.beta2, `${name}.beta2`),
    eps: readNumber(spec.eps, o.eps, `${name}.eps`),
  };
}

/** trainStep's options. */
export function checkTrainOptions(value: unknown, name = 'options'): EngineTrainOptions {
  return readTrainOptions(checkOptions<TrainOptions>(value, name, TRAIN_KEYS), name);
}

/** lossAndGradients' options: the penalties only. */
export function checkPenaltyOptions(value: unknown): { l2: number; l1: number } {
  const o = checkOptions<TrainOptions>(value, 'options', PENALTY_KEYS);
  return {
    l2: readNumber(TRAIN_OPTION_SPECS.l2, o.l2, 'options.l2'),
    l1: readNumber(TRAIN_OPTION_SPECS.l1, o.l1, 'options.l1'),
  };
}

function readLoop(o: Partial<TrainLoopOptions>): EngineTrainLoop {
  const spec = LOOP_OPTION_SPECS;
  return {
    batchSize: readNumber(spec.batchSize, o.batchSize, 'options.batchSize'),
    steps: readNumber(spec.steps, o.steps, 'options.steps'),
    seed: readNumber(spec.seed, o.seed, 'options.seed'),
    firstStep: 0,
    lossSum: 0,
  };
}

/** train's options. */
export function checkLoopOptions(value: unknown): { loop: EngineTrainLoop; options: EngineTrainOptions } {
  const o = checkOptions<TrainLoopOptions>(value, 'options', LOOP_KEYS);
  return { loop: readLoop(o), options: readTrainOptions(o, 'options') };
}

/** trainAsync's options. */
export function checkAsyncOptions(value: unknown): {
  loop: EngineTrainLoop;
  options: EngineTrainOptions;
  signal: AbortSignal | undefined;
  onProgress: TrainAsyncOptions['onProgress'];
} {
  const o = checkOptions<TrainAsyncOptions>(value, 'options', ASYNC_KEYS);
  if (o.signal !== undefined && !(typeof AbortSignal !== 'undefined' && o.signal instanceof AbortSignal)) {
    throw new TypeError(`options.signal must be an AbortSignal, got ${describe(o.signal)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`options.onProgress must be a function, got ${describe(o.onProgress)}`);
  }
  return { loop: readLoop(o), options: readTrainOptions(o, 'options'), signal: o.signal, onProgress: o.onProgress };
}
