// A convolutional network living in WASM memory (cpp/nn/conv_net.h), with the MLP's methods
// and meanings. Each method checks its arguments' types and shapes, copies X and Y into the
// instance's scratch area, makes one engine call, and turns a failed Status into a RangeError
// carrying the engine's message.
import { bindMethods } from './bind-methods.js';
import { checkCount, checkFloatInput, type FloatInput } from './checks.js';
import type { CheckedConvLayer, CheckedConvNetOptions } from './conv-net-options.js';
import type { Dataset } from './dataset.js';
import {
  checkDataTrainOptions,
  checkEvaluateOptions,
  type DatasetTrainAsyncOptions,
  type DatasetTrainOptions,
  type EvaluateOptions,
} from './dataset-options.js';
import type { Evaluation, LayerGradients, LayerParams, LossAndGradients, Targets } from './mlp.js';
import {
  checkAsyncOptions,
  checkLoopOptions,
  checkPenaltyOptions,
  checkTrainOptions,
  type Activation,
  type EngineTrainLoop,
  type EngineTrainOptions,
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
  type NetworkShape,
} from './network-methods.js';
import type { TrainResult } from './train-chunks.js';
import type { Lease, WasmHeap } from './wasm-heap.js';
import type { ReluWasmModule } from './wasm-module.js';

/** A layer of the network as created: its kind, size and output shape. */
export interface ConvNetLayerInfo {
  readonly kind: 'conv' | 'pool' | 'dense';
  /** Output channels (conv), window (pool), units (dense). */
  readonly size: number;
  /** conv only: 3 or 5 (0 otherwise). */
  readonly kernel: number;
  /** conv only. */
  readonly padding: 'same' | 'valid';
  /** The layer's output per row: [channels, height, width], or [units] for dense layers. */
  readonly shape: readonly number[];
}

export class ConvNet {
  /** [channels, height, width] of one input image. */
  readonly input: readonly [number, number, number];
  /** Every layer, pools included, with its output shape. */
  readonly layers: readonly ConvNetLayerInfo[];
  readonly activation: Activation;
  readonly loss: LossKind;
  readonly #heap: WasmHeap;
  readonly #lease: Lease;
  readonly #params: readonly CheckedConvLayer[];
  readonly #inputs: number;
  readonly #outputs: number;
  readonly #shape: NetworkShape;
  #handle: number;

