// Finite-difference checks of the convolutional network's gradients: for every parameter of
// the golden networks (kernels 3 and 5, both paddings, 1-3 channels, odd sizes, every
// activation and loss, with and without L2/L1), the engine's float32 gradient against the
// centred difference (L(p + h) - L(p - h)) / 2h of the loss computed in double precision by
// the naive reference below (direct loops, no im2col), so float32 rounding does not swamp
// the difference. Checks where a ReLU-family pre-activation or a pool's arg max changes
// between the two evaluations (a kink) are counted and skipped, as nn/gradient_check.cc does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "conv_test_util.h"

namespace {

using relu::nn::Activation;
using relu::nn::ConvLayerKind;
using relu::nn::ConvLayerSpec;
using relu::nn::Loss;
using relu::nn::Status;

struct Reference {
  std::vector<std::int32_t> input;
  std::vector<ConvLayerSpec> layers;
  Activation act;
  Loss loss;
  double slope;
  // A fingerprint of every kink-relevant decision (sign of ReLU pre-activations, pool arg
  // maxes): two evaluations with equal fingerprints are on the same smooth piece.
  mutable std::vector<int> signs;

  double activate(double z) const {
    switch (act) {
      case Activation::Relu:
        signs.push_back(z > 0 ? 1 : (z < 0 ? -1 : 0));
        return z > 0 ? z : 0;
      case Activation::LeakyRelu:
        signs.push_back(z > 0 ? 1 : (z < 0 ? -1 : 0));
        return z > 0 ? z : slope * z;
      case Activation::Tanh:
        return std::tanh(z);
      case Activation::Sigmoid:
        return 1.0 / (1.0 + std::exp(-z));
      case Activation::Linear:
        return z;
    }
    return z;
  }

  // The mean loss (plus penalties) over rows, with params[p] = {W..., b...} per parameter layer.
  double loss_of(const std::vector<std::vector<double>>& params, const std::vector<float>& x,
                 const std::vector<float>& y, double l2, double l1) const {
    signs.clear();
    std::size_t c0 = input[0], h0 = input[1], w0 = input[2];
    const std::size_t rows = x.size() / (c0 * h0 * w0);
    double total = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      std::size_t c = c0, h = h0, w = w0;
      std::vector<double> a(x.begin() + static_cast<long>(r * c * h * w),
                            x.begin() + static_cast<long>((r + 1) * c * h * w));
      std::size_t p = 0;
      for (std::size_t l = 0; l < layers.size(); ++l) {
        const ConvLayerSpec& s = layers[l];
        if (s.kind == ConvLayerKind::Conv) {
          const std::size_t k = static_cast<std::size_t>(s.kernel),
                            o = static_cast<std::size_t>(s.size);
          const long pad = s.padding == relu::nn::Padding::Same ? static_cast<long>(k - 1) / 2 : 0;
          const std::size_t oh = h + 2 * static_cast<std::size_t>(pad) - k + 1;
          const std::size_t ow = w + 2 * static_cast<std::size_t>(pad) - k + 1;
          const std::vector<double>& W = params[p++];
          std::vector<double> out(o * oh * ow);
          for (std::size_t oc = 0; oc < o; ++oc)
            for (std::size_t yy = 0; yy < oh; ++yy)
              for (std::size_t xx = 0; xx < ow; ++xx) {
                double z = W[o * c * k * k + oc];
                for (std::size_t ic = 0; ic < c; ++ic)
                  for (std::size_t ky = 0; ky < k; ++ky)
                    for (std::size_t kx = 0; kx < k; ++kx) {
                      const long sy = static_cast<long>(yy + ky) - pad;
                      const long sx = static_cast<long>(xx + kx) - pad;
                      if (sy < 0 || sx < 0 || sy >= static_cast<long>(h) ||
                          sx >= static_cast<long>(w))
                        continue;
                      z += W[((oc * c + ic) * k + ky) * k + kx] *
                           a[(ic * h + static_cast<std::size_t>(sy)) * w +
                             static_cast<std::size_t>(sx)];
                    }
                out[(oc * oh + yy) * ow + xx] = activate(z);
              }
          a.swap(out);
          c = o;
          h = oh;
          w = ow;
        } else if (s.kind == ConvLayerKind::Pool) {
          std::vector<double> out(c * (h / 2) * (w / 2));
          for (std::size_t ic = 0; ic < c; ++ic)
            for (std::size_t i = 0; i < h / 2; ++i)
              for (std::size_t j = 0; j < w / 2; ++j) {
                double m = -INFINITY;
                int best = 0;
                for (int q = 0; q < 4; ++q) {
                  const double v = a[(ic * h + 2 * i + q / 2) * w + 2 * j + q % 2];
                  if (v > m) m = v, best = q;
                }
                signs.push_back(10 + best);
                out[(ic * (h / 2) + i) * (w / 2) + j] = m;
              }
          a.swap(out);
          h /= 2;
          w /= 2;
        } else {
          const std::size_t in = a.size(), o = static_cast<std::size_t>(s.size);
          const std::vector<double>& W = params[p++];
          std::vector<double> out(o);
          for (std::size_t u = 0; u < o; ++u) {
            double z = W[o * in + u];
            for (std::size_t i = 0; i < in; ++i) z += W[u * in + i] * a[i];
            out[u] = l + 1 < layers.size() ? activate(z) : z;
          }
          a.swap(out);
          c = o;
          h = w = 1;
        }
      }
      if (loss == Loss::Bce) {
        const double z = a[0], t = y[r];
        total += std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::fabs(z)));
      } else if (loss == Loss::Mse) {
        for (std::size_t u = 0; u < a.size(); ++u) {
          const double d = a[u] - y[r * a.size() + u];
          total += d * d / static_cast<double>(a.size());
        }
      } else {
        double m = a[0];
        for (double v : a) m = std::max(m, v);
        double s = 0.0;
        for (double v : a) s += std::exp(v - m);
        total += m + std::log(s) - a[static_cast<std::size_t>(y[r])];
      }
    }
    double penalty = 0.0;
    std::size_t p = 0;
    for (const ConvLayerSpec& s : layers) {
      if (s.kind == ConvLayerKind::Pool) continue;
      const std::vector<double>& W = params[p++];
      const std::size_t nb = static_cast<std::size_t>(s.size);
      for (std::size_t i = 0; i + nb < W.size(); ++i) {
        penalty += 0.5 * l2 * W[i] * W[i] + l1 * std::fabs(W[i]);
      }
    }
    return total / static_cast<double>(rows) + penalty;
  }
};

