// Scalar variants. Written as explicit comparisons (not std::max/fmax) because the
// comparison order is the specification: it decides what NaN and -0 produce.
#include <cstdint>
#include <cstring>

#include "kernels/f32_vrelu.h"

namespace relu {

void f32_vrelu_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    // Not `v < 0 ? 0 : v`: clang 14 (Emscripten 3.1.6) rewrites that select into f32.max,
    // which turns -0 into +0. Clearing the bits of strictly negative inputs through an
    // integer mask says the same thing in a form no float min/max pattern matches.
    std::uint32_t bits = 0;
    std::memcpy(&bits, &x[i], sizeof bits);
    const std::uint32_t keep = x[i] < 0.0f ? 0u : ~0u;
    bits &= keep;
    std::memcpy(&y[i], &bits, sizeof bits);
  }
}

void f32_vrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                               int grad_at_zero) {
  // Load both operands before selecting: a conditional load blocks auto-vectorisation.
  if (grad_at_zero != 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      const float g = dy[i];
      dx[i] = v < 0.0f ? 0.0f : g;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      const float g = dy[i];
      dx[i] = v <= 0.0f ? 0.0f : g;
    }
  }
}

void f32_vlrelu_scalar(const float* x, float* y, std::size_t n, float alpha) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    y[i] = v > 0.0f ? v : alpha * v;
  }
}

void f32_vlrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                                float alpha) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float g = dy[i];
    dx[i] = v > 0.0f ? g : alpha * g;
  }
}

}  // namespace relu
