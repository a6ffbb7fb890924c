import type { ReluWasm } from 'relu-wasm';

import type { SampleOptions } from './kernel-bench.mjs';

export interface FrameRow {
  id: string;
  name: string;
  ms: { frame: number; train: number; predict: number; activations: number };
  ok: boolean;
}
export declare const GRID: number;
export declare const FRAME_CASES: readonly {
  id: string;
  name: string;
  sizes: number[];
  activation: string;
  steps: number;
}[];
export declare function runFrameBench(rw: ReluWasm, options?: SampleOptions): FrameRow[];
