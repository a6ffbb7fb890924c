// A float32 array that lives in WASM memory, for the zero-copy API (rw.reluInto & co).
import { bindMethods } from './bind-methods.js';
import { checkCount, checkFloatInput, describe, isDetached, type FloatInput } from './checks.js';
import type { Lease, WasmHeap } from './wasm-heap.js';

export class WasmBuffer {
  #heap: WasmHeap | undefined;
  readonly #offset: number;
  readonly #lease: Lease;
  // The last view handed out, returned again until memory growth detaches it.
  #view: Float32Array | undefined;
  /** Number of float32 elements. */
  readonly length: number;

  /** @internal Created by `rw.alloc(n)`. */
  constructor(heap: WasmHeap, offset: number, length: number) {
    this.#heap = heap;
    this.#offset = offset;
    this.length = length;
    this.#lease = heap.watch(this, offset);
    bindMethods(this);
  }

  /** True once `dispose()` has run; every other method then throws. */
  get disposed(): boolean {
    return this.#heap === undefined;
  }

  /**
   * A Float32Array over the buffer's memory, valid until the next call that may grow WASM
   * memory (any allocation): call `view()` again after such calls rather than keeping it.
   * While a view is reachable, the buffer's memory is not freed by garbage collection (only
   * `dispose()` frees it; do not use views kept past `dispose()`).
   */
  view(): Float32Array {
    const heap = this.#live('view');
    if (this.#view !== undefined && !isDetached(this.#view)) return this.#view;
    const view = heap.f32(this.#offset, this.length);
    heap.hold(this.#lease, view);
    this.#view = view;
    return view;
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
    this.#view = undefined;
    heap.release(this.#lease);
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
