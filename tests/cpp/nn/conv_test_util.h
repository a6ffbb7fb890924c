// Helpers of the convolutional network tests: a ConvNet from a layer list or a golden case.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "json.h"
#include "nn/conv_net.h"
#include "test_util.h"

namespace nntest {

struct ConvNetDeleter {
  void operator()(relu::nn::ConvNet* net) const { relu::nn::ConvNet::destroy(net); }
};
using ConvNetPtr = std::unique_ptr<relu::nn::ConvNet, ConvNetDeleter>;

inline relu::nn::ConvLayerSpec conv_layer(std::int32_t channels, std::int32_t kernel,
                                          relu::nn::Padding padding = relu::nn::Padding::Same) {
  return {relu::nn::ConvLayerKind::Conv, channels, kernel, padding};
}
inline relu::nn::ConvLayerSpec pool_layer() { return {relu::nn::ConvLayerKind::Pool, 2, 0, {}}; }
inline relu::nn::ConvLayerSpec dense_layer(std::int32_t units) {
  return {relu::nn::ConvLayerKind::Dense, units, 0, {}};
}

// A configuration of `input` ({channels, height, width}) and `layers`, which must outlive it.
inline relu::nn::ConvNetConfig conv_config(const std::vector<std::int32_t>& input,
                                           const std::vector<relu::nn::ConvLayerSpec>& layers) {
  relu::nn::ConvNetConfig config;
  config.channels = input[0];
  config.height = input[1];
  config.width = input[2];
  config.layers = layers.data();
  config.num_layers = layers.size();
  return config;
}

inline ConvNetPtr make_conv_net(std::vector<std::int32_t> input,
                                const std::vector<relu::nn::ConvLayerSpec>& layers,
                                relu::nn::Activation act, relu::nn::Loss loss,
                                std::uint32_t seed = 1, relu::nn::Init init = relu::nn::Init::He,
                                std::int32_t grad_at_zero = 0, double slope = 0.01) {
  relu::nn::ConvNetConfig config = conv_config(input, layers);
  config.activation = act;
  config.loss = loss;
  config.seed = seed;
  config.init = init;
  config.grad_at_zero = grad_at_zero;
  config.leaky_slope = slope;
  relu::nn::ConvNet* net = nullptr;
  const char* message = nullptr;
  EXPECT_EQ(relu::nn::ConvNet::create(config, &net, &message), relu::nn::Status::Ok) << message;
  return ConvNetPtr(net);
}

// The layer list of a golden case: {conv, kernel, padding} | {pool} | {dense}.
inline std::vector<relu::nn::ConvLayerSpec> layers_of(const Json& c) {
  std::vector<relu::nn::ConvLayerSpec> layers;
  for (const Json& l : c["layers"].array) {
    if (l.has("conv")) {
      layers.push_back(conv_layer(
          static_cast<std::int32_t>(l["conv"].number),
          static_cast<std::int32_t>(l["kernel"].number),
          l["padding"].string == "same" ? relu::nn::Padding::Same : relu::nn::Padding::Valid));
    } else if (l.has("pool")) {
      layers.push_back(pool_layer());
    } else {
      layers.push_back(dense_layer(static_cast<std::int32_t>(l["dense"].number)));
    }
  }
  return layers;
}

// A golden case's network with its explicit parameters.
inline ConvNetPtr make_conv_case(const Json& c) {
  ConvNetPtr net =
      make_conv_net(c["input"].ints(), layers_of(c), activation_from(c["activation"].string),
                    loss_from(c["loss"].string), 0, relu::nn::Init::Zeros,
                    static_cast<std::int32_t>(c["gradAtZero"].number), c["leakySlope"].number);
  for (std::size_t l = 0; l < c["params"].size(); ++l) {
    const std::vector<float> w = c["params"][l]["W"].floats(), b = c["params"][l]["b"].floats();
    EXPECT_EQ(net->set_params(static_cast<std::int32_t>(l), w.data(), w.size(), b.data(), b.size()),
              relu::nn::Status::Ok);
  }
  return net;
}

}  // namespace nntest
