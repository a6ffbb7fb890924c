// Comparisons the MLP and conv golden tests share (tests/fixtures/nn/*_golden.json): values
// within 1e-5 relative plus an absolute floor, and a case's three optimizer steps replayed on
// a network (Mlp or ConvNet: the same train_step / get_params API).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "json.h"
#include "nn/options.h"
#include "nn/status.h"
#include "test_util.h"

namespace nntest {

inline void expect_close(const std::vector<float>& got, const std::vector<float>& want,
                         double abs_floor, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double tol = 1e-5 * std::max(std::fabs(got[i]), std::fabs(want[i])) + abs_floor;
    EXPECT_NEAR(got[i], want[i], tol) << what << " [" << i << "]";
  }
}

// The optimizer options of one "training" entry of a golden case.
inline relu::nn::TrainOptions train_options_from(const Json& t) {
  relu::nn::TrainOptions o;
  o.optimizer = optimizer_from(t["optimizer"].string);
  o.lr = t["lr"].number;
  o.l2 = t["l2"].number;
  o.l1 = t["l1"].number;
  if (t.has("momentum")) o.momentum = t["momentum"].number;
  if (t.has("beta1")) o.beta1 = t["beta1"].number;
  if (t.has("beta2")) o.beta2 = t["beta2"].number;
  if (t.has("eps")) o.eps = t["eps"].number;
  return o;
}

// Replays training entry t of case c on net (fresh from the case): every step's loss, then
// every layer's parameters within param_floor.
template <class Net>
void expect_training_matches(Net& net, const Json& c, const Json& t, double param_floor) {
  const std::vector<float> x = c["X"].floats(), y = c["Y"].floats();
  const relu::nn::TrainOptions o = train_options_from(t);
  for (std::size_t s = 0; s < t["losses"].size(); ++s) {
    double loss = 0.0;
    ASSERT_EQ(net.train_step(x.data(), x.size(), y.data(), y.size(), o, &loss),
              relu::nn::Status::Ok);
    EXPECT_NEAR(loss, t["losses"][s].number, 1e-5 * std::fabs(t["losses"][s].number) + 1e-6)
        << "step " << s;
  }
  for (std::size_t l = 0; l < t["params"].size(); ++l) {
    const auto li = static_cast<std::int32_t>(l);
    std::vector<float> w(net.weight_count(li)), b(net.bias_count(li));
    ASSERT_EQ(net.get_params(li, w.data(), b.data()), relu::nn::Status::Ok);
    expect_close(w, t["params"][l]["W"].floats(), param_floor, "W" + std::to_string(l));
    expect_close(b, t["params"][l]["b"].floats(), param_floor, "b" + std::to_string(l));
  }
}

}  // namespace nntest
