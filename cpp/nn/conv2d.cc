#include "nn/conv2d.h"

#include <cstdint>

#include "kernels/f32_conv.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace relu::nn {
namespace {

#if defined(__wasm_simd128__)
constexpr auto conv_nhwc = f32_conv_nhwc_wasmsimd_4x8;
#else
constexpr auto conv_nhwc = f32_conv_nhwc_scalar;
#endif

// Row copies and updates written out in v128 so that clang does not turn them into memcpy or
// memset calls: the rows are 3 to 80 floats, shorter than a libc call is worth. Every element
// gets one rounding per operation, as the scalar loop, so both builds agree bit for bit.
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

// y[j] += sum_i g[i] * base[offset[i] + j] for j < n, adding the terms in increasing i.
// The SIMD path keeps a block of y in registers over the whole list (up to 8 v128), so each
// term costs one load, one multiply and one add per 4 floats instead of a load-add-store.
#if defined(__wasm_simd128__)
template <int V>
inline void gather_axpy_block(std::size_t count, const float* g, const std::int32_t* offset,
                              const float* base, float* y) {
  v128_t acc[V];
  for (int v = 0; v < V; ++v) acc[v] = wasm_v128_load(y + 4 * v);
  for (std::size_t i = 0; i < count; ++i) {
    const v128_t gv = wasm_f32x4_splat(g[i]);
    const float* x = base + static_cast<std::size_t>(offset[i]);
    for (int v = 0; v < V; ++v)
      acc[v] = wasm_f32x4_add(acc[v], wasm_f32x4_mul(gv, wasm_v128_load(x + 4 * v)));
  }
  for (int v = 0; v < V; ++v) wasm_v128_store(y + 4 * v, acc[v]);
}
#endif

// Bit t set when v[t] != 0, for t < min(n, 4).
inline unsigned nonzero_mask(const float* v, std::size_t n) {
#if defined(__wasm_simd128__)
  if (n >= 4) {
    const v128_t ne = wasm_f32x4_ne(wasm_v128_load(v), wasm_f32x4_splat(0.0f));
    return static_cast<unsigned>(wasm_i32x4_bitmask(ne));
  }
#endif
  unsigned bits = 0;
  for (std::size_t t = 0; t < n && t < 4; ++t) bits |= (v[t] != 0.0f ? 1u : 0u) << t;
  return bits;
}

inline void gather_axpy(std::size_t n, std::size_t count, const float* g,
                        const std::int32_t* offset, const float* base, float* y) {
  std::size_t j = 0;
#if defined(__wasm_simd128__)
  for (; j + 32 <= n; j += 32) gather_axpy_block<8>(count, g, offset, base + j, y + j);
  // The remaining whole vectors (1 to 7) in at most three passes over the list (4, 2, 1
  // vectors: fewer block sizes to compile).
  if (j + 16 <= n) gather_axpy_block<4>(count, g, offset, base + j, y + j), j += 16;
  if (j + 8 <= n) gather_axpy_block<2>(count, g, offset, base + j, y + j), j += 8;
  if (j + 4 <= n) gather_axpy_block<1>(count, g, offset, base + j, y + j), j += 4;
#endif
  for (; j < n; ++j) {
    float acc = y[j];
    for (std::size_t i = 0; i < count; ++i)
      acc += g[i] * base[static_cast<std::size_t>(offset[i]) + j];
    y[j] = acc;
  }
}

// gather_axpy on `rows` rows at once: row r adds base[offset[i] + r * src_stride + j] into
// y[r * dst_stride + j], j < 4 * V. One pass over the list for all of a patch's tap rows when
// they fit in registers (a one- or three-channel image's short rows); otherwise row by row.
#if defined(__wasm_simd128__)
template <int ROWS, int V>
inline void gather_axpy_rows_block(std::size_t count, const float* g, const std::int32_t* offset,
                                   const float* base, std::size_t src_stride, float* y,
                                   std::size_t dst_stride) {
  v128_t acc[ROWS][V];
  for (int r = 0; r < ROWS; ++r) {
    for (int v = 0; v < V; ++v)
      acc[r][v] = wasm_v128_load(y + static_cast<std::size_t>(r) * dst_stride + 4 * v);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const v128_t gv = wasm_f32x4_splat(g[i]);
    const float* x = base + static_cast<std::size_t>(offset[i]);
    for (int r = 0; r < ROWS; ++r) {
      for (int v = 0; v < V; ++v) {
        acc[r][v] = wasm_f32x4_add(
            acc[r][v],
            wasm_f32x4_mul(gv,
                           wasm_v128_load(x + static_cast<std::size_t>(r) * src_stride + 4 * v)));
      }
    }
  }
  for (int r = 0; r < ROWS; ++r) {
    for (int v = 0; v < V; ++v)
      wasm_v128_store(y + static_cast<std::size_t>(r) * dst_stride + 4 * v, acc[r][v]);
  }
}
#endif

inline void gather_axpy_rows(std::size_t rows, std::size_t n, std::size_t count, const float* g,
                             const std::int32_t* offset, const float* base, std::size_t src_stride,
                             float* y, std::size_t dst_stride) {
#if defined(__wasm_simd128__)
  const std::size_t key = n % 4 == 0 ? rows * 100 + n / 4 : 0;
  switch (key) {
    case 502:
      return gather_axpy_rows_block<5, 2>(count, g, offset, base, src_stride, y, dst_stride);
    case 301:
      return gather_axpy_rows_block<3, 1>(count, g, offset, base, src_stride, y, dst_stride);
    case 303:
      return gather_axpy_rows_block<3, 3>(count, g, offset, base, src_stride, y, dst_stride);
    default:
      break;
  }
#endif
  for (std::size_t r = 0; r < rows; ++r)
    gather_axpy(n, count, g, offset, base + r * src_stride, y + r * dst_stride);
}

}  // namespace

