// A 2-D convolution (stride 1, zero padding), as PyTorch's nn.Conv2d computes it:
// z[o][y][x] = b[o] + sum_{i,ky,kx} W[o][i][ky][kx] * x[i][y + ky - pad][x + kx - pad].
//
// Inside the engine images are channel-last, [height][width][channels] (one row of NHWC), so
// that one tap row of a patch, k * channels floats, is contiguous in the image. The patch index
// q = (ky * k + kx) * channels + i orders W's columns the same way; the package's W stays
// PyTorch's [out][in][k][k] and is packed into the two layouts below when it changes.
//
// Forward: the product of im2col's rows with Wt [patch][out] (the weights stay in L1), read
// from the image in place by kernels/f32_conv.h, giving z [positions][out].
// Backward: over the nonzero entries of dz only. After ReLU and a 2x2 max pool at most a
// quarter of dz is nonzero (the pool routes each window's gradient to one position, ReLU zeroes
// the rest), so summing g * patch into dW[o] and g * W[o] into the input gradient for each
// nonzero g does a fraction of the dense products' work. Measured in docs/benchmarks.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::nn {

struct ConvShape {
  std::size_t in_channels, height, width;  // input image
  std::size_t out_channels, kernel, pad;   // kernel 3 or 5; pad (k-1)/2 ('same') or 0 ('valid')
  std::size_t out_height, out_width;       // height + 2 pad - kernel + 1, likewise width
  std::size_t patch() const { return in_channels * kernel * kernel; }  // columns of W
  std::size_t positions() const { return out_height * out_width; }
  std::size_t in_size() const { return in_channels * height * width; }
  std::size_t out_size() const { return out_channels * out_height * out_width; }
  std::size_t padded_width() const { return width + 2 * pad; }
  std::size_t padded_size() const { return in_channels * (height + 2 * pad) * padded_width(); }
  // The weight gradient in patch order keeps each tap row (kernel * in_channels floats) in a
  // whole number of v128, so the backward pass adds whole vectors with no scalar tail; the
  // padded plane has kPaddedSlack floats past its end for the last row's overread.
  static constexpr std::size_t kPaddedSlack = 4;
  std::size_t tap_stride() const { return (kernel * in_channels + 3) / 4 * 4; }
  std::size_t dwq_stride() const { return kernel * tap_stride(); }
  std::size_t padded_floats() const { return padded_size() + kPaddedSlack; }
};

// Weight layouts, from PyTorch's w [out][in][k][k]: wt [patch][out] (the forward product's B)
// and wq [out][patch] (the input gradient's rows), both in patch order q.
void conv2d_pack_weights(const ConvShape& s, const float* w, float* wt, float* wq);

// dw [out][in][k][k] += dwq [out][dwq_stride()] (the backward pass accumulates in patch order,
// each tap row at a multiple of tap_stride()).
void conv2d_add_weight_grad(const ConvShape& s, const float* dwq, float* dw);

// The image x [h][w][in] inside a zero border of pad: padded [h + 2 pad][w + 2 pad][in],
// then kPaddedSlack zeros (padded holds padded_floats()). Returns padded.
const float* conv2d_pad(const ConvShape& s, const float* x, float* padded);

// z [positions][out] = the convolution of one padded image with wt, plus b
// (kernels/f32_conv.h: im2col's product, read in place).
void conv2d_forward(const ConvShape& s, const float* padded, const float* wt, const float* b,
                    float* z);

// Scratch of conv2d_backward: the nonzeros of dz grouped by channel (g and the patch's corner
// in the padded plane, out_size() entries each: up to positions() per channel), the lists'
// lengths (out_channels)
// and one position's nonzeros (out_channels each of here_g and here_w).
struct ConvBackwardScratch {
  float* g;
  std::int32_t* corner;
  std::int32_t* length;
  float* here_g;
  std::int32_t* here_w;
  static std::size_t floats(const ConvShape& s) { return 2 * s.out_size() + 3 * s.out_channels; }
  // Carves the scratch out of floats(s) floats (int32 entries share float slots).
  static ConvBackwardScratch in(const ConvShape& s, float* block) {
    static_assert(sizeof(std::int32_t) == sizeof(float), "int32 entries share float slots");
    auto* ints = reinterpret_cast<std::int32_t*>(block);
    const std::size_t n = s.out_size(), o = s.out_channels;
    return {block, ints + n, ints + 2 * n, block + 2 * n + o, ints + 2 * n + 2 * o};
  }
};

// One image's backward pass from dz [positions][out] (the gradient after the activation) and
// its padded input: dwq [out][dwq_stride()] and db [out] accumulate; when dpadded is not null
// the input gradient is
// added into it ([h + 2 pad][w + 2 pad][in], zeroed by the caller). Zero entries of dz are
// skipped, so an infinite or NaN input paired with a zero gradient adds nothing.
void conv2d_backward(const ConvShape& s, const float* padded, const float* wq, const float* dz,
                     float* dwq, float* db, float* dpadded, const ConvBackwardScratch& scratch);

// dx [h][w][in] = the interior of dpadded (the border's taps fall outside the image).
void conv2d_unpad(const ConvShape& s, const float* dpadded, float* dx);

}  // namespace relu::nn
