// Learning: XOR, circle and the CS231n 3-class spiral are learned to high accuracy by ReLU
// nets; a linear model cannot learn the spiral; a seed fixes the result bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "test_util.h"

namespace {

using relu::nn::Activation;
using relu::nn::Loss;
using relu::nn::Status;

struct Dataset {
  std::vector<float> x, y;
  std::size_t rows = 0;
};

// Stand-ins of the same shapes as relu-wasm/datasets' xor, circle and cs231n-spiral, not those
// datasets (they are generated in JavaScript; tests/package/mlp.test.mjs learns them through
// the package). Here: uniform points in [-1, 1]^2, and a spiral from the engine's own Pcg32.
Dataset xor_set(std::size_t rows) {
  Dataset d{nntest::uniform(2 * rows, -1, 1, 11), {}, rows};
  for (std::size_t i = 0; i < rows; ++i)
    d.y.push_back(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1.0f : 0.0f);
  return d;
}

Dataset circle_set(std::size_t rows) {
  Dataset d{nntest::uniform(2 * rows, -1, 1, 12), {}, rows};
  for (std::size_t i = 0; i < rows; ++i) {
    const float r2 = d.x[2 * i] * d.x[2 * i] + d.x[2 * i + 1] * d.x[2 * i + 1];
    d.y.push_back(r2 < 0.5f ? 1.0f : 0.0f);
  }
  return d;
}

// CS231n: N points per class on K arms, r = linspace(0, 1), t = linspace(4j, 4(j+1)) + 0.2 noise.
Dataset spiral_set(std::size_t n = 100, std::size_t k = 3) {
  Dataset d;
  relu::nn::Pcg32 rng(2026, 3);
  relu::nn::NormalSampler normal(&rng);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      const double r = static_cast<double>(i) / static_cast<double>(n - 1);
      const double t = 4.0 * static_cast<double>(j) + 4.0 * r + 0.2 * normal.next();
      d.x.push_back(static_cast<float>(r * std::sin(t)));
      d.x.push_back(static_cast<float>(r * std::cos(t)));
      d.y.push_back(static_cast<float>(j));
    }
  }
  d.rows = n * k;
  return d;
}

double accuracy(relu::nn::Mlp* net, const Dataset& d) {
  const auto out = static_cast<std::size_t>(net->size(net->num_layers()));
  std::vector<float> p(d.rows * out);
  EXPECT_EQ(net->predict(d.x.data(), d.x.size(), p.data()), Status::Ok);
  std::size_t right = 0;
  for (std::size_t i = 0; i < d.rows; ++i) {
    std::size_t label;
    if (out == 1) {
      label = p[i] > 0.5f ? 1 : 0;
    } else {
      label = 0;
      for (std::size_t j = 1; j < out; ++j) label = p[i * out + j] > p[i * out + label] ? j : label;
    }
    right += label == static_cast<std::size_t>(d.y[i]) ? 1 : 0;
  }
  return static_cast<double>(right) / static_cast<double>(d.rows);
}

double train(relu::nn::Mlp* net, const Dataset& d, std::int32_t batch, std::int32_t steps,
             const relu::nn::TrainOptions& o) {
  double loss = 0.0;
  // Several calls with different seeds, as the playground does frame by frame.
  const std::int32_t calls = 10;
  for (std::int32_t c = 0; c < calls; ++c) {
    EXPECT_EQ(net->train(d.x.data(), d.x.size(), d.y.data(), d.y.size(), batch, steps / calls,
                         static_cast<std::uint32_t>(c), o, &loss),
              Status::Ok);
  }
  return loss;
}

TEST(Learning, Xor) {
  const Dataset d = xor_set(400);
  nntest::MlpPtr net = nntest::make_net({2, 8, 8, 1}, Activation::Relu, Loss::Bce, 42);
  relu::nn::TrainOptions o;
  o.lr = 0.1;
  train(net.get(), d, 10, 6000, o);
  EXPECT_GE(accuracy(net.get(), d), 0.95);
}

