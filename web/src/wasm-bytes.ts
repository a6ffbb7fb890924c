// Reading a binary's bytes, with errors that name the URL and what went wrong.
import { ReluLoadError } from './errors.js';

export type ReadBytes = (url: URL) => Promise<ArrayBuffer>;

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Browsers and workers (and http(s) URLs in Node): fetch. */
export async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ReluLoadError(
      `could not fetch the relu-wasm binary at ${url.href}: ${cause instanceof Error ? cause.message : String(cause)}`,
      'fetch-failed',
      url.href,
      undefined,
      { cause },
    );
  }
  if (!response.ok) {
    throw new ReluLoadError(
      `could not fetch the relu-wasm binary at ${url.href}: HTTP ${response.status} ${response.statusText}`.trimEnd(),
      'fetch-failed',
      url.href,
      response.status,
    );
  }
  const bytes = await response.arrayBuffer();
  checkWasmMagic(bytes, url.href, response.headers.get('content-type'), response.status);
  return bytes;
}

/** Rejects bytes that are not a WebAssembly binary, e.g. an SPA's index.html served for a missing file. */
export function checkWasmMagic(bytes: ArrayBuffer, url: string, contentType: string | null, status?: number): void {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (head.length === 4 && WASM_MAGIC.every((b, i) => head[i] === b)) return;
  const start = new TextDecoder().decode(new Uint8Array(bytes, 0, Math.min(40, bytes.byteLength))).replace(/\s+/g, ' ');
  const served = contentType ? ` (served as ${contentType}${status ? `, HTTP ${status}` : ''})` : '';
  throw new ReluLoadError(
    `the file at ${url} is not a WebAssembly binary${served}; it starts with ${JSON.stringify(start)}. ` +
      'Check that the .wasm files from relu-wasm/dist/wasm are served at that URL (see the wasmPaths option).',
    'not-wasm',
    url,
    status,
  );
}
