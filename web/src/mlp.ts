// A multilayer perceptron living in WASM memory (cpp/nn/mlp.h). The methods it shares with
// ConvNet run in engine-network.ts and are documented here (the public API); this class keeps
// its sizes and what only the MLP has: the gradient check and the pre-activations.
import { bindMethods } from './bind-methods.js';
import type { FloatInput } from './checks.js';
import type { Dataset } from './dataset.js';
import type { DatasetTrainAsyncOptions, DatasetTrainOptions, EvaluateOptions } from './dataset-options.js';
import { EngineNetwork } from './engine-network.js';
import {
  checkGradientCheckOptions,
  type Activation,
  type CheckedMLPOptions,
  type GradientCheckOptions,
  type LossKind,
  type TrainAsyncOptions,
  type TrainLoopOptions,
  type TrainOptions,
} from './mlp-options.js';
import type { WasmHeap } from './wasm-heap.js';

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
  readonly #net: EngineNetwork;

  /** @internal Created by `rw.createMLP()`. */
  constructor(heap: WasmHeap, handle: number, options: CheckedMLPOptions) {
    const sizes = Object.freeze([...options.sizes]);
    this.sizes = sizes;
    this.activation = options.activation;
    this.loss = options.loss;
    const inputs = sizes[0]!;
    const last = sizes.length - 1;
    this.#net = new EngineNetwork(this, heap, handle, 'mlp', {
      inputs,
      outputs: sizes[last]!,
      loss: this.loss,
      rowsOf: `rows of ${inputs} inputs`,
      inputNeeds: `the network's sizes[0] is ${inputs}`,
      params: sizes.slice(1).map((out, l) => {
        const inp = sizes[l]!;
        return { weights: out * inp, biases: out, weightsText: `${out}x${inp} = ${out * inp}` };
      }),
      layerRange: `between 0 and ${last - 1} for sizes [${sizes.join(', ')}]`,
      layerWidths: sizes.slice(1),
      hidden: sizes.slice(1, -1).map((units, h) => [h, units] as const),
      evaluateTooLarge: 'the network is too large to evaluate data in chunks of 1024 rows',
    });
    bindMethods(this);
  }

  /** True once `dispose()` has run; every other method then throws a TypeError. */
  get disposed(): boolean {
    return this.#net.disposed;
  }

  /** Copies of layer `layer`'s parameters (0 .. sizes.length - 2). */
  getParams(layer: number): LayerParams {
    return this.#net.getParams(layer);
  }

  /** Replaces layer `layer`'s parameters with copies of W [out][in] and b [out]. */
  setParams(layer: number, W: FloatInput, b: FloatInput): void {
    this.#net.setParams(layer, W, b);
  }

  /** The loss on (X, Y) and every layer's gradient, without updating anything. */
  lossAndGradients(X: FloatInput, Y: Targets, options?: { l2?: number; l1?: number }): LossAndGradients {
    return this.#net.lossAndGradients(X, Y, options);
  }

  /**
   * Checks `lossAndGradients` against centred differences of the loss on (X, Y), computed in
   * double precision inside the engine (a double forward pass over a double copy of the
   * parameters), for every parameter or a seeded sample of `maxParams`. Checks whose step
   * crossed a ReLU kink are counted apart (see {@link GradientCheck}). Changes no parameter;
   * a pass is commonly `maxRelativeError < 1e-4`.
   */
  gradientCheck(X: FloatInput, Y: Targets, options?: GradientCheckOptions): GradientCheck {
    const [m, net] = this.#net.live('gradientCheck');
    const o = checkGradientCheckOptions(options);
    // The 40-byte GradCheckResult goes after Y, 8-byte aligned (12 floats leave room for that).
    const io = this.#net.copyData(X, Y, 12);
    const at = (io.extra + 7) & ~7;
    this.#net.check(
      m.mlpGradientCheck(net, io.x, io.xLen, io.y, io.yLen, o, at),
      'gradientCheck',
      'X has too many rows for the double-precision check',
    );
    const buffer = m.HEAPU8.buffer;
    const [max, analytic, numeric] = new Float64Array(buffer, at, 3);
    const [checked, kinks, layer, index] = new Int32Array(buffer, at + 24, 4);
    if (layer! < 0) return { maxRelativeError: null, checked: checked!, kinks: kinks!, worst: null };
    const weights = this.sizes[layer! + 1]! * this.sizes[layer!]!;
    const weight = index! < weights;
    return {
      maxRelativeError: max!,
      checked: checked!,
      kinks: kinks!,
      worst: {
        layer: layer!,
        kind: weight ? 'weight' : 'bias',
        index: weight ? index! : index! - weights,
        analytic: analytic!,
        numeric: numeric!,
        relativeError: max!,
      },
    };
  }

  /** One full-batch update on (X, Y); returns the loss before the update. */
  trainStep(X: FloatInput, Y: Targets, options?: TrainOptions): number {
    return this.#net.trainStep(X, Y, options);
  }

  /**
   * `steps` minibatch updates in one call, visiting X's rows in an order shuffled by `seed`;
   * returns the mean of the steps' losses (each measured before its update). The call holds
   * the thread until it is done: for long runs, `trainAsync` can be cancelled.
   */
  train(X: FloatInput, Y: Targets, options?: TrainLoopOptions): number {
    return this.#net.train(X, Y, options);
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
    return this.#net.trainAsync(X, Y, options);
  }

  /**
   * `options.epochs` passes (default 1) or `options.steps` minibatch updates over a dataset in
   * WASM memory (`rw.createDataset()`), as `train` would run them over float32 copies of its
   * rows (features * scale): the same visiting order, parameters and mean loss, bit for bit,
   * without copying X on each call. Returns the mean of the steps' losses.
   */
  trainOn(data: Dataset, options?: DatasetTrainOptions): number {
    return this.#net.trainOn(data, options);
  }

  /**
   * The same run as `trainOn`, bit for bit, cut into chunks of a few milliseconds with the
   * event loop running between them (as `trainAsync`): cancel it with `options.signal`, follow
   * it with `options.onProgress`. Disposing the network or the dataset mid-run rejects with a
   * TypeError at the next chunk.
   */
  async trainOnAsync(data: Dataset, options?: DatasetTrainAsyncOptions): Promise<number> {
    return this.#net.trainOnAsync(data, options);
  }

  /**
   * Runs a dataset's rows (all, or `options.first` and `options.count`) through the network in
   * chunks of 1024 rows, so memory stays that of one chunk, and reports the mean loss, the
   * accuracy, each row's predicted class and the confusion matrix.
   */
  evaluate(data: Dataset, options?: EvaluateOptions): Evaluation {
    return this.#net.evaluate(data, options);
  }

  /** Forgets momentum buffers and Adam's moments and step count. */
  resetOptimizer(): void {
    this.#net.resetOptimizer();
  }

  /** [rows][outputs]: sigmoid probabilities (bce), softmax probabilities (softmax_ce), raw values (mse). */
  predict(X: FloatInput): Float32Array {
    return this.#net.predict(X);
  }

  /** One Float32Array [rows][units] per layer after the input: hidden post-activations, then the output logits. */
  activations(X: FloatInput): Float32Array[] {
    return this.#net.activations(X);
  }

  /** One Float32Array [rows][units] per hidden layer: the pre-activations z = x W^T + b. */
  preActivations(X: FloatInput): Float32Array[] {
    const m = this.#net.live('preActivations')[0];
    return this.#net.readLayers(X, 'preActivations', this.sizes.slice(1, -1), m.mlpGetPreActivations);
  }

  /** Per hidden layer, the units whose output is 0 for every row of X. */
  deadUnits(X: FloatInput): number[][] {
    return this.#net.deadUnits(X);
  }

  /** Frees the network. Calling it again does nothing. */
  dispose(): void {
    this.#net.dispose();
  }
}
