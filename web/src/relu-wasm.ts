// The object `loadRelu()` resolves to: the ReLU kernels over copies (relu, reluBackward, ...)
// and over WASM-resident buffers (reluInto, ...). Every argument is checked here, before any
// WASM call, so bad input throws a TypeError/RangeError and the instance keeps working.
import {
  checkCount,
  checkFiniteFloat32,
  checkFloatInput,
  checkGradAtZero,
  checkOptions,
  checkOut,
  checkSameLength,
  type FloatInput,
} from './checks.js';
import { bindMethods } from './bind-methods.js';
import {
  checkDatasetArgs,
  copyRows,
  Dataset,
  type DatasetFeatures,
  type DatasetOptions,
  type DatasetTargets,
} from './dataset.js';
import { ConvNet } from './conv-net.js';
import { checkConvNetOptions, engineLayers, type ConvNetOptions } from './conv-net-options.js';
import { MLP } from './mlp.js';
import { checkMLPOptions, type MLPOptions } from './mlp-options.js';
import { MLP_OPTION_SPECS, STATUS_NAMES } from './option-specs.js';
import { WasmBuffer, checkBuffer } from './wasm-buffer.js';
import { MAX_FLOATS, WasmHeap } from './wasm-heap.js';
import { rawKernels, type RawKernels, type ReluWasmModule } from './wasm-module.js';

export type Backend = 'wasm-simd' | 'wasm-scalar';

/** ReLU's derivative at exactly x = 0: 0 (PyTorch, TF.js; the default) or 1. */
export type GradAtZero = 0 | 1;

export interface ReluBackwardOptions {
  /** Gradient at exactly 0: 0 (default, as PyTorch and TF.js) or 1 (`x < 0 ? 0 : dy`). */
  gradAtZero?: GradAtZero;
  /** Where to write dx; a new Float32Array when omitted. */
  out?: Float32Array;
}

export interface ReluIntoOptions {
  gradAtZero?: GradAtZero;
}

/** Leaky ReLU's slope: the network's default is the kernels' default. */
const DEFAULT_ALPHA = MLP_OPTION_SPECS.leakySlope.default;
const OUT_OF_MEMORY = STATUS_NAMES.indexOf('OutOfMemory');

export class ReluWasm {
  /** Which binary runs the kernels. */
  readonly backend: Backend;
  /** @internal */
  readonly heap: WasmHeap;
  // Raw WASM exports: every argument is checked in TypeScript first, so the kernels are
  // called without Embind's per-call wiring.
  readonly #k: RawKernels;

  /** @internal Created by `loadRelu()`. */
  constructor(module: ReluWasmModule, backend: Backend) {
    this.heap = new WasmHeap(module);
    this.backend = backend;
    this.#k = rawKernels(module);
    bindMethods(this);
  }

  /** y = max(0, x) element-wise (NaN and -0 pass through unchanged). */
  relu(x: FloatInput, out?: Float32Array): Float32Array {
    const n = checkFloatInput(x, 'x');
    const [input, output] = [this.heap.locate(x), this.heap.locate(checkOut(out, n, 'out') ?? new Float32Array(n))];
    const at = this.heap.scratch(n, 'x');
    this.heap.f32(at, n).set(input());
    this.#k.forward(at, at, n);
    return copyOut(output(), this.heap.f32(at, n));
  }

  /** dx = x <= 0 ? 0 : dy (gradAtZero 0, the default) or x < 0 ? 0 : dy (gradAtZero 1). */
  reluBackward(x: FloatInput, dy: FloatInput, options?: ReluBackwardOptions): Float32Array {
    const n = checkFloatInput(x, 'x');
    checkSameLength(checkFloatInput(dy, 'dy'), n, 'dy', 'x');
    const opts = checkOptions<ReluBackwardOptions>(options, 'options', ['gradAtZero', 'out']);
    const gradAtZero = checkGradAtZero(opts.gradAtZero, 'options.gradAtZero');
    const output = this.heap.locate(checkOut(opts.out, n, 'options.out') ?? new Float32Array(n));
    const at = this.#copyPair(x, dy, n);
    this.#k.backward(at, at + 4 * n, at + 4 * n, n, gradAtZero);
    return copyOut(output(), this.heap.f32(at + 4 * n, n));
  }

