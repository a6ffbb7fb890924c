// Dense matrix microkernels on float32 arrays, for the network's forward and backward passes.
//
// Naming follows XNNPACK: f32 (data type), operation, then instruction set and tile (rows x
// columns kept in registers). Every variant of one operation computes bit-identical results:
// each output is summed in the same order in every variant, and the build never contracts
// a*b+c into an FMA (-ffp-contract=off), so native, WASM scalar and WASM SIMD agree.
//
// Contract shared by all kernels:
//  - sizes are element counts; any of them may be 0;
//  - no alignment is assumed and nothing outside the described elements is read or written;
//  - outputs must not overlap inputs.
#pragma once

#include <cstddef>

namespace relu {

// f32_gemm: C[m][n] = init[n] + sum_{k=0..K-1} A(m,k) * B[k][n]     (m < M, n < N)
//   A(m,k) = a[m * a_stride_m + k * a_stride_k]: row-major A is (lda, 1), A transposed is
//   (1, lda), so the same kernel computes X*W (forward), dZ*W (input gradient) and dZ^T*X
//   (weight gradient). B is row-major with row stride ldb, C with row stride ldc.
//   init = bias[n], or +0 when bias is null. Each C element starts at init and adds the
//   products in increasing k. Vectorised over n: use it when N >= 4.
void f32_gemm_scalar(std::size_t M, std::size_t N, std::size_t K, const float* a,
                     std::size_t a_stride_m, std::size_t a_stride_k, const float* b,
                     std::size_t ldb, const float* bias, float* c, std::size_t ldc);

// f32_gemm_dot: C[m][n] = init[n] + dot(a + m*lda, b + n*ldb) over K (both rows contiguous),
//   i.e. C = A * B^T + bias. The dot product keeps 4 partial sums (lane j sums k = j mod 4
//   over the whole groups of 4), combines them as (l0 + l2) + (l1 + l3), then adds the
//   remaining k in order, then init + sum. Vectorised over k: use it when N < 4 and K >= 4.
void f32_gemm_dot_scalar(std::size_t M, std::size_t N, std::size_t K, const float* a,
                         std::size_t lda, const float* b, std::size_t ldb, const float* bias,
                         float* c, std::size_t ldc);

// f32_colsum: y[n] = sum_{m=0..M-1} a[m*lda + n], starting from +0, in increasing m.
void f32_colsum_scalar(std::size_t M, std::size_t N, const float* a, std::size_t lda, float* y);

#if defined(__wasm_simd128__)
// WASM SIMD variants: f32_gemm keeps a 4x8 tile of C in eight 128-bit registers
// (then 4x4 and partial-vector column tails, then single rows); f32_gemm_dot works on up to four
// B rows per A row with one register of partial sums each.
void f32_gemm_wasmsimd_4x8(std::size_t M, std::size_t N, std::size_t K, const float* a,
                           std::size_t a_stride_m, std::size_t a_stride_k, const float* b,
                           std::size_t ldb, const float* bias, float* c, std::size_t ldc);
void f32_gemm_dot_wasmsimd_x4(std::size_t M, std::size_t N, std::size_t K, const float* a,
                              std::size_t lda, const float* b, std::size_t ldb, const float* bias,
                              float* c, std::size_t ldc);
void f32_colsum_wasmsimd_x8(std::size_t M, std::size_t N, const float* a, std::size_t lda,
                            float* y);
#endif

}  // namespace relu
