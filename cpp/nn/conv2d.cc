#include "nn/conv2d.h"

#include "kernels/f32_gemm.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace relu::nn {
namespace {

#if defined(__wasm_simd128__)
constexpr auto gemm = f32_gemm_wasmsimd_4x8;
constexpr auto colsum = f32_colsum_wasmsimd_x8;
#else
constexpr auto gemm = f32_gemm_scalar;
constexpr auto colsum = f32_colsum_scalar;
#endif

// Row copies and adds written out in v128 so that clang does not turn them into memcpy or
// memset calls: the rows are 10 to 30 floats, shorter than a libc call is worth.
inline void copy_row(const float* src, float* dst, std::size_t n) {
  std::size_t j = 0;
#if defined(__wasm_simd128__)
  for (; j + 4 <= n; j += 4) wasm_v128_store(dst + j, wasm_v128_load(src + j));
#endif
  for (; j < n; ++j) dst[j] = src[j];
}

inline void zero_row(float* dst, std::size_t n) {
  std::size_t j = 0;
#if defined(__wasm_simd128__)
  for (; j + 4 <= n; j += 4) wasm_v128_store(dst + j, wasm_f32x4_splat(0.0f));
#endif
  for (; j < n; ++j) dst[j] = 0.0f;
}

// dst[j] += src[j], one rounding per element as the scalar loop.
inline void add_row(const float* src, float* dst, std::size_t n) {
  std::size_t j = 0;
#if defined(__wasm_simd128__)
  for (; j + 4 <= n; j += 4)
    wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
#endif
  for (; j < n; ++j) dst[j] += src[j];
}

}  // namespace

void im2col(const ConvShape& s, const float* x, float* col, std::size_t ld, float* padded) {
  const std::size_t k = s.kernel, ow = s.out_width, oh = s.out_height, pad = s.pad;
  const std::size_t pw = s.width + 2 * pad, ph = s.height + 2 * pad;
  const float* src = x;
  if (pad > 0) {
    for (std::size_t i = 0; i < s.in_channels; ++i) {
      float* plane = padded + i * ph * pw;
      const float* in = x + i * s.height * s.width;
      zero_row(plane, pad * pw);
      for (std::size_t y = 0; y < s.height; ++y) {
        float* row = plane + (y + pad) * pw;
        zero_row(row, pad);
        copy_row(in + y * s.width, row + pad, s.width);
        zero_row(row + pad + s.width, pad);
      }
      zero_row(plane + (pad + s.height) * pw, pad * pw);
    }
    src = padded;
  }
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    const float* plane = src + i * ph * pw;
    for (std::size_t ky = 0; ky < k; ++ky) {
      for (std::size_t kx = 0; kx < k; ++kx) {
        float* dst = col + ((i * k + ky) * k + kx) * ld;
        for (std::size_t y = 0; y < oh; ++y) copy_row(plane + (y + ky) * pw + kx, dst + y * ow, ow);
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
                       float* padded, float* dx) {
  const std::size_t p = s.positions(), patch = s.patch(), k = s.kernel, ow = s.out_width;
  const std::size_t pad = s.pad, pw = s.width + 2 * pad, ph = s.height + 2 * pad;
  // dcol[q][j] = sum_o W[o][q] dz[o][j]: A = W^T (strides 1, patch).
  gemm(patch, p, s.out_channels, w, 1, patch, dz, p, nullptr, dcol, p);
  // col2im into the zero-bordered plane (taps in the border are dropped with it), then the
  // interior is dx. Each dx element adds its taps in the same (ky, kx) order as before.
  float* acc = pad > 0 ? padded : dx;
  zero_row(acc, s.in_channels * ph * pw);
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    float* plane = acc + i * ph * pw;
    for (std::size_t ky = 0; ky < k; ++ky) {
      for (std::size_t kx = 0; kx < k; ++kx) {
        const float* src = dcol + ((i * k + ky) * k + kx) * p;
        for (std::size_t y = 0; y < s.out_height; ++y)
          add_row(src + y * ow, plane + (y + ky) * pw + kx, ow);
      }
    }
  }
  if (pad == 0) return;
  for (std::size_t i = 0; i < s.in_channels; ++i) {
    for (std::size_t y = 0; y < s.height; ++y) {
      copy_row(padded + (i * ph + y + pad) * pw + pad, dx + (i * s.height + y) * s.width, s.width);
    }
  }
}

}  // namespace relu::nn
