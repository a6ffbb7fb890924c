// The messages between the section's page side (bridge.ts) and its training worker
// (worker.ts). Every request carries an id and gets exactly one final reply with that id
// ('result' or 'error'); long requests also send 'progress' notes with the same id first.
import type { Activation, OptimizerKind } from 'relu-wasm';

import type { WorkerReply } from '../fashion-mnist/protocol.js';

/** What the reader chose: the network and its training (checked by the package, not here). */
export interface NetConfig {
  /** Hidden layers' width and count; the input is 784 pixels and the output 10 classes. */
  width: number;
  depth: number;
  activation: Activation;
  optimizer: OptimizerKind;
  lr: number;
  batchSize: number;
  /** Epochs of the run; the run stops after them. */
  epochs: number;
}

/** One hidden layer's outputs on the probe images. */
export interface LayerStats {
  units: number;
  /** Share of (image, unit) outputs that are exactly 0. */
  zeroShare: number;
  /** Units that output 0 for every probe image. */
  dead: number;
}

/** The state of the run after an epoch (or at epoch 0, fresh weights). */
export interface Snapshot {
  epoch: number;
  /** Seconds spent in training calls so far (evaluations excluded). */
  trainSeconds: number;
  /** Mean training loss of the last epoch (NaN at epoch 0). */
  trainLoss: number;
  /** On the first TRAIN_PROBE training images, and on the whole test set. */
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** confusion[trueClass * 10 + predicted] over the test set. */
  confusion: Uint32Array;
  /** Some misclassified test images: their pixels (784 each), labels and predictions. */
  wrong: { pixels: Uint8Array; labels: Uint8Array; predicted: Uint8Array };
  /** Every layer's weights [out][in] and biases, for the page's copy of the network. */
  params: { W: Float32Array; b: Float32Array }[];
  layers: LayerStats[];
}

export type Request =
  /** Fetch and decode image sets: the test set (once) and training parts, appended in order. */
  | { id: number; type: 'load'; test: string | null; train: string[] }
  | { id: number; type: 'init'; config: NetConfig }
  | { id: number; type: 'epoch' }
  | { id: number; type: 'compare'; config: NetConfig; activations: Activation[]; epochs: number };

export type Reply = WorkerReply<Result, Progress>;

export type Progress =
  /** Bytes fetched so far, of `total` (NaN when the server did not say). */
  | { kind: 'bytes'; loaded: number; total: number }
  /** Share of the current epoch done, and its mean loss so far. */
  | { kind: 'epoch'; fraction: number; loss: number }
  /** A point of the comparison: an activation's test accuracy after `seconds` of its training. */
  | { kind: 'compare'; activation: Activation; seconds: number; accuracy: number; epochs: number };

export type Result =
  | {
      kind: 'loaded';
      trainCount: number;
      testCount: number;
      /** Test images for the draw pad's sample buttons: pixels (784 each) and labels. */
      samples: { pixels: Uint8Array; labels: Uint8Array; indices: number[] };
    }
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'compared'; finals: { activation: Activation; accuracy: number; seconds: number }[] };
