// The benchmark-only WASM module (cpp/bench/wasm, built into build/wasm/bench/, never shipped):
// the yardsticks the package's kernels are judged against, in the same page, and a copy of the
// package's own ReLU kernels to run in layouts of the page's choosing. The module has no imports
// and no allocator; buffers are placed in its exported memory here, by default 64-byte aligned
// one after another with a 64-byte gap, as aligned_alloc(64, n) would give them.

const BASE = 1 << 17; // above the module's data and its 64 KiB stack
const ALIGN = 64;
const PAGE_BYTES = 65536;

/**
 * Instantiates the module from its bytes.
 * @param {BufferSource} bytes
 */
export async function loadBenchKernels(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const e = instance.exports;
  let top = BASE;
  let live = 0;
  return {
    exports: e,
    /**
     * Byte offset of a new block of n floats; `release()` gives back every block at once.
     * `emmalloc: true` places it as emmalloc's malloc does (8 bytes past the previous block,
     * 8-byte aligned), the layout rw.alloc() gave before its buffers were 64-byte aligned.
     */
    alloc(n, { emmalloc = false, stagger } = {}) {
      let at = emmalloc ? Math.ceil(top / 8) * 8 + 8 : Math.ceil((top + ALIGN) / ALIGN) * ALIGN;
      // `stagger: k` puts the block k * 1344 bytes into a 4 KiB page, as rw.alloc() does.
      if (stagger !== undefined) at += (((stagger * 1344 - (at % 4096)) % 4096) + 4096) % 4096;
      const end = at + 4 * n;
      const have = e.memory.buffer.byteLength;
      if (end > have) e.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
      top = end;
      live++;
      return at;
    },
    release() {
      if (--live === 0) top = BASE;
    },
    f32(at, n) {
      return new Float32Array(e.memory.buffer, at, n);
    },
  };
}
