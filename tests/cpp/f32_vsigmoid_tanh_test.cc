// Tests of the sigmoid and tanh kernels: special values exactly (+-0, +-Inf, huge, subnormal),
// NaN payloads bit for bit, accuracy against double precision on a strided sweep of all float32
// bit patterns (the full sweep is cpp/bench/activation_ulp.cc), every length 0..70 and
// misalignment 0..3 with canaries, and in-place calls. Natively only the scalar variants run;
// tests/package/activations.test.mjs checks that the WASM SIMD binary gives the same bits.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "kernels/activation.h"
#include "kernels/f32_vsigmoid.h"
#include "kernels/f32_vtanh.h"
#include "reference.h"

namespace {

using relu_test::bits;
using relu_test::from_bits;

using Forward = std::function<void(const float*, float*, std::size_t)>;
using Backward = std::function<void(const float*, const float*, float*, std::size_t)>;

float fwd1(const Forward& f, float x) {
  float y = 0.0f;
  f(&x, &y, 1);
  return y;
}
float bwd1(const Backward& f, float x, float dy) {
  float dx = 0.0f;
  f(&x, &dy, &dx, 1);
  return dx;
}

const Forward kSigmoid = relu::f32_vsigmoid_scalar;
const Forward kTanh = relu::f32_vtanh_scalar;
const Backward kSigmoidGrad = relu::f32_vsigmoid_backward_scalar;
const Backward kTanhGrad = relu::f32_vtanh_backward_scalar;

const float kInf = INFINITY;

TEST(F32VsigmoidScalar, SpecialValues) {
  EXPECT_EQ(bits(fwd1(kSigmoid, 0.0f)), bits(0.5f));
  EXPECT_EQ(bits(fwd1(kSigmoid, -0.0f)), bits(0.5f));
  EXPECT_EQ(bits(fwd1(kSigmoid, kInf)), bits(1.0f));
  EXPECT_EQ(bits(fwd1(kSigmoid, -kInf)), bits(0.0f));
  EXPECT_EQ(bits(fwd1(kSigmoid, 3.4e38f)), bits(1.0f));
  EXPECT_EQ(bits(fwd1(kSigmoid, -3.4e38f)), bits(0.0f));
  EXPECT_EQ(bits(fwd1(kSigmoid, 200.0f)), bits(1.0f));
  EXPECT_EQ(bits(fwd1(kSigmoid, -200.0f)), bits(0.0f));
  // Subnormal inputs: sigmoid = 1/2 to float precision.
  EXPECT_EQ(bits(fwd1(kSigmoid, from_bits(0x00000001))), bits(0.5f));
  EXPECT_EQ(bits(fwd1(kSigmoid, from_bits(0x807fffff))), bits(0.5f));
  // Subnormal outputs, not flushed: sigmoid(-100) = 3.72e-44 (27 times 2^-149, rounded).
  const float tiny = fwd1(kSigmoid, -100.0f);
  EXPECT_GT(tiny, 0.0f);
  EXPECT_NEAR(static_cast<double>(tiny), 1.0 / (1.0 + std::exp(100.0)), std::ldexp(1.0, -149));
  EXPECT_EQ(bits(fwd1(kSigmoid, -90.0f)) != 0u, true);
}

TEST(F32VtanhScalar, SpecialValues) {
  EXPECT_EQ(bits(fwd1(kTanh, 0.0f)), bits(0.0f));
  EXPECT_EQ(bits(fwd1(kTanh, -0.0f)), bits(-0.0f));
  EXPECT_EQ(bits(fwd1(kTanh, kInf)), bits(1.0f));
  EXPECT_EQ(bits(fwd1(kTanh, -kInf)), bits(-1.0f));
  EXPECT_EQ(bits(fwd1(kTanh, 3.4e38f)), bits(1.0f));
  EXPECT_EQ(bits(fwd1(kTanh, -3.4e38f)), bits(-1.0f));
  EXPECT_EQ(bits(fwd1(kTanh, 9.5f)), bits(1.0f));
  // tanh(x) = x for subnormal x, bit for bit, both signs.
  for (std::uint32_t b : {0x00000001u, 0x80000001u, 0x007fffffu, 0x807fffffu, 0x00400000u}) {
    EXPECT_EQ(bits(fwd1(kTanh, from_bits(b))), b) << std::hex << b;
  }
}

TEST(F32VsigmoidTanhBackwardScalar, SpecialValues) {
  EXPECT_EQ(bits(bwd1(kSigmoidGrad, 0.0f, 1.0f)), bits(0.25f));
  EXPECT_EQ(bits(bwd1(kSigmoidGrad, -0.0f, 2.0f)), bits(0.5f));
  EXPECT_EQ(bits(bwd1(kTanhGrad, 0.0f, 1.0f)), bits(1.0f));
  EXPECT_EQ(bits(bwd1(kTanhGrad, -0.0f, -3.0f)), bits(-3.0f));
  for (float x : {kInf, -kInf, 3.4e38f, -3.4e38f, 200.0f, -200.0f}) {
    EXPECT_EQ(bits(bwd1(kSigmoidGrad, x, 1.0f)), bits(0.0f)) << x;
    EXPECT_EQ(bits(bwd1(kTanhGrad, x, 1.0f)), bits(0.0f)) << x;
  }
  // The derivative keeps its relative precision far out (no 1 - s cancellation).
  EXPECT_NEAR(bwd1(kSigmoidGrad, 30.0f, 1.0f) / std::exp(-30.0), 1.0, 1e-6);
  EXPECT_NEAR(bwd1(kTanhGrad, 20.0f, 1.0f) / (4.0 * std::exp(-40.0)), 1.0, 1e-6);
  // Subnormal derivatives are not flushed.
  EXPECT_GT(bwd1(kSigmoidGrad, -95.0f, 1.0f), 0.0f);
  EXPECT_GT(bwd1(kTanhGrad, 48.0f, 1.0f), 0.0f);
}

const std::uint32_t kNans[] = {0x7fc00000, 0xffc00000, 0x7fc12345, 0x7f800001,
                               0xff800001, 0x7fbfffff, 0xffa00000, 0x7f92c57d};

TEST(F32VsigmoidTanhScalar, NanPayloadsPassBitForBit) {
  for (std::uint32_t nan : kNans) {
    const float x = from_bits(nan);
    EXPECT_EQ(bits(fwd1(kSigmoid, x)), nan);
    EXPECT_EQ(bits(fwd1(kTanh, x)), nan);
    // A NaN x wins; else a NaN dy passes.
    EXPECT_EQ(bits(bwd1(kSigmoidGrad, x, 1.0f)), nan);
    EXPECT_EQ(bits(bwd1(kTanhGrad, x, from_bits(0x7fc0beef))), nan);
    EXPECT_EQ(bits(bwd1(kSigmoidGrad, 0.5f, x)), nan);
    EXPECT_EQ(bits(bwd1(kTanhGrad, -kInf, x)), nan);
  }
}

double ulp_error(float y, double r) {
  int e = 0;
  std::frexp(r, &e);
  return std::fabs(static_cast<double>(y) - r) / std::ldexp(1.0, e - 24 < -149 ? -149 : e - 24);
}

// Every 65537th bit pattern (65536 inputs, all exponents), held to the full sweep's maxima
// (docs/numerics.md: 3.533, 4.791, 2.675 and 4.791 ULP) rounded up.
TEST(F32VsigmoidTanhScalar, AccuracyAgainstDouble) {
  double worst[4] = {0, 0, 0, 0};
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << 32); b += 65537) {
    const float x = from_bits(static_cast<std::uint32_t>(b));
    if (std::isnan(x)) continue;
    const double xd = x;
    const double e1 = std::exp(-std::fabs(xd));
    const double e2 = std::exp(-2.0 * std::fabs(xd));
    worst[0] = std::max(worst[0], ulp_error(fwd1(kSigmoid, x), 1.0 / (1.0 + std::exp(-xd))));
    worst[1] =
        std::max(worst[1], ulp_error(bwd1(kSigmoidGrad, x, 1.0f), e1 / ((1 + e1) * (1 + e1))));
    worst[2] = std::max(worst[2], ulp_error(fwd1(kTanh, x), std::tanh(xd)));
    worst[3] =
        std::max(worst[3], ulp_error(bwd1(kTanhGrad, x, 1.0f), 4 * e2 / ((1 + e2) * (1 + e2))));
  }
  EXPECT_LT(worst[0], 3.6);
  EXPECT_LT(worst[1], 4.8);
  EXPECT_LT(worst[2], 2.7);
  EXPECT_LT(worst[3], 4.8);
}