void conv2d_pack_weights(const ConvShape& s, const float* w, float* wt, float* wq) {
  const std::size_t k = s.kernel, in = s.in_channels, out = s.out_channels, patch = s.patch();
  for (std::size_t o = 0; o < out; ++o) {
    for (std::size_t i = 0; i < in; ++i) {
      for (std::size_t t = 0; t < k * k; ++t) {
        const float v = w[(o * in + i) * k * k + t];
        const std::size_t q = t * in + i;
        wt[q * out + o] = v;
        wq[o * patch + q] = v;
      }
    }
  }
}

void conv2d_add_weight_grad(const ConvShape& s, const float* dwq, float* dw) {
  const std::size_t k = s.kernel, in = s.in_channels, tap = s.tap_stride();
  for (std::size_t o = 0; o < s.out_channels; ++o) {
    const float* src = dwq + o * s.dwq_stride();
    for (std::size_t i = 0; i < in; ++i) {
      for (std::size_t t = 0; t < k * k; ++t)
        dw[(o * in + i) * k * k + t] += src[(t / k) * tap + (t % k) * in + i];
    }
  }
}

const float* conv2d_pad(const ConvShape& s, const float* x, float* padded) {
  const std::size_t c = s.in_channels, pad = s.pad, row = s.width * c;
  const std::size_t prow = s.padded_width() * c;
  zero_row(padded, pad * prow);
  for (std::size_t y = 0; y < s.height; ++y) {
    float* dst = padded + (y + pad) * prow;
    zero_row(dst, pad * c);
    copy_row(x + y * row, dst + pad * c, row);
    zero_row(dst + pad * c + row, pad * c);
  }
  zero_row(padded + (pad + s.height) * prow, pad * prow + ConvShape::kPaddedSlack);
  return padded;
}

void conv2d_forward(const ConvShape& s, const float* padded, const float* wt, const float* b,
                    float* z) {
  const std::size_t c = s.in_channels, out = s.out_channels;
  conv_nhwc(s.out_height, s.out_width, out, s.kernel, s.kernel * c, padded, s.padded_width() * c, c,
            wt, out, b, z, out);
}

void conv2d_backward(const ConvShape& s, const float* padded, const float* wq, const float* dz,
                     float* dwq, float* db, float* dpadded, const ConvBackwardScratch& scratch) {
  const std::size_t k = s.kernel, c = s.in_channels, tap_row = k * c, patch = s.patch();
  const std::size_t out = s.out_channels, prow = s.padded_width() * c, p = s.positions();
  const std::size_t tap = s.tap_stride();
  // Channel o's nonzeros go to its own list at o * positions (capacity for every position).
  std::int32_t* length = scratch.length;
  for (std::size_t o = 0; o < out; ++o) length[o] = 0;
  // Position by position: the input gradient sums that position's nonzero g * W[o] rows, and
  // each nonzero joins its channel's list (its gradient and the patch's corner in padded).
  for (std::size_t y = 0; y < s.out_height; ++y) {
    for (std::size_t x = 0; x < s.out_width; ++x) {
      const std::size_t pos = y * s.out_width + x;
      const float* g_row = dz + pos * out;
      const auto corner = static_cast<std::int32_t>(y * prow + x * c);
      std::size_t n = 0;
      for (std::size_t o0 = 0; o0 < out; o0 += 32) {
        // Most entries are zero: visit the set bits of a nonzero mask of up to 32 channels (one
        // hard-to-predict loop exit per position rather than per four channels).
        std::uint32_t mask = 0;
        for (std::size_t t = 0; t < 32 && o0 + t < out; t += 4)
          mask |= static_cast<std::uint32_t>(nonzero_mask(g_row + o0 + t, out - o0 - t)) << t;
        for (std::uint32_t bits = mask; bits != 0; bits &= bits - 1) {
          const std::size_t o = o0 + static_cast<std::size_t>(__builtin_ctz(bits));
          const float g = g_row[o];
          db[o] += g;
          scratch.here_g[n] = g;
          scratch.here_w[n++] = static_cast<std::int32_t>(o * patch);
          const std::size_t slot = o * p + static_cast<std::size_t>(length[o]++);
          scratch.g[slot] = g;
          scratch.corner[slot] = corner;
        }
      }
      if (dpadded == nullptr || n == 0) continue;
      for (std::size_t ky = 0; ky < k; ++ky) {
        gather_axpy(tap_row, n, scratch.here_g, scratch.here_w, wq + ky * tap_row,
                    dpadded + corner + ky * prow);
      }
    }
  }
  // Channel by channel: dW[o] sums g * patch over the channel's nonzeros, one tap row at a
  // time, read as tap_stride() floats (whole v128; the extra floats are the image's next
  // values, or the padded plane's zero slack, and land in dwq slots nothing reads).
  for (std::size_t o = 0; o < out; ++o) {
    const std::size_t first = o * p;
    const auto count = static_cast<std::size_t>(length[o]);
    if (count == 0) continue;
    gather_axpy_rows(k, tap, count, scratch.g + first, scratch.corner + first, padded, prow,
                     dwq + o * s.dwq_stride(), tap);
  }
}

void conv2d_unpad(const ConvShape& s, const float* dpadded, float* dx) {
  const std::size_t c = s.in_channels, row = s.width * c, prow = s.padded_width() * c;
  for (std::size_t y = 0; y < s.height; ++y)
    copy_row(dpadded + (y + s.pad) * prow + s.pad * c, dx + y * row, row);
}

}  // namespace relu::nn
