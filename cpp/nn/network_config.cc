#include "nn/network_config.h"

#include <cmath>

namespace relu::nn {

const char* activation_config_fault(double leaky_slope, std::int32_t grad_at_zero) {
  if (!kMlpLeakySlope.contains(leaky_slope)) return "leakySlope must be a finite number";
  if (!kMlpGradAtZero.contains(grad_at_zero)) return "gradAtZero must be 0 or 1";
  return nullptr;
}

const char* loss_units_fault(Loss loss, std::size_t outputs) {
  if (loss == Loss::Bce && outputs != 1) return "loss bce needs exactly 1 output unit";
  if (loss == Loss::SoftmaxCe && outputs < 2)
    return "loss softmax_ce needs at least 2 output units";
  return nullptr;
}

void draw_weights(NormalSampler* normal, Init init, std::size_t fan_in, std::size_t fan_out,
                  float* w, std::size_t count) {
  // He (kaiming_normal_, fan_in): std sqrt(2 / in); Xavier (xavier_normal_): sqrt(2 / (in + out)).
  const double fan =
      init == Init::He ? static_cast<double>(fan_in) : static_cast<double>(fan_in + fan_out);
  const double stddev = std::sqrt(2.0 / fan);
  for (std::size_t i = 0; i < count; ++i) w[i] = static_cast<float>(normal->next() * stddev);
}

}  // namespace relu::nn
