import type { ReluWasm } from 'relu-wasm';

export interface TrainBenchResult {
  name: string;
  samplesPerSecond: number;
  rounds: number[];
}
export declare function dataset(rows: number, classes: number): { X: Float32Array; Y: Float32Array | Int32Array };
export declare const TRAIN_CASES: readonly { name: string }[];
export declare function runTrainBench(rw: ReluWasm, options?: { rounds?: number }): TrainBenchResult[];
export declare function formatTrainBench(backend: string, results: TrainBenchResult[]): string;
