// The L2 and L1 penalties on the weights (not the biases), as PyTorch's weight decay adds
// them: dw += l2 w + l1 sign(w), and the loss gains 0.5 l2 sum(w^2) + l1 sum(|w|). The sums
// are kept in double and added layer by layer in the network's order, so both networks round
// the same way.
#pragma once

#include <cstddef>

namespace relu::nn {

class WeightPenalty {
 public:
  WeightPenalty(float l2, float l1) : l2_(l2), l1_(l1) {}
  bool active() const { return l2_ != 0.0f || l1_ != 0.0f; }
  // One layer's weights w and their gradient dw (n floats each).
  void add(const float* w, float* dw, std::size_t n);
  // The penalty's share of the loss, over every layer added so far.
  double loss() const;

 private:
  float l2_, l1_;
  double sum_sq_ = 0.0, sum_abs_ = 0.0;
};

}  // namespace relu::nn
