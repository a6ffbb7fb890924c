#include "nn/weight_penalty.h"

#include <cmath>

namespace relu::nn {

void WeightPenalty::add(const float* w, float* dw, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const float wi = w[i];
    const float sign = wi > 0.0f ? 1.0f : (wi < 0.0f ? -1.0f : 0.0f);
    dw[i] += l2_ * wi + l1_ * sign;
    sum_sq_ += static_cast<double>(wi) * static_cast<double>(wi);
    sum_abs_ += std::fabs(static_cast<double>(wi));
  }
}

double WeightPenalty::loss() const {
  return 0.5 * static_cast<double>(l2_) * sum_sq_ + static_cast<double>(l1_) * sum_abs_;
}

}  // namespace relu::nn
