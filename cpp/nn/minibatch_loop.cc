#include "nn/minibatch_loop.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace relu::nn {
namespace {

// Training diverged: the loss or an update overflowed. The optimizer state is garbage from
// here on, so it is cleared; restoring the weights (set_params) then makes the net usable
// again. The returned loss is always non-finite, so callers need only test that.
double diverged(TrainingNet& net, double loss) {
  net.reset_optimizer();
  return std::isfinite(loss) ? std::numeric_limits<double>::quiet_NaN() : loss;
}

}  // namespace

double finish_step(TrainingNet& net, double loss, const TrainOptions& options) {
  if (std::isfinite(loss)) net.apply_update(options);
  if (!std::isfinite(loss) || !net.params_finite()) return diverged(net, loss);
  return loss;
}

Status run_minibatches(TrainingNet& net, const LastError& errors, RowOrder* order,
                       const MinibatchRows& source, const TrainLoop& loop,
                       const TrainOptions& options, TrainResult* result) {
  const std::size_t rows = source.rows;
  const auto asked = static_cast<std::size_t>(loop.batch_size);
  const std::size_t batch = asked < rows ? asked : rows;
  const bool full_batch = batch == rows;
  if (!full_batch) {
    if (!order->reserve(rows)) {
      return errors.fail(Status::OutOfMemory, "out of memory allocating the row order");
    }
    order->seek(loop.seed, rows, batch, loop.first_step);
  }
  const auto l2 = static_cast<float>(options.l2);
  const auto l1 = static_cast<float>(options.l1);
  const std::size_t in = source.features;
  const std::size_t tw = source.target_width;
  const float* x = source.x;
  const float* y = source.y;
  if (full_batch && source.data != nullptr) {
    // Every step sees all rows in order: converted once for the whole call.
    source.data->gather_range(0, rows, source.batch_x, source.batch_y);
    x = source.batch_x;
    y = source.batch_y;
  }
  double total = loop.loss_sum;
  std::int32_t step = 0;
  for (; step < loop.steps; ++step) {
    double step_loss = 0.0;
    if (full_batch) {
      step_loss = net.compute_gradients(x, y, rows, l2, l1);
    } else {
      std::size_t n = 0;
      const std::uint32_t* index = order->next(&n);
      if (source.data != nullptr) {
        source.data->gather(index, n, source.batch_x, source.batch_y);
      } else {
        for (std::size_t r = 0; r < n; ++r) {
          const std::size_t src = index[r];
          std::memcpy(source.batch_x + r * in, x + src * in, in * sizeof(float));
          std::memcpy(source.batch_y + r * tw, y + src * tw, tw * sizeof(float));
        }
      }
      step_loss = net.compute_gradients(source.batch_x, source.batch_y, n, l2, l1);
    }
    // A non-finite loss ends the call before its (NaN) update: the remaining steps could
    // only spread NaN, and the caller learns of it from the returned value.
    if (!std::isfinite(step_loss)) {
      total = step_loss;
      order->invalidate();
      break;
    }
    total += step_loss;
    net.apply_update(options);
  }
  double mean = total / (static_cast<double>(loop.first_step) + static_cast<double>(loop.steps));
  if (!std::isfinite(mean) || !net.params_finite()) {
    mean = diverged(net, mean);
    order->invalidate();
  }
  if (result != nullptr) *result = TrainResult{mean, total, step};
  return errors.ok();
}

}  // namespace relu::nn
