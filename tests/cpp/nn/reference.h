// An independent double-precision MLP (tests only): straightforward loops, no shared code with
// cpp/nn, used for finite-difference gradient checks and as a second reference next to PyTorch.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "nn/options.h"

namespace nntest {

struct RefNet {
  std::vector<int> sizes;
  relu::nn::Activation act = relu::nn::Activation::Relu;
  double slope = 0.01;
  relu::nn::Loss loss = relu::nn::Loss::Bce;
  std::vector<std::vector<double>> W, b;  // W[l] row-major [out][in]

  double activate(double z) const {
    switch (act) {
      case relu::nn::Activation::Relu:
        return z > 0 ? z : 0.0;
      case relu::nn::Activation::LeakyRelu:
        return z > 0 ? z : slope * z;
      case relu::nn::Activation::Tanh:
        return std::tanh(z);
      case relu::nn::Activation::Sigmoid:
        return 1.0 / (1.0 + std::exp(-z));
      case relu::nn::Activation::Linear:
        return z;
    }
    return z;
  }

  // Output logits [rows][out].
  std::vector<double> logits(const std::vector<float>& x, std::size_t rows) const {
    std::vector<double> a(x.begin(), x.end());
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
      const std::size_t in = static_cast<std::size_t>(sizes[l]);
      const std::size_t out = static_cast<std::size_t>(sizes[l + 1]);
      std::vector<double> z(rows * out);
      for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t o = 0; o < out; ++o) {
          double s = b[l][o];
          for (std::size_t k = 0; k < in; ++k) s += a[r * in + k] * W[l][o * in + k];
          const bool hidden = l + 2 < sizes.size();
          z[r * out + o] = hidden ? activate(s) : s;
        }
      }
      a.swap(z);
    }
    return a;
  }

  double data_loss(const std::vector<float>& x, const std::vector<float>& y,
                   std::size_t rows) const {
    const std::vector<double> z = logits(x, rows);
    const std::size_t out = static_cast<std::size_t>(sizes.back());
    double total = 0.0;
    switch (loss) {
      case relu::nn::Loss::Bce:
        for (std::size_t r = 0; r < rows; ++r) {
          const double p = 1.0 / (1.0 + std::exp(-z[r]));
          total += -(y[r] * std::log(p) + (1.0 - y[r]) * std::log(1.0 - p));
        }
        return total / static_cast<double>(rows);
      case relu::nn::Loss::Mse:
        for (std::size_t i = 0; i < rows * out; ++i) total += (z[i] - y[i]) * (z[i] - y[i]);
        return total / static_cast<double>(rows * out);
      case relu::nn::Loss::SoftmaxCe:
        for (std::size_t r = 0; r < rows; ++r) {
          double mx = z[r * out];
          for (std::size_t j = 1; j < out; ++j) mx = std::max(mx, z[r * out + j]);
          double s = 0.0;
          for (std::size_t j = 0; j < out; ++j) s += std::exp(z[r * out + j] - mx);
          total += mx + std::log(s) - z[r * out + static_cast<std::size_t>(y[r])];
        }
        return total / static_cast<double>(rows);
    }
    return 0.0;
  }

  double loss_with_reg(const std::vector<float>& x, const std::vector<float>& y, std::size_t rows,
                       double l2, double l1) const {
    double sq = 0.0, ab = 0.0;
    for (const auto& w : W) {
      for (double v : w) {
        sq += v * v;
        ab += std::fabs(v);
      }
    }
    return data_loss(x, y, rows) + 0.5 * l2 * sq + l1 * ab;
  }
};

}  // namespace nntest
