// Kernel tester in the XNNPACK style: every length 0..257 (empty, fewer than one vector,
// exact vectors, unrolled blocks plus every tail), every misalignment 0..3 floats, out of
// place and in place, inputs drawn from special values and random floats. Outputs are
// pre-filled with a signalling-NaN pattern so an unwritten lane shows, and canaries around
// the output catch any write outside [0, n).
#include "kernels/f32_vrelu.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "kernels/activation.h"
#include "reference.h"

namespace {

using relu_test::bits;
using relu_test::from_bits;

constexpr std::size_t kMaxLen = 257;
constexpr std::size_t kGuard = 8;
constexpr std::uint32_t kFill = 0x7fa5a5a5u;  // signalling NaN: never a kernel result
constexpr std::uint32_t kCanary = 0x7f8dead1u;

const std::uint32_t kSpecials[] = {
    0x00000000,
    0x80000000,
    0x3f800000,
    0xbf800000,
    0x7f800000,
    0xff800000,
    0x7fc00000,
    0xffc00000,
    0x7fc12345,
    0x7f7fffff,
    0xff7fffff,
    0x00800000,
    0x80800000,
    0x00000001,
    0x80000001,
    0x007fffff,
    0x807fffff,
    // Signalling NaNs: passed through with their bits, never quieted.
    0x7f800001,
    0xff800001,
    0x7fbfffff,
    0xffa00000,
    0x7f92c57d,
};

// Values mixing specials and random floats of every magnitude.
std::vector<float> make_values(std::size_t n, std::mt19937& rng) {
  std::vector<float> v(n);
  std::uniform_int_distribution<int> pick(0, 3);
  std::uniform_int_distribution<std::size_t> special(0, std::size(kSpecials) - 1);
  std::uniform_int_distribution<std::uint32_t> any_bits;
  std::normal_distribution<float> normal(0.0f, 2.0f);
  for (auto& x : v) {
    switch (pick(rng)) {
      case 0:
        x = from_bits(kSpecials[special(rng)]);
        break;
      case 1: {
        const float f = from_bits(any_bits(rng));
        x = relu_test::is_nan(f) ? 1.5f : f;  // random bits, but only quiet NaNs come from specials
        break;
      }
      default:
        x = normal(rng);
    }
  }
  return v;
}

// A buffer with canaries before and after the window [guard + offset, + n).
struct Guarded {
  std::vector<float> data;
  std::size_t offset;
  Guarded(std::size_t n, std::size_t off)
      : data(n + off + 2 * kGuard, from_bits(kCanary)), offset(off) {
    for (std::size_t i = 0; i < n; ++i) data[kGuard + off + i] = from_bits(kFill);
  }
  float* ptr() { return data.data() + kGuard + offset; }
  void expect_canaries(std::size_t n, const std::string& what) const {
    for (std::size_t i = 0; i < kGuard + offset; ++i) {
      ASSERT_EQ(bits(data[i]), kCanary) << what << ": write before the output";
    }
    for (std::size_t i = kGuard + offset + n; i < data.size(); ++i) {
      ASSERT_EQ(bits(data[i]), kCanary) << what << ": write past the end";
    }
  }
};

using Unary = std::function<void(const float*, float*, std::size_t)>;
using UnaryRef = std::function<float(float)>;
using Binary = std::function<void(const float*, const float*, float*, std::size_t)>;
using BinaryRef = std::function<float(float, float)>;

void check_unary(const char* name, const Unary& kernel, const UnaryRef& ref) {
  std::mt19937 rng(1234);
  for (std::size_t n = 0; n <= kMaxLen; ++n) {
    for (std::size_t off = 0; off < 4; ++off) {
      const std::vector<float> src = make_values(n, rng);
      const std::string what =
          std::string(name) + " n=" + std::to_string(n) + " offset=" + std::to_string(off);
      // Out of place.
      Guarded in(n, off), out(n, (off + 1) % 4);
      for (std::size_t i = 0; i < n; ++i) in.ptr()[i] = src[i];
      kernel(in.ptr(), out.ptr(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits(out.ptr()[i]), bits(ref(src[i]))) << what << " i=" << i << " x=" << src[i];
        ASSERT_EQ(bits(in.ptr()[i]), bits(src[i])) << what << ": input modified";
      }
      out.expect_canaries(n, what);
      // In place.
      kernel(in.ptr(), in.ptr(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits(in.ptr()[i]), bits(ref(src[i]))) << what << " in place, i=" << i;
      }
      in.expect_canaries(n, what + " in place");
    }
  }
}

void check_binary(const char* name, const Binary& kernel, const BinaryRef& ref) {
  std::mt19937 rng(5678);
  for (std::size_t n = 0; n <= kMaxLen; ++n) {
    for (std::size_t off = 0; off < 4; ++off) {
      const std::vector<float> xs = make_values(n, rng);
      const std::vector<float> gs = make_values(n, rng);
      const std::string what =
          std::string(name) + " n=" + std::to_string(n) + " offset=" + std::to_string(off);
      Guarded x(n, off), dy(n, (off + 2) % 4), dx(n, (off + 3) % 4);
      for (std::size_t i = 0; i < n; ++i) {
        x.ptr()[i] = xs[i];
        dy.ptr()[i] = gs[i];
      }
      kernel(x.ptr(), dy.ptr(), dx.ptr(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits(dx.ptr()[i]), bits(ref(xs[i], gs[i])))
            << what << " i=" << i << " x=" << xs[i];
      }
      dx.expect_canaries(n, what);
      // In place over the gradient (the common use: dy becomes dx).
      kernel(x.ptr(), dy.ptr(), dy.ptr(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits(dy.ptr()[i]), bits(ref(xs[i], gs[i])))
            << what << " in place over dy, i=" << i;
      }
      // In place over x.
      kernel(x.ptr(), gs.data(), x.ptr(), n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits(x.ptr()[i]), bits(ref(xs[i], gs[i]))) << what << " in place over x, i=" << i;
      }
      x.expect_canaries(n, what + " in place over x");
    }
  }
}

