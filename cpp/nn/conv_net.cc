#include "nn/conv_net.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "nn/channel_layout.h"
#include "nn/dense.h"
#include "nn/evaluation.h"
#include "nn/hidden_activation.h"
#include "nn/limits.h"
#include "nn/loss.h"
#include "nn/max_pool.h"
#include "nn/network_config.h"
#include "nn/prng.h"
#include "nn/train_checks.h"
#include "nn/weight_penalty.h"

namespace relu::nn {
namespace {

float* alloc_floats(std::size_t count) {
  return static_cast<float*>(std::calloc(count == 0 ? 1 : count, sizeof(float)));
}

std::size_t max_of(std::size_t a, std::size_t b) { return a > b ? a : b; }

}  // namespace

Status ConvNet::create(const ConvNetConfig& config, ConvNet** out, const char** message) {
  const char* ignored = nullptr;
  const char** msg = message != nullptr ? message : &ignored;
  *msg = "";
  if (out == nullptr) {
    *msg = "create: null output pointer";
    return Status::InvalidArgument;
  }
  *out = nullptr;
  if (config.channels < 1 || config.channels > kMaxChannels || config.height < 1 ||
      config.height > kMaxImageSide || config.width < 1 || config.width > kMaxImageSide) {
    *msg =
        "input must be [channels, height, width] with channels in [1, 4096] and sides in [1, 4096]";
    return Status::InvalidArgument;
  }
  if (config.layers == nullptr || config.num_layers < 1 ||
      config.num_layers > static_cast<std::size_t>(kMaxLayers)) {
    *msg = "layers must list 1 to 1024 layers";
    return Status::InvalidArgument;
  }
  if (!valid_enum(config.activation, kActivationCount) || !valid_enum(config.loss, kLossCount) ||
      !valid_enum(config.init, kInitCount)) {
    *msg = "unknown activation, loss or init";
    return Status::InvalidArgument;
  }
  if (const char* fault = activation_config_fault(config.leaky_slope, config.grad_at_zero)) {
    *msg = fault;
    return Status::InvalidArgument;
  }

  // Shapes, layer by layer, with every product checked against the engine's size limit.
  const std::size_t n = config.num_layers;
  Stage* stages = new (std::nothrow) Stage[n];
  if (stages == nullptr) {
    *msg = "out of memory";
    return Status::OutOfMemory;
  }
  auto reject = [&](Status s, const char* text) {
    delete[] stages;
    *msg = text;
    return s;
  };
  std::size_t c = static_cast<std::size_t>(config.channels);
  const std::size_t c0 = c;
  std::size_t h = static_cast<std::size_t>(config.height);
  std::size_t w = static_cast<std::size_t>(config.width);
  std::size_t input = 0;
  if (!add_product(&input, c * h, w) || input > static_cast<std::size_t>(kMaxUnits)) {
    return reject(Status::InvalidArgument, "input: channels * height * width must be at most 2^24");
  }
  bool flat = false;
  std::size_t flat_size = input, params = 0, packed = 0, num_params = 0;
  std::size_t padded = 0;
  std::size_t max_weights = 0, max_biases = 0, dense_scratch = 0, max_size = input;
  std::size_t flat_per_row = 0, backward = 0;
  for (std::size_t l = 0; l < n; ++l) {
    const ConvLayerSpec& spec = config.layers[l];
    Stage& s = stages[l];
    s = Stage{};
    s.kind = spec.kind;
    s.in_size = flat_size;
    if (!valid_enum(spec.kind, kConvLayerKindCount)) {
      return reject(Status::InvalidArgument, "unknown layer kind");
    }
    if (spec.kind == ConvLayerKind::Conv) {
      if (flat) return reject(Status::InvalidArgument, "a conv layer cannot follow a dense layer");
      if (!kConvLayerConv.contains(spec.size)) {
        return reject(Status::InvalidArgument, "conv: channels must be an integer in [1, 4096]");
      }
      if (spec.kernel != 3 && spec.kernel != 5) {
        return reject(Status::InvalidArgument, "conv: kernel must be 3 or 5");
      }
      if (!valid_enum(spec.padding, kPaddingCount)) {
        return reject(Status::InvalidArgument, "conv: unknown padding");
      }
      const auto k = static_cast<std::size_t>(spec.kernel);
      const std::size_t pad = spec.padding == Padding::Same ? (k - 1) / 2 : 0;
      if (h + 2 * pad < k || w + 2 * pad < k) {
        return reject(Status::InvalidArgument,
                      "conv: a 'valid' convolution needs an input at least kernel x kernel");
      }
      const auto o = static_cast<std::size_t>(spec.size);
      s.conv = ConvShape{c, h, w, o, k, pad, h + 2 * pad - k + 1, w + 2 * pad - k + 1};
      s.activated = true;
      s.spatial = true;
      std::size_t out_here = 0, padded_here = 0;
      if (!add_product(&params, s.conv.patch() + 1, o) ||
          !add_product(&packed, 2 * s.conv.patch(), o) ||
          !add_product(&padded_here, c, (h + 2 * pad) * (w + 2 * pad)) ||
          !add_product(&padded_here, 1, ConvShape::kPaddedSlack) ||
          !add_product(&out_here, o, s.conv.positions()) ||
          out_here > static_cast<std::size_t>(kMaxUnits)) {
        return reject(Status::OutOfMemory, "network too large: a conv layer exceeds 2^24 values");
      }
      padded = max_of(padded, padded_here);
      backward = max_of(backward, ConvBackwardScratch::floats(s.conv));
      max_weights = max_of(max_weights, o * s.conv.dwq_stride());
      max_biases = max_of(max_biases, o);
      c = o;
      h = s.conv.out_height;
      w = s.conv.out_width;
      flat_size = out_here;
      ++num_params;
    } else if (spec.kind == ConvLayerKind::Pool) {
      if (flat) return reject(Status::InvalidArgument, "a pool layer cannot follow a dense layer");
      if (!kConvLayerPool.contains(spec.size)) {
        return reject(Status::InvalidArgument, "pool: the window must be 2");
      }
      if (h < 2 || w < 2) return reject(Status::InvalidArgument, "pool: input smaller than 2x2");
      s.conv = ConvShape{c, h, w, c, 2, 0, h / 2, w / 2};
      s.spatial = true;
      h /= 2;
      w /= 2;
      flat_size = c * h * w;
    } else {
      if (spec.size < 1 || spec.size > kMaxUnits) {
        return reject(Status::InvalidArgument, "dense: units must be an integer in [1, 2^24]");
      }
      s.reads_image = !flat && l > 0;
      if (s.reads_image) flat_per_row += flat_size;
      flat = true;
      s.dense_in = flat_size;
      s.dense_out = static_cast<std::size_t>(spec.size);
      s.activated = l + 1 < n;
      if (!add_product(&params, s.dense_in + 1, s.dense_out) ||
          (dense_forward_uses_packed(s.dense_out) &&
           !add_product(&packed, s.dense_in, s.dense_out))) {
        return reject(Status::OutOfMemory, "network too large: its parameters exceed 2 GiB");
      }
      dense_scratch = max_of(dense_scratch, dense_weight_grad_scratch(s.dense_in, s.dense_out));
      max_weights = max_of(max_weights, s.dense_in * s.dense_out);
      max_biases = max_of(max_biases, s.dense_out);
      flat_size = s.dense_out;
      ++num_params;
    }
    s.out_size = flat_size;
    max_size = max_of(max_size, flat_size);
  }
  if (stages[n - 1].kind != ConvLayerKind::Dense) {
    return reject(Status::InvalidArgument, "the last layer must be dense (it is linear)");
  }
  const std::size_t outputs = stages[n - 1].dense_out;
  if (const char* fault = loss_units_fault(config.loss, outputs)) {
    return reject(Status::InvalidArgument, fault);
  }
  std::size_t arena = 0;
  if (!add_product(&arena, params, 4) || !add_product(&arena, packed, 1)) {
    return reject(Status::OutOfMemory, "network too large: its parameters exceed 2 GiB");
  }

  ConvNet* net = new (std::nothrow) ConvNet();
  if (net == nullptr) return reject(Status::OutOfMemory, "out of memory");
  net->stages_ = stages;
  net->num_stages_ = n;
  net->arena_ = alloc_floats(arena);
  if (net->arena_ == nullptr) {
    destroy(net);
    *msg = "out of memory allocating the network";
    return Status::OutOfMemory;
  }
  net->num_params_ = num_params;
  net->input_size_ = input;
  net->max_size_ = max_size;
  net->backward_floats_ = backward;
  net->padded_floats_ = padded;
  net->max_weights_ = max_weights;
  net->max_biases_ = max_biases;
  // A first conv or pool layer reads the input channel-last (converted per chunk); a first
  // dense layer reads it as given, in (channel, row, column) order.
  const bool convert_input = c0 > 1 && stages[0].kind != ConvLayerKind::Dense;
  net->input_channels_ = convert_input ? c0 : 1;
  net->input_positions_ = input / c0;
  net->dense_scratch_ = dense_scratch;
  net->activation_ = config.activation;
  net->leaky_slope_ = static_cast<float>(config.leaky_slope);
  net->loss_ = config.loss;
  net->grad_at_zero_ = config.grad_at_zero;
  float* packed_ptr = net->attach_arena(net->arena_, params);
  std::size_t offset = 0;
  // Workspace floats per row: every stage's z, h (activated) and arg max (pool), the flattened
  // input of a dense layer after a conv or pool, two gradient buffers and, for an input of
  // several channels, its channel-last copy.
  std::size_t per_row = 2 * max_size + flat_per_row + (convert_input ? input : 0);
  for (std::size_t l = 0; l < n; ++l) {
    Stage& s = stages[l];
    per_row += s.out_size * (1 + (s.activated ? 1 : 0) + (s.kind == ConvLayerKind::Pool ? 1 : 0));
    if (s.kind == ConvLayerKind::Pool) continue;
    const std::size_t wc = s.kind == ConvLayerKind::Conv ? s.conv.out_channels * s.conv.patch()
                                                         : s.dense_in * s.dense_out;
    const std::size_t bc = s.kind == ConvLayerKind::Conv ? s.conv.out_channels : s.dense_out;
    s.w = net->params_ + offset;
    s.dw = net->grads_ + offset;
    offset += wc;
    s.b = net->params_ + offset;
    s.db = net->grads_ + offset;
    offset += bc;
    if (s.kind == ConvLayerKind::Dense && dense_forward_uses_packed(s.dense_out)) {
      s.wt = packed_ptr;
      packed_ptr += wc;
    } else if (s.kind == ConvLayerKind::Conv) {
      s.wt = packed_ptr;
      s.wq = packed_ptr + wc;
      packed_ptr += 2 * wc;
    }
  }
  net->per_row_ = per_row;
  const std::size_t by_bytes = kChunkBytes / (per_row * sizeof(float));
  net->chunk_rows_ = by_bytes < 1 ? 1 : (by_bytes < kChunkRows ? by_bytes : kChunkRows);

  if (config.init != Init::Zeros) {
    Pcg32 rng(config.seed, kInitStream);
    NormalSampler normal(&rng);
    for (std::size_t l = 0; l < n; ++l) {
      const Stage& s = stages[l];
      if (s.kind == ConvLayerKind::Pool) continue;
      const bool conv = s.kind == ConvLayerKind::Conv;
      const std::size_t fan_in = conv ? s.conv.patch() : s.dense_in;
      const std::size_t fan_out =
          conv ? s.conv.out_channels * s.conv.kernel * s.conv.kernel : s.dense_out;
      const std::size_t count = conv ? s.conv.out_channels * fan_in : s.dense_in * s.dense_out;
      draw_weights(&normal, config.init, fan_in, fan_out, s.w, count);
    }
  }
  *out = net;
  return Status::Ok;
}

void ConvNet::destroy(ConvNet* net) { delete net; }

ConvNet::~ConvNet() {
  std::free(workspace_);
  std::free(batch_);
  std::free(arena_);
  delete[] stages_;
}

std::size_t ConvNet::output_size(std::int32_t layer) const {
  if (layer < 0 || static_cast<std::size_t>(layer) >= num_stages_) return 0;
  return stages_[layer].out_size;
}

ConvNet::Stage* ConvNet::param_stage(std::int32_t param_layer) const {
  if (param_layer < 0) return nullptr;
  std::int32_t p = 0;
  for (std::size_t l = 0; l < num_stages_; ++l) {
    if (stages_[l].kind == ConvLayerKind::Pool) continue;
    if (p++ == param_layer) return &stages_[l];
  }
  return nullptr;
}

std::size_t ConvNet::weight_count(std::int32_t param_layer) const {
  const Stage* s = param_stage(param_layer);
  if (s == nullptr) return 0;
  return s->kind == ConvLayerKind::Conv ? s->conv.out_channels * s->conv.patch()
                                        : s->dense_in * s->dense_out;
}

std::size_t ConvNet::bias_count(std::int32_t param_layer) const {
  const Stage* s = param_stage(param_layer);
  if (s == nullptr) return 0;
  return s->kind == ConvLayerKind::Conv ? s->conv.out_channels : s->dense_out;
}

std::size_t ConvNet::target_width() const {
  return loss_target_width(loss_, stages_[num_stages_ - 1].dense_out);
}

std::size_t ConvNet::classes() const {
  return loss_classes(loss_, stages_[num_stages_ - 1].dense_out);
}

Status ConvNet::get_params(std::int32_t param_layer, float* w, float* b) const {
  const Stage* s = param_stage(param_layer);
  if (s == nullptr) return fail(Status::OutOfRange, "layer index out of range");
  if (w != nullptr) std::memcpy(w, s->w, weight_count(param_layer) * sizeof(float));
  if (b != nullptr) std::memcpy(b, s->b, bias_count(param_layer) * sizeof(float));
  return ok();
}

Status ConvNet::get_gradients(std::int32_t param_layer, float* dw, float* db) const {
  const Stage* s = param_stage(param_layer);
  if (s == nullptr) return fail(Status::OutOfRange, "layer index out of range");
  if (dw != nullptr) std::memcpy(dw, s->dw, weight_count(param_layer) * sizeof(float));
  if (db != nullptr) std::memcpy(db, s->db, bias_count(param_layer) * sizeof(float));
  return ok();
}

Status ConvNet::set_params(std::int32_t param_layer, const float* w, std::size_t w_len,
                           const float* b, std::size_t b_len) {
  Stage* s = param_stage(param_layer);
  if (s == nullptr) return fail(Status::OutOfRange, "layer index out of range");
  if (w == nullptr || b == nullptr || w_len != weight_count(param_layer) ||
      b_len != bias_count(param_layer)) {
    return fail(Status::ShapeMismatch, "setParams: W and b do not have the layer's sizes");
  }
  if (!all_finite(w, w_len) || !all_finite(b, b_len)) {
    return fail(Status::NonFinite, "setParams: W or b contains NaN or infinity");
  }
  std::memcpy(s->w, w, w_len * sizeof(float));
  std::memcpy(s->b, b, b_len * sizeof(float));
  packed_dirty_ = true;
  forward_rows_ = 0;
  return ok();
}

Status ConvNet::check_x(const float* x, std::size_t x_len, std::size_t* rows) const {
  return check_inputs(*this, x, x_len, input_size_,
                      "X length is not a multiple of channels * height * width of the input", rows);
}

Status ConvNet::check_y(const float* y, std::size_t y_len, std::size_t rows) const {
  return check_targets(*this, loss_, stages_[num_stages_ - 1].dense_out, y, y_len, rows);
}

Status ConvNet::check_options(const TrainOptions& options) const {
  const unsigned faults = train_option_faults(options);
  if ((faults & kBadOptimizer) != 0) return fail(Status::InvalidArgument, "unknown optimizer");
  if ((faults & (kBadLr | kBadL2 | kBadL1 | kBadMomentum | kBadEps)) != 0) {
    return fail(Status::InvalidArgument, "lr, l2, l1, momentum and eps must be finite and >= 0");
  }
  if ((faults & (kBadBeta1 | kBadBeta2)) != 0) {
    return fail(Status::InvalidArgument, "beta1 and beta2 must be in [0, 1)");
  }
  return Status::Ok;
}

Status ConvNet::check_loop(const TrainLoop& loop) const {
  if (train_loop_faults(loop) != 0) {
    return fail(Status::InvalidArgument, "batchSize and steps must be integers >= 1");
  }
  return Status::Ok;
}

Status ConvNet::check_dataset(const Dataset& data) const {
  if (data.features() != input_size_) {
    return fail(Status::ShapeMismatch,
                "data: its rows have not channels * height * width features");
  }
  return check_dataset_targets(*this, loss_, stages_[num_stages_ - 1].dense_out, data);
}

Status ConvNet::ensure_workspace(std::size_t rows) {
  if (rows <= capacity_) return Status::Ok;
  std::size_t total = 0;
  if (!add_product(&total, rows, per_row_) || !add_product(&total, 2, padded_floats_) ||
      !add_product(&total, 1, max_weights_) || !add_product(&total, 1, backward_floats_) ||
      !add_product(&total, 1, max_biases_) || !add_product(&total, 1, dense_scratch_)) {
    return fail(Status::OutOfMemory, "batch too large: the workspace would exceed 2 GiB");
  }
  float* ws = static_cast<float*>(std::malloc(total * sizeof(float)));
  if (ws == nullptr) {
    return fail(Status::OutOfMemory, "out of memory allocating the batch workspace");
  }
  std::free(workspace_);
  workspace_ = ws;
  capacity_ = rows;
  float* p = ws;
  for (std::size_t l = 0; l < num_stages_; ++l) {
    Stage& s = stages_[l];
    s.z = p;
    p += rows * s.out_size;
    s.h = nullptr;
    if (s.activated) {
      s.h = p;
      p += rows * s.out_size;
    }
    s.argmax = nullptr;
    if (s.kind == ConvLayerKind::Pool) {
      static_assert(sizeof(std::int32_t) == sizeof(float), "arg max shares float slots");
      s.argmax = reinterpret_cast<std::int32_t*>(p);
      p += rows * s.out_size;
    }
    s.flat = nullptr;
    if (s.reads_image) {
      s.flat = p;
      p += rows * s.in_size;
    }
  }
  grad_a_ = p;
  p += rows * max_size_;
  grad_b_ = p;
  p += rows * max_size_;
  input_nhwc_ = nullptr;
  if (input_channels_ > 1) {
    input_nhwc_ = p;
    p += rows * input_size_;
  }
  padded_ = p;
  p += padded_floats_;
  dpadded_ = p;
  p += padded_floats_;
  backward_scratch_ = p;
  p += backward_floats_;
  grad_w_ = p;
  p += max_weights_;
  grad_bias_ = p;
  p += max_biases_;
  dense_scratch_ptr_ = p;
  forward_rows_ = 0;
  return Status::Ok;
}

Status ConvNet::ensure_batch(std::size_t rows) {
  if (rows <= batch_capacity_) return Status::Ok;
  std::size_t total = 0;
  if (!add_product(&total, rows, input_size_ + target_width())) {
    return fail(Status::OutOfMemory, "batch too large: it would exceed 2 GiB");
  }
  float* b = static_cast<float*>(std::malloc(total * sizeof(float)));
  if (b == nullptr) return fail(Status::OutOfMemory, "out of memory allocating the batch");
  std::free(batch_);
  batch_ = b;
  batch_x_ = b;
  batch_y_ = b + rows * input_size_;
  batch_capacity_ = rows;
  return Status::Ok;
}

void ConvNet::refresh_packed() {
  if (!packed_dirty_) return;
  for (std::size_t l = 0; l < num_stages_; ++l) {
    const Stage& s = stages_[l];
    if (s.kind == ConvLayerKind::Conv) {
      conv2d_pack_weights(s.conv, s.w, s.wt, s.wq);
    } else if (s.wt != nullptr) {
      pack_transposed(s.w, s.dense_out, s.dense_in, s.wt);
    }
  }
  packed_dirty_ = false;
}

void ConvNet::run_forward(const float* x, std::size_t rows) {
  refresh_packed();
  image_in_ = x;
  if (input_nhwc_ != nullptr) {
    to_channel_last(x, rows, input_channels_, input_positions_, input_nhwc_);
    image_in_ = input_nhwc_;
  }
  const float* a = image_in_;
  for (std::size_t l = 0; l < num_stages_; ++l) {
    Stage& s = stages_[l];
    switch (s.kind) {
      case ConvLayerKind::Conv:
        for (std::size_t r = 0; r < rows; ++r) {
          const float* padded = conv2d_pad(s.conv, a + r * s.in_size, padded_);
          conv2d_forward(s.conv, padded, s.wt, s.b, s.z + r * s.out_size);
        }
        break;
      case ConvLayerKind::Pool:
        for (std::size_t r = 0; r < rows; ++r) {
          max_pool2_forward(s.conv.in_channels, s.conv.height, s.conv.width, a + r * s.in_size,
                            s.z + r * s.out_size, s.argmax + r * s.out_size);
        }
        break;
      case ConvLayerKind::Dense:
        if (s.reads_image) {
          const Stage& below = stages_[l - 1];
          to_channel_first(a, rows, below.channels(), below.positions(), s.flat);
          a = s.flat;
        }
        dense_forward(a, rows, s.dense_in, s.dense_out, s.w, s.wt, s.b, s.z);
        break;
    }
    if (s.activated) activation_forward(activation_, leaky_slope_, s.z, s.h, rows * s.out_size);
    a = s.out();
  }
}

// Adds this chunk's gradients to every layer's dw, db; grad_a_ holds dLoss/dlogits on entry.
void ConvNet::run_backward(std::size_t rows) {
  float* dz = grad_a_;
  float* spare = grad_b_;
  for (std::size_t l = num_stages_; l-- > 0;) {
    const Stage& s = stages_[l];
    const float* a_in = l == 0 ? image_in_ : stages_[l - 1].out();
    const bool need_dx = l > 0;
    switch (s.kind) {
      case ConvLayerKind::Dense: {
        const std::size_t wc = s.dense_in * s.dense_out;
        if (s.reads_image) a_in = s.flat;
        dense_weight_grad(dz, a_in, rows, s.dense_in, s.dense_out, grad_w_, grad_bias_,
                          dense_scratch_ptr_);
        for (std::size_t i = 0; i < wc; ++i) s.dw[i] += grad_w_[i];
        for (std::size_t i = 0; i < s.dense_out; ++i) s.db[i] += grad_bias_[i];
        if (!need_dx) break;
        if (s.reads_image) {
          // The forward pass's flattened input is no longer needed: it takes the gradient.
          const Stage& below = stages_[l - 1];
          dense_input_grad(dz, rows, s.dense_in, s.dense_out, s.w, s.flat);
          to_channel_last(s.flat, rows, below.channels(), below.positions(), spare);
        } else {
          dense_input_grad(dz, rows, s.dense_in, s.dense_out, s.w, spare);
        }
        break;
      }
      case ConvLayerKind::Conv: {
        // dW accumulates in patch order over the chunk's rows, then joins s.dw in W's order.
        const ConvShape& cs = s.conv;
        std::memset(grad_w_, 0, cs.out_channels * cs.dwq_stride() * sizeof(float));
        const ConvBackwardScratch scratch = ConvBackwardScratch::in(cs, backward_scratch_);
        for (std::size_t r = 0; r < rows; ++r) {
          const float* padded = conv2d_pad(cs, a_in + r * s.in_size, padded_);
          float* dx = spare + r * s.in_size;
          float* dpadded = cs.pad > 0 ? dpadded_ : dx;
          if (need_dx) std::memset(dpadded, 0, cs.padded_size() * sizeof(float));
          conv2d_backward(cs, padded, s.wq, dz + r * s.out_size, grad_w_, s.db,
                          need_dx ? dpadded : nullptr, scratch);
          if (need_dx && cs.pad > 0) conv2d_unpad(cs, dpadded_, dx);
        }
        conv2d_add_weight_grad(cs, grad_w_, s.dw);
        break;
      }
      case ConvLayerKind::Pool:
        for (std::size_t r = 0; r < rows && need_dx; ++r) {
          max_pool2_backward(s.conv.in_channels, s.conv.height, s.conv.width, dz + r * s.out_size,
                             s.argmax + r * s.out_size, spare + r * s.in_size);
        }
        break;
    }
    if (!need_dx) break;
    const Stage& below = stages_[l - 1];
    if (below.activated) {
      activation_backward(activation_, leaky_slope_, grad_at_zero_, below.z, spare,
                          rows * below.out_size);
    }
    float* t = dz;
    dz = spare;
    spare = t;
  }
}

// The batch runs in chunks of at most capacity_ rows; each chunk's loss gradient is scaled by
// its share of the rows, so the sum over chunks is the gradient of the batch's mean loss.
double ConvNet::compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                                  float l1) {
  std::memset(grads_, 0, param_count_ * sizeof(float));
  const Stage& last = stages_[num_stages_ - 1];
  const std::size_t tw = target_width();
  double loss = 0.0;
  for (std::size_t done = 0; done < rows;) {
    const std::size_t n = rows - done < capacity_ ? rows - done : capacity_;
    const float* xc = x + done * input_size_;
    run_forward(xc, n);
    const double chunk_loss =
        loss_and_grad(loss_, last.z, y + done * tw, n, last.dense_out, grad_a_);
    if (n != rows) {
      const auto share = static_cast<float>(static_cast<double>(n) / static_cast<double>(rows));
      for (std::size_t i = 0; i < n * last.dense_out; ++i) grad_a_[i] *= share;
      loss += chunk_loss * static_cast<double>(n) / static_cast<double>(rows);
    } else {
      loss = chunk_loss;
    }
    run_backward(n);
    done += n;
  }
  WeightPenalty penalty(l2, l1);
  if (penalty.active()) {
    for (std::int32_t p = 0; p < num_param_layers(); ++p) {
      const Stage* s = param_stage(p);
      penalty.add(s->w, s->dw, weight_count(p));
    }
    loss += penalty.loss();
  }
  return loss;
}

