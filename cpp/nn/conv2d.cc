#include "nn/conv2d.h"

#include "kernels/f32_gemm.h"

namespace relu::nn {
namespace {

#if defined(__wasm_simd128__)
constexpr auto gemm = f32_gemm_wasmsimd_4x8;
constexpr auto colsum = f32_colsum_wasmsimd_x8;
#else
constexpr auto gemm = f32_gemm_scalar;
constexpr auto colsum = f32_colsum_scalar;
#endif

// The output columns [x0, x1) whose tap kx lands inside the image: 0 <= x + kx - pad < width.
void valid_span(std::size_t k_off, std::size_t pad, std::size_t width, std::size_t out_width,
                std::size_t* x0, std::size_t* x1) {
  *x0 = pad > k_off ? pad - k_off : 0;
  const std::size_t limit = width + pad - k_off;  // x < limit
  *x1 = limit < out_width ? limit : out_width;
  if (*x1 < *x0) *x1 = *x0;
}

// 'same' padding keeps the plane's width, so tap (ky, kx) reads the whole plane shifted by
// d = (ky - pad) * w + (kx - pad): one contiguous run of rows [y0, y1) (clipped at both ends so
// no index leaves the plane), whose columns that wrapped around a row edge are then fixed up.
struct Shift {
  std::size_t y0, y1;       // output rows whose input row exists
  std::size_t lo, hi;       // the contiguous run [lo, hi) of output indices
  std::ptrdiff_t d;         // input index = output index + d
  std::size_t left, right;  // columns [0, left) and [w - right, w) fall outside the image
};

Shift shift_of(const ConvShape& s, std::size_t ky, std::size_t kx) {
  const auto w = static_cast<std::ptrdiff_t>(s.width), h = static_cast<std::ptrdiff_t>(s.height);
  const std::ptrdiff_t dy = static_cast<std::ptrdiff_t>(ky) - static_cast<std::ptrdiff_t>(s.pad);
  const std::ptrdiff_t dx = static_cast<std::ptrdiff_t>(kx) - static_cast<std::ptrdiff_t>(s.pad);
  Shift t;
  t.y0 = static_cast<std::size_t>(dy < 0 ? -dy : 0);
  t.y1 = static_cast<std::size_t>(dy > 0 ? h - dy : h);
  t.left = static_cast<std::size_t>(dx < 0 ? -dx : 0);
  t.right = static_cast<std::size_t>(dx > 0 ? dx : 0);
  t.d = dy * w + dx;
  t.lo = t.y0 * s.width + t.left;
  t.hi = t.y1 * s.width - t.right;
  if (t.hi < t.lo) t.hi = t.lo;
  return t;
}

bool same_size(const ConvShape& s) { return s.out_width == s.width && s.out_height == s.height; }

}  // namespace

// Plain loops rather than memcpy/memset: the rows are short (out_width floats), and a call per
// row cost more than the copy (a third of a training step in a profile).
void im2col(const ConvShape& s, const float* x, float* col, std::size_t ld) {
  const std::size_t k = s.kernel, ow = s.out_width, oh = s.out_height, pad = s.pad;
  if (same_size(s)) {
    const std::size_t n = oh * ow;
    for (std::size_t i = 0; i < s.in_channels; ++i) {
      const float* plane = x + i * s.height * s.width;
      for (std::size_t ky = 0; ky < k; ++ky) {
        for (std::size_t kx = 0; kx < k; ++kx) {
          float* dst = col + ((i * k + ky) * k + kx) * ld;
          const Shift t = shift_of(s, ky, kx);
          for (std::size_t j = 0; j < t.lo; ++j) dst[j] = 0.0f;
          // plane[j + d] is inside the plane for j in [lo, hi).
          for (std::size_t j = t.lo; j < t.hi; ++j)
            dst[j] = plane[static_cast<std::ptrdiff_t>(j) + t.d];
          for (std::size_t j = t.hi; j < n; ++j) dst[j] = 0.0f;
          for (std::size_t y = t.y0; y < t.y1; ++y) {
            float* row = dst + y * ow;
            for (std::size_t c = 0; c < t.left; ++c) row[c] = 0.0f;
            for (std::size_t c = ow - t.right; c < ow; ++c) row[c] = 0.0f;
          }
        }
      }
    }
    return;
  }
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    const float* plane = x + i * s.height * s.width;
    for (std::size_t ky = 0; ky < k; ++ky) {
      for (std::size_t kx = 0; kx < k; ++kx) {
        float* dst = col + ((i * k + ky) * k + kx) * ld;
        std::size_t x0 = 0, x1 = 0;
        valid_span(kx, pad, s.width, ow, &x0, &x1);
        for (std::size_t y = 0; y < oh; ++y) {
          float* row = dst + y * ow;
          const std::size_t sy = y + ky;  // input row + pad
          if (sy < pad || sy - pad >= s.height) {
            for (std::size_t xx = 0; xx < ow; ++xx) row[xx] = 0.0f;
            continue;
          }
          // Input column xx + kx - pad, which is >= 0 from x0 on.
          const float* src = plane + (sy - pad) * s.width;
          for (std::size_t xx = 0; xx < x0; ++xx) row[xx] = 0.0f;
          for (std::size_t xx = x0; xx < x1; ++xx) row[xx] = src[xx + kx - pad];
          for (std::size_t xx = x1; xx < ow; ++xx) row[xx] = 0.0f;
        }
      }
    }
  }
}

