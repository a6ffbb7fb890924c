#include "nn/row_order.h"

#include <cstdlib>

namespace relu::nn {

RowOrder::~RowOrder() { std::free(order_); }

bool RowOrder::reserve(std::size_t rows) {
  if (capacity_ >= rows) return true;
  // Zeroed: seek fills it before any read, which the static analyzer cannot follow.
  auto* order = static_cast<std::uint32_t*>(std::calloc(rows, sizeof(std::uint32_t)));
  if (order == nullptr) return false;
  std::free(order_);
  order_ = order;
  capacity_ = rows;
  cursor_.valid = false;
  return true;
}

void RowOrder::shuffle() {
  // Fisher-Yates over the previous order: each pass is a fresh uniform permutation.
  for (std::size_t i = cursor_.rows - 1; i > 0; --i) {
    const std::size_t j = cursor_.rng.below(static_cast<std::uint32_t>(i + 1));
    const std::uint32_t t = order_[i];
    order_[i] = order_[j];
    order_[j] = t;
  }
}

// Kept from the previous call when it stopped exactly there, else replayed from the start.
// Replaying costs one shuffle per pass already made, far less than the steps themselves.
void RowOrder::seek(std::uint32_t seed, std::size_t rows, std::size_t batch,
                    std::int64_t first_step) {
  Cursor& c = cursor_;
  if (c.valid && c.seed == seed && c.rows == rows && c.batch == batch &&
      c.next_step == first_step) {
    return;
  }
  c = Cursor{true, seed, rows, batch, rows, 0, Pcg32(seed, kShuffleStream)};
  for (std::size_t i = 0; i < rows; ++i) order_[i] = static_cast<std::uint32_t>(i);
  const std::size_t steps_per_pass = (rows + batch - 1) / batch;
  const auto first = static_cast<std::size_t>(first_step);
  const std::size_t passes = first / steps_per_pass + (first % steps_per_pass != 0 ? 1 : 0);
  for (std::size_t p = 0; p < passes; ++p) shuffle();
  if (first % steps_per_pass != 0) c.cursor = (first % steps_per_pass) * batch;
  c.next_step = first_step;
}

const std::uint32_t* RowOrder::next(std::size_t* n) {
  Cursor& c = cursor_;
  if (c.cursor >= c.rows) {
    shuffle();
    c.cursor = 0;
  }
  *n = c.rows - c.cursor < c.batch ? c.rows - c.cursor : c.batch;
  const std::uint32_t* rows = order_ + c.cursor;
  c.cursor += *n;
  ++c.next_step;
  return rows;
}

}  // namespace relu::nn