TEST(F32VreluScalar, MatchesReference) {
  check_unary("f32_vrelu_scalar", relu::f32_vrelu_scalar, relu_test::ref_relu);
}

TEST(F32VreluBackwardScalar, GradAtZero0MatchesReference) {
  check_binary(
      "f32_vrelu_backward_scalar/0",
      [](const float* x, const float* dy, float* dx, std::size_t n) {
        relu::f32_vrelu_backward_scalar(x, dy, dx, n, 0);
      },
      [](float x, float dy) { return relu_test::ref_relu_grad(x, dy, 0); });
}

TEST(F32VreluBackwardScalar, GradAtZero1MatchesReference) {
  check_binary(
      "f32_vrelu_backward_scalar/1",
      [](const float* x, const float* dy, float* dx, std::size_t n) {
        relu::f32_vrelu_backward_scalar(x, dy, dx, n, 1);
      },
      [](float x, float dy) { return relu_test::ref_relu_grad(x, dy, 1); });
}

TEST(F32VlreluScalar, MatchesReference) {
  for (const float alpha : {0.01f, 0.2f, 0.0f, 1.0f, -0.5f}) {
    check_unary(
        "f32_vlrelu_scalar",
        [alpha](const float* x, float* y, std::size_t n) {
          relu::f32_vlrelu_scalar(x, y, n, alpha);
        },
        [alpha](float x) { return relu_test::ref_leaky(x, alpha); });
  }
}

TEST(F32VlreluBackwardScalar, MatchesReference) {
  for (const float alpha : {0.01f, 0.2f, 0.0f, 1.0f}) {
    check_binary(
        "f32_vlrelu_backward_scalar",
        [alpha](const float* x, const float* dy, float* dx, std::size_t n) {
          relu::f32_vlrelu_backward_scalar(x, dy, dx, n, alpha);
        },
        [alpha](float x, float dy) { return relu_test::ref_leaky_grad(x, dy, alpha); });
  }
}

// Every float32 NaN bit pattern (2^24 - 2 of them, both signs, signalling and quiet) through
// every kernel, as x and as dy: a NaN that is passed through keeps its exact bits.
// tests/package/nan-payloads.test.mjs runs the same sweep on both WASM binaries.
void for_each_nan_chunk(const std::function<void(const std::vector<float>&)>& body) {
  constexpr std::uint32_t kChunk = 1u << 20;
  std::vector<float> chunk;
  chunk.reserve(kChunk);
  for (const std::uint32_t sign : {0u, 0x80000000u}) {
    for (std::uint32_t m = 1; m <= 0x7fffffu; ++m) {
      chunk.push_back(from_bits(sign | 0x7f800000u | m));
      if (chunk.size() == kChunk || m == 0x7fffffu) {
        body(chunk);
        chunk.clear();
      }
    }
  }
}

