// The engine's memory limit and the value checks that the network and the dataset share.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::nn {

// Every allocation is checked against this limit before malloc: WASM32 memory cannot exceed
// 4 GiB (2 GiB by default), and natively a failed giant allocation must be a status, not an
// abort from the sanitizer's allocator.
inline constexpr std::size_t kMaxBytes = std::size_t{1} << 31;

// An enum value received as a number from a binding: in [0, count).
template <typename Enum>
bool valid_enum(Enum value, std::int32_t count) {
  const auto v = static_cast<std::int32_t>(value);
  return v >= 0 && v < count;
}

inline bool all_finite(const float* v, std::size_t n) {
  // x - x is 0 for finite x and NaN for NaN or infinity; the sum stays NaN once it is.
  float acc = 0.0f;
  for (std::size_t i = 0; i < n; ++i) acc += v[i] - v[i];
  return acc == 0.0f;
}

// *total += a * b, refused (false) on overflow or past kMaxBytes (counts of floats).
inline bool add_product(std::size_t* total, std::size_t a, std::size_t b) {
  const std::size_t limit = kMaxBytes / sizeof(float);
  if (a != 0 && b > limit / a) return false;
  if (*total > limit - a * b) return false;
  *total += a * b;
  return true;
}

}  // namespace relu::nn
