// WASM SIMD variant: the register tile of f32_gemm_wasmsimd_4x8, with the A rows read from
// the image (4 neighbouring positions, a_stride_x apart) instead of an im2col copy.
#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include "kernels/f32_conv.h"
#include "kernels/v128_tile.h"

namespace relu {
namespace {

// R positions (x .. x + R - 1 of one output row) by 4 * V columns (the last vector L lanes).
template <int R, int V, int L = 4>
inline void conv_tile(std::size_t KH, std::size_t T, const float* a, std::size_t lda_row,
                      std::size_t a_stride_x, const float* w, std::size_t ldw, const float* bias,
                      float* z, std::size_t ldz) {
  V128Tile<R, V, L> tile(bias);
  for (std::size_t ky = 0; ky < KH; ++ky) {
    const float* ak = a + ky * lda_row;
    const float* wk = w + ky * T * ldw;
    for (std::size_t t = 0; t < T; ++t) tile.update(ak + t, a_stride_x, wk + t * ldw);
  }
  tile.store(z, ldz);
}

template <int R>
inline void conv_positions(std::size_t N, std::size_t KH, std::size_t T, const float* a,
                           std::size_t lda_row, std::size_t a_stride_x, const float* w,
                           std::size_t ldw, const float* bias, float* z, std::size_t ldz) {
  std::size_t n = 0;
  for (; n + 8 <= N; n += 8) {
    conv_tile<R, 2>(KH, T, a, lda_row, a_stride_x, w + n, ldw, bias != nullptr ? bias + n : nullptr,
                    z + n, ldz);
  }
  // The last 1 to 7 columns: a whole vector, then a partial one.
  v128_column_tail(N - n, [&](auto l, std::size_t at) {
    constexpr int L = decltype(l)::value;
    const float* bn = bias != nullptr ? bias + n + at : nullptr;
    conv_tile<R, 1, L>(KH, T, a, lda_row, a_stride_x, w + n + at, ldw, bn, z + n + at, ldz);
  });
}

}  // namespace

void f32_conv_nhwc_wasmsimd_4x8(std::size_t H, std::size_t W, std::size_t N, std::size_t KH,
                                std::size_t T, const float* a, std::size_t lda_row,
                                std::size_t a_stride_x, const float* w, std::size_t ldw,
                                const float* bias, float* z, std::size_t ldz) {
  for (std::size_t y = 0; y < H; ++y) {
    const float* arow = a + y * lda_row;
    float* zrow = z + y * W * ldz;
    std::size_t x = 0;
    for (; x + 4 <= W; x += 4) {
      conv_positions<4>(N, KH, T, arow + x * a_stride_x, lda_row, a_stride_x, w, ldw, bias,
                        zrow + x * ldz, ldz);
    }
    // The last 1 to 3 positions of the row as one narrower tile.
    const float* ax = arow + x * a_stride_x;
    float* zx = zrow + x * ldz;
    switch (W - x) {
      case 3:
        conv_positions<3>(N, KH, T, ax, lda_row, a_stride_x, w, ldw, bias, zx, ldz);
        break;
      case 2:
        conv_positions<2>(N, KH, T, ax, lda_row, a_stride_x, w, ldw, bias, zx, ldz);
        break;
      case 1:
        conv_positions<1>(N, KH, T, ax, lda_row, a_stride_x, w, ldw, bias, zx, ldz);
        break;
      default:
        break;
    }
  }
}

}  // namespace relu

#endif  // defined(__wasm_simd128__)
