// What the loops shared by both networks (nn/minibatch_loop.h, nn/evaluation.h) need from a
// network: its gradient, update, parameter check, optimizer reset and forward pass. Mlp and
// ConvNet implement it as a private base, so it is no part of their public API.
#pragma once

#include <cstddef>

#include "nn/options.h"

namespace relu::nn {

class TrainingNet {
 public:
  // The loss of rows rows of X and Y (penalties included), leaving its gradient in place.
  virtual double compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                                   float l1) = 0;
  virtual void apply_update(const TrainOptions& options) = 0;
  virtual bool params_finite() const = 0;
  virtual void reset_optimizer() = 0;
  // Runs rows rows of X through the network; returns their logits [rows][outputs].
  virtual const float* forward_logits(const float* x, std::size_t rows) = 0;

 protected:
  TrainingNet() = default;
  TrainingNet(const TrainingNet&) = default;
  TrainingNet& operator=(const TrainingNet&) = default;
  ~TrainingNet() = default;
};

}  // namespace relu::nn
