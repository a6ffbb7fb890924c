// The per-element arithmetic of the sigmoid and tanh kernels on four lanes: the operations of
// f32_expminus_scalar.h in the same order (each f32x4 op rounds exactly as its scalar f32 twin),
// so the results are bit-identical. Selections are v128.bitselect on integer masks.
#pragma once

#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include "kernels/f32_expminus_constants.h"

namespace relu::expminus {

inline v128_t abs4(v128_t x) { return wasm_v128_and(x, wasm_i32x4_splat(static_cast<int>(kAbsMask))); }

inline v128_t sigmoid_minus4(v128_t z) {
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(z, wasm_f32x4_splat(kMinusLog2e)),
                            wasm_f32x4_splat(kSigMagicBias));
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, wasm_f32x4_splat(kSigMagicBias));
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Hi)), z);
  t = wasm_f32x4_add(wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Lo)), t);
  v128_t p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_splat(kSigC5), t), wasm_f32x4_splat(kSigC4));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kSigC3));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kSigC2));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kSigC1));
  t = wasm_f32x4_mul(t, s);
  const v128_t e = wasm_f32x4_add(wasm_f32x4_mul(t, p), s);
  const v128_t scale = wasm_f32x4_splat(kTwoPowMinus64);
  const v128_t d = wasm_f32x4_add(wasm_f32x4_mul(e, scale), wasm_f32x4_splat(1.0f));
  const v128_t f = wasm_f32x4_mul(wasm_f32x4_div(e, d), scale);
  return wasm_v128_andnot(f, wasm_f32x4_gt(z, wasm_f32x4_splat(kSigZeroCutoff)));
}

inline v128_t minus_tanh4(v128_t z) {
  z = wasm_f32x4_pmin(z, wasm_f32x4_splat(kTanhSatCutoff));  // cutoff < z ? cutoff : z
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(z, wasm_f32x4_splat(kMinusLog2e)),
                            wasm_f32x4_splat(kTanhMagicBias));
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, wasm_f32x4_splat(kTanhMagicBias));
  const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2)), z);
  v128_t p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_splat(kTanhC6), t), wasm_f32x4_splat(kTanhC5));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kTanhC4));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kTanhC3));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kTanhC2));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(kMinusTwo));
  const v128_t ts = wasm_f32x4_mul(t, s);
  const v128_t smo = wasm_f32x4_sub(s, wasm_f32x4_splat(1.0f));
  const v128_t emo = wasm_f32x4_add(wasm_f32x4_mul(p, ts), smo);
  const v128_t epo = wasm_f32x4_sub(emo, wasm_f32x4_splat(kMinusTwo));
  return wasm_f32x4_div(emo, epo);
}

// The result where x is a number; x's own bits where x is NaN.
inline v128_t nan_passes4(v128_t x, v128_t result) {
  return wasm_v128_bitselect(x, result, wasm_f32x4_ne(x, x));
}
// The result where x and dy are numbers; else x's bits if x is NaN, else dy's.
inline v128_t nan_passes4(v128_t x, v128_t dy, v128_t result) {
  return wasm_v128_bitselect(x, wasm_v128_bitselect(dy, result, wasm_f32x4_ne(dy, dy)),
                             wasm_f32x4_ne(x, x));
}

}  // namespace relu::expminus

#endif  // __wasm_simd128__