const nntest::Json& golden() {
  static const nntest::Json json =
      nntest::load_json(std::string(RELU_NN_FIXTURES_DIR) + "/conv_golden.json");
  return json;
}

TEST(ConvGradient, MatchesDoublePrecisionFiniteDifferences) {
  int checked = 0, kinks = 0;
  double worst = 0.0;
  for (const nntest::Json& c : golden()["cases"].array) {
    for (const double pen : {0.0, 1.0}) {
      SCOPED_TRACE(c["name"].string + (pen != 0.0 ? " with l2/l1" : ""));
      const double l2 = 0.1 * pen, l1 = 0.05 * pen;
      nntest::ConvNetPtr net = nntest::make_conv_case(c);
      const std::vector<float> x = c["X"].floats(), y = c["Y"].floats();
      double loss = 0.0;
      ASSERT_EQ(net->loss_and_gradients(x.data(), x.size(), y.data(), y.size(), l2, l1, &loss),
                Status::Ok);
      Reference ref{c["input"].ints(),
                    nntest::layers_of(c),
                    nntest::activation_from(c["activation"].string),
                    nntest::loss_from(c["loss"].string),
                    c["leakySlope"].number,
                    {}};
      std::vector<std::vector<double>> params;
      std::vector<std::vector<float>> grads;
      for (std::int32_t p = 0; p < net->num_param_layers(); ++p) {
        std::vector<float> w(net->weight_count(p)), b(net->bias_count(p));
        std::vector<float> dw(w.size()), db(b.size());
        ASSERT_EQ(net->get_params(p, w.data(), b.data()), Status::Ok);
        ASSERT_EQ(net->get_gradients(p, dw.data(), db.data()), Status::Ok);
        std::vector<double> both(w.begin(), w.end());
        both.insert(both.end(), b.begin(), b.end());
        params.push_back(both);
        std::vector<float> g(dw);
        g.insert(g.end(), db.begin(), db.end());
        grads.push_back(g);
      }
      EXPECT_NEAR(ref.loss_of(params, x, y, l2, l1), loss, 1e-5 * std::fabs(loss) + 1e-6);
      const double h = 1e-6;
      for (std::size_t p = 0; p < params.size(); ++p) {
        const std::size_t weights = net->weight_count(static_cast<std::int32_t>(p));
        for (std::size_t i = 0; i < params[p].size(); ++i) {
          const double saved = params[p][i];
          // With l1 the penalty has a kink at 0: skip weights within h of it.
          if (l1 != 0.0 && i < weights && std::fabs(saved) <= h) continue;
          params[p][i] = saved + h;
          const double up = ref.loss_of(params, x, y, l2, l1);
          const std::vector<int> signs_up = ref.signs;
          params[p][i] = saved - h;
          const double down = ref.loss_of(params, x, y, l2, l1);
          params[p][i] = saved;
          ++checked;
          if (ref.signs != signs_up) {
            ++kinks;
            continue;
          }
          const double numeric = (up - down) / (2 * h);
          const double analytic = grads[p][i];
          const double rel = std::fabs(analytic - numeric) /
                             std::max({std::fabs(analytic), std::fabs(numeric), 1e-3});
          worst = std::max(worst, rel);
          EXPECT_LT(rel, 1e-3) << "param layer " << p << " index " << i << ": analytic " << analytic
                               << " numeric " << numeric;
        }
      }
    }
  }
  std::printf("conv FD: %d parameters checked, %d across a kink, worst relative error %.3g\n",
              checked, kinks, worst);
  EXPECT_GT(checked, 2000);
  EXPECT_LT(kinks, checked / 10);
}

}  // namespace
