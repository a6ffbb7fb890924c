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
#include <utility>

#include "kernels/f32_vrelu.h"

#define RELU_BENCH_EXPORT extern "C" __attribute__((used, visibility("default")))

namespace {
const float* as_floats(std::uintptr_t p) { return reinterpret_cast<const float*>(p); }
float* as_floats_mut(std::uintptr_t p) { return reinterpret_cast<float*>(p); }

// One unrolled step over sizeof...(K) vectors, the shape of the package's kernels
// (kernels/f32_vrelu_wasmsimd.cc): every vector is loaded (load(float offset)) before any is
// stored (out + offset, op(vector)). Straight-line code after inlining, as if written out
// vector by vector (an array loop of loads and stores would be turned into memory.copy).
template <typename Load, typename Op, std::size_t... K>
__attribute__((always_inline)) inline void unrolled_step(float* out, Load load, Op op,
                                                         std::index_sequence<K...>) {
  const v128_t v[] = {load(4 * K)...};
  (wasm_v128_store(out + 4 * K, op(v[K])), ...);
}
template <std::size_t U, typename Load, typename Op>
__attribute__((always_inline)) inline void unrolled_step(float* out, Load load, Op op) {
  unrolled_step(out, load, op, std::make_index_sequence<U>{});
}
const auto unchanged = [](v128_t v) { return v; };
}  // namespace

RELU_BENCH_EXPORT void f32_vcopy__wasmsimd_u32(std::uintptr_t src, std::uintptr_t dst,
                                               std::size_t n) {
  const float* x = as_floats(src);
  float* y = as_floats_mut(dst);
  std::size_t i = 0;
  // Stores 16-byte aligned first, as in f32_vrelu_wasmsimd_u32.
  for (; i < n && (reinterpret_cast<std::uintptr_t>(y + i) & 15) != 0; i++) y[i] = x[i];
  for (; i + 32 <= n; i += 32) {
    unrolled_step<8>(
        y + i, [&](std::size_t k) { return wasm_v128_load(x + i + k); }, unchanged);
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
  const auto relu4 = [zero](v128_t v) { return wasm_f32x4_pmax(v, zero); };
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    unrolled_step<4>(
        y + i, [&](std::size_t k) { return wasm_v128_load(x + i + k); }, relu4);
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, relu4(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

// dx = x <= 0 ? 0 : dy (gradAtZero 0, the bench's convention).
RELU_BENCH_EXPORT void f32_vrelu_backward__wasmsimd_ref_u4(std::uintptr_t xp, std::uintptr_t dyp,
                                                           std::uintptr_t dxp, std::size_t n) {
  const float* x = as_floats(xp);
  const float* dy = as_floats(dyp);
  float* dx = as_floats_mut(dxp);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const auto grad4 = [zero](const float* xv, const float* dyv) {
    return wasm_v128_andnot(wasm_v128_load(dyv), wasm_f32x4_le(wasm_v128_load(xv), zero));
  };
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    unrolled_step<4>(
        dx + i, [&](std::size_t k) { return grad4(x + i + k, dy + i + k); }, unchanged);
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(dx + i, grad4(x + i, dy + i));
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
