// PyTorch golden vectors (tests/fixtures/nn/golden.json, from make_nn_golden.py): networks with
// explicit parameters, per activation x loss: loss and gradients with and without L2/L1,
// predictions, activations, pre-activations, dead units, and 3 steps of each optimizer.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "golden_checks.h"
#include "test_util.h"

namespace {

using relu::nn::Status;

const nntest::Json& golden() {
  static const nntest::Json json =
      nntest::load_json(std::string(RELU_NN_FIXTURES_DIR) + "/golden.json");
  return json;
}

// Float32 results of two implementations: 1e-5 relative, with an absolute floor for values
// near zero (a sum of terms of size ~1 cannot be more exact than a few float ulps of 1).
nntest::MlpPtr make_case_net(const nntest::Json& c) {
  const std::vector<std::int32_t> sizes = c["sizes"].ints();
  nntest::MlpPtr net =
      nntest::make_net(sizes, nntest::activation_from(c["activation"].string),
                       nntest::loss_from(c["loss"].string), 0, relu::nn::Init::Zeros,
                       static_cast<std::int32_t>(c["gradAtZero"].number), c["leakySlope"].number);
  for (std::size_t l = 0; l < c["params"].size(); ++l) {
    const std::vector<float> w = c["params"][l]["W"].floats(), b = c["params"][l]["b"].floats();
    EXPECT_EQ(net->set_params(static_cast<std::int32_t>(l), w.data(), w.size(), b.data(), b.size()),
              Status::Ok);
  }
  return net;
}

TEST(Golden, FixtureLoads) {
  ASSERT_EQ(golden().kind, nntest::Json::Object) << "missing or malformed golden.json";
  EXPECT_GE(golden()["cases"].size(), 15u);
}

TEST(Golden, LossAndGradients) {
  for (const nntest::Json& c : golden()["cases"].array) {
    SCOPED_TRACE(c["name"].string);
    nntest::MlpPtr net = make_case_net(c);
    const std::vector<float> x = c["X"].floats(), y = c["Y"].floats();
    for (const nntest::Json& g : c["gradients"].array) {
      double loss = 0.0;
      ASSERT_EQ(net->loss_and_gradients(x.data(), x.size(), y.data(), y.size(), g["l2"].number,
                                        g["l1"].number, &loss),
                Status::Ok);
      EXPECT_NEAR(loss, g["loss"].number, 1e-5 * std::fabs(g["loss"].number) + 1e-6);
      for (std::size_t l = 0; l < g["grads"].size(); ++l) {
        const auto li = static_cast<std::int32_t>(l);
        std::vector<float> dw(net->weight_count(li)), db(net->bias_count(li));
        ASSERT_EQ(net->get_gradients(li, dw.data(), db.data()), Status::Ok);
        nntest::expect_close(dw, g["grads"][l]["dW"].floats(), 1e-6, "dW" + std::to_string(l));
        nntest::expect_close(db, g["grads"][l]["db"].floats(), 1e-6, "db" + std::to_string(l));
      }
    }
  }
}

TEST(Golden, PredictActivationsDeadUnits) {
  for (const nntest::Json& c : golden()["cases"].array) {
    SCOPED_TRACE(c["name"].string);
    nntest::MlpPtr net = make_case_net(c);
    const std::vector<float> x = c["X"].floats();
    const std::size_t rows = x.size() / static_cast<std::size_t>(net->size(0));
    std::vector<float> pred(rows * static_cast<std::size_t>(net->size(net->num_layers())));
    ASSERT_EQ(net->predict(x.data(), x.size(), pred.data()), Status::Ok);
    nntest::expect_close(pred, c["predict"].floats(), 1e-6, "predict");

    ASSERT_EQ(net->forward(x.data(), x.size()), Status::Ok);
    for (std::int32_t l = 0; l < net->num_layers(); ++l) {
      std::vector<float> a(rows * static_cast<std::size_t>(net->size(l + 1)));
      ASSERT_EQ(net->get_activations(l, a.data()), Status::Ok);
      nntest::expect_close(a, c["activations"][static_cast<std::size_t>(l)].floats(), 1e-6,
                           "activations");
    }
    for (std::int32_t h = 0; h + 1 < net->num_layers(); ++h) {
      const auto units = static_cast<std::size_t>(net->size(h + 1));
      std::vector<float> z(rows * units);
      ASSERT_EQ(net->get_pre_activations(h, z.data()), Status::Ok);
      nntest::expect_close(z, c["preActivations"][static_cast<std::size_t>(h)].floats(), 1e-6,
                           "preActivations");
      std::vector<std::int32_t> dead(units);
      std::int32_t count = -1;
      ASSERT_EQ(net->dead_units(h, dead.data(), &count), Status::Ok);
      dead.resize(static_cast<std::size_t>(count));
      EXPECT_EQ(dead, c["deadUnits"][static_cast<std::size_t>(h)].ints());
    }
  }
}

TEST(Golden, ThreeStepsOfEachOptimizer) {
  for (const nntest::Json& c : golden()["cases"].array) {
    for (const nntest::Json& t : c["training"].array) {
      SCOPED_TRACE(c["name"].string + " " + t["optimizer"].string +
                   " l2=" + std::to_string(t["l2"].number));
      nntest::MlpPtr net = make_case_net(c);
      nntest::expect_training_matches(*net, c, t, 1e-6);
    }
  }
}

}  // namespace