TEST(Learning, Circle) {
  const Dataset d = circle_set(400);
  nntest::MlpPtr net = nntest::make_net({2, 8, 8, 1}, Activation::Relu, Loss::Bce, 42);
  relu::nn::TrainOptions o;
  o.optimizer = relu::nn::Optimizer::Adam;
  o.lr = 0.01;
  train(net.get(), d, 10, 6000, o);
  EXPECT_GE(accuracy(net.get(), d), 0.95);
}

TEST(Learning, SpiralReluLearnsLinearCannot) {
  const Dataset d = spiral_set();
  relu::nn::TrainOptions o;  // CS231n's settings: full-batch SGD, step 1, reg 1e-3
  o.lr = 1.0;
  o.l2 = 1e-3;
  nntest::MlpPtr net = nntest::make_net({2, 100, 3}, Activation::Relu, Loss::SoftmaxCe, 42);
  const double loss = train(net.get(), d, 300, 3000, o);
  EXPECT_LT(loss, 0.4);
  EXPECT_GE(accuracy(net.get(), d), 0.95);

  nntest::MlpPtr linear = nntest::make_net({2, 3}, Activation::Relu, Loss::SoftmaxCe, 42);
  train(linear.get(), d, 300, 3000, o);
  EXPECT_LT(accuracy(linear.get(), d), 0.65);
  // A hidden layer with the linear activation is still a linear model.
  nntest::MlpPtr linear_hidden =
      nntest::make_net({2, 100, 3}, Activation::Linear, Loss::SoftmaxCe, 42);
  o.lr = 0.1;
  train(linear_hidden.get(), d, 300, 3000, o);
  EXPECT_LT(accuracy(linear_hidden.get(), d), 0.65);
}

TEST(Learning, SpiralWithAdamMinibatches) {
  const Dataset d = spiral_set();
  relu::nn::TrainOptions o;
  o.optimizer = relu::nn::Optimizer::Adam;
  o.lr = 0.01;
  nntest::MlpPtr net = nntest::make_net({2, 100, 3}, Activation::Relu, Loss::SoftmaxCe, 42);
  train(net.get(), d, 32, 4000, o);
  EXPECT_GE(accuracy(net.get(), d), 0.95);
}

std::vector<float> all_params(relu::nn::Mlp* net) {
  std::vector<float> out;
  for (std::int32_t l = 0; l < net->num_layers(); ++l) {
    std::vector<float> w(net->weight_count(l)), b(net->bias_count(l));
    EXPECT_EQ(net->get_params(l, w.data(), b.data()), Status::Ok);
    out.insert(out.end(), w.begin(), w.end());
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

TEST(Learning, SameSeedSameResultBitwise) {
  const Dataset d = spiral_set();
  relu::nn::TrainOptions o;
  o.optimizer = relu::nn::Optimizer::Momentum;
  o.lr = 0.05;
  std::vector<float> first;
  double first_loss = 0.0;
  for (int run = 0; run < 2; ++run) {
    nntest::MlpPtr net = nntest::make_net({2, 16, 16, 3}, Activation::Relu, Loss::SoftmaxCe, 7);
    const double loss = train(net.get(), d, 20, 500, o);
    const std::vector<float> p = all_params(net.get());
    if (run == 0) {
      first = p;
      first_loss = loss;
    } else {
      ASSERT_EQ(p.size(), first.size());
      EXPECT_EQ(std::memcmp(p.data(), first.data(), p.size() * sizeof(float)), 0);
      EXPECT_EQ(loss, first_loss);
    }
  }
  // A different shuffle seed gives a different trajectory.
  nntest::MlpPtr other = nntest::make_net({2, 16, 16, 3}, Activation::Relu, Loss::SoftmaxCe, 7);
  double loss = 0.0;
  ASSERT_EQ(other->train(d.x.data(), d.x.size(), d.y.data(), d.y.size(), 20, 50, 99, o, &loss),
            Status::Ok);
  nntest::MlpPtr same = nntest::make_net({2, 16, 16, 3}, Activation::Relu, Loss::SoftmaxCe, 7);
  ASSERT_EQ(same->train(d.x.data(), d.x.size(), d.y.data(), d.y.size(), 20, 50, 0, o, &loss),
            Status::Ok);
  EXPECT_NE(all_params(other.get()), all_params(same.get()));
}

}  // namespace
