#include "nn/max_pool.h"

#include <cstring>

namespace relu::nn {

void max_pool2_forward(std::size_t channels, std::size_t height, std::size_t width, const float* x,
                       float* y, std::int32_t* argmax) {
  const std::size_t oh = height / 2, ow = width / 2;
  for (std::size_t c = 0; c < channels; ++c) {
    const float* plane = x + c * height * width;
    for (std::size_t i = 0; i < oh; ++i) {
      const float* r0 = plane + 2 * i * width;
      const float* r1 = r0 + width;
      for (std::size_t j = 0; j < ow; ++j) {
        std::size_t best = 2 * i * width + 2 * j;
        float m = r0[2 * j];
        if (r0[2 * j + 1] > m) m = r0[2 * j + 1], best = 2 * i * width + 2 * j + 1;
        if (r1[2 * j] > m) m = r1[2 * j], best = (2 * i + 1) * width + 2 * j;
        if (r1[2 * j + 1] > m) m = r1[2 * j + 1], best = (2 * i + 1) * width + 2 * j + 1;
        y[(c * oh + i) * ow + j] = m;
        argmax[(c * oh + i) * ow + j] = static_cast<std::int32_t>(best);
      }
    }
  }
}

void max_pool2_backward(std::size_t channels, std::size_t height, std::size_t width,
                        const float* dy, const std::int32_t* argmax, float* dx) {
  const std::size_t n = (height / 2) * (width / 2);
  std::memset(dx, 0, channels * height * width * sizeof(float));
  for (std::size_t c = 0; c < channels; ++c) {
    float* plane = dx + c * height * width;
    for (std::size_t j = 0; j < n; ++j) plane[argmax[c * n + j]] += dy[c * n + j];
  }
}

}  // namespace relu::nn
