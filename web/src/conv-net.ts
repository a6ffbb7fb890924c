// A convolutional network living in WASM memory (cpp/nn/conv_net.h), with the MLP's methods
// and meanings. Those methods run in engine-network.ts and are documented here (the public
// API); this class keeps its input and layer shapes.
import { bindMethods } from './bind-methods.js';
import type { FloatInput } from './checks.js';
import type { CheckedConvNetOptions } from './conv-net-options.js';
import type { Dataset } from './dataset.js';
import type { DatasetTrainAsyncOptions, DatasetTrainOptions, EvaluateOptions } from './dataset-options.js';
import { EngineNetwork } from './engine-network.js';
import type { Evaluation, LayerParams, LossAndGradients, Targets } from './mlp.js';
import type { Activation, LossKind, TrainAsyncOptions, TrainLoopOptions, TrainOptions } from './mlp-options.js';
import type { WasmHeap } from './wasm-heap.js';

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
  readonly #net: EngineNetwork;

  /** @internal Created by `rw.createConvNet()`. */
  constructor(heap: WasmHeap, handle: number, options: CheckedConvNetOptions) {
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
    this.activation = options.activation;
    this.loss = options.loss;
    const inputs = options.input[0] * options.input[1] * options.input[2];
    const params = options.layers.filter((l) => l.kind !== 'pool');
    const last = this.layers.length - 1;
    this.#net = new EngineNetwork(this, heap, handle, 'conv', {
      inputs,
      outputs: this.layers[last]!.size,
      loss: this.loss,
      rowsOf: `images of ${this.input.join('x')} = ${inputs} values`,
      inputNeeds: `the network's input ${this.input.join('x')} needs ${inputs}`,
      params: params.map((p) => ({ weights: p.weights, biases: p.biases, weightsText: `${p.weights}` })),
      layerRange: `between 0 and ${params.length - 1} (the layers with parameters: conv and dense)`,
      layerWidths: this.layers.map((layer) => layer.shape.reduce((a, b) => a * b, 1)),
      // Convolutions and hidden dense layers: the engine numbers them among all layers.
      hidden: this.layers.flatMap((layer, l) =>
        layer.kind === 'pool' || l === last ? [] : [[l, layer.shape[0]!] as const],
      ),
    });
    bindMethods(this);
  }

  /** True once `dispose()` has run; every other method then throws a TypeError. */
  get disposed(): boolean {
    return this.#net.disposed;
  }

  /** Layers with parameters (convolutions and dense layers): getParams' range is 0 .. this - 1. */
  get paramLayers(): number {
    return this.#net.paramLayers;
  }

  /** Copies of parameter layer `layer`'s W (conv [out][in][k][k], dense [out][in]) and b [out]. */
  getParams(layer: number): LayerParams {
    return this.#net.getParams(layer);
  }

  /** Replaces parameter layer `layer`'s W and b with copies. */
  setParams(layer: number, W: FloatInput, b: FloatInput): void {
    this.#net.setParams(layer, W, b);
  }

  /** The loss on (X, Y) and every parameter layer's gradient, without updating anything. */
  lossAndGradients(X: FloatInput, Y: Targets, options?: { l2?: number; l1?: number }): LossAndGradients {
    return this.#net.lossAndGradients(X, Y, options);
  }

  /** One full-batch update on (X, Y); returns the loss before the update. */
  trainStep(X: FloatInput, Y: Targets, options?: TrainOptions): number {
    return this.#net.trainStep(X, Y, options);
  }

  /** `steps` minibatch updates visiting X's rows in an order shuffled by `seed` (as MLP.train). */
  train(X: FloatInput, Y: Targets, options?: TrainLoopOptions): number {
    return this.#net.train(X, Y, options);
  }

  /** The same run as `train`, bit for bit, in chunks with the event loop running between them (as MLP.trainAsync). */
  async trainAsync(X: FloatInput, Y: Targets, options?: TrainAsyncOptions): Promise<number> {
    return this.#net.trainAsync(X, Y, options);
  }

  /** Epochs (default 1) or steps over a dataset in WASM memory, as MLP.trainOn. */
  trainOn(data: Dataset, options?: DatasetTrainOptions): number {
    return this.#net.trainOn(data, options);
  }

  /** The same run as `trainOn`, bit for bit, in chunks (as MLP.trainOnAsync). */
  async trainOnAsync(data: Dataset, options?: DatasetTrainAsyncOptions): Promise<number> {
    return this.#net.trainOnAsync(data, options);
  }

  /** Mean loss, accuracy, predictions and confusion matrix over a dataset's rows, run in chunks (as MLP.evaluate). */
  evaluate(data: Dataset, options?: EvaluateOptions): Evaluation {
    return this.#net.evaluate(data, options);
  }

  /** Forgets momentum buffers and Adam's moments and step count. */
  resetOptimizer(): void {
    this.#net.resetOptimizer();
  }

  /** [rows][outputs]: sigmoid (bce), softmax (softmax_ce) or raw values (mse); large X runs in chunks inside the engine. */
  predict(X: FloatInput): Float32Array {
    return this.#net.predict(X);
  }

  /**
   * One Float32Array per layer, [rows][...layer.shape]: convolutions and hidden dense layers
   * after the activation, pools' outputs, and the output logits.
   */
  activations(X: FloatInput): Float32Array[] {
    return this.#net.activations(X);
  }

  /**
   * One entry per hidden layer with parameters (convolutions and hidden dense layers, in
   * order): the channels (conv) or units (dense) whose output is 0 for every row of X (and
   * every position).
   */
  deadUnits(X: FloatInput): number[][] {
    return this.#net.deadUnits(X);
  }

  /** Frees the network. Calling it again does nothing. */
  dispose(): void {
    this.#net.dispose();
  }
}
