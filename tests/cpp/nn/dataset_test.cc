// Datasets in engine memory (nn/dataset.h) and the network's calls over them: validation as
// statuses (the dataset and the network unchanged and usable after each), training from
// uint8 or float32 rows equal bit for bit to train() on float copies of the same rows, and
// evaluation in chunks equal to one pass over all rows.
#include "nn/dataset.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

using namespace relu::nn;  // NOLINT(google-build-using-namespace): a test of this namespace
using relu::nn::TrainOptions;
using relu::nn::TrainResult;

struct DatasetDeleter {
  void operator()(Dataset* d) const { Dataset::destroy(d); }
};
using DatasetPtr = std::unique_ptr<Dataset, DatasetDeleter>;

DatasetConfig config_of(std::size_t rows, std::int32_t features, FeatureType type,
                        double scale = 1.0, std::int32_t width = 1) {
  return DatasetConfig{rows, features, width, type, scale};  // the struct's field order
}

DatasetPtr make_dataset(const DatasetConfig& config) {
  Dataset* d = nullptr;
  const char* message = nullptr;
  EXPECT_EQ(Dataset::create(config, &d, &message), Status::Ok) << message;
  return DatasetPtr(d);
}

// rows x features uint8 "pixels" and labels in [0, classes) that depend on them (learnable).
struct Pixels {
  std::vector<std::uint8_t> x;
  std::vector<float> y;
};
Pixels make_pixels(std::size_t rows, std::size_t features, int classes, std::uint32_t seed) {
  relu::nn::Pcg32 rng(seed, 3);
  Pixels p;
  p.x.resize(rows * features);
  p.y.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto label = static_cast<int>(rng.below(static_cast<std::uint32_t>(classes)));
    p.y[r] = static_cast<float>(label);
    for (std::size_t j = 0; j < features; ++j) {
      // Class k brightens feature block k; the rest is noise.
      const bool lit = static_cast<int>(j * classes / features) == label;
      p.x[r * features + j] = static_cast<std::uint8_t>(rng.below(lit ? 256 : 96));
    }
  }
  return p;
}

// The float copies train() needs: x * scale in float32, as the dataset computes them.
std::vector<float> scaled(const std::vector<std::uint8_t>& x, float scale) {
  std::vector<float> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = static_cast<float>(x[i]) * scale;
  return out;
}