TEST(F32VsigmoidTanhScalar, TanhIsOddAndSigmoidSymmetric) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.0f, 4.0f);
  for (int i = 0; i < 10000; ++i) {
    const float x = normal(rng);
    EXPECT_EQ(bits(fwd1(kTanh, -x)), bits(fwd1(kTanh, x)) ^ 0x80000000u);
    EXPECT_EQ(bits(bwd1(kTanhGrad, -x, 1.0f)), bits(bwd1(kTanhGrad, x, 1.0f)));
    EXPECT_EQ(bits(bwd1(kSigmoidGrad, -x, 1.0f)), bits(bwd1(kSigmoidGrad, x, 1.0f)));
    EXPECT_NEAR(fwd1(kSigmoid, x) + fwd1(kSigmoid, -x), 1.0f, 1.2e-7f);
  }
}

// Every length 0..70 and output misalignment 0..3, out of place and in place: each element as
// a one-element call gives, nothing outside [0, n) is written.
TEST(F32VsigmoidTanh, LengthsAlignmentsInPlace) {
  constexpr std::size_t kGuard = 4;
  constexpr std::uint32_t kCanary = 0x7f8dead1u;
  std::mt19937 rng(42);
  std::normal_distribution<float> normal(0.0f, 6.0f);
  const Forward forwards[] = {kSigmoid, kTanh, relu::sigmoid_forward, relu::tanh_forward};
  const Backward backwards[] = {kSigmoidGrad, kTanhGrad, relu::sigmoid_backward,
                                relu::tanh_backward};
  for (std::size_t n = 0; n <= 70; ++n) {
    for (std::size_t off = 0; off < 4; ++off) {
      std::vector<float> x(n + off), dy(n + off), out(n + off + 2 * kGuard, from_bits(kCanary));
      for (auto& v : x) v = normal(rng);
      for (auto& v : dy) v = normal(rng);
      if (n > 0) x[off] = from_bits(kNans[n % 8]);
      for (const Forward& f : forwards) {
        std::fill(out.begin(), out.end(), from_bits(kCanary));
        f(x.data() + off, out.data() + kGuard + off, n);
        for (std::size_t i = 0; i < out.size(); ++i) {
          const bool inside = i >= kGuard + off && i < kGuard + off + n;
          if (!inside) {
            ASSERT_EQ(bits(out[i]), kCanary) << "n=" << n << " off=" << off << " i=" << i;
          } else {
            ASSERT_EQ(bits(out[i]), bits(fwd1(f, x[i - kGuard]))) << "n=" << n << " i=" << i;
          }
        }
        std::vector<float> in_place(x);
        f(in_place.data() + off, in_place.data() + off, n);
        for (std::size_t i = 0; i < n; ++i)
          ASSERT_EQ(bits(in_place[off + i]), bits(out[kGuard + off + i]));
      }
      for (const Backward& f : backwards) {
        std::fill(out.begin(), out.end(), from_bits(kCanary));
        f(x.data() + off, dy.data() + off, out.data() + kGuard + off, n);
        for (std::size_t i = 0; i < out.size(); ++i) {
          const bool inside = i >= kGuard + off && i < kGuard + off + n;
          if (!inside) {
            ASSERT_EQ(bits(out[i]), kCanary);
          } else {
            ASSERT_EQ(bits(out[i]), bits(bwd1(f, x[i - kGuard], dy[i - kGuard])));
          }
        }
        std::vector<float> dx_is_dy(dy);
        f(x.data() + off, dx_is_dy.data() + off, dx_is_dy.data() + off, n);
        std::vector<float> dx_is_x(x);
        f(dx_is_x.data() + off, dy.data() + off, dx_is_x.data() + off, n);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_EQ(bits(dx_is_dy[off + i]), bits(out[kGuard + off + i]));
          ASSERT_EQ(bits(dx_is_x[off + i]), bits(out[kGuard + off + i]));
        }
      }
    }
  }
}

TEST(F32VsigmoidTanh, NullPointersWithZeroLength) {
  relu::sigmoid_forward(nullptr, nullptr, 0);
  relu::sigmoid_backward(nullptr, nullptr, nullptr, 0);
  relu::tanh_forward(nullptr, nullptr, 0);
  relu::tanh_backward(nullptr, nullptr, nullptr, 0);
}

}  // namespace