const float* ConvNet::forward_logits(const float* x, std::size_t rows) {
  run_forward(x, rows);
  return stages_[num_stages_ - 1].z;
}

Status ConvNet::loss_and_gradients(const float* x, std::size_t x_len, const float* y,
                                   std::size_t y_len, double l2, double l1, double* loss) {
  std::size_t rows = 0;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (!kTrainL2.contains(l2) || !kTrainL1.contains(l1)) {
    return fail(Status::InvalidArgument, "l2 and l1 must be finite and >= 0");
  }
  if (Status s = ensure_workspace(rows < chunk_rows_ ? rows : chunk_rows_); s != Status::Ok)
    return s;
  forward_rows_ = 0;
  const double value =
      compute_gradients(x, y, rows, static_cast<float>(l2), static_cast<float>(l1));
  if (loss != nullptr) *loss = value;
  return ok();
}

Status ConvNet::train_step(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                           const TrainOptions& options, double* loss) {
  std::size_t rows = 0;
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (Status s = ensure_workspace(rows < chunk_rows_ ? rows : chunk_rows_); s != Status::Ok)
    return s;
  forward_rows_ = 0;
  const double value = finish_step(
      *this,
      compute_gradients(x, y, rows, static_cast<float>(options.l2), static_cast<float>(options.l1)),
      options);
  if (loss != nullptr) *loss = value;
  return ok();
}

