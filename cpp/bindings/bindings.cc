// The one Embind layer: it only translates. Arrays cross as byte offsets into WASM memory
// (the TypeScript side owns the buffers and re-derives views), sizes as numbers. Argument
// checking happens in TypeScript, so nothing here can throw into JavaScript.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kernels/activation.h"
#include "nn/conv_net.h"
#include "nn/mlp.h"

namespace {

float* f32(std::uintptr_t offset) { return reinterpret_cast<float*>(offset); }

// malloc, not new: a request the heap cannot satisfy returns 0 (reported to JS as a
// RangeError) instead of aborting the module.
std::uintptr_t alloc_bytes(std::size_t bytes) {
  return reinterpret_cast<std::uintptr_t>(std::malloc(bytes == 0 ? 1 : bytes));
}
void free_bytes(std::uintptr_t offset) { std::free(reinterpret_cast<void*>(offset)); }

void relu_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n) {
  relu::relu_forward(f32(x), f32(y), n);
}
void relu_backward(std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx, std::size_t n,
                   int grad_at_zero) {
  relu::relu_backward(f32(x), f32(dy), f32(dx), n, grad_at_zero);
}
void leaky_relu_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n, float alpha) {
  relu::leaky_relu_forward(f32(x), f32(y), n, alpha);
}
void leaky_relu_backward(std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx, std::size_t n,
                         float alpha) {
  relu::leaky_relu_backward(f32(x), f32(dy), f32(dx), n, alpha);
}
std::string kernel_isa() { return relu::kernel_isa(); }

// ---- The network. A network crosses as its address (a handle the TypeScript side owns).
using relu::nn::Mlp;
Mlp* net_of(std::uintptr_t handle) { return reinterpret_cast<Mlp*>(handle); }
double* f64(std::uintptr_t offset) { return reinterpret_cast<double*>(offset); }
int status(relu::nn::Status s) { return static_cast<int>(s); }

// Creates an engine object (Mlp, Dataset) from its config: writes its address to slots[0]
// and, on failure, the address of a static message to slots[1].
template <typename Object, typename Config>
int create_into(const Config& config, std::uintptr_t slots) {
  Object* object = nullptr;
  const char* message = "";
  const relu::nn::Status s = Object::create(config, &object, &message);
  auto* out = reinterpret_cast<std::uintptr_t*>(slots);
  out[0] = reinterpret_cast<std::uintptr_t>(object);
  out[1] = reinterpret_cast<std::uintptr_t>(message);
  return status(s);
}
int mlp_create(const relu::nn::MlpConfig& config, std::uintptr_t slots) {
  return create_into<Mlp>(config, slots);
}
void mlp_destroy(std::uintptr_t net) { Mlp::destroy(net_of(net)); }
std::size_t mlp_weight_count(std::uintptr_t net, int layer) {
  return net_of(net)->weight_count(layer);
}
std::size_t mlp_bias_count(std::uintptr_t net, int layer) { return net_of(net)->bias_count(layer); }
std::size_t mlp_target_width(std::uintptr_t net) { return net_of(net)->target_width(); }
std::string mlp_last_error(std::uintptr_t net) { return net_of(net)->last_error(); }
int mlp_get_params(std::uintptr_t net, int layer, std::uintptr_t w, std::uintptr_t b) {
  return status(net_of(net)->get_params(layer, f32(w), f32(b)));
}
int mlp_set_params(std::uintptr_t net, int layer, std::uintptr_t w, std::size_t w_len,
                   std::uintptr_t b, std::size_t b_len) {
  return status(net_of(net)->set_params(layer, f32(w), w_len, f32(b), b_len));
}
int mlp_loss_and_gradients(std::uintptr_t net, std::uintptr_t x, std::size_t x_len,
                           std::uintptr_t y, std::size_t y_len, double l2, double l1,
                           std::uintptr_t loss) {
  return status(net_of(net)->loss_and_gradients(f32(x), x_len, f32(y), y_len, l2, l1, f64(loss)));
}
int mlp_get_gradients(std::uintptr_t net, int layer, std::uintptr_t dw, std::uintptr_t db) {
  return status(net_of(net)->get_gradients(layer, f32(dw), f32(db)));
}
int mlp_train_step(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t y,
                   std::size_t y_len, const relu::nn::TrainOptions& options, std::uintptr_t loss) {
  return status(net_of(net)->train_step(f32(x), x_len, f32(y), y_len, options, f64(loss)));
}
static_assert(offsetof(relu::nn::TrainResult, mean_loss) == 0 &&
                  offsetof(relu::nn::TrainResult, loss_sum) == 8 &&
                  offsetof(relu::nn::TrainResult, steps_run) == 16,
              "web/src/mlp.ts reads TrainResult at these offsets");
