// One relu-wasm instance per page, shared by every element: created lazily by the first
// element that needs it, with the options from ReluElements.configure() (or the first
// element's `wasm-paths` attribute), or the page's own instance given to ReluElements.use().
import { loadRelu, type LoadReluOptions } from '../index.js';
import type { ReluWasm } from '../relu-wasm.js';

let options: LoadReluOptions | undefined;
let given: Promise<ReluWasm> | undefined;
let instance: Promise<ReluWasm> | undefined;
// Set once the load has begun (or an instance was given); configure() and use() throw after.
let started = false;
let load: (options?: LoadReluOptions) => Promise<ReluWasm> = loadRelu;

function checkNotStarted(call: string): void {
  if (started) throw new Error(`ReluElements.${call}() must run before the first relu-wasm element loads`);
}

export const ReluElements = {
  /**
   * Where the elements load the .wasm files from, and whether to use SIMD, as loadRelu()'s
   * options. Call it in the module that imports relu-wasm/elements, before any `await`: the
   * elements already in the page start loading only after that module's code has run.
   * Afterwards it throws, because the shared instance already exists.
   */
  configure(next: LoadReluOptions): void {
    checkNotStarted('configure');
    options = { ...next };
  },
  /**
   * Gives the elements an instance the page already has (from loadRelu(), or a promise of
   * one), so the binary is fetched and compiled once. Same timing rule as configure().
   */
  use(relu: ReluWasm | Promise<ReluWasm>): void {
    checkNotStarted('use');
    given = Promise.resolve(relu);
  },
  /** The shared instance (loaded on first call), e.g. to run your own kernels next to the elements. */
  relu(): Promise<ReluWasm> {
    return sharedRelu(undefined);
  },
};

/** @internal relu-wasm/embedded/elements loads the embedded binaries instead. */
export function setDefaultLoad(next: (options?: LoadReluOptions) => Promise<ReluWasm>): void {
  load = next;
}

/** @internal The shared instance; `wasmPaths` (an element's attribute) applies only if nothing was configured. */
export function sharedRelu(wasmPaths: string | null | undefined): Promise<ReluWasm> {
  if (!instance) {
    // Elements already in the page connect while relu-wasm/elements is being imported, before
    // the importing module could call configure() or use(): start after the current job.
    instance = Promise.resolve().then(() => {
      started = true;
      return given ?? load(options ?? (wasmPaths ? { wasmPaths } : undefined));
    });
    // A failed load (offline, wrong path) can be retried by the next element.
    instance.catch(() => {
      instance = undefined;
      if (!given) started = false;
    });
  }
  return instance;
}
