// relu-wasm for browsers and workers (bundled or as native ES modules).
import { loadReluWith, type BinarySource, type LoadReluOptions } from './load-relu.js';
import type { Backend, ReluWasm } from './relu-wasm.js';
import { fetchBytes } from './wasm-bytes.js';

export { ReluLoadError, type ReluLoadErrorReason } from './errors.js';
export type { LoadReluOptions, WasmPathMap } from './load-relu.js';
export type { Backend, GradAtZero, ReluBackwardOptions, ReluIntoOptions, ReluWasm } from './relu-wasm.js';
export type { WasmBuffer } from './wasm-buffer.js';
export type { FloatInput, NumberArray } from './checks.js';
export type {
  MLP,
  Evaluation,
  LayerParams,
  LayerGradients,
  LossAndGradients,
  Targets,
  GradientCheck,
  GradientCheckEntry,
} from './mlp.js';
export type { ConvNet, ConvNetLayerInfo } from './conv-net.js';
export type { ConvLayer, ConvNetLayer, ConvNetOptions, DenseLayer, PoolLayer } from './conv-net-options.js';
export type { Dataset, DatasetFeatures, DatasetOptions, DatasetTargets } from './dataset.js';
export type { DatasetTrainAsyncOptions, DatasetTrainOptions, EvaluateOptions } from './dataset-options.js';
export type {
  GradientCheckOptions,
  MLPOptions,
  TrainAsyncOptions,
  TrainLoopOptions,
  TrainOptions,
} from './mlp-options.js';
// The option table: names, defaults, ranges and enum and status codes of every option.
export * from './option-specs.js';
export { wasmSimdSupported } from './simd-support.js';
export { DIVERGENCE_FACTOR, hasDiverged } from './divergence.js';

// Static expressions, so bundlers that understand them (Vite, webpack, Parcel, Next.js) emit
// both files; esbuild, Rollup and `bun build` do not: relu-wasm/embedded is for them.
function packaged(backend: Backend): BinarySource {
  const url =
    backend === 'wasm-simd'
      ? new URL('./wasm/relu-simd.wasm', import.meta.url)
      : new URL('./wasm/relu-scalar.wasm', import.meta.url);
  return { where: url.href, read: () => fetchBytes(url) };
}

/** Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance. */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  const base = globalThis.location?.href ?? import.meta.url;
  return loadReluWith(options, { packaged, readBytes: fetchBytes, base });
}
