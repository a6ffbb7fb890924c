// Loads and stores of the first L lanes (1 to 4) of a v128, touching exactly L floats, so that
// the matrix kernels' column tails stay in SIMD without reading or writing past a row's end.
// The lanes past L load as +0 and are never stored.
#pragma once

#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

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

}  // namespace relu

#endif  // defined(__wasm_simd128__)
