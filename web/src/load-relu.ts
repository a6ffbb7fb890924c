// loadRelu(): picks the SIMD or scalar binary, fetches and compiles it, starts the Embind
// module and wraps it. Each call makes an independent instance with its own memory.
import { checkOptions, describe } from './checks.js';
import { ReluLoadError } from './errors.js';
import { ReluWasm, type Backend } from './relu-wasm.js';
import { wasmSimdSupported } from './simd-support.js';
import type { ReadBytes } from './wasm-bytes.js';
import type { ReluModuleFactory, ReluWasmModule } from './wasm-module.js';

export interface WasmPathMap {
  /** URL of relu-simd.wasm. */
  simd?: string | URL;
  /** URL of relu-scalar.wasm. */
  scalar?: string | URL;
}

export interface LoadReluOptions {
  /**
   * 'auto' (default): SIMD when the engine supports it, else scalar. true: SIMD or reject.
   * false: always the scalar binary.
   */
  simd?: 'auto' | boolean;
  /**
   * Where the .wasm files are served, for self-hosting or a CDN: a URL prefix (a folder,
   * `relu-simd.wasm` and `relu-scalar.wasm` are appended) or one URL per binary. Relative
   * URLs resolve against the page (browsers) or the working directory (Node). By default
   * they are loaded from the package's own dist/wasm/ folder.
   */
  wasmPaths?: string | URL | WasmPathMap;
}

const BINARY_FILE = { 'wasm-simd': 'relu-simd.wasm', 'wasm-scalar': 'relu-scalar.wasm' } as const;

// Static expressions, so bundlers (Vite, webpack, Rollup) see and emit both files.
function packagedBinaryUrl(backend: Backend): URL {
  return backend === 'wasm-simd'
    ? new URL('./wasm/relu-simd.wasm', import.meta.url)
    : new URL('./wasm/relu-scalar.wasm', import.meta.url);
}

async function importFactory(backend: Backend): Promise<ReluModuleFactory> {
  const glue = backend === 'wasm-simd' ? await import('./wasm/relu-simd.mjs') : await import('./wasm/relu-scalar.mjs');
  return glue.default;
}

function chooseBackend(simd: LoadReluOptions['simd']): Backend {
  if (simd === undefined || simd === 'auto') return wasmSimdSupported() ? 'wasm-simd' : 'wasm-scalar';
  if (simd === false) return 'wasm-scalar';
  if (simd === true) {
    if (!wasmSimdSupported()) {
      throw new ReluLoadError(
        "this JavaScript engine does not support WebAssembly SIMD (simd: true was requested); use simd: 'auto' to fall back to the scalar build",
        'simd-unsupported',
      );
    }
    return 'wasm-simd';
  }
  throw new TypeError(`options.simd must be 'auto', true or false, got ${describe(simd)}`);
}

function binaryUrl(backend: Backend, wasmPaths: LoadReluOptions['wasmPaths'], base: string): URL {
  if (wasmPaths === undefined) return packagedBinaryUrl(backend);
  if (typeof wasmPaths === 'string' || wasmPaths instanceof URL) {
    let prefix = wasmPaths.toString();
    if (!prefix.endsWith('/')) prefix += '/';
    return new URL(BINARY_FILE[backend], new URL(prefix, base));
  }
  if (typeof wasmPaths !== 'object' || wasmPaths === null) {
    throw new TypeError(`options.wasmPaths must be a URL prefix or { simd, scalar }, got ${describe(wasmPaths)}`);
  }
  const url = backend === 'wasm-simd' ? wasmPaths.simd : wasmPaths.scalar;
  if (url === undefined) return packagedBinaryUrl(backend);
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw new TypeError(`options.wasmPaths.${backend === 'wasm-simd' ? 'simd' : 'scalar'} must be a URL string, got ${describe(url)}`);
  }
  return new URL(url.toString(), base);
}

async function instantiate(factory: ReluModuleFactory, wasm: WebAssembly.Module, url: string): Promise<ReluWasmModule> {
  // Emscripten's ready promise never settles if instantiateWasm fails, so race it against
  // our own rejection.
  let failed: (reason: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  const started = factory({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasm, imports).then((instance) => {
        // A module that instantiates but is not this build (an empty module, an older build,
        // another library's file) makes the glue throw here, where nobody would catch it:
        // Node would exit and a browser would wait forever.
        try {
          receive(instance);
        } catch (cause) {
          failed(cause);
        }
      }, failed);
      return {};
    },
    onAbort: failed,
    print: () => {},
    printErr: () => {},
  });
  try {
    return await Promise.race([started, failure]);
  } catch (cause) {
    throw new ReluLoadError(notOurs(url, cause), 'instantiate-failed', url, undefined, { cause });
  }
}

function notOurs(url: string, cause: unknown): string {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return (
    `could not start the relu-wasm binary from ${url} (${reason}): the file is WebAssembly but not this version's ` +
    'relu-wasm binary; serve the .wasm files of the same package version as its JavaScript'
  );
}

async function compile(bytes: ArrayBuffer, url: URL): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes);
  } catch (cause) {
    throw new ReluLoadError(
      `the relu-wasm binary at ${url.href} did not compile: ${cause instanceof Error ? cause.message : String(cause)}`,
      'instantiate-failed',
      url.href,
      undefined,
      { cause },
    );
  }
}

/** @internal The platform entry points (index.ts, node.ts) supply how bytes are read. */
export async function loadReluWith(options: LoadReluOptions | undefined, readBytes: ReadBytes, base: string): Promise<ReluWasm> {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`loadRelu options must be an object, got ${describe(options)}`);
  }
  checkOptions(options, 'options', ['simd', 'wasmPaths']);
  const backend = chooseBackend(options?.simd);
  const url = binaryUrl(backend, options?.wasmPaths, base);
  // The binary is fetched and compiled while the glue module loads: compilation does not wait
  // for the glue (measured on the load page, docs/benchmarks.md).
  const [wasm, factory] = await Promise.all([readBytes(url).then((bytes) => compile(bytes, url)), importFactory(backend)]);
  const module = await instantiate(factory, wasm, url.href);
  let isa: string;
  try {
    isa = module.kernelIsa();
  } catch (cause) {
    throw new ReluLoadError(notOurs(url.href, cause), 'instantiate-failed', url.href, undefined, { cause });
  }
  if (isa !== backend) {
    throw new ReluLoadError(`the binary at ${url.href} is the ${isa} build, expected ${backend}`, 'instantiate-failed', url.href);
  }
  return new ReluWasm(module, backend);
}
