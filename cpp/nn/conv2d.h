// A 2-D convolution of one image (stride 1, zero padding), as PyTorch's nn.Conv2d computes it:
// z[o][y][x] = b[o] + sum_{i,ky,kx} W[o][i][ky][kx] * x[i][y + ky - pad][x + kx - pad].
// Images are [channels][height][width] (one row of NCHW), W is [out][in][k][k].
//
// Lowered to the f32_gemm kernels through im2col: col[(i*k + ky)*k + kx][y*ow + x] holds the
// input under each filter tap, so the forward pass is one product W[out][patch] * col, the
// weight gradient dz * col^T and the input gradient W^T * dz scattered back (col2im). The
// products run in the kernel variant the build selects (scalar or WASM SIMD), like nn/dense.h.
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
};

// col[patch][positions] from x[in][h][w] (zeros where a tap falls in the padding).
void im2col(const ConvShape& s, const float* x, float* col);

// z[out][positions] = W * col(x) + b. col is scratch of patch * positions floats.
void conv2d_forward(const ConvShape& s, const float* x, const float* w, const float* b, float* col,
                    float* z);

// Adds this image's weight and bias gradients to dw [out][patch] and db [out]: dw += dz col^T,
// db += row sums of dz. col must hold im2col(x); dw_image is scratch of out * patch floats.
void conv2d_weight_grad_add(const ConvShape& s, const float* col, const float* dz, float* dw,
                            float* db, float* dw_image);

// dx[in][h][w] = the input gradient of dz [out][positions]; dcol is scratch (patch * positions).
void conv2d_input_grad(const ConvShape& s, const float* w, const float* dz, float* dcol, float* dx);

}  // namespace relu::nn
