// A convolutional network that trains in place: convolutions (nn/conv2d.h), 2x2 max pooling
// (nn/max_pool.h) and dense layers (nn/dense.h), the hidden activation after every convolution
// and hidden dense layer, a linear dense output layer and a loss on its logits. The MLP's
// contract holds here too (nn/mlp.h): the same losses, optimizers, initialisation streams,
// shuffled minibatch loop (nn/minibatch_loop.h), Dataset input, Status errors and determinism.
//
// Shapes (PyTorch's): X is [rows][channels][height][width] (NCHW), a convolution's W is
// [out][in][k][k] and b [out], a dense layer's W [out][in]; the first dense layer after a
// convolution or pool reads its input flattened as (channel, row, column). Parameter layers
// (convolutions and dense layers) are numbered from 0 in order; layers (every entry of the
// config, pools included) likewise.
//
// Memory: parameters, gradients and optimizer state live in one block allocated by create();
// the per-row workspace grows with the rows run at once, which training, predict and evaluate
// cap at chunk_rows() (at most kChunkRows, fewer for large images), so a batch of any size
// runs in chunks; only forward() (the activations a caller reads) holds all its rows at once.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/conv2d.h"
#include "nn/dataset.h"
#include "nn/last_error.h"
#include "nn/minibatch_loop.h"
#include "nn/options.h"
#include "nn/row_order.h"
#include "nn/status.h"
#include "nn/training_net.h"

namespace relu::nn {

// One layer as the binding passes it: four int32 per layer.
struct ConvLayerSpec {
  ConvLayerKind kind = ConvLayerKind::Dense;
  std::int32_t size = 0;            // output channels (conv), window (pool: 2), units (dense)
  std::int32_t kernel = 0;          // conv only: 3 or 5
  Padding padding = Padding::Same;  // conv only
};

struct ConvNetConfig {
  std::int32_t channels = 1, height = 1, width = 1;  // the input image
  const ConvLayerSpec* layers = nullptr;             // the last one dense
  std::size_t num_layers = 0;                        // 1 .. kMaxLayers
  Activation activation = kMlpActivationDefault;
  double leaky_slope = kMlpLeakySlope.default_value;
  Loss loss = kMlpLossDefault;
  Init init = Init::He;
  std::uint32_t seed = static_cast<std::uint32_t>(kMlpSeed.default_value);
  std::int32_t grad_at_zero = static_cast<std::int32_t>(kMlpGradAtZero.default_value);
};

// Errors through LastError, training through the shared loop of nn/minibatch_loop.h.
class ConvNet final : private LastError, private TrainingNet {
 public:
  // Validates config and allocates. Weights: he N(0, 2/fan_in), xavier N(0, 2/(fan_in +
  // fan_out)) (a convolution's fans count in*k*k and out*k*k) or zeros, drawn parameter layer
  // by parameter layer in W's row-major order from PCG32(seed, kInitStream) as the MLP draws
  // them. Biases start at 0.
  static Status create(const ConvNetConfig& config, ConvNet** out, const char** message);
  static void destroy(ConvNet* net);
  ~ConvNet();
  ConvNet(const ConvNet&) = delete;
  ConvNet& operator=(const ConvNet&) = delete;

  static constexpr std::size_t kChunkRows = 256;
  static constexpr std::size_t kChunkBytes = std::size_t{64} << 20;

  std::int32_t num_layers() const { return static_cast<std::int32_t>(num_stages_); }
  std::int32_t num_param_layers() const { return static_cast<std::int32_t>(num_params_); }
  std::size_t input_size() const { return input_size_; }
  std::size_t output_size(std::int32_t layer) const;  // floats per row of a layer's output
  std::size_t weight_count(std::int32_t param_layer) const;
  std::size_t bias_count(std::int32_t param_layer) const;
  std::size_t target_width() const;
  std::size_t classes() const;
  std::size_t chunk_rows() const { return chunk_rows_; }

  Status get_params(std::int32_t param_layer, float* w, float* b) const;
  Status set_params(std::int32_t param_layer, const float* w, std::size_t w_len, const float* b,
                    std::size_t b_len);
  Status get_gradients(std::int32_t param_layer, float* dw, float* db) const;

  // As Mlp: loss and gradients without an update; one full-batch update; minibatch runs over
  // float arrays or a Dataset (features == channels * height * width); chunked evaluation.
  Status loss_and_gradients(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                            double l2, double l1, double* loss);
  Status train_step(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                    const TrainOptions& options, double* loss);
  Status train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
               const TrainLoop& loop, const TrainOptions& options, TrainResult* result);
  Status train(const Dataset& data, const TrainLoop& loop, const TrainOptions& options,
               TrainResult* result);
  Status evaluate(const Dataset& data, std::size_t first, std::size_t count,
                  std::int32_t* predictions, std::uint32_t* confusion, EvalResult* result);
  using TrainingNet::reset_optimizer;

