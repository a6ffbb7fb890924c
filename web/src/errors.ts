// Errors a caller can act on. Bad arguments are plain TypeError / RangeError (what the
// platform itself throws); failures to obtain or start a binary are ReluLoadError.

export type ReluLoadErrorReason =
  | 'simd-unsupported' // simd: true, but the engine cannot run WASM SIMD
  | 'fetch-failed' // network error or non-2xx HTTP status
  | 'not-wasm' // the bytes are not a WebAssembly binary (e.g. an HTML error page)
  | 'instantiate-failed'; // compiling or starting the module failed

export class ReluLoadError extends Error {
  override readonly name = 'ReluLoadError';
  constructor(
    message: string,
    readonly reason: ReluLoadErrorReason,
    /** The binary's URL, when the failure concerns one. */
    readonly url?: string,
    /** The HTTP status, when a server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