Status ConvNet::train(const float* x, std::size_t x_len, const float* y, std::size_t y_len,
                      const TrainLoop& loop, const TrainOptions& options, TrainResult* result) {
  std::size_t rows = 0;
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_loop(loop); s != Status::Ok) return s;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = check_y(y, y_len, rows); s != Status::Ok) return s;
  if (rows > 0xffffffffu) return fail(Status::ShapeMismatch, "X has more than 2^32 - 1 rows");
  return run_minibatches(MinibatchRows::of_arrays(x, y, rows), loop, options, result);
}

Status ConvNet::train(const Dataset& data, const TrainLoop& loop, const TrainOptions& options,
                      TrainResult* result) {
  if (Status s = check_options(options); s != Status::Ok) return s;
  if (Status s = check_loop(loop); s != Status::Ok) return s;
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  return run_minibatches(MinibatchRows::of_dataset(data), loop, options, result);
}

Status ConvNet::run_minibatches(MinibatchRows source, const TrainLoop& loop,
                                const TrainOptions& options, TrainResult* result) {
  const auto asked = static_cast<std::size_t>(loop.batch_size);
  const std::size_t batch = asked < source.rows ? asked : source.rows;
  if (Status s = ensure_workspace(batch < chunk_rows_ ? batch : chunk_rows_); s != Status::Ok)
    return s;
  // Float arrays run in place when one batch is all their rows; anything else is gathered.
  if (source.data != nullptr || batch != source.rows) {
    if (Status s = ensure_batch(batch); s != Status::Ok) return s;
  }
  source.features = input_size_;
  source.target_width = target_width();
  source.batch_x = batch_x_;
  source.batch_y = batch_y_;
  const Status s = nn::run_minibatches(*this, *this, &order_, source, loop, options, result);
  if (s == Status::Ok) forward_rows_ = 0;  // the run overwrote the layers' values
  return s;
}

