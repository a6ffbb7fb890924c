#include "nn/mlp.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "nn/dense.h"
#include "nn/evaluation.h"
#include "nn/hidden_activation.h"
#include "nn/limits.h"
#include "nn/loss.h"
#include "nn/network_config.h"
#include "nn/prng.h"
#include "nn/train_checks.h"
#include "nn/weight_penalty.h"

namespace relu::nn {
namespace {

float* alloc_floats(std::size_t count) {
  return static_cast<float*>(std::calloc(count == 0 ? 1 : count, sizeof(float)));
}

}  // namespace

Status Mlp::create(const MlpConfig& config, Mlp** out, const char** message) {
  const char* ignored = nullptr;
  const char** msg = message != nullptr ? message : &ignored;
  *msg = "";
  if (out == nullptr) {
    *msg = "create: null output pointer";
    return Status::InvalidArgument;
  }
  *out = nullptr;
  if (config.sizes == nullptr || config.num_sizes < 2 ||
      config.num_sizes > static_cast<std::size_t>(kMaxLayers)) {
    *msg = "sizes must list 2 to 1024 layer sizes (input first)";
    return Status::InvalidArgument;
  }
  for (std::size_t i = 0; i < config.num_sizes; ++i) {
    if (config.sizes[i] < 1 || config.sizes[i] > kMaxUnits) {
      *msg = "every layer size must be an integer in [1, 2^24]";
      return Status::InvalidArgument;
    }
  }
  if (!valid_enum(config.activation, kActivationCount)) {
    *msg = "unknown activation";
    return Status::InvalidArgument;
  }
  if (!valid_enum(config.loss, kLossCount)) {
    *msg = "unknown loss";
    return Status::InvalidArgument;
  }
  if (!valid_enum(config.init, kInitCount)) {
    *msg = "unknown init";
    return Status::InvalidArgument;
  }
  const auto out_units = static_cast<std::size_t>(config.sizes[config.num_sizes - 1]);
  const char* fault = activation_config_fault(config.leaky_slope, config.grad_at_zero);
  if (fault == nullptr) fault = loss_units_fault(config.loss, out_units);
  if (fault != nullptr) {
    *msg = fault;
    return Status::InvalidArgument;
  }

  // Sizes of the arena's parts, with overflow checks.
  const std::size_t num_layers = config.num_sizes - 1;
  std::size_t params = 0, packed = 0, scratch = 0;
  for (std::size_t l = 0; l < num_layers; ++l) {
    const auto in = static_cast<std::size_t>(config.sizes[l]);
    const auto o = static_cast<std::size_t>(config.sizes[l + 1]);
    if (!add_product(&params, in + 1, o)) {
      *msg = "network too large: its parameters exceed the engine's 2 GiB limit";
      return Status::OutOfMemory;
    }
    if (dense_forward_uses_packed(o) && !add_product(&packed, in, o)) {
      *msg = "network too large: its parameters exceed the engine's 2 GiB limit";
      return Status::OutOfMemory;
    }
    const std::size_t s = dense_weight_grad_scratch(in, o);
    scratch = s > scratch ? s : scratch;
  }
  std::size_t arena = 0;
  if (!add_product(&arena, params, 4) || !add_product(&arena, packed, 1) ||
      !add_product(&arena, scratch, 1)) {
    *msg = "network too large: parameters, gradients and optimizer state exceed 2 GiB";
    return Status::OutOfMemory;
  }

  Mlp* net = new (std::nothrow) Mlp();
  if (net == nullptr) {
    *msg = "out of memory";
    return Status::OutOfMemory;
  }
  net->layers_ = new (std::nothrow) Layer[num_layers];
  net->arena_ = alloc_floats(arena);  // zeroed: gradients and optimizer state start at 0
  if (net->layers_ == nullptr || net->arena_ == nullptr) {
    destroy(net);
    *msg = "out of memory allocating the network";
    return Status::OutOfMemory;
  }
  net->num_sizes_ = config.num_sizes;
  net->activation_ = config.activation;
  net->leaky_slope_ = static_cast<float>(config.leaky_slope);
  net->loss_ = config.loss;
  net->grad_at_zero_ = config.grad_at_zero;
  float* packed_ptr = net->attach_arena(net->arena_, params);
  net->scratch_ = packed_ptr + packed;
  std::size_t offset = 0;
  for (std::size_t l = 0; l < num_layers; ++l) {
    Layer& layer = net->layers_[l];
    layer.in = static_cast<std::size_t>(config.sizes[l]);
    layer.out = static_cast<std::size_t>(config.sizes[l + 1]);
    layer.w = net->params_ + offset;
    layer.dw = net->grads_ + offset;
    offset += layer.in * layer.out;
    layer.b = net->params_ + offset;
    layer.db = net->grads_ + offset;
    offset += layer.out;
    layer.wt = nullptr;
    if (dense_forward_uses_packed(layer.out)) {
      layer.wt = packed_ptr;
      packed_ptr += layer.in * layer.out;
    }
    layer.z = nullptr;
    layer.h = nullptr;
  }

  if (config.init != Init::Zeros) {
    Pcg32 rng(config.seed, kInitStream);
    NormalSampler normal(&rng);
    for (std::size_t l = 0; l < num_layers; ++l) {
      const Layer& layer = net->layers_[l];
      draw_weights(&normal, config.init, layer.in, layer.out, layer.w, layer.in * layer.out);
    }
  }
  *out = net;
  return Status::Ok;
}

void Mlp::destroy(Mlp* net) { delete net; }

Mlp::~Mlp() {
  std::free(workspace_);
  std::free(arena_);
  delete[] layers_;
}

std::int32_t Mlp::size(std::int32_t i) const {
  if (i < 0 || static_cast<std::size_t>(i) >= num_sizes_) return 0;
  return static_cast<std::int32_t>(i == 0 ? layers_[0].in : layers_[i - 1].out);
}

std::size_t Mlp::weight_count(std::int32_t layer) const {
  if (layer < 0 || layer >= num_layers()) return 0;
  return layers_[layer].in * layers_[layer].out;
}

std::size_t Mlp::bias_count(std::int32_t layer) const {
  if (layer < 0 || layer >= num_layers()) return 0;
  return layers_[layer].out;
}

std::size_t Mlp::target_width() const {
  return loss_target_width(loss_, layers_[num_sizes_ - 2].out);
}

Status Mlp::check_layer(std::int32_t layer) const {
  if (layer < 0 || layer >= num_layers())
    return fail(Status::OutOfRange, "layer index out of range");
  return Status::Ok;
}

Status Mlp::check_x(const float* x, std::size_t x_len, std::size_t* rows) const {
  return check_inputs(*this, x, x_len, layers_[0].in,
                      "X length is not a multiple of the input size (sizes[0])", rows);
}

Status Mlp::check_y(const float* y, std::size_t y_len, std::size_t rows) const {
  return check_targets(*this, loss_, layers_[num_sizes_ - 2].out, y, y_len, rows);
}

Status Mlp::check_options(const TrainOptions& options) const {
  // One message per field, in this order (the first bad field is named).
  static constexpr const char* kMessages[] = {
      "unknown optimizer",
      "lr must be finite and >= 0",
      "l2 must be finite and >= 0",
      "l1 must be finite and >= 0",
      "momentum must be finite and >= 0",
      "beta1 must be in [0, 1)",
      "beta2 must be in [0, 1)",
      "eps must be finite and >= 0",
  };
  static_assert(kBadEps == 1u << 7, "kMessages follows the OptionFault bits");
  const unsigned faults = train_option_faults(options);
  for (unsigned bit = 0; bit < 8; ++bit) {
    if ((faults & (1u << bit)) != 0) return fail(Status::InvalidArgument, kMessages[bit]);
  }
  return Status::Ok;
}

Status Mlp::get_params(std::int32_t layer, float* w, float* b) const {
  return copy_layer(layer, false, w, b);
}

Status Mlp::copy_layer(std::int32_t layer, bool gradients, float* w, float* b) const {
  if (Status s = check_layer(layer); s != Status::Ok) return s;
  const Layer& l = layers_[layer];
  if (w != nullptr) std::memcpy(w, gradients ? l.dw : l.w, l.in * l.out * sizeof(float));
  if (b != nullptr) std::memcpy(b, gradients ? l.db : l.b, l.out * sizeof(float));
  return ok();
}

Status Mlp::set_params(std::int32_t layer, const float* w, std::size_t w_len, const float* b,
                       std::size_t b_len) {
  if (Status s = check_layer(layer); s != Status::Ok) return s;
  Layer& l = layers_[layer];
  if (w == nullptr || b == nullptr || w_len != l.in * l.out || b_len != l.out) {
    return fail(Status::ShapeMismatch, "setParams: W must hold out*in values and b out values");
  }
  if (!all_finite(w, w_len) || !all_finite(b, b_len)) {
    return fail(Status::NonFinite, "setParams: W or b contains NaN or infinity");
  }
  std::memcpy(l.w, w, w_len * sizeof(float));
  std::memcpy(l.b, b, b_len * sizeof(float));
  packed_dirty_ = true;
  forward_rows_ = 0;
  return ok();
}

Status Mlp::get_gradients(std::int32_t layer, float* dw, float* db) const {
  return copy_layer(layer, true, dw, db);
}

Status Mlp::ensure_workspace(std::size_t rows) {
  if (rows <= capacity_) return Status::Ok;
  const std::size_t num_layers = num_sizes_ - 1;
  std::size_t per_row = 0, widest = 0;
  bool fits = true;
  for (std::size_t l = 0; l < num_layers; ++l) {
    const std::size_t o = layers_[l].out;
    fits = fits && add_product(&per_row, (l + 1 < num_layers) ? 2 : 1, o);  // z, and h if hidden
    widest = o > widest ? o : widest;
  }
  fits = fits && add_product(&per_row, 2, widest) && add_product(&per_row, 1, layers_[0].in) &&
         add_product(&per_row, 1, target_width());
  std::size_t total = 0;
  if (!fits || !add_product(&total, rows, per_row)) {
    return fail(Status::OutOfMemory, "batch too large: the workspace would exceed 2 GiB");
  }
  float* ws = static_cast<float*>(std::malloc(total * sizeof(float)));
  if (ws == nullptr)
    return fail(Status::OutOfMemory, "out of memory allocating the batch workspace");
  std::free(workspace_);
  workspace_ = ws;
  capacity_ = rows;
  float* p = ws;
  for (std::size_t l = 0; l < num_layers; ++l) {
    Layer& layer = layers_[l];
    layer.z = p;
    p += rows * layer.out;
    layer.h = nullptr;
    if (l + 1 < num_layers) {
      layer.h = p;
      p += rows * layer.out;
    }
  }
  grad_a_ = p;
  p += rows * widest;
  grad_b_ = p;
  p += rows * widest;
  batch_x_ = p;
  p += rows * layers_[0].in;
  batch_y_ = p;
  forward_rows_ = 0;
  return Status::Ok;
}

void Mlp::refresh_packed() {
  if (!packed_dirty_) return;
  for (std::size_t l = 0; l + 1 < num_sizes_; ++l) {
    const Layer& layer = layers_[l];
    if (layer.wt != nullptr) pack_transposed(layer.w, layer.out, layer.in, layer.wt);
  }
  packed_dirty_ = false;
}

void Mlp::run_forward(const float* x, std::size_t rows) {
  refresh_packed();
  const std::size_t num_layers = num_sizes_ - 1;
  const float* a = x;
  for (std::size_t l = 0; l < num_layers; ++l) {
    const Layer& layer = layers_[l];
    dense_forward(a, rows, layer.in, layer.out, layer.w, layer.wt, layer.b, layer.z);
    if (layer.h != nullptr) {
      activation_forward(activation_, leaky_slope_, layer.z, layer.h, rows * layer.out);
      a = layer.h;
    }
  }
}

double Mlp::compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                              float l1) {
  run_forward(x, rows);
  const std::size_t num_layers = num_sizes_ - 1;
  const Layer& last = layers_[num_layers - 1];
  double loss = loss_and_grad(loss_, last.z, y, rows, last.out, grad_a_);
  float* dz = grad_a_;
  float* spare = grad_b_;
  for (std::size_t l = num_layers; l-- > 0;) {
    const Layer& layer = layers_[l];
    const float* a_in = l == 0 ? x : layers_[l - 1].h;
    dense_weight_grad(dz, a_in, rows, layer.in, layer.out, layer.dw, layer.db, scratch_);
    if (l > 0) {
      const Layer& below = layers_[l - 1];
      dense_input_grad(dz, rows, layer.in, layer.out, layer.w, spare);
      activation_backward(activation_, leaky_slope_, grad_at_zero_, below.z, spare,
                          rows * below.out);
      float* t = dz;
      dz = spare;
      spare = t;
    }
  }
  WeightPenalty penalty(l2, l1);
  if (penalty.active()) {
    for (std::size_t l = 0; l < num_layers; ++l) {
      const Layer& layer = layers_[l];
      penalty.add(layer.w, layer.dw, layer.in * layer.out);
    }
    loss += penalty.loss();
  }
  return loss;
}

