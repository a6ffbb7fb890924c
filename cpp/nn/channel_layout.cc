#include "nn/channel_layout.h"

namespace relu::nn {
namespace {

// dst[r][j][i] = src[r][i][j] for rows matrices of a x b.
void transpose_rows(const float* src, std::size_t rows, std::size_t a, std::size_t b, float* dst) {
  const std::size_t size = a * b;
  for (std::size_t r = 0; r < rows; ++r) {
    const float* s = src + r * size;
    float* d = dst + r * size;
    for (std::size_t i = 0; i < a; ++i) {
      for (std::size_t j = 0; j < b; ++j) d[j * a + i] = s[i * b + j];
    }
  }
}

}  // namespace

void to_channel_last(const float* src, std::size_t rows, std::size_t channels,
                     std::size_t positions, float* dst) {
  transpose_rows(src, rows, channels, positions, dst);
}

void to_channel_first(const float* src, std::size_t rows, std::size_t channels,
                      std::size_t positions, float* dst) {
  transpose_rows(src, rows, positions, channels, dst);
}

}  // namespace relu::nn
