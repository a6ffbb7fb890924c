// A labelled dataset held in WASM memory (cpp/nn/dataset.h), made by `rw.createDataset()`:
// its rows are copied in once, then a network trains on it (`net.trainOn`, `net.trainOnAsync`)
// and evaluates it (`net.evaluate`) without copying X again on each call. uint8 features stay
// uint8 in WASM memory (a quarter of float32's); they are scaled only by an explicit `scale`.
import { checkCount, checkFloatInput, checkOptions, describe, type FloatInput } from './checks.js';
import { readNumber } from './mlp-options.js';
import { DATASET_OPTION_SPECS, FEATURE_TYPES, MAX_UNITS, type FeatureType } from './option-specs.js';
import type { WasmHeap } from './wasm-heap.js';
import type { ReluWasmModule } from './wasm-module.js';

/**
 * Features, row-major [rows][features]: a Uint8Array (or Uint8ClampedArray, e.g. ImageData) is
 * stored as uint8; any other numeric typed array or array of numbers as float32, unscaled.
 */
export type DatasetFeatures = FloatInput;
/** Targets, [rows][targets per row]: one label per row for 'bce' and 'softmax_ce', the outputs for 'mse'. */
export type DatasetTargets = FloatInput;

export interface DatasetOptions {
  /** Values per row (e.g. 784 for 28x28 images). Required. */
  features: number;
  /**
   * The network sees `features * scale`, computed in float32 inside the engine when a batch is
   * gathered. Default 1: uint8 pixels are seen as 0-255 unless you pass e.g. `1 / 255`.
   */
  scale?: number;
}

/** The engine's DatasetConfig, as it crosses Embind. */
export interface EngineDatasetConfig {
  rows: number;
  features: number;
  targetWidth: number;
  featureType: number;
  scale: number;
}

/** Rows are copied in through the scratch area in pieces of about this many bytes. */
const COPY_CHUNK_BYTES = 1 << 22;

// Datasets the caller forgot to dispose are freed when garbage-collected.
const registry = new FinalizationRegistry<{ module: ReluWasmModule; handle: number }>(({ module, handle }) =>
  module.datasetDestroy(handle),
);

let handleOf: (data: Dataset) => number;
let heapOf: (data: Dataset) => WasmHeap;

export class Dataset {
  /** Rows (examples). */
  readonly rows: number;
  /** Values per row. */
  readonly features: number;
  /** How the features are stored: 'uint8' (from a Uint8Array) or 'float32'. */
  readonly featureType: FeatureType;
  /** Targets per row: 1 (a label) or the outputs of an 'mse' network. */
  readonly targetWidth: number;
  /** The factor applied to every feature inside the engine. */
  readonly scale: number;
  /** Bytes of WASM memory its rows take. */
  readonly bytes: number;
  readonly #heap: WasmHeap;
  #handle: number;

  static {
    handleOf = (data) => data.#handle;
    heapOf = (data) => data.#heap;
  }

  /** @internal Created by `rw.createDataset()`. */
  constructor(heap: WasmHeap, handle: number, config: EngineDatasetConfig) {
    this.#heap = heap;
    this.#handle = handle;
    this.rows = config.rows;
    this.features = config.features;
    this.featureType = FEATURE_TYPES[config.featureType]!;
    this.targetWidth = config.targetWidth;
    this.scale = config.scale;
    this.bytes = config.rows * (config.features * (this.featureType === 'uint8' ? 1 : 4) + 4 * config.targetWidth);
    registry.register(this, { module: heap.module, handle }, this);
  }

  /** True once `dispose()` has run; a network then refuses it with a TypeError. */
  get disposed(): boolean {
    return this.#handle === 0;
  }

