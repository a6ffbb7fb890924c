#include "nn/train_checks.h"

#include <cmath>

#include "nn/limits.h"
#include "nn/loss.h"

namespace relu::nn {

unsigned train_option_faults(const TrainOptions& o) {
  unsigned faults = 0;
  // The bounds keep every value finite once rounded to float.
  if (!valid_enum(o.optimizer, kOptimizerCount)) faults |= kBadOptimizer;
  if (!kTrainLr.contains(o.lr)) faults |= kBadLr;
  if (!kTrainL2.contains(o.l2)) faults |= kBadL2;
  if (!kTrainL1.contains(o.l1)) faults |= kBadL1;
  if (!kTrainMomentum.contains(o.momentum)) faults |= kBadMomentum;
  if (!kTrainBeta1.contains(o.beta1)) faults |= kBadBeta1;
  if (!kTrainBeta2.contains(o.beta2)) faults |= kBadBeta2;
  if (!kTrainEps.contains(o.eps)) faults |= kBadEps;
  return faults;
}

unsigned train_loop_faults(const TrainLoop& loop) {
  unsigned faults = 0;
  if (!kLoopBatchSize.contains(loop.batch_size)) faults |= kBadBatchSize;
  if (!kLoopSteps.contains(loop.steps)) faults |= kBadSteps;
  if (loop.first_step < 0 || !std::isfinite(loop.loss_sum)) faults |= kBadResume;
  return faults;
}

std::size_t target_width(Loss loss, std::size_t outputs) { return loss == Loss::Mse ? outputs : 1; }

Status check_inputs(const LastError& errors, const float* x, std::size_t x_len, std::size_t width,
                    const char* ragged_message, std::size_t* rows) {
  if (x == nullptr || x_len == 0) {
    return errors.fail(Status::ShapeMismatch, "X is empty: it needs at least one row");
  }
  if (x_len % width != 0) return errors.fail(Status::ShapeMismatch, ragged_message);
  if (!all_finite(x, x_len)) return errors.fail(Status::NonFinite, "X contains NaN or infinity");
  *rows = x_len / width;
  return Status::Ok;
}

Status check_targets(const LastError& errors, Loss loss, std::size_t outputs, const float* y,
                     std::size_t y_len, std::size_t rows) {
  const std::size_t width = loss_target_width(loss, outputs);  // y_len == rows * width, no overflow
  if (y == nullptr || y_len % width != 0 || y_len / width != rows) {
    return errors.fail(Status::ShapeMismatch, loss == Loss::Mse
                                                  ? "Y must hold rows * outputs targets for mse"
                                                  : "Y must hold one label per row of X");
  }
  if (!all_finite(y, y_len)) return errors.fail(Status::NonFinite, "Y contains NaN or infinity");
  if (loss == Loss::Bce) {
    for (std::size_t i = 0; i < y_len; ++i) {
      if (!(y[i] >= 0.0f && y[i] <= 1.0f)) {
        return errors.fail(Status::OutOfRange, "Y: bce labels must be in [0, 1]");
      }
    }
  } else if (loss == Loss::SoftmaxCe) {
    const auto classes = static_cast<float>(outputs);
    for (std::size_t i = 0; i < y_len; ++i) {
      if (!(y[i] >= 0.0f && y[i] < classes) || y[i] != std::floor(y[i])) {
        return errors.fail(Status::OutOfRange,
                           "Y: softmax_ce labels must be integers in [0, number of output units)");
      }
    }
  }
  return Status::Ok;
}

Status check_dataset_targets(const LastError& errors, Loss loss, std::size_t outputs,
                             const Dataset& data) {
  if (data.target_width() != loss_target_width(loss, outputs)) {
    return errors.fail(Status::ShapeMismatch,
                       loss == Loss::Mse ? "data: mse needs one target per output unit per row"
                                         : "data: needs one label per row");
  }
  const TargetSummary t = data.targets();
  if (loss == Loss::Bce && !(t.min >= 0.0f && t.max <= 1.0f)) {
    return errors.fail(Status::OutOfRange, "data: bce labels must be in [0, 1]");
  }
  if (loss == Loss::SoftmaxCe &&
      !(t.integral && t.min >= 0.0f && t.max < static_cast<float>(outputs))) {
    return errors.fail(Status::OutOfRange,
                       "data: softmax_ce labels must be integers in [0, number of output units)");
  }
  return Status::Ok;
}

}  // namespace relu::nn
