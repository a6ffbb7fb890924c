// The memory-copy limit the ReLU kernels are measured against (issue 6): the fastest a
// kernel that reads n floats and writes n floats can go. Two ways, both exported raw
// (no Embind) so their call overhead equals the raw ReLU exports':
//  - a SIMD load/store loop with the same unroll (8 vectors) and tail as f32_vrelu_wasmsimd_u32,
//    i.e. ReLU forward minus the one pmax per vector;
//  - memory.copy (bulk memory, enabled for this one function), which engines lower to
//    their native memmove.
// Linked only into the WASM binaries (wasm_targets.cmake); used by the benchmark, no public API.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

extern "C" {

EMSCRIPTEN_KEEPALIVE void relu_bench_copy_loop(std::uintptr_t src, std::uintptr_t dst,
                                               std::size_t n) {
  const float* x = reinterpret_cast<const float*>(src);
  float* y = reinterpret_cast<float*>(dst);
  std::size_t i = 0;
#if defined(__wasm_simd128__)
  // Stores 16-byte aligned first, as in f32_vrelu_wasmsimd_u32 (and memory.copy).
  for (; i < n && (reinterpret_cast<std::uintptr_t>(y + i) & 15) != 0; i++) y[i] = x[i];
  // Written out vector by vector: as an array loop clang turns it into memory.copy calls.
  for (; i + 32 <= n; i += 32) {
    const v128_t a = wasm_v128_load(x + i);
    const v128_t b = wasm_v128_load(x + i + 4);
    const v128_t c = wasm_v128_load(x + i + 8);
    const v128_t d = wasm_v128_load(x + i + 12);
    const v128_t e = wasm_v128_load(x + i + 16);
    const v128_t f = wasm_v128_load(x + i + 20);
    const v128_t g = wasm_v128_load(x + i + 24);
    const v128_t h = wasm_v128_load(x + i + 28);
    wasm_v128_store(y + i, a);
    wasm_v128_store(y + i + 4, b);
    wasm_v128_store(y + i + 8, c);
    wasm_v128_store(y + i + 12, d);
    wasm_v128_store(y + i + 16, e);
    wasm_v128_store(y + i + 20, f);
    wasm_v128_store(y + i + 24, g);
    wasm_v128_store(y + i + 28, h);
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, wasm_v128_load(x + i));
#endif
  // Tail (and, in the scalar build, the whole copy, which clang turns into a memcpy call).
  for (; i < n; i++) y[i] = x[i];
}

__attribute__((target("bulk-memory"))) EMSCRIPTEN_KEEPALIVE void relu_bench_memory_copy(
    std::uintptr_t src, std::uintptr_t dst, std::size_t n) {
  __builtin_memcpy(reinterpret_cast<void*>(dst), reinterpret_cast<const void*>(src),
                   n * sizeof(float));
}

}  // extern "C"
