// Losses on the output layer's logits z[rows][out], mean over the batch (PyTorch defaults).
//   Bce:       out == 1, y[rows] in [0, 1]; stable: max(z,0) - z y + log1p(e^-|z|).
//   Mse:       y[rows][out]; mean over all rows*out elements.
//   SoftmaxCe: y[rows] integer class indices (held in floats); stable log-softmax.
#pragma once

#include <cstddef>

#include "nn/options.h"

namespace relu::nn {

// Returns the mean loss (accumulated in double) and writes dz = dLoss/dz.
double loss_and_grad(Loss loss, const float* z, const float* y, std::size_t rows, std::size_t out,
                     float* dz);

// The prediction the loss implies: sigmoid (Bce), softmax (SoftmaxCe), identity (Mse).
void loss_predict(Loss loss, const float* z, std::size_t rows, std::size_t out, float* p);

}  // namespace relu::nn
