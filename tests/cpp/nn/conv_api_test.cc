// The convolutional network's contract beyond the golden values: configuration errors,
// Status errors that leave the network usable, chunked batches, Dataset input, determinism,
// the MLP's initialisation streams, and learning a small image task.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "conv_test_util.h"
#include "nn/dataset.h"

namespace {

using nntest::conv_layer;
using nntest::dense_layer;
using nntest::pool_layer;
using relu::nn::Activation;
using relu::nn::ConvLayerSpec;
using relu::nn::ConvNet;
using relu::nn::ConvNetConfig;
using relu::nn::Loss;
using relu::nn::Padding;
using relu::nn::Status;

Status create_status(std::vector<std::int32_t> input, const std::vector<ConvLayerSpec>& layers,
                     Loss loss = Loss::SoftmaxCe) {
  ConvNetConfig config = nntest::conv_config(input, layers);
  config.loss = loss;
  ConvNet* net = nullptr;
  const char* message = nullptr;
  const Status s = ConvNet::create(config, &net, &message);
  EXPECT_EQ(s == Status::Ok, net != nullptr);
  if (s != Status::Ok) {
    EXPECT_STRNE(message, "");
  }
  ConvNet::destroy(net);
  return s;
}

TEST(ConvNetApi, RejectsInvalidConfigurations) {
  EXPECT_EQ(create_status({1, 8, 8}, {conv_layer(2, 3), pool_layer(), dense_layer(2)}), Status::Ok);
  EXPECT_EQ(create_status({1, 8, 8}, {conv_layer(2, 3), pool_layer()}), Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 8, 8}, {dense_layer(4), conv_layer(2, 3), dense_layer(2)}),
            Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 8, 8}, {dense_layer(4), pool_layer(), dense_layer(2)}),
            Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 8, 8}, {conv_layer(2, 4), dense_layer(2)}), Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 4, 8}, {conv_layer(2, 5, Padding::Valid), dense_layer(2)}),
            Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 1, 8}, {pool_layer(), dense_layer(2)}), Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 8, 8}, {conv_layer(0, 3), dense_layer(2)}), Status::InvalidArgument);
  EXPECT_EQ(create_status({0, 8, 8}, {dense_layer(2)}), Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 8, 8}, {dense_layer(2)}, Loss::Bce), Status::InvalidArgument);
  ConvLayerSpec bad = conv_layer(2, 3);
  bad.padding = static_cast<Padding>(7);
  EXPECT_EQ(create_status({1, 8, 8}, {bad, dense_layer(2)}), Status::InvalidArgument);
  bad = dense_layer(2);
  bad.kind = static_cast<relu::nn::ConvLayerKind>(-1);
  EXPECT_EQ(create_status({1, 8, 8}, {bad}), Status::InvalidArgument);
  // 4096 x 4096 x 4096 channels: refused before any allocation.
  EXPECT_EQ(create_status({4096, 4096, 4096}, {dense_layer(2)}), Status::InvalidArgument);
  EXPECT_EQ(create_status({1, 4096, 4096}, {conv_layer(4096, 5), dense_layer(2)}),
            Status::OutOfMemory);
}

TEST(ConvNetApi, ErrorsLeaveTheNetworkUsable) {
  auto net = nntest::make_conv_net({1, 6, 6}, {conv_layer(2, 3), pool_layer(), dense_layer(3)},
                                   Activation::Relu, Loss::SoftmaxCe);
  std::vector<float> x = nntest::uniform(2 * 36, -1, 1, 3), y = {0, 2}, out(6);
  EXPECT_EQ(net->predict(x.data(), 35, out.data()), Status::ShapeMismatch);
  EXPECT_STRNE(net->last_error(), "");
  std::vector<float> bad_y = {0, 3};
  double loss = 0;
  EXPECT_EQ(net->loss_and_gradients(x.data(), x.size(), bad_y.data(), 2, 0, 0, &loss),
            Status::OutOfRange);
  x[5] = NAN;
  EXPECT_EQ(net->predict(x.data(), x.size(), out.data()), Status::NonFinite);
  x[5] = 0.5f;
  EXPECT_EQ(net->get_activations(0, out.data()), Status::InvalidState);
  EXPECT_EQ(net->dead_units(1, nullptr, nullptr), Status::OutOfRange);  // a pool
  EXPECT_EQ(net->get_params(2, out.data(), out.data()), Status::OutOfRange);
  std::vector<float> w(net->weight_count(0)), b(net->bias_count(0) + 1);
  EXPECT_EQ(net->set_params(0, w.data(), w.size(), b.data(), b.size()), Status::ShapeMismatch);
  EXPECT_EQ(net->loss_and_gradients(x.data(), x.size(), y.data(), 2, 0, 0, &loss), Status::Ok);
  EXPECT_STREQ(net->last_error(), "");
  EXPECT_TRUE(std::isfinite(loss));
}