  // out [rows][outputs]: the loss's prediction (as Mlp::predict), computed in chunks.
  Status predict(const float* x, std::size_t x_len, float* out);

  // Runs X through the network and keeps every layer's output for the readers below.
  Status forward(const float* x, std::size_t x_len);
  // [rows][output_size(layer)]: after the activation for convolutions and hidden dense
  // layers, pooled values for pools, raw logits for the last layer.
  Status get_activations(std::int32_t layer, float* out) const;
  // Channels (convolution) or units (hidden dense layer) of `layer` whose output is exactly 0
  // for every row (and position) of the last forward(): ascending indices into out.
  Status dead_units(std::int32_t layer, std::int32_t* out, std::int32_t* count) const;

  using LastError::last_error;

 private:
  struct Stage {
    ConvLayerKind kind;
    std::size_t in_size, out_size;
    ConvShape conv;  // conv: its shape; pool: in_channels/height/width only
    std::size_t dense_in, dense_out;
    bool activated;               // conv and hidden dense
    bool spatial;                 // conv and pool: outputs are channel-last images
    bool reads_image;             // dense right after a conv or pool: flattens its input
    float *w, *b, *dw, *db, *wt;  // parameter layers only; wt: dense packed W^T or null,
    float* wq;                    //   conv wt [patch][out] and wq [out][patch] (nn/conv2d.h)
    float *z, *h;                 // workspace [capacity][out_size]; h when activated
    float* flat;                  // reads_image: [capacity][in_size], the input channel-first
    std::int32_t* argmax;         // pool: workspace [capacity][out_size]
    const float* out() const { return activated ? h : z; }
    std::size_t channels() const { return spatial ? out_size / positions() : 0; }
    std::size_t positions() const { return conv.out_height * conv.out_width; }
  };
  ConvNet() = default;
  Status check_x(const float* x, std::size_t x_len, std::size_t* rows) const;
  Status check_y(const float* y, std::size_t y_len, std::size_t rows) const;
  Status check_options(const TrainOptions& options) const;
  Status check_loop(const TrainLoop& loop) const;
  Status check_dataset(const Dataset& data) const;
  Status ensure_workspace(std::size_t rows);
  Status ensure_batch(std::size_t rows);
  Stage* param_stage(std::int32_t param_layer) const;
  void refresh_packed();
  void run_forward(const float* x, std::size_t rows);
  void run_backward(std::size_t rows);
  double compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                           float l1) override;
  const float* forward_logits(const float* x, std::size_t rows) override;
  // The shared loop over the caller's float arrays or a dataset, gathering into batch_.
  Status run_minibatches(MinibatchRows source, const TrainLoop& loop, const TrainOptions& options,
                         TrainResult* result);

  Stage* stages_ = nullptr;
  std::size_t num_stages_ = 0, num_params_ = 0, input_size_ = 0, max_size_ = 0;
  // The largest parameter layer's weights (a conv layer's in patch order) and biases, the dense
  // weight gradient's narrow-input scratch, and workspace floats per row.
  std::size_t max_weights_ = 0, max_biases_ = 0, dense_scratch_ = 0;
  std::size_t per_row_ = 0, backward_floats_ = 0;
  std::size_t padded_floats_ = 0;  // the largest conv input with its zero border
  // The input's channels when run_forward converts it to channel-last, else 1.
  std::size_t input_channels_ = 1, input_positions_ = 1;
  std::size_t chunk_rows_ = 1;
  Activation activation_ = Activation::Relu;
  float leaky_slope_ = 0.01f;
  Loss loss_ = Loss::Bce;
  std::int32_t grad_at_zero_ = 0;

  // Arena: params | grads | optimizer m | optimizer v (nn/training_net.h) | dense packed W^T.
  float* arena_ = nullptr;

  // Per-row workspace for capacity_ rows, and per-image scratch (padded planes, gradients).
  float* workspace_ = nullptr;
  std::size_t capacity_ = 0;
  float *grad_a_ = nullptr, *grad_b_ = nullptr;
  float *grad_w_ = nullptr, *grad_bias_ = nullptr, *dense_scratch_ptr_ = nullptr;
  float *padded_ = nullptr, *dpadded_ = nullptr, *backward_scratch_ = nullptr;
  // The chunk's input channel-last (input_nhwc_ holds it when the input has several channels).
  float* input_nhwc_ = nullptr;
  const float* image_in_ = nullptr;
  // Gathered minibatch rows (and Y) for batch_capacity_ rows.
  float* batch_ = nullptr;
  float *batch_x_ = nullptr, *batch_y_ = nullptr;
  std::size_t batch_capacity_ = 0;
  RowOrder order_;
  std::size_t forward_rows_ = 0;
};

}  // namespace relu::nn