  /** y = x > 0 ? x : alpha * x. */
  leakyRelu(x: FloatInput, alpha: number = DEFAULT_ALPHA, out?: Float32Array): Float32Array {
    const n = checkFloatInput(x, 'x');
    checkFiniteFloat32(alpha, 'alpha');
    const [input, output] = [this.heap.locate(x), this.heap.locate(checkOut(out, n, 'out') ?? new Float32Array(n))];
    const at = this.heap.scratch(n, 'x');
    this.heap.f32(at, n).set(input());
    this.#k.leakyForward(at, at, n, alpha);
    return copyOut(output(), this.heap.f32(at, n));
  }

  /** dx = x > 0 ? dy : alpha * dy. */
  leakyReluBackward(x: FloatInput, dy: FloatInput, alpha: number = DEFAULT_ALPHA, out?: Float32Array): Float32Array {
    const n = checkFloatInput(x, 'x');
    checkSameLength(checkFloatInput(dy, 'dy'), n, 'dy', 'x');
    checkFiniteFloat32(alpha, 'alpha');
    const output = this.heap.locate(checkOut(out, n, 'out') ?? new Float32Array(n));
    const at = this.#copyPair(x, dy, n);
    this.#k.leakyBackward(at, at + 4 * n, at + 4 * n, n, alpha);
    return copyOut(output(), this.heap.f32(at + 4 * n, n));
  }

