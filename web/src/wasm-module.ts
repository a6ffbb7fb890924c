// The Embind module as cpp/bindings/bindings.cc exposes it. Offsets are byte offsets into
// WASM memory; sizes are element counts.
export interface ReluWasmModule {
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
}

export interface ReluModuleOptions {
  instantiateWasm(
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance) => void,
  ): Record<string, never>;
  onAbort?(what: unknown): void;
  print?(text: string): void;
  printErr?(text: string): void;
}

export type ReluModuleFactory = (options: ReluModuleOptions) => Promise<ReluWasmModule>;
