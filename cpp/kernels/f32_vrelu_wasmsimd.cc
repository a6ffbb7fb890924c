// WASM SIMD variants: four 128-bit vectors (16 floats) per iteration (eight for ReLU forward),
// then single vectors, then a scalar tail, so any length works and nothing past n is touched.
// Loads are unaligned (wasm_v128_load has no alignment requirement), so any offset works; ReLU
// forward and backward first do up to 3 floats one by one so that their stores are aligned.
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include <cstddef>
#include <cstdint>

#include "kernels/f32_vrelu.h"

namespace relu {
namespace {

// relu(v) = pmax(v, 0) = (v < 0) ? 0 : v. pmax is "b if a < b else a": with v first, NaN
// and -0 are returned unchanged (f32x4.max would turn -0 into +0), and engines lower it to
// a single maxps on x86, which is what makes this kernel run at memory speed.
inline v128_t relu4(v128_t v, v128_t zero) { return wasm_f32x4_pmax(v, zero); }

// Backward as compare + and-not: the mask marks lanes whose gradient is blocked.
// grad_at_zero 0 blocks x <= 0, grad_at_zero 1 blocks x < 0; NaN compares false, so passes.
inline v128_t relu_grad4_le(v128_t v, v128_t g, v128_t zero) {
  return wasm_v128_andnot(g, wasm_f32x4_le(v, zero));
}
inline v128_t relu_grad4_lt(v128_t v, v128_t g, v128_t zero) {
  return wasm_v128_andnot(g, wasm_f32x4_lt(v, zero));
}

// Leaky ReLU selects bits too: the product only where the rule asks for it, and a NaN operand
// that would be multiplied is passed through instead (x for forward, dy for backward), so its
// payload survives unchanged, as in the scalar kernels.
// Forward: alpha * x where x <= 0 (false for NaN), x elsewhere.
inline v128_t lrelu4(v128_t v, v128_t alpha, v128_t zero) {
  return wasm_v128_bitselect(wasm_f32x4_mul(v, alpha), v, wasm_f32x4_le(v, zero));
}
// Backward: dy where x > 0 or dy is NaN, alpha * dy elsewhere.
inline v128_t lrelu_grad4(v128_t v, v128_t g, v128_t alpha, v128_t zero) {
  const v128_t keep = wasm_v128_or(wasm_f32x4_gt(v, zero), wasm_f32x4_ne(g, g));
  return wasm_v128_bitselect(g, wasm_f32x4_mul(g, alpha), keep);
}

// Floats to process one by one so that `out + head` is 16-byte aligned (0-3; out is float-
// aligned): a 16-byte store at an address 8 modulo 16 straddles a cache line every fourth store,
// which costs most beyond L2 (docs/wasm-codegen.md). Loads stay unaligned. Buffers from
// rw.alloc() are 64-byte aligned, so there the head is empty.
inline std::size_t store_alignment_head(const float* out, std::size_t n) {
  const std::size_t head =
      ((16 - (reinterpret_cast<std::uintptr_t>(out) & 15)) & 15) / sizeof(float);
  return head < n ? head : n;
}

}  // namespace

void f32_vrelu_wasmsimd_u32(const float* x, float* y, std::size_t n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = store_alignment_head(y, n);
  // The scalar kernel is a call: skipped when there is nothing to do (1Ki-float calls count).
  if (i != 0) f32_vrelu_scalar(x, y, i);
  // Eight vectors (32 floats) per iteration: beyond L2 this beat four vectors in Chromium;
  // the measurements are in docs/wasm-codegen.md.
  for (; i + 32 <= n; i += 32) {
    // All loads before any store keeps in-place operation (y == x) correct.
    const v128_t a = wasm_v128_load(x + i);
    const v128_t b = wasm_v128_load(x + i + 4);
    const v128_t c = wasm_v128_load(x + i + 8);
    const v128_t d = wasm_v128_load(x + i + 12);
    const v128_t e = wasm_v128_load(x + i + 16);
    const v128_t f = wasm_v128_load(x + i + 20);
    const v128_t g = wasm_v128_load(x + i + 24);
    const v128_t h = wasm_v128_load(x + i + 28);
    wasm_v128_store(y + i, relu4(a, zero));
    wasm_v128_store(y + i + 4, relu4(b, zero));
    wasm_v128_store(y + i + 8, relu4(c, zero));
    wasm_v128_store(y + i + 12, relu4(d, zero));
    wasm_v128_store(y + i + 16, relu4(e, zero));
    wasm_v128_store(y + i + 20, relu4(f, zero));
    wasm_v128_store(y + i + 24, relu4(g, zero));
    wasm_v128_store(y + i + 28, relu4(h, zero));
  }
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(y + i, relu4(wasm_v128_load(x + i), zero));
  }
  if (i != n) f32_vrelu_scalar(x + i, y + i, n - i);
}

