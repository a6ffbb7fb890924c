// Argument checks shared by the public API. Each throws a TypeError (wrong kind of value) or
// a RangeError (right kind, unusable value) whose message names the argument.

export type FloatInput = Float32Array | readonly number[];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : `${typeof value} ${String(value)}`;
}

/** A Float32Array or an array of numbers; returns its length. */
export function checkFloatInput(value: unknown, name: string): number {
  if (value instanceof Float32Array) return value.length;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new TypeError(`${name}[${i}] must be a number, got ${describe(value[i])}`);
      }
    }
    return value.length;
  }
  throw new TypeError(`${name} must be a Float32Array or an array of numbers, got ${describe(value)}`);
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
  checkSameLength(out.length, length, name, 'the input');
  return out;
}

export function checkFiniteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

/** The largest finite float32; a larger number becomes Infinity once rounded to float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** A finite number that stays finite when the engine rounds it to float32. */
export function checkFiniteFloat32(value: unknown, name: string): number {
  const v = checkFiniteNumber(value, name);
  if (Math.abs(v) > FLOAT32_MAX) throw new RangeError(`${name} must be within float32 range (|${name}| <= 3.4e38), got ${v}`);
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

export function checkOptions<T extends object>(value: unknown, name: string): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  return value as Partial<T>;
}
