// The register tile the WASM SIMD matrix kernels share (f32_gemm, f32_conv): R rows of C by
// V v128 columns, started from a bias row, updated one k at a time (C[r] += A[r][k] * B[k]),
// then stored. The last vector holds L real lanes (1 to 4) and loads and stores exactly those,
// so column tails stay in SIMD without reading or writing past a row's end; the lanes past L
// load as +0 and are never stored.
#pragma once

#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include <cstddef>
#include <type_traits>

namespace relu {

template <int L>
inline v128_t v128_load_lanes(const float* p) {
  static_assert(L >= 1 && L <= 4, "1 to 4 lanes");
  if constexpr (L == 4) return wasm_v128_load(p);
  if constexpr (L == 1) return wasm_v128_load32_zero(p);
  if constexpr (L == 2) return wasm_v128_load64_zero(p);
  if constexpr (L == 3) return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
}

template <int L>
inline void v128_store_lanes(float* p, v128_t v) {
  static_assert(L >= 1 && L <= 4, "1 to 4 lanes");
  if constexpr (L == 4) wasm_v128_store(p, v);
  if constexpr (L == 1) wasm_v128_store32_lane(p, v, 0);
  if constexpr (L >= 2 && L <= 3) wasm_v128_store64_lane(p, v, 0);
  if constexpr (L == 3) wasm_v128_store32_lane(p + 2, v, 2);
}

template <int R, int V, int L>
struct V128Tile {
  v128_t acc[R][V];

  // Every row starts at bias[0 .. 4V) (the last vector's L lanes), or +0 when bias is null.
  explicit V128Tile(const float* bias) {
    for (int v = 0; v < V; ++v) {
      const v128_t init = bias == nullptr ? wasm_f32x4_splat(0.0f) : load(bias, v);
      for (int r = 0; r < R; ++r) acc[r][v] = init;
    }
  }

  // acc[r] += a[r * a_stride] * b[0 .. 4V): one k of the product, one rounding per operation.
  void update(const float* a, std::size_t a_stride, const float* b) {
    v128_t bv[V];
    for (int v = 0; v < V; ++v) bv[v] = load(b, v);
    for (int r = 0; r < R; ++r) {
      const v128_t av = wasm_f32x4_splat(a[static_cast<std::size_t>(r) * a_stride]);
      for (int v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(av, bv[v]));
    }
  }

  void store(float* c, std::size_t ldc) const {
    for (int r = 0; r < R; ++r) {
      float* row = c + static_cast<std::size_t>(r) * ldc;
      for (int v = 0; v + 1 < V; ++v) wasm_v128_store(row + 4 * v, acc[r][v]);
      v128_store_lanes<L>(row + 4 * (V - 1), acc[r][V - 1]);
    }
  }

 private:
  static v128_t load(const float* p, int v) {
    return v + 1 < V ? wasm_v128_load(p + 4 * v) : v128_load_lanes<L>(p + 4 * v);
  }
};

// The last 1 to 7 columns of a row of tiles: a whole vector when there are 4 or more, then one
// partial vector; calls tile(L) with a std::integral_constant L (lanes, 1 to 4) and the offset
// of the tile's first column. Four instantiations per kernel instead of seven (code size).
template <class Tile>
inline void v128_column_tail(std::size_t columns, Tile&& tile) {
  using std::integral_constant;
  std::size_t at = 0;
  if (columns >= 4) {
    tile(integral_constant<int, 4>{}, at);
    columns -= 4;
    at = 4;
  }
  switch (columns) {
    case 1:
      return tile(integral_constant<int, 1>{}, at);
    case 2:
      return tile(integral_constant<int, 2>{}, at);
    case 3:
      return tile(integral_constant<int, 3>{}, at);
    default:
      return;
  }
}

}  // namespace relu

#endif  // defined(__wasm_simd128__)