const float* Mlp::forward_logits(const float* x, std::size_t rows) {
  run_forward(x, rows);
  return layers_[num_sizes_ - 2].z;
}

Status Mlp::loss_and_gradients(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                               double l2, double l1, double* loss) {
  std::size_t rows = 0;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (!kTrainL2.contains(l2) || !kTrainL1.contains(l1)) {
    return fail(Status::InvalidArgument, "l2 and l1 must be finite and >= 0");
  }
  if (Status s = ensure_workspace(rows); s != Status::Ok) return s;
  forward_rows_ = 0;
  const double value =
      compute_gradients(x, y, rows, static_cast<float>(l2), static_cast<float>(l1));
  if (loss != nullptr) *loss = value;
  return ok();
}

Status Mlp::train_step(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                       const TrainOptions& options, double* loss) {
  std::size_t rows = 0;
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (Status s = ensure_workspace(rows); s != Status::Ok) return s;
  forward_rows_ = 0;
  const double value = finish_step(
      *this,
      compute_gradients(x, y, rows, static_cast<float>(options.l2), static_cast<float>(options.l1)),
      options);
  if (loss != nullptr) *loss = value;
  return ok();
}

Status Mlp::check_loop(const TrainLoop& loop) const {
  const unsigned faults = train_loop_faults(loop);
  if ((faults & kBadBatchSize) != 0) {
    return fail(Status::InvalidArgument, "batchSize must be an integer >= 1");
  }
  if ((faults & kBadSteps) != 0) {
    return fail(Status::InvalidArgument, "steps must be an integer >= 1");
  }
  if ((faults & kBadResume) != 0) {
    return fail(Status::InvalidArgument, "first_step must be >= 0 and loss_sum finite");
  }
  return Status::Ok;
}

