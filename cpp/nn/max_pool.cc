#include "nn/max_pool.h"

#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace relu::nn {

void max_pool2_forward(std::size_t channels, std::size_t height, std::size_t width, const float* x,
                       float* y, std::int32_t* argmax) {
  const std::size_t oh = height / 2, ow = width / 2, row = width * channels;
  for (std::size_t i = 0; i < oh; ++i) {
    for (std::size_t j = 0; j < ow; ++j) {
      // The window's four taps in row-major order; channels are contiguous within each.
      const std::size_t t0 = 2 * i * row + 2 * j * channels;
      const std::size_t taps[4] = {t0, t0 + channels, t0 + row, t0 + row + channels};
      float* out = y + (i * ow + j) * channels;
      std::int32_t* arg = argmax + (i * ow + j) * channels;
      // Selects rather than branches: which tap wins is data, and unpredictable.
      std::size_t c = 0;
#if defined(__wasm_simd128__)
      const v128_t lane = wasm_i32x4_make(0, 1, 2, 3);
      for (; c + 4 <= channels; c += 4) {
        v128_t m = wasm_v128_load(x + taps[0] + c);
        v128_t best =
            wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(taps[0] + c)), lane);
        for (int t = 1; t < 4; ++t) {
          const v128_t v = wasm_v128_load(x + taps[t] + c);
          const v128_t idx =
              wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(taps[t] + c)), lane);
          const v128_t gt = wasm_f32x4_gt(v, m);
          m = wasm_v128_bitselect(v, m, gt);
          best = wasm_v128_bitselect(idx, best, gt);
        }
        wasm_v128_store(out + c, m);
        wasm_v128_store(arg + c, best);
      }
#endif
      for (; c < channels; ++c) {
        auto best = static_cast<std::int32_t>(taps[0] + c);
        float m = x[taps[0] + c];
        for (int t = 1; t < 4; ++t) {
          const float v = x[taps[t] + c];
          const bool gt = v > m;
          m = gt ? v : m;
          best = gt ? static_cast<std::int32_t>(taps[t] + c) : best;
        }
        out[c] = m;
        arg[c] = best;
      }
    }
  }
}

void max_pool2_backward(std::size_t channels, std::size_t height, std::size_t width,
                        const float* dy, const std::int32_t* argmax, float* dx) {
  const std::size_t n = (height / 2) * (width / 2) * channels;
  std::memset(dx, 0, channels * height * width * sizeof(float));
  for (std::size_t j = 0; j < n; ++j) dx[argmax[j]] += dy[j];
}

}  // namespace relu::nn
