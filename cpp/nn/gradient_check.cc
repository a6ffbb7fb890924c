// Mlp::gradient_check: the analytic gradient (float32, loss_and_gradients) against centred
// differences of the loss evaluated in double precision. The double path below mirrors
// run_forward + the losses of nn/loss.h formula for formula, on a double copy of the
// parameters, so that with h = 1e-5 the difference is accurate to about 1e-10 relative and what
// remains is the analytic gradient's own float32 rounding, or a kink.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "nn/mlp.h"
#include "nn/prng.h"

namespace relu::nn {
namespace {

// A stream of its own, so the sample never shares numbers with initialisation or shuffling.
constexpr std::uint64_t kGradCheckStream = 0x9e3779b97f4a7c15ULL;

double activate(Activation act, double slope, double z) {
  switch (act) {
    case Activation::Relu:
      return z > 0.0 ? z : 0.0;
    case Activation::LeakyRelu:
      return z > 0.0 ? z : slope * z;
    case Activation::Tanh:
      return std::tanh(z);
    case Activation::Sigmoid:
      return 1.0 / (1.0 + std::exp(-z));
    case Activation::Linear:
      return z;
  }
  return z;
}

// The mean loss of nn/loss.cc in double.
double loss_of(Loss loss, const double* z, const float* y, std::size_t rows, std::size_t out) {
  double total = 0.0;
  switch (loss) {
    case Loss::Bce:
      for (std::size_t i = 0; i < rows; ++i) {
        const double zi = z[i];
        total += std::fmax(zi, 0.0) - zi * y[i] + exact_log(1.0 + std::exp(-std::fabs(zi)));
      }
      return total / static_cast<double>(rows);
    case Loss::Mse:
      for (std::size_t i = 0; i < rows * out; ++i) {
        const double d = z[i] - y[i];
        total += d * d;
      }
      return total / static_cast<double>(rows * out);
    case Loss::SoftmaxCe:
      for (std::size_t i = 0; i < rows; ++i) {
        const double* zi = z + i * out;
        double mx = zi[0];
        for (std::size_t j = 1; j < out; ++j) mx = std::fmax(mx, zi[j]);
        double sum = 0.0;
        for (std::size_t j = 0; j < out; ++j) sum += std::exp(zi[j] - mx);
        total += mx + exact_log(sum) - zi[static_cast<std::size_t>(y[i])];
      }
      return total / static_cast<double>(rows);
  }
  return total;
}

// True when some pre-activation moved by the perturbation came within its move of 0.
bool crossed_kink(const double* plus, const double* minus, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double move = std::fabs(plus[i] - minus[i]);
    if (move > 0.0 && std::fmin(std::fabs(plus[i]), std::fabs(minus[i])) <= move) return true;
  }
  return false;
}

}  // namespace

double Mlp::loss_in_double(const double* params, const float* x, const float* y, std::size_t rows,
                           double l2, double l1, double* z, double* work) const {
  const std::size_t num_layers = num_sizes_ - 1;
  std::size_t widest = 0;
  for (std::size_t l = 0; l < num_layers; ++l) widest = std::max(widest, layers_[l].out);
  double* a = work;  // the layer's input (after l == 0)
  double* next = work + rows * widest;
  const double slope = static_cast<double>(leaky_slope_);
  const double* p = params;
  double penalty = 0.0;
  for (std::size_t l = 0; l < num_layers; ++l) {
    const Layer& layer = layers_[l];
    const double* w = p;
    const double* b = p + layer.in * layer.out;
    p = b + layer.out;
    const bool hidden = l + 1 < num_layers;
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t o = 0; o < layer.out; ++o) {
        double sum = b[o];
        const double* wo = w + o * layer.in;
        for (std::size_t i = 0; i < layer.in; ++i) {
          const double in = l == 0 ? static_cast<double>(x[r * layer.in + i]) : a[r * layer.in + i];
          sum += wo[i] * in;
        }
        if (hidden) {
          z[r * layer.out + o] = sum;
          next[r * layer.out + o] = activate(activation_, slope, sum);
        } else {
          next[r * layer.out + o] = sum;
        }
      }
    }
    if (hidden) z += rows * layer.out;
    for (std::size_t i = 0; i < layer.in * layer.out; ++i) {
      penalty += 0.5 * l2 * w[i] * w[i] + l1 * std::fabs(w[i]);
    }
    double* t = a;
    a = next;
    next = t;
  }
  return loss_of(loss_, a, y, rows, layers_[num_layers - 1].out) + penalty;
}

