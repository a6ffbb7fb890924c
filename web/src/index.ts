// relu-wasm for browsers and workers (bundled or as native ES modules).
import { loadReluWith, type LoadReluOptions } from './load-relu.js';
import type { ReluWasm } from './relu-wasm.js';
import { fetchBytes } from './wasm-bytes.js';

export { ReluLoadError, type ReluLoadErrorReason } from './errors.js';
export type { LoadReluOptions, WasmPathMap } from './load-relu.js';
export type { Backend, GradAtZero, ReluBackwardOptions, ReluIntoOptions, ReluWasm } from './relu-wasm.js';
export type { WasmBuffer } from './wasm-buffer.js';
export type { FloatInput } from './checks.js';
export type { MLP, LayerParams, LayerGradients, LossAndGradients, Targets } from './mlp.js';
export type { MLPOptions, TrainAsyncOptions, TrainLoopOptions, TrainOptions } from './mlp-options.js';
// The option table: names, defaults, ranges and enum and status codes of every option.
export * from './option-specs.js';
export { wasmSimdSupported } from './simd-support.js';
export { DIVERGENCE_FACTOR, hasDiverged } from './divergence.js';

/** Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance. */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  const base = globalThis.location?.href ?? import.meta.url;
  return loadReluWith(options, fetchBytes, base);
}
