// Native benchmarks of the element-wise kernels (the scalar variants: the host build has no
// WASM SIMD), one entry per kernel and size, in the sizes the browser benchmark uses.
// Bytes count every float read and written (8 per element forward, 12 backward).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstring>
#include <vector>

#include "kernels/f32_vrelu.h"

namespace {

std::vector<float> input(std::size_t n, unsigned seed) {
  std::vector<float> x(n);
  unsigned s = seed;
  for (auto& v : x) {
    s = s * 1103515245u + 12345u;
    v = (static_cast<float>(s >> 8) / 16777216.0f - 0.5f) * 4.0f;
  }
  return x;
}

void set_counters(benchmark::State& state, std::size_t n, std::size_t bytes_per_element) {
  const auto iters = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iters * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(iters * static_cast<std::int64_t>(n * bytes_per_element));
}

// The memory-copy limit on this machine, for the ratio.
void BM_memcpy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = input(n, 1);
  std::vector<float> y(n);
  for (auto _ : state) {
    std::memcpy(y.data(), x.data(), n * sizeof(float));
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, n, 8);
}

void BM_f32_vrelu_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = input(n, 1);
  std::vector<float> y(n);
  for (auto _ : state) {
    relu::f32_vrelu_scalar(x.data(), y.data(), n);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, n, 8);
}

void BM_f32_vrelu_backward_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = input(n, 1);
  const auto dy = input(n, 2);
  std::vector<float> dx(n);
  for (auto _ : state) {
    relu::f32_vrelu_backward_scalar(x.data(), dy.data(), dx.data(), n, 0);
    benchmark::DoNotOptimize(dx.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, n, 12);
}

void BM_f32_vlrelu_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = input(n, 1);
  std::vector<float> y(n);
  for (auto _ : state) {
    relu::f32_vlrelu_scalar(x.data(), y.data(), n, 0.01f);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  set_counters(state, n, 8);
}

}  // namespace

#define RELU_SIZES ->Arg(1 << 10)->Arg(16 << 10)->Arg(256 << 10)->Arg(4 << 20)
BENCHMARK(BM_memcpy) RELU_SIZES;
BENCHMARK(BM_f32_vrelu_scalar) RELU_SIZES;
BENCHMARK(BM_f32_vrelu_backward_scalar) RELU_SIZES;
BENCHMARK(BM_f32_vlrelu_scalar) RELU_SIZES;
