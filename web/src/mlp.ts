// A multilayer perceptron living in WASM memory (cpp/nn/mlp.h). Each method checks its
// arguments' types and shapes, copies X and Y into the instance's scratch area, makes one
// engine call, and turns a failed Status into a RangeError carrying the engine's message.
import { bindMethods } from './bind-methods.js';
import { checkCount, checkFloatInput, type FloatInput } from './checks.js';
import type { Dataset } from './dataset.js';
import {
  checkDataTrainOptions,
  checkEvaluateOptions,
  type DatasetTrainAsyncOptions,
  type DatasetTrainOptions,
  type EvaluateOptions,
} from './dataset-options.js';
import {
  checkAsyncOptions,
  checkGradientCheckOptions,
  checkLoopOptions,
  checkPenaltyOptions,
  checkTrainOptions,
  type Activation,
  type CheckedMLPOptions,
  type EngineTrainLoop,
  type EngineTrainOptions,
  type GradientCheckOptions,
  type LossKind,
  type TrainAsyncOptions,
  type TrainLoopOptions,
  type TrainOptions,
} from './mlp-options.js';
import {
  checkStatus,
  copyData,
  evaluateRows,
  fittingDataset,
  readLoss,
  readTrainResult,
  trainCopiedAsync,
  trainOnChunks,
  type DataOffsets,
  type NetworkShape,
} from './network-methods.js';
import type { TrainResult } from './train-chunks.js';
import type { Lease, WasmHeap } from './wasm-heap.js';
import type { ReluWasmModule } from './wasm-module.js';

/**
 * Labels or targets: 0/1 per row (bce), class indices per row (softmax_ce), [rows][out] (mse);
 * any numeric typed array or array of numbers, converted to float32 by value.
 */
export type Targets = FloatInput;

export interface LayerParams {
  /** Weights [out][in], row-major (PyTorch's nn.Linear layout). */
  W: Float32Array;
  /** Biases [out]. */
  b: Float32Array;
}

export interface LayerGradients {
  dW: Float32Array;
  db: Float32Array;
}

export interface LossAndGradients {
  loss: number;
  grads: LayerGradients[];
}

/** What `net.evaluate(data)` reports over the rows it ran. */
export interface Evaluation {
  /** Mean loss over the rows. */
  loss: number;
  /** correct / rows; NaN for 'mse' (no classes). */
  accuracy: number;
  /** Rows whose predicted class is their label. */
  correct: number;
  /** The first row evaluated and how many. */
  first: number;
  rows: number;
  /** The outputs ('softmax_ce'), 2 ('bce', class 1 when the label is >= 0.5), 0 ('mse'). */
  classes: number;
  /** Each row's predicted class: the arg max of the outputs (the first on ties); for 'bce', 1 when p > 0.5. Empty for 'mse'. */
  predictions: Int32Array;
  /** Counts [classes][classes]: confusion[trueClass * classes + predicted]. Empty for 'mse'. */
  confusion: Uint32Array;
}

/** The check with the largest relative error among those that crossed no kink. */
export interface GradientCheckEntry {
  /** Dense layer, 0 .. sizes.length - 2. */
  layer: number;
  /** A weight (`index` into that layer's row-major [out][in] `W`/`dW`) or a bias (into `b`/`db`). */
  kind: 'weight' | 'bias';
  index: number;
  /** The gradient of `lossAndGradients` (float32, as training uses it). */
  analytic: number;
  /** The centred difference (L(p + h) - L(p - h)) / 2h of the loss evaluated in double. */
  numeric: number;
  /** |analytic - numeric| / max(|analytic|, |numeric|, options.floor). */
  relativeError: number;
}

/**
 * What `net.gradientCheck()` reports. A check crossed a kink when, between its +h and -h
 * evaluations, a ReLU / Leaky ReLU pre-activation (of any row) that the parameter moves changed
 * sign or came within its move of 0, or, with `l1` > 0, the weight itself was within h of 0:
 * there the centred difference measures neither one-sided derivative, so such checks are
 * counted in `kinks` and left out of `maxRelativeError`.
 */
