// Validation of createConvNet's options against the option table (option-specs.ts): the input
// shape, the layer list and its shapes layer by layer (so a wrong network fails here with a
// message naming the layer, before any allocation), and the options it shares with createMLP.
import { checkCount, checkOptions, describe } from './checks.js';
import { readEnum, readNetworkOptions, readNumber, type CheckedMLPOptions, type MLPOptions } from './mlp-options.js';
import {
  CONV_LAYER_KINDS,
  CONV_LAYER_SPECS,
  CONV_NET_OPTION_SPECS,
  MAX_CHANNELS,
  MAX_IMAGE_SIDE,
  MAX_LAYERS,
  MAX_UNITS,
  PADDINGS,
  type Padding,
} from './option-specs.js';

export type { Padding } from './option-specs.js';

/** A 2-D convolution (stride 1) followed by the network's activation. */
export interface ConvLayer {
  /** Output channels (filters). */
  conv: number;
  /** Filter height and width: 3 or 5. Default 3. */
  kernel?: 3 | 5;
  /** 'same' (default) keeps height and width; 'valid' shrinks them by kernel - 1. */
  padding?: Padding;
}
/** 2x2 max pooling with stride 2; odd sizes are floored as PyTorch does. */
export interface PoolLayer {
  pool: 2;
}
/** A dense layer; hidden ones are followed by the activation, the last one is linear. */
export interface DenseLayer {
  dense: number;
}
export type ConvNetLayer = ConvLayer | PoolLayer | DenseLayer;

export interface ConvNetOptions extends Omit<MLPOptions, 'sizes'> {
  /** [channels, height, width] of one input image (X is [rows][channels][height][width]). */
  input: readonly [number, number, number] | readonly number[];
  /** Conv, pool and dense layers in order; the last must be dense. */
  layers: readonly ConvNetLayer[];
}

/** One checked layer, with the shape of its output. */
export interface CheckedConvLayer {
  kind: 'conv' | 'pool' | 'dense';
  /** Output channels (conv), window (pool), units (dense). */
  size: number;
  kernel: number;
  padding: Padding;
  /** The layer's output: [channels, height, width], or [units] for dense layers. */
  shape: number[];
  /** Weights and biases (0 for pools). */
  weights: number;
  biases: number;
}

export interface CheckedConvNetOptions extends Omit<CheckedMLPOptions, 'sizes'> {
  input: [number, number, number];
  layers: CheckedConvLayer[];
}

const KEYS = ['input', 'layers', ...Object.keys(CONV_NET_OPTION_SPECS)];

function checkLayer(value: unknown, i: number, shape: number[]): CheckedConvLayer {
  const name = `options.layers[${i}]`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(
      `${name} must be an object like { conv: 8, kernel: 5 }, { pool: 2 } or { dense: 10 }, got ${describe(value)}`,
    );
  }
  const kinds = CONV_LAYER_KINDS.filter((k) => k in value);
  if (kinds.length !== 1) {
    throw new TypeError(`${name} must have exactly one of 'conv', 'pool' or 'dense', got ${describe(value)}`);
  }
  const kind = kinds[0]!;
  const flat = shape.length === 1;
  const spec = CONV_LAYER_SPECS;
  if (kind === 'dense') {
    const o = checkOptions<DenseLayer>(value, name, ['dense']);
    const units = checkCount(o.dense, `${name}.dense`, MAX_UNITS);
    if (units === 0) throw new RangeError(`${name}.dense must be at least 1, got 0`);
    const inputs = shape.reduce((a, b) => a * b, 1);
    return { kind, size: units, kernel: 0, padding: 'same', shape: [units], weights: units * inputs, biases: units };
  }
  if (flat) throw new RangeError(`${name}: a ${kind} layer cannot follow a dense layer`);
  const [c, h, w] = shape as [number, number, number];
  if (kind === 'pool') {
    const o = checkOptions<PoolLayer>(value, name, ['pool']);
    readNumber(spec.pool, o.pool, `${name}.pool`);
    if (h < 2 || w < 2) throw new RangeError(`${name}: cannot pool a ${h}x${w} input (2x2 at least)`);
    return {
      kind,
      size: 2,
      kernel: 0,
      padding: 'same',
      shape: [c, Math.floor(h / 2), Math.floor(w / 2)],
      weights: 0,
      biases: 0,
    };
  }
  const o = checkOptions<ConvLayer>(value, name, ['conv', 'kernel', 'padding']);
  const out = readNumber(spec.conv, o.conv, `${name}.conv`);
  const kernel = readNumber(spec.kernel, o.kernel, `${name}.kernel`);
  if (kernel !== 3 && kernel !== 5) throw new RangeError(`${name}.kernel must be 3 or 5, got ${kernel}`);
  const [padding] = readEnum(spec.padding, o.padding, `${name}.padding`, spec.padding.default ?? 'same');
  const pad = padding === 'same' ? (kernel - 1) / 2 : 0;
  const oh = h + 2 * pad - kernel + 1;
  const ow = w + 2 * pad - kernel + 1;
  if (oh < 1 || ow < 1) {
    throw new RangeError(
      `${name}: a 'valid' ${kernel}x${kernel} convolution needs at least a ${kernel}x${kernel} input, got ${h}x${w}`,
    );
  }
  if (out * oh * ow > MAX_UNITS) {
    throw new RangeError(`${name}: its output (${out}x${oh}x${ow}) exceeds ${MAX_UNITS} values`);
  }
  return { kind, size: out, kernel, padding, shape: [out, oh, ow], weights: out * c * kernel * kernel, biases: out };
}

