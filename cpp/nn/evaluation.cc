#include "nn/evaluation.h"

#include "nn/loss.h"

namespace relu::nn {

Status eval_row_count(const LastError& errors, const Dataset& data, std::size_t first,
                      std::size_t count, std::size_t* rows) {
  if (first >= data.rows()) {
    return errors.fail(Status::OutOfRange, "first is past the last row of data");
  }
  if (count == 0) return errors.fail(Status::InvalidArgument, "count must be at least 1");
  *rows = count < data.rows() - first ? count : data.rows() - first;
  return Status::Ok;
}

EvalResult evaluate_rows(TrainingNet& net, Loss loss, std::size_t outputs, const Dataset& data,
                         std::size_t first, std::size_t rows, const EvalChunk& chunk,
                         std::int32_t* predictions, std::uint32_t* confusion) {
  const std::size_t k = loss_classes(loss, outputs);
  double loss_sum = 0.0;
  std::size_t correct = 0;
  for (std::size_t done = 0; done < rows;) {
    const std::size_t n = rows - done < chunk.rows ? rows - done : chunk.rows;
    data.gather_range(first + done, n, chunk.x, chunk.y);
    const float* z = net.forward_logits(chunk.x, n);
    // The loss's gradient goes to chunk.grad, unused here: one loss function, no second copy.
    loss_sum += loss_and_grad(loss, z, chunk.y, n, outputs, chunk.grad) * static_cast<double>(n);
    correct += count_correct(loss, z, chunk.y, n, outputs, k, done, predictions, confusion);
    done += n;
  }
  return eval_result(loss_sum, correct, rows, k);
}

}  // namespace relu::nn
