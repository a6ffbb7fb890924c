// Benchmark-only WebAssembly kernels: the yardsticks `npm run bench` measures the package's
// kernels against. Built into their own module (build/wasm/bench/relu-bench-kernels.wasm, see
// CMakeLists.txt here), never linked into the shipped binaries. No libc, no allocator: the
// page places the buffers in this module's exported memory itself (web/bench/bench-kernels.mjs).
//  - f32_vcopy__wasmsimd_u32: a v128 load/store loop shaped like f32_vrelu_wasmsimd_u32 (eight
//    vectors per iteration, scalar tail), i.e. ReLU forward minus the one pmax per vector;
//  - f32_vcopy__memory_copy: the bulk-memory `memory.copy` instruction (this module is built
//    with -mbulk-memory; docs/wasm-codegen.md shows the instruction in the output);
//  - f32_vrelu__wasmsimd_ref_u4, f32_vrelu_backward__wasmsimd_ref_u4: the plainest SIMD
//    kernels of the same operations (four vectors per iteration, no alignment head), the
//    reference the package's kernels are judged against. Their scalar tails are plain C++
//    (clang makes f32.max of them, so -0 is not kept there); the bench's sizes, all multiples
//    of 16, never reach them.
#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/f32_vrelu.h"

#define RELU_BENCH_EXPORT extern "C" __attribute__((used, visibility("default")))

namespace {
const float* as_floats(std::uintptr_t p) { return reinterpret_cast<const float*>(p); }
float* as_floats_mut(std::uintptr_t p) { return reinterpret_cast<float*>(p); }
}  // namespace

RELU_BENCH_EXPORT void f32_vcopy__wasmsimd_u32(std::uintptr_t src, std::uintptr_t dst,
                                               std::size_t n) {
  const float* x = as_floats(src);
  float* y = as_floats_mut(dst);
  std::size_t i = 0;
  // Stores 16-byte aligned first, as in f32_vrelu_wasmsimd_u32.
  for (; i < n && (reinterpret_cast<std::uintptr_t>(y + i) & 15) != 0; i++) y[i] = x[i];
  // Written out vector by vector: as an array loop clang turns it into memory.copy.
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
  for (; i < n; i++) y[i] = x[i];
}

RELU_BENCH_EXPORT void f32_vcopy__memory_copy(std::uintptr_t src, std::uintptr_t dst,
                                              std::size_t n) {
  __builtin_memcpy(as_floats_mut(dst), as_floats(src), n * sizeof(float));
}

RELU_BENCH_EXPORT void f32_vrelu__wasmsimd_ref_u4(std::uintptr_t src, std::uintptr_t dst,
                                                  std::size_t n) {
  const float* x = as_floats(src);
  float* y = as_floats_mut(dst);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const v128_t a = wasm_v128_load(x + i);
    const v128_t b = wasm_v128_load(x + i + 4);
    const v128_t c = wasm_v128_load(x + i + 8);
    const v128_t d = wasm_v128_load(x + i + 12);
    wasm_v128_store(y + i, wasm_f32x4_pmax(a, zero));
    wasm_v128_store(y + i + 4, wasm_f32x4_pmax(b, zero));
    wasm_v128_store(y + i + 8, wasm_f32x4_pmax(c, zero));
    wasm_v128_store(y + i + 12, wasm_f32x4_pmax(d, zero));
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, wasm_f32x4_pmax(wasm_v128_load(x + i), zero));
  for (; i < n; i++) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

// dx = x <= 0 ? 0 : dy (gradAtZero 0, the bench's convention).
RELU_BENCH_EXPORT void f32_vrelu_backward__wasmsimd_ref_u4(std::uintptr_t xp, std::uintptr_t dyp,
                                                           std::uintptr_t dxp, std::size_t n) {
  const float* x = as_floats(xp);
  const float* dy = as_floats(dyp);
  float* dx = as_floats_mut(dxp);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const v128_t a =
        wasm_v128_andnot(wasm_v128_load(dy + i), wasm_f32x4_le(wasm_v128_load(x + i), zero));
    const v128_t b = wasm_v128_andnot(wasm_v128_load(dy + i + 4),
                                      wasm_f32x4_le(wasm_v128_load(x + i + 4), zero));
    const v128_t c = wasm_v128_andnot(wasm_v128_load(dy + i + 8),
                                      wasm_f32x4_le(wasm_v128_load(x + i + 8), zero));
    const v128_t d = wasm_v128_andnot(wasm_v128_load(dy + i + 12),
                                      wasm_f32x4_le(wasm_v128_load(x + i + 12), zero));
    wasm_v128_store(dx + i, a);
    wasm_v128_store(dx + i + 4, b);
    wasm_v128_store(dx + i + 8, c);
    wasm_v128_store(dx + i + 12, d);
  }
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(dx + i, wasm_v128_andnot(wasm_v128_load(dy + i),
                                             wasm_f32x4_le(wasm_v128_load(x + i), zero)));
  }
  for (; i < n; i++) dx[i] = x[i] <= 0.0f ? 0.0f : dy[i];
}

// The package's own kernels, compiled into this module too, so the page can run them on buffers
// it places itself: the same code in the layout rw.alloc() gives and in others.
RELU_BENCH_EXPORT void f32_vrelu__package(std::uintptr_t x, std::uintptr_t y, std::size_t n) {
  relu::f32_vrelu_wasmsimd_u32(as_floats(x), as_floats_mut(y), n);
}
RELU_BENCH_EXPORT void f32_vrelu_backward__package(std::uintptr_t x, std::uintptr_t dy,
                                                   std::uintptr_t dx, std::size_t n) {
  relu::f32_vrelu_backward_wasmsimd_u16(as_floats(x), as_floats(dy), as_floats_mut(dx), n, 0);
}
