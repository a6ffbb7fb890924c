// Element-wise ReLU-family microkernels on float32 arrays.
//
// Naming follows XNNPACK: f32 (data type), v (vector, element-wise), operation, then the
// instruction set and unroll factor. Every variant of one operation computes bit-identical
// results; the scalar variants are the reference the others are tested against.
//
// Contract shared by all kernels:
//  - arrays are given as pointer + element count n (n may be 0, pointers then unused);
//  - the output may alias an input exactly (in place), but must not partially overlap it;
//  - no alignment is assumed and nothing outside [0, n) is ever read or written.
//
// Semantics (PyTorch / NumPy parity, see docs/numerics.md):
//  relu:               y  = x < 0 ? +0 : x          (NaN -> NaN, -0 -> -0, no flush to zero)
//  relu backward:      dx = x <= 0 ? 0 : dy         (grad_at_zero 0; NaN input passes dy)
//                      dx = x <  0 ? 0 : dy         (grad_at_zero 1)
//  leaky relu:         y  = x > 0 ? x : alpha * x   (a NaN x passes unchanged)
//  leaky relu backward dx = x > 0 ? dy : alpha * dy (a NaN dy passes unchanged)
// Outputs are selected bit for bit (integer masks, v128.bitselect), never computed from the
// value passed through, so every NaN payload, signalling or quiet, comes out unchanged and the
// same in every build.
#pragma once

#include <cstddef>

namespace relu {

// Scalar variants: portable C++, compiled for every target (host, WASM scalar, WASM SIMD).
void f32_vrelu_scalar(const float* x, float* y, std::size_t n);
void f32_vrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                               int grad_at_zero);
void f32_vlrelu_scalar(const float* x, float* y, std::size_t n, float alpha);
void f32_vlrelu_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n,
                                float alpha);

#if defined(__wasm_simd128__)
// WASM SIMD variants: 128-bit vectors, 8 (forward, u32) or 4 (the others, u16) vectors per
// iteration, then single vectors, then a scalar tail.
void f32_vrelu_wasmsimd_u32(const float* x, float* y, std::size_t n);
void f32_vrelu_backward_wasmsimd_u16(const float* x, const float* dy, float* dx, std::size_t n,
                                     int grad_at_zero);
void f32_vlrelu_wasmsimd_u16(const float* x, float* y, std::size_t n, float alpha);
void f32_vlrelu_backward_wasmsimd_u16(const float* x, const float* dy, float* dx, std::size_t n,
                                      float alpha);
#endif

}  // namespace relu
