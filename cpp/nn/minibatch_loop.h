// The training loop both networks run: one full-batch step (train_step) and a run of shuffled
// minibatch steps (train), with the divergence rule of nn/mlp.h. The network supplies the
// gradient, the update and its parameters through TrainingNet (nn/training_net.h); the loop
// owns the row order, the gathering of each batch and the loss bookkeeping.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/dataset.h"
#include "nn/last_error.h"
#include "nn/options.h"
#include "nn/row_order.h"
#include "nn/training_net.h"

namespace relu::nn {

// Updates from a step whose loss is `loss` (computed, not yet applied): no update when it is
// not finite; when it or the update diverged, the optimizer state is cleared and the returned
// loss is non-finite (NaN for an update that overflowed), else it is `loss`.
double finish_step(TrainingNet& net, double loss, const TrainOptions& options);

// Where a minibatch run's rows come from (the caller's float arrays, or a dataset) and where
// each batch is gathered: batch_x and batch_y have room for min(batch_size, rows) rows, and
// need not be set when the rows are float arrays and one batch is all of them.
struct MinibatchRows {
  const float* x = nullptr;
  const float* y = nullptr;
  const Dataset* data = nullptr;
  std::size_t rows = 0;
  std::size_t features = 0, target_width = 0;  // floats per row of X and of Y
  float* batch_x = nullptr;
  float* batch_y = nullptr;

  static MinibatchRows of_arrays(const float* x, const float* y, std::size_t rows) {
    MinibatchRows r;
    r.x = x;
    r.y = y;
    r.rows = rows;
    return r;
  }
  static MinibatchRows of_dataset(const Dataset& data) {
    MinibatchRows r;
    r.data = &data;
    r.rows = data.rows();
    return r;
  }
};

// `loop.steps` steps over batches of min(loop.batch_size, rows) rows in `order` (nn/row_order.h,
// unshuffled when one batch is all the rows); the network's own buffers must be ready. See
// Mlp::train for the loop's contract. Fails (recorded in errors) only when order cannot grow.
Status run_minibatches(TrainingNet& net, const LastError& errors, RowOrder* order,
                       const MinibatchRows& source, const TrainLoop& loop,
                       const TrainOptions& options, TrainResult* result);

}  // namespace relu::nn
