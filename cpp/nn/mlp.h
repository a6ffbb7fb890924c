// A multilayer perceptron that trains in place: dense layers z = x W^T + b (W row-major
// [out][in], PyTorch's nn.Linear layout), one hidden activation, a linear output layer and a
// loss on its logits. One call runs a whole training step (or many) over a batch.
//
// Made to be bound to JavaScript without glue logic: arrays cross as pointer + element count
// (float32, row-major [rows][units]), outputs go to caller-provided arrays sized with the
// query functions, options are plain structs, and errors are Status values with a message
// (last_error) - nothing throws. Memory: the parameters, gradients and optimizer state live in
// one block allocated by create(); the per-batch workspace is allocated on the first call and
// grows only when a larger batch arrives, so steady-state training allocates nothing.
//
// Shapes: X is [rows][size(0)]; Y is [rows][target_width()]: for Bce one value in [0, 1] per
// row, for Mse the targets [rows][size(L)], for SoftmaxCe one integer class index per row
// (held in a float). rows = x_len / size(0), at least 1.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/dataset.h"
#include "nn/last_error.h"
#include "nn/minibatch_loop.h"
#include "nn/options.h"
#include "nn/prng.h"
#include "nn/row_order.h"
#include "nn/status.h"
#include "nn/training_net.h"

namespace relu::nn {

// Errors through LastError, training through the shared loop of nn/minibatch_loop.h.
class Mlp final : private LastError, private TrainingNet {
 public:
  // Validates config and allocates; on success *out owns a new network (free it with
  // destroy). On failure *out is null and *message (if message is non-null) explains why.
  // Weights: he N(0, 2/in), xavier N(0, 2/(in+out)) or zeros, drawn layer by layer in
  // row-major order from PCG32(seed) and the exact normal transform of nn/prng.h, so a seed
  // gives the same bits in every build. Biases start at 0.
  static Status create(const MlpConfig& config, Mlp** out, const char** message);
  static void destroy(Mlp* net);  // null is fine
  ~Mlp();
  Mlp(const Mlp&) = delete;
  Mlp& operator=(const Mlp&) = delete;

  // Shapes. Layers are the dense layers, 0 .. num_layers()-1; hidden layers 0 .. num_layers()-2.
  std::int32_t num_sizes() const { return static_cast<std::int32_t>(num_sizes_); }
  std::int32_t size(std::int32_t i) const;  // units of sizes[i]; 0 if out of range
  std::int32_t num_layers() const { return static_cast<std::int32_t>(num_sizes_ - 1); }
  std::size_t weight_count(std::int32_t layer) const;  // out * in; 0 if out of range
  std::size_t bias_count(std::int32_t layer) const;    // out; 0 if out of range
  std::size_t target_width() const;                    // Y floats per row
  Activation activation() const { return activation_; }
  Loss loss() const { return loss_; }

  // Copies of one layer's parameters: w [out][in], b [out]. set_params rejects wrong
  // lengths (ShapeMismatch) and NaN/infinity (NonFinite), leaving the layer unchanged.
  Status get_params(std::int32_t layer, float* w, float* b) const;
  Status set_params(std::int32_t layer, const float* w, std::size_t w_len, const float* b,
                    std::size_t b_len);

  // Loss (data loss + regularisation) and its gradient for every layer, without an update.
  // The gradients stay readable through get_gradients until the next call that trains.
  Status loss_and_gradients(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                            double l2, double l1, double* loss);
  // dw [out][in], db [out] of the last loss_and_gradients / train_step / train step.
  Status get_gradients(std::int32_t layer, float* dw, float* db) const;

  // Checks loss_and_gradients against centred differences of the loss on (X, Y), computed in
  // double precision by a separate double forward pass over a double copy of the parameters
  // (nn/gradient_check.cc), so float32 rounding does not swamp the difference. Every
  // parameter, or a seeded sample of options.max_params of them (nn/options.h). Leaves the
  // parameters unchanged and the gradients those of loss_and_gradients on (X, Y).
  Status gradient_check(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                        const GradCheckOptions& options, GradCheckResult* result);

