// Finite-difference gradient checks: every activation x loss, several shapes, with and without
// L2/L1. The engine's float32 gradients are compared with central differences of the
// independent double-precision reference (reference.h) at the same parameters.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "reference.h"
#include "test_util.h"

namespace {

using relu::nn::Activation;
using relu::nn::Loss;
using relu::nn::Status;

struct Problem {
  nntest::MlpPtr net;
  nntest::RefNet ref;
  std::vector<float> x, y;
  std::size_t rows = 0;
};

std::vector<std::int32_t> shape_for(int variant, Loss loss) {
  const std::int32_t out = loss == Loss::Bce ? 1 : (loss == Loss::Mse ? 2 : 3);
  switch (variant) {
    case 0:
      return {3, 5, out};
    case 1:
      return {2, 6, 4, out};
    case 2:
      return {5, out};  // no hidden layer
    default:
      return {4, 9, 3, 7, out};
  }
}

// Random parameters, inputs and targets; retries seeds until no hidden pre-activation lies
// within 1e-3 of a ReLU kink, where central differences would straddle it.
Problem make_problem(Activation act, Loss loss, int variant, std::size_t rows) {
  const std::vector<std::int32_t> sizes = shape_for(variant, loss);
  for (std::uint32_t seed = 1;; ++seed) {
    Problem p;
    p.rows = rows;
    p.net = nntest::make_net(sizes, act, loss, seed, relu::nn::Init::He, 0, 0.07);
    p.ref.sizes.assign(sizes.begin(), sizes.end());
    p.ref.act = act;
    p.ref.slope = static_cast<double>(0.07f);
    p.ref.loss = loss;
    for (std::int32_t l = 0; l < p.net->num_layers(); ++l) {
      std::vector<float> w(p.net->weight_count(l)),
          b = nntest::uniform(p.net->bias_count(l), -0.3f, 0.3f,
                              seed * 31 + static_cast<std::uint32_t>(l));
      EXPECT_EQ(p.net->get_params(l, w.data(), nullptr), Status::Ok);
      EXPECT_EQ(p.net->set_params(l, w.data(), w.size(), b.data(), b.size()), Status::Ok);
      p.ref.W.emplace_back(w.begin(), w.end());
      p.ref.b.emplace_back(b.begin(), b.end());
    }
    p.x = nntest::uniform(rows * static_cast<std::size_t>(sizes[0]), -1.5f, 1.5f, seed + 1000);
    const std::size_t out = static_cast<std::size_t>(sizes.back());
    if (loss == Loss::Bce) {
      p.y = nntest::uniform(rows, 0.0f, 1.0f, seed + 2000);
      for (float& v : p.y) v = v < 0.5f ? 0.0f : 1.0f;
    } else if (loss == Loss::Mse) {
      p.y = nntest::uniform(rows * out, -1.0f, 1.0f, seed + 2000);
    } else {
      p.y = nntest::uniform(rows, 0.0f, static_cast<float>(out), seed + 2000);
      for (float& v : p.y) v = std::floor(v);
    }
    bool near_kink = false;
    EXPECT_EQ(p.net->forward(p.x.data(), p.x.size()), Status::Ok);
    for (std::int32_t h = 0; h + 1 < p.net->num_layers(); ++h) {
      std::vector<float> z(rows * static_cast<std::size_t>(p.net->size(h + 1)));
      EXPECT_EQ(p.net->get_pre_activations(h, z.data()), Status::Ok);
      for (float v : z) near_kink = near_kink || std::fabs(v) < 1e-3f;
    }
    if (!near_kink || (act != Activation::Relu && act != Activation::LeakyRelu)) return p;
  }
}

class GradientCheck : public ::testing::TestWithParam<std::tuple<Activation, Loss, int>> {};

TEST_P(GradientCheck, MatchesCentralDifferences) {
  const auto [act, loss, variant] = GetParam();
  for (const auto& [l2, l1] : {std::pair<double, double>{0.0, 0.0}, {0.03, 0.02}}) {
    Problem p = make_problem(act, loss, variant, 7);
    double value = 0.0;
    ASSERT_EQ(
        p.net->loss_and_gradients(p.x.data(), p.x.size(), p.y.data(), p.y.size(), l2, l1, &value),
        Status::Ok);
    const double ref_value =
        p.ref.loss_with_reg(p.x, p.y, p.rows, static_cast<double>(static_cast<float>(l2)),
                            static_cast<double>(static_cast<float>(l1)));
    EXPECT_NEAR(value, ref_value, 1e-5 * std::fabs(ref_value) + 1e-6);
    const double h = 1e-5;
    for (std::int32_t l = 0; l < p.net->num_layers(); ++l) {
      std::vector<float> dw(p.net->weight_count(l)), db(p.net->bias_count(l));
      ASSERT_EQ(p.net->get_gradients(l, dw.data(), db.data()), Status::Ok);
      auto check = [&](std::vector<double>& param, std::size_t i, float engine, const char* what) {
        const double saved = param[i];
        param[i] = saved + h;
        const double up =
            p.ref.loss_with_reg(p.x, p.y, p.rows, static_cast<float>(l2), static_cast<float>(l1));
        param[i] = saved - h;
        const double down =
            p.ref.loss_with_reg(p.x, p.y, p.rows, static_cast<float>(l2), static_cast<float>(l1));
        param[i] = saved;
        const double fd = (up - down) / (2 * h);
        EXPECT_NEAR(engine, fd, 2e-5 + 1e-3 * std::fabs(fd))
            << what << " layer " << l << " index " << i << " l2 " << l2;
      };
      for (std::size_t i = 0; i < dw.size(); ++i)
        check(p.ref.W[static_cast<std::size_t>(l)], i, dw[i], "dW");
      for (std::size_t i = 0; i < db.size(); ++i)
        check(p.ref.b[static_cast<std::size_t>(l)], i, db[i], "db");
    }
  }
}

std::string name_of(const ::testing::TestParamInfo<GradientCheck::ParamType>& info) {
  static const char* acts[] = {"relu", "leaky", "tanh", "sigmoid", "linear"};
  static const char* losses[] = {"bce", "mse", "softmax"};
  return std::string(acts[static_cast<int>(std::get<0>(info.param))]) + "_" +
         losses[static_cast<int>(std::get<1>(info.param))] + "_shape" +
         std::to_string(std::get<2>(info.param));
}

INSTANTIATE_TEST_SUITE_P(
    AllActivationsAndLosses, GradientCheck,
    ::testing::Combine(::testing::Values(Activation::Relu, Activation::LeakyRelu, Activation::Tanh,
                                         Activation::Sigmoid, Activation::Linear),
                       ::testing::Values(Loss::Bce, Loss::Mse, Loss::SoftmaxCe),
                       ::testing::Values(0, 1, 2, 3)),
    name_of);

// The predictions and every activation agree with the double reference too.
TEST(Reference, PredictAndActivations) {
  Problem p = make_problem(Activation::Tanh, Loss::SoftmaxCe, 3, 11);
  std::vector<float> pred(p.rows * 3);
  ASSERT_EQ(p.net->predict(p.x.data(), p.x.size(), pred.data()), Status::Ok);
  const std::vector<double> z = p.ref.logits(p.x, p.rows);
  for (std::size_t r = 0; r < p.rows; ++r) {
    double mx = z[r * 3], s = 0;
    for (int j = 1; j < 3; ++j) mx = std::max(mx, z[r * 3 + static_cast<std::size_t>(j)]);
    for (int j = 0; j < 3; ++j) s += std::exp(z[r * 3 + static_cast<std::size_t>(j)] - mx);
    for (std::size_t j = 0; j < 3; ++j)
      EXPECT_NEAR(pred[r * 3 + j], std::exp(z[r * 3 + j] - mx) / s, 1e-6);
  }
}

}  // namespace
