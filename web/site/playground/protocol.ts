// The messages between the page and the training worker. Every request carries an id and
// gets exactly one reply with the same id: a frame, or 'gradcheck', 'params', 'ready' (to
// 'options') or 'error'.
import type { Activation, GradientCheck, LossKind, OptimizerKind } from 'relu-wasm';

export interface NetConfig {
  sizes: number[];
  activation: Activation;
  leakySlope: number;
  loss: LossKind;
  init: 'he' | 'xavier' | 'zeros';
  seed: number;
}

export interface TrainConfig {
  lr: number;
  l1: number;
  l2: number;
  optimizer: OptimizerKind;
  batchSize: number;
}

export interface DataMessage {
  trainX: Float32Array;
  trainY: Float32Array | Int32Array;
  testX: Float32Array;
  testY: Float32Array | Int32Array;
  /** Inputs at the decision-boundary grid's cells and at the neuron thumbnails' cells. */
  gridX: Float32Array;
  neuronGridX: Float32Array;
}

export interface LayerJSON {
  W: Float32Array;
  b: Float32Array;
}

export type Request =
  | { id: number; type: 'init'; net: NetConfig; train: TrainConfig; data: DataMessage; layers?: LayerJSON[] }
  | { id: number; type: 'options'; train: TrainConfig }
  | { id: number; type: 'data'; data: DataMessage }
  | { id: number; type: 'train'; steps: number }
  | { id: number; type: 'setBias'; layer: number; unit: number; value: number }
  /** Sets W[out][in] of weight layer `layer` (0 = inputs to the first hidden layer). */
  | { id: number; type: 'setWeight'; layer: number; out: number; in: number; value: number }
  /** Which hidden unit's output each frame also carries on the big grid (layer null: none). */
  | { id: number; type: 'focus'; layer: number | null; unit: number }
  | { id: number; type: 'gradcheck' }
  | { id: number; type: 'params' };

export interface Frame {
  type: 'frame';
  steps: number;
  trainLoss: number;
  testLoss: number;
  /** Fraction correct, NaN for regression or an empty set. */
  trainAcc: number;
  testAcc: number;
  /** predict() at the grid cells: [GRID*GRID][outputs]. */
  output: Float32Array;
  outputs: number;
  /** Hidden layers' activations at the thumbnail grid: one [NEURON_GRID^2][units] per layer. */
  neurons: Float32Array[];
  layers: LayerJSON[];
  /**
   * Per weight layer, the gradient of the training objective (data loss plus any L1/L2 penalty)
   * on the whole training set, W's [out][in] then b's; zeros for an empty training set.
   */
  grads: LayerJSON[];
  /** The focused hidden unit's output at the big grid's cells ([GRID*GRID]), or null. */
  focus: { layer: number; unit: number; values: Float32Array } | null;
  /** Per hidden layer, the units that output 0 on every training point. */
  dead: number[][];
  /** Why training must stop: the weights or the loss became non-finite, or hasDiverged(). */
  diverged: string | null;
}

export type Reply =
  | ({ id: number } & Frame)
  | { id: number; type: 'gradcheck'; check: GradientCheck; worstName: string }
  | { id: number; type: 'params'; layers: LayerJSON[] }
  | { id: number; type: 'ready'; backend: string }
  | { id: number; type: 'error'; message: string };
