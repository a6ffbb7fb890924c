#include "nn/hidden_activation.h"

#include <cmath>
#include <cstring>

#include "kernels/activation.h"

namespace relu::nn {

void activation_forward(Activation act, float slope, const float* z, float* h, std::size_t n) {
  switch (act) {
    case Activation::Relu:
      relu_forward(z, h, n);
      return;
    case Activation::LeakyRelu:
      leaky_relu_forward(z, h, n, slope);
      return;
    case Activation::Tanh:
      for (std::size_t i = 0; i < n; ++i) h[i] = std::tanh(z[i]);
      return;
    case Activation::Sigmoid:
      // 1 / (1 + e^-z): saturates to 0 or 1 without NaN for any finite z.
      for (std::size_t i = 0; i < n; ++i) h[i] = 1.0f / (1.0f + std::exp(-z[i]));
      return;
    case Activation::Linear:
      if (n != 0) std::memcpy(h, z, n * sizeof(float));
      return;
  }
}

void activation_backward(Activation act, float slope, int grad_at_zero, const float* z,
                         const float* h, float* d, std::size_t n) {
  switch (act) {
    case Activation::Relu:
      relu_backward(z, d, d, n, grad_at_zero);
      return;
    case Activation::LeakyRelu:
      leaky_relu_backward(z, d, d, n, slope);
      return;
    case Activation::Tanh:
      for (std::size_t i = 0; i < n; ++i) d[i] = d[i] * (1.0f - h[i] * h[i]);
      return;
    case Activation::Sigmoid:
      for (std::size_t i = 0; i < n; ++i) d[i] = d[i] * (1.0f - h[i]) * h[i];
      return;
    case Activation::Linear:
      return;
  }
}

}  // namespace relu::nn
