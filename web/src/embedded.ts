// relu-wasm/embedded: the same API as relu-wasm, with both binaries inside the JavaScript, so
// bundlers that do not emit `new URL('x.wasm', import.meta.url)` files (esbuild, Rollup,
// `bun build`) work with no configuration. Each binary is one generated module holding its
// bytes as base64 (web/scripts/build-embedded.mjs), imported only when that binary is chosen.
import { BINARY_FILE, loadReluWith, type BinarySource, type LoadReluOptions } from './load-relu.js';
import type { Backend, ReluWasm } from './relu-wasm.js';
import { fetchBytes } from './wasm-bytes.js';

export * from './index.js';

function decode(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

function packaged(backend: Backend): BinarySource {
  return {
    where: `relu-wasm/embedded (${BINARY_FILE[backend]})`,
    read: async () =>
      decode(
        (backend === 'wasm-simd'
          ? await import('./embedded/relu-simd-wasm.js')
          : await import('./embedded/relu-scalar-wasm.js')
        ).default,
      ),
  };
}

/**
 * Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance, from
 * the binaries embedded in the JavaScript (or from `wasmPaths`, fetched, when given).
 */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  const base = globalThis.location?.href ?? import.meta.url;
  return loadReluWith(options, { packaged, readBytes: fetchBytes, base });
}
