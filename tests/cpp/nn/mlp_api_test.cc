// The engine's contract outside the numbers: seeded initialisation (against the bit patterns
// in tests/fixtures/nn/init.json), validation returning statuses, optimizer state, the train
// loop's batching, and memory (create/destroy churn under ASan).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "json.h"
#include "nn/optimizer.h"
#include "test_util.h"

namespace {

using relu::nn::Activation;
using relu::nn::Init;
using relu::nn::Loss;
using relu::nn::Mlp;
using relu::nn::Status;

std::uint32_t bits_of(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

TEST(Init, MatchesFixtureBitPatterns) {
  const nntest::Json init = nntest::load_json(std::string(RELU_NN_FIXTURES_DIR) + "/init.json");
  ASSERT_EQ(init.kind, nntest::Json::Object) << "missing or malformed init.json";
  for (const nntest::Json& log_case : init["exactLog"].array) {
    const double v = relu::nn::exact_log(log_case["x"].number);
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(b));
    EXPECT_EQ(hex, log_case["bits"].string) << log_case["x"].number;
    EXPECT_NEAR(v, std::log(log_case["x"].number), 1e-15 * std::fabs(v));
  }
  ASSERT_GE(init["cases"].size(), 1u);
  for (const nntest::Json& c : init["cases"].array) {
    const std::string& kind = c["init"].string;
    nntest::MlpPtr net =
        nntest::make_net(c["sizes"].ints(), Activation::Relu, Loss::Mse,
                         static_cast<std::uint32_t>(c["seed"].number),
                         kind == "he" ? Init::He : (kind == "xavier" ? Init::Xavier : Init::Zeros));
    for (std::int32_t l = 0; l < net->num_layers(); ++l) {
      std::vector<float> w(net->weight_count(l)), b(net->bias_count(l));
      ASSERT_EQ(net->get_params(l, w.data(), b.data()), Status::Ok);
      const nntest::Json& want = c["weightBits"][static_cast<std::size_t>(l)];
      ASSERT_EQ(w.size(), want.size());
      for (std::size_t i = 0; i < w.size(); ++i) {
        char hex[9];
        std::snprintf(hex, sizeof hex, "%08x", bits_of(w[i]));
        ASSERT_EQ(hex, want[i].string)
            << "seed " << c["seed"].number << " layer " << l << " index " << i;
      }
      for (float v : b) EXPECT_EQ(bits_of(v), 0u);
    }
  }
}

TEST(Init, ScaleAndSeeds) {
  nntest::MlpPtr a = nntest::make_net({200, 300, 1}, Activation::Relu, Loss::Bce, 1);
  std::vector<float> w(a->weight_count(0));
  ASSERT_EQ(a->get_params(0, w.data(), nullptr), Status::Ok);
  double sum = 0, sq = 0;
  for (float v : w) {
    sum += v;
    sq += static_cast<double>(v) * v;
  }
  const double n = static_cast<double>(w.size());
  EXPECT_NEAR(sum / n, 0.0, 0.005);
  EXPECT_NEAR(std::sqrt(sq / n), std::sqrt(2.0 / 200.0), 0.002);  // He: std sqrt(2 / fan_in)

  nntest::MlpPtr x = nntest::make_net({200, 300, 1}, Activation::Tanh, Loss::Bce, 1, Init::Xavier);
  ASSERT_EQ(x->get_params(0, w.data(), nullptr), Status::Ok);
  sq = 0;
  for (float v : w) sq += static_cast<double>(v) * v;
  EXPECT_NEAR(std::sqrt(sq / n), std::sqrt(2.0 / 500.0), 0.002);

  nntest::MlpPtr z = nntest::make_net({3, 4, 1}, Activation::Relu, Loss::Bce, 1, Init::Zeros);
  std::vector<float> wz(z->weight_count(0));
  ASSERT_EQ(z->get_params(0, wz.data(), nullptr), Status::Ok);
  for (float v : wz) EXPECT_EQ(v, 0.0f);

  nntest::MlpPtr s1 = nntest::make_net({2, 8, 1}, Activation::Relu, Loss::Bce, 5);
  nntest::MlpPtr s2 = nntest::make_net({2, 8, 1}, Activation::Relu, Loss::Bce, 5);
  nntest::MlpPtr s3 = nntest::make_net({2, 8, 1}, Activation::Relu, Loss::Bce, 6);
  std::vector<float> w1(16), w2(16), w3(16);
  s1->get_params(0, w1.data(), nullptr);
  s2->get_params(0, w2.data(), nullptr);
  s3->get_params(0, w3.data(), nullptr);
  EXPECT_EQ(w1, w2);
  EXPECT_NE(w1, w3);
}

Status try_create(std::vector<std::int32_t> sizes, Activation act, Loss loss, std::int32_t gaz = 0,
                  double slope = 0.01) {
  relu::nn::MlpConfig config =
      nntest::config_for(sizes, act, loss, 0, relu::nn::Init::He, gaz, slope);
  Mlp* net = reinterpret_cast<Mlp*>(&config);  // must be overwritten with null on failure
  const char* message = nullptr;
  const Status s = Mlp::create(config, &net, &message);
  if (s == Status::Ok) {
    EXPECT_NE(net, nullptr);
    EXPECT_STREQ(message, "");
  } else {
    EXPECT_EQ(net, nullptr);
    EXPECT_NE(std::strlen(message), 0u);
  }
  Mlp::destroy(net);
  return s;
}

TEST(Create, ValidatesConfiguration) {
  EXPECT_EQ(try_create({2, 1}, Activation::Relu, Loss::Bce), Status::Ok);
  EXPECT_EQ(try_create({2}, Activation::Relu, Loss::Bce), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 0, 1}, Activation::Relu, Loss::Bce), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, -3, 1}, Activation::Relu, Loss::Bce), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 1}, static_cast<Activation>(9), Loss::Bce), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 1}, Activation::Relu, static_cast<Loss>(-1)),
            Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 2}, Activation::Relu, Loss::Bce), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 1}, Activation::Relu, Loss::SoftmaxCe), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 1}, Activation::Relu, Loss::Bce, 2), Status::InvalidArgument);
  EXPECT_EQ(try_create({2, 4, 1}, Activation::LeakyRelu, Loss::Bce, 0, std::nan("")),
            Status::InvalidArgument);
  // 3.6 GB of weights (x4 with gradients and optimizer state): refused before any allocation.
  EXPECT_EQ(try_create({30000, 30000, 1}, Activation::Relu, Loss::Bce), Status::OutOfMemory);
  EXPECT_EQ(try_create({1 << 24, 1 << 24, 1 << 24}, Activation::Relu, Loss::Mse),
            Status::OutOfMemory);
  relu::nn::MlpConfig config;
  EXPECT_EQ(Mlp::create(config, nullptr, nullptr), Status::InvalidArgument);
  EXPECT_STREQ(relu::nn::status_name(Status::OutOfMemory), "OutOfMemory");
}

