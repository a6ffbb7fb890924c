// Mlp::gradient_check: double-precision centred differences against the analytic gradient,
// kinks reported apart, a seeded sample, and errors as Status values.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "test_util.h"

namespace {

using namespace relu::nn;  // NOLINT(google-build-using-namespace): a test of this namespace

// rows points in [-1, 1]^2 with labels: class = quadrant (softmax_ce) or x0 * x1 > 0 (bce).
void make_data(std::size_t rows, Loss loss, std::vector<float>* x, std::vector<float>* y) {
  *x = nntest::uniform(rows * 2, -1.0f, 1.0f, 7);
  y->resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const float a = (*x)[2 * r], b = (*x)[2 * r + 1];
    (*y)[r] = loss == Loss::Bce ? (a * b > 0 ? 1.0f : 0.0f)
                                : static_cast<float>((a > 0 ? 1 : 0) + (b > 0 ? 1 : 0));
  }
}

TEST(GradientCheck, TanhNetworkAgreesEverywhere) {
  auto net = nntest::make_net({2, 8, 1}, Activation::Tanh, Loss::Bce, 3, relu::nn::Init::Xavier);
  std::vector<float> x, y;
  make_data(40, Loss::Bce, &x, &y);
  GradCheckResult r;
  ASSERT_EQ(net->gradient_check(x.data(), x.size(), y.data(), y.size(), {}, &r), Status::Ok);
  EXPECT_EQ(r.checked, 2 * 8 + 8 + 8 + 1);
  EXPECT_EQ(r.kinks, 0);
  EXPECT_LT(r.max_relative_error, 1e-4);
  EXPECT_GE(r.worst_layer, 0);
}

TEST(GradientCheck, TrainedReluNetworkAgreesWithL2AndL1) {
  auto net = nntest::make_net({2, 16, 3}, Activation::Relu, Loss::SoftmaxCe, 5);
  std::vector<float> x, y;
  make_data(60, Loss::SoftmaxCe, &x, &y);
  relu::nn::TrainOptions train;
  train.lr = 0.5;
  double loss = 0;
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(net->train_step(x.data(), x.size(), y.data(), y.size(), train, &loss), Status::Ok);
  }
  GradCheckOptions o;
  o.l2 = 1e-3;
  o.l1 = 1e-4;
  GradCheckResult r;
  ASSERT_EQ(net->gradient_check(x.data(), x.size(), y.data(), y.size(), o, &r), Status::Ok);
  EXPECT_EQ(r.checked, 2 * 16 + 16 + 16 * 3 + 3);
  EXPECT_LT(r.kinks, r.checked);
  EXPECT_LT(r.max_relative_error, 1e-4);
}

// A row of zeros with zero first-layer biases puts every first-layer pre-activation of that
// row exactly on the kink: each first-layer bias check crosses it and must be reported so.
TEST(GradientCheck, ChecksAcrossTheKinkAreReportedAsKinks) {
  auto net = nntest::make_net({2, 6, 1}, Activation::Relu, Loss::Bce, 9);
  std::vector<float> x = {0.0f, 0.0f, 0.5f, -0.25f, -0.75f, 0.5f};
  std::vector<float> y = {1.0f, 0.0f, 1.0f};
  GradCheckResult r;
  ASSERT_EQ(net->gradient_check(x.data(), x.size(), y.data(), y.size(), {}, &r), Status::Ok);
  EXPECT_GE(r.kinks, 6);
  EXPECT_EQ(r.checked, 2 * 6 + 6 + 6 + 1);
  EXPECT_TRUE(std::isnan(r.max_relative_error) || r.max_relative_error < 1e-4);

  // Every pre-activation on the kink and only first-layer biases checked: nothing is left.
  auto flat = nntest::make_net({1, 3, 1}, Activation::Relu, Loss::Bce, 9);
  std::vector<float> w = {1.0f, 1.0f, 1.0f}, b = {0.0f, 0.0f, 0.0f};
  ASSERT_EQ(flat->set_params(0, w.data(), 3, b.data(), 3), Status::Ok);
  std::vector<float> x0 = {0.0f}, y0 = {1.0f};
  GradCheckOptions big;
  big.step = 1.0;  // every pre-activation moves by at least 1 > its distance to 0
  ASSERT_EQ(flat->gradient_check(x0.data(), 1, y0.data(), 1, big, &r), Status::Ok);
  EXPECT_EQ(r.kinks, 3);  // the three first-layer biases
}

TEST(GradientCheck, SampleIsSeededAndLeavesTheNetworkUnchanged) {
  auto net = nntest::make_net({2, 8, 1}, Activation::Tanh, Loss::Bce, 3);
  std::vector<float> x, y;
  make_data(20, Loss::Bce, &x, &y);
  std::vector<float> before(16), after(16);
  ASSERT_EQ(net->get_params(0, before.data(), nullptr), Status::Ok);
  GradCheckOptions o;
  o.max_params = 5;
  o.seed = 11;
  GradCheckResult a, b;
  ASSERT_EQ(net->gradient_check(x.data(), x.size(), y.data(), y.size(), o, &a), Status::Ok);
  ASSERT_EQ(net->gradient_check(x.data(), x.size(), y.data(), y.size(), o, &b), Status::Ok);
  EXPECT_EQ(a.checked, 5);
  EXPECT_EQ(a.worst_layer, b.worst_layer);
  EXPECT_EQ(a.worst_index, b.worst_index);
  EXPECT_EQ(a.max_relative_error, b.max_relative_error);
  ASSERT_EQ(net->get_params(0, after.data(), nullptr), Status::Ok);
  EXPECT_EQ(before, after);
}

TEST(GradientCheck, MisuseIsAStatus) {
  auto net = nntest::make_net({2, 4, 1}, Activation::Relu, Loss::Bce);
  std::vector<float> x = {0.1f, 0.2f}, y = {1.0f};
  GradCheckResult r;
  GradCheckOptions o;
  o.step = 0.0;
  EXPECT_EQ(net->gradient_check(x.data(), 2, y.data(), 1, o, &r), Status::InvalidArgument);
  o.step = std::nan("");
  EXPECT_EQ(net->gradient_check(x.data(), 2, y.data(), 1, o, &r), Status::InvalidArgument);
  o = {};
  o.max_params = 0;
  EXPECT_EQ(net->gradient_check(x.data(), 2, y.data(), 1, o, &r), Status::InvalidArgument);
  o = {};
  EXPECT_EQ(net->gradient_check(x.data(), 1, y.data(), 1, o, &r), Status::ShapeMismatch);
  EXPECT_EQ(net->gradient_check(x.data(), 2, y.data(), 1, o, nullptr), Status::InvalidArgument);
  EXPECT_EQ(net->gradient_check(x.data(), 2, y.data(), 1, o, &r), Status::Ok);
}

}  // namespace
