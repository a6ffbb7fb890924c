// A 2-D convolution (stride 1, zero padding), as PyTorch's nn.Conv2d computes it:
// z[o][y][x] = b[o] + sum_{i,ky,kx} W[o][i][ky][kx] * x[i][y + ky - pad][x + kx - pad].
// Images are [channels][height][width] (one row of NCHW), W is [out][in][k][k].
//
// Lowered to the f32_gemm kernels through im2col: the columns of a batch of images sit side by
// side, col[(i*k + ky)*k + kx][r*positions + y*ow + x] (row stride ld >= rows * positions), so
// the forward pass is W[out][patch] * col per image, the weight gradient one product
// col * dz^T over the whole batch (K = rows * positions, vectorised over out), and the input
// gradient W^T * dz per image scattered back (col2im). The products run in the kernel variant
// the build selects (scalar or WASM SIMD), like nn/dense.h. Measured in WASM SIMD (Node 20,
// docs/benchmarks.md): this batch layout with the 4x8 gemm for the weight gradient beat the
// per-image dot-product kernel (f32_gemm_dot) and a per-image im2col in the backward pass.
#pragma once

#include <cstddef>

namespace relu::nn {

struct ConvShape {
  std::size_t in_channels, height, width;  // input image
  std::size_t out_channels, kernel, pad;   // kernel 3 or 5; pad (k-1)/2 ('same') or 0 ('valid')
  std::size_t out_height, out_width;       // height + 2 pad - kernel + 1, likewise width
  std::size_t patch() const { return in_channels * kernel * kernel; }  // columns of W
  std::size_t positions() const { return out_height * out_width; }
  std::size_t in_size() const { return in_channels * height * width; }
  std::size_t out_size() const { return out_channels * out_height * out_width; }
  std::size_t padded_size() const { return in_channels * (height + 2 * pad) * (width + 2 * pad); }
};

// col[q][j] (row stride ld, positions columns) from x[in][h][w]; zeros in the padding.
// padded is scratch (padded_size() floats): 'same' copies the image once into a zero-bordered
// plane so that every column row is a plain copy of an input row, with no edge cases.
void im2col(const ConvShape& s, const float* x, float* col, std::size_t ld, float* padded);

// z[out][positions] = W * col + b for one image whose columns start at col (stride ld).
void conv2d_forward(const ConvShape& s, const float* col, std::size_t ld, const float* w,
                    const float* b, float* z);

// dw [out][patch] and db [out] of `rows` images: dw = sum_r dz_r col_r^T, db = sums of dz.
// col holds the batch's columns (stride ld); dz is [rows][out][positions]. Scratch: dz_t
// (rows * positions * out floats) and dw_t (patch * out floats). Overwrites dw and db.
void conv2d_weight_grad(const ConvShape& s, std::size_t rows, const float* col, std::size_t ld,
                        const float* dz, float* dw, float* db, float* dz_t, float* dw_t);

// dx[in][h][w] = the input gradient of one image's dz [out][positions]; dcol (patch * positions
// floats) and padded (padded_size() floats: col2im adds into the zero-bordered plane) are scratch.
void conv2d_input_grad(const ConvShape& s, const float* w, const float* dz, float* dcol,
                       float* padded, float* dx);

}  // namespace relu::nn