void conv2d_forward(const ConvShape& s, const float* col, std::size_t ld, const float* w,
                    const float* b, float* z) {
  const std::size_t p = s.positions(), patch = s.patch();
  gemm(s.out_channels, p, patch, w, patch, 1, col, ld, nullptr, z, p);
  for (std::size_t o = 0; o < s.out_channels; ++o) {
    float* row = z + o * p;
    const float bias = b[o];
    for (std::size_t j = 0; j < p; ++j) row[j] += bias;
  }
}

void conv2d_weight_grad(const ConvShape& s, std::size_t rows, const float* col, std::size_t ld,
                        const float* dz, float* dw, float* db, float* dz_t, float* dw_t) {
  const std::size_t p = s.positions(), patch = s.patch(), out = s.out_channels;
  // dz_t[r*p + j][o] = dz[r][o][j]: B of the product, row-major [rows*p][out].
  for (std::size_t r = 0; r < rows; ++r) {
    const float* src = dz + r * out * p;
    float* dst = dz_t + r * p * out;
    for (std::size_t o = 0; o < out; ++o) {
      for (std::size_t j = 0; j < p; ++j) dst[j * out + o] = src[o * p + j];
    }
  }
  // dw_t[q][o] = sum_{r,j} col[q][r*p + j] * dz_t[r*p + j][o].
  gemm(patch, out, rows * p, col, ld, 1, dz_t, out, nullptr, dw_t, out);
  for (std::size_t o = 0; o < out; ++o) {
    for (std::size_t q = 0; q < patch; ++q) dw[o * patch + q] = dw_t[q * out + o];
  }
  colsum(rows * p, out, dz_t, out, db);
}

void conv2d_input_grad(const ConvShape& s, const float* w, const float* dz, float* dcol,
                       float* dx) {
  const std::size_t p = s.positions(), patch = s.patch(), k = s.kernel, ow = s.out_width;
  // dcol[q][j] = sum_o W[o][q] dz[o][j]: A = W^T (strides 1, patch).
  gemm(patch, p, s.out_channels, w, 1, patch, dz, p, nullptr, dcol, p);
  const std::size_t n = s.in_size();
  for (std::size_t i = 0; i < n; ++i) dx[i] = 0.0f;
  if (same_size(s)) {
    for (std::size_t i = 0; i < s.in_channels; ++i) {
      float* plane = dx + i * s.height * s.width;
      for (std::size_t ky = 0; ky < k; ++ky) {
        for (std::size_t kx = 0; kx < k; ++kx) {
          float* src = dcol + ((i * k + ky) * k + kx) * p;
          const Shift t = shift_of(s, ky, kx);
          // Taps that fell outside the image contribute nothing: zero them in the scratch so
          // the contiguous add below does not carry them across a row edge.
          for (std::size_t y = t.y0; y < t.y1; ++y) {
            float* row = src + y * ow;
            for (std::size_t c = 0; c < t.left; ++c) row[c] = 0.0f;
            for (std::size_t c = ow - t.right; c < ow; ++c) row[c] = 0.0f;
          }
          for (std::size_t j = t.lo; j < t.hi; ++j)
            plane[static_cast<std::ptrdiff_t>(j) + t.d] += src[j];
        }
      }
    }
    return;
  }
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
          float* dst = plane + (sy - s.pad) * s.width;  // column xx + kx - pad
          const float* row = src + y * ow;
          for (std::size_t xx = x0; xx < x1; ++xx) dst[xx + kx - s.pad] += row[xx];
        }
      }
    }
  }
}

}  // namespace relu::nn
