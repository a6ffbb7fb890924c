#include "nn/optimizer_state.h"

#include <cstring>

#include "nn/optimizer.h"

namespace relu::nn {

void OptimizerState::attach(float* m, float* v, std::size_t count) {
  m_ = m;
  v_ = v;
  count_ = count;
}

void OptimizerState::reset() {
  std::memset(m_, 0, count_ * sizeof(float));
  std::memset(v_, 0, count_ * sizeof(float));
  adam_t_ = 0;
}

void OptimizerState::update(float* params, const float* grads, const TrainOptions& o) {
  if (o.optimizer != kind_) {
    reset();
    kind_ = o.optimizer;
  }
  switch (o.optimizer) {
    case Optimizer::Sgd:
      sgd_update(params, grads, count_, o.lr);
      break;
    case Optimizer::Momentum:
      momentum_update(params, grads, m_, count_, o.lr, o.momentum);
      break;
    case Optimizer::Adam:
      ++adam_t_;
      adam_update(params, grads, m_, v_, count_, o.lr, o.beta1, o.beta2, o.eps, adam_t_);
      break;
  }
}

}  // namespace relu::nn
