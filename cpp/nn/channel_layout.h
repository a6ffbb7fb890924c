// Conversions between the package's channel-first images (NCHW, PyTorch's) and the engine's
// channel-last ones (NHWC, nn/conv2d.h): X arrives channel-first, activations are read
// channel-first, and the first dense layer after a convolution reads (channel, row, column).
#pragma once

#include <cstddef>

namespace relu::nn {

// dst[r][p][c] = src[r][c][p] for rows images of channels x positions.
void to_channel_last(const float* src, std::size_t rows, std::size_t channels,
                     std::size_t positions, float* dst);

// dst[r][c][p] = src[r][p][c].
void to_channel_first(const float* src, std::size_t rows, std::size_t channels,
                      std::size_t positions, float* dst);

}  // namespace relu::nn
