// Constants of the exponential both sigmoid/tanh kernel families share, in one place so the
// scalar and the WASM SIMD variants run the very same arithmetic (and so give the same bits).
// The scheme is XNNPACK's (f32-vsigmoid rr2-p5, f32-vtanh expm1minus rr1-p6h5): e^-z for z >= 0
// as 2^n * e^-t, n = round(-z / ln 2) found with a "magic bias" add (the rounded integer lands
// in the low mantissa bits, a shift by 23 turns it into the exponent field of 2^n), t = z + n ln2
// (Cody-Waite range reduction, t in [-ln2/2, ln2/2]), and e^-t a minimax polynomial.
#pragma once

#include <cstdint>

namespace relu::expminus {

// ---- Sigmoid core: f = sigmoid(-z) = e^-z / (1 + e^-z) for z = |x| (XNNPACK rr2-p5-div).
// The magic bias carries 127 + 64 in its low bits, so the shift builds 2^(n+64), a normal float
// for every n down to -150: e^-z is first computed times 2^64 and scaled back at the end, which
// keeps outputs in the subnormal range (z in 87.3..104) exact to rounding instead of zero.
constexpr float kSigMagicBias = 0x1.80017Ep23f;
constexpr float kMinusLog2e = -0x1.715476p+0f;
constexpr float kLn2Hi = 0x1.62E400p-1f;  // ln 2 in two parts (rr2): n * kLn2Hi is exact
constexpr float kLn2Lo = 0x1.7F7D1Cp-20f;
constexpr float kSigC5 = -0x1.0F9F9Cp-7f;  // e^-t ~ 1 + t (c1 + t (c2 + t (c3 + t (c4 + t c5))))
constexpr float kSigC4 = 0x1.573A1Ap-5f;
constexpr float kSigC3 = -0x1.555A80p-3f;
constexpr float kSigC2 = 0x1.FFFDC6p-2f;
constexpr float kSigC1 = -0x1.FFFFF6p-1f;
constexpr float kTwoPow64 = 0x1.0p64f;
constexpr float kTwoPowMinus64 = 0x1.0p-64f;
// Beyond this z, sigmoid(-z) < 2^-150 rounds to +0 (and +Inf or huge z would overflow n ln2).
constexpr float kSigZeroCutoff = 0x1.9FE368p6f;

// ---- Tanh: tanh(z) = -expm1(-2z) / (expm1(-2z) + 2) for z = |x|, the sign copied from x
// (XNNPACK expm1minus-rr1-p6h5). n is rounded to halves (the bias has 2^22 scale), so 2^(2n)
// approximates e^-2z; beyond kTanhSatCutoff tanh rounds to 1, so z is clamped there.
constexpr float kTanhSatCutoff = 0x1.205968p+3f;
constexpr float kTanhMagicBias = 0x1.8000FEp+22f;
constexpr float kLn2 = 0x1.62E430p-1f;
constexpr float kTanhC6 = 0x1.6B7338p-4f;  // expm1(-2t) ~ t (-2 + t (c2 + ... + t c6))
constexpr float kTanhC5 = -0x1.12278Ep-2f;
constexpr float kTanhC4 = 0x1.555716p-1f;
constexpr float kTanhC3 = -0x1.5554B0p+0f;
constexpr float kTanhC2 = 0x1.FFFFFEp+0f;
constexpr float kMinusTwo = -2.0f;

constexpr std::uint32_t kSignMask = 0x80000000u;
constexpr std::uint32_t kAbsMask = 0x7FFFFFFFu;

}  // namespace relu::expminus
