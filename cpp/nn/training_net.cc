#include "nn/training_net.h"

#include "nn/limits.h"

namespace relu::nn {

void TrainingNet::apply_update(const TrainOptions& options) {
  optimizer_.update(params_, grads_, options);
  packed_dirty_ = true;
}

bool TrainingNet::params_finite() const { return all_finite(params_, param_count_); }

float* TrainingNet::attach_arena(float* arena, std::size_t count) {
  param_count_ = count;
  params_ = arena;
  grads_ = params_ + count;
  float* m = grads_ + count;
  float* v = m + count;
  optimizer_.attach(m, v, count);
  return v + count;
}

}  // namespace relu::nn
