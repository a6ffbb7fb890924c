// Native benchmark of the network's matrix kernel (items = floating-point operations): the
// scalar gemm at the sizes the playground and the CS231n spiral use.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/f32_gemm.h"
#include "nn/prng.h"

namespace {

std::vector<float> uniform(std::size_t n, std::uint32_t seed) {
  relu::nn::Pcg32 rng(seed, 7);
  std::vector<float> out(n);
  for (float& v : out) v = static_cast<float>(2.0 * rng.next_double() - 1.0);
  return out;
}

void BM_gemm_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<float> a = uniform(n * n, 1), b = uniform(n * n, 2);
  std::vector<float> c(n * n);
  for (auto _ : state) {
    relu::f32_gemm_scalar(n, n, n, a.data(), n, 1, b.data(), n, nullptr, c.data(), n);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * n * n));
}

}  // namespace

BENCHMARK(BM_gemm_scalar)->Arg(16)->Arg(100)->Arg(300);