TEST(NanPayloads, EveryKernelPassesEveryNanThrough) {
  std::size_t swept = 0;
  for_each_nan_chunk([&](const std::vector<float>& nans) {
    const std::size_t n = nans.size();
    swept += n;
    std::vector<float> out(n), other(n);
    const std::vector<float> zeros(n, 0.0f), scaled(n, 0.25f * 0.75f);
    // memcmp compares bits (a NaN compares unequal to itself as a float); the loop only names
    // the first difference.
    const auto expect_bits = [&](const std::vector<float>& want, const char* what) {
      if (std::memcmp(out.data(), want.data(), n * sizeof(float)) == 0) return;
      std::size_t i = 0;
      while (bits(out[i]) == bits(want[i])) ++i;
      FAIL() << what << " i=" << i << " input 0x" << std::hex << bits(nans[i]) << " gave 0x"
             << bits(out[i]) << ", want 0x" << bits(want[i]);
    };
    // NaN as x: forward passes it through; backward passes dy (ReLU) or alpha * dy (Leaky).
    relu::relu_forward(nans.data(), out.data(), n);
    expect_bits(nans, "relu_forward");
    for (const float alpha : {0.01f, -0.5f, 0.0f}) {
      relu::leaky_relu_forward(nans.data(), out.data(), n, alpha);
      expect_bits(nans, "leaky_relu_forward");
    }
    std::fill(other.begin(), other.end(), 0.75f);
    for (const int g : {0, 1}) {
      relu::relu_backward(nans.data(), other.data(), out.data(), n, g);
      expect_bits(other, "relu_backward, NaN x");
    }
    relu::leaky_relu_backward(nans.data(), other.data(), out.data(), n, 0.25f);
    expect_bits(scaled, "leaky_relu_backward, NaN x");
    // NaN as dy: passed through wherever the gradient flows (always, for Leaky ReLU).
    for (const float x : {2.0f, -2.0f, -0.0f, from_bits(0x7f800001u)}) {
      std::fill(other.begin(), other.end(), x);
      for (const int g : {0, 1}) {
        relu::relu_backward(other.data(), nans.data(), out.data(), n, g);
        const bool flows = relu_test::is_nan(x) || x > 0.0f || (x == 0.0f && g == 1);
        expect_bits(flows ? nans : zeros, "relu_backward, NaN dy");
      }
      for (const float alpha : {0.01f, -0.5f, 0.0f}) {
        relu::leaky_relu_backward(other.data(), nans.data(), out.data(), n, alpha);
        expect_bits(nans, "leaky_relu_backward, NaN dy");
      }
    }
    // In place, as the engine calls them.
    std::vector<float> inout = nans;
    relu::leaky_relu_backward(std::vector<float>(n, -1.0f).data(), inout.data(), inout.data(), n,
                              0.5f);
    out = inout;
    expect_bits(nans, "leaky_relu_backward in place");
  });
  EXPECT_EQ(swept, (1u << 24) - 2);
}

// The build's chosen kernels (what the network and the bindings call).
TEST(Activation, DispatchedKernelsMatchReference) {
  check_unary("relu_forward", relu::relu_forward, relu_test::ref_relu);
  check_binary(
      "relu_backward",
      [](const float* x, const float* dy, float* dx, std::size_t n) {
        relu::relu_backward(x, dy, dx, n, 0);
      },
      [](float x, float dy) { return relu_test::ref_relu_grad(x, dy, 0); });
  check_unary(
      "leaky_relu_forward",
      [](const float* x, float* y, std::size_t n) { relu::leaky_relu_forward(x, y, n, 0.01f); },
      [](float x) { return relu_test::ref_leaky(x, 0.01f); });
  check_binary(
      "leaky_relu_backward",
      [](const float* x, const float* dy, float* dx, std::size_t n) {
        relu::leaky_relu_backward(x, dy, dx, n, 0.01f);
      },
      [](float x, float dy) { return relu_test::ref_leaky_grad(x, dy, 0.01f); });
}

TEST(Activation, SourceArticleExample) {
  const float x[] = {-2, -1, 0, 1, 2};
  float y[5];
  relu::relu_forward(x, y, 5);
  const float expected[] = {0, 0, 0, 1, 2};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(y[i], expected[i]);
}

TEST(Activation, NullPointersWithZeroLength) {
  relu::relu_forward(nullptr, nullptr, 0);
  relu::relu_backward(nullptr, nullptr, nullptr, 0, 1);
  relu::leaky_relu_forward(nullptr, nullptr, 0, 0.1f);
  relu::leaky_relu_backward(nullptr, nullptr, nullptr, 0, 0.1f);
}

}  // namespace
