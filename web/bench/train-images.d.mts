import type { ReluWasm } from 'relu-wasm';

import type { TrainCase, TrainContender, TrainRow } from './train-compare.mjs';

export declare const IMAGE_CASES: readonly TrainCase[];
export declare function imageData(
  features?: number,
  classes?: number,
): { pixels: Uint8Array; X: Float32Array; Y: Float32Array };
export declare function datasetEngineContender(rw: ReluWasm, label: string): TrainContender;
export declare function runImageCompare(options: {
  contenders: TrainContender[];
  cases?: readonly TrainCase[];
  minSampleMs?: number;
  samples?: number;
  onProgress?: (current: string) => void;
}): Promise<TrainRow[]>;
export declare function evaluateImages(rows?: TrainRow[]): { target: string; value: string; pass: boolean }[];
export declare function imageTableRows(rows?: TrainRow[], verdicts?: { target: string; pass: boolean }[]): string[];
