// Losses on the output layer's logits z[rows][out], mean over the batch (PyTorch defaults).
//   Bce:       out == 1, y[rows] in [0, 1]; stable: max(z,0) - z y + log1p(e^-|z|).
//   Mse:       y[rows][out]; mean over all rows*out elements.
//   SoftmaxCe: y[rows] integer class indices (held in floats); stable log-softmax.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/options.h"

namespace relu::nn {

// Y floats per row: the targets (Mse: `outputs` of them) or one label.
std::size_t loss_target_width(Loss loss, std::size_t outputs);
// The classes an evaluation counts: the outputs (SoftmaxCe), 2 (Bce), 0 (Mse).
std::size_t loss_classes(Loss loss, std::size_t outputs);

// Returns the mean loss (accumulated in double) and writes dz = dLoss/dz.
double loss_and_grad(Loss loss, const float* z, const float* y, std::size_t rows, std::size_t out,
                     float* dz);

// The prediction the loss implies: sigmoid (Bce), softmax (SoftmaxCe), identity (Mse).
void loss_predict(Loss loss, const float* z, std::size_t rows, std::size_t out, float* p);

// The class each of `rows` outputs z ([rows][out]) picks under the loss (Bce: z > 0; SoftmaxCe:
// the first largest) against its label in y; returns how many are right. `classes` is 0 for Mse
// (nothing counted). Optional: predictions[row0 + r] = the pick, ++confusion[label * classes +
// pick].
std::size_t count_correct(Loss loss, const float* z, const float* y, std::size_t rows,
                          std::size_t out, std::size_t classes, std::size_t row0,
                          std::int32_t* predictions, std::uint32_t* confusion);

// An evaluation's summary from its loss sum (mean loss times rows, per chunk) and correct count.
EvalResult eval_result(double loss_sum, std::size_t correct, std::size_t rows, std::size_t classes);

}  // namespace relu::nn
