// Element-wise tanh microkernels on float32 arrays (XNNPACK naming and contract, as
// f32_vrelu.h: pointer + count, in place allowed, no alignment assumed, nothing outside [0, n)).
//
// Semantics (accuracy in ULP against double precision: docs/numerics.md):
//  tanh:          y  = tanh(x)               odd bit for bit (tanh(-0) = -0), tanh(+-Inf) = +-1,
//                                            subnormal x gives x.
//  tanh backward: dx = dy * (1 - tanh(x)^2), from the input x like reluBackward; computed as
//                 4 f (1 - f) with f = sigmoid(-2|x|) (the same value, sech^2 x, without the
//                 1 - tanh^2 cancellation), down to subnormal results.
// A NaN x comes out as x (forward and backward), else a NaN dy as dy: selected bit for bit,
// never computed, so payloads survive. Every variant gives the same bits as the scalar one.
#pragma once

#include <cstddef>

namespace relu {

void f32_vtanh_scalar(const float* x, float* y, std::size_t n);
void f32_vtanh_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n);

#if defined(__wasm_simd128__)
// One 128-bit vector (4 floats) per iteration, then the scalar tail.
void f32_vtanh_wasmsimd_u4(const float* x, float* y, std::size_t n);
void f32_vtanh_backward_wasmsimd_u4(const float* x, const float* dy, float* dx, std::size_t n);
#endif

}  // namespace relu