  /** @internal Created by `rw.createConvNet()`. */
  constructor(heap: WasmHeap, handle: number, options: CheckedConvNetOptions) {
    this.#heap = heap;
    this.#handle = handle;
    this.input = Object.freeze([...options.input]) as unknown as readonly [number, number, number];
    this.layers = Object.freeze(
      options.layers.map((l) =>
        Object.freeze({
          kind: l.kind,
          size: l.size,
          kernel: l.kernel,
          padding: l.padding,
          shape: Object.freeze([...l.shape]),
        }),
      ),
    );
    this.#params = options.layers.filter((l) => l.kind !== 'pool');
    this.#inputs = options.input[0] * options.input[1] * options.input[2];
    this.#outputs = options.layers[options.layers.length - 1]!.size;
    this.activation = options.activation;
    this.loss = options.loss;
    this.#shape = {
      inputs: this.#inputs,
      outputs: this.#outputs,
      loss: this.loss,
      rowsOf: `images of ${this.input.join('x')} = ${this.#inputs} values`,
    };
    this.#lease = heap.watch(this, handle, 'conv');
    bindMethods(this);
  }

  /** True once `dispose()` has run; every other method then throws a TypeError. */
  get disposed(): boolean {
    return this.#handle === 0;
  }

  /** Layers with parameters (convolutions and dense layers): getParams' range is 0 .. this - 1. */
  get paramLayers(): number {
    return this.#params.length;
  }

  /** Copies of parameter layer `layer`'s W (conv [out][in][k][k], dense [out][in]) and b [out]. */
  getParams(layer: number): LayerParams {
    const [m, net] = this.#live('getParams');
    const [w, b] = this.#paramShape(layer);
    const at = this.#heap.scratch(w + b);
    this.#check(m.convGetParams(net, layer, at, at + 4 * w), 'getParams');
    return { W: this.#heap.f32(at, w).slice(), b: this.#heap.f32(at + 4 * w, b).slice() };
  }

  /** Replaces parameter layer `layer`'s W and b with copies. */
  setParams(layer: number, W: FloatInput, b: FloatInput): void {
    const [m, net] = this.#live('setParams');
    const [w, bn] = this.#paramShape(layer);
    const wLen = checkFloatInput(W, 'W');
    const bLen = checkFloatInput(b, 'b');
    if (wLen !== w) throw new RangeError(`W must hold ${w} values for layer ${layer}, got ${wLen}`);
    if (bLen !== bn) throw new RangeError(`b must hold ${bn} values for layer ${layer}, got ${bLen}`);
    const at = this.#heap.scratch(wLen + bLen, 'W and b');
    this.#heap.f32(at, wLen).set(W);
    this.#heap.f32(at + 4 * wLen, bLen).set(b);
    this.#check(m.convSetParams(net, layer, at, wLen, at + 4 * wLen, bLen), 'setParams');
  }

  /** The loss on (X, Y) and every parameter layer's gradient, without updating anything. */
  lossAndGradients(X: FloatInput, Y: Targets, options?: { l2?: number; l1?: number }): LossAndGradients {
    const [m, net] = this.#live('lossAndGradients');
    const o = checkPenaltyOptions(options);
    const io = this.#copyData(X, Y, 0);
    this.#check(m.convLossAndGradients(net, io.x, io.xLen, io.y, io.yLen, o.l2, o.l1, io.slot), 'lossAndGradients');
    const loss = this.#readLoss(io.slot);
    const grads: LayerGradients[] = [];
    for (let l = 0; l < this.#params.length; l++) {
      const [w, b] = this.#paramShape(l);
      const at = this.#heap.scratch(w + b);
      this.#check(m.convGetGradients(net, l, at, at + 4 * w), 'lossAndGradients');
      grads.push({ dW: this.#heap.f32(at, w).slice(), db: this.#heap.f32(at + 4 * w, b).slice() });
    }
    return { loss, grads };
  }

  /** One full-batch update on (X, Y); returns the loss before the update. */
  trainStep(X: FloatInput, Y: Targets, options?: TrainOptions): number {
    const [m, net] = this.#live('trainStep');
    const o = checkTrainOptions(options);
    const io = this.#copyData(X, Y, 0);
    this.#check(m.convTrainStep(net, io.x, io.xLen, io.y, io.yLen, o, io.slot), 'trainStep');
    return this.#readLoss(io.slot);
  }

  /** `steps` minibatch updates visiting X's rows in an order shuffled by `seed` (as MLP.train). */
  train(X: FloatInput, Y: Targets, options?: TrainLoopOptions): number {
    const [, net] = this.#live('train');
    const { loop, options: o } = checkLoopOptions(options);
    const io = this.#copyData(X, Y, 0);
    return this.#runTrain(net, io, loop, o, io.slot).meanLoss;
  }

  /** The same run as `train`, bit for bit, in chunks with the event loop running between them (as MLP.trainAsync). */
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

  /** Epochs (default 1) or steps over a dataset in WASM memory, as MLP.trainOn. */
  trainOn(data: Dataset, options?: DatasetTrainOptions): number {
    const [, net] = this.#live('trainOn');
    const handle = this.#dataHandle(data);
    const { loop, options: o } = checkDataTrainOptions(options, data.rows, false);
    return this.#runTrainOn(net, handle, loop, o).meanLoss;
  }

  /** The same run as `trainOn`, bit for bit, in chunks (as MLP.trainOnAsync). */
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

  /** Mean loss, accuracy, predictions and confusion matrix over a dataset's rows, run in chunks (as MLP.evaluate). */
  evaluate(data: Dataset, options?: EvaluateOptions): Evaluation {
    const [m, net] = this.#live('evaluate');
    const handle = this.#dataHandle(data);
    const { first, count } = checkEvaluateOptions(options, data.rows);
    return evaluateRows(this.#heap, m.convClasses(net), first, count, (predictionsAt, confusionAt, at) =>
      this.#check(m.convEvaluate(net, handle, first, count, predictionsAt, confusionAt, at), 'evaluate'),
    );
  }

  /** Forgets momentum buffers and Adam's moments and step count. */
  resetOptimizer(): void {
    const [m, net] = this.#live('resetOptimizer');
    m.convResetOptimizer(net);
  }

  /** [rows][outputs]: sigmoid (bce), softmax (softmax_ce) or raw values (mse); large X runs in chunks inside the engine. */
  predict(X: FloatInput): Float32Array {
    const [m, net] = this.#live('predict');
    const rows = checkFloatInput(X, 'X') / this.#inputs;
    const io = this.#copyData(X, undefined, Number.isInteger(rows) ? rows * this.#outputs : 0);
    this.#check(m.convPredict(net, io.x, io.xLen, io.extra), 'predict');
    return this.#heap.f32(io.extra, io.rows * this.#outputs).slice();
  }

  /**
   * One Float32Array per layer, [rows][...layer.shape]: convolutions and hidden dense layers
   * after the activation, pools' outputs, and the output logits.
   */
  activations(X: FloatInput): Float32Array[] {
    const [m, net] = this.#live('activations');
    const io = this.#copyData(X, undefined, 0);
    this.#check(m.convForward(net, io.x, io.xLen), 'activations');
    return this.layers.map((layer, l) => {
      const n = io.rows * layer.shape.reduce((a, b) => a * b, 1);
      const at = this.#heap.scratch(n);
      this.#check(m.convGetActivations(net, l, at), 'activations');
      return this.#heap.f32(at, n).slice();
    });
  }

  /**
   * One entry per hidden layer with parameters (convolutions and hidden dense layers, in
   * order): the channels (conv) or units (dense) whose output is 0 for every row of X (and
   * every position).
   */
  deadUnits(X: FloatInput): number[][] {
    const [m, net] = this.#live('deadUnits');
    const io = this.#copyData(X, undefined, 0);
    this.#check(m.convForward(net, io.x, io.xLen), 'deadUnits');
    const result: number[][] = [];
    this.layers.forEach((layer, l) => {
      if (layer.kind === 'pool' || l === this.layers.length - 1) return;
      const at = this.#heap.scratch(layer.shape[0]! + 1);
      this.#check(m.convDeadUnits(net, l, at + 4, at), 'deadUnits');
      const buffer = this.#heap.module.HEAPU8.buffer;
      const count = new Int32Array(buffer, at, 1)[0]!;
      result.push(Array.from(new Int32Array(buffer, at + 4, count)));
    });
    return result;
  }

  /** Frees the network. Calling it again does nothing. */
  dispose(): void {
    if (this.#handle === 0) return;
    this.#heap.release(this.#lease);
    this.#heap.module.convDestroy(this.#handle);
    this.#handle = 0;
  }

  #live(method: string): [ReluWasmModule, number] {
    if (this.#handle === 0) throw new TypeError(`cannot call ${method}() on a disposed network`);
    return [this.#heap.module, this.#handle];
  }

  /** Weights and biases of parameter layer `layer`. */
  #paramShape(layer: number): [weights: number, biases: number] {
    checkCount(layer, 'layer', Number.MAX_SAFE_INTEGER);
    const p = this.#params[layer];
    if (p === undefined) {
      throw new RangeError(
        `layer must be between 0 and ${this.#params.length - 1} (the layers with parameters: conv and dense), got ${layer}`,
      );
    }
    return [p.weights, p.biases];
  }

  /** Copies X (and Y) into the scratch area after a 24-byte result slot, with `extra` floats after them. */
  #copyData(X: FloatInput, Y: Targets | undefined, extra: number) {
    return copyData(this.#heap, this.#shape, X, Y, extra);
  }

  #runTrain(
    net: number,
    data: { x: number; xLen: number; y: number; yLen: number },
    loop: EngineTrainLoop,
    options: EngineTrainOptions,
    slot: number,
  ): TrainResult {
    const m = this.#heap.module;
    this.#check(m.convTrain(net, data.x, data.xLen, data.y, data.yLen, loop, options, slot), 'train');
    return readTrainResult(this.#heap, slot);
  }

  #runTrainOn(net: number, data: number, loop: EngineTrainLoop, options: EngineTrainOptions): TrainResult {
    const slot = this.#heap.scratch(6);
    this.#check(
      this.#heap.module.convTrainDataset(net, data, loop, options, slot),
      'trainOn',
      'options.batchSize is too large for this network',
    );
    return readTrainResult(this.#heap, slot);
  }

  /** The handle of `data`, checked against this network's input and loss (the engine checks the labels). */
  #dataHandle(data: Dataset): number {
    return fittingDataset(
      this.#heap,
      this.#shape,
      data,
      () =>
        `data has ${data.features} features per row but the network's input ${this.input.join('x')} needs ${this.#inputs}`,
    );
  }

  #readLoss(slot: number): number {
    return readLoss(this.#heap, slot);
  }

  #check(status: number, method: string, tooLarge?: string): void {
    checkStatus(status, method, () => this.#heap.module.convLastError(this.#handle), tooLarge);
  }
}
