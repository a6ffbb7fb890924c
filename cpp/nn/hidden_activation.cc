#include "nn/hidden_activation.h"

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
      tanh_forward(z, h, n);
      return;
    case Activation::Sigmoid:
      sigmoid_forward(z, h, n);
      return;
    case Activation::Linear:
      if (n != 0) std::memcpy(h, z, n * sizeof(float));
      return;
  }
}

void activation_backward(Activation act, float slope, int grad_at_zero, const float* z, float* d,
                         std::size_t n) {
  switch (act) {
    case Activation::Relu:
      relu_backward(z, d, d, n, grad_at_zero);
      return;
    case Activation::LeakyRelu:
      leaky_relu_backward(z, d, d, n, slope);
      return;
    case Activation::Tanh:
      tanh_backward(z, d, d, n);
      return;
    case Activation::Sigmoid:
      sigmoid_backward(z, d, d, n);
      return;
    case Activation::Linear:
      return;
  }
}

}  // namespace relu::nn