Status Mlp::gradient_check(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                           const GradCheckOptions& options, GradCheckResult* result) {
  if (result == nullptr) return fail(Status::InvalidArgument, "gradient_check: null result");
  if (!kGradCheckStep.contains(options.step)) {
    return fail(Status::InvalidArgument, "step must be in [1e-12, 1]");
  }
  if (!kGradCheckMaxParams.contains(options.max_params)) {
    return fail(Status::InvalidArgument, "maxParams must be an integer >= 1");
  }
  if (!kGradCheckFloor.contains(options.floor)) {
    return fail(Status::InvalidArgument, "floor must be in [0, 1]");
  }
  if (!kGradCheckL2.contains(options.l2) || !kGradCheckL1.contains(options.l1)) {
    return fail(Status::InvalidArgument, "l2 and l1 must be finite and >= 0");
  }
  double loss = 0.0;
  // Checks X and Y, and leaves the analytic gradient in grads_.
  if (Status s = loss_and_gradients(x, x_len, y, y_len, options.l2, options.l1, &loss);
      s != Status::Ok) {
    return s;
  }
  const std::size_t rows = x_len / layers_[0].in;
  const std::size_t num_layers = num_sizes_ - 1;
  std::size_t widest = 0, hidden_units = 0;
  for (std::size_t l = 0; l < num_layers; ++l) {
    widest = std::max(widest, layers_[l].out);
    if (l + 1 < num_layers) hidden_units += layers_[l].out;
  }
  const std::size_t limit = std::numeric_limits<std::size_t>::max() / sizeof(double) / 4;
  if (rows > limit / (widest + hidden_units + 1)) {
    return fail(Status::OutOfMemory, "gradient check: X has too many rows for double buffers");
  }
  const std::size_t z_len = rows * hidden_units;
  const std::size_t checked = std::min(param_count_, static_cast<std::size_t>(options.max_params));
  // params (double) | work 2 x [rows][widest] | z+ | z-.
  const std::size_t doubles = param_count_ + 2 * rows * widest + 2 * z_len;
  auto* buffer = static_cast<double*>(std::malloc(doubles * sizeof(double)));
  if (buffer == nullptr) {
    return fail(Status::OutOfMemory, "out of memory for the gradient check's double buffers");
  }
  double* params = buffer;
  double* work = params + param_count_;
  double* z_plus = work + 2 * rows * widest;
  double* z_minus = z_plus + z_len;
  for (std::size_t i = 0; i < param_count_; ++i) params[i] = params_[i];
  // The sample: selection sampling (Knuth's Algorithm S), which takes parameter i with
  // probability (still needed) / (still left), so exactly `checked` distinct parameters are
  // drawn, uniformly, in parameter order, with no index array. All when checked covers them.
  Pcg32 rng(options.seed, kGradCheckStream);
  std::size_t needed = checked;

  // The same float32 penalties the analytic gradient used.
  const double l2 = static_cast<float>(options.l2);
  const double l1 = static_cast<float>(options.l1);
  const bool relu_family = activation_ == Activation::Relu || activation_ == Activation::LeakyRelu;
  const double h = options.step;
  GradCheckResult r;
  r.max_relative_error = std::numeric_limits<double>::quiet_NaN();
  r.checked = static_cast<std::int32_t>(checked);
  for (std::size_t at = 0; at < param_count_ && needed > 0; ++at) {
    if (checked < param_count_ &&
        rng.next_double() * static_cast<double>(param_count_ - at) >= static_cast<double>(needed)) {
      continue;
    }
    --needed;
    const double saved = params[at];
    params[at] = saved + h;
    const double plus = loss_in_double(params, x, y, rows, l2, l1, z_plus, work);
    params[at] = saved - h;
    const double minus = loss_in_double(params, x, y, rows, l2, l1, z_minus, work);
    params[at] = saved;
    // Which layer, and whether it is a weight (the L1 term has its own kink at w = 0).
    std::size_t layer = 0, start = 0;
    while (at >= start + layers_[layer].in * layers_[layer].out + layers_[layer].out) {
      start += layers_[layer].in * layers_[layer].out + layers_[layer].out;
      ++layer;
    }
    const std::size_t index = at - start;
    const bool weight = index < layers_[layer].in * layers_[layer].out;
    const bool kink = (relu_family && crossed_kink(z_plus, z_minus, z_len)) ||
                      (weight && l1 > 0.0 && std::fabs(saved) <= h);
    if (kink) {
      ++r.kinks;
      continue;
    }
    const double numeric = (plus - minus) / (2.0 * h);
    const double analytic = grads_[at];
    const double scale =
        std::fmax(std::fmax(std::fabs(analytic), std::fabs(numeric)), options.floor);
    const double error = std::fabs(analytic - numeric) / scale;
    if (r.worst_layer < 0 || error > r.max_relative_error || std::isnan(error)) {
      r.max_relative_error = error;
      r.worst_analytic = analytic;
      r.worst_numeric = numeric;
      r.worst_layer = static_cast<std::int32_t>(layer);
      r.worst_index = static_cast<std::int32_t>(index);
    }
  }
  std::free(buffer);
  *result = r;
  return ok();
}

}  // namespace relu::nn