std::uint32_t bits_of(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

std::vector<std::uint32_t> param_bits(Mlp* net) {
  std::vector<std::uint32_t> bits;
  for (std::int32_t l = 0; l < net->num_layers(); ++l) {
    std::vector<float> w(net->weight_count(l)), b(net->bias_count(l));
    EXPECT_EQ(net->get_params(l, w.data(), b.data()), Status::Ok);
    for (float v : w) bits.push_back(bits_of(v));
    for (float v : b) bits.push_back(bits_of(v));
  }
  return bits;
}

TEST(Dataset, CreateRejectsBadConfigs) {
  struct Case {
    DatasetConfig config;
    Status status;
  };
  const Case cases[] = {
      {config_of(0, 4, FeatureType::Uint8), Status::ShapeMismatch},
      {config_of(std::size_t{1} << 32, 4, FeatureType::Uint8), Status::ShapeMismatch},
      {config_of(10, 0, FeatureType::Uint8), Status::InvalidArgument},
      {config_of(10, (1 << 24) + 1, FeatureType::Float32), Status::InvalidArgument},
      {config_of(10, 4, FeatureType::Uint8, 1.0, 0), Status::InvalidArgument},
      {config_of(10, 4, static_cast<FeatureType>(2)), Status::InvalidArgument},
      {config_of(10, 4, static_cast<FeatureType>(-1)), Status::InvalidArgument},
      {config_of(10, 4, FeatureType::Float32, -1.0), Status::InvalidArgument},
      {config_of(10, 4, FeatureType::Float32, std::numeric_limits<double>::quiet_NaN()),
       Status::InvalidArgument},
      {config_of(10, 4, FeatureType::Float32, std::numeric_limits<double>::infinity()),
       Status::InvalidArgument},
      // 255 * scale must stay finite in float32.
      {config_of(10, 4, FeatureType::Uint8, 1e37), Status::InvalidArgument},
      // Past the 2 GiB limit: 2^20 rows of 2^12 floats is 16 GiB.
      {config_of(std::size_t{1} << 20, 1 << 12, FeatureType::Float32), Status::OutOfMemory},
      {config_of(std::size_t{1} << 20, 1 << 12, FeatureType::Uint8, 1.0, 1 << 10),
       Status::OutOfMemory},
  };
  for (const Case& c : cases) {
    Dataset* d = reinterpret_cast<Dataset*>(1);
    const char* message = nullptr;
    EXPECT_EQ(Dataset::create(c.config, &d, &message), c.status) << c.config.rows;
    EXPECT_EQ(d, nullptr);
    EXPECT_STRNE(message, "");
  }
  EXPECT_EQ(Dataset::create(config_of(1, 1, FeatureType::Uint8), nullptr, nullptr),
            Status::InvalidArgument);
}

TEST(Dataset, SetRowsChecksShapesAndValuesAndLeavesRowsUnchanged) {
  DatasetPtr f = make_dataset(config_of(4, 2, FeatureType::Float32, 2.0));
  const std::vector<float> x = {1, 2, 3, 4};
  const std::vector<float> y = {0, 1};
  ASSERT_EQ(f->set_rows(1, x.data(), x.size(), y.data(), y.size()), Status::Ok);
  EXPECT_EQ(f->set_rows(0, x.data(), 3, y.data(), 2), Status::ShapeMismatch);  // ragged
  EXPECT_EQ(f->set_rows(0, x.data(), 4, y.data(), 1), Status::ShapeMismatch);  // Y too short
  EXPECT_EQ(f->set_rows(0, nullptr, 4, y.data(), 2), Status::ShapeMismatch);
  EXPECT_EQ(f->set_rows(3, x.data(), 4, y.data(), 2), Status::OutOfRange);  // past the end
  EXPECT_EQ(f->set_rows(5, x.data(), 2, y.data(), 1), Status::OutOfRange);
  EXPECT_EQ(f->set_rows(std::numeric_limits<std::size_t>::max(), x.data(), 2, y.data(), 1),
            Status::OutOfRange);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> bad_x = {1, nan, 3, 4};
  const std::vector<float> huge_x = {1, 3e38f, 3, 4};  // finite, but not once doubled
  const std::vector<float> bad_y = {0, std::numeric_limits<float>::infinity()};
  EXPECT_EQ(f->set_rows(0, bad_x.data(), 4, y.data(), 2), Status::NonFinite);
  EXPECT_EQ(f->set_rows(0, huge_x.data(), 4, y.data(), 2), Status::NonFinite);
  EXPECT_EQ(f->set_rows(0, x.data(), 4, bad_y.data(), 2), Status::NonFinite);
  EXPECT_STRNE(f->last_error(), "");
  // Rows 1 and 2 hold what the one good call wrote, scaled by 2; row 0 and 3 are zeros.
  std::vector<float> out_x(8), out_y(4);
  f->gather_range(0, 4, out_x.data(), out_y.data());
  EXPECT_EQ(out_x, (std::vector<float>{0, 0, 2, 4, 6, 8, 0, 0}));
  EXPECT_EQ(out_y, (std::vector<float>{0, 0, 1, 0}));
  const relu::nn::TargetSummary t = f->targets();
  EXPECT_EQ(t.min, 0.0f);
  EXPECT_EQ(t.max, 1.0f);
  EXPECT_TRUE(t.integral);

  DatasetPtr u = make_dataset(config_of(2, 3, FeatureType::Uint8, 1.0 / 255));
  const std::uint8_t px[] = {0, 128, 255, 1, 2, 3};
  const float labels[] = {0.5f, 2};
  ASSERT_EQ(u->set_rows(0, px, 6, labels, 2), Status::Ok);
  std::vector<float> ux(6), uy(2);
  const std::uint32_t order[] = {1, 0};
  u->gather(order, 2, ux.data(), uy.data());
  const float s = static_cast<float>(1.0 / 255);
  EXPECT_EQ(ux, (std::vector<float>{1 * s, 2 * s, 3 * s, 0, 128 * s, 255 * s}));
  EXPECT_EQ(uy, (std::vector<float>{2, 0.5f}));
  EXPECT_FALSE(u->targets().integral);
}

// The heart of the contract: a dataset trains exactly as its float rows would.
TEST(DatasetTraining, EqualsTrainOnFloatCopiesBitForBit) {
  const std::size_t rows = 300, features = 20;
  const Pixels p = make_pixels(rows, features, 4, 11);
  const double scale = 1.0 / 255;
  const std::vector<float> xf = scaled(p.x, static_cast<float>(scale));
  DatasetPtr u8 = make_dataset(config_of(rows, 20, FeatureType::Uint8, scale));
  ASSERT_EQ(u8->set_rows(0, p.x.data(), p.x.size(), p.y.data(), rows), Status::Ok);
  DatasetPtr f32 = make_dataset(config_of(rows, 20, FeatureType::Float32));
  // Filled in two calls, to cover set_rows at an offset.
  ASSERT_EQ(f32->set_rows(0, xf.data(), 100 * features, p.y.data(), 100), Status::Ok);
  ASSERT_EQ(f32->set_rows(100, xf.data() + 100 * features, 200 * features, p.y.data() + 100, 200),
            Status::Ok);
  TrainOptions options;
  options.optimizer = Optimizer::Adam;
  options.lr = 0.01;
  for (const std::int32_t batch : {32, 300, 1000}) {  // minibatches, exactly full, capped
    TrainLoop loop;
    loop.batch_size = batch;
    loop.steps = 25;
    loop.seed = 5;
    nntest::MlpPtr reference = nntest::make_net({20, 16, 4}, Activation::Relu, Loss::SoftmaxCe);
    TrainResult want;
    ASSERT_EQ(reference->train(xf.data(), xf.size(), p.y.data(), rows, loop, options, &want),
              Status::Ok);
    for (const Dataset* data : {u8.get(), f32.get()}) {
      nntest::MlpPtr net = nntest::make_net({20, 16, 4}, Activation::Relu, Loss::SoftmaxCe);
      // Split into two calls, as trainOnAsync does.
      TrainLoop first = loop;
      first.steps = 10;
      TrainResult part;
      ASSERT_EQ(net->train(*data, first, options, &part), Status::Ok);
      TrainLoop rest = loop;
      rest.steps = 15;
      rest.first_step = 10;
      rest.loss_sum = part.loss_sum;
      TrainResult got;
      ASSERT_EQ(net->train(*data, rest, options, &got), Status::Ok);
      EXPECT_EQ(got.mean_loss, want.mean_loss) << "batch " << batch;
      EXPECT_EQ(got.steps_run, 15);
      EXPECT_EQ(param_bits(net.get()), param_bits(reference.get())) << "batch " << batch;
    }
  }
}

TEST(DatasetTraining, RejectsDatasetsThatDoNotFitTheNetwork) {
  nntest::MlpPtr net = nntest::make_net({3, 4, 3}, Activation::Relu, Loss::SoftmaxCe);
  const std::vector<float> before = [&] {
    std::vector<float> w(net->weight_count(0));
    net->get_params(0, w.data(), nullptr);
    return w;
  }();
  TrainLoop loop;
  TrainOptions options;
  TrainResult result;
  DatasetPtr wide = make_dataset(config_of(2, 4, FeatureType::Uint8));
  EXPECT_EQ(net->train(*wide, loop, options, &result), Status::ShapeMismatch);
  DatasetPtr two_targets = make_dataset(config_of(2, 3, FeatureType::Uint8, 1.0, 2));
  EXPECT_EQ(net->train(*two_targets, loop, options, &result), Status::ShapeMismatch);
  DatasetPtr labels = make_dataset(config_of(2, 3, FeatureType::Uint8));
  const std::uint8_t x[] = {1, 2, 3, 4, 5, 6};
  for (const float bad : {3.0f, -1.0f, 1.5f}) {
    const float y[] = {0, bad};
    ASSERT_EQ(labels->set_rows(0, x, 6, y, 2), Status::Ok);
    EXPECT_EQ(net->train(*labels, loop, options, &result), Status::OutOfRange) << bad;
    EXPECT_EQ(net->evaluate(*labels, 0, 2, nullptr, nullptr, nullptr), Status::OutOfRange);
    EXPECT_NE(std::string(net->last_error()).find("data"), std::string::npos);
  }
  nntest::MlpPtr bce = nntest::make_net({3, 4, 1}, Activation::Relu, Loss::Bce);
  const float y2[] = {0, 2};
  ASSERT_EQ(labels->set_rows(0, x, 6, y2, 2), Status::Ok);
  EXPECT_EQ(bce->train(*labels, loop, options, &result), Status::OutOfRange);
  TrainLoop bad_loop;
  bad_loop.batch_size = 0;
  const float y3[] = {0, 1};
  ASSERT_EQ(labels->set_rows(0, x, 6, y3, 2), Status::Ok);
  EXPECT_EQ(net->train(*labels, bad_loop, options, &result), Status::InvalidArgument);
  TrainOptions bad_options;
  bad_options.lr = -1;
  EXPECT_EQ(net->train(*labels, loop, bad_options, &result), Status::InvalidArgument);
  // Nothing above changed the network; a valid call still trains.
  std::vector<float> after(net->weight_count(0));
  net->get_params(0, after.data(), nullptr);
  EXPECT_EQ(after, before);
  EXPECT_EQ(net->train(*labels, loop, options, &result), Status::Ok);
  EXPECT_TRUE(std::isfinite(result.mean_loss));
}

TEST(DatasetEvaluation, ChunksEqualOnePassAndMatchPredict) {
  // More rows than one chunk, and not a multiple of it.
  const std::size_t rows = Mlp::kEvalChunkRows * 2 + 77, features = 12;
  const Pixels p = make_pixels(rows, features, 3, 21);
  DatasetPtr data = make_dataset(config_of(rows, 12, FeatureType::Uint8, 1.0 / 255));
  ASSERT_EQ(data->set_rows(0, p.x.data(), p.x.size(), p.y.data(), rows), Status::Ok);
  nntest::MlpPtr net = nntest::make_net({12, 10, 3}, Activation::Relu, Loss::SoftmaxCe, 3);
  TrainLoop loop;
  loop.batch_size = 64;
  loop.steps = 200;
  TrainOptions options;
  options.optimizer = Optimizer::Adam;
  options.lr = 0.01;
  TrainResult trained;
  ASSERT_EQ(net->train(*data, loop, options, &trained), Status::Ok);

  std::vector<std::int32_t> predictions(rows, -1);
  std::vector<std::uint32_t> confusion(9, 0);
  EvalResult result;
  ASSERT_EQ(net->evaluate(*data, 0, rows, predictions.data(), confusion.data(), &result),
            Status::Ok);
  EXPECT_EQ(result.rows, rows);
  EXPECT_GT(result.accuracy, 0.9) << "the blocks are learnable";
  // The reference: one predict over all rows (a single chunk), arg max, and the loss.
  const std::vector<float> xf = scaled(p.x, static_cast<float>(1.0 / 255));
  std::vector<float> prob(rows * 3);
  ASSERT_EQ(net->predict(xf.data(), xf.size(), prob.data()), Status::Ok);
  std::uint32_t correct = 0, total = 0;
  std::vector<std::uint32_t> want_confusion(9, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    std::int32_t guess = 0;
    for (std::int32_t k = 1; k < 3; ++k) guess = prob[r * 3 + k] > prob[r * 3 + guess] ? k : guess;
    ASSERT_EQ(predictions[r], guess) << "row " << r;
    const auto label = static_cast<std::size_t>(p.y[r]);
    ++want_confusion[label * 3 + static_cast<std::size_t>(guess)];
    correct += static_cast<std::size_t>(guess) == label ? 1 : 0;
  }
  for (std::uint32_t c : confusion) total += c;
  EXPECT_EQ(total, rows);
  EXPECT_EQ(confusion, want_confusion);
  EXPECT_EQ(result.correct, correct);
  EXPECT_DOUBLE_EQ(result.accuracy, static_cast<double>(correct) / rows);
  double loss = 0;
  ASSERT_EQ(net->loss_and_gradients(xf.data(), xf.size(), p.y.data(), rows, 0, 0, &loss),
            Status::Ok);
  EXPECT_NEAR(result.mean_loss, loss, 1e-6 * loss);

  // A range: rows [100, 100 + 50), and a count capped at the end.
  EvalResult part;
  std::vector<std::int32_t> some(50);
  ASSERT_EQ(net->evaluate(*data, 100, 50, some.data(), nullptr, &part), Status::Ok);
  EXPECT_EQ(part.rows, 50u);
  for (std::size_t r = 0; r < 50; ++r) EXPECT_EQ(some[r], predictions[100 + r]);
  ASSERT_EQ(net->evaluate(*data, rows - 3, 1000, nullptr, nullptr, &part), Status::Ok);
  EXPECT_EQ(part.rows, 3u);
  EXPECT_EQ(net->evaluate(*data, rows, 1, nullptr, nullptr, &part), Status::OutOfRange);
  EXPECT_EQ(net->evaluate(*data, 0, 0, nullptr, nullptr, &part), Status::InvalidArgument);
}

TEST(DatasetEvaluation, BceAndMse) {
  const std::size_t rows = 8;
  const std::vector<float> x = {-2, -1, -0.5f, -0.1f, 0.1f, 0.5f, 1, 2};
  const std::vector<float> y = {0, 0, 0, 1, 0, 1, 1, 1};
  DatasetPtr data = make_dataset(config_of(rows, 1, FeatureType::Float32));
  ASSERT_EQ(data->set_rows(0, x.data(), rows, y.data(), rows), Status::Ok);
  nntest::MlpPtr bce = nntest::make_net({1, 1}, Activation::Relu, Loss::Bce);
  const float w[] = {1};
  const float b[] = {0};
  ASSERT_EQ(bce->set_params(0, w, 1, b, 1), Status::Ok);
  std::vector<std::int32_t> predictions(rows);
  std::vector<std::uint32_t> confusion(4, 0);
  EvalResult result;
  ASSERT_EQ(bce->evaluate(*data, 0, rows, predictions.data(), confusion.data(), &result),
            Status::Ok);
  EXPECT_EQ(bce->classes(), 2u);
  EXPECT_EQ(predictions, (std::vector<std::int32_t>{0, 0, 0, 0, 1, 1, 1, 1}));
  EXPECT_EQ(confusion, (std::vector<std::uint32_t>{3, 1, 1, 3}));
  EXPECT_EQ(result.correct, 6u);
  nntest::MlpPtr mse = nntest::make_net({1, 1}, Activation::Relu, Loss::Mse);
  ASSERT_EQ(mse->set_params(0, w, 1, b, 1), Status::Ok);
  ASSERT_EQ(mse->evaluate(*data, 0, rows, predictions.data(), confusion.data(), &result),
            Status::Ok);
  EXPECT_EQ(mse->classes(), 0u);
  EXPECT_TRUE(std::isnan(result.accuracy));
  double expected = 0;
  for (std::size_t i = 0; i < rows; ++i) expected += (x[i] - y[i]) * (x[i] - y[i]);
  EXPECT_NEAR(result.mean_loss, expected / rows, 1e-6);
  EXPECT_EQ(confusion, (std::vector<std::uint32_t>{3, 1, 1, 3})) << "mse writes no confusion";
}

TEST(Dataset, ChurnUnderSanitizers) {
  for (int i = 0; i < 200; ++i) {
    DatasetPtr d =
        make_dataset(config_of(64, 784, i % 2 ? FeatureType::Uint8 : FeatureType::Float32));
    std::vector<float> y(64, 1);
    std::vector<float> x(64 * 784, 0.5f);
    ASSERT_EQ(d->set_rows(0, x.data(), i % 2 ? 64 * 784 : x.size(), y.data(), 64), Status::Ok);
  }
}

}  // namespace
