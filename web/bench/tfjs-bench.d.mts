import type { BenchVariant } from './kernel-bench.mjs';
import type { TrainContender } from './train-compare.mjs';

// `tf` is the @tensorflow/tfjs namespace; typed loosely so this file needs no TF.js types.
type Tf = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export declare function tfjsKernelVariants(tf: Tf, backend: string): BenchVariant[];
export declare function tfjsSmoothVariants(tf: Tf, backend: string): BenchVariant[];
export declare function tfjsLayersContender(tf: Tf, backend: string): TrainContender;
export declare function tfjsLoopContender(tf: Tf, backend: string): TrainContender;