// The result goes to `result` as a TrainResult: mean loss and loss sum (doubles), then steps run.
int mlp_train(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t y,
              std::size_t y_len, const relu::nn::TrainLoop& loop,
              const relu::nn::TrainOptions& options, std::uintptr_t result) {
  return status(net_of(net)->train(f32(x), x_len, f32(y), y_len, loop, options,
                                   reinterpret_cast<relu::nn::TrainResult*>(result)));
}
static_assert(offsetof(relu::nn::GradCheckResult, max_relative_error) == 0 &&
                  offsetof(relu::nn::GradCheckResult, worst_analytic) == 8 &&
                  offsetof(relu::nn::GradCheckResult, worst_numeric) == 16 &&
                  offsetof(relu::nn::GradCheckResult, checked) == 24 &&
                  offsetof(relu::nn::GradCheckResult, kinks) == 28 &&
                  offsetof(relu::nn::GradCheckResult, worst_layer) == 32 &&
                  offsetof(relu::nn::GradCheckResult, worst_index) == 36,
              "web/src/mlp.ts reads GradCheckResult at these offsets");
int mlp_gradient_check(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t y,
                       std::size_t y_len, const relu::nn::GradCheckOptions& options,
                       std::uintptr_t result) {
  return status(net_of(net)->gradient_check(f32(x), x_len, f32(y), y_len, options,
                                            reinterpret_cast<relu::nn::GradCheckResult*>(result)));
}
void mlp_reset_optimizer(std::uintptr_t net) { net_of(net)->reset_optimizer(); }
int mlp_predict(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t out) {
  return status(net_of(net)->predict(f32(x), x_len, f32(out)));
}
int mlp_forward(std::uintptr_t net, std::uintptr_t x, std::size_t x_len) {
  return status(net_of(net)->forward(f32(x), x_len));
}
int mlp_get_activations(std::uintptr_t net, int layer, std::uintptr_t out) {
  return status(net_of(net)->get_activations(layer, f32(out)));
}
int mlp_get_pre_activations(std::uintptr_t net, int hidden, std::uintptr_t out) {
  return status(net_of(net)->get_pre_activations(hidden, f32(out)));
}
int mlp_dead_units(std::uintptr_t net, int hidden, std::uintptr_t out, std::uintptr_t count) {
  return status(net_of(net)->dead_units(hidden, reinterpret_cast<std::int32_t*>(out),
                                        reinterpret_cast<std::int32_t*>(count)));
}

// ---- Datasets in engine memory. A dataset crosses as its address, like a network.
using relu::nn::Dataset;
const Dataset& data_of(std::uintptr_t handle) { return *reinterpret_cast<Dataset*>(handle); }

int dataset_create(const relu::nn::DatasetConfig& config, std::uintptr_t slots) {
  return create_into<Dataset>(config, slots);
}
void dataset_destroy(std::uintptr_t data) { Dataset::destroy(reinterpret_cast<Dataset*>(data)); }
std::string dataset_last_error(std::uintptr_t data) { return data_of(data).last_error(); }
// x is float32 or uint8 by the dataset's feature type; x_len counts values.
int dataset_set_rows(std::uintptr_t data, std::size_t first, std::uintptr_t x, std::size_t x_len,
                     std::uintptr_t y, std::size_t y_len) {
  return status(reinterpret_cast<Dataset*>(data)->set_rows(first, reinterpret_cast<const void*>(x),
                                                           x_len, f32(y), y_len));
}
int mlp_train_dataset(std::uintptr_t net, std::uintptr_t data, const relu::nn::TrainLoop& loop,
                      const relu::nn::TrainOptions& options, std::uintptr_t result) {
  return status(net_of(net)->train(data_of(data), loop, options,
                                   reinterpret_cast<relu::nn::TrainResult*>(result)));
}
static_assert(offsetof(relu::nn::EvalResult, mean_loss) == 0 &&
                  offsetof(relu::nn::EvalResult, accuracy) == 8 &&
                  offsetof(relu::nn::EvalResult, rows) == 16 &&
                  offsetof(relu::nn::EvalResult, correct) == 20,
              "web/src/mlp.ts reads EvalResult at these offsets");
