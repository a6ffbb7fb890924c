// Accuracy of the sigmoid and tanh kernels (forward, and backward with dy = 1) over every
// float32 bit pattern, against the same functions in double precision. Prints, per function,
// the largest error in units in the last place (ULP) of the float32 result and the input where
// it occurs, and checks that NaN inputs come out bit for bit. docs/numerics.md quotes its output.
//   usage: activation_ulp [threads] [stride]   (stride > 1 samples every stride-th pattern)
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "kernels/f32_vsigmoid.h"
#include "kernels/f32_vtanh.h"

namespace {

float float_of(std::uint32_t b) {
  float v = 0.0f;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
std::uint32_t bits_of(float v) {
  std::uint32_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// The spacing of float32 numbers at the magnitude of r (2^-149 in the subnormal range).
double ulp_at(double r) {
  int e = 0;
  std::frexp(r, &e);  // |r| = m 2^e, m in [0.5, 1)
  return std::ldexp(1.0, e - 24 < -149 ? -149 : e - 24);
}

double ref_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double ref_sigmoid_grad(double x) {
  const double e = std::exp(-std::fabs(x));
  return e / ((1.0 + e) * (1.0 + e));
}
double ref_tanh(double x) { return std::tanh(x); }
double ref_tanh_grad(double x) {
  const double e = std::exp(-2.0 * std::fabs(x));
  return 4.0 * e / ((1.0 + e) * (1.0 + e));
}

struct Worst {
  double ulp = 0.0;
  float at = 0.0f;
  std::uint64_t nan_mismatches = 0;
};

enum class Fn { Sigmoid, SigmoidGrad, Tanh, TanhGrad };

void run(Fn fn, std::uint64_t first, std::uint64_t last, std::uint64_t stride, Worst* worst) {
  constexpr std::size_t kBlock = 4096;
  std::vector<float> x(kBlock), y(kBlock), ones(kBlock, 1.0f);
  for (std::uint64_t b = first; b < last; b += kBlock * stride) {
    std::size_t n = 0;
    for (std::uint64_t i = b; i < last && n < kBlock; i += stride) {
      x[n++] = float_of(static_cast<std::uint32_t>(i));
    }
    switch (fn) {
      case Fn::Sigmoid:
        relu::f32_vsigmoid_scalar(x.data(), y.data(), n);
        break;
      case Fn::SigmoidGrad:
        relu::f32_vsigmoid_backward_scalar(x.data(), ones.data(), y.data(), n);
        break;
      case Fn::Tanh:
        relu::f32_vtanh_scalar(x.data(), y.data(), n);
        break;
      case Fn::TanhGrad:
        relu::f32_vtanh_backward_scalar(x.data(), ones.data(), y.data(), n);
        break;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(x[i])) {
        if (bits_of(y[i]) != bits_of(x[i])) ++worst->nan_mismatches;
        continue;
      }
      const double xd = x[i];
      const double r = fn == Fn::Sigmoid       ? ref_sigmoid(xd)
                       : fn == Fn::SigmoidGrad ? ref_sigmoid_grad(xd)
                       : fn == Fn::Tanh        ? ref_tanh(xd)
                                               : ref_tanh_grad(xd);
      const double err = std::fabs(static_cast<double>(y[i]) - r) / ulp_at(r);
      if (err > worst->ulp || std::isnan(err)) {
        worst->ulp = std::isnan(err) ? INFINITY : err;
        worst->at = x[i];
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned threads = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 2u;
  const std::uint64_t stride = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1u;
  const char* names[] = {"sigmoid", "sigmoid backward (dy = 1)", "tanh", "tanh backward (dy = 1)"};
  for (int f = 0; f < 4; ++f) {
    std::vector<Worst> worst(threads);
    std::vector<std::thread> pool;
    const std::uint64_t total = std::uint64_t{1} << 32;
    const std::uint64_t per = (total / stride + threads - 1) / threads * stride;
    for (unsigned t = 0; t < threads; ++t) {
      const std::uint64_t first = per * t;
      const std::uint64_t last = first + per < total ? first + per : total;
      pool.emplace_back(run, static_cast<Fn>(f), first, last, stride, &worst[t]);
    }
    for (auto& th : pool) th.join();
    Worst all;
    for (const Worst& w : worst) {
      if (w.ulp > all.ulp) {
        all.ulp = w.ulp;
        all.at = w.at;
      }
      all.nan_mismatches += w.nan_mismatches;
    }
    std::printf("%-28s max error %.3f ULP at x = %.9g (0x%08" PRIx32
                "); NaN payload mismatches: %" PRIu64 "\n",
                names[f], all.ulp, static_cast<double>(all.at), bits_of(all.at),
                all.nan_mismatches);
  }
  return 0;
}
