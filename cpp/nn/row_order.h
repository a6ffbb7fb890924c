// The shuffled visiting order of a minibatch run, shared by every network's train loop: rows
// are visited in an order shuffled by PCG32(seed, kShuffleStream) and reshuffled (Fisher-Yates
// over the previous order) after each pass; the last batch of a pass may be smaller. The order
// depends only on the seed, the rows and the batch size, and a run split into calls (first_step)
// continues exactly where one call would be: the cursor is kept between calls and replayed from
// the start when it does not match.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/prng.h"

namespace relu::nn {

class RowOrder {
 public:
  RowOrder() = default;
  ~RowOrder();
  RowOrder(const RowOrder&) = delete;
  RowOrder& operator=(const RowOrder&) = delete;

  // Room for `rows` indices; false when the allocation fails.
  bool reserve(std::size_t rows);
  // Positions the order at step `first_step` of the run (seed, rows, batch).
  void seek(std::uint32_t seed, std::size_t rows, std::size_t batch, std::int64_t first_step);
  // The next batch's row indices (*n of them, at most batch), reshuffling at a pass's end.
  const std::uint32_t* next(std::size_t* n);
  // Forgets the cursor (after a diverged step), so the next run replays from its seed.
  void invalidate() { cursor_.valid = false; }

 private:
  void shuffle();
  std::uint32_t* order_ = nullptr;
  std::size_t capacity_ = 0;
  struct Cursor {
    bool valid = false;
    std::uint32_t seed = 0;
    std::size_t rows = 0, batch = 0, cursor = 0;
    std::int64_t next_step = 0;
    Pcg32 rng{0, 0};
  };
  Cursor cursor_;
};

}  // namespace relu::nn