// predictions: int32[rows evaluated]; confusion: uint32[classes][classes], zeroed by the caller.
int mlp_evaluate(std::uintptr_t net, std::uintptr_t data, std::size_t first, std::size_t count,
                 std::uintptr_t predictions, std::uintptr_t confusion, std::uintptr_t result) {
  return status(net_of(net)->evaluate(data_of(data), first, count,
                                      reinterpret_cast<std::int32_t*>(predictions),
                                      reinterpret_cast<std::uint32_t*>(confusion),
                                      reinterpret_cast<relu::nn::EvalResult*>(result)));
}
std::size_t mlp_classes(std::uintptr_t net) { return net_of(net)->classes(); }

// ---- The convolutional network: the MLP's calls, plus shapes by layer. Parameter layers
// (conv and dense) and layers (pools included) are numbered as in nn/conv_net.h.
using relu::nn::ConvNet;
ConvNet* conv_of(std::uintptr_t handle) { return reinterpret_cast<ConvNet*>(handle); }
static_assert(sizeof(relu::nn::ConvLayerSpec) == 16 &&
                  offsetof(relu::nn::ConvLayerSpec, size) == 4 &&
                  offsetof(relu::nn::ConvLayerSpec, kernel) == 8 &&
                  offsetof(relu::nn::ConvLayerSpec, padding) == 12,
              "web/src/conv-net.ts writes layers as four int32: kind, size, kernel, padding");
