// The project's own random numbers, identical in every build: PCG32 (O'Neill, pcg32_srandom_r)
// for integers, and a normal transform built only from IEEE-exact operations (+ - * / sqrt
// and integer arithmetic). libm's log/cos differ in the last bit between glibc and
// Emscripten's musl, so the normal transform uses exact_log below instead.
// tests/fixtures/nn/make_nn_golden.py reimplements this file in Python, bit for bit.
#pragma once

#include <cstdint>

namespace relu::nn {

// Streams: one per use, so the shuffle of train() never shares numbers with initialisation.
inline constexpr std::uint64_t kInitStream = 0x853c49e6748fea9bULL;
inline constexpr std::uint64_t kShuffleStream = 0xda3e39cb94b95bdbULL;

class Pcg32 {
 public:
  Pcg32(std::uint64_t seed, std::uint64_t stream);
  std::uint32_t next_u32();
  // Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject); bound >= 1.
  std::uint32_t below(std::uint32_t bound);
  // Uniform double in [0, 1) with 53 random bits.
  double next_double();

 private:
  std::uint64_t state_ = 0;
  std::uint64_t inc_ = 0;
};

// Natural logarithm of a positive finite double from a fixed series (atanh form), about
// 1 ulp accurate; every operation is exactly rounded, so every build returns the same bits.
double exact_log(double x);

// Standard normal samples by Marsaglia's polar method, using both values of each pair
// (first u * f, then v * f).
class NormalSampler {
 public:
  explicit NormalSampler(Pcg32* rng) : rng_(rng) {}
  double next();

 private:
  Pcg32* rng_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace relu::nn
