// WASM SIMD tanh variants: one vector (4 floats) per iteration, then the scalar kernel for
// the last 0-3 floats, so any length and offset works and nothing past n is touched. Each
// vector's loads happen before its store, so in-place calls are correct. No unrolling: the
// iterations are independent, so the CPU overlaps them anyway, and each unrolled copy of this
// ~40-instruction body cost about 0.5 KB of .wasm (four-vector unrolling added 8.6 KB).
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include "kernels/f32_expminus_wasmsimd.h"
#include "kernels/f32_vtanh.h"

namespace relu {
namespace {

using namespace expminus;

inline v128_t tanh4(v128_t x) {
  // |tanh(|x|)| with x's sign bit: odd bit for bit, tanh(-0) = -0.
  const v128_t sign = wasm_i32x4_splat(static_cast<int>(kSignMask));
  return nan_passes4(x, wasm_v128_bitselect(x, minus_tanh4(abs4(x)), sign));
}

inline v128_t tanh_grad4(v128_t x, v128_t dy) {
  // 1 - tanh(x)^2 = 4 f (1 - f), f = sigmoid(-2|x|).
  const v128_t f = sigmoid_minus4(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), abs4(x)));
  const v128_t g = wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_splat(4.0f), f),
                                  wasm_f32x4_sub(wasm_f32x4_splat(1.0f), f));
  return nan_passes4(x, dy, wasm_f32x4_mul(dy, g));
}

}  // namespace

void f32_vtanh_wasmsimd_u4(const float* x, float* y, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, tanh4(wasm_v128_load(x + i)));
  if (i != n) f32_vtanh_scalar(x + i, y + i, n - i);
}

void f32_vtanh_backward_wasmsimd_u4(const float* x, const float* dy, float* dx, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(dx + i, tanh_grad4(wasm_v128_load(x + i), wasm_v128_load(dy + i)));
  }
  if (i != n) f32_vtanh_backward_scalar(x + i, dy + i, dx + i, n - i);
}

}  // namespace relu

#endif  // __wasm_simd128__