int conv_create(const relu::nn::ConvNetConfig& config, std::uintptr_t slots) {
  return create_into<ConvNet>(config, slots);
}
void conv_destroy(std::uintptr_t net) { ConvNet::destroy(conv_of(net)); }
std::size_t conv_weight_count(std::uintptr_t net, int layer) {
  return conv_of(net)->weight_count(layer);
}
std::size_t conv_bias_count(std::uintptr_t net, int layer) {
  return conv_of(net)->bias_count(layer);
}
std::size_t conv_output_size(std::uintptr_t net, int layer) {
  return conv_of(net)->output_size(layer);
}
std::size_t conv_target_width(std::uintptr_t net) { return conv_of(net)->target_width(); }
std::size_t conv_classes(std::uintptr_t net) { return conv_of(net)->classes(); }
std::string conv_last_error(std::uintptr_t net) { return conv_of(net)->last_error(); }
int conv_get_params(std::uintptr_t net, int layer, std::uintptr_t w, std::uintptr_t b) {
  return status(conv_of(net)->get_params(layer, f32(w), f32(b)));
}
int conv_set_params(std::uintptr_t net, int layer, std::uintptr_t w, std::size_t w_len,
                    std::uintptr_t b, std::size_t b_len) {
  return status(conv_of(net)->set_params(layer, f32(w), w_len, f32(b), b_len));
}
int conv_get_gradients(std::uintptr_t net, int layer, std::uintptr_t dw, std::uintptr_t db) {
  return status(conv_of(net)->get_gradients(layer, f32(dw), f32(db)));
}
int conv_loss_and_gradients(std::uintptr_t net, std::uintptr_t x, std::size_t x_len,
                            std::uintptr_t y, std::size_t y_len, double l2, double l1,
                            std::uintptr_t loss) {
  return status(conv_of(net)->loss_and_gradients(f32(x), x_len, f32(y), y_len, l2, l1, f64(loss)));
}
int conv_train_step(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t y,
                    std::size_t y_len, const relu::nn::TrainOptions& options, std::uintptr_t loss) {
  return status(conv_of(net)->train_step(f32(x), x_len, f32(y), y_len, options, f64(loss)));
}
int conv_train(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t y,
               std::size_t y_len, const relu::nn::TrainLoop& loop,
               const relu::nn::TrainOptions& options, std::uintptr_t result) {
  return status(conv_of(net)->train(f32(x), x_len, f32(y), y_len, loop, options,
                                    reinterpret_cast<relu::nn::TrainResult*>(result)));
}
int conv_train_dataset(std::uintptr_t net, std::uintptr_t data, const relu::nn::TrainLoop& loop,
                       const relu::nn::TrainOptions& options, std::uintptr_t result) {
  return status(conv_of(net)->train(data_of(data), loop, options,
                                    reinterpret_cast<relu::nn::TrainResult*>(result)));
}
int conv_evaluate(std::uintptr_t net, std::uintptr_t data, std::size_t first, std::size_t count,
                  std::uintptr_t predictions, std::uintptr_t confusion, std::uintptr_t result) {
  return status(conv_of(net)->evaluate(data_of(data), first, count,
                                       reinterpret_cast<std::int32_t*>(predictions),
                                       reinterpret_cast<std::uint32_t*>(confusion),
                                       reinterpret_cast<relu::nn::EvalResult*>(result)));
}
void conv_reset_optimizer(std::uintptr_t net) { conv_of(net)->reset_optimizer(); }
int conv_predict(std::uintptr_t net, std::uintptr_t x, std::size_t x_len, std::uintptr_t out) {
  return status(conv_of(net)->predict(f32(x), x_len, f32(out)));
}
int conv_forward(std::uintptr_t net, std::uintptr_t x, std::size_t x_len) {
  return status(conv_of(net)->forward(f32(x), x_len));
}
int conv_get_activations(std::uintptr_t net, int layer, std::uintptr_t out) {
  return status(conv_of(net)->get_activations(layer, f32(out)));
}
int conv_dead_units(std::uintptr_t net, int layer, std::uintptr_t out, std::uintptr_t count) {
  return status(conv_of(net)->dead_units(layer, reinterpret_cast<std::int32_t*>(out),
                                         reinterpret_cast<std::int32_t*>(count)));
}

// Enums cross as their integer codes (the package's option table numbers them); the engine
// rejects codes out of range.
template <typename Struct, typename Enum, Enum Struct::*Field>
std::int32_t enum_code(const Struct& s) {
  return static_cast<std::int32_t>(s.*Field);
}
template <typename Struct, typename Enum, Enum Struct::*Field>
void set_enum_code(Struct& s, std::int32_t code) {
  s.*Field = static_cast<Enum>(code);
}
template <typename Struct, typename Enum, Enum Struct::*Field>
void enum_field(emscripten::value_object<Struct>& object, const char* name) {
  object.field(name, &enum_code<Struct, Enum, Field>, &set_enum_code<Struct, Enum, Field>);
}
std::uintptr_t sizes_offset(const relu::nn::MlpConfig& c) {
  return reinterpret_cast<std::uintptr_t>(c.sizes);
}
void set_sizes_offset(relu::nn::MlpConfig& c, std::uintptr_t offset) {
  c.sizes = reinterpret_cast<const std::int32_t*>(offset);
}
std::uintptr_t layers_offset(const relu::nn::ConvNetConfig& c) {
  return reinterpret_cast<std::uintptr_t>(c.layers);
}
void set_layers_offset(relu::nn::ConvNetConfig& c, std::uintptr_t offset) {
  c.layers = reinterpret_cast<const relu::nn::ConvLayerSpec*>(offset);
}

}  // namespace