Status ConvNet::evaluate(const Dataset& data, std::size_t first, std::size_t count,
                         std::int32_t* predictions, std::uint32_t* confusion, EvalResult* result) {
  std::size_t rows = 0;
  if (Status s = check_dataset(data); s != Status::Ok) return s;
  if (Status s = eval_row_count(*this, data, first, count, &rows); s != Status::Ok) return s;
  const std::size_t chunk_rows = rows < chunk_rows_ ? rows : chunk_rows_;
  if (Status s = ensure_workspace(chunk_rows); s != Status::Ok) return s;
  if (Status s = ensure_batch(chunk_rows); s != Status::Ok) return s;
  forward_rows_ = 0;
  EvalChunk chunk;
  chunk.x = batch_x_;
  chunk.y = batch_y_;
  chunk.grad = grad_a_;
  chunk.rows = chunk_rows;
  const EvalResult r = evaluate_rows(*this, loss_, stages_[num_stages_ - 1].dense_out, data, first,
                                     rows, chunk, predictions, confusion);
  if (result != nullptr) *result = r;
  return ok();
}

Status ConvNet::predict(const float* x, std::size_t x_len, float* out) {
  std::size_t rows = 0;
  if (out == nullptr) return fail(Status::InvalidArgument, "predict: null output");
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  const std::size_t chunk = rows < chunk_rows_ ? rows : chunk_rows_;
  if (Status s = ensure_workspace(chunk); s != Status::Ok) return s;
  forward_rows_ = 0;
  const Stage& last = stages_[num_stages_ - 1];
  for (std::size_t done = 0; done < rows;) {
    const std::size_t n = rows - done < chunk ? rows - done : chunk;
    run_forward(x + done * input_size_, n);
    loss_predict(loss_, last.z, n, last.dense_out, out + done * last.dense_out);
    done += n;
  }
  return ok();
}

