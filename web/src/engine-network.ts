// One network in the engine (an Mlp or a ConvNet handle) with every method MLP and ConvNet
// share (internal, not exported by the package). MLP and ConvNet keep their public signatures
// and doc comments, which the .d.ts and the API reference show, and forward to this class;
// what differs between them (sizes, the words of their messages) comes in a NetworkLayout.
// Each method checks its arguments' types and shapes, copies X and Y into the scratch area,
// makes one engine call, and turns a failed Status into a typed error.
import { checkCount, checkFloatInput, type FloatInput } from './checks.js';
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
  type EngineTrainLoop,
  type EngineTrainOptions,
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
  type NetworkShape,
} from './network-methods.js';
import { runChunks, type TrainResult } from './train-chunks.js';
import type { Lease, WasmHeap } from './wasm-heap.js';
import type { ReluWasmModule } from './wasm-module.js';

/** The engine's prefix of a network's functions ('mlp' for mlpTrain, 'conv' for convTrain). */
export type NetworkKind = 'mlp' | 'conv';

/** The engine functions both networks have, by their name after the prefix. */
const CALL_NAMES = [
  'destroy',
  'lastError',
  'classes',
  'getParams',
  'setParams',
  'getGradients',
  'lossAndGradients',
  'trainStep',
  'train',
  'trainDataset',
  'evaluate',
  'resetOptimizer',
  'predict',
  'forward',
  'getActivations',
  'deadUnits',
] as const;
type CallName = (typeof CALL_NAMES)[number];
type EngineName = `${NetworkKind}${Capitalize<CallName>}`;
type NetworkCalls = { [K in CallName]: ReluWasmModule[`mlp${Capitalize<K>}`] };

/** A network's calls taken from the module once; the template type checks both kinds have each. */
function callsOf(m: ReluWasmModule, kind: NetworkKind): NetworkCalls {
  return Object.fromEntries(
    CALL_NAMES.map((name) => [name, m[`${kind}${name[0]!.toUpperCase()}${name.slice(1)}` as EngineName]]),
  ) as NetworkCalls;
}

/** Weights and biases of a layer with parameters. */
export interface ParamLayer {
  weights: number;
  biases: number;
  /** How setParams' error states W's size: "3x2 = 6" (MLP) or "6". */
  weightsText: string;
}

/** What the shared methods need to know of a network beyond its data shape. */
export interface NetworkLayout extends NetworkShape {
  /** The layers with parameters, in getParams' order. */
  params: readonly ParamLayer[];
  /** The valid layers in getParams' error: "between 0 and 1 for sizes [2, 3, 1]". */
  layerRange: string;
  /** Floats per row of each layer activations() returns. */
  layerWidths: readonly number[];
  /** The layers deadUnits reports: the engine's index for it and its units (or channels). */
  hidden: readonly (readonly [layer: number, units: number])[];
  /** evaluate's message when the engine runs out of memory (checkStatus' default otherwise). */
  evaluateTooLarge?: string;
}

/** X and Y's places in WASM memory. */
interface DataOffsets {
  x: number;
  xLen: number;
  y: number;
  yLen: number;
}

export class EngineNetwork {
  readonly #heap: WasmHeap;
  readonly #layout: NetworkLayout;
  readonly #calls: NetworkCalls;
  readonly #lease: Lease;
  #handle: number;

  /** `owner` is the public network: collecting it frees the handle unless disposed first. */
  constructor(owner: object, heap: WasmHeap, handle: number, kind: NetworkKind, layout: NetworkLayout) {
    this.#heap = heap;
    this.#handle = handle;
    this.#layout = layout;
    this.#calls = callsOf(heap.module, kind);
    this.#lease = heap.watch(owner, handle, kind);
  }

  get disposed(): boolean {
    return this.#handle === 0;
  }

  get paramLayers(): number {
    return this.#layout.params.length;
  }

