#include "nn/dense.h"

#include "kernels/f32_gemm.h"

namespace relu::nn {
namespace {

#if defined(__wasm_simd128__)
constexpr auto gemm = f32_gemm_wasmsimd_4x8;
constexpr auto gemm_dot = f32_gemm_dot_wasmsimd_x4;
constexpr auto colsum = f32_colsum_wasmsimd_x8;
#else
constexpr auto gemm = f32_gemm_scalar;
constexpr auto gemm_dot = f32_gemm_dot_scalar;
constexpr auto colsum = f32_colsum_scalar;
#endif

}  // namespace

void pack_transposed(const float* w, std::size_t out, std::size_t in, float* wt) {
  for (std::size_t n = 0; n < out; ++n) {
    for (std::size_t k = 0; k < in; ++k) wt[k * out + n] = w[n * in + k];
  }
}

void dense_forward(const float* x, std::size_t rows, std::size_t in, std::size_t out,
                   const float* w, const float* wt, const float* b, float* z) {
  if (dense_forward_uses_packed(out)) {
    gemm(rows, out, in, x, in, 1, wt, out, b, z, out);
  } else {
    gemm_dot(rows, out, in, x, in, w, in, b, z, out);
  }
}

void dense_input_grad(const float* dz, std::size_t rows, std::size_t in, std::size_t out,
                      const float* w, float* dx) {
  gemm(rows, in, out, dz, out, 1, w, in, nullptr, dx, in);
}

void dense_weight_grad(const float* dz, const float* x, std::size_t rows, std::size_t in,
                       std::size_t out, float* dw, float* db, float* scratch) {
  if (in >= 4) {
    // dw[n][k] = sum_m dz[m][n] x[m][k]: A = dz^T (strides 1, out), vectorised over in.
    gemm(out, in, rows, dz, 1, out, x, in, nullptr, dw, in);
  } else {
    // Narrow input (e.g. 2-D points): vectorise over out instead, then transpose.
    gemm(in, out, rows, x, 1, in, dz, out, nullptr, scratch, out);
    for (std::size_t k = 0; k < in; ++k) {
      for (std::size_t n = 0; n < out; ++n) dw[n * in + k] = scratch[k * out + n];
    }
  }
  colsum(rows, out, dz, out, db);
}

}  // namespace relu::nn
