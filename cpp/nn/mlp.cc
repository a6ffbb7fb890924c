#include "nn/mlp.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

#include "nn/dense.h"
#include "nn/hidden_activation.h"
#include "nn/limits.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/prng.h"

namespace relu::nn {
namespace {

// Training diverged: the loss or an update overflowed. The optimizer state is garbage from
// here on, so it is cleared; restoring the weights (set_params) then makes the net usable
// again. The returned loss is always non-finite, so callers need only test that.
double diverged(Mlp* net, double loss) {
  net->reset_optimizer();
  return std::isfinite(loss) ? std::numeric_limits<double>::quiet_NaN() : loss;
}

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
  if (!kMlpLeakySlope.contains(config.leaky_slope)) {
    *msg = "leakySlope must be a finite number";
    return Status::InvalidArgument;
  }
  if (!kMlpGradAtZero.contains(config.grad_at_zero)) {
    *msg = "gradAtZero must be 0 or 1";
    return Status::InvalidArgument;
  }
  const auto out_units = static_cast<std::size_t>(config.sizes[config.num_sizes - 1]);
  if (config.loss == Loss::Bce && out_units != 1) {
    *msg = "loss bce needs exactly 1 output unit";
    return Status::InvalidArgument;
  }
  if (config.loss == Loss::SoftmaxCe && out_units < 2) {
    *msg = "loss softmax_ce needs at least 2 output units";
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
  net->param_count_ = params;
  net->params_ = net->arena_;
  net->grads_ = net->params_ + params;
  net->opt_m_ = net->grads_ + params;
  net->opt_v_ = net->opt_m_ + params;
  float* packed_ptr = net->opt_v_ + params;
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
      // He (kaiming_normal_, fan_in): std sqrt(2 / in); Xavier (xavier_normal_): sqrt(2 / (in +
      // out)).
      const double fan = config.init == Init::He ? static_cast<double>(layer.in)
                                                 : static_cast<double>(layer.in + layer.out);
      const double stddev = std::sqrt(2.0 / fan);
      for (std::size_t i = 0; i < layer.in * layer.out; ++i) {
        layer.w[i] = static_cast<float>(normal.next() * stddev);
      }
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

Status Mlp::fail(Status status, const char* message) const {
  last_error_ = message;
  return status;
}

Status Mlp::ok() const {
  last_error_ = "";
  return Status::Ok;
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
  return loss_ == Loss::Mse ? layers_[num_sizes_ - 2].out : 1;
}

Status Mlp::check_layer(std::int32_t layer) const {
  if (layer < 0 || layer >= num_layers())
    return fail(Status::OutOfRange, "layer index out of range");
  return Status::Ok;
}

Status Mlp::check_x(const float* x, std::size_t x_len, std::size_t* rows) const {
  const std::size_t in = layers_[0].in;
  if (x == nullptr || x_len == 0)
    return fail(Status::ShapeMismatch, "X is empty: it needs at least one row");
  if (x_len % in != 0) {
    return fail(Status::ShapeMismatch, "X length is not a multiple of the input size (sizes[0])");
  }
  if (!all_finite(x, x_len)) return fail(Status::NonFinite, "X contains NaN or infinity");
  *rows = x_len / in;
  return Status::Ok;
}

Status Mlp::check_y(const float* y, std::size_t y_len, std::size_t rows) const {
  const std::size_t width = target_width();  // y_len == rows * width, without overflow
  if (y == nullptr || y_len % width != 0 || y_len / width != rows) {
    return fail(Status::ShapeMismatch, loss_ == Loss::Mse
                                           ? "Y must hold rows * outputs targets for mse"
                                           : "Y must hold one label per row of X");
  }
  if (!all_finite(y, y_len)) return fail(Status::NonFinite, "Y contains NaN or infinity");
  if (loss_ == Loss::Bce) {
    for (std::size_t i = 0; i < y_len; ++i) {
      if (!(y[i] >= 0.0f && y[i] <= 1.0f)) {
        return fail(Status::OutOfRange, "Y: bce labels must be in [0, 1]");
      }
    }
  } else if (loss_ == Loss::SoftmaxCe) {
    const auto classes = static_cast<float>(layers_[num_sizes_ - 2].out);
    for (std::size_t i = 0; i < y_len; ++i) {
      if (!(y[i] >= 0.0f && y[i] < classes) || y[i] != std::floor(y[i])) {
        return fail(Status::OutOfRange,
                    "Y: softmax_ce labels must be integers in [0, number of output units)");
      }
    }
  }
  return Status::Ok;
}

Status Mlp::check_options(const TrainOptions& o) const {
  if (!valid_enum(o.optimizer, kOptimizerCount)) {
    return fail(Status::InvalidArgument, "unknown optimizer");
  }
  // The bounds keep every value finite once rounded to float.
  if (!kTrainLr.contains(o.lr)) return fail(Status::InvalidArgument, "lr must be finite and >= 0");
  if (!kTrainL2.contains(o.l2)) return fail(Status::InvalidArgument, "l2 must be finite and >= 0");
  if (!kTrainL1.contains(o.l1)) return fail(Status::InvalidArgument, "l1 must be finite and >= 0");
  if (!kTrainMomentum.contains(o.momentum)) {
    return fail(Status::InvalidArgument, "momentum must be finite and >= 0");
  }
  if (!kTrainBeta1.contains(o.beta1))
    return fail(Status::InvalidArgument, "beta1 must be in [0, 1)");
  if (!kTrainBeta2.contains(o.beta2))
    return fail(Status::InvalidArgument, "beta2 must be in [0, 1)");
  if (!kTrainEps.contains(o.eps))
    return fail(Status::InvalidArgument, "eps must be finite and >= 0");
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
  if (l2 != 0.0f || l1 != 0.0f) {
    double sum_sq = 0.0, sum_abs = 0.0;
    for (std::size_t l = 0; l < num_layers; ++l) {
      const Layer& layer = layers_[l];
      const std::size_t n = layer.in * layer.out;
      for (std::size_t i = 0; i < n; ++i) {
        const float w = layer.w[i];
        const float sign = w > 0.0f ? 1.0f : (w < 0.0f ? -1.0f : 0.0f);
        layer.dw[i] += l2 * w + l1 * sign;
        sum_sq += static_cast<double>(w) * static_cast<double>(w);
        sum_abs += std::fabs(static_cast<double>(w));
      }
    }
    loss += 0.5 * static_cast<double>(l2) * sum_sq + static_cast<double>(l1) * sum_abs;
  }
  return loss;
}

void Mlp::reset_optimizer() {
  std::memset(opt_m_, 0, param_count_ * sizeof(float));
  std::memset(opt_v_, 0, param_count_ * sizeof(float));
  adam_t_ = 0;
}

void Mlp::apply_update(const TrainOptions& o) {
  if (o.optimizer != opt_kind_) {
    reset_optimizer();
    opt_kind_ = o.optimizer;
  }
  switch (o.optimizer) {
    case Optimizer::Sgd:
      sgd_update(params_, grads_, param_count_, o.lr);
      break;
    case Optimizer::Momentum:
      momentum_update(params_, grads_, opt_m_, param_count_, o.lr, o.momentum);
      break;
    case Optimizer::Adam:
      ++adam_t_;
      adam_update(params_, grads_, opt_m_, opt_v_, param_count_, o.lr, o.beta1, o.beta2, o.eps,
                  adam_t_);
      break;
  }
  packed_dirty_ = true;
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
  double value =
      compute_gradients(x, y, rows, static_cast<float>(options.l2), static_cast<float>(options.l1));
  if (std::isfinite(value)) apply_update(options);
  if (!std::isfinite(value) || !all_finite(params_, param_count_)) value = diverged(this, value);
  if (loss != nullptr) *loss = value;
  return ok();
}

Status Mlp::check_loop(const TrainLoop& loop) const {
  if (!kLoopBatchSize.contains(loop.batch_size)) {
    return fail(Status::InvalidArgument, "batchSize must be an integer >= 1");
  }
  if (!kLoopSteps.contains(loop.steps)) {
    return fail(Status::InvalidArgument, "steps must be an integer >= 1");
  }
  if (loop.first_step < 0 || !std::isfinite(loop.loss_sum)) {
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
  RowSource source;
  source.x = x;
  source.y = y;
  source.rows = rows;
  return run_minibatches(source, loop, options, result);
}

Status Mlp::train(const Dataset& data, const TrainLoop& loop, const TrainOptions& options,
                  TrainResult* result) {
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_loop(loop); s != Status::Ok) return s;
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  RowSource source;
  source.data = &data;
  source.rows = data.rows();
  return run_minibatches(source, loop, options, result);
}

Status Mlp::check_dataset(const Dataset& data) const {
  if (data.features() != layers_[0].in) {
    return fail(Status::ShapeMismatch, "data: its rows have not sizes[0] features");
  }
  if (data.target_width() != target_width()) {
    return fail(Status::ShapeMismatch, loss_ == Loss::Mse
                                           ? "data: mse needs one target per output unit per row"
                                           : "data: needs one label per row");
  }
  const TargetSummary t = data.targets();
  if (loss_ == Loss::Bce && !(t.min >= 0.0f && t.max <= 1.0f)) {
    return fail(Status::OutOfRange, "data: bce labels must be in [0, 1]");
  }
  if (loss_ == Loss::SoftmaxCe &&
      !(t.integral && t.min >= 0.0f && t.max < static_cast<float>(layers_[num_sizes_ - 2].out))) {
    return fail(Status::OutOfRange,
                "data: softmax_ce labels must be integers in [0, number of output units)");
  }
  return Status::Ok;
}

Status Mlp::run_minibatches(const RowSource& source, const TrainLoop& loop,
                            const TrainOptions& options, TrainResult* result) {
  const std::size_t rows = source.rows;
  const auto asked = static_cast<std::size_t>(loop.batch_size);
  const std::size_t batch = asked < rows ? asked : rows;
  if (Status s = ensure_workspace(batch); s != Status::Ok) return s;
  const bool full_batch = batch == rows;
  if (!full_batch) {
    if (!order_.reserve(rows))
      return fail(Status::OutOfMemory, "out of memory allocating the row order");
    order_.seek(loop.seed, rows, batch, loop.first_step);
  }
  forward_rows_ = 0;
  const auto l2 = static_cast<float>(options.l2);
  const auto l1 = static_cast<float>(options.l1);
  const std::size_t in = layers_[0].in;
  const std::size_t tw = target_width();
  const float* x = source.x;
  const float* y = source.y;
  if (full_batch && source.data != nullptr) {
    // Every step sees all rows in order: converted once for the whole call.
    source.data->gather_range(0, rows, batch_x_, batch_y_);
    x = batch_x_;
    y = batch_y_;
  }
  double total = loop.loss_sum;
  std::int32_t step = 0;
  for (; step < loop.steps; ++step) {
    double step_loss = 0.0;
    if (full_batch) {
      step_loss = compute_gradients(x, y, rows, l2, l1);
    } else {
      std::size_t n = 0;
      const std::uint32_t* index = order_.next(&n);
      if (source.data != nullptr) {
        source.data->gather(index, n, batch_x_, batch_y_);
      } else {
        for (std::size_t r = 0; r < n; ++r) {
          const std::size_t src = index[r];
          std::memcpy(batch_x_ + r * in, x + src * in, in * sizeof(float));
          std::memcpy(batch_y_ + r * tw, y + src * tw, tw * sizeof(float));
        }
      }
      step_loss = compute_gradients(batch_x_, batch_y_, n, l2, l1);
    }
    // A non-finite loss ends the call before its (NaN) update: the remaining steps could
    // only spread NaN, and the caller learns of it from the returned value.
    if (!std::isfinite(step_loss)) {
      total = step_loss;
      order_.invalidate();
      break;
    }
    total += step_loss;
    apply_update(options);
  }
  double mean = total / (static_cast<double>(loop.first_step) + static_cast<double>(loop.steps));
  if (!std::isfinite(mean) || !all_finite(params_, param_count_)) {
    mean = diverged(this, mean);
    order_.invalidate();
  }
  if (result != nullptr) *result = TrainResult{mean, total, step};
  return ok();
}

std::size_t Mlp::classes() const {
  switch (loss_) {
    case Loss::Bce:
      return 2;
    case Loss::SoftmaxCe:
      return layers_[num_sizes_ - 2].out;
    case Loss::Mse:
      return 0;
  }
  return 0;
}

Status Mlp::evaluate(const Dataset& data, std::size_t first, std::size_t count,
                     std::int32_t* predictions, std::uint32_t* confusion, EvalResult* result) {
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  if (first >= data.rows()) return fail(Status::OutOfRange, "first is past the last row of data");
  if (count == 0) return fail(Status::InvalidArgument, "count must be at least 1");
  const std::size_t n_rows = count < data.rows() - first ? count : data.rows() - first;
  const std::size_t chunk_rows = capacity_ > kEvalChunkRows ? capacity_ : kEvalChunkRows;
  if (Status s = ensure_workspace(n_rows < chunk_rows ? n_rows : chunk_rows); s != Status::Ok) {
    return s;
  }
  forward_rows_ = 0;
  const Layer& last = layers_[num_sizes_ - 2];
  const std::size_t out = last.out;
  const std::size_t k = classes();
  double loss_sum = 0.0;
  std::size_t correct = 0;
  for (std::size_t done = 0; done < n_rows;) {
    const std::size_t n = n_rows - done < capacity_ ? n_rows - done : capacity_;
    data.gather_range(first + done, n, batch_x_, batch_y_);
    run_forward(batch_x_, n);
    // The loss's gradient goes to grad_a_, unused here: one loss function, no second copy.
    loss_sum += loss_and_grad(loss_, last.z, batch_y_, n, out, grad_a_) * static_cast<double>(n);
    correct += count_correct(loss_, last.z, batch_y_, n, out, k, done, predictions, confusion);
    done += n;
  }
  if (result != nullptr) *result = eval_result(loss_sum, correct, n_rows, k);
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