Status Mlp::train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                  const TrainLoop& loop, const TrainOptions& options, TrainResult* result) {
  std::size_t rows = 0;
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_loop(loop); s != Status::Ok) return s;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (rows > 0xffffffffu) return fail(Status::ShapeMismatch, "X has more than 2^32 - 1 rows");
  return run_minibatches(MinibatchRows::of_arrays(x, y, rows), loop, options, result);
}

Status Mlp::train(const Dataset& data, const TrainLoop& loop, const TrainOptions& options,
                  TrainResult* result) {
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_loop(loop); s != Status::Ok) return s;
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  return run_minibatches(MinibatchRows::of_dataset(data), loop, options, result);
}

Status Mlp::check_dataset(const Dataset& data) const {
  if (data.features() != layers_[0].in) {
    return fail(Status::ShapeMismatch, "data: its rows have not sizes[0] features");
  }
  return check_dataset_targets(*this, loss_, layers_[num_sizes_ - 2].out, data);
}

Status Mlp::run_minibatches(MinibatchRows source, const TrainLoop& loop,
                            const TrainOptions& options, TrainResult* result) {
  const auto asked = static_cast<std::size_t>(loop.batch_size);
  if (Status s = ensure_workspace(asked < source.rows ? asked : source.rows); s != Status::Ok) {
    return s;
  }
  source.features = layers_[0].in;
  source.target_width = target_width();
  source.batch_x = batch_x_;
  source.batch_y = batch_y_;
  const Status s = nn::run_minibatches(*this, *this, &order_, source, loop, options, result);
  if (s == Status::Ok) forward_rows_ = 0;  // the run overwrote the layers' values
  return s;
}

