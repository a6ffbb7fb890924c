// What an optimizer carries between steps over a network's flat parameter array: the momentum
// buffer or Adam's two moments (two arrays inside the network's arena) and Adam's step count.
// Switching optimizer between steps starts the new one from zero, as reset() does.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/options.h"

namespace relu::nn {

class OptimizerState {
 public:
  // m and v: count floats each, zeroed, owned by the caller.
  void attach(float* m, float* v, std::size_t count);
  // One update of params (count floats) from grads with options' rule (nn/optimizer.h).
  void update(float* params, const float* grads, const TrainOptions& options);
  // Forgets the momentum buffer, Adam's moments and its step count.
  void reset();

 private:
  float* m_ = nullptr;
  float* v_ = nullptr;
  std::size_t count_ = 0;
  Optimizer kind_ = Optimizer::Sgd;
  std::uint64_t adam_t_ = 0;
};

}  // namespace relu::nn
