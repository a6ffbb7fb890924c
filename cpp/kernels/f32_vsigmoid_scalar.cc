// Scalar sigmoid variants: the reference the SIMD variants are tested against, bit for bit.
#include <cstring>

#include "kernels/f32_expminus_scalar.h"
#include "kernels/f32_vsigmoid.h"

namespace relu {

using namespace expminus;

void f32_vsigmoid_scalar(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float f = sigmoid_minus(abs_of(v));
    // x < 0 (sign bit set, -0 included) keeps sigmoid(-|x|), else 1 - sigmoid(-|x|).
    const std::uint32_t r =
        select_bits(mask_if((bits(v) & kSignMask) != 0), bits(f), bits(1.0f - f));
    const std::uint32_t out = nan_passes(v, from_bits(r));
    std::memcpy(&y[i], &out, sizeof out);
  }
}

void f32_vsigmoid_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float g = dy[i];
    const float f = sigmoid_minus(abs_of(v));
    const std::uint32_t out = nan_passes(v, g, g * (f * (1.0f - f)));
    std::memcpy(&dx[i], &out, sizeof out);
  }
}

}  // namespace relu
