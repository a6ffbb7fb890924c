// Validation of createMLP's and the training calls' options, and their mapping to the
// engine's enum values (cpp/nn/options.h). Names and defaults are part of the public API.
import { checkCount, checkFiniteFloat32, checkFiniteNumber, checkGradAtZero, checkOptions, describe } from './checks.js';

export type Activation = 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'linear';
export type LossKind = 'bce' | 'mse' | 'softmax_ce';
export type Init = 'he' | 'xavier' | 'zeros';
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

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

const ACTIVATIONS: Record<Activation, number> = { relu: 0, leaky_relu: 1, tanh: 2, sigmoid: 3, linear: 4 };
const LOSSES: Record<LossKind, number> = { bce: 0, mse: 1, softmax_ce: 2 };
const INITS: Record<Init, number> = { he: 0, xavier: 1, zeros: 2 };
const OPTIMIZERS: Record<OptimizerKind, number> = { sgd: 0, momentum: 1, adam: 2 };

/** Units one layer may have; the engine's own limit is 2^24 and memory runs out first. */
export const MAX_UNITS = 2 ** 24;
export const MAX_LAYERS = 1024;

function checkEnum<T extends string>(value: unknown, table: Record<T, number>, name: string, fallback: T): [T, number] {
  if (value === undefined) return [fallback, table[fallback]];
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  if (!Object.prototype.hasOwnProperty.call(table, value)) {
    throw new RangeError(`${name} must be one of ${Object.keys(table).map((k) => `'${k}'`).join(', ')}, got '${value}'`);
  }
  return [value as T, table[value as T]];
}

/** The engine's bound on hyperparameters: below it every value stays finite in float32. */
const MAX_HYPERPARAMETER = 1e30;

function checkNonNegative(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const v = checkFiniteNumber(value, name);
  if (v < 0) throw new RangeError(`${name} must be >= 0, got ${v}`);
  if (v >= MAX_HYPERPARAMETER) throw new RangeError(`${name} must be below 1e30, got ${v}`);
  return v;
}

function checkUnit(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const v = checkFiniteNumber(value, name);
  if (!(v >= 0 && v < 1)) throw new RangeError(`${name} must be in [0, 1), got ${v}`);
  return v;
}

export function checkSeed(value: unknown, name: string): number {
  if (value === undefined) return 0;
  return checkCount(value, name, 0xffffffff);
}

export interface CheckedMLPOptions {
  sizes: number[];
  activation: Activation;
  activationCode: number;
  leakySlope: number;
  loss: LossKind;
  lossCode: number;
  initCode: number;
  seed: number;
  gradAtZero: 0 | 1;
}

export function checkMLPOptions(value: unknown): CheckedMLPOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`createMLP options must be an object like { sizes: [2, 8, 1] }, got ${describe(value)}`);
  }
  const o = value as Partial<MLPOptions>;
  if (!Array.isArray(o.sizes)) throw new TypeError(`options.sizes must be an array of layer sizes, got ${describe(o.sizes)}`);
  if (o.sizes.length < 2) throw new RangeError(`options.sizes needs at least an input and an output size, got ${o.sizes.length} entries`);
  if (o.sizes.length > MAX_LAYERS) throw new RangeError(`options.sizes has ${o.sizes.length} entries, more than ${MAX_LAYERS}`);
  // A plain loop, not map(): map skips the holes of a sparse array like [2, , 1].
  const sizes: number[] = [];
  for (let i = 0; i < o.sizes.length; i++) {
    const s = checkCount(o.sizes[i], `options.sizes[${i}]`, MAX_UNITS);
    if (s === 0) throw new RangeError(`options.sizes[${i}] must be at least 1, got 0`);
    sizes.push(s);
  }
  const [activation, activationCode] = checkEnum<Activation>(o.activation, ACTIVATIONS, 'options.activation', 'relu');
  const leakySlope = o.leakySlope === undefined ? 0.01 : checkFiniteFloat32(o.leakySlope, 'options.leakySlope');
  const [loss, lossCode] = checkEnum<LossKind>(o.loss, LOSSES, 'options.loss', 'bce');
  const out = sizes[sizes.length - 1]!;
  if (loss === 'bce' && out !== 1) throw new RangeError(`loss 'bce' needs one output unit, but options.sizes ends with ${out}`);
  if (loss === 'softmax_ce' && out < 2) throw new RangeError(`loss 'softmax_ce' needs at least two output units, got ${out}`);
  const reluFamily = activation === 'relu' || activation === 'leaky_relu';
  const [, initCode] = checkEnum<Init>(o.init, INITS, 'options.init', reluFamily ? 'he' : 'xavier');
  const seed = checkSeed(o.seed, 'options.seed');
  const gradAtZero = checkGradAtZero(o.gradAtZero, 'options.gradAtZero');
  return { sizes, activation, activationCode, leakySlope, loss, lossCode, initCode, seed, gradAtZero };
}

export interface CheckedTrainOptions {
  lr: number;
  l2: number;
  l1: number;
  optimizer: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function checkTrainOptions(value: unknown, name = 'options'): CheckedTrainOptions {
  const o = checkOptions<TrainOptions>(value, name);
  return {
    lr: checkNonNegative(o.lr, `${name}.lr`, 0.01),
    l2: checkNonNegative(o.l2, `${name}.l2`, 0),
    l1: checkNonNegative(o.l1, `${name}.l1`, 0),
    optimizer: checkEnum<OptimizerKind>(o.optimizer, OPTIMIZERS, `${name}.optimizer`, 'sgd')[1],
    momentum: checkNonNegative(o.momentum, `${name}.momentum`, 0.9),
    beta1: checkUnit(o.beta1, `${name}.beta1`, 0.9),
    beta2: checkUnit(o.beta2, `${name}.beta2`, 0.999),
    eps: checkNonNegative(o.eps, `${name}.eps`, 1e-8),
  };
}

export function checkLoopOptions(value: unknown): CheckedTrainOptions & { batchSize: number; steps: number; seed: number } {
  const o = checkOptions<TrainLoopOptions>(value, 'options');
  const batchSize = o.batchSize === undefined ? 32 : checkCount(o.batchSize, 'options.batchSize', 2 ** 31 - 1);
  if (batchSize < 1) throw new RangeError('options.batchSize must be at least 1, got 0');
  const steps = o.steps === undefined ? 1 : checkCount(o.steps, 'options.steps', 2 ** 31 - 1);
  if (steps < 1) throw new RangeError('options.steps must be at least 1, got 0');
  return { ...checkTrainOptions(o), batchSize, steps, seed: checkSeed(o.seed, 'options.seed') };
}
