// Argument checks shared by the public API. Each throws a TypeError (wrong kind of value) or
// a RangeError (right kind, unusable value) whose message names the argument.

import { FLOAT32_MAX } from './option-specs.js';

/** A typed array of numbers: any but the BigInt ones. */
export type NumberArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/**
 * What the copying functions and the network's X and Y accept: a numeric typed array or an
 * array of numbers, converted to float32 by value (no scaling: a Uint8Array's 255 is 255).
 */
export type FloatInput = NumberArray | readonly number[];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object'
    ? `a ${(value as object).constructor?.name ?? 'object'}`
    : `${typeof value} ${String(value)}`;
}

/**
 * True for a typed array whose ArrayBuffer was detached: a view of WASM memory taken before
 * the memory grew, or a buffer transferred to a worker. Such a view has length 0 and any
 * copy from or into it throws a message that names no argument.
 */
export function isDetached(value: ArrayBufferView): boolean {
  if (value.byteLength !== 0) return false;
  try {
    new Uint8Array(value.buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

export function checkAttached(value: ArrayBufferView, name: string): void {
  if (isDetached(value)) {
    throw new TypeError(
      `${name} is a ${value.constructor.name} whose memory is detached (a view of WASM memory kept across a call that grew ` +
        'the memory, or a buffer transferred to a worker): take a new view, e.g. call buffer.view() again',
    );
  }
}

/** A numeric typed array or an array of numbers; returns its length. */
export function checkFloatInput(value: unknown, name: string): number {
  // By tag rather than instanceof, so arrays from another realm (an iframe, a vm context) pass.
  const tag = ArrayBuffer.isView(value) ? (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] : undefined;
  if (tag !== undefined && tag !== 'DataView') {
    const typed = value as ArrayBufferView & { length: number };
    if (tag.startsWith('Big')) {
      throw new TypeError(
        `${name} is a ${tag}: BigInt arrays are not converted (they may not fit a float32 exactly); convert it, e.g. Float32Array.from(${name}, Number)`,
      );
    }
    checkAttached(typed, name);
    return typed.length;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new TypeError(`${name}[${i}] must be a number, got ${describe(value[i])}`);
      }
    }
    return value.length;
  }
  throw new TypeError(
    `${name} must be a Float32Array, another numeric typed array or an array of numbers, got ${describe(value)}`,
  );
}

export function checkSameLength(length: number, expected: number, name: string, reference: string): void {
  if (length !== expected) {
    throw new RangeError(`${name} has length ${length} but ${reference} has length ${expected}; they must match`);
  }
}

/** An optional output array: undefined, or a Float32Array of the given length. */
export function checkOut(out: unknown, length: number, name: string): Float32Array | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof Float32Array)) {
    throw new TypeError(`${name} must be a Float32Array when given, got ${describe(out)}`);
  }
  checkAttached(out, name);
  checkSameLength(out.length, length, name, 'the input');
  return out;
}

export function checkFiniteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

/** A finite number that stays finite when the engine rounds it to float32. */
export function checkFiniteFloat32(value: unknown, name: string): number {
  const v = checkFiniteNumber(value, name);
  if (Math.abs(v) > FLOAT32_MAX)
    throw new RangeError(`${name} must be within float32 range (|${name}| <= 3.4e38), got ${v}`);
  return v;
}

export function checkGradAtZero(value: unknown, name = 'gradAtZero'): 0 | 1 {
  if (value === undefined) return 0;
  if (typeof value !== 'number') throw new TypeError(`${name} must be 0 or 1, got ${describe(value)}`);
  if (value !== 0 && value !== 1) throw new RangeError(`${name} must be 0 or 1, got ${value}`);
  return value;
}

/** A count of elements: a non-negative safe integer no larger than max. */
export function checkCount(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (value > max) throw new RangeError(`${name} is ${value}, more than the limit of ${max}`);
  return value + 0; // -0 becomes 0
}

/**
 * An options object (or undefined, meaning {}) whose keys are all in `known`. An unknown key
 * is a TypeError naming it and, when one is close (a typo, another case, a common synonym),
 * the known key it probably means: options that are silently ignored are bugs waiting.
 */
export function checkOptions<T extends object>(value: unknown, name: string, known: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const guess = closestKey(key, known);
    const hint = guess === undefined ? `known options: ${known.join(', ')}` : `did you mean '${guess}'?`;
    throw new TypeError(`${name} has an unknown option '${key}': ${hint}`);
  }
  return value as Partial<T>;
}

/** Names people reach for from other libraries, mapped to ours. */
const SYNONYMS: Readonly<Record<string, string>> = {
  learningRate: 'lr',
  learning_rate: 'lr',
  epochs: 'steps',
  iterations: 'steps',
  batch_size: 'batchSize',
  weightDecay: 'l2',
  weight_decay: 'l2',
  grad_at_zero: 'gradAtZero',
  leaky_slope: 'leakySlope',
  negativeSlope: 'leakySlope',
  negative_slope: 'leakySlope',
  alpha: 'leakySlope',
  activationFunction: 'activation',
};

function closestKey(key: string, known: readonly string[]): string | undefined {
  const synonym = Object.prototype.hasOwnProperty.call(SYNONYMS, key) ? SYNONYMS[key] : undefined;
  if (synonym !== undefined && known.includes(synonym)) return synonym;
  const folded = key.toLowerCase().replace(/[_-]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (candidate.toLowerCase() === folded) return candidate;
    const d = editDistance(folded, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Close means at most a third of the name changed (and at most 2 edits): 'stepz' -> 'steps'.
  return bestDistance <= Math.min(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