// 600 rows run in chunks of at most kChunkRows: the same bits as 100 rows at a time.
TEST(ConvNetApi, PredictRunsInChunksWithTheSameResults) {
  auto net = nntest::make_conv_net({2, 9, 7}, {conv_layer(3, 5), pool_layer(), dense_layer(4)},
                                   Activation::Relu, Loss::SoftmaxCe, 5);
  ASSERT_LT(net->chunk_rows(), 600u);
  const std::size_t in = net->input_size();
  const std::vector<float> x = nntest::uniform(600 * in, 0, 1, 9);
  std::vector<float> all(600 * 4), part(100 * 4);
  ASSERT_EQ(net->predict(x.data(), x.size(), all.data()), Status::Ok);
  for (std::size_t r = 0; r < 600; r += 100) {
    ASSERT_EQ(net->predict(x.data() + r * in, 100 * in, part.data()), Status::Ok);
    EXPECT_EQ(std::memcmp(part.data(), all.data() + r * 4, part.size() * sizeof(float)), 0) << r;
  }
}

// A batch larger than a chunk: the gradient of the mean loss, within float rounding of the
// mean of two halves' gradients.
TEST(ConvNetApi, GradientsOfChunkedBatches) {
  auto net = nntest::make_conv_net({1, 8, 8}, {conv_layer(2, 3), pool_layer(), dense_layer(3)},
                                   Activation::Tanh, Loss::SoftmaxCe, 2);
  const std::size_t rows = 2 * net->chunk_rows() + 10, in = net->input_size();
  const std::vector<float> x = nntest::uniform(rows * in, -1, 1, 4);
  std::vector<float> y(rows);
  for (std::size_t r = 0; r < rows; ++r) y[r] = static_cast<float>(r % 3);
  double loss = 0, l1 = 0, l2 = 0;
  ASSERT_EQ(net->loss_and_gradients(x.data(), x.size(), y.data(), rows, 0, 0, &loss), Status::Ok);
  std::vector<float> dw(net->weight_count(0)), db(net->bias_count(0));
  ASSERT_EQ(net->get_gradients(0, dw.data(), db.data()), Status::Ok);
  const std::size_t half = rows / 2;
  ASSERT_EQ(net->loss_and_gradients(x.data(), half * in, y.data(), half, 0, 0, &l1), Status::Ok);
  std::vector<float> dw1(dw.size()), db1(db.size()), dw2(dw.size()), db2(db.size());
  ASSERT_EQ(net->get_gradients(0, dw1.data(), db1.data()), Status::Ok);
  ASSERT_EQ(
      net->loss_and_gradients(x.data() + half * in, half * in, y.data() + half, half, 0, 0, &l2),
      Status::Ok);
  ASSERT_EQ(net->get_gradients(0, dw2.data(), db2.data()), Status::Ok);
  EXPECT_NEAR(loss, (l1 + l2) / 2, 1e-6);
  for (std::size_t i = 0; i < dw.size(); ++i) EXPECT_NEAR(dw[i], (dw1[i] + dw2[i]) / 2, 1e-5);
  for (std::size_t i = 0; i < db.size(); ++i) EXPECT_NEAR(db[i], (db1[i] + db2[i]) / 2, 1e-5);
}

// A conv net of dense layers only draws the MLP's initial weights.
TEST(ConvNetApi, InitialisesLikeTheMlp) {
  auto conv = nntest::make_conv_net({1, 2, 3}, {dense_layer(4), dense_layer(2)}, Activation::Relu,
                                    Loss::SoftmaxCe, 77);
  auto mlp = nntest::make_net({6, 4, 2}, Activation::Relu, Loss::SoftmaxCe, 77);
  for (std::int32_t l = 0; l < 2; ++l) {
    std::vector<float> a(conv->weight_count(l)), b(mlp->weight_count(l));
    ASSERT_EQ(conv->get_params(l, a.data(), nullptr), Status::Ok);
    ASSERT_EQ(mlp->get_params(l, b.data(), nullptr), Status::Ok);
    EXPECT_EQ(a, b);
  }
}

