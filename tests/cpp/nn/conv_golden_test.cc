// PyTorch golden vectors for the convolutional network (tests/fixtures/nn/conv_golden.json,
// from make_conv_golden.py): loss and every gradient with and without L2/L1, predictions, every
// layer's output, dead units, and 3 steps of each optimizer, on 14 small networks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "conv_test_util.h"
#include "golden_checks.h"

namespace {

using relu::nn::Status;

const nntest::Json& golden() {
  static const nntest::Json json =
      nntest::load_json(std::string(RELU_NN_FIXTURES_DIR) + "/conv_golden.json");
  return json;
}

// Float32 results of two implementations that sum in different orders: 1e-5 relative, with an
// absolute floor for values near zero (a sum of terms of size ~1 cannot be more exact than a
// few float ulps of its terms; a convolution sums up to 75 of them per output, a weight
// gradient rows * positions).
TEST(ConvGolden, FixtureLoads) {
  ASSERT_EQ(golden().kind, nntest::Json::Object) << "missing or malformed conv_golden.json";
  EXPECT_GE(golden()["cases"].size(), 12u);
}

TEST(ConvGolden, LossAndGradients) {
  for (const nntest::Json& c : golden()["cases"].array) {
    SCOPED_TRACE(c["name"].string);
    nntest::ConvNetPtr net = nntest::make_conv_case(c);
    const std::vector<float> x = c["X"].floats(), y = c["Y"].floats();
    for (const nntest::Json& g : c["gradients"].array) {
      double loss = 0.0;
      ASSERT_EQ(net->loss_and_gradients(x.data(), x.size(), y.data(), y.size(), g["l2"].number,
                                        g["l1"].number, &loss),
                Status::Ok);
      EXPECT_NEAR(loss, g["loss"].number, 1e-5 * std::fabs(g["loss"].number) + 1e-6);
      ASSERT_EQ(static_cast<std::size_t>(net->num_param_layers()), g["grads"].size());
      for (std::size_t l = 0; l < g["grads"].size(); ++l) {
        const auto li = static_cast<std::int32_t>(l);
        std::vector<float> dw(net->weight_count(li)), db(net->bias_count(li));
        ASSERT_EQ(net->get_gradients(li, dw.data(), db.data()), Status::Ok);
        nntest::expect_close(dw, g["grads"][l]["dW"].floats(), 2e-6, "dW" + std::to_string(l));
        nntest::expect_close(db, g["grads"][l]["db"].floats(), 2e-6, "db" + std::to_string(l));
      }
    }
  }
}

TEST(ConvGolden, PredictActivationsDeadUnits) {
  for (const nntest::Json& c : golden()["cases"].array) {
    SCOPED_TRACE(c["name"].string);
    nntest::ConvNetPtr net = nntest::make_conv_case(c);
    const std::vector<float> x = c["X"].floats();
    const std::size_t rows = x.size() / net->input_size();
    const std::int32_t last = net->num_layers() - 1;
    std::vector<float> pred(rows * net->output_size(last));
    ASSERT_EQ(net->predict(x.data(), x.size(), pred.data()), Status::Ok);
    nntest::expect_close(pred, c["predict"].floats(), 1e-6, "predict");

    ASSERT_EQ(net->forward(x.data(), x.size()), Status::Ok);
    std::size_t hidden = 0;
    for (std::int32_t l = 0; l < net->num_layers(); ++l) {
      std::vector<float> a(rows * net->output_size(l));
      ASSERT_EQ(net->get_activations(l, a.data()), Status::Ok);
      nntest::expect_close(a, c["activations"][static_cast<std::size_t>(l)].floats(), 1e-6,
                           "activations " + std::to_string(l));
      if (l == last || c["layers"][static_cast<std::size_t>(l)].has("pool")) continue;
      std::vector<std::int32_t> dead(net->output_size(l));
      std::int32_t count = -1;
      ASSERT_EQ(net->dead_units(l, dead.data(), &count), Status::Ok);
      dead.resize(static_cast<std::size_t>(count));
      EXPECT_EQ(dead, c["deadUnits"][hidden++].ints()) << "layer " << l;
    }
    EXPECT_EQ(hidden, c["deadUnits"].size());
  }
}

TEST(ConvGolden, ThreeStepsOfEachOptimizer) {
  for (const nntest::Json& c : golden()["cases"].array) {
    for (const nntest::Json& t : c["training"].array) {
      SCOPED_TRACE(c["name"].string + " " + t["optimizer"].string +
                   " l2=" + std::to_string(t["l2"].number));
      nntest::ConvNetPtr net = nntest::make_conv_case(c);
      nntest::expect_training_matches(*net, c, t, 2e-6);
    }
  }
}

}  // namespace
