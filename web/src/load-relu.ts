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

/** @internal */
export const BINARY_FILE = { 'wasm-simd': 'relu-simd.wasm', 'wasm-scalar': 'relu-scalar.wasm' } as const;

/** @internal A binary to load: a URL to name in messages, and how to read its bytes. */
export interface BinarySource {
  where: string;
  read(): Promise<ArrayBuffer>;
}

/** @internal What each entry point (index.ts, node.ts, embedded.ts) supplies. */
export interface Platform {
  /** The package's own binary for a backend (a file next to the JavaScript, or embedded bytes). */
  packaged(backend: Backend): BinarySource;
  /** Reads a binary at a URL given through `wasmPaths`. */
  readBytes: ReadBytes;
  /** What relative `wasmPaths` resolve against. */
  base: string;
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

function binarySource(backend: Backend, wasmPaths: LoadReluOptions['wasmPaths'], platform: Platform): BinarySource {
  const at = (url: URL): BinarySource => ({ where: url.href, read: () => platform.readBytes(url) });
  const base = platform.base;
  if (wasmPaths === undefined) return platform.packaged(backend);
  if (typeof wasmPaths === 'string' || wasmPaths instanceof URL) {
    let prefix = wasmPaths.toString();
    if (!prefix.endsWith('/')) prefix += '/';
    return at(new URL(BINARY_FILE[backend], new URL(prefix, base)));
  }
  if (typeof wasmPaths !== 'object' || wasmPaths === null) {
    throw new TypeError(`options.wasmPaths must be a URL prefix or { simd, scalar }, got ${describe(wasmPaths)}`);
  }
  const url = backend === 'wasm-simd' ? wasmPaths.simd : wasmPaths.scalar;
  if (url === undefined) return platform.packaged(backend);
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw new TypeError(
      `options.wasmPaths.${backend === 'wasm-simd' ? 'simd' : 'scalar'} must be a URL string, got ${describe(url)}`,
    );
  }
  return at(new URL(url.toString(), base));
}

async function instantiate(factory: ReluModuleFactory, wasm: WebAssembly.Module, url: string): Promise<ReluWasmModule> {
  // Emscripten's ready promise never settles if instantiateWasm fails, so race it against
  // our own rejection.
  let failed: (reason: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  const started = factory({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasm, imports as WebAssembly.Imports).then((instance) => {
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

async function compile(bytes: ArrayBuffer, where: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes);
  } catch (cause) {
    throw new ReluLoadError(
      `the relu-wasm binary at ${where} did not compile: ${cause instanceof Error ? cause.message : String(cause)}`,
      'instantiate-failed',
      where,
      undefined,
      { cause },
    );
  }
}

/** @internal The entry points (index.ts, node.ts, embedded.ts) supply where binaries come from. */
export async function loadReluWith(options: LoadReluOptions | undefined, platform: Platform): Promise<ReluWasm> {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`loadRelu options must be an object, got ${describe(options)}`);
  }
  checkOptions(options, 'options', ['simd', 'wasmPaths']);
  const backend = chooseBackend(options?.simd);
  const source = binarySource(backend, options?.wasmPaths, platform);
  const where = source.where;
  // The binary is fetched and compiled while the glue module loads: compilation does not wait
  // for the glue (measured on the load page, docs/benchmarks.md).
  const [wasm, factory] = await Promise.all([
    source.read().then((bytes) => compile(bytes, where)),
    importFactory(backend),
  ]);
  const module = await instantiate(factory, wasm, where);
  let isa: string;
  try {
    isa = module.kernelIsa();
  } catch (cause) {
    throw new ReluLoadError(notOurs(where, cause), 'instantiate-failed', where, undefined, { cause });
  }
  if (isa !== backend) {
    throw new ReluLoadError(
      `the binary at ${where} is the ${isa} build, expected ${backend}`,
      'instantiate-failed',
      where,
    );
  }
  return new ReluWasm(module, backend);
}
