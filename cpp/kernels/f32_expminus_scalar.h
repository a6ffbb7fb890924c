// The per-element arithmetic of the sigmoid and tanh kernels, in scalar C++. The WASM SIMD
// variants (f32_expminus_wasmsimd.h) run these same operations in the same order, lane by lane;
// with IEEE single-precision rounding and no FMA contraction (-ffp-contract=off), that makes
// them bit-identical to these. Selections go through integer masks (as f32_vrelu_scalar.cc
// explains), so a NaN or -0 is never rewritten by a float select.
#pragma once

#include <cstdint>
#include <cstring>

#include "kernels/f32_expminus_constants.h"

namespace relu::expminus {

inline std::uint32_t bits(float v) {
  std::uint32_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
inline float from_bits(std::uint32_t b) {
  float v = 0.0f;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
// All ones when `c`, else zero.
inline std::uint32_t mask_if(bool c) { return 0u - static_cast<std::uint32_t>(c); }
// The bits of `a` where `m` is set, of `b` elsewhere.
inline std::uint32_t select_bits(std::uint32_t m, std::uint32_t a, std::uint32_t b) {
  return (a & m) | (b & ~m);
}
inline float abs_of(float x) { return from_bits(bits(x) & kAbsMask); }

// sigmoid(-z) for z >= 0, in [0, 0.5]. A NaN z gives a NaN (the callers select the input's bits).
inline float sigmoid_minus(float z) {
  float n = z * kMinusLog2e + kSigMagicBias;
  const float s = from_bits(bits(n) << 23);  // 2^(n + 64)
  n = n - kSigMagicBias;
  float t = n * kLn2Hi + z;
  t = n * kLn2Lo + t;
  float p = kSigC5 * t + kSigC4;
  p = p * t + kSigC3;
  p = p * t + kSigC2;
  p = p * t + kSigC1;
  t = t * s;
  const float e = t * p + s;                  // e^-z * 2^64
  const float d = e * kTwoPowMinus64 + 1.0f;  // 1 + e^-z
  const float f = (e / d) * kTwoPowMinus64;   // exact scaling unless f is subnormal
  return from_bits(bits(f) & ~mask_if(z > kSigZeroCutoff));
}

// -tanh(z) for z >= 0, in [-1, 0]. A NaN z gives a NaN.
inline float minus_tanh(float z) {
  z = from_bits(select_bits(mask_if(kTanhSatCutoff < z), bits(kTanhSatCutoff), bits(z)));
  float n = z * kMinusLog2e + kTanhMagicBias;
  const float s = from_bits(bits(n) << 23);  // 2^(2n), n a multiple of 1/2
  n = n - kTanhMagicBias;
  const float t = n * kLn2 + z;
  float p = kTanhC6 * t + kTanhC5;
  p = p * t + kTanhC4;
  p = p * t + kTanhC3;
  p = p * t + kTanhC2;
  p = p * t + kMinusTwo;
  const float ts = t * s;
  const float smo = s - 1.0f;
  const float emo = p * ts + smo;     // expm1(-2z)
  const float epo = emo - kMinusTwo;  // e^-2z + 1
  return emo / epo;
}

// The value unchanged, as something the optimiser cannot see through (an empty asm statement,
// no instruction): without it clang proves "result is NaN whenever x is" and drops the
// selection below, returning the computed (quieted) NaN instead of x's bits.
inline std::uint32_t opaque(std::uint32_t b) {
  __asm__("" : "+r"(b));
  return b;
}
// The result where x is a number; x's own bits where x is NaN.
inline std::uint32_t nan_passes(float x, float result) {
  return select_bits(mask_if(x != x), bits(x), opaque(bits(result)));
}
// The result where x and dy are numbers; else x's bits if x is NaN, else dy's.
inline std::uint32_t nan_passes(float x, float dy, float result) {
  return select_bits(mask_if(x != x), bits(x),
                     select_bits(mask_if(dy != dy), bits(dy), opaque(bits(result))));
}

}  // namespace relu::expminus
