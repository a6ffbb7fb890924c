#include "nn/channel_layout.h"

#include "nn/dense.h"

namespace relu::nn {

// Each image is a [channels][positions] or [positions][channels] matrix: the conversions are
// dense.h's transpose, image by image.

void to_channel_last(const float* src, std::size_t rows, std::size_t channels,
                     std::size_t positions, float* dst) {
  const std::size_t size = channels * positions;
  for (std::size_t r = 0; r < rows; ++r)
    pack_transposed(src + r * size, channels, positions, dst + r * size);
}

void to_channel_first(const float* src, std::size_t rows, std::size_t channels,
                      std::size_t positions, float* dst) {
  const std::size_t size = channels * positions;
  for (std::size_t r = 0; r < rows; ++r)
    pack_transposed(src + r * size, positions, channels, dst + r * size);
}

}  // namespace relu::nn