export interface GradientCheck {
  /**
   * The largest |analytic - numeric| / max(|analytic|, |numeric|, floor) over the checks that
   * crossed no kink; `null` when every check crossed one (nothing to compare).
   */
  maxRelativeError: number | null;
  /** Parameters checked: all, or `maxParams` of them drawn by `seed`. */
  checked: number;
  /** How many of those checks crossed a kink. */
  kinks: number;
  /** The check behind `maxRelativeError`; `null` when it is `null`. */
  worst: GradientCheckEntry | null;
}

export class MLP {
  /** Units per layer, input first. */
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly loss: LossKind;
  readonly #heap: WasmHeap;
  readonly #lease: Lease;
  readonly #shape: NetworkShape;
  #handle: number;

  /** @internal Created by `rw.createMLP()`. */
  constructor(heap: WasmHeap, handle: number, options: CheckedMLPOptions) {
    this.#heap = heap;
    this.#handle = handle;
    this.sizes = Object.freeze([...options.sizes]);
    this.activation = options.activation;
    this.loss = options.loss;
    const inputs = this.sizes[0]!;
    this.#shape = {
      inputs,
      outputs: this.sizes[this.sizes.length - 1]!,
      loss: this.loss,
      rowsOf: `rows of ${inputs} inputs`,
    };
    this.#lease = heap.watch(this, handle, 'mlp');
    bindMethods(this);
  }

  /** True once `dispose()` has run; every other method then throws a TypeError. */
  get disposed(): boolean {
    return this.#handle === 0;
  }

  /** Copies of layer `layer`'s parameters (0 .. sizes.length - 2). */
  getParams(layer: number): LayerParams {
    const [m, net] = this.#live('getParams');
    const [out, inp] = this.#layerShape(layer);
    const at = this.#heap.scratch(out * inp + out);
    this.#check(m.mlpGetParams(net, layer, at, at + 4 * out * inp), 'getParams');
    return { W: this.#heap.f32(at, out * inp).slice(), b: this.#heap.f32(at + 4 * out * inp, out).slice() };
  }

  /** Replaces layer `layer`'s parameters with copies of W [out][in] and b [out]. */
  setParams(layer: number, W: FloatInput, b: FloatInput): void {
    const [m, net] = this.#live('setParams');
    const [out, inp] = this.#layerShape(layer);
    const wLen = checkFloatInput(W, 'W');
    const bLen = checkFloatInput(b, 'b');
    if (wLen !== out * inp)
      throw new RangeError(`W must hold ${out}x${inp} = ${out * inp} values for layer ${layer}, got ${wLen}`);
    if (bLen !== out) throw new RangeError(`b must hold ${out} values for layer ${layer}, got ${bLen}`);
    const at = this.#heap.scratch(wLen + bLen, 'W and b');
    this.#heap.f32(at, wLen).set(W);
    this.#heap.f32(at + 4 * wLen, bLen).set(b);
    this.#check(m.mlpSetParams(net, layer, at, wLen, at + 4 * wLen, bLen), 'setParams');
  }

  /** The loss on (X, Y) and every layer's gradient, without updating anything. */
  lossAndGradients(X: FloatInput, Y: Targets, options?: { l2?: number; l1?: number }): LossAndGradients {
    const [m, net] = this.#live('lossAndGradients');
    const o = checkPenaltyOptions(options);
    const io = this.#copyData(X, Y, 0);
    this.#check(m.mlpLossAndGradients(net, io.x, io.xLen, io.y, io.yLen, o.l2, o.l1, io.slot), 'lossAndGradients');
    const loss = this.#readLoss(io.slot);
    const grads: LayerGradients[] = [];
    for (let l = 0; l < this.sizes.length - 1; l++) {
      const [out, inp] = this.#layerShape(l);
      const at = this.#heap.scratch(out * inp + out);
      this.#check(m.mlpGetGradients(net, l, at, at + 4 * out * inp), 'lossAndGradients');
      grads.push({ dW: this.#heap.f32(at, out * inp).slice(), db: this.#heap.f32(at + 4 * out * inp, out).slice() });
    }
    return { loss, grads };
  }

  /**
   * Checks `lossAndGradients` against centred differences of the loss on (X, Y), computed in
   * double precision inside the engine (a double forward pass over a double copy of the
   * parameters), for every parameter or a seeded sample of `maxParams`. Checks whose step
   * crossed a ReLU kink are counted apart (see {@link GradientCheck}). Changes no parameter;
   * a pass is commonly `maxRelativeError < 1e-4`.
   */
  gradientCheck(X: FloatInput, Y: Targets, options?: GradientCheckOptions): GradientCheck {
    const [m, net] = this.#live('gradientCheck');
    const o = checkGradientCheckOptions(options);
    // The 40-byte GradCheckResult goes after Y, 8-byte aligned (12 floats leave room for that).
    const io = this.#copyData(X, Y, 12);
    const at = (io.extra + 7) & ~7;
    this.#check(
      m.mlpGradientCheck(net, io.x, io.xLen, io.y, io.yLen, o, at),
      'gradientCheck',
      'X has too many rows for the double-precision check',
    );
    const buffer = m.HEAPU8.buffer;
    const [max, analytic, numeric] = new Float64Array(buffer, at, 3);
    const [checked, kinks, layer, index] = new Int32Array(buffer, at + 24, 4);
    if (layer! < 0) return { maxRelativeError: null, checked: checked!, kinks: kinks!, worst: null };
    const [out, inp] = this.#layerShape(layer!);
    const weight = index! < out * inp;
    return {
      maxRelativeError: max!,
      checked: checked!,
      kinks: kinks!,
      worst: {
        layer: layer!,
        kind: weight ? 'weight' : 'bias',
        index: weight ? index! : index! - out * inp,
        analytic: analytic!,
        numeric: numeric!,
        relativeError: max!,
      },
    };
  }

  /** One full-batch update on (X, Y); returns the loss before the update. */
  trainStep(X: FloatInput, Y: Targets, options?: TrainOptions): number {
    const [m, net] = this.#live('trainStep');
    const o = checkTrainOptions(options);
    const io = this.#copyData(X, Y, 0);
    this.#check(m.mlpTrainStep(net, io.x, io.xLen, io.y, io.yLen, o, io.slot), 'trainStep');
    return this.#readLoss(io.slot);
  }

  /**
   * `steps` minibatch updates in one call, visiting X's rows in an order shuffled by `seed`;
   * returns the mean of the steps' losses (each measured before its update). The call holds
   * the thread until it is done: for long runs, `trainAsync` can be cancelled.
   */
  train(X: FloatInput, Y: Targets, options?: TrainLoopOptions): number {
    const [, net] = this.#live('train');
    const { loop, options: o } = checkLoopOptions(options);
    const io = this.#copyData(X, Y, 0);
    return this.#runTrain(net, io, loop, o, io.slot).meanLoss;
  }

  /**
   * The same run as `train` (same options, same visiting order, the same parameters and mean
   * loss bit for bit), cut into chunks of a few milliseconds with the event loop running
   * between them, so the page stays responsive and the run can be cancelled with
   * `options.signal` (e.g. `AbortSignal.timeout(5000)` to bound it). Resolves to the mean loss;
   * a diverged run resolves early to a non-finite loss, as `train` returns one. X and Y are
   * copied once at the start: changing them afterwards does not affect the run.
   */
  async trainAsync(X: FloatInput, Y: Targets, options?: TrainAsyncOptions): Promise<number> {
    const [, net] = this.#live('trainAsync');
    const { loop, options: o, signal, onProgress } = checkAsyncOptions(options);
    signal?.throwIfAborted();
    const io = this.#copyData(X, Y, 0);
    return trainCopiedAsync(
      this.#heap,
      io,
      loop,
      signal,
      onProgress,
      (data, l, slot) => this.#runTrain(net, data, l, o, slot),
      () => this.#handle === 0,
    );
  }

  /**
   * `options.epochs` passes (default 1) or `options.steps` minibatch updates over a dataset in
   * WASM memory (`rw.createDataset()`), as `train` would run them over float32 copies of its
   * rows (features * scale): the same visiting order, parameters and mean loss, bit for bit,
   * without copying X on each call. Returns the mean of the steps' losses.
   */
  trainOn(data: Dataset, options?: DatasetTrainOptions): number {
    const [, net] = this.#live('trainOn');
    const handle = this.#dataHandle(data);
    const { loop, options: o } = checkDataTrainOptions(options, data.rows, false);
    return this.#runTrainOn(net, handle, loop, o).meanLoss;
  }

  /**
   * The same run as `trainOn`, bit for bit, cut into chunks of a few milliseconds with the
   * event loop running between them (as `trainAsync`): cancel it with `options.signal`, follow
   * it with `options.onProgress`. Disposing the network or the dataset mid-run rejects with a
   * TypeError at the next chunk.
   */
  async trainOnAsync(data: Dataset, options?: DatasetTrainAsyncOptions): Promise<number> {
    const [, net] = this.#live('trainOnAsync');
    const handle = this.#dataHandle(data);
    const { loop, options: o, signal, onProgress } = checkDataTrainOptions(options, data.rows, true);
    signal?.throwIfAborted();
    return trainOnChunks(
      data,
      loop,
      signal,
      onProgress,
      (l) => this.#runTrainOn(net, handle, l, o),
      () => this.#handle === 0,
    );
  }

  /**
   * Runs a dataset's rows (all, or `options.first` and `options.count`) through the network in
   * chunks of 1024 rows, so memory stays that of one chunk, and reports the mean loss, the
   * accuracy, each row's predicted class and the confusion matrix.
   */
  evaluate(data: Dataset, options?: EvaluateOptions): Evaluation {
    const [m, net] = this.#live('evaluate');
    const handle = this.#dataHandle(data);
    const { first, count } = checkEvaluateOptions(options, data.rows);
    return evaluateRows(this.#heap, m.mlpClasses(net), first, count, (predictionsAt, confusionAt, at) =>
      this.#check(
        m.mlpEvaluate(net, handle, first, count, predictionsAt, confusionAt, at),
        'evaluate',
        'the network is too large to evaluate data in chunks of 1024 rows',
      ),
    );
  }

  /** Forgets momentum buffers and Adam's moments and step count. */
  resetOptimizer(): void {
    const [m, net] = this.#live('resetOptimizer');
    m.mlpResetOptimizer(net);
  }

  /** [rows][outputs]: sigmoid probabilities (bce), softmax probabilities (softmax_ce), raw values (mse). */
  predict(X: FloatInput): Float32Array {
    const [m, net] = this.#live('predict');
    const outputs = this.sizes[this.sizes.length - 1]!;
    const rows = checkFloatInput(X, 'X') / this.sizes[0]!;
    const io = this.#copyData(X, undefined, Number.isInteger(rows) ? rows * outputs : 0);
    this.#check(m.mlpPredict(net, io.x, io.xLen, io.extra), 'predict');
    return this.#heap.f32(io.extra, io.rows * outputs).slice();
  }

  /** One Float32Array [rows][units] per layer after the input: hidden post-activations, then the output logits. */
  activations(X: FloatInput): Float32Array[] {
    return this.#readLayers(X, 'activations', this.sizes.length - 1, (m, net, l, out) =>
      m.mlpGetActivations(net, l, out),
    );
  }

  /** One Float32Array [rows][units] per hidden layer: the pre-activations z = x W^T + b. */
  preActivations(X: FloatInput): Float32Array[] {
    return this.#readLayers(X, 'preActivations', this.sizes.length - 2, (m, net, l, out) =>
      m.mlpGetPreActivations(net, l, out),
    );
  }

  /** Per hidden layer, the units whose output is 0 for every row of X. */
  deadUnits(X: FloatInput): number[][] {
    const [m, net] = this.#live('deadUnits');
    const io = this.#copyData(X, undefined, 0);
    this.#check(m.mlpForward(net, io.x, io.xLen), 'deadUnits');
    const result: number[][] = [];
    for (let h = 0; h < this.sizes.length - 2; h++) {
      const units = this.sizes[h + 1]!;
      const at = this.#heap.scratch(units + 1);
      this.#check(m.mlpDeadUnits(net, h, at + 4, at), 'deadUnits');
      const count = new Int32Array(this.#heap.module.HEAPU8.buffer, at, 1)[0]!;
      result.push(Array.from(new Int32Array(this.#heap.module.HEAPU8.buffer, at + 4, count)));
    }
    return result;
  }

  /** Frees the network. Calling it again does nothing. */
  dispose(): void {
    if (this.#handle === 0) return;
    this.#heap.release(this.#lease);
    this.#heap.module.mlpDestroy(this.#handle);
    this.#handle = 0;
  }

  #live(method: string): [ReluWasmModule, number] {
    if (this.#handle === 0) throw new TypeError(`cannot call ${method}() on a disposed network`);
    return [this.#heap.module, this.#handle];
  }

  #layerShape(layer: number): [out: number, inp: number] {
    checkCount(layer, 'layer', Number.MAX_SAFE_INTEGER);
    if (layer > this.sizes.length - 2) {
      throw new RangeError(
        `layer must be between 0 and ${this.sizes.length - 2} for sizes [${this.sizes.join(', ')}], got ${layer}`,
      );
    }
    return [this.sizes[layer + 1]!, this.sizes[layer]!];
  }

  /** Copies X (and Y) into the scratch area after a 24-byte slot for the engine's result (network-methods.ts). */
  #copyData(X: FloatInput, Y: Targets | undefined, extra: number) {
    return copyData(this.#heap, this.#shape, X, Y, extra);
  }

  /** One engine train call on data already in WASM memory; the TrainResult goes to `slot` (24 bytes). */
  #runTrain(
    net: number,
    data: DataOffsets,
    loop: EngineTrainLoop,
    options: EngineTrainOptions,
    slot: number,
  ): TrainResult {
    const m = this.#heap.module;
    this.#check(m.mlpTrain(net, data.x, data.xLen, data.y, data.yLen, loop, options, slot), 'train');
    return readTrainResult(this.#heap, slot);
  }

  /** One engine call of the minibatch loop over a dataset; the TrainResult goes to the scratch area. */
  #runTrainOn(net: number, data: number, loop: EngineTrainLoop, options: EngineTrainOptions): TrainResult {
    const slot = this.#heap.scratch(6);
    this.#check(
      this.#heap.module.mlpTrainDataset(net, data, loop, options, slot),
      'trainOn',
      'options.batchSize is too large for this network',
    );
    return readTrainResult(this.#heap, slot);
  }

  /** The handle of `data`, checked against this network's sizes (the engine checks the labels). */
  #dataHandle(data: Dataset): number {
    return fittingDataset(
      this.#heap,
      this.#shape,
      data,
      () => `data has ${data.features} features per row but the network's sizes[0] is ${this.sizes[0]}`,
    );
  }

  #readLoss(slot: number): number {
    return readLoss(this.#heap, slot);
  }

  #readLayers(
    X: FloatInput,
    method: string,
    count: number,
    read: (m: ReluWasmModule, net: number, layer: number, out: number) => number,
  ): Float32Array[] {
    const [m, net] = this.#live(method);
    const io = this.#copyData(X, undefined, 0);
    this.#check(m.mlpForward(net, io.x, io.xLen), method);
    const result: Float32Array[] = [];
    for (let l = 0; l < count; l++) {
      const n = io.rows * this.sizes[l + 1]!;
      const at = this.#heap.scratch(n);
      this.#check(read(m, net, l, at), method);
      result.push(this.#heap.f32(at, n).slice());
    }
    return result;
  }

  #check(status: number, method: string, tooLarge?: string): void {
    checkStatus(status, method, () => this.#heap.module.mlpLastError(this.#handle), tooLarge);
  }
}
