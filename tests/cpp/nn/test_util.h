// Shared helpers of the network tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/mlp.h"
#include "nn/prng.h"

namespace nntest {

struct MlpDeleter {
  void operator()(relu::nn::Mlp* net) const { relu::nn::Mlp::destroy(net); }
};
using MlpPtr = std::unique_ptr<relu::nn::Mlp, MlpDeleter>;

// A configuration over `sizes`, which must outlive it.
inline relu::nn::MlpConfig config_for(const std::vector<std::int32_t>& sizes,
                                      relu::nn::Activation act, relu::nn::Loss loss,
                                      std::uint32_t seed = 42,
                                      relu::nn::Init init = relu::nn::Init::He,
                                      std::int32_t grad_at_zero = 0, double slope = 0.01) {
  relu::nn::MlpConfig config;
  config.sizes = sizes.data();
  config.num_sizes = sizes.size();
  config.activation = act;
  config.loss = loss;
  config.seed = seed;
  config.init = init;
  config.grad_at_zero = grad_at_zero;
  config.leaky_slope = slope;
  return config;
}

inline MlpPtr make_net(const std::vector<std::int32_t>& sizes, relu::nn::Activation act,
                       relu::nn::Loss loss, std::uint32_t seed = 42,
                       relu::nn::Init init = relu::nn::Init::He, std::int32_t grad_at_zero = 0,
                       double slope = 0.01) {
  const relu::nn::MlpConfig config = config_for(sizes, act, loss, seed, init, grad_at_zero, slope);
  relu::nn::Mlp* net = nullptr;
  const char* message = nullptr;
  const relu::nn::Status status = relu::nn::Mlp::create(config, &net, &message);
  EXPECT_EQ(status, relu::nn::Status::Ok) << message;
  return MlpPtr(net);
}

inline relu::nn::Activation activation_from(const std::string& name) {
  if (name == "relu") return relu::nn::Activation::Relu;
  if (name == "leaky_relu") return relu::nn::Activation::LeakyRelu;
  if (name == "tanh") return relu::nn::Activation::Tanh;
  if (name == "sigmoid") return relu::nn::Activation::Sigmoid;
  return relu::nn::Activation::Linear;
}

inline relu::nn::Loss loss_from(const std::string& name) {
  if (name == "bce") return relu::nn::Loss::Bce;
  if (name == "mse") return relu::nn::Loss::Mse;
  return relu::nn::Loss::SoftmaxCe;
}

inline relu::nn::Optimizer optimizer_from(const std::string& name) {
  if (name == "momentum") return relu::nn::Optimizer::Momentum;
  if (name == "adam") return relu::nn::Optimizer::Adam;
  return relu::nn::Optimizer::Sgd;
}

// Uniform floats in [lo, hi) from the engine's generator (tests do not depend on libc rand).
inline std::vector<float> uniform(std::size_t n, float lo, float hi, std::uint32_t seed) {
  relu::nn::Pcg32 rng(seed, 7);
  std::vector<float> out(n);
  for (float& v : out) v = lo + (hi - lo) * static_cast<float>(rng.next_double());
  return out;
}

}  // namespace nntest
