// The Embind module as cpp/bindings/bindings.cc exposes it. Offsets are byte offsets into
// WASM memory; sizes are element counts.
import type { EngineConvNetConfig } from './conv-net-options.js';
import type { EngineDatasetConfig } from './dataset.js';
import type {
  EngineGradientCheckOptions,
  EngineMlpConfig,
  EngineTrainLoop,
  EngineTrainOptions,
} from './mlp-options.js';

export interface ReluWasmModule extends MlpBindings, ConvNetBindings, DatasetBindings {
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  allocBytes(bytes: number): number;
  freeBytes(offset: number): void;
  reluForward(x: number, y: number, n: number): void;
  reluBackward(x: number, dy: number, dx: number, n: number, gradAtZero: number): void;
  leakyReluForward(x: number, y: number, n: number, alpha: number): void;
  leakyReluBackward(x: number, dy: number, dx: number, n: number, alpha: number): void;
  kernelIsa(): string;
  // The same kernels as raw WASM exports (no Embind invoker), for the hot zero-copy calls.
  // Emscripten installs a trampoline that replaces itself with the export on first call;
  // rawKernels() below makes that swap happen once, up front.
  _relu_wasm_forward(x: number, y: number, n: number): void;
  _relu_wasm_backward(x: number, dy: number, dx: number, n: number, gradAtZero: number): void;
  _relu_wasm_leaky_forward(x: number, y: number, n: number, alpha: number): void;
  _relu_wasm_leaky_backward(x: number, dy: number, dx: number, n: number, alpha: number): void;
  _relu_wasm_sigmoid_forward(x: number, y: number, n: number): void;
  _relu_wasm_sigmoid_backward(x: number, dy: number, dx: number, n: number): void;
  _relu_wasm_tanh_forward(x: number, y: number, n: number): void;
  _relu_wasm_tanh_backward(x: number, dy: number, dx: number, n: number): void;
}

/** The raw kernel exports, resolved (each called once with n = 0, which touches no memory). */
export interface RawKernels {
  forward(x: number, y: number, n: number): void;
  backward(x: number, dy: number, dx: number, n: number, gradAtZero: number): void;
  leakyForward(x: number, y: number, n: number, alpha: number): void;
  leakyBackward(x: number, dy: number, dx: number, n: number, alpha: number): void;
  sigmoidForward(x: number, y: number, n: number): void;
  sigmoidBackward(x: number, dy: number, dx: number, n: number): void;
  tanhForward(x: number, y: number, n: number): void;
  tanhBackward(x: number, dy: number, dx: number, n: number): void;
}

export function rawKernels(m: ReluWasmModule): RawKernels {
  m._relu_wasm_forward(0, 0, 0);
  m._relu_wasm_backward(0, 0, 0, 0, 0);
  m._relu_wasm_leaky_forward(0, 0, 0, 0);
  m._relu_wasm_leaky_backward(0, 0, 0, 0, 0);
  m._relu_wasm_sigmoid_forward(0, 0, 0);
  m._relu_wasm_sigmoid_backward(0, 0, 0, 0);
  m._relu_wasm_tanh_forward(0, 0, 0);
  m._relu_wasm_tanh_backward(0, 0, 0, 0);
  return {
    forward: m._relu_wasm_forward,
    backward: m._relu_wasm_backward,
    leakyForward: m._relu_wasm_leaky_forward,
    leakyBackward: m._relu_wasm_leaky_backward,
    sigmoidForward: m._relu_wasm_sigmoid_forward,
    sigmoidBackward: m._relu_wasm_sigmoid_backward,
    tanhForward: m._relu_wasm_tanh_forward,
    tanhBackward: m._relu_wasm_tanh_backward,
  };
}

// Structural stand-ins for WebAssembly.Imports and WebAssembly.Instance: the shipped
// declarations must compile in a project without the DOM lib, which alone declares them.
export type WasmImports = Record<string, Record<string, unknown>>;
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface ReluModuleOptions {
  instantiateWasm(imports: WasmImports, receive: (instance: WasmInstance) => void): Record<string, never>;
  onAbort?(what: unknown): void;
  print?(text: string): void;
  printErr?(text: string): void;
}

export type ReluModuleFactory = (options: ReluModuleOptions) => Promise<ReluWasmModule>;

