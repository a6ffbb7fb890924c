// The element-wise activation kernels this build ships: the WASM SIMD variants when compiled with
// -msimd128, the scalar variants otherwise. Callers (the network, the bindings) use these
// names and never pick a variant themselves.
#pragma once

#include <cstddef>

namespace relu {

void relu_forward(const float* x, float* y, std::size_t n);
// grad_at_zero: 0 (PyTorch, TF.js: dx = 0 at x == 0) or 1 (dx = dy at x == 0).
void relu_backward(const float* x, const float* dy, float* dx, std::size_t n, int grad_at_zero);
void leaky_relu_forward(const float* x, float* y, std::size_t n, float alpha);
void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha);
// Sigmoid and tanh; backward from the input x (dx = dy * act'(x)), see f32_vsigmoid.h/f32_vtanh.h.
void sigmoid_forward(const float* x, float* y, std::size_t n);
void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n);
void tanh_forward(const float* x, float* y, std::size_t n);
void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n);

// Name of the variant family compiled in: "wasm-simd", "wasm-scalar" or "native-scalar".
const char* kernel_isa();

}  // namespace relu
