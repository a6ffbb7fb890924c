// A float32 array that lives in WASM memory, for the zero-copy API (rw.reluInto & co).
import { checkCount, checkFloatInput, describe, type FloatInput } from './checks.js';
import type { WasmHeap } from './wasm-heap.js';

export class WasmBuffer {
  #heap: WasmHeap | undefined;
  readonly #offset: number;
  /** Number of float32 elements. */
  readonly length: number;

  /** @internal Created by `rw.alloc(n)`. */
  constructor(heap: WasmHeap, offset: number, length: number) {
    this.#heap = heap;
    this.#offset = offset;
    this.length = length;
    heap.watch(this, offset);
  }

  /** True once `dispose()` has run; every other method then throws. */
  get disposed(): boolean {
    return this.#heap === undefined;
  }

  /**
   * A Float32Array over the buffer's memory, valid until the next call that may grow WASM
   * memory (any allocation). Call `view()` again after such calls rather than keeping it.
   */
  view(): Float32Array {
    return this.#live('view').f32(this.#offset, this.length);
  }

  /** Copies `src` into the buffer starting at element `offset` (like TypedArray.set). */
  set(src: FloatInput, offset = 0): void {
    const heap = this.#live('set');
    const n = checkFloatInput(src, 'src');
    checkCount(offset, 'offset', this.length);
    if (offset + n > this.length) {
      throw new RangeError(`src of length ${n} at offset ${offset} does not fit in a buffer of length ${this.length}`);
    }
    heap.f32(this.#offset + offset * 4, n).set(src);
  }

  /** A copy of the contents in a new Float32Array (outside WASM memory). */
  toArray(): Float32Array {
    return this.#live('toArray').f32(this.#offset, this.length).slice();
  }

  /** Frees the memory. Calling it again does nothing. */
  dispose(): void {
    const heap = this.#heap;
    if (heap === undefined) return;
    this.#heap = undefined;
    heap.unwatch(this);
    heap.free(this.#offset);
  }

  /** @internal The byte offset, after checking the buffer is usable with `heap`. */
  offsetFor(heap: WasmHeap, name: string): number {
    if (this.#heap === undefined) throw new TypeError(`${name} has been disposed`);
    if (this.#heap !== heap) throw new TypeError(`${name} belongs to another relu-wasm instance`);
    return this.#offset;
  }

  #live(method: string): WasmHeap {
    if (this.#heap === undefined) throw new TypeError(`cannot call ${method}() on a disposed WasmBuffer`);
    return this.#heap;
  }
}

export function checkBuffer(value: unknown, heap: WasmHeap, name: string): number {
  if (!(value instanceof WasmBuffer)) {
    throw new TypeError(`${name} must be a WasmBuffer from rw.alloc(), got ${describe(value)}`);
  }
  return value.offsetFor(heap, name);
}