// A first dense layer reads a multi-channel input as given, (channel, row, column) like the
// MLP: only conv and pool layers see the engine's channel-last copy.
TEST(ConvNetApi, AFirstDenseLayerReadsChannelsFirstLikeTheMlp) {
  auto conv = nntest::make_conv_net({3, 2, 2}, {dense_layer(4), dense_layer(2)}, Activation::Relu,
                                    Loss::SoftmaxCe, 5);
  auto mlp = nntest::make_net({12, 4, 2}, Activation::Relu, Loss::SoftmaxCe, 5);
  std::vector<float> x(5 * 12);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.7f * static_cast<float>(i));
  std::vector<float> a(5 * 2), b(5 * 2);
  ASSERT_EQ(conv->predict(x.data(), x.size(), a.data()), Status::Ok);
  ASSERT_EQ(mlp->predict(x.data(), x.size(), b.data()), Status::Ok);
  EXPECT_EQ(a, b);
}

// Bars: vertical (class 0) or horizontal (class 1) lines at random places in 8x8 images.
void bars(std::size_t rows, std::uint32_t seed, std::vector<std::uint8_t>* x,
          std::vector<float>* y) {
  relu::nn::Pcg32 rng(seed, 3);
  x->assign(rows * 64, 0);
  y->resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::uint32_t cls = rng.below(2), at = rng.below(8);
    (*y)[r] = static_cast<float>(cls);
    for (std::size_t i = 0; i < 8; ++i) (*x)[r * 64 + (cls == 0 ? i * 8 + at : at * 8 + i)] = 255;
  }
}

TEST(ConvNetApi, DatasetTrainingEqualsFloatTrainingAndLearns) {
  std::vector<std::uint8_t> pixels;
  std::vector<float> y;
  bars(200, 1, &pixels, &y);
  relu::nn::DatasetConfig dc;
  dc.rows = 200;
  dc.features = 64;
  dc.feature_type = relu::nn::FeatureType::Uint8;
  dc.scale = 1.0 / 255;
  relu::nn::Dataset* data = nullptr;
  ASSERT_EQ(relu::nn::Dataset::create(dc, &data, nullptr), Status::Ok);
  ASSERT_EQ(data->set_rows(0, pixels.data(), pixels.size(), y.data(), y.size()), Status::Ok);
  std::vector<float> x(pixels.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<float>(pixels[i]) * static_cast<float>(1.0 / 255);

  const std::vector<ConvLayerSpec> layers = {conv_layer(4, 3), pool_layer(), dense_layer(2)};
  auto a = nntest::make_conv_net({1, 8, 8}, layers, Activation::Relu, Loss::SoftmaxCe, 3);
  auto b = nntest::make_conv_net({1, 8, 8}, layers, Activation::Relu, Loss::SoftmaxCe, 3);
  relu::nn::TrainLoop loop;
  loop.batch_size = 16;
  loop.steps = 60;
  loop.seed = 11;
  relu::nn::TrainOptions o;
  o.lr = 0.05;
  o.optimizer = relu::nn::Optimizer::Momentum;
  relu::nn::TrainResult ra, rb;
  ASSERT_EQ(a->train(*data, loop, o, &ra), Status::Ok);
  // The float run split in two calls: the same bits as one call.
  loop.steps = 25;
  ASSERT_EQ(b->train(x.data(), x.size(), y.data(), y.size(), loop, o, &rb), Status::Ok);
  loop.first_step = 25;
  loop.loss_sum = rb.loss_sum;
  loop.steps = 35;
  ASSERT_EQ(b->train(x.data(), x.size(), y.data(), y.size(), loop, o, &rb), Status::Ok);
  EXPECT_EQ(ra.mean_loss, rb.mean_loss);
  for (std::int32_t l = 0; l < 2; ++l) {
    std::vector<float> wa(a->weight_count(l)), wb(b->weight_count(l));
    ASSERT_EQ(a->get_params(l, wa.data(), nullptr), Status::Ok);
    ASSERT_EQ(b->get_params(l, wb.data(), nullptr), Status::Ok);
    EXPECT_EQ(std::memcmp(wa.data(), wb.data(), wa.size() * sizeof(float)), 0);
  }
  relu::nn::EvalResult eval;
  ASSERT_EQ(a->evaluate(*data, 0, 200, nullptr, nullptr, &eval), Status::Ok);
  EXPECT_EQ(eval.rows, 200u);
  EXPECT_GE(eval.accuracy, 0.95);
  relu::nn::Dataset::destroy(data);
}

}  // namespace
