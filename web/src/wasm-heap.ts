// Owns one module instance's memory from the JavaScript side: allocations, the reusable
// scratch area of the copying API, and fresh views. Views are derived at each use because
// memory growth detaches every earlier view (its byteLength drops to 0).
import type { ReluWasmModule } from './wasm-module.js';

/** WASM32 with memory growth stops at 2 GiB; no float array can be larger than this. */
export const MAX_FLOATS = 2 ** 29;

export class WasmHeap {
  private scratchOffset = 0;
  private scratchBytes = 0;
  // Buffers and networks the caller forgot to dispose are freed when garbage-collected.
  private readonly finalizer = new FinalizationRegistry<{ kind: 'buffer' | 'mlp'; address: number }>(({ kind, address }) =>
    kind === 'buffer' ? this.module.freeBytes(address) : this.module.mlpDestroy(address),
  );

  constructor(readonly module: ReluWasmModule) {}

  get bytes(): number {
    return this.module.HEAPU8.buffer.byteLength;
  }

  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.module.HEAPU8.buffer, offset, length);
  }

  /**
   * Allocates `floats` floats; RangeError when the engine cannot satisfy it. `what` names
   * the allocation by the argument that asked for it, e.g. "a buffer of n = 1000 floats".
   */
  allocFloats(floats: number, what: string): number {
    const offset = this.module.allocBytes(floats * 4);
    if (offset === 0) {
      const mib = ((floats * 4) / 2 ** 20).toFixed(1);
      throw new RangeError(
        `cannot allocate ${what} (${mib} MiB): WebAssembly memory is limited to 2 GiB ` +
          `and ${(this.bytes / 2 ** 20).toFixed(0)} MiB are already reserved`,
      );
    }
    return offset;
  }

  free(offset: number): void {
    this.module.freeBytes(offset);
  }

  /** Frees `address` (a buffer, or a network) if `owner` is collected before unwatch(). */
  watch(owner: object, address: number, kind: 'buffer' | 'mlp' = 'buffer'): void {
    this.finalizer.register(owner, { kind, address }, owner);
  }

  unwatch(owner: object): void {
    this.finalizer.unregister(owner);
  }

  /**
   * Offset of a scratch area of at least `floats` floats, reused across calls of the copying
   * API so a call costs two copies and no allocation. Invalidated by the next call.
   */
  scratch(floats: number, forWhat = 'the arguments'): number {
    const bytes = floats * 4;
    if (bytes > this.scratchBytes) {
      // Grow geometrically so a sequence of growing inputs reallocates O(log n) times.
      const want = Math.max(bytes, Math.min(this.scratchBytes * 2, MAX_FLOATS * 4), 4096);
      const offset = this.allocFloats(want / 4, `scratch space of ${want / 4} floats to copy ${forWhat} into`);
      if (this.scratchOffset !== 0) this.free(this.scratchOffset);
      this.scratchOffset = offset;
      this.scratchBytes = want;
    }
    return this.scratchOffset;
  }
}
