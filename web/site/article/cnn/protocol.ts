// Messages between the convolutional-network figure (cnn.ts) and its worker (worker.ts). Every
// request carries an id; the worker answers it with progress notes, then one result or error.
import type { WorkerReply } from '../fashion-mnist/protocol.js';

/** The first convolution's response to one test image, before and after ReLU. */
export interface FeatureMaps {
  /** Index of the image in the test set, and its true class. */
  index: number;
  label: number;
  /** Its pixels, 0-255, [28 * 28]. */
  pixels: Uint8Array;
  /** [filters][28 * 28]: the convolution's output (pre-activation) and ReLU's (post-activation). */
  pre: Float32Array;
  post: Float32Array;
  /** Per filter: how many of the 28 * 28 responses ReLU set to 0. */
  zeroed: number[];
  /** The CNN's predicted class for the image. */
  predicted: number;
}

/** One network's state after an epoch (or at its start). */
export interface RunPoint {
  epoch: number;
  /** Test accuracy on all 10 000 test images. */
  accuracy: number;
  /** Seconds spent training this network so far (evaluations excluded). */
  trainSeconds: number;
  /** Mean training loss of the last epoch (NaN before the first). */
  loss: number;
}

export interface Snapshot {
  cnn: RunPoint;
  mlp: RunPoint;
  /** The first convolution's weights, [filters][kernel * kernel] (one input channel). */
  filters: Float32Array;
  kernel: number;
  maps: FeatureMaps;
}

export type Request =
  | { id: number; type: 'load'; test: string; train: string[] }
  | { id: number; type: 'init'; sample: number }
  | { id: number; type: 'epoch'; sample: number }
  | { id: number; type: 'maps'; sample: number };

export type Result =
  | { kind: 'loaded'; trainCount: number; testCount: number; samples: number[] }
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'maps'; maps: FeatureMaps };

export type Progress =
  | { kind: 'bytes'; loaded: number }
  | { kind: 'epoch'; network: 'cnn' | 'mlp'; fraction: number }
  | { kind: 'evaluate'; network: 'cnn' | 'mlp'; fraction: number };

export type Reply = WorkerReply<Result, Progress>;
