// The chunked evaluation both networks run over a Dataset (Mlp::evaluate has the contract):
// rows are gathered a chunk at a time into the network's buffers and run forward, so memory
// stays that of one chunk.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/dataset.h"
#include "nn/last_error.h"
#include "nn/options.h"
#include "nn/training_net.h"

namespace relu::nn {

// The rows evaluate(first, count) runs: count capped at the rows left. Fails (recorded in
// errors) when first is past the last row or count is 0.
Status eval_row_count(const LastError& errors, const Dataset& data, std::size_t first,
                      std::size_t count, std::size_t* rows);

// Room for one chunk: X and Y of `rows` rows, and the logits' gradient (written, unused).
struct EvalChunk {
  float* x = nullptr;
  float* y = nullptr;
  float* grad = nullptr;
  std::size_t rows = 0;
};

// Rows [first, first + rows) of data through net, a chunk at a time: the mean loss and, for Bce
// and SoftmaxCe, accuracy, predictions and confusion counts (either may be null).
EvalResult evaluate_rows(TrainingNet& net, Loss loss, std::size_t outputs, const Dataset& data,
                         std::size_t first, std::size_t rows, const EvalChunk& chunk,
                         std::int32_t* predictions, std::uint32_t* confusion);

}  // namespace relu::nn
