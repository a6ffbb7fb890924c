#include "nn/channel_layout.h"

namespace relu::nn {

void to_channel_last(const float* src, std::size_t rows, std::size_t channels,
                     std::size_t positions, float* dst) {
  const std::size_t size = channels * positions;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* s = src + r * size;
    float* d = dst + r * size;
    for (std::size_t c = 0; c < channels; ++c) {
      for (std::size_t p = 0; p < positions; ++p) d[p * channels + c] = s[c * positions + p];
    }
  }
}

void to_channel_first(const float* src, std::size_t rows, std::size_t channels,
                      std::size_t positions, float* dst) {
  const std::size_t size = channels * positions;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* s = src + r * size;
    float* d = dst + r * size;
    for (std::size_t p = 0; p < positions; ++p) {
      for (std::size_t c = 0; c < channels; ++c) d[c * positions + p] = s[p * channels + c];
    }
  }
}

}  // namespace relu::nn