// The calls MLP and ConvNet both have (mlpTrain and convTrain, ...), typed once: X and Y are
// addresses and lengths in floats; the result or loss goes to the last address; each returns a Status.
type LossAndGradientsCall = (
  net: number,
  x: number,
  xLen: number,
  y: number,
  yLen: number,
  l2: number,
  l1: number,
  loss: number,
) => number;
type TrainStepCall = (
  net: number,
  x: number,
  xLen: number,
  y: number,
  yLen: number,
  options: EngineTrainOptions,
  loss: number,
) => number;
type TrainCall = (
  net: number,
  x: number,
  xLen: number,
  y: number,
  yLen: number,
  loop: EngineTrainLoop,
  options: EngineTrainOptions,
  result: number,
) => number;
type TrainDatasetCall = (
  net: number,
  data: number,
  loop: EngineTrainLoop,
  options: EngineTrainOptions,
  result: number,
) => number;
type EvaluateCall = (
  net: number,
  data: number,
  first: number,
  count: number,
  predictions: number,
  confusion: number,
  result: number,
) => number;

/** The network functions of the Embind module (handles are WASM addresses of Mlp objects). */
export interface MlpBindings {
  mlpCreate(config: EngineMlpConfig, slots: number): number;
  mlpDestroy(net: number): void;
  mlpWeightCount(net: number, layer: number): number;
  mlpBiasCount(net: number, layer: number): number;
  mlpTargetWidth(net: number): number;
  mlpLastError(net: number): string;
  mlpGetParams(net: number, layer: number, w: number, b: number): number;
  mlpSetParams(net: number, layer: number, w: number, wLen: number, b: number, bLen: number): number;
  mlpLossAndGradients: LossAndGradientsCall;
  mlpGetGradients(net: number, layer: number, dw: number, db: number): number;
  mlpTrainStep: TrainStepCall;
  mlpTrain: TrainCall;
  mlpGradientCheck(
    net: number,
    x: number,
    xLen: number,
    y: number,
    yLen: number,
    options: EngineGradientCheckOptions,
    result: number,
  ): number;
  mlpResetOptimizer(net: number): void;
  mlpPredict(net: number, x: number, xLen: number, out: number): number;
  mlpForward(net: number, x: number, xLen: number): number;
  mlpGetActivations(net: number, layer: number, out: number): number;
  mlpGetPreActivations(net: number, hidden: number, out: number): number;
  mlpDeadUnits(net: number, hidden: number, out: number, count: number): number;
  mlpTrainDataset: TrainDatasetCall;
  mlpEvaluate: EvaluateCall;
  mlpClasses(net: number): number;
}

/** The convolutional network's functions (handles are WASM addresses of ConvNet objects). */
export interface ConvNetBindings {
  convCreate(config: EngineConvNetConfig, slots: number): number;
  convDestroy(net: number): void;
  convWeightCount(net: number, layer: number): number;
  convBiasCount(net: number, layer: number): number;
  convOutputSize(net: number, layer: number): number;
  convTargetWidth(net: number): number;
  convClasses(net: number): number;
  convLastError(net: number): string;
  convGetParams(net: number, layer: number, w: number, b: number): number;
  convSetParams(net: number, layer: number, w: number, wLen: number, b: number, bLen: number): number;
  convGetGradients(net: number, layer: number, dw: number, db: number): number;
  convLossAndGradients: LossAndGradientsCall;
  convTrainStep: TrainStepCall;
  convTrain: TrainCall;
  convTrainDataset: TrainDatasetCall;
  convEvaluate: EvaluateCall;
  convResetOptimizer(net: number): void;
  convPredict(net: number, x: number, xLen: number, out: number): number;
  convForward(net: number, x: number, xLen: number): number;
  convGetActivations(net: number, layer: number, out: number): number;
  convDeadUnits(net: number, layer: number, out: number, count: number): number;
}

/** The dataset functions of the Embind module (handles are WASM addresses of Dataset objects). */
export interface DatasetBindings {
  datasetCreate(config: EngineDatasetConfig, slots: number): number;
  datasetDestroy(data: number): void;
  datasetSetRows(data: number, first: number, x: number, xLen: number, y: number, yLen: number): number;
  datasetLastError(data: number): string;
}