void f32_vrelu_backward_wasmsimd_u16(const float* x, const float* dy, float* dx, std::size_t n,
                                     int grad_at_zero) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = store_alignment_head(dx, n);
  if (i != 0) f32_vrelu_backward_scalar(x, dy, dx, i, grad_at_zero);
  // The convention is hoisted out of the loop: two loops instead of a per-vector branch.
  if (grad_at_zero != 0) {
    for (; i + 16 <= n; i += 16) {
      const v128_t a = relu_grad4_lt(wasm_v128_load(x + i), wasm_v128_load(dy + i), zero);
      const v128_t b = relu_grad4_lt(wasm_v128_load(x + i + 4), wasm_v128_load(dy + i + 4), zero);
      const v128_t c = relu_grad4_lt(wasm_v128_load(x + i + 8), wasm_v128_load(dy + i + 8), zero);
      const v128_t d = relu_grad4_lt(wasm_v128_load(x + i + 12), wasm_v128_load(dy + i + 12), zero);
      wasm_v128_store(dx + i, a);
      wasm_v128_store(dx + i + 4, b);
      wasm_v128_store(dx + i + 8, c);
      wasm_v128_store(dx + i + 12, d);
    }
    for (; i + 4 <= n; i += 4) {
      wasm_v128_store(dx + i, relu_grad4_lt(wasm_v128_load(x + i), wasm_v128_load(dy + i), zero));
    }
  } else {
    for (; i + 16 <= n; i += 16) {
      const v128_t a = relu_grad4_le(wasm_v128_load(x + i), wasm_v128_load(dy + i), zero);
      const v128_t b = relu_grad4_le(wasm_v128_load(x + i + 4), wasm_v128_load(dy + i + 4), zero);
      const v128_t c = relu_grad4_le(wasm_v128_load(x + i + 8), wasm_v128_load(dy + i + 8), zero);
      const v128_t d = relu_grad4_le(wasm_v128_load(x + i + 12), wasm_v128_load(dy + i + 12), zero);
      wasm_v128_store(dx + i, a);
      wasm_v128_store(dx + i + 4, b);
      wasm_v128_store(dx + i + 8, c);
      wasm_v128_store(dx + i + 12, d);
    }
    for (; i + 4 <= n; i += 4) {
      wasm_v128_store(dx + i, relu_grad4_le(wasm_v128_load(x + i), wasm_v128_load(dy + i), zero));
    }
  }
  if (i != n) f32_vrelu_backward_scalar(x + i, dy + i, dx + i, n - i, grad_at_zero);
}

void f32_vlrelu_wasmsimd_u16(const float* x, float* y, std::size_t n, float alpha) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const v128_t va = wasm_f32x4_splat(alpha);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const v128_t a = wasm_v128_load(x + i);
    const v128_t b = wasm_v128_load(x + i + 4);
    const v128_t c = wasm_v128_load(x + i + 8);
    const v128_t d = wasm_v128_load(x + i + 12);
    wasm_v128_store(y + i, lrelu4(a, va, zero));
    wasm_v128_store(y + i + 4, lrelu4(b, va, zero));
    wasm_v128_store(y + i + 8, lrelu4(c, va, zero));
    wasm_v128_store(y + i + 12, lrelu4(d, va, zero));
  }
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(y + i, lrelu4(wasm_v128_load(x + i), va, zero));
  }
  f32_vlrelu_scalar(x + i, y + i, n - i, alpha);
}

void f32_vlrelu_backward_wasmsimd_u16(const float* x, const float* dy, float* dx, std::size_t n,
                                      float alpha) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const v128_t va = wasm_f32x4_splat(alpha);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const v128_t a = lrelu_grad4(wasm_v128_load(x + i), wasm_v128_load(dy + i), va, zero);
    const v128_t b = lrelu_grad4(wasm_v128_load(x + i + 4), wasm_v128_load(dy + i + 4), va, zero);
    const v128_t c = lrelu_grad4(wasm_v128_load(x + i + 8), wasm_v128_load(dy + i + 8), va, zero);
    const v128_t d = lrelu_grad4(wasm_v128_load(x + i + 12), wasm_v128_load(dy + i + 12), va, zero);
    wasm_v128_store(dx + i, a);
    wasm_v128_store(dx + i + 4, b);
    wasm_v128_store(dx + i + 8, c);
    wasm_v128_store(dx + i + 12, d);
  }
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(dx + i, lrelu_grad4(wasm_v128_load(x + i), wasm_v128_load(dy + i), va, zero));
  }
  f32_vlrelu_backward_scalar(x + i, dy + i, dx + i, n - i, alpha);
}

}  // namespace relu

#endif  // __wasm_simd128__