  // One full-batch update; *loss is the loss before the update.
  // Divergence is reported through the loss, not a Status: a step whose loss is not finite
  // applies no update, and an update that leaves a parameter non-finite makes *loss NaN; in
  // both cases the optimizer state is cleared, so set_params alone recovers the network.
  Status train_step(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                    const TrainOptions& options, double* loss);
  // `loop.steps` minibatch updates: rows are visited in an order shuffled by
  // PCG32(loop.seed) and reshuffled after each pass; when fewer than batch_size rows remain in
  // a pass, the last batch of the pass is smaller. batch_size is capped at rows (then every
  // step is the full batch, unshuffled). result->mean_loss is the mean of the run's step losses
  // (each before its update). The order depends only on the seed, the rows and the batch size:
  // pass a different seed per run to keep visiting new batches. A run split into calls with
  // loop.first_step and loop.loss_sum (nn/options.h) equals one call bit for bit.
  // A diverging step ends the call early with a non-finite mean loss (see train_step).
  Status train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
               const TrainLoop& loop, const TrainOptions& options, TrainResult* result);
  // The same as one whole run: *mean_loss is the mean of its steps' losses.
  Status train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
               std::int32_t batch_size, std::int32_t steps, std::uint32_t seed,
               const TrainOptions& options, double* mean_loss);
  // The same minibatch loop over a Dataset's rows (their features * scale): the same visiting
  // order, parameters and losses, bit for bit, as train() on float32 copies of those rows,
  // without copying anything but each batch. The dataset's shape and labels are checked
  // against the network (features == size(0), targets per row, labels valid for the loss)
  // without scanning its rows again.
  Status train(const Dataset& data, const TrainLoop& loop, const TrainOptions& options,
               TrainResult* result);

  // Runs rows [first, first + count) of a dataset (count capped at the rows left) through the
  // network in chunks of at most max(kEvalChunkRows, the workspace's rows), so memory stays
  // that of one chunk, and reports the mean loss and, for Bce and SoftmaxCe, the accuracy,
  // each row's predicted class (predictions[rows evaluated], may be null) and the confusion
  // matrix (confusion[classes()][classes()], row = true class, column = predicted; counts are
  // added to it, so zero it first; may be null). SoftmaxCe predicts the arg max of the logits
  // (the first on ties); Bce predicts 1 when the logit is > 0, and a row's class is 1 when its
  // label is >= 0.5. Mse reports the loss only and writes neither array.
  Status evaluate(const Dataset& data, std::size_t first, std::size_t count,
                  std::int32_t* predictions, std::uint32_t* confusion, EvalResult* result);
  // Classes of evaluate(): the outputs (SoftmaxCe), 2 (Bce), 0 (Mse).
  std::size_t classes() const;
  static constexpr std::size_t kEvalChunkRows = 1024;

  // Forgets momentum buffers, Adam moments and the Adam step count. Changing
  // TrainOptions::optimizer between calls does the same.
  using TrainingNet::reset_optimizer;

  // out [rows][size(L)]: sigmoid probabilities (Bce), softmax probabilities (SoftmaxCe) or
  // the raw outputs (Mse).
  Status predict(const float* x, std::size_t x_len, float* out);

  // Runs X through the network and keeps every layer's values for the readers below, until
  // the next call that runs the network (predict, training) invalidates them (InvalidState).
  Status forward(const float* x, std::size_t x_len);
  // [rows][size(layer+1)]: hidden layers post-activation, the last layer raw logits.
  Status get_activations(std::int32_t layer, float* out) const;
  // [rows][size(hidden+1)] pre-activations z of hidden layer `hidden`.
  Status get_pre_activations(std::int32_t hidden, float* out) const;
  // Units of hidden layer `hidden` whose post-activation is exactly 0 (+0 or -0) for every
  // row of the last forward(): ascending indices into out (room for size(hidden+1)).
  Status dead_units(std::int32_t hidden, std::int32_t* out, std::int32_t* count) const;

  // Why the last call on this network failed (a static string; "" after success).
  using LastError::last_error;

 private:
  struct Layer {
    std::size_t in, out;
    float* w;   // [out][in] inside params_
    float* b;   // [out]
    float* dw;  // [out][in] inside grads_
    float* db;  // [out]
    float* wt;  // [in][out] packed copy for the forward pass, or null
    float* z;   // workspace [capacity][out]
    float* h;   // workspace [capacity][out], hidden layers only
  };

  Mlp() = default;
  Status check_x(const float* x, std::size_t x_len, std::size_t* rows) const;
  Status check_y(const float* y, std::size_t y_len, std::size_t rows) const;
  Status check_options(const TrainOptions& options) const;
  Status check_loop(const TrainLoop& loop) const;
  Status check_dataset(const Dataset& data) const;
  // The shared loop over the caller's float arrays or a dataset, in the workspace's batch.
  Status run_minibatches(MinibatchRows source, const TrainLoop& loop, const TrainOptions& options,
                         TrainResult* result);
  Status check_layer(std::int32_t layer) const;
  // Copies layer `layer`'s parameters (or, with `gradients`, their gradients) out.
  Status copy_layer(std::int32_t layer, bool gradients, float* w, float* b) const;
  Status ensure_workspace(std::size_t rows);
  void refresh_packed();
  void run_forward(const float* x, std::size_t rows);
  double compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                           float l1) override;
  const float* forward_logits(const float* x, std::size_t rows) override;
  // The double-precision loss of nn/gradient_check.cc over params (laid out as params_); the
  // hidden pre-activations go to z [hidden layers][rows][units] and work holds two [rows][max
  // units] buffers.
  double loss_in_double(const double* params, const float* x, const float* y, std::size_t rows,
                        double l2, double l1, double* z, double* work) const;

  std::size_t num_sizes_ = 0;
  Layer* layers_ = nullptr;
  Activation activation_ = Activation::Relu;
  float leaky_slope_ = 0.01f;
  Loss loss_ = Loss::Bce;
  std::int32_t grad_at_zero_ = 0;

  // Arena: params | grads | optimizer m | optimizer v (nn/training_net.h) | packed W^T |
  // weight-grad scratch.
  float* arena_ = nullptr;
  float* scratch_ = nullptr;

  // Workspace for `capacity_` rows: per-layer z and h, two gradient buffers, a gathered batch.
  float* workspace_ = nullptr;
  std::size_t capacity_ = 0;
  float* grad_a_ = nullptr;
  float* grad_b_ = nullptr;
  float* batch_x_ = nullptr;
  float* batch_y_ = nullptr;
  RowOrder order_;  // train()'s shuffled row order

  std::size_t forward_rows_ = 0;
};

}  // namespace relu::nn
