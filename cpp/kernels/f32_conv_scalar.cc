// Scalar variant: the reference the SIMD variant is tested against (n loop innermost, so the
// compiler may vectorise it natively without changing any element's summation order).
#include "kernels/f32_conv.h"

namespace relu {

void f32_conv_nhwc_scalar(std::size_t H, std::size_t W, std::size_t N, std::size_t KH,
                          std::size_t T, const float* a, std::size_t lda_row,
                          std::size_t a_stride_x, const float* w, std::size_t ldw,
                          const float* bias, float* z, std::size_t ldz) {
  for (std::size_t y = 0; y < H; ++y) {
    for (std::size_t x = 0; x < W; ++x) {
      float* __restrict zrow = z + (y * W + x) * ldz;
      for (std::size_t n = 0; n < N; ++n) zrow[n] = bias != nullptr ? bias[n] : 0.0f;
      for (std::size_t ky = 0; ky < KH; ++ky) {
        const float* arow = a + (y + ky) * lda_row + x * a_stride_x;
        for (std::size_t t = 0; t < T; ++t) {
          const float av = arow[t];
          const float* __restrict wrow = w + (ky * T + t) * ldw;
          for (std::size_t n = 0; n < N; ++n) zrow[n] += av * wrow[n];
        }
      }
    }
  }
}

}  // namespace relu
