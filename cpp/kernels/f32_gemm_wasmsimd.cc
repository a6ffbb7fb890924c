// WASM SIMD variants. Register tiles are plain arrays indexed by compile-time constants, which
// clang fully unrolls into v128 locals. Column and row tails reuse the same templates with
// narrower tiles whose last vector loads and stores only its 1 to 4 real lanes
// (kernels/v128_tile.h), so any shape stays in SIMD and nothing past the described elements
// is touched.
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include "kernels/f32_gemm.h"
#include "kernels/v128_tile.h"

namespace relu {
namespace {

// One tile of R rows x (4*V) columns of C (the last vector L lanes), accumulated over all k.
template <int R, int V, int L = 4>
inline void gemm_tile(std::size_t K, const float* a, std::size_t a_stride_m, std::size_t a_stride_k,
                      const float* b, std::size_t ldb, const float* bias, float* c,
                      std::size_t ldc) {
  V128Tile<R, V, L> tile(bias);
  for (std::size_t k = 0; k < K; ++k) tile.update(a + k * a_stride_k, a_stride_m, b + k * ldb);
  tile.store(c, ldc);
}

template <int R>
inline void gemm_rows(std::size_t N, std::size_t K, const float* a, std::size_t a_stride_m,
                      std::size_t a_stride_k, const float* b, std::size_t ldb, const float* bias,
                      float* c, std::size_t ldc) {
  std::size_t n = 0;
  for (; n + 8 <= N; n += 8) {
    gemm_tile<R, 2>(K, a, a_stride_m, a_stride_k, b + n, ldb, bias != nullptr ? bias + n : nullptr,
                    c + n, ldc);
  }
  // The last 1 to 7 columns: a whole vector, then a partial one.
  v128_column_tail(N - n, [&](auto l, std::size_t at) {
    constexpr int L = decltype(l)::value;
    const float* bn = bias != nullptr ? bias + n + at : nullptr;
    gemm_tile<R, 1, L>(K, a, a_stride_m, a_stride_k, b + n + at, ldb, bn, c + n + at, ldc);
  });
}

// (l0 + l2) + (l1 + l3), the combination order the scalar variant spells out.
inline float reduce4(v128_t v) {
  const v128_t h = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(h, 0) + wasm_f32x4_extract_lane(h, 1);
}

template <int NB>
inline void dot_rows(std::size_t K, const float* arow, const float* b, std::size_t ldb,
                     const float* bias, float* c) {
  v128_t acc[NB];
  for (int j = 0; j < NB; ++j) acc[j] = wasm_f32x4_splat(0.0f);
  std::size_t k = 0;
  for (; k + 4 <= K; k += 4) {
    const v128_t av = wasm_v128_load(arow + k);
    for (int j = 0; j < NB; ++j) {
      acc[j] = wasm_f32x4_add(
          acc[j], wasm_f32x4_mul(av, wasm_v128_load(b + static_cast<std::size_t>(j) * ldb + k)));
    }
  }
  for (int j = 0; j < NB; ++j) {
    const float* brow = b + static_cast<std::size_t>(j) * ldb;
    float s = reduce4(acc[j]);
    for (std::size_t t = k; t < K; ++t) s += arow[t] * brow[t];
    c[j] = (bias != nullptr ? bias[j] : 0.0f) + s;
  }
}

}  // namespace

void f32_gemm_wasmsimd_4x8(std::size_t M, std::size_t N, std::size_t K, const float* a,
                           std::size_t a_stride_m, std::size_t a_stride_k, const float* b,
                           std::size_t ldb, const float* bias, float* c, std::size_t ldc) {
  std::size_t m = 0;
  for (; m + 4 <= M; m += 4) {
    gemm_rows<4>(N, K, a + m * a_stride_m, a_stride_m, a_stride_k, b, ldb, bias, c + m * ldc, ldc);
  }
  for (; m < M; ++m) {
    gemm_rows<1>(N, K, a + m * a_stride_m, a_stride_m, a_stride_k, b, ldb, bias, c + m * ldc, ldc);
  }
}

void f32_gemm_dot_wasmsimd_x4(std::size_t M, std::size_t N, std::size_t K, const float* a,
                              std::size_t lda, const float* b, std::size_t ldb, const float* bias,
                              float* c, std::size_t ldc) {
  for (std::size_t m = 0; m < M; ++m) {
    const float* arow = a + m * lda;
    float* crow = c + m * ldc;
    std::size_t n = 0;
    for (; n + 4 <= N; n += 4) {
      dot_rows<4>(K, arow, b + n * ldb, ldb, bias != nullptr ? bias + n : nullptr, crow + n);
    }
    const float* bn = b + n * ldb;
    const float* biasn = bias != nullptr ? bias + n : nullptr;
    switch (N - n) {
      case 3:
        dot_rows<3>(K, arow, bn, ldb, biasn, crow + n);
        break;
      case 2:
        dot_rows<2>(K, arow, bn, ldb, biasn, crow + n);
        break;
      case 1:
        dot_rows<1>(K, arow, bn, ldb, biasn, crow + n);
        break;
      default:
        break;
    }
  }
}

void f32_colsum_wasmsimd_x8(std::size_t M, std::size_t N, const float* a, std::size_t lda,
                            float* y) {
  std::size_t n = 0;
  for (; n + 8 <= N; n += 8) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    for (std::size_t m = 0; m < M; ++m) {
      s0 = wasm_f32x4_add(s0, wasm_v128_load(a + m * lda + n));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(a + m * lda + n + 4));
    }
    wasm_v128_store(y + n, s0);
    wasm_v128_store(y + n + 4, s1);
  }
  for (; n + 4 <= N; n += 4) {
    v128_t s0 = wasm_f32x4_splat(0.0f);
    for (std::size_t m = 0; m < M; ++m) s0 = wasm_f32x4_add(s0, wasm_v128_load(a + m * lda + n));
    wasm_v128_store(y + n, s0);
  }
  if (n < N) f32_colsum_scalar(M, N - n, a + n, lda, y + n);
}

}  // namespace relu

#endif  // defined(__wasm_simd128__)
