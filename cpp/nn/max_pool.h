// 2x2 max pooling with stride 2 over channel-last [height][width][channels] images (the engine's
// layout, nn/conv2d.h), as PyTorch's nn.MaxPool2d(2): odd sizes are floored (the last row or
// column is dropped), and within a window the first maximum in row-major order wins (a later
// equal value does not replace it), which decides where the gradient of a tie goes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::nn {

// y[h/2][w/2][c] and, for the backward pass, each output's source index within the image.
void max_pool2_forward(std::size_t channels, std::size_t height, std::size_t width, const float* x,
                       float* y, std::int32_t* argmax);

// dx[h][w][c] = 0 except dx at each window's arg max, which receives that output's dy.
void max_pool2_backward(std::size_t channels, std::size_t height, std::size_t width,
                        const float* dy, const std::int32_t* argmax, float* dx);

}  // namespace relu::nn