class Calls : public ::testing::Test {
 protected:
  nntest::MlpPtr net = nntest::make_net({2, 4, 3}, Activation::Relu, Loss::SoftmaxCe, 3);
  std::vector<float> x = {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f};
  std::vector<float> y = {0, 1, 2};
  relu::nn::TrainOptions o;
};

TEST_F(Calls, RejectsBadInputsAndKeepsWorking) {
  double loss = 0;
  EXPECT_EQ(net->train_step(x.data(), 5, y.data(), 3, o, &loss), Status::ShapeMismatch);
  EXPECT_NE(std::strlen(net->last_error()), 0u);
  EXPECT_EQ(net->train_step(x.data(), 0, y.data(), 0, o, &loss), Status::ShapeMismatch);
  EXPECT_EQ(net->train_step(x.data(), 6, y.data(), 2, o, &loss), Status::ShapeMismatch);
  std::vector<float> bad = x;
  bad[3] = std::numeric_limits<float>::infinity();
  EXPECT_EQ(net->train_step(bad.data(), 6, y.data(), 3, o, &loss), Status::NonFinite);
  bad[3] = std::nanf("");
  EXPECT_EQ(net->predict(bad.data(), 6, bad.data()), Status::NonFinite);
  for (float label : {3.0f, -1.0f, 1.5f}) {
    std::vector<float> yy = {0, label, 1};
    EXPECT_EQ(net->train_step(x.data(), 6, yy.data(), 3, o, &loss), Status::OutOfRange) << label;
  }
  std::vector<float> ynan = {0, std::nanf(""), 1};
  EXPECT_EQ(net->loss_and_gradients(x.data(), 6, ynan.data(), 3, 0, 0, &loss), Status::NonFinite);
  EXPECT_EQ(net->loss_and_gradients(x.data(), 6, y.data(), 3, -1, 0, &loss),
            Status::InvalidArgument);
  EXPECT_EQ(net->loss_and_gradients(x.data(), 6, y.data(), 3, 0, std::nan(""), &loss),
            Status::InvalidArgument);

  const auto with = [&](auto edit) {
    relu::nn::TrainOptions bad_o;
    edit(bad_o);
    return net->train_step(x.data(), 6, y.data(), 3, bad_o, &loss);
  };
  EXPECT_EQ(with([](auto& b) { b.lr = -0.1; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.lr = std::nan(""); }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.lr = 1e300; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.l2 = -1; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.optimizer = static_cast<relu::nn::Optimizer>(3); }),
            Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.beta1 = 1.0; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.beta2 = -0.5; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.eps = -1e-8; }), Status::InvalidArgument);
  EXPECT_EQ(with([](auto& b) { b.momentum = std::numeric_limits<double>::infinity(); }),
            Status::InvalidArgument);
  EXPECT_EQ(net->train(x.data(), 6, y.data(), 3, 0, 1, 0, o, &loss), Status::InvalidArgument);
  EXPECT_EQ(net->train(x.data(), 6, y.data(), 3, 2, 0, 0, o, &loss), Status::InvalidArgument);

  std::vector<float> w(8), b(4);
  EXPECT_EQ(net->get_params(2, w.data(), b.data()), Status::OutOfRange);
  EXPECT_EQ(net->get_params(-1, w.data(), b.data()), Status::OutOfRange);
  EXPECT_EQ(net->set_params(0, w.data(), 7, b.data(), 4), Status::ShapeMismatch);
  w[0] = std::nanf("");
  EXPECT_EQ(net->set_params(0, w.data(), 8, b.data(), 4), Status::NonFinite);

  std::vector<float> a(12);
  std::int32_t dead[4], count = 0;
  EXPECT_EQ(net->get_activations(0, a.data()), Status::InvalidState);
  ASSERT_EQ(net->forward(x.data(), 6), Status::Ok);
  EXPECT_EQ(net->get_activations(0, a.data()), Status::Ok);
  EXPECT_EQ(net->get_pre_activations(1, a.data()),
            Status::OutOfRange);  // output layer is not hidden
  EXPECT_EQ(net->dead_units(1, dead, &count), Status::OutOfRange);
  ASSERT_EQ(net->predict(x.data(), 6, a.data()), Status::Ok);
  EXPECT_EQ(net->get_activations(0, a.data()), Status::InvalidState);  // predict reran the net

  // Still fully working.
  EXPECT_EQ(net->train_step(x.data(), 6, y.data(), 3, o, &loss), Status::Ok);
  EXPECT_STREQ(net->last_error(), "");
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_EQ(net->size(0), 2);
  EXPECT_EQ(net->size(2), 3);
  EXPECT_EQ(net->size(3), 0);
  EXPECT_EQ(net->target_width(), 1u);
}

