// Owns one module instance's memory from the JavaScript side: allocations, the reusable
// scratch area of the copying API, and fresh views. Views are derived at each use because
// memory growth detaches every earlier view (its byteLength drops to 0).
import type { ReluWasmModule } from './wasm-module.js';

/** A block freed when its last holder is garbage-collected. */
export interface Lease {
  readonly kind: 'buffer' | 'mlp';
  readonly address: number;
  holders: number;
}

/** WASM32 with memory growth stops at 2 GiB; no float array can be larger than this. */
export const MAX_FLOATS = 2 ** 29;

export class WasmHeap {
  private scratchOffset = 0;
  private scratchBytes = 0;
  // Buffers and networks the caller forgot to dispose are freed when garbage-collected. A
  // buffer's block is held by the buffer and by every view it handed out: it is freed when
  // the last of them is collected, so a kept view never sees the block reused.
  private readonly finalizer = new FinalizationRegistry<Lease>((lease) => {
    if (--lease.holders > 0) return;
    if (lease.kind === 'buffer') this.module.freeBytes(lease.address);
    else this.module.mlpDestroy(lease.address);
  });

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

  /**
   * A way back to `value` after an allocation: a Float32Array over this memory (e.g. from
   * `buffer.view()`) is detached when the allocation grows the memory, so it is found again
   * by its offset; anything else is returned as it is.
   */
  locate<T>(value: T): () => T {
    if (ArrayBuffer.isView(value) && value.buffer === this.module.HEAPU8.buffer) {
      const { byteOffset, byteLength } = value;
      const Kind = value.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => T;
      const bytesPerElement = (value as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      return () => new Kind(this.module.HEAPU8.buffer, byteOffset, byteLength / bytesPerElement);
    }
    return () => value;
  }

  free(offset: number): void {
    this.module.freeBytes(offset);
  }

  /** Frees `address` (a buffer, or a network) once `owner` is collected, unless released first. */
  watch(owner: object, address: number, kind: Lease['kind'] = 'buffer'): Lease {
    const lease: Lease = { kind, address, holders: 1 };
    this.finalizer.register(owner, lease, lease);
    return lease;
  }

  /** `holder` (a view of the leased block) keeps the block from being freed while reachable. */
  hold(lease: Lease, holder: object): void {
    lease.holders++;
    this.finalizer.register(holder, lease, lease);
  }

  /** The owner frees the block itself (dispose): collecting its holders frees nothing. */
  release(lease: Lease): void {
    this.finalizer.unregister(lease);
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
