// Scalar variants. Every output is chosen by an integer mask over the inputs' bits, never by a
// float select or by arithmetic on the value that is passed through:
//  - a float select (`c ? a : b` on floats) is open to clang 14's rewrites: `v < 0 ? 0 : v`
//    becomes f32.max (which turns -0 into +0), `v > 0 ? g : alpha * g` becomes
//    `g * select(1, alpha)` (multiplying by 1 quiets a signalling NaN), and an f32 `select`
//    that survives is lowered by V8 to a data-dependent branch (mispredicted on random signs);
//  - an integer select compiles to i32 `select`, which engines lower to a conditional move.
// Where an arm of the selection is a product (Leaky ReLU), clang still folds the masks back into
// `g * select(1, alpha)`; `opaque` hides the product's bits from the optimiser (an empty asm
// statement, no instruction), so the selection stays on bits. So every input bit pattern, NaN
// payloads (signalling or quiet) and -0 included, comes out exactly as the SIMD kernels give it
// (docs/numerics.md).
#include <cstdint>
#include <cstring>

#include "kernels/f32_vrelu.h"

namespace relu {
namespace {

inline std::uint32_t bits_of(const float* p) {
  std::uint32_t b = 0;
  std::memcpy(&b, p, sizeof b);
  return b;
}
inline std::uint32_t bits_of(float v) { return bits_of(&v); }
inline void store_bits(float* p, std::uint32_t b) { std::memcpy(p, &b, sizeof b); }
// The value unchanged, as something the optimiser cannot see through.
inline std::uint32_t opaque(std::uint32_t b) {
  __asm__("" : "+r"(b));
  return b;
}
// All ones when `c`, else zero.
inline std::uint32_t mask_if(bool c) { return 0u - static_cast<std::uint32_t>(c); }
// The bits of `a` where `m` is set, of `b` elsewhere.
inline std::uint32_t select_bits(std::uint32_t m, std::uint32_t a, std::uint32_t b) {
  return (a & m) | (b & ~m);
}

}  // namespace

void f32_vrelu_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    // Strictly negative inputs become +0; -0 and NaN keep their bits.
    store_bits(&y[i], bits_of(&x[i]) & ~mask_if(v < 0.0f));
  }
}

void f32_vrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                               int grad_at_zero) {
  // Load both operands before selecting: a conditional load blocks auto-vectorisation.
  // The convention is hoisted out of the loop: two loops instead of a per-element branch.
  if (grad_at_zero != 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      store_bits(&dx[i], bits_of(&dy[i]) & ~mask_if(v < 0.0f));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      // NaN compares false, so a NaN input passes dy (PyTorch).
      store_bits(&dx[i], bits_of(&dy[i]) & ~mask_if(v <= 0.0f));
    }
  }
}

void f32_vlrelu_scalar(const float* x, float* y, std::size_t n, float alpha) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    // x > 0 ? x : alpha * x, except that a NaN x is passed through (not multiplied).
    store_bits(&y[i], select_bits(mask_if(v <= 0.0f), opaque(bits_of(alpha * v)), bits_of(&x[i])));
  }
}

void f32_vlrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                                float alpha) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float g = dy[i];
    // x > 0 ? dy : alpha * dy, except that a NaN dy is passed through (not multiplied).
    const bool scale = !(v > 0.0f) && g == g;
    store_bits(&dx[i], select_bits(mask_if(scale), opaque(bits_of(alpha * g)), bits_of(&dy[i])));
  }
}

}  // namespace relu
