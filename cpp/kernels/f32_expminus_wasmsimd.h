// The per-element arithmetic of the sigmoid and tanh kernels on four lanes: the operations of
// f32_expminus_scalar.h in the same order (each f32x4 op rounds exactly as its scalar f32 twin),
// so the results are bit-identical. Selections are v128.bitselect on integer masks.
#pragma once

#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include <cstdint>

#include "kernels/f32_expminus_constants.h"

namespace relu::expminus {

// A constant vector the compiler must keep in a local instead of re-emitting v128.const at each
// use (XNNPACK's XNN_FORCE_REALIZATION): V8 builds each non-trivial v128.const from two 64-bit
// immediates, several instructions per use inside the loop; a local stays in an XMM register.
inline v128_t realized(float v) {
  v128_t r = wasm_f32x4_splat(v);
  __asm__("" : "+r"(r));
  return r;
}
inline v128_t realized_bits(std::uint32_t b) {
  v128_t r = wasm_i32x4_splat(static_cast<int>(b));
  __asm__("" : "+r"(r));
  return r;
}

// The constants of both cores, made once per kernel call (before its loop).
struct Constants {
  v128_t abs_mask = realized_bits(kAbsMask);
  v128_t sign_mask = realized_bits(kSignMask);
  v128_t one = realized(1.0f);
  v128_t minus_log2e = realized(kMinusLog2e);
  v128_t sig_magic = realized(kSigMagicBias);
  v128_t ln2_hi = realized(kLn2Hi);
  v128_t ln2_lo = realized(kLn2Lo);
  v128_t sig_c5 = realized(kSigC5);
  v128_t sig_c4 = realized(kSigC4);
  v128_t sig_c3 = realized(kSigC3);
  v128_t sig_c2 = realized(kSigC2);
  v128_t sig_c1 = realized(kSigC1);
  v128_t two_pow_minus_64 = realized(kTwoPowMinus64);
  v128_t sig_zero_cutoff = realized(kSigZeroCutoff);
};
struct TanhConstants {
  v128_t abs_mask = realized_bits(kAbsMask);
  v128_t sign_mask = realized_bits(kSignMask);
  v128_t one = realized(1.0f);
  v128_t minus_log2e = realized(kMinusLog2e);
  v128_t sat_cutoff = realized(kTanhSatCutoff);
  v128_t tanh_magic = realized(kTanhMagicBias);
  v128_t ln2 = realized(kLn2);
  v128_t c6 = realized(kTanhC6);
  v128_t c5 = realized(kTanhC5);
  v128_t c4 = realized(kTanhC4);
  v128_t c3 = realized(kTanhC3);
  v128_t c2 = realized(kTanhC2);
  v128_t minus_two = realized(kMinusTwo);
};

inline v128_t abs4(v128_t x, v128_t abs_mask) { return wasm_v128_and(x, abs_mask); }

inline v128_t sigmoid_minus4(v128_t z, const Constants& k) {
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(z, k.minus_log2e), k.sig_magic);
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, k.sig_magic);
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(n, k.ln2_hi), z);
  t = wasm_f32x4_add(wasm_f32x4_mul(n, k.ln2_lo), t);
  v128_t p = wasm_f32x4_add(wasm_f32x4_mul(k.sig_c5, t), k.sig_c4);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.sig_c3);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.sig_c2);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.sig_c1);
  t = wasm_f32x4_mul(t, s);
  const v128_t e = wasm_f32x4_add(wasm_f32x4_mul(t, p), s);
  const v128_t d = wasm_f32x4_add(wasm_f32x4_mul(e, k.two_pow_minus_64), k.one);
  const v128_t f = wasm_f32x4_mul(wasm_f32x4_div(e, d), k.two_pow_minus_64);
  return wasm_v128_andnot(f, wasm_f32x4_gt(z, k.sig_zero_cutoff));
}

inline v128_t minus_tanh4(v128_t z, const TanhConstants& k) {
  z = wasm_f32x4_pmin(z, k.sat_cutoff);  // cutoff < z ? cutoff : z
  v128_t n = wasm_f32x4_add(wasm_f32x4_mul(z, k.minus_log2e), k.tanh_magic);
  const v128_t s = wasm_i32x4_shl(n, 23);
  n = wasm_f32x4_sub(n, k.tanh_magic);
  const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(n, k.ln2), z);
  v128_t p = wasm_f32x4_add(wasm_f32x4_mul(k.c6, t), k.c5);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.c4);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.c3);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.c2);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), k.minus_two);
  const v128_t ts = wasm_f32x4_mul(t, s);
  const v128_t smo = wasm_f32x4_sub(s, k.one);
  const v128_t emo = wasm_f32x4_add(wasm_f32x4_mul(p, ts), smo);
  const v128_t epo = wasm_f32x4_sub(emo, k.minus_two);
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
