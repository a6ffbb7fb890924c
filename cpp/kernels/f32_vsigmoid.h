// Element-wise sigmoid microkernels on float32 arrays (XNNPACK naming and contract, as
// f32_vrelu.h: pointer + count, in place allowed, no alignment assumed, nothing outside [0, n)).
//
// Semantics (accuracy in ULP against double precision: docs/numerics.md):
//  sigmoid:          y  = 1 / (1 + e^-x)     sigmoid(+-0) = 0.5, (+Inf) = 1, (-Inf) = +0;
//                                            outputs down to the smallest subnormal.
//  sigmoid backward: dx = dy * s (1 - s), s = sigmoid(x), from the input x like reluBackward;
//                    computed as f (1 - f) with f = sigmoid(-|x|), which keeps the full relative
//                    precision where s is near 1 (no 1 - s cancellation).
// A NaN x comes out as x (forward and backward), else a NaN dy as dy: selected bit for bit,
// never computed, so payloads survive. Every variant gives the same bits as the scalar one.
#pragma once

#include <cstddef>

namespace relu {

void f32_vsigmoid_scalar(const float* x, float* y, std::size_t n);
void f32_vsigmoid_backward_scalar(const float* x, const float* dy, float* dx, std::size_t n);

#if defined(__wasm_simd128__)
// One 128-bit vector (4 floats) per iteration, then the scalar tail.
void f32_vsigmoid_wasmsimd_u4(const float* x, float* y, std::size_t n);
void f32_vsigmoid_backward_wasmsimd_u4(const float* x, const float* dy, float* dx, std::size_t n);
#endif

}  // namespace relu