Status ConvNet::forward(const float* x, std::size_t x_len) {
  std::size_t rows = 0;
  if (Status s = check_x(x, x_len, &rows); s != Status::Ok) return s;
  if (Status s = ensure_workspace(rows); s != Status::Ok) return s;
  run_forward(x, rows);
  forward_rows_ = rows;
  return ok();
}

Status ConvNet::get_activations(std::int32_t layer, float* out) const {
  if (layer < 0 || static_cast<std::size_t>(layer) >= num_stages_)
    return fail(Status::OutOfRange, "layer index out of range");
  if (forward_rows_ == 0)
    return fail(Status::InvalidState, "no forward pass to read: call forward first");
  if (out == nullptr) return fail(Status::InvalidArgument, "null output");
  const Stage& s = stages_[layer];
  if (s.spatial) {
    to_channel_first(s.out(), forward_rows_, s.channels(), s.positions(), out);
  } else {
    std::memcpy(out, s.out(), forward_rows_ * s.out_size * sizeof(float));
  }
  return ok();
}

Status ConvNet::dead_units(std::int32_t layer, std::int32_t* out, std::int32_t* count) const {
  if (layer < 0 || static_cast<std::size_t>(layer) >= num_stages_ || !stages_[layer].activated) {
    return fail(Status::OutOfRange, "not a hidden conv or dense layer");
  }
  if (forward_rows_ == 0)
    return fail(Status::InvalidState, "no forward pass to read: call forward first");
  if (out == nullptr || count == nullptr) return fail(Status::InvalidArgument, "null output");
  const Stage& s = stages_[layer];
  const bool conv = s.kind == ConvLayerKind::Conv;
  const std::size_t units = conv ? s.conv.out_channels : s.dense_out;
  const std::size_t span = conv ? s.conv.positions() : 1;  // channel-last: stride units
  std::int32_t n = 0;
  for (std::size_t u = 0; u < units; ++u) {
    bool dead = true;
    for (std::size_t r = 0; r < forward_rows_ && dead; ++r) {
      const float* v = s.h + r * s.out_size + u;
      for (std::size_t j = 0; j < span && dead; ++j) dead = v[j * units] == 0.0f;
    }
    if (dead) out[n++] = static_cast<std::int32_t>(u);
  }
  *count = n;
  return ok();
}

}  // namespace relu::nn
