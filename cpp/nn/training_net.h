// The part of a network the shared loops (nn/minibatch_loop.h, nn/evaluation.h) work on: its
// parameter arena - params | grads | optimizer m | optimizer v, count floats each, so an update
// and the divergence check run over every layer at once - and two hooks the network
// implements: its gradient and its forward pass. Mlp and ConvNet derive from it privately, so
// it is no part of their public API.
#pragma once

#include <cstddef>

#include "nn/optimizer_state.h"
#include "nn/options.h"

namespace relu::nn {

class TrainingNet {
 public:
  // The loss of rows rows of X and Y (penalties included), leaving its gradient in grads_.
  virtual double compute_gradients(const float* x, const float* y, std::size_t rows, float l2,
                                   float l1) = 0;
  // Runs rows rows of X through the network; returns their logits [rows][outputs].
  virtual const float* forward_logits(const float* x, std::size_t rows) = 0;

  // One update of params_ from grads_ with options' rule (nn/optimizer_state.h).
  void apply_update(const TrainOptions& options);
  // Forgets momentum buffers, Adam moments and the Adam step count.
  void reset_optimizer() { optimizer_.reset(); }
  bool params_finite() const;

  TrainingNet(const TrainingNet&) = delete;
  TrainingNet& operator=(const TrainingNet&) = delete;

 protected:
  TrainingNet() = default;
  ~TrainingNet() = default;
  // Lays out params_, grads_ and the optimizer's two buffers, count floats each and zeroed,
  // from the start of arena; returns the floats after them.
  float* attach_arena(float* arena, std::size_t count);

  float* params_ = nullptr;
  float* grads_ = nullptr;
  std::size_t param_count_ = 0;
  bool packed_dirty_ = true;  // the network's packed weight copies are stale

 private:
  OptimizerState optimizer_;
};

}  // namespace relu::nn
