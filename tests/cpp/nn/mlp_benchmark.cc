// Training throughput of the network, in samples per second (items_per_second), for the two
// networks of issue 6: 2-8-8-1 ReLU + BCE, batch 10, SGD, through the multi-step train call;
// and 2-100-3 ReLU + softmax CE, full batch 300. Also the forward matrix kernel alone.
// Not a test: run ./nn_benchmark from the build directory.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "kernels/f32_gemm.h"
#include "nn/mlp.h"
#include "nn/prng.h"

namespace {

using namespace relu::nn;

std::vector<float> uniform(std::size_t n, float lo, float hi, std::uint32_t seed) {
  Pcg32 rng(seed, 7);
  std::vector<float> out(n);
  for (float& v : out) v = lo + (hi - lo) * static_cast<float>(rng.next_double());
  return out;
}

Mlp* make(std::vector<std::int32_t> sizes, Loss loss) {
  MlpConfig c;
  c.sizes = sizes.data();
  c.num_sizes = sizes.size();
  c.loss = loss;
  c.seed = 1;
  Mlp* net = nullptr;
  Mlp::create(c, &net, nullptr);
  return net;
}

void BM_Train_2_8_8_1_Batch10(benchmark::State& state) {
  const std::size_t rows = 500;
  const std::vector<float> x = uniform(2 * rows, -1, 1, 1);
  std::vector<float> y(rows);
  for (std::size_t i = 0; i < rows; ++i) y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1.0f : 0.0f;
  Mlp* net = make({2, 8, 8, 1}, Loss::Bce);
  TrainOptions o;
  o.lr = 0.03;
  const std::int32_t steps = 1000;
  std::uint32_t seed = 0;
  double loss = 0;
  for (auto _ : state) {
    net->train(x.data(), x.size(), y.data(), y.size(), 10, steps, seed++, o, &loss);
    benchmark::DoNotOptimize(loss);
  }
  state.SetItemsProcessed(state.iterations() * steps * 10);
  Mlp::destroy(net);
}
BENCHMARK(BM_Train_2_8_8_1_Batch10);

void BM_Train_2_100_3_Batch300(benchmark::State& state) {
  const std::size_t rows = 300;
  const std::vector<float> x = uniform(2 * rows, -1, 1, 1);
  std::vector<float> y(rows);
  for (std::size_t i = 0; i < rows; ++i) y[i] = static_cast<float>(i % 3);
  Mlp* net = make({2, 100, 3}, Loss::SoftmaxCe);
  TrainOptions o;
  o.lr = 0.5;
  o.l2 = 1e-3;
  const std::int32_t steps = 20;
  double loss = 0;
  for (auto _ : state) {
    net->train(x.data(), x.size(), y.data(), y.size(), 300, steps, 0, o, &loss);
    benchmark::DoNotOptimize(loss);
  }
  state.SetItemsProcessed(state.iterations() * steps * 300);
  Mlp::destroy(net);
}
BENCHMARK(BM_Train_2_100_3_Batch300);

void BM_Gemm_Scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<float> a = uniform(n * n, -1, 1, 1), b = uniform(n * n, -1, 1, 2);
  std::vector<float> c(n * n);
  for (auto _ : state) {
    relu::f32_gemm_scalar(n, n, n, a.data(), n, 1, b.data(), n, nullptr, c.data(), n);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * n * n));  // flops
}
BENCHMARK(BM_Gemm_Scalar)->Arg(16)->Arg(100)->Arg(300);

}  // namespace

BENCHMARK_MAIN();
