#include "nn/conv2d.h"

#include <cstring>

#include "kernels/f32_gemm.h"

namespace relu::nn {
namespace {

#if defined(__wasm_simd128__)
constexpr auto gemm = f32_gemm_wasmsimd_4x8;
constexpr auto gemm_dot = f32_gemm_dot_wasmsimd_x4;
#else
constexpr auto gemm = f32_gemm_scalar;
constexpr auto gemm_dot = f32_gemm_dot_scalar;
#endif

// The output columns [x0, x1) whose tap kx lands inside the image: 0 <= x + kx - pad < width.
void valid_span(std::size_t k_off, std::size_t pad, std::size_t width, std::size_t out_width,
                std::size_t* x0, std::size_t* x1) {
  *x0 = pad > k_off ? pad - k_off : 0;
  const std::size_t limit = width + pad - k_off;  // x < limit
  *x1 = limit < out_width ? limit : out_width;
  if (*x1 < *x0) *x1 = *x0;
}

}  // namespace

void im2col(const ConvShape& s, const float* x, float* col) {
  const std::size_t k = s.kernel, ow = s.out_width, oh = s.out_height;
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    const float* plane = x + i * s.height * s.width;
    for (std::size_t ky = 0; ky < k; ++ky) {
      for (std::size_t kx = 0; kx < k; ++kx) {
        float* dst = col + ((i * k + ky) * k + kx) * oh * ow;
        std::size_t x0 = 0, x1 = 0;
        valid_span(kx, s.pad, s.width, ow, &x0, &x1);
        for (std::size_t y = 0; y < oh; ++y) {
          float* row = dst + y * ow;
          const std::size_t sy = y + ky;  // input row + pad
          if (sy < s.pad || sy - s.pad >= s.height) {
            std::memset(row, 0, ow * sizeof(float));
            continue;
          }
          const float* src = plane + (sy - s.pad) * s.width + kx;  // src[x - pad]
          for (std::size_t xx = 0; xx < x0; ++xx) row[xx] = 0.0f;
          if (x1 > x0) std::memcpy(row + x0, src + x0 - s.pad, (x1 - x0) * sizeof(float));
          for (std::size_t xx = x1; xx < ow; ++xx) row[xx] = 0.0f;
        }
      }
    }
  }
}

void conv2d_forward(const ConvShape& s, const float* x, const float* w, const float* b, float* col,
                    float* z) {
  const std::size_t p = s.positions(), patch = s.patch();
  im2col(s, x, col);
  gemm(s.out_channels, p, patch, w, patch, 1, col, p, nullptr, z, p);
  for (std::size_t o = 0; o < s.out_channels; ++o) {
    float* row = z + o * p;
    const float bias = b[o];
    for (std::size_t j = 0; j < p; ++j) row[j] += bias;
  }
}

void conv2d_weight_grad_add(const ConvShape& s, const float* col, const float* dz, float* dw,
                            float* db, float* dw_image) {
  const std::size_t p = s.positions(), patch = s.patch();
  // dw_image[o][q] = dot(dz[o][:], col[q][:]): both rows contiguous, vectorised over positions.
  gemm_dot(s.out_channels, patch, p, dz, p, col, p, nullptr, dw_image, patch);
  for (std::size_t i = 0; i < s.out_channels * patch; ++i) dw[i] += dw_image[i];
  for (std::size_t o = 0; o < s.out_channels; ++o) {
    const float* row = dz + o * p;
    float sum = 0.0f;
    for (std::size_t j = 0; j < p; ++j) sum += row[j];
    db[o] += sum;
  }
}

void conv2d_input_grad(const ConvShape& s, const float* w, const float* dz, float* dcol,
                       float* dx) {
  const std::size_t p = s.positions(), patch = s.patch(), k = s.kernel, ow = s.out_width;
  // dcol[q][j] = sum_o W[o][q] dz[o][j]: A = W^T (strides 1, patch).
  gemm(patch, p, s.out_channels, w, 1, patch, dz, p, nullptr, dcol, p);
  std::memset(dx, 0, s.in_size() * sizeof(float));
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    float* plane = dx + i * s.height * s.width;
    for (std::size_t ky = 0; ky < k; ++ky) {
      for (std::size_t kx = 0; kx < k; ++kx) {
        const float* src = dcol + ((i * k + ky) * k + kx) * p;
        std::size_t x0 = 0, x1 = 0;
        valid_span(kx, s.pad, s.width, ow, &x0, &x1);
        for (std::size_t y = 0; y < s.out_height; ++y) {
          const std::size_t sy = y + ky;
          if (sy < s.pad || sy - s.pad >= s.height) continue;
          float* dst = plane + (sy - s.pad) * s.width + kx - s.pad;  // dst[x]
          const float* row = src + y * ow;
          for (std::size_t xx = x0; xx < x1; ++xx) dst[xx] += row[xx];
        }
      }
    }
  }
}

}  // namespace relu::nn
