// A convolution's forward product over channel-last images, with the im2col read in place.
// Same naming and contract as kernels/f32_gemm.h (bit-identical variants, no FMA contraction,
// sizes in elements, nothing read or written outside the described elements).
#pragma once

#include <cstddef>

namespace relu {

// f32_conv_nhwc: for y < H, x < W, n < N:
//   z[(y * W + x) * ldz + n] = bias[n] + sum_{ky < KH} sum_{t < T}
//       a[(y + ky) * lda_row + x * a_stride_x + t] * w[(ky * T + t) * ldw + n]
// adding the products in increasing (ky, t): the same order, and so the same bits, as f32_gemm
// on the im2col matrix of the image (row length KH * T). For a convolution with C input
// channels and kernel k: a is the zero-bordered image, lda_row its row length (padded width *
// C), a_stride_x = C, T = k * C (one tap row of the patch, contiguous in the image), KH = k.
// bias may be null (+0).
void f32_conv_nhwc_scalar(std::size_t H, std::size_t W, std::size_t N, std::size_t KH,
                          std::size_t T, const float* a, std::size_t lda_row,
                          std::size_t a_stride_x, const float* w, std::size_t ldw,
                          const float* bias, float* z, std::size_t ldz);

#if defined(__wasm_simd128__)
// Tiles of 4 output positions (along x) by 8 columns of z in eight v128 accumulators, then
// 4-column and partial-vector column tails, and tiles of the last 1 to 3 positions of a row.
void f32_conv_nhwc_wasmsimd_4x8(std::size_t H, std::size_t W, std::size_t N, std::size_t KH,
                                std::size_t T, const float* a, std::size_t lda_row,
                                std::size_t a_stride_x, const float* w, std::size_t ldw,
                                const float* bias, float* z, std::size_t ldz);
#endif

}  // namespace relu