export function checkConvNetOptions(value: unknown): CheckedConvNetOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(
      `createConvNet options must be an object like { input: [1, 28, 28], layers: [...] }, got ${describe(value)}`,
    );
  }
  const o = checkOptions<ConvNetOptions>(value, 'options', KEYS);
  if (!Array.isArray(o.input) || o.input.length !== 3) {
    throw new TypeError(`options.input must be [channels, height, width], got ${describe(o.input)}`);
  }
  const shape = o.input;
  const limits = [MAX_CHANNELS, MAX_IMAGE_SIDE, MAX_IMAGE_SIDE];
  const what = ['channels', 'height', 'width'];
  const input = [0, 1, 2].map((i) => {
    const v = checkCount(shape[i], `options.input[${i}] (${what[i]})`, limits[i]!);
    if (v === 0) throw new RangeError(`options.input[${i}] (${what[i]}) must be at least 1, got 0`);
    return v;
  }) as [number, number, number];
  if (input[0] * input[1] * input[2] > MAX_UNITS) {
    throw new RangeError(`options.input ${input.join('x')} exceeds ${MAX_UNITS} values per image`);
  }
  if (!Array.isArray(o.layers))
    throw new TypeError(`options.layers must be an array of layers, got ${describe(o.layers)}`);
  if (o.layers.length < 1 || o.layers.length > MAX_LAYERS) {
    throw new RangeError(`options.layers must list 1 to ${MAX_LAYERS} layers, got ${o.layers.length}`);
  }
  const layers: CheckedConvLayer[] = [];
  let out: number[] = [...input];
  for (let i = 0; i < o.layers.length; i++) {
    const layer = checkLayer(o.layers[i], i, out);
    layers.push(layer);
    out = layer.shape;
  }
  const last = layers[layers.length - 1]!;
  if (last.kind !== 'dense') {
    throw new RangeError(`options.layers: the last layer must be dense (it is linear), got a ${last.kind} layer`);
  }
  return { input, layers, ...readNetworkOptions(o, last.size, 'the last dense layer has') };
}

/** The layer list as the engine reads it: four int32 per layer (kind, size, kernel, padding). */
export function engineLayers(layers: readonly CheckedConvLayer[]): Int32Array {
  const out = new Int32Array(4 * layers.length);
  layers.forEach((l, i) => {
    out.set([CONV_LAYER_KINDS.indexOf(l.kind), l.size, l.kernel, PADDINGS.indexOf(l.padding)], 4 * i);
  });
  return out;
}

/** The engine's ConvNetConfig, as it crosses Embind (layers is a WASM address). */
export interface EngineConvNetConfig extends Readonly<CheckedMLPOptions['engine']> {
  channels: number;
  height: number;
  width: number;
  layers: number;
  numLayers: number;
}
