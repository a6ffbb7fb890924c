// Scalar tanh variants: the reference the SIMD variants are tested against, bit for bit.
#include <cstring>

#include "kernels/f32_expminus_scalar.h"
#include "kernels/f32_vtanh.h"

namespace relu {

using namespace expminus;

void f32_vtanh_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    // |tanh(|x|)| with x's sign bit: odd bit for bit, tanh(-0) = -0.
    const std::uint32_t r = (bits(minus_tanh(abs_of(v))) & kAbsMask) | (bits(v) & kSignMask);
    const std::uint32_t out = nan_passes(v, from_bits(r));
    std::memcpy(&y[i], &out, sizeof out);
  }
}

void f32_vtanh_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float g = dy[i];
    // 1 - tanh(x)^2 = 4 f (1 - f), f = sigmoid(-2|x|); 2|x| overflows to +Inf, which gives 0.
    const float f = sigmoid_minus(2.0f * abs_of(v));
    const std::uint32_t out = nan_passes(v, g, g * ((4.0f * f) * (1.0f - f)));
    std::memcpy(&dx[i], &out, sizeof out);
  }
}

}  // namespace relu
