// Element-wise activation of the hidden layers over a whole [rows][units] block. The ReLU
// family goes to the kernels of kernels/activation.h; tanh and sigmoid use libm's tanhf/expf.
// Training must agree across builds within float tolerance, not bit for bit; in practice
// glibc and Emscripten's musl give identical expf/logf/log1pf results but tanhf differs in the
// last bit, so only tanh networks differ between native and WASM (the two WASM builds agree).
#pragma once

#include <cstddef>

#include "nn/options.h"

namespace relu::nn {

// h = act(z).
void activation_forward(Activation act, float slope, const float* z, float* h, std::size_t n);

// d holds dL/dh on entry and dL/dz on return: d *= act'(z), from z (ReLU family) or h
// (tanh: 1 - h^2, sigmoid: (1 - h) h, as PyTorch's backward formulas).
void activation_backward(Activation act, float slope, int grad_at_zero, const float* z,
                         const float* h, float* d, std::size_t n);

}  // namespace relu::nn
