import type { ReluWasm } from 'relu-wasm';

import type { TrainCase, TrainContender, TrainRow } from './train-compare.mjs';

export declare const CONV_INPUT: number[];
export declare const CONV_LAYERS: ({ conv: number; kernel: 5; padding: 'same' } | { pool: 2 } | { dense: number })[];
export declare const CONV_TRAIN_CASE: TrainCase;
export declare const CONV_INFER_CASE: TrainCase;
export declare function convEngineContender(rw: ReluWasm, label: string, kind?: 'train' | 'infer'): TrainContender;
export declare function tfjsConvContender(tf: unknown, backend: string, kind?: 'train' | 'infer'): TrainContender;
export declare function evaluateConv(rows?: TrainRow[]): { target: string; value: string; pass: boolean }[];
export declare function convTableRows(rows?: TrainRow[], verdicts?: { target: string; pass: boolean }[]): string[];