  /** Frees the rows. Calling it again does nothing. */
  dispose(): void {
    if (this.#handle === 0) return;
    registry.unregister(this);
    this.#heap.module.datasetDestroy(this.#handle);
    this.#handle = 0;
  }
}

/** @internal The engine handle of `value`, a live Dataset of this instance; else a TypeError naming `name`. */
export function datasetHandle(value: unknown, heap: WasmHeap, name: string): number {
  if (!(value instanceof Dataset))
    throw new TypeError(`${name} must be a Dataset made by rw.createDataset(), got ${describe(value)}`);
  if (heapOf(value) !== heap)
    throw new TypeError(
      `${name} belongs to another relu-wasm instance: create it with this instance's createDataset()`,
    );
  const handle = handleOf(value);
  if (handle === 0) throw new TypeError(`${name} is a disposed Dataset`);
  return handle;
}

/** uint8 for Uint8Array and Uint8ClampedArray (by tag, so arrays from another realm count), else float32. */
function checkFeatures(X: unknown): { type: FeatureType; length: number } {
  const length = checkFloatInput(X, 'X');
  const tag = ArrayBuffer.isView(X) ? (X as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] : undefined;
  return { type: tag === 'Uint8Array' || tag === 'Uint8ClampedArray' ? 'uint8' : 'float32', length };
}

/** @internal Checks `rw.createDataset()`'s arguments; returns the engine's config for them. */
export function checkDatasetArgs(X: unknown, Y: unknown, options: unknown): EngineDatasetConfig {
  const { type, length } = checkFeatures(X);
  const yLength = checkFloatInput(Y, 'Y');
  if (options === undefined)
    throw new TypeError('options must be given: { features } (the values per row, e.g. 784 for 28x28 images)');
  const o = checkOptions<DatasetOptions>(options, 'options', ['features', ...Object.keys(DATASET_OPTION_SPECS)]);
  if (o.features === undefined)
    throw new TypeError('options.features must be given: the values per row (e.g. 784 for 28x28 images)');
  const features = checkCount(o.features, 'options.features', MAX_UNITS);
  if (features === 0) throw new RangeError('options.features must be at least 1, got 0');
  const scale = readNumber(DATASET_OPTION_SPECS.scale, o.scale, 'options.scale');
  if (type === 'uint8' && !Number.isFinite(Math.fround(255 * Math.fround(scale)))) {
    throw new RangeError(`options.scale is ${scale}: 255 * scale overflows float32 for uint8 features`);
  }
  if (length === 0) throw new RangeError('X is empty: it needs at least one row');
  if (length % features !== 0)
    throw new RangeError(`X has ${length} values, which is not a whole number of rows of ${features} features`);
  const rows = length / features;
  if (yLength === 0 || yLength % rows !== 0 || yLength / rows > MAX_UNITS) {
    throw new RangeError(
      `Y has ${yLength} values but X has ${rows} rows: expected one label per row (or the same number of targets for every row)`,
    );
  }
  return { rows, features, targetWidth: yLength / rows, featureType: FEATURE_TYPES.indexOf(type), scale };
}

/** @internal Copies every row into the dataset through the scratch area, a few MiB at a time. */
export function copyRows(
  heap: WasmHeap,
  handle: number,
  X: DatasetFeatures,
  Y: DatasetTargets,
  c: EngineDatasetConfig,
): void {
  const bytesPerValue = c.featureType === FEATURE_TYPES.indexOf('uint8') ? 1 : 4;
  const rowBytes = c.features * bytesPerValue + 4 * c.targetWidth + 4;
  const chunk = Math.max(1, Math.floor(COPY_CHUNK_BYTES / rowBytes));
  const [input, targets] = [heap.locate(X), heap.locate(Y)];
  for (let first = 0; first < c.rows; first += chunk) {
    const n = Math.min(chunk, c.rows - first);
    const xLen = n * c.features;
    const yLen = n * c.targetWidth;
    const xBytes = Math.ceil((xLen * bytesPerValue) / 4) * 4;
    const at = heap.scratch(xBytes / 4 + yLen, 'X and Y');
    const x = input();
    const y = targets();
    const [from, to] = [first * c.features, (first + n) * c.features];
    const xs = Array.isArray(x) ? x.slice(from, to) : (x as Exclude<FloatInput, readonly number[]>).subarray(from, to);
    if (bytesPerValue === 1) new Uint8Array(heap.module.HEAPU8.buffer, at, xLen).set(xs);
    else heap.f32(at, xLen).set(xs);
    const [yFrom, yTo] = [first * c.targetWidth, (first + n) * c.targetWidth];
    heap
      .f32(at + xBytes, yLen)
      .set(Array.isArray(y) ? y.slice(yFrom, yTo) : (y as Exclude<FloatInput, readonly number[]>).subarray(yFrom, yTo));
    const status = heap.module.datasetSetRows(handle, first, at, xLen, at + xBytes, yLen);
    if (status !== 0) {
      // The engine's messages start with the argument they are about (X or Y).
      const rows = n === c.rows ? '' : ` (in rows ${first} to ${first + n - 1})`;
      throw new RangeError(`createDataset: ${heap.module.datasetLastError(handle)}${rows}`);
    }
  }
}
