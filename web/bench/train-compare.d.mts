import type { ReluWasm } from 'relu-wasm';

import type { SampleOptions } from './kernel-bench.mjs';

export interface TrainCase {
  id: string;
  name: string;
  sizes: number[];
  loss: string;
  rows: number;
  batchSize: number;
  stepsPerCall: number;
  lr: number;
  data?: () => { pixels?: Uint8Array; X: Float32Array; Y: Float32Array | Int32Array };
}
export interface TrainCell {
  samplesPerCall: number;
  async?: boolean;
  run(): unknown;
  check(): boolean | Promise<boolean>;
  dispose(): unknown;
}
export interface TrainContender {
  id: string;
  label: string;
  setup(c: TrainCase): TrainCell | Promise<TrainCell>;
}
export interface TrainRow {
  id: string;
  label: string;
  caseId: string;
  caseName: string;
  secondsPerCall: number;
  samplesPerSecond: number;
  ok: boolean;
}
export declare const COMPARE_CASES: readonly TrainCase[];
export declare const SAMPLING: { minSampleMs: number; samples: number };
export declare function caseData(c: TrainCase): { X: Float32Array; Y: Float32Array | Int32Array };
export declare function engineContender(rw: ReluWasm, label: string): TrainContender;
export declare function plainJsContender(): TrainContender;
export declare function runTrainCompare(
  options: SampleOptions & {
    contenders: TrainContender[];
    cases?: readonly TrainCase[];
    onProgress?: (current: string) => void;
  },
): Promise<TrainRow[]>;
