// Compile-time choice of kernel variant: the SIMD build and the scalar build are two
// separate binaries, so there is no run-time dispatch cost here.
#include "kernels/activation.h"

#include "kernels/f32_vrelu.h"
#include "kernels/f32_vsigmoid.h"
#include "kernels/f32_vtanh.h"

namespace relu {

#if defined(__wasm_simd128__)
void relu_forward(const float* x, float* y, std::size_t n) { f32_vrelu_wasmsimd_u32(x, y, n); }
void relu_backward(const float* x, const float* dy, float* dx, std::size_t n, int grad_at_zero) {
  f32_vrelu_backward_wasmsimd_u16(x, dy, dx, n, grad_at_zero);
}
void leaky_relu_forward(const float* x, float* y, std::size_t n, float alpha) {
  f32_vlrelu_wasmsimd_u16(x, y, n, alpha);
}
void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha) {
  f32_vlrelu_backward_wasmsimd_u16(x, dy, dx, n, alpha);
}
void sigmoid_forward(const float* x, float* y, std::size_t n) { f32_vsigmoid_wasmsimd_u4(x, y, n); }
void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n) {
  f32_vsigmoid_backward_wasmsimd_u4(x, dy, dx, n);
}
void tanh_forward(const float* x, float* y, std::size_t n) { f32_vtanh_wasmsimd_u4(x, y, n); }
void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n) {
  f32_vtanh_backward_wasmsimd_u4(x, dy, dx, n);
}
const char* kernel_isa() { return "wasm-simd"; }
#else
void relu_forward(const float* x, float* y, std::size_t n) { f32_vrelu_scalar(x, y, n); }
void relu_backward(const float* x, const float* dy, float* dx, std::size_t n, int grad_at_zero) {
  f32_vrelu_backward_scalar(x, dy, dx, n, grad_at_zero);
}
void leaky_relu_forward(const float* x, float* y, std::size_t n, float alpha) {
  f32_vlrelu_scalar(x, y, n, alpha);
}
void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha) {
  f32_vlrelu_backward_scalar(x, dy, dx, n, alpha);
}
void sigmoid_forward(const float* x, float* y, std::size_t n) { f32_vsigmoid_scalar(x, y, n); }
void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n) {
  f32_vsigmoid_backward_scalar(x, dy, dx, n);
}
void tanh_forward(const float* x, float* y, std::size_t n) { f32_vtanh_scalar(x, y, n); }
void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n) {
  f32_vtanh_backward_scalar(x, dy, dx, n);
}
#if defined(__wasm__)
const char* kernel_isa() { return "wasm-scalar"; }
#else
const char* kernel_isa() { return "native-scalar"; }
#endif
#endif

}  // namespace relu