std::size_t Mlp::classes() const { return loss_classes(loss_, layers_[num_sizes_ - 2].out); }

Status Mlp::evaluate(const Dataset& data, std::size_t first, std::size_t count,
                     std::int32_t* predictions, std::uint32_t* confusion, EvalResult* result) {
  std::size_t rows = 0;
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  if (Status s = eval_row_count(*this, data, first, count, &rows); s != Status::Ok) return s;
  const std::size_t chunk_rows = capacity_ > kEvalChunkRows ? capacity_ : kEvalChunkRows;
  if (Status s = ensure_workspace(rows < chunk_rows ? rows : chunk_rows); s != Status::Ok) {
    return s;
  }
  forward_rows_ = 0;
  EvalChunk chunk;
  chunk.x = batch_x_;
  chunk.y = batch_y_;
  chunk.grad = grad_a_;
  chunk.rows = capacity_;
  const EvalResult r = evaluate_rows(*this, loss_, layers_[num_sizes_ - 2].out, data, first, rows,
                                     chunk, predictions, confusion);
  if (result != nullptr) *result = r;
  return ok();
}

Status Mlp::train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                  std::int32_t batch_size, std::int32_t steps, std::uint32_t seed,
                  const TrainOptions& options, double* mean_loss) {
  TrainLoop loop;
  loop.batch_size = batch_size;
  loop.steps = steps;
  loop.seed = seed;
  TrainResult result;
  const Status s = train(x, x_len, y, y_len, loop, options, &result);
  if (s == Status::Ok && mean_loss != nullptr) *mean_loss = result.mean_loss;
  return s;
}

