// Parameter updates with PyTorch's rules (torch.optim, 1.13, single-tensor path), over one
// flat array of parameters and its gradient. Hyperparameters arrive in double and are rounded
// to float where PyTorch rounds them (scalars applied to float32 tensors).
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::nn {

// p -= lr * g
void sgd_update(float* p, const float* g, std::size_t n, double lr);

// v = momentum * v + g; p -= lr * v   (v starts at 0, so the first step uses v = g)
void momentum_update(float* p, const float* g, float* v, std::size_t n, double lr, double momentum);

// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
// p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)     (t >= 1: step count)
void adam_update(float* p, const float* g, float* m, float* v, std::size_t n, double lr,
                 double beta1, double beta2, double eps, std::uint64_t t);

// base^exponent by repeated squaring: exact operations only, so every build agrees.
double power_by_squaring(double base, std::uint64_t exponent);

}  // namespace relu::nn
