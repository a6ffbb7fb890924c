// Tester of the matrix kernels, swept over the shapes that matter for the 4x8 tile: less than
// a tile, exactly one, several, and every row and column tail, for both A layouts. Outputs
// are pre-filled with NaN (an unwritten element shows up) and guarded by canaries. The
// kernels' contract fixes each element's summation order, so the expected values are computed
// in that order and compared bit for bit.
#include "kernels/f32_gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "test_util.h"

namespace {

constexpr float kCanary = 12345.0f;
const std::size_t kMs[] = {1, 2, 3, 4, 5, 8, 9};
const std::size_t kNs[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17};
const std::size_t kKs[] = {0, 1, 2, 3, 4, 5, 8, 13};

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(F32Gemm, ScalarMatchesSpecForAllTileShapes) {
  for (bool transposed : {false, true}) {
    for (bool with_bias : {false, true}) {
      for (std::size_t M : kMs) {
        for (std::size_t N : kNs) {
          for (std::size_t K : kKs) {
            const std::size_t ldb = N + 3, ldc = N + 2;
            const std::vector<float> a =
                nntest::uniform(M * K + 1, -1, 1, static_cast<std::uint32_t>(M * 100 + K));
            const std::vector<float> b =
                nntest::uniform(K * ldb + 1, -1, 1, static_cast<std::uint32_t>(N * 100 + K));
            const std::vector<float> bias = nntest::uniform(N, -1, 1, 5);
            const std::size_t sm = transposed ? 1 : K, sk = transposed ? M : 1;
            std::vector<float> c(M * ldc + 8, std::numeric_limits<float>::quiet_NaN());
            for (std::size_t i = 0; i < 8; ++i) c[M * ldc + i] = kCanary;
            relu::f32_gemm_scalar(M, N, K, a.data(), sm, sk, b.data(), ldb,
                                  with_bias ? bias.data() : nullptr, c.data(), ldc);
            for (std::size_t m = 0; m < M; ++m) {
              for (std::size_t n = 0; n < N; ++n) {
                float expect = with_bias ? bias[n] : 0.0f;
                for (std::size_t k = 0; k < K; ++k) expect += a[m * sm + k * sk] * b[k * ldb + n];
                ASSERT_TRUE(same_bits(c[m * ldc + n], expect)) << M << "x" << N << "x" << K;
              }
              for (std::size_t n = N; n < ldc && m + 1 < M; ++n)
                ASSERT_TRUE(std::isnan(c[m * ldc + n]));
            }
            for (std::size_t i = 0; i < 8; ++i) ASSERT_EQ(c[M * ldc + i], kCanary);
          }
        }
      }
    }
  }
}

TEST(F32Gemm, DotScalarMatchesSpec) {
  for (std::size_t M : kMs) {
    for (std::size_t N : kNs) {
      for (std::size_t K : kKs) {
        const std::size_t lda = K + 1, ldb = K + 2, ldc = N + 1;
        const std::vector<float> a =
            nntest::uniform(M * lda, -1, 1, static_cast<std::uint32_t>(M + K));
        const std::vector<float> b =
            nntest::uniform(N * ldb, -1, 1, static_cast<std::uint32_t>(N + K + 50));
        const std::vector<float> bias = nntest::uniform(N, -1, 1, 9);
        std::vector<float> c(M * ldc + 4, std::numeric_limits<float>::quiet_NaN());
        for (std::size_t i = 0; i < 4; ++i) c[M * ldc + i] = kCanary;
        relu::f32_gemm_dot_scalar(M, N, K, a.data(), lda, b.data(), ldb, bias.data(), c.data(),
                                  ldc);
        for (std::size_t m = 0; m < M; ++m) {
          for (std::size_t n = 0; n < N; ++n) {
            float lane[4] = {0, 0, 0, 0};
            const std::size_t k4 = K / 4 * 4;
            for (std::size_t k = 0; k < k4; ++k) lane[k % 4] += a[m * lda + k] * b[n * ldb + k];
            float s = (lane[0] + lane[2]) + (lane[1] + lane[3]);
            for (std::size_t k = k4; k < K; ++k) s += a[m * lda + k] * b[n * ldb + k];
            ASSERT_TRUE(same_bits(c[m * ldc + n], bias[n] + s));
            // And it is a dot product, within rounding.
            double ref = bias[n];
            for (std::size_t k = 0; k < K; ++k)
              ref += static_cast<double>(a[m * lda + k]) * b[n * ldb + k];
            ASSERT_NEAR(c[m * ldc + n], ref, 1e-5);
          }
        }
        for (std::size_t i = 0; i < 4; ++i) ASSERT_EQ(c[M * ldc + i], kCanary);
      }
    }
  }
}

TEST(F32Gemm, ColsumScalar) {
  for (std::size_t M : kMs) {
    for (std::size_t N : kNs) {
      const std::size_t lda = N + 1;
      const std::vector<float> a =
          nntest::uniform(M * lda, -1, 1, static_cast<std::uint32_t>(M * N));
      std::vector<float> y(N + 2, kCanary);
      relu::f32_colsum_scalar(M, N, a.data(), lda, y.data());
      for (std::size_t n = 0; n < N; ++n) {
        float expect = 0.0f;
        for (std::size_t m = 0; m < M; ++m) expect += a[m * lda + n];
        ASSERT_TRUE(same_bits(y[n], expect));
      }
      ASSERT_EQ(y[N], kCanary);
      ASSERT_EQ(y[N + 1], kCanary);
    }
  }
}

TEST(F32Gemm, NonFiniteValuesPropagate) {
  // 0 * inf = NaN must not be skipped as "multiplying by zero".
  const float a[2] = {0.0f, 1.0f};
  const float b[2] = {std::numeric_limits<float>::infinity(), 1.0f};
  float c = 0.0f;
  relu::f32_gemm_scalar(1, 1, 2, a, 2, 1, b, 1, nullptr, &c, 1);
  EXPECT_TRUE(std::isnan(c));
}

}  // namespace
