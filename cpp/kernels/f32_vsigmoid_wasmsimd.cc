// WASM SIMD sigmoid variants: one vector (4 floats) per iteration, then the scalar kernel for
// the last 0-3 floats, so any length and offset works and nothing past n is touched. Each
// vector's loads happen before its store, so in-place calls are correct. No unrolling: the
// iterations are independent, so the CPU overlaps them anyway, and each unrolled copy of this
// ~40-instruction body cost about 0.5 KB of .wasm (four-vector unrolling added 8.6 KB).
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include "kernels/f32_expminus_wasmsimd.h"
#include "kernels/f32_vsigmoid.h"

namespace relu {
namespace {

using namespace expminus;

inline v128_t sigmoid4(v128_t x, const Constants& k) {
  const v128_t f = sigmoid_minus4(abs4(x, k.abs_mask), k);
  const v128_t one_minus_f = wasm_f32x4_sub(k.one, f);
  // Sign bit set (x < 0 or -0): f, else 1 - f.
  return nan_passes4(x, wasm_v128_bitselect(f, one_minus_f, wasm_i32x4_shr(x, 31)));
}

inline v128_t sigmoid_grad4(v128_t x, v128_t dy, const Constants& k) {
  const v128_t f = sigmoid_minus4(abs4(x, k.abs_mask), k);
  const v128_t g = wasm_f32x4_mul(f, wasm_f32x4_sub(k.one, f));
  return nan_passes4(x, dy, wasm_f32x4_mul(dy, g));
}

}  // namespace

void f32_vsigmoid_wasmsimd_u4(const float* x, float* y, std::size_t n) {
  const Constants k;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, sigmoid4(wasm_v128_load(x + i), k));
  if (i != n) f32_vsigmoid_scalar(x + i, y + i, n - i);
}

void f32_vsigmoid_backward_wasmsimd_u4(const float* x, const float* dy, float* dx, std::size_t n) {
  const Constants k;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    wasm_v128_store(dx + i, sigmoid_grad4(wasm_v128_load(x + i), wasm_v128_load(dy + i), k));
  }
  if (i != n) f32_vsigmoid_backward_scalar(x + i, dy + i, dx + i, n - i);
}

}  // namespace relu

#endif  // __wasm_simd128__
