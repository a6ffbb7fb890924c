// Plain structs describing a network, a training step and a training loop: everything a
// binding fills from JavaScript values. The enums, defaults and bounds come from
// nn/option_table.h (generated from the package's option table); the engine validates every
// field again, enum values out of range included.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/option_table.h"

namespace relu::nn {

struct MlpConfig {
  const std::int32_t* sizes = nullptr;            // units per layer, input first: e.g. {2, 8, 8, 1}
  std::size_t num_sizes = 0;                      // 2 .. kMaxLayers
  Activation activation = kMlpActivationDefault;  // of every hidden layer; the output is linear
  double leaky_slope = kMlpLeakySlope.default_value;  // LeakyRelu only; finite in float32
  Loss loss = kMlpLossDefault;                        // Bce needs 1 output, SoftmaxCe at least 2
  // The table's default depends on the activation (he for the ReLU family, else xavier);
  // callers that leave it get He.
  Init init = Init::He;
  std::uint32_t seed = static_cast<std::uint32_t>(kMlpSeed.default_value);
  std::int32_t grad_at_zero = static_cast<std::int32_t>(kMlpGradAtZero.default_value);
};

// Hyperparameters of one update, in the double precision JavaScript numbers have; the update
// itself runs in float32 as PyTorch's does.
struct TrainOptions {
  double lr = kTrainLr.default_value;
  double l2 = kTrainL2.default_value;  // loss += 0.5 * l2 * sum(W^2), weights only
  double l1 = kTrainL1.default_value;  // loss += l1 * sum(|W|), weights only
  Optimizer optimizer = kTrainOptimizerDefault;
  double momentum = kTrainMomentum.default_value;
  double beta1 = kTrainBeta1.default_value;
  double beta2 = kTrainBeta2.default_value;
  double eps = kTrainEps.default_value;
};

// The minibatch loop of Mlp::train. A long run may be split into several calls (to stay
// responsive or to be cancelled between them): each later call passes the steps already run
// as first_step and their summed loss as loss_sum, and the split run then visits the same rows
// and ends with the same parameters and mean loss, bit for bit, as one call would.
struct TrainLoop {
  std::int32_t batch_size = static_cast<std::int32_t>(kLoopBatchSize.default_value);
  std::int32_t steps = static_cast<std::int32_t>(kLoopSteps.default_value);  // in this call
  std::uint32_t seed = static_cast<std::uint32_t>(kLoopSeed.default_value);
  std::int32_t first_step = 0;  // steps of the same run done by earlier calls
  double loss_sum = 0.0;        // the sum of those steps' losses
};

// What Mlp::train reports: the mean loss over every step of the run so far (first_step +
// steps_run), the sum it came from (the next call's loss_sum), and the steps this call ran
// (fewer than asked only when a step diverged).
struct TrainResult {
  double mean_loss = 0.0;
  double loss_sum = 0.0;
  std::int32_t steps_run = 0;
};

// What Mlp::evaluate reports over the rows it ran.
struct EvalResult {
  double mean_loss = 0.0;
  double accuracy = 0.0;  // correct / rows; NaN for Mse (no classes)
  std::uint32_t rows = 0;
  std::uint32_t correct = 0;
};

// Mlp::gradient_check: centred differences of the loss, in double precision, against the
// analytic gradient of loss_and_gradients.
struct GradCheckOptions {
  double step = kGradCheckStep.default_value;  // h: (L(p + h) - L(p - h)) / 2h
  // All parameters when the network has at most this many, else this many distinct ones drawn
  // by PCG32(seed) (a partial Fisher-Yates shuffle of the flat parameter indices).
  std::int32_t max_params = static_cast<std::int32_t>(kGradCheckMaxParams.default_value);
  std::uint32_t seed = static_cast<std::uint32_t>(kGradCheckSeed.default_value);
  double l2 = kGradCheckL2.default_value;
  double l1 = kGradCheckL1.default_value;
  // Denominator floor of the relative error: |a - n| / max(|a|, |n|, floor). The analytic
  // gradient is a float32 sum whose rounding is about 1e-7 of its terms, so a gradient that
  // cancels to far below its terms (near a minimum) is judged in absolute terms below floor.
  double floor = kGradCheckFloor.default_value;
};

// What Mlp::gradient_check reports. A check "crossed a kink" when, between the +h and -h
// evaluations, a ReLU / Leaky ReLU pre-activation of any row that the parameter moves changed
// sign or came within that change of 0 (min(|z+|, |z-|) <= |z+ - z-|), or, with l1 > 0, the
// perturbed weight itself was within h of 0. Such checks are counted in `kinks` and left out of
// the maximum: a centred difference across a kink measures neither one-sided derivative.
struct GradCheckResult {
  // max over checks without a kink of |a - n| / max(|a|, |n|, options.floor); NaN if none.
  double max_relative_error = 0.0;
  double worst_analytic = 0.0;    // the worst check's analytic gradient (float32, widened)
  double worst_numeric = 0.0;     // and its centred difference
  std::int32_t checked = 0;       // parameters checked
  std::int32_t kinks = 0;         // of which crossed a kink
  std::int32_t worst_layer = -1;  // -1 when every check crossed a kink
  // Index within the layer's parameters: [0, out*in) are W row-major, then [out*in, +out) b.
  std::int32_t worst_index = -1;
};

}  // namespace relu::nn