  /** Copies x and dy into the scratch area (x first) and returns its offset. */
  #copyPair(x: FloatInput, dy: FloatInput, n: number): number {
    const [input, grad] = [this.heap.locate(x), this.heap.locate(dy)];
    const at = this.heap.scratch(2 * n, 'x and dy');
    this.heap.f32(at, n).set(input());
    this.heap.f32(at + 4 * n, n).set(grad());
    return at;
  }

  /** A buffer of n float32 in WASM memory, for the zero-copy `...Into` functions. */
  alloc(n: number): WasmBuffer {
    checkCount(n, 'n', MAX_FLOATS);
    const offset = this.heap.allocFloats(n, `a buffer of n = ${n} floats`);
    return new WasmBuffer(this.heap, offset, n);
  }

  // The zero-copy calls are the hot path (a 1Ki-float call takes ~100 ns): checks run in
  // place, without temporary arrays or option objects.

  /** out = relu(x); `out` may be `x` (in place). */
  reluInto(x: WasmBuffer, out: WasmBuffer): void {
    const xo = checkBuffer(x, this.heap, 'x');
    const oo = checkBuffer(out, this.heap, 'out');
    checkSameLength(out.length, x.length, 'out', 'x');
    this.#k.forward(xo, oo, x.length);
  }

  /** dx = reluBackward(x, dy); `dx` may be `x` or `dy`. */
  reluBackwardInto(x: WasmBuffer, dy: WasmBuffer, dx: WasmBuffer, options?: ReluIntoOptions): void {
    const xo = checkBuffer(x, this.heap, 'x');
    const dyo = checkBuffer(dy, this.heap, 'dy');
    checkSameLength(dy.length, x.length, 'dy', 'x');
    const dxo = checkBuffer(dx, this.heap, 'dx');
    checkSameLength(dx.length, x.length, 'dx', 'x');
    const gradAtZero =
      options === undefined
        ? 0
        : checkGradAtZero(
            checkOptions<ReluIntoOptions>(options, 'options', ['gradAtZero']).gradAtZero,
            'options.gradAtZero',
          );
    this.#k.backward(xo, dyo, dxo, x.length, gradAtZero);
  }

  /** out = leakyRelu(x, alpha); `out` may be `x`. */
  leakyReluInto(x: WasmBuffer, out: WasmBuffer, alpha: number = DEFAULT_ALPHA): void {
    const xo = checkBuffer(x, this.heap, 'x');
    const oo = checkBuffer(out, this.heap, 'out');
    checkSameLength(out.length, x.length, 'out', 'x');
    checkFiniteFloat32(alpha, 'alpha');
    this.#k.leakyForward(xo, oo, x.length, alpha);
  }

  /** dx = leakyReluBackward(x, dy, alpha); `dx` may be `x` or `dy`. */
  leakyReluBackwardInto(x: WasmBuffer, dy: WasmBuffer, dx: WasmBuffer, alpha: number = DEFAULT_ALPHA): void {
    const xo = checkBuffer(x, this.heap, 'x');
    const dyo = checkBuffer(dy, this.heap, 'dy');
    checkSameLength(dy.length, x.length, 'dy', 'x');
    const dxo = checkBuffer(dx, this.heap, 'dx');
    checkSameLength(dx.length, x.length, 'dx', 'x');
    checkFiniteFloat32(alpha, 'alpha');
    this.#k.leakyBackward(xo, dyo, dxo, x.length, alpha);
  }

  /** A new network with freshly initialised weights (see MLPOptions for the defaults). */
  createMLP(options: MLPOptions): MLP {
    const o = checkMLPOptions(options);
    const at = this.heap.scratch(o.sizes.length + 2);
    const slots = at + 4 * o.sizes.length;
    new Int32Array(this.heap.module.HEAPU8.buffer, at, o.sizes.length).set(o.sizes);
    const m = this.heap.module;
    const status = m.mlpCreate({ ...o.engine, sizes: at, numSizes: o.sizes.length }, slots);
    const [handle, message] = new Uint32Array(m.HEAPU8.buffer, slots, 2);
    if (status !== 0) {
      // The engine refuses a network by its total size, which only options.sizes decides.
      const what = status === OUT_OF_MEMORY ? `options.sizes [${o.sizes.join(', ')}]: ` : '';
      throw new RangeError(`createMLP: ${what}${readCString(m.HEAPU8, message!)}`);
    }
    return new MLP(this.heap, handle!, o);
  }

  /**
   * A convolutional network: `options.input` is [channels, height, width] (X is
   * [rows][channels][height][width], PyTorch's NCHW), `options.layers` lists
   * `{ conv, kernel, padding }`, `{ pool: 2 }` and `{ dense }` layers ending with a dense one
   * (linear); the other options are createMLP's. Conv W is [out][in][k][k]; the first dense
   * layer after a conv or pool reads its input flattened as (channel, row, column).
   */
  createConvNet(options: ConvNetOptions): ConvNet {
    const o = checkConvNetOptions(options);
    const layers = engineLayers(o.layers);
    const at = this.heap.scratch(layers.length + 2);
    const slots = at + 4 * layers.length;
    const m = this.heap.module;
    new Int32Array(m.HEAPU8.buffer, at, layers.length).set(layers);
    const [channels, height, width] = o.input;
    const status = m.convCreate(
      { ...o.engine, channels, height, width, layers: at, numLayers: o.layers.length },
      slots,
    );
    const [handle, message] = new Uint32Array(m.HEAPU8.buffer, slots, 2);
    if (status !== 0) {
      const what = status === OUT_OF_MEMORY ? 'options.layers: ' : '';
      throw new RangeError(`createConvNet: ${what}${readCString(m.HEAPU8, message!)}`);
    }
    return new ConvNet(this.heap, handle!, o);
  }

  /**
   * A labelled dataset copied once into this instance's WASM memory, for `net.trainOn`,
   * `net.trainOnAsync` and `net.evaluate`: X is [rows][options.features] (a Uint8Array stays
   * uint8, a quarter of the memory; anything else is stored as float32), Y one label per row
   * (or the targets of an 'mse' network). Features are multiplied by `options.scale` (default
   * 1) inside the engine, never implicitly: pass `scale: 1 / 255` for pixels in [0, 1].
   * Free it with `dispose()` (or let it be garbage-collected).
   */
  createDataset(X: DatasetFeatures, Y: DatasetTargets, options: DatasetOptions): Dataset {
    const config = checkDatasetArgs(X, Y, options);
    const m = this.heap.module;
    const slots = this.heap.scratch(2);
    const status = m.datasetCreate(config, slots);
    const [handle, message] = new Uint32Array(m.HEAPU8.buffer, slots, 2);
    if (status !== 0) {
      // Only the rows' total size can be refused once the arguments passed the checks.
      const what = status === OUT_OF_MEMORY ? `X and Y (${config.rows} rows): ` : '';
      throw new RangeError(`createDataset: ${what}${readCString(m.HEAPU8, message!)}`);
    }
    const data = new Dataset(this.heap, handle!, config);
    try {
      copyRows(this.heap, handle!, X, Y, config);
    } catch (e) {
      data.dispose();
      throw e;
    }
    return data;
  }

  /** Current size of this instance's WASM memory in bytes (it grows, never shrinks). */
  memoryBytes(): number {
    return this.heap.bytes;
  }
}

/** Copies the result into `out` and returns it. */
function copyOut(out: Float32Array, result: Float32Array): Float32Array {
  out.set(result);
  return out;
}

function readCString(heap: Uint8Array, at: number): string {
  let end = at;
  while (heap[end] !== 0 && end < heap.length) end++;
  return new TextDecoder().decode(heap.subarray(at, end));
}
