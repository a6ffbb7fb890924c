// A dense layer's three matrix products, z = x W^T + b, dx = dz W, dW = dz^T x, db = sum dz,
// with W row-major [out][in] (PyTorch's nn.Linear layout). Each picks the f32_gemm kernel
// whose vectorised dimension is wide for this shape; the kernel variant (scalar or WASM SIMD)
// is fixed at compile time, like kernels/activation.h.
#pragma once

#include <cstddef>

namespace relu::nn {

// The forward pass vectorises over out when out >= 4 and then reads W^T packed as [in][out]
// (wt); otherwise it takes dot products of x rows with W rows and wt is unused (may be null).
inline bool dense_forward_uses_packed(std::size_t out) { return out >= 4; }
// wt[k][n] = w[n][k].
void pack_transposed(const float* w, std::size_t out, std::size_t in, float* wt);

// z[rows][out] = x[rows][in] * W^T + b.
void dense_forward(const float* x, std::size_t rows, std::size_t in, std::size_t out,
                   const float* w, const float* wt, const float* b, float* z);

// dx[rows][in] = dz[rows][out] * W.
void dense_input_grad(const float* dz, std::size_t rows, std::size_t in, std::size_t out,
                      const float* w, float* dx);

// dw[out][in] = dz^T * x, db[out] = column sums of dz. When in < 4 the product is formed as
// x^T * dz in scratch ([in][out], in*out floats) and transposed into dw.
inline std::size_t dense_weight_grad_scratch(std::size_t in, std::size_t out) {
  return in < 4 ? in * out : 0;
}
void dense_weight_grad(const float* dz, const float* x, std::size_t rows, std::size_t in,
                       std::size_t out, float* dw, float* db, float* scratch);

}  // namespace relu::nn
