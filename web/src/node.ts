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

// The package's own files, read from disk next to this module. The static form below is what
// plain Node, Deno, Bun and Turbopack's server build (which copies the file and points the URL
// at the copy) understand. webpack's server build (Next.js --webpack) rewrites it into the
// asset's public path (/_next/static/media/…), which is no file; there, import.meta.url alone
// still names this module in node_modules, so the file beside it is read instead. That path is
// built from strings on purpose: a `new URL(variable, import.meta.url)` makes bundlers guess.
const here: string = import.meta.url;
function packaged(backend: Backend): BinarySource {
  const fixed =
    backend === 'wasm-simd'
      ? new URL('./wasm/relu-simd.wasm', import.meta.url)
      : new URL('./wasm/relu-scalar.wasm', import.meta.url);
  const url =
    fixed.protocol === 'file:'
      ? fixed
      : new URL(`${here.slice(0, here.lastIndexOf('/'))}/wasm/${BINARY_FILE[backend]}`);
  return { where: url.href, read: () => readBytes(url) };
}

/** Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance. */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  return loadReluWith(options, { packaged, readBytes, base: pathToFileURL(`${process.cwd()}/`).href });
}
