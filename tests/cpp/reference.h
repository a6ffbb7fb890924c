// Plain element-at-a-time references for the ReLU-family kernels, written independently of
// cpp/ (in double-checked bit terms) so the kernels are tested against the specification,
// not against themselves.
#pragma once

#include <cstdint>
#include <cstring>

namespace relu_test {

inline std::uint32_t bits(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
inline float from_bits(std::uint32_t b) {
  float v;
  std::memcpy(&v, &b, sizeof v);
  return v;
}
inline bool is_nan(float v) { return (bits(v) & 0x7fffffffu) > 0x7f800000u; }
// Negative and not -0 and not NaN: the only inputs ReLU changes.
inline bool strictly_negative(float v) {
  return (bits(v) >> 31) != 0 && (bits(v) & 0x7fffffffu) != 0 && !is_nan(v);
}
inline bool strictly_positive(float v) {
  return (bits(v) >> 31) == 0 && bits(v) != 0 && !is_nan(v);
}

inline float ref_relu(float x) { return strictly_negative(x) ? 0.0f : x; }
inline float ref_relu_grad(float x, float dy, int grad_at_zero) {
  const bool zero = (bits(x) & 0x7fffffffu) == 0;
  if (strictly_negative(x)) return 0.0f;
  if (zero) return grad_at_zero != 0 ? dy : 0.0f;
  return dy;  // positive or NaN
}
// A NaN that would be multiplied by alpha is passed through instead, bits unchanged.
inline float ref_leaky(float x, float alpha) {
  return strictly_positive(x) || is_nan(x) ? x : alpha * x;
}
inline float ref_leaky_grad(float x, float dy, float alpha) {
  return strictly_positive(x) || is_nan(dy) ? dy : alpha * dy;
}

}  // namespace relu_test
