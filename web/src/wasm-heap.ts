// Owns one module instance's memory from the JavaScript side: allocations, the reusable
// scratch area of the copying API, and fresh views. Views are derived at each use because
// memory growth detaches every earlier view (its byteLength drops to 0).
import type { ReluWasmModule } from './wasm-module.js';

/** A block freed when its last holder is garbage-collected. */
export interface Lease {
  readonly kind: 'buffer' | 'mlp' | 'conv';
  readonly address: number;
  holders: number;
}

/** WASM32 with memory growth stops at 2 GiB; no float array can be larger than this. */
export const MAX_FLOATS = 2 ** 29;

/**
 * Every allocation starts on a cache line: the allocator (emmalloc) gives 8-byte-aligned
 * blocks, and a kernel reading two arrays 8 bytes off a 16-byte boundary splits every fourth
 * vector load across two cache lines (docs/wasm-codegen.md). 64 bytes also makes every SIMD
 * kernel's scalar alignment head empty.
 */
const ALIGN = 64;
/**
 * Allocations of at least a page (4 KiB) are also staggered: the k-th starts at
 * (k mod 3) * STAGGER bytes modulo 4 KiB, so any three consecutive buffers (x, dy, dx) are at
 * least 1.3 KiB apart modulo 4 KiB. Otherwise an output a few bytes ahead of an input modulo
 * 4 KiB makes the CPU see false dependencies between a load and earlier stores ("4K
 * aliasing"; docs/benchmarks.md has the measurements). Costs up to 4 KiB per such buffer.
 */
const PAGE = 4096;
const STAGGER = 1344;
const STAGGER_MIN_BYTES = PAGE;

export class WasmHeap {
  private scratchOffset = 0;
  private scratchBytes = 0;
  // The allocator's block of each aligned allocation that does not start at its block.
  private readonly blocks = new Map<number, number>();
  private staggered = 0;
  // Buffers and networks the caller forgot to dispose are freed when garbage-collected. A
  // buffer's block is held by the buffer and by every view it handed out: it is freed when
  // the last of them is collected, so a kept view never sees the block reused.
  private readonly finalizer = new FinalizationRegistry<Lease>((lease) => {
    if (--lease.holders > 0) return;
    if (lease.kind === 'buffer') this.free(lease.address);
    else if (lease.kind === 'mlp') this.module.mlpDestroy(lease.address);
    else this.module.convDestroy(lease.address);
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
    const bytes = floats * 4;
    const stagger = bytes >= STAGGER_MIN_BYTES;
    const block = this.module.allocBytes(bytes + (stagger ? PAGE + ALIGN : ALIGN));
    if (block === 0) {
      const mib = ((floats * 4) / 2 ** 20).toFixed(1);
      throw new RangeError(
        `cannot allocate ${what} (${mib} MiB): WebAssembly memory is limited to 2 GiB ` +
          `and ${(this.bytes / 2 ** 20).toFixed(0)} MiB are already reserved`,
      );
    }
    let offset = block + ((ALIGN - (block % ALIGN)) % ALIGN);
    if (stagger) {
      const colour = (this.staggered++ % 3) * STAGGER;
      offset += (colour - (offset % PAGE) + PAGE) % PAGE;
    }
    if (offset !== block) this.blocks.set(offset, block);
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

  /** Frees an allocation of allocFloats by the offset it returned. */
  free(offset: number): void {
    const block = this.blocks.get(offset);
    if (block === undefined) {
      this.module.freeBytes(offset);
    } else {
      this.blocks.delete(offset);
      this.module.freeBytes(block);
    }
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
