// Generated from web/src/option-specs.ts by web/scripts/gen-option-table.mjs: do not edit.
// The engine's enums, status codes, defaults and bounds; the TypeScript side validates against
// the same table, and the engine checks again (its guards return InvalidArgument).
#pragma once

#include <cstdint>

namespace relu::nn {

// Hidden activations.
enum class Activation : std::int32_t { Relu = 0, LeakyRelu = 1, Tanh = 2, Sigmoid = 3, Linear = 4 };
inline constexpr std::int32_t kActivationCount = 5;
// Losses on the output logits.
enum class Loss : std::int32_t { Bce = 0, Mse = 1, SoftmaxCe = 2 };
inline constexpr std::int32_t kLossCount = 3;
// Weight initialisations.
enum class Init : std::int32_t { He = 0, Xavier = 1, Zeros = 2 };
inline constexpr std::int32_t kInitCount = 3;
// Update rules.
enum class Optimizer : std::int32_t { Sgd = 0, Momentum = 1, Adam = 2 };
inline constexpr std::int32_t kOptimizerCount = 3;
// How a dataset stores its features.
enum class FeatureType : std::int32_t { Float32 = 0, Uint8 = 1 };
inline constexpr std::int32_t kFeatureTypeCount = 2;
// Convolution paddings.
enum class Padding : std::int32_t { Same = 0, Valid = 1 };
inline constexpr std::int32_t kPaddingCount = 2;
// Layer kinds of a convolutional network.
enum class ConvLayerKind : std::int32_t { Conv = 0, Pool = 1, Dense = 2 };
inline constexpr std::int32_t kConvLayerKindCount = 3;
// Results of every fallible engine call (meanings in nn/status.h).
enum class Status : std::int32_t {
  Ok = 0,
  InvalidArgument = 1,
  ShapeMismatch = 2,
  OutOfRange = 3,
  NonFinite = 4,
  OutOfMemory = 5,
  InvalidState = 6
};
inline constexpr const char* kStatusNames[] = {"Ok",          "InvalidArgument", "ShapeMismatch",
                                               "OutOfRange",  "NonFinite",       "OutOfMemory",
                                               "InvalidState"};

// A number option: default, inclusive minimum, maximum (exclusive when max_exclusive).
struct NumberRange {
  double default_value, min, max;
  bool max_exclusive;
  // False for NaN.
  constexpr bool contains(double v) const {
    return v >= min && (max_exclusive ? v < max : v <= max);
  }
};
// A whole-number option: default, inclusive minimum and maximum.
struct IntegerRange {
  std::int64_t default_value, min, max;
  constexpr bool contains(std::int64_t v) const { return v >= min && v <= max; }
};

inline constexpr std::int32_t kMaxLayers = 1024;
inline constexpr std::int32_t kMaxUnits = 16777216;
inline constexpr std::int32_t kMaxChannels = 4096;
inline constexpr std::int32_t kMaxImageSide = 4096;

// createMLP
// activation: hidden activation; the output layer is linear
inline constexpr Activation kMlpActivationDefault = Activation::Relu;
// leakySlope: Leaky ReLU's slope for x < 0 (a finite float32)
inline constexpr NumberRange kMlpLeakySlope{0.01, -3.4028234663852886e+38, 3.4028234663852886e+38,
                                            false};
// loss: 'bce' (one output, labels 0/1), 'mse' (targets) or 'softmax_ce' (class indices)
inline constexpr Loss kMlpLossDefault = Loss::Bce;
// init: 'he' for relu and leaky_relu, 'xavier' otherwise
// seed: seed of the initial weights
inline constexpr IntegerRange kMlpSeed{0, 0, 4294967295};
// gradAtZero: ReLU's derivative at exactly 0: 0 (PyTorch) or 1
inline constexpr IntegerRange kMlpGradAtZero{0, 0, 1};

// One layer of createConvNet (its other options are createMLP's)
// conv: output channels (filters) of a convolution
inline constexpr IntegerRange kConvLayerConv{8, 1, 4096};
// kernel: filter height and width: 3 or 5 (stride 1)
inline constexpr IntegerRange kConvLayerKernel{3, 3, 5};
// padding: 'same' pads (kernel - 1) / 2 zeros on every side; 'valid' pads none
inline constexpr Padding kConvLayerPaddingDefault = Padding::Same;
// pool: max pooling window and stride: 2 (odd sizes are floored)
inline constexpr IntegerRange kConvLayerPool{2, 2, 2};

// One update (trainStep, and each step of train)
// lr: learning rate
inline constexpr NumberRange kTrainLr{0.01, 0.0, 1e+30, true};
// l2: L2 penalty on weights: loss += 0.5 * l2 * sum(W^2)
inline constexpr NumberRange kTrainL2{0.0, 0.0, 1e+30, true};
// l1: L1 penalty on weights: loss += l1 * sum(|W|)
inline constexpr NumberRange kTrainL1{0.0, 0.0, 1e+30, true};
// optimizer: changing it between calls resets the optimizer state
inline constexpr Optimizer kTrainOptimizerDefault = Optimizer::Sgd;
// momentum: momentum coefficient (optimizer 'momentum')
inline constexpr NumberRange kTrainMomentum{0.9, 0.0, 1e+30, true};
// beta1: Adam's beta1
inline constexpr NumberRange kTrainBeta1{0.9, 0.0, 1.0, true};
// beta2: Adam's beta2
inline constexpr NumberRange kTrainBeta2{0.999, 0.0, 1.0, true};
// eps: Adam's epsilon
inline constexpr NumberRange kTrainEps{1e-8, 0.0, 1e+30, true};

// The minibatch loop (train)
// batchSize: rows per minibatch, capped at the rows of X
inline constexpr IntegerRange kLoopBatchSize{32, 1, 2147483647};
// steps: minibatch updates in this call
inline constexpr IntegerRange kLoopSteps{1, 1, 2147483647};
// seed: seed of the shuffled visiting order
inline constexpr IntegerRange kLoopSeed{0, 0, 4294967295};

// A dataset in engine memory (createDataset)
// scale: the network sees features * scale, computed in float32 inside the engine (e.g. 1/255 for
// uint8 pixels); 1 unless given
inline constexpr NumberRange kDatasetScale{1.0, 0.0, 3.4028234663852886e+38, false};

// Passes over a dataset (trainOn)
// epochs: passes over the dataset when steps is not given: steps = epochs * ceil(rows / batchSize)
inline constexpr IntegerRange kDataEpochs{1, 1, 2147483647};

// Evaluation over a dataset's rows (evaluate)
// first: first row evaluated
inline constexpr IntegerRange kEvalFirst{0, 0, 4294967294};
// count: rows evaluated, capped at the rows from first to the end
inline constexpr IntegerRange kEvalCount{4294967295, 1, 4294967295};

// The gradient check (gradientCheck)
// step: h of the centred difference (L(p + h) - L(p - h)) / 2h, taken in double precision
inline constexpr NumberRange kGradCheckStep{0.00001, 1e-12, 1.0, false};
// maxParams: parameters checked: all of them when the network has at most this many, else this many
// chosen by seed
inline constexpr IntegerRange kGradCheckMaxParams{1000, 1, 2147483647};
// seed: seed of the sample of parameters (when maxParams is below their count)
inline constexpr IntegerRange kGradCheckSeed{0, 0, 4294967295};
// l2: L2 penalty included in the loss, as in lossAndGradients
inline constexpr NumberRange kGradCheckL2{0.0, 0.0, 1e+30, true};
// l1: L1 penalty included in the loss, as in lossAndGradients
inline constexpr NumberRange kGradCheckL1{0.0, 0.0, 1e+30, true};
// floor: relative error = |analytic - numeric| / max(|analytic|, |numeric|, floor): below floor a
// gradient is judged absolutely, as its float32 sum carries rounding of about 1e-7 times its terms
inline constexpr NumberRange kGradCheckFloor{0.001, 0.0, 1.0, false};

}  // namespace relu::nn
