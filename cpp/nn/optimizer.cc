#include "nn/optimizer.h"

#include <cmath>

namespace relu::nn {

void sgd_update(float* p, const float* g, std::size_t n, double lr) {
  const auto neg_lr = static_cast<float>(-lr);
  for (std::size_t i = 0; i < n; ++i) p[i] += neg_lr * g[i];
}

void momentum_update(float* p, const float* g, float* v, std::size_t n, double lr,
                     double momentum) {
  const auto neg_lr = static_cast<float>(-lr);
  const auto mu = static_cast<float>(momentum);
  for (std::size_t i = 0; i < n; ++i) {
    const float vi = mu * v[i] + g[i];
    v[i] = vi;
    p[i] += neg_lr * vi;
  }
}

double power_by_squaring(double base, std::uint64_t exponent) {
  double result = 1.0;
  while (exponent != 0) {
    if ((exponent & 1u) != 0) result *= base;
    base *= base;
    exponent >>= 1u;
  }
  return result;
}

void adam_update(float* p, const float* g, float* m, float* v, std::size_t n, double lr,
                 double beta1, double beta2, double eps, std::uint64_t t) {
  const auto b1 = static_cast<float>(beta1);
  const auto b2 = static_cast<float>(beta2);
  const auto one_minus_b1 = static_cast<float>(1.0 - beta1);
  const auto one_minus_b2 = static_cast<float>(1.0 - beta2);
  const double bias_correction1 = 1.0 - power_by_squaring(beta1, t);
  const double bias_correction2 = 1.0 - power_by_squaring(beta2, t);
  const auto neg_step = static_cast<float>(-(lr / bias_correction1));
  const auto bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
  const auto e = static_cast<float>(eps);
  for (std::size_t i = 0; i < n; ++i) {
    const float gi = g[i];
    const float mi = m[i] * b1 + one_minus_b1 * gi;
    const float vi = v[i] * b2 + one_minus_b2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    const float denom = std::sqrt(vi) / bc2_sqrt + e;
    p[i] += neg_step * (mi / denom);
  }
}

}  // namespace relu::nn
