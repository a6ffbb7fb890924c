import type { ReluWasm } from 'relu-wasm';

import type { BenchKernels } from './bench-kernels.mjs';

export interface BenchCell {
  run(): void;
  check(): boolean;
  dispose(): void;
}
export interface BenchVariant {
  id: string;
  label: string;
  bytesPerElement: number;
  setup(n: number): BenchCell;
}
export interface BenchRow {
  id: string;
  label: string;
  n: number;
  secondsPerCall: number;
  gbps: number;
  /** Interleaved runs only: GB/s of the slowest and the fastest round. */
  spread?: [number, number];
  rounds?: number;
  ok: boolean;
}
export interface BenchProgress {
  done: number;
  total: number;
  current: string;
}
/** How long each timed sample runs at the least, and how many samples the median is of. */
export interface SampleOptions {
  minSampleMs?: number;
  samples?: number;
}
export declare const KERNEL_SIZES: readonly number[];
export declare function timeCall(run: () => void, options?: SampleOptions): number;
export declare function timeCallAsync(run: () => Promise<unknown>, options?: SampleOptions): Promise<number>;
export declare function input(n: number, seed?: number): Float32Array;
export declare function reluReference(x: Float32Array): Float32Array;
export declare function reluBackwardReference(x: Float32Array, dy: Float32Array): Float32Array;
export declare function sameBits(a: Float32Array, b: Float32Array): boolean;
export declare function variant(
  id: string,
  label: string,
  bytesPerElement: number,
  setup: (n: number) => BenchCell,
): BenchVariant;
export declare function backwardInputs(n: number): { x: Float32Array; dy: Float32Array };
export declare const smoothReference: {
  sigmoid(x: number): number;
  tanh(x: number): number;
  sigmoidBackward(x: number, dy: number): number;
  tanhBackward(x: number, dy: number): number;
};
export declare function closeTo(y: ArrayLike<number>, want: ArrayLike<number>, rel?: number, abs?: number): boolean;
export declare function smoothActivationVariants(instances: { label: string; rw: ReluWasm }[]): BenchVariant[];
export declare function yardstickVariants(bench: BenchKernels): BenchVariant[];
export declare function reluBackwardVariants(instances: { label: string; rw: ReluWasm }[]): BenchVariant[];
export declare function reluForwardVariants(instances: { label: string; rw: ReluWasm }[]): BenchVariant[];
export declare function runKernelBench(
  options: SampleOptions & {
    variants: BenchVariant[];
    sizes?: readonly number[];
    onProgress?: (p: BenchProgress) => void;
    /** Sample the variants of one size in rounds, side by side in time (see kernel-bench.mjs). */
    interleave?: boolean;
  },
): Promise<BenchRow[]>;
