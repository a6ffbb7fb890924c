// Plain enums and structs describing a network and a training step: everything a binding
// needs to fill from JavaScript numbers. Enum values are stable (bindings may pass integers);
// the engine validates every field, including enum values out of range.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::nn {

enum class Activation : std::int32_t { Relu = 0, LeakyRelu = 1, Tanh = 2, Sigmoid = 3, Linear = 4 };
enum class Loss : std::int32_t { Bce = 0, Mse = 1, SoftmaxCe = 2 };
enum class Init : std::int32_t { He = 0, Xavier = 1, Zeros = 2 };
enum class Optimizer : std::int32_t { Sgd = 0, Momentum = 1, Adam = 2 };

struct MlpConfig {
  const std::int32_t* sizes = nullptr;       // units per layer, input first: e.g. {2, 8, 8, 1}
  std::size_t num_sizes = 0;                 // >= 2
  Activation activation = Activation::Relu;  // of every hidden layer; the output is linear
  double leaky_slope = 0.01;                 // LeakyRelu only; finite
  Loss loss = Loss::Bce;                     // Bce needs 1 output, SoftmaxCe at least 2
  Init init = Init::He;
  std::uint32_t seed = 0;
  std::int32_t grad_at_zero = 0;  // ReLU derivative at exactly 0: 0 (PyTorch) or 1
};

// Hyperparameters of one update, in the double precision JavaScript numbers have; the update
// itself runs in float32 as PyTorch's does. Defaults are the (and PyTorch's).
struct TrainOptions {
  double lr = 0.01;  // >= 0, finite
  double l2 = 0.0;   // loss += 0.5 * l2 * sum(W^2), weights only; >= 0
  double l1 = 0.0;   // loss += l1 * sum(|W|), weights only; >= 0
  Optimizer optimizer = Optimizer::Sgd;
  double momentum = 0.9;  // Momentum: >= 0, finite
  double beta1 = 0.9;     // Adam: in [0, 1)
  double beta2 = 0.999;   // Adam: in [0, 1)
  double eps = 1e-8;      // Adam: >= 0, finite
};

}  // namespace relu::nn