// The four element-wise kernels once more as plain C exports. The zero-copy API calls these
// directly: a raw WASM export costs a few nanoseconds per call, Embind's invoker (argument
// wiring, destructor bookkeeping) several times that, which matters at 1Ki floats. The
// TypeScript wrapper has already checked every argument; names are listed in
// wasm_targets.cmake's EXPORTED_FUNCTIONS.
extern "C" {
EMSCRIPTEN_KEEPALIVE void relu_wasm_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n) {
  relu_forward(x, y, n);
}
EMSCRIPTEN_KEEPALIVE void relu_wasm_backward(std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx,
                                             std::size_t n, int grad_at_zero) {
  relu_backward(x, dy, dx, n, grad_at_zero);
}
EMSCRIPTEN_KEEPALIVE void relu_wasm_leaky_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n,
                                                  float alpha) {
  leaky_relu_forward(x, y, n, alpha);
}
EMSCRIPTEN_KEEPALIVE void relu_wasm_leaky_backward(std::uintptr_t x, std::uintptr_t dy,
                                                   std::uintptr_t dx, std::size_t n, float alpha) {
  leaky_relu_backward(x, dy, dx, n, alpha);
}
}  // extern "C"

EMSCRIPTEN_BINDINGS(relu_kernels) {
  using relu::nn::Activation;
  using relu::nn::DatasetConfig;
  using relu::nn::FeatureType;
  using relu::nn::Init;
  using relu::nn::Loss;
  using relu::nn::MlpConfig;
  using relu::nn::Optimizer;
  using relu::nn::TrainLoop;
  using relu::nn::TrainOptions;
  // Options cross as one plain object each (field names are the engine's; the TypeScript
  // wrapper builds them from the checked options).
  emscripten::value_object<MlpConfig> config("MlpConfig");
  config.field("sizes", &sizes_offset, &set_sizes_offset)
      .field("numSizes", &MlpConfig::num_sizes)
      .field("leakySlope", &MlpConfig::leaky_slope)
      .field("seed", &MlpConfig::seed)
      .field("gradAtZero", &MlpConfig::grad_at_zero);
  enum_field<MlpConfig, Activation, &MlpConfig::activation>(config, "activation");
  enum_field<MlpConfig, Loss, &MlpConfig::loss>(config, "loss");
  enum_field<MlpConfig, Init, &MlpConfig::init>(config, "init");
  using relu::nn::ConvNetConfig;
  emscripten::value_object<ConvNetConfig> conv_config("ConvNetConfig");
  conv_config.field("channels", &ConvNetConfig::channels)
      .field("height", &ConvNetConfig::height)
      .field("width", &ConvNetConfig::width)
      .field("layers", &layers_offset, &set_layers_offset)
      .field("numLayers", &ConvNetConfig::num_layers)
      .field("leakySlope", &ConvNetConfig::leaky_slope)
      .field("seed", &ConvNetConfig::seed)
      .field("gradAtZero", &ConvNetConfig::grad_at_zero);
  enum_field<ConvNetConfig, Activation, &ConvNetConfig::activation>(conv_config, "activation");
  enum_field<ConvNetConfig, Loss, &ConvNetConfig::loss>(conv_config, "loss");
  enum_field<ConvNetConfig, Init, &ConvNetConfig::init>(conv_config, "init");
  emscripten::value_object<TrainOptions> train_options("TrainOptions");
  train_options.field("lr", &TrainOptions::lr)
      .field("l2", &TrainOptions::l2)
      .field("l1", &TrainOptions::l1)
      .field("momentum", &TrainOptions::momentum)
      .field("beta1", &TrainOptions::beta1)
      .field("beta2", &TrainOptions::beta2)
      .field("eps", &TrainOptions::eps);
  enum_field<TrainOptions, Optimizer, &TrainOptions::optimizer>(train_options, "optimizer");
  emscripten::value_object<TrainLoop>("TrainLoop")
      .field("batchSize", &TrainLoop::batch_size)
      .field("steps", &TrainLoop::steps)
      .field("seed", &TrainLoop::seed)
      .field("firstStep", &TrainLoop::first_step)
      .field("lossSum", &TrainLoop::loss_sum);
  emscripten::value_object<relu::nn::GradCheckOptions>("GradCheckOptions")
      .field("step", &relu::nn::GradCheckOptions::step)
      .field("maxParams", &relu::nn::GradCheckOptions::max_params)
      .field("seed", &relu::nn::GradCheckOptions::seed)
      .field("l2", &relu::nn::GradCheckOptions::l2)
      .field("l1", &relu::nn::GradCheckOptions::l1)
      .field("floor", &relu::nn::GradCheckOptions::floor);
  emscripten::value_object<DatasetConfig>("DatasetConfig")
      .field("rows", &DatasetConfig::rows)
      .field("features", &DatasetConfig::features)
      .field("targetWidth", &DatasetConfig::target_width)
      .field("featureType", &enum_code<DatasetConfig, FeatureType, &DatasetConfig::feature_type>,
             &set_enum_code<DatasetConfig, FeatureType, &DatasetConfig::feature_type>)
      .field("scale", &DatasetConfig::scale);

  emscripten::function("allocBytes", &alloc_bytes);
  emscripten::function("freeBytes", &free_bytes);
  emscripten::function("reluForward", &relu_forward);
  emscripten::function("reluBackward", &relu_backward);
  emscripten::function("leakyReluForward", &leaky_relu_forward);
  emscripten::function("leakyReluBackward", &leaky_relu_backward);
  emscripten::function("kernelIsa", &kernel_isa);

  emscripten::function("mlpCreate", &mlp_create);
  emscripten::function("mlpDestroy", &mlp_destroy);
  emscripten::function("mlpWeightCount", &mlp_weight_count);
  emscripten::function("mlpBiasCount", &mlp_bias_count);
  emscripten::function("mlpTargetWidth", &mlp_target_width);
  emscripten::function("mlpLastError", &mlp_last_error);
  emscripten::function("mlpGetParams", &mlp_get_params);
  emscripten::function("mlpSetParams", &mlp_set_params);
  emscripten::function("mlpLossAndGradients", &mlp_loss_and_gradients);
  emscripten::function("mlpGetGradients", &mlp_get_gradients);
  emscripten::function("mlpTrainStep", &mlp_train_step);
  emscripten::function("mlpTrain", &mlp_train);
  emscripten::function("mlpGradientCheck", &mlp_gradient_check);
  emscripten::function("mlpResetOptimizer", &mlp_reset_optimizer);
  emscripten::function("mlpPredict", &mlp_predict);
  emscripten::function("mlpForward", &mlp_forward);
  emscripten::function("mlpGetActivations", &mlp_get_activations);
  emscripten::function("mlpGetPreActivations", &mlp_get_pre_activations);
  emscripten::function("mlpDeadUnits", &mlp_dead_units);
  emscripten::function("mlpTrainDataset", &mlp_train_dataset);
  emscripten::function("mlpEvaluate", &mlp_evaluate);
  emscripten::function("mlpClasses", &mlp_classes);
  emscripten::function("convCreate", &conv_create);
  emscripten::function("convDestroy", &conv_destroy);
  emscripten::function("convWeightCount", &conv_weight_count);
  emscripten::function("convBiasCount", &conv_bias_count);
  emscripten::function("convOutputSize", &conv_output_size);
  emscripten::function("convTargetWidth", &conv_target_width);
  emscripten::function("convClasses", &conv_classes);
  emscripten::function("convLastError", &conv_last_error);
  emscripten::function("convGetParams", &conv_get_params);
  emscripten::function("convSetParams", &conv_set_params);
  emscripten::function("convGetGradients", &conv_get_gradients);
  emscripten::function("convLossAndGradients", &conv_loss_and_gradients);
  emscripten::function("convTrainStep", &conv_train_step);
  emscripten::function("convTrain", &conv_train);
  emscripten::function("convTrainDataset", &conv_train_dataset);
  emscripten::function("convEvaluate", &conv_evaluate);
  emscripten::function("convResetOptimizer", &conv_reset_optimizer);
  emscripten::function("convPredict", &conv_predict);
  emscripten::function("convForward", &conv_forward);
  emscripten::function("convGetActivations", &conv_get_activations);
  emscripten::function("convDeadUnits", &conv_dead_units);
  emscripten::function("datasetCreate", &dataset_create);
  emscripten::function("datasetDestroy", &dataset_destroy);
  emscripten::function("datasetSetRows", &dataset_set_rows);
  emscripten::function("datasetLastError", &dataset_last_error);
}
