// WASM SIMD variants: four 128-bit vectors (16 floats) per iteration, then single vectors,
// then a scalar tail, so any length works and nothing past n is touched. Loads and stores
// are unaligned (wasm_v128_load has no alignment requirement), so any offset works.
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

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

inline v128_t lrelu4(v128_t v, v128_t alpha, v128_t zero) {
  return wasm_v128_bitselect(v, wasm_f32x4_mul(v, alpha), wasm_f32x4_gt(v, zero));
}
inline v128_t lrelu_grad4(v128_t v, v128_t g, v128_t alpha, v128_t zero) {
  return wasm_v128_bitselect(g, wasm_f32x4_mul(g, alpha), wasm_f32x4_gt(v, zero));
}

}  // namespace

void f32_vrelu_wasmsimd_u16(const float* x, float* y, std::size_t n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    // All loads before any store keeps in-place operation (y == x) correct.
    const v128_t a = wasm_v128_load(x + i);
    const v128_t b = wasm_v128_load(x + i + 4);
    const v128_t c = wasm_v128_load(x + i + 8);
    const v128_t d = wasm_v128_load(x + i + 12);
    wasm_v128_store(y + i, relu4(a, zero));
    wasm_v128_store(y + i + 4, relu4(b, zero));
    wasm_v128_store(y + i + 8, relu4(c, zero));
    wasm_v128_store(y + i + 12, relu4(d, zero));
  }
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(y + i, relu4(wasm_v128_load(x + i), zero));
  }
  f32_vrelu_scalar(x + i, y + i, n - i);
}

void f32_vrelu_backward_wasmsimd_u16(const float* x, const float* dy, float* dx, std::size_t n,
                                     int grad_at_zero) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  std::size_t i = 0;
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
  f32_vrelu_backward_scalar(x + i, dy + i, dx + i, n - i, grad_at_zero);
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