  /** The module and the handle, or the TypeError of a call after dispose(). */
  live(method: string): [ReluWasmModule, number] {
    if (this.#handle === 0) throw new TypeError(`cannot call ${method}() on a disposed network`);
    return [this.#heap.module, this.#handle];
  }

  /** Copies X (and Y) into the scratch area after a 24-byte result slot, with `extra` floats after them. */
  copyData(X: FloatInput, Y: Targets | undefined, extra: number) {
    return copyData(this.#heap, this.#layout, X, Y, extra);
  }

  check(status: number, method: string, tooLarge?: string): void {
    checkStatus(status, method, () => this.#calls.lastError(this.#handle), tooLarge);
  }

  getParams(layer: number): LayerParams {
    const [, net] = this.live('getParams');
    const { weights: w, biases: b } = this.#paramLayer(layer);
    const at = this.#heap.scratch(w + b);
    this.check(this.#calls.getParams(net, layer, at, at + 4 * w), 'getParams');
    return { W: this.#heap.f32(at, w).slice(), b: this.#heap.f32(at + 4 * w, b).slice() };
  }

  setParams(layer: number, W: FloatInput, b: FloatInput): void {
    const [, net] = this.live('setParams');
    const p = this.#paramLayer(layer);
    const wLen = checkFloatInput(W, 'W');
    const bLen = checkFloatInput(b, 'b');
    if (wLen !== p.weights) {
      throw new RangeError(`W must hold ${p.weightsText} values for layer ${layer}, got ${wLen}`);
    }
    if (bLen !== p.biases) throw new RangeError(`b must hold ${p.biases} values for layer ${layer}, got ${bLen}`);
    const at = this.#heap.scratch(wLen + bLen, 'W and b');
    this.#heap.f32(at, wLen).set(W);
    this.#heap.f32(at + 4 * wLen, bLen).set(b);
    this.check(this.#calls.setParams(net, layer, at, wLen, at + 4 * wLen, bLen), 'setParams');
  }

  lossAndGradients(X: FloatInput, Y: Targets, options?: { l2?: number; l1?: number }): LossAndGradients {
    const [, net] = this.live('lossAndGradients');
    const o = checkPenaltyOptions(options);
    const io = this.copyData(X, Y, 0);
    const calls = this.#calls;
    this.check(calls.lossAndGradients(net, io.x, io.xLen, io.y, io.yLen, o.l2, o.l1, io.slot), 'lossAndGradients');
    const loss = readLoss(this.#heap, io.slot);
    const grads: LayerGradients[] = this.#layout.params.map(({ weights: w, biases: b }, l) => {
      const at = this.#heap.scratch(w + b);
      this.check(calls.getGradients(net, l, at, at + 4 * w), 'lossAndGradients');
      return { dW: this.#heap.f32(at, w).slice(), db: this.#heap.f32(at + 4 * w, b).slice() };
    });
    return { loss, grads };
  }

  trainStep(X: FloatInput, Y: Targets, options?: TrainOptions): number {
    const [, net] = this.live('trainStep');
    const o = checkTrainOptions(options);
    const io = this.copyData(X, Y, 0);
    this.check(this.#calls.trainStep(net, io.x, io.xLen, io.y, io.yLen, o, io.slot), 'trainStep');
    return readLoss(this.#heap, io.slot);
  }

  train(X: FloatInput, Y: Targets, options?: TrainLoopOptions): number {
    const [, net] = this.live('train');
    const { loop, options: o } = checkLoopOptions(options);
    const io = this.copyData(X, Y, 0);
    return this.#runTrain(net, io, loop, o, io.slot).meanLoss;
  }

  /** train's run on a private copy of X and Y (the scratch area belongs to whichever call runs next), in chunks. */
  async trainAsync(X: FloatInput, Y: Targets, options?: TrainAsyncOptions): Promise<number> {
    const [, net] = this.live('trainAsync');
    const run = checkAsyncOptions(options);
    run.signal?.throwIfAborted();
    const io = this.copyData(X, Y, 0);
    const floats = io.xLen + io.yLen + 6;
    const base = this.#heap.allocFloats(floats, `a copy of X and Y (${floats} floats) for trainAsync`);
    const x = base + 24;
    const y = x + 4 * io.xLen;
    this.#heap.f32(x, io.xLen + io.yLen).set(this.#heap.f32(io.x, io.xLen + io.yLen));
    try {
      return await runChunks(
        'trainAsync',
        run,
        (l) => this.#runTrain(net, { x, xLen: io.xLen, y, yLen: io.yLen }, l, run.options, base),
        () => this.disposed,
      );
    } finally {
      this.#heap.free(base);
    }
  }

  trainOn(data: Dataset, options?: DatasetTrainOptions): number {
    const [, net] = this.live('trainOn');
    const handle = fittingDataset(this.#heap, this.#layout, data);
    const { loop, options: o } = checkDataTrainOptions(options, data.rows, false);
    return this.#runTrainOn(net, handle, loop, o).meanLoss;
  }

  /** trainOn's run in chunks; a dataset disposed mid-run rejects at the next chunk. */
  async trainOnAsync(data: Dataset, options?: DatasetTrainAsyncOptions): Promise<number> {
    const [, net] = this.live('trainOnAsync');
    const handle = fittingDataset(this.#heap, this.#layout, data);
    const run = checkDataTrainOptions(options, data.rows, true);
    run.signal?.throwIfAborted();
    return await runChunks(
      'trainOnAsync',
      run,
      (l) => {
        if (data.disposed) throw new TypeError('data: the dataset was disposed while trainOnAsync was running');
        return this.#runTrainOn(net, handle, l, run.options);
      },
      () => this.disposed,
    );
  }

  evaluate(data: Dataset, options?: EvaluateOptions): Evaluation {
    const [, net] = this.live('evaluate');
    const handle = fittingDataset(this.#heap, this.#layout, data);
    const { first, count } = checkEvaluateOptions(options, data.rows);
    const calls = this.#calls;
    return evaluateRows(this.#heap, calls.classes(net), first, count, (predictionsAt, confusionAt, at) =>
      this.check(
        calls.evaluate(net, handle, first, count, predictionsAt, confusionAt, at),
        'evaluate',
        this.#layout.evaluateTooLarge,
      ),
    );
  }

  resetOptimizer(): void {
    const [, net] = this.live('resetOptimizer');
    this.#calls.resetOptimizer(net);
  }

  predict(X: FloatInput): Float32Array {
    const [, net] = this.live('predict');
    const { inputs, outputs } = this.#layout;
    const rows = checkFloatInput(X, 'X') / inputs;
    const io = this.copyData(X, undefined, Number.isInteger(rows) ? rows * outputs : 0);
    this.check(this.#calls.predict(net, io.x, io.xLen, io.extra), 'predict');
    return this.#heap.f32(io.extra, io.rows * outputs).slice();
  }

  activations(X: FloatInput): Float32Array[] {
    return this.readLayers(X, 'activations', this.#layout.layerWidths, this.#calls.getActivations);
  }

  /** One forward pass over X, then `read(net, l, at)` of each layer's `widths[l]` floats per row. */
  readLayers(
    X: FloatInput,
    method: string,
    widths: readonly number[],
    read: (net: number, layer: number, out: number) => number,
  ): Float32Array[] {
    const [, net] = this.live(method);
    const io = this.copyData(X, undefined, 0);
    this.check(this.#calls.forward(net, io.x, io.xLen), method);
    return widths.map((width, l) => {
      const n = io.rows * width;
      const at = this.#heap.scratch(n);
      this.check(read(net, l, at), method);
      return this.#heap.f32(at, n).slice();
    });
  }

  deadUnits(X: FloatInput): number[][] {
    const [, net] = this.live('deadUnits');
    const io = this.copyData(X, undefined, 0);
    this.check(this.#calls.forward(net, io.x, io.xLen), 'deadUnits');
    return this.#layout.hidden.map(([layer, units]) => {
      const at = this.#heap.scratch(units + 1);
      this.check(this.#calls.deadUnits(net, layer, at + 4, at), 'deadUnits');
      const buffer = this.#heap.module.HEAPU8.buffer;
      const count = new Int32Array(buffer, at, 1)[0]!;
      return Array.from(new Int32Array(buffer, at + 4, count));
    });
  }

  dispose(): void {
    if (this.#handle === 0) return;
    this.#heap.release(this.#lease);
    this.#calls.destroy(this.#handle);
    this.#handle = 0;
  }

  /** Parameter layer `layer`, or a RangeError naming the valid ones. */
  #paramLayer(layer: number): ParamLayer {
    checkCount(layer, 'layer', Number.MAX_SAFE_INTEGER);
    const p = this.#layout.params[layer];
    if (p === undefined) throw new RangeError(`layer must be ${this.#layout.layerRange}, got ${layer}`);
    return p;
  }

  /** One engine train call on data already in WASM memory; the TrainResult goes to `slot` (24 bytes). */
  #runTrain(
    net: number,
    data: DataOffsets,
    loop: EngineTrainLoop,
    options: EngineTrainOptions,
    slot: number,
  ): TrainResult {
    this.check(this.#calls.train(net, data.x, data.xLen, data.y, data.yLen, loop, options, slot), 'train');
    return readTrainResult(this.#heap, slot);
  }

  /** One engine call of the minibatch loop over a dataset; the TrainResult goes to the scratch area. */
  #runTrainOn(net: number, data: number, loop: EngineTrainLoop, options: EngineTrainOptions): TrainResult {
    const slot = this.#heap.scratch(6);
    this.check(
      this.#calls.trainDataset(net, data, loop, options, slot),
      'trainOn',
      'options.batchSize is too large for this network',
    );
    return readTrainResult(this.#heap, slot);
  }
}