TEST_F(Calls, TrainStepReturnsLossBeforeUpdate) {
  double before = 0, step_loss = 0, after = 0;
  ASSERT_EQ(net->loss_and_gradients(x.data(), 6, y.data(), 3, 0.1, 0.01, &before), Status::Ok);
  o.l2 = 0.1;
  o.l1 = 0.01;
  ASSERT_EQ(net->train_step(x.data(), 6, y.data(), 3, o, &step_loss), Status::Ok);
  ASSERT_EQ(net->loss_and_gradients(x.data(), 6, y.data(), 3, 0.1, 0.01, &after), Status::Ok);
  EXPECT_EQ(before, step_loss);
  EXPECT_LT(after, before);
}

std::vector<float> params_of(Mlp* net) {
  std::vector<float> out;
  for (std::int32_t l = 0; l < net->num_layers(); ++l) {
    std::vector<float> w(net->weight_count(l)), b(net->bias_count(l));
    net->get_params(l, w.data(), b.data());
    out.insert(out.end(), w.begin(), w.end());
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

TEST(Train, FullBatchEqualsTrainSteps) {
  const std::vector<float> x = nntest::uniform(40, -1, 1, 1);
  std::vector<float> y = nntest::uniform(20, 0, 1, 2);
  for (float& v : y) v = v < 0.5f ? 0.0f : 1.0f;
  relu::nn::TrainOptions o;
  o.optimizer = relu::nn::Optimizer::Adam;
  nntest::MlpPtr a = nntest::make_net({2, 6, 1}, Activation::Relu, Loss::Bce, 9);
  nntest::MlpPtr b = nntest::make_net({2, 6, 1}, Activation::Relu, Loss::Bce, 9);
  double mean = 0, sum = 0, l = 0;
  ASSERT_EQ(a->train(x.data(), 40, y.data(), 20, 1000, 5, 123, o, &mean),
            Status::Ok);  // batch capped at 20
  for (int s = 0; s < 5; ++s) {
    ASSERT_EQ(b->train_step(x.data(), 40, y.data(), 20, o, &l), Status::Ok);
    sum += l;
  }
  EXPECT_EQ(params_of(a.get()), params_of(b.get()));
  EXPECT_DOUBLE_EQ(mean, sum / 5);
}

TEST(Train, MinibatchesVisitEveryRowOncePerPassAndGrowWorkspace) {
  // A zero linear model under MSE with lr 0 never moves, so each step's loss is the mean of
  // y^2 over its batch. With 12 rows in batches of 4, two passes (6 steps) average to the
  // mean of y^2 over all rows only if every row is visited exactly once per pass (the y^2
  // are distinct, so a repeated or skipped row would show).
  std::vector<float> x(12), y(12);
  double mean_sq = 0;
  for (std::size_t i = 0; i < 12; ++i) {
    x[i] = static_cast<float>(i);
    y[i] = std::sqrt(static_cast<float>(1u << i));
    mean_sq += static_cast<double>(y[i]) * y[i] / 12;
  }
  nntest::MlpPtr net = nntest::make_net({1, 1}, Activation::Linear, Loss::Mse, 1, Init::Zeros);
  relu::nn::TrainOptions o;
  o.lr = 0.0;
  double mean = 0;
  for (std::uint32_t seed : {0u, 1u, 77u}) {
    ASSERT_EQ(net->train(x.data(), 12, y.data(), 12, 4, 6, seed, o, &mean), Status::Ok);
    EXPECT_NEAR(mean, mean_sq, 1e-6 * mean_sq);
  }
  // A partial pass does depend on the order, and so on the seed.
  double a = 0, b = 0;
  ASSERT_EQ(net->train(x.data(), 12, y.data(), 12, 4, 1, 1, o, &a), Status::Ok);
  ASSERT_EQ(net->train(x.data(), 12, y.data(), 12, 4, 1, 2, o, &b), Status::Ok);
  EXPECT_NE(a, b);
  // Growing: a larger full batch after small minibatches.
  const std::vector<float> x2 = nntest::uniform(100, -1, 1, 3);
  const std::vector<float> y2 = nntest::uniform(100, -1, 1, 4);
  double sq2 = 0;
  for (float v : y2) sq2 += static_cast<double>(v) * v / 100;
  ASSERT_EQ(net->train(x2.data(), 100, y2.data(), 100, 100, 1, 0, o, &mean), Status::Ok);
  EXPECT_NEAR(mean, sq2, 1e-6);
}

// A run split into calls (first_step, loss_sum) visits the same rows as one call: same
// parameters and mean loss, bit for bit, whether the engine continues from where the last call
// stopped or must replay the shuffles because another run came in between.
TEST(Train, SplitRunEqualsOneCallAndReplaysAfterAnotherRun) {
  const std::vector<std::int32_t> sizes{2, 6, 1};
  std::vector<float> x(2 * 37), y(37);
  for (std::size_t i = 0; i < y.size(); ++i) {
    x[2 * i] = static_cast<float>(i % 7) - 3.0f;
    x[2 * i + 1] = static_cast<float>(i % 5) - 2.0f;
    y[i] = x[2 * i] * x[2 * i + 1] > 0.0f ? 1.0f : 0.0f;
  }
  relu::nn::TrainOptions options;
  options.lr = 0.05;  // SGD: no optimizer state, so restoring the parameters undoes a run
  relu::nn::TrainLoop whole;
  whole.batch_size = 5;
  whole.steps = 100;
  whole.seed = 11;
  auto one = nntest::make_net(sizes, Activation::Relu, Loss::Bce);
  relu::nn::TrainResult expected;
  ASSERT_EQ(one->train(x.data(), x.size(), y.data(), y.size(), whole, options, &expected),
            Status::Ok);
  EXPECT_EQ(expected.steps_run, 100);

  for (const bool interloper : {false, true}) {
    auto split = nntest::make_net(sizes, Activation::Relu, Loss::Bce);
    relu::nn::TrainLoop part = whole;
    relu::nn::TrainResult result;
    // Chunks that end mid-pass and exactly on a pass boundary (8 steps make a pass of 37 rows).
    for (const std::int32_t steps : {3, 5, 8, 1, 16, 67}) {
      part.steps = steps;
      ASSERT_EQ(split->train(x.data(), x.size(), y.data(), y.size(), part, options, &result),
                Status::Ok);
      part.first_step += steps;
      part.loss_sum = result.loss_sum;
      if (interloper) {
        std::vector<float> w(12), b(6), w2(6), b2(1);
        split->get_params(0, w.data(), b.data());
        split->get_params(1, w2.data(), b2.data());
        double ignored = 0.0;
        ASSERT_EQ(split->train(x.data(), x.size(), y.data(), y.size(), 3, 2, 99, options, &ignored),
                  Status::Ok);
        split->set_params(0, w.data(), w.size(), b.data(), b.size());
        split->set_params(1, w2.data(), w2.size(), b2.data(), b2.size());
      }
    }
    EXPECT_EQ(part.first_step, 100);
    EXPECT_EQ(result.mean_loss, expected.mean_loss) << "interloper " << interloper;
    for (std::int32_t l = 0; l < 2; ++l) {
      std::vector<float> wa(one->weight_count(l)), wb(one->weight_count(l));
      one->get_params(l, wa.data(), nullptr);
      split->get_params(l, wb.data(), nullptr);
      EXPECT_EQ(std::memcmp(wa.data(), wb.data(), wa.size() * sizeof(float)), 0)
          << "layer " << l << ", interloper " << interloper;
    }
  }
}

TEST(Optimizer, StatePersistsAndResets) {
  const std::vector<float> x = nntest::uniform(20, -1, 1, 1);
  const std::vector<float> y = nntest::uniform(10, -1, 1, 2);
  relu::nn::TrainOptions adam;
  adam.optimizer = relu::nn::Optimizer::Adam;
  relu::nn::TrainOptions sgd;
  double l = 0;
  // Reset: an Adam step after reset_optimizer equals the first step of a fresh optimizer.
  nntest::MlpPtr a = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  nntest::MlpPtr b = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  ASSERT_EQ(a->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  ASSERT_EQ(b->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  ASSERT_EQ(a->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);  // t = 2
  b->reset_optimizer();
  ASSERT_EQ(b->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);  // t = 1 again
  EXPECT_NE(params_of(a.get()), params_of(b.get()));
  nntest::MlpPtr c = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  ASSERT_EQ(c->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  std::vector<float> w(10), bias(5);
  // Continue c from b's params with a fresh optimizer: identical to b's second first-step.
  nntest::MlpPtr d = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  for (std::int32_t layer = 0; layer < 2; ++layer) {
    std::vector<float> lw(c->weight_count(layer)), lb(c->bias_count(layer));
    c->get_params(layer, lw.data(), lb.data());
    d->set_params(layer, lw.data(), lw.size(), lb.data(), lb.size());
  }
  ASSERT_EQ(d->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  EXPECT_EQ(params_of(d.get()), params_of(b.get()));

  // Changing the kind resets: adam, sgd, adam behaves like a fresh adam in its last step.
  nntest::MlpPtr e = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  ASSERT_EQ(e->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  ASSERT_EQ(e->train_step(x.data(), 20, y.data(), 10, sgd, &l), Status::Ok);
  nntest::MlpPtr f = nntest::make_net({2, 5, 1}, Activation::Tanh, Loss::Mse, 4);
  for (std::int32_t layer = 0; layer < 2; ++layer) {
    std::vector<float> lw(e->weight_count(layer)), lb(e->bias_count(layer));
    e->get_params(layer, lw.data(), lb.data());
    f->set_params(layer, lw.data(), lw.size(), lb.data(), lb.size());
  }
  ASSERT_EQ(e->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  ASSERT_EQ(f->train_step(x.data(), 20, y.data(), 10, adam, &l), Status::Ok);
  EXPECT_EQ(params_of(e.get()), params_of(f.get()));
  EXPECT_EQ(relu::nn::power_by_squaring(0.9, 3), 0.9 * 0.9 * 0.9);
}

TEST(DeadUnits, StronglyNegativeBiasKillsUnits) {
  nntest::MlpPtr net = nntest::make_net({2, 4, 4, 1}, Activation::Relu, Loss::Bce, 1);
  std::vector<float> w(8), b = {-100.0f, 0.1f, -100.0f, 0.1f};
  net->get_params(0, w.data(), nullptr);
  ASSERT_EQ(net->set_params(0, w.data(), 8, b.data(), 4), Status::Ok);
  const std::vector<float> x = nntest::uniform(50, -1, 1, 1);
  ASSERT_EQ(net->forward(x.data(), x.size()), Status::Ok);
  std::int32_t dead[4], count = 0;
  ASSERT_EQ(net->dead_units(0, dead, &count), Status::Ok);
  ASSERT_EQ(count, 2);
  EXPECT_EQ(dead[0], 0);
  EXPECT_EQ(dead[1], 2);
}

TEST(Memory, OversizedBatchIsAStatusAndTheNetKeepsWorking) {
  // 2^20 hidden units: a 600-row batch would need a 10 GB workspace; refused before malloc.
  nntest::MlpPtr net = nntest::make_net({1, 1 << 20, 1}, Activation::Relu, Loss::Mse, 1);
  ASSERT_NE(net, nullptr);
  const std::vector<float> x(600, 0.5f);
  std::vector<float> out(600);
  EXPECT_EQ(net->predict(x.data(), x.size(), out.data()), Status::OutOfMemory);
  EXPECT_NE(std::strlen(net->last_error()), 0u);
  EXPECT_EQ(net->predict(x.data(), 2, out.data()), Status::Ok);
  EXPECT_TRUE(std::isfinite(out[0]));
}

TEST(Memory, ThousandsOfNetworksComeAndGo) {
  const std::vector<float> x = nntest::uniform(64, -1, 1, 1);
  std::vector<float> y(32, 1.0f);
  relu::nn::TrainOptions o;
  o.optimizer = relu::nn::Optimizer::Adam;
  for (int i = 0; i < 3000; ++i) {
    nntest::MlpPtr net =
        nntest::make_net({2, 8, 8, 1}, Activation::Relu, Loss::Bce, static_cast<std::uint32_t>(i));
    double loss = 0;
    ASSERT_EQ(net->train(x.data(), 64, y.data(), 32, 10 + i % 7, 3, 0, o, &loss), Status::Ok);
    if (i % 100 == 0) {
      ASSERT_EQ(net->train_step(x.data(), 64, y.data(), 32, o, &loss), Status::Ok);
      ASSERT_EQ(net->train_step(x.data(), 63, y.data(), 32, o, &loss), Status::ShapeMismatch);
    }
  }
}

}  // namespace
