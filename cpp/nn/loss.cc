#include "nn/loss.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/activation.h"

namespace relu::nn {
namespace {

double bce(const float* z, const float* y, std::size_t rows, float* dz) {
  const float scale = 1.0f / static_cast<float>(rows);
  double total = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    const float zi = z[i];
    const float l = (zi > 0.0f ? zi : 0.0f) - zi * y[i] + std::log1p(std::exp(-std::fabs(zi)));
    total += static_cast<double>(l);
  }
  // dz = (sigmoid(z) - y) / rows, sigmoid from the same kernel as predictions and hidden layers.
  sigmoid_forward(z, dz, rows);
  for (std::size_t i = 0; i < rows; ++i) dz[i] = (dz[i] - y[i]) * scale;
  return total / static_cast<double>(rows);
}

double mse(const float* z, const float* y, std::size_t count, float* dz) {
  const float scale = 2.0f / static_cast<float>(count);
  double total = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const float d = z[i] - y[i];
    total += static_cast<double>(d * d);
    dz[i] = d * scale;
  }
  return total / static_cast<double>(count);
}

// One row of a stable softmax, unnormalised: e[j] = exp(z[j] - max(z)); returns sum(e) and
// stores max(z) in *max_out. Shared by the loss and by predict, so both see the same bits.
float shifted_exp(const float* z, std::size_t out, float* e, float* max_out) {
  float mx = z[0];
  for (std::size_t j = 1; j < out; ++j) mx = z[j] > mx ? z[j] : mx;
  float sum = 0.0f;
  for (std::size_t j = 0; j < out; ++j) {
    e[j] = std::exp(z[j] - mx);
    sum += e[j];
  }
  *max_out = mx;
  return sum;
}

double softmax_ce(const float* z, const float* y, std::size_t rows, std::size_t out, float* dz) {
  const float scale = 1.0f / static_cast<float>(rows);
  double total = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    const float* zi = z + i * out;
    float* di = dz + i * out;
    float mx = 0.0f;
    const float sum = shifted_exp(zi, out, di, &mx);
    const auto label = static_cast<std::size_t>(y[i]);
    const float log_sum = std::log(sum);
    total += static_cast<double>(log_sum - (zi[label] - mx));
    const float inv = 1.0f / sum;
    for (std::size_t j = 0; j < out; ++j) di[j] = di[j] * inv * scale;
    di[label] -= scale;
  }
  return total / static_cast<double>(rows);
}

}  // namespace

std::size_t loss_target_width(Loss loss, std::size_t outputs) {
  return loss == Loss::Mse ? outputs : 1;
}

std::size_t loss_classes(Loss loss, std::size_t outputs) {
  switch (loss) {
    case Loss::Bce:
      return 2;
    case Loss::SoftmaxCe:
      return outputs;
    case Loss::Mse:
      return 0;
  }
  return 0;
}

double loss_and_grad(Loss loss, const float* z, const float* y, std::size_t rows, std::size_t out,
                     float* dz) {
  switch (loss) {
    case Loss::Bce:
      return bce(z, y, rows, dz);
    case Loss::Mse:
      return mse(z, y, rows * out, dz);
    case Loss::SoftmaxCe:
      return softmax_ce(z, y, rows, out, dz);
  }
  return 0.0;
}

void loss_predict(Loss loss, const float* z, std::size_t rows, std::size_t out, float* p) {
  switch (loss) {
    case Loss::Bce:
      sigmoid_forward(z, p, rows * out);
      return;
    case Loss::Mse:
      if (rows * out != 0) std::memcpy(p, z, rows * out * sizeof(float));
      return;
    case Loss::SoftmaxCe:
      for (std::size_t i = 0; i < rows; ++i) {
        const float* zi = z + i * out;
        float* pi = p + i * out;
        float mx = 0.0f;
        const float sum = shifted_exp(zi, out, pi, &mx);
        for (std::size_t j = 0; j < out; ++j) pi[j] = pi[j] / sum;
      }
      return;
  }
}

std::size_t count_correct(Loss loss, const float* z, const float* y, std::size_t rows,
                          std::size_t out, std::size_t classes, std::size_t row0,
                          std::int32_t* predictions, std::uint32_t* confusion) {
  std::size_t correct = 0;
  for (std::size_t r = 0; r < rows && classes != 0; ++r) {
    const float* zr = z + r * out;
    std::size_t guess = 0, label = 0;
    if (loss == Loss::Bce) {
      guess = zr[0] > 0.0f ? 1 : 0;
      label = y[r] >= 0.5f ? 1 : 0;
    } else {
      for (std::size_t j = 1; j < out; ++j) guess = zr[j] > zr[guess] ? j : guess;
      label = static_cast<std::size_t>(y[r]);
    }
    correct += guess == label ? 1 : 0;
    if (predictions != nullptr) predictions[row0 + r] = static_cast<std::int32_t>(guess);
    if (confusion != nullptr) ++confusion[label * classes + guess];
  }
  return correct;
}

EvalResult eval_result(double loss_sum, std::size_t correct, std::size_t rows,
                       std::size_t classes) {
  EvalResult result;
  result.mean_loss = loss_sum / static_cast<double>(rows);
  result.accuracy = classes == 0 ? std::numeric_limits<double>::quiet_NaN()
                                 : static_cast<double>(correct) / static_cast<double>(rows);
  result.rows = static_cast<std::uint32_t>(rows);
  result.correct = static_cast<std::uint32_t>(correct);
  return result;
}

}  // namespace relu::nn
