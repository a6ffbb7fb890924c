// relu-wasm for Node, Deno and Bun (selected by the "node" export condition): the same API,
// with file: URLs read from disk, since Node's fetch cannot read files.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { ReluLoadError } from './errors.js';
import { BINARY_FILE, loadReluWith, type BinarySource, type LoadReluOptions } from './load-relu.js';
import type { Backend, ReluWasm } from './relu-wasm.js';
import { checkWasmMagic, fetchBytes } from './wasm-bytes.js';

export * from './index.js';

async function readBytes(url: URL): Promise<ArrayBuffer> {
  if (url.protocol !== 'file:') return fetchBytes(url);
  let data: Buffer;
  try {
    data = await readFile(url);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const missing = (cause as { code?: unknown } | null)?.code === 'ENOENT';
    const hint = missing
      ? ". If a bundler moved relu-wasm away from its dist/wasm folder (a server bundle), import from 'relu-wasm/embedded' or pass wasmPaths"
      : '';
    throw new ReluLoadError(
      `could not read the relu-wasm binary at ${url.href}: ${reason}${hint}`,
      'fetch-failed',
      url.href,
      undefined,
      { cause },
    );
  }
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  checkWasmMagic(bytes, url.href, null);
  return bytes;
}

// The package's own files, read from disk next to this module. Deliberately not the static
// `new URL('./wasm/relu-simd.wasm', import.meta.url)`: a bundler's server build (Next.js with
// webpack) rewrites that form into the asset's public URL (/_next/static/media/…), which is no
// file and which Node cannot fetch; import.meta.url alone stays this file's own file: URL.
const here = import.meta.url;
function packaged(backend: Backend): BinarySource {
  const url = new URL(`./wasm/${BINARY_FILE[backend]}`, here);
  return { where: url.href, read: () => readBytes(url) };
}

/** Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance. */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  return loadReluWith(options, { packaged, readBytes, base: pathToFileURL(`${process.cwd()}/`).href });
}