Status Mlp::predict(const float* x, std::size_t x_len, float* out) {
  std::size_t rows = 0;
  if (out == nullptr) return fail(Status::InvalidArgument, "predict: null output");
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = ensure_workspace(rows); s != Status::Ok) return s;
  forward_rows_ = 0;
  run_forward(x, rows);
  const Layer& last = layers_[num_sizes_ - 2];
  loss_predict(loss_, last.z, rows, last.out, out);
  return ok();
}

Status Mlp::forward(const float* x, std::size_t x_len) {
  std::size_t rows = 0;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = ensure_workspace(rows); s != Status::Ok) return s;
  run_forward(x, rows);
  forward_rows_ = rows;
  return ok();
}

Status Mlp::get_activations(std::int32_t layer, float* out) const {
  if (Status s = check_layer(layer); s != Status::Ok) return s;
  if (forward_rows_ == 0)
    return fail(Status::InvalidState, "no forward pass to read: call forward first");
  if (out == nullptr) return fail(Status::InvalidArgument, "null output");
  const Layer& l = layers_[layer];
  std::memcpy(out, l.h != nullptr ? l.h : l.z, forward_rows_ * l.out * sizeof(float));
  return ok();
}

Status Mlp::get_pre_activations(std::int32_t hidden, float* out) const {
  if (hidden < 0 || hidden >= num_layers() - 1)
    return fail(Status::OutOfRange, "hidden layer index out of range");
  if (forward_rows_ == 0)
    return fail(Status::InvalidState, "no forward pass to read: call forward first");
  if (out == nullptr) return fail(Status::InvalidArgument, "null output");
  const Layer& l = layers_[hidden];
  std::memcpy(out, l.z, forward_rows_ * l.out * sizeof(float));
  return ok();
}

Status Mlp::dead_units(std::int32_t hidden, std::int32_t* out, std::int32_t* count) const {
  if (hidden < 0 || hidden >= num_layers() - 1)
    return fail(Status::OutOfRange, "hidden layer index out of range");
  if (forward_rows_ == 0)
    return fail(Status::InvalidState, "no forward pass to read: call forward first");
  if (out == nullptr || count == nullptr) return fail(Status::InvalidArgument, "null output");
  const Layer& l = layers_[hidden];
  std::int32_t n = 0;
  for (std::size_t j = 0; j < l.out; ++j) {
    bool dead = true;
    for (std::size_t r = 0; r < forward_rows_ && dead; ++r) dead = l.h[r * l.out + j] == 0.0f;
    if (dead) out[n++] = static_cast<std::int32_t>(j);
  }
  *count = n;
  return ok();
}

}  // namespace relu::nn
