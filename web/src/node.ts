// relu-wasm for Node (selected by the "node" export condition): the same API, with file:
// URLs read from disk, since Node's fetch cannot read files.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { ReluLoadError } from './errors.js';
import { loadReluWith, type LoadReluOptions } from './load-relu.js';
import type { ReluWasm } from './relu-wasm.js';
import { checkWasmMagic, fetchBytes } from './wasm-bytes.js';

export * from './index.js';

async function readBytes(url: URL): Promise<ArrayBuffer> {
  if (url.protocol !== 'file:') return fetchBytes(url);
  let data: Buffer;
  try {
    data = await readFile(url);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ReluLoadError(`could not read the relu-wasm binary at ${url.href}: ${reason}`, 'fetch-failed', url.href, undefined, { cause });
  }
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  checkWasmMagic(bytes, url.href, null);
  return bytes;
}

/** Loads the ReLU kernels (SIMD when available) into a new, independent WASM instance. */
export function loadRelu(options?: LoadReluOptions): Promise<ReluWasm> {
  return loadReluWith(options, readBytes, pathToFileURL(`${process.cwd()}/`).href);
}
