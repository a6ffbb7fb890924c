// Scalar variants: the reference the SIMD variants are tested against, and the kernels of the
// scalar WASM build and the native build. Loops run k outside n so that the compiler can
// vectorise the n loop natively without changing any element's summation order.
#include "kernels/f32_gemm.h"

namespace relu {

void f32_gemm_scalar(std::size_t M, std::size_t N, std::size_t K, const float* a,
                     std::size_t a_stride_m, std::size_t a_stride_k, const float* b,
                     std::size_t ldb, const float* bias, float* c, std::size_t ldc) {
  for (std::size_t m = 0; m < M; ++m) {
    float* __restrict crow = c + m * ldc;
    const float* arow = a + m * a_stride_m;
    for (std::size_t n = 0; n < N; ++n) crow[n] = bias != nullptr ? bias[n] : 0.0f;
    for (std::size_t k = 0; k < K; ++k) {
      const float av = arow[k * a_stride_k];
      const float* __restrict brow = b + k * ldb;
      for (std::size_t n = 0; n < N; ++n) crow[n] += av * brow[n];
    }
  }
}

void f32_gemm_dot_scalar(std::size_t M, std::size_t N, std::size_t K, const float* a,
                         std::size_t lda, const float* b, std::size_t ldb, const float* bias,
                         float* c, std::size_t ldc) {
  const std::size_t k4 = K & ~static_cast<std::size_t>(3);
  for (std::size_t m = 0; m < M; ++m) {
    const float* arow = a + m * lda;
    for (std::size_t n = 0; n < N; ++n) {
      const float* brow = b + n * ldb;
      float l0 = 0.0f, l1 = 0.0f, l2 = 0.0f, l3 = 0.0f;
      for (std::size_t k = 0; k < k4; k += 4) {
        l0 += arow[k] * brow[k];
        l1 += arow[k + 1] * brow[k + 1];
        l2 += arow[k + 2] * brow[k + 2];
        l3 += arow[k + 3] * brow[k + 3];
      }
      float s = (l0 + l2) + (l1 + l3);
      for (std::size_t k = k4; k < K; ++k) s += arow[k] * brow[k];
      c[m * ldc + n] = (bias != nullptr ? bias[n] : 0.0f) + s;
    }
  }
}

void f32_colsum_scalar(std::size_t M, std::size_t N, const float* a, std::size_t lda, float* y) {
  for (std::size_t n = 0; n < N; ++n) y[n] = 0.0f;
  for (std::size_t m = 0; m < M; ++m) {
    const float* __restrict row = a + m * lda;
    for (std::size_t n = 0; n < N; ++n) y[n] += row[n];
  }
}

}  // namespace relu
