// One relu-wasm instance per page, shared by every element: created lazily by the first
// element that needs it, with the options from ReluElements.configure() (or the first
// element's `wasm-paths` attribute).
import { loadRelu, type LoadReluOptions } from '../index.js';
import type { ReluWasm } from '../relu-wasm.js';

let options: LoadReluOptions | undefined;
let instance: Promise<ReluWasm> | undefined;

export const ReluElements = {
  /**
   * Where the elements load the .wasm files from, and whether to use SIMD, as loadRelu()'s
   * options. Call before the first element connects; afterwards it throws, because the
   * shared instance already exists.
   */
  configure(next: LoadReluOptions): void {
    if (instance) throw new Error('ReluElements.configure() must run before the first relu-wasm element loads');
    options = { ...next };
  },
  /** The shared instance (loaded on first call), e.g. to run your own kernels next to the elements. */
  relu(): Promise<ReluWasm> {
    return sharedRelu(undefined);
  },
};

/** @internal The shared instance; `wasmPaths` (an element's attribute) applies only if nothing was configured. */
export function sharedRelu(wasmPaths: string | null | undefined): Promise<ReluWasm> {
  if (!instance) {
    const chosen = options ?? (wasmPaths ? { wasmPaths } : undefined);
    instance = loadRelu(chosen);
    // A failed load (offline, wrong path) can be retried by the next element.
    instance.catch(() => (instance = undefined));
  }
  return instance;
}
