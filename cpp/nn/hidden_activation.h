// Element-wise activation of the hidden layers over a whole [rows][units] block, on the kernels
// of kernels/activation.h (ReLU family, sigmoid, tanh). Those give the same bits in every build
// (native, WASM scalar, WASM SIMD), so a network's hidden layers train identically everywhere;
// the losses still use libm (expf, log1pf), which glibc and Emscripten's musl agree on.
#pragma once

#include <cstddef>

#include "nn/options.h"

namespace relu::nn {

// h = act(z).
void activation_forward(Activation act, float slope, const float* z, float* h, std::size_t n);

// d holds dL/dh on entry and dL/dz on return: d *= act'(z), from z for every activation
// (sigmoid's and tanh's derivatives from z avoid the 1 - h cancellation of PyTorch's formulas
// from h, docs/numerics.md).
void activation_backward(Activation act, float slope, int grad_at_zero, const float* z, float* d,
                         std::size_t n);

}  // namespace relu::nn
