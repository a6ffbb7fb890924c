// Native benchmarks of the network: the two training cases of the browser benchmark
// (items = training samples) and the playground's decision-boundary predict (items = rows).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "nn/mlp.h"

namespace {

using relu::nn::Mlp;

struct Data {
  std::vector<float> x, y;
};

// Timing data, not a dataset: deterministic points along a widening curve, labels i % classes
// (or i % 2 for bce). The browser benchmark trains on relu-wasm/datasets' spirals instead; the
// kernels are dense, so a step costs the same on any data of the same shape.
Data timing_points(int rows, int classes) {
  Data d;
  for (int i = 0; i < rows; i++) {
    const double t = i * 12.566 / rows;
    d.x.push_back(static_cast<float>(std::sin(t) * i / rows));
    d.x.push_back(static_cast<float>(std::cos(t) * i / rows));
    d.y.push_back(static_cast<float>(classes == 1 ? i % 2 : i % classes));
  }
  return d;
}

Mlp* make(const std::vector<std::int32_t>& sizes, relu::nn::Loss loss) {
  relu::nn::MlpConfig c;
  c.sizes = sizes.data();
  c.num_sizes = sizes.size();
  c.loss = loss;
  c.seed = 1;
  Mlp* net = nullptr;
  const char* message = "";
  if (Mlp::create(c, &net, &message) != relu::nn::Status::Ok) return nullptr;
  return net;
}

void train_case(benchmark::State& state, const std::vector<std::int32_t>& sizes,
                relu::nn::Loss loss, int rows, int batch, int steps, double lr) {
  const Data d = timing_points(rows, sizes.back() == 1 ? 1 : sizes.back());
  Mlp* net = make(sizes, loss);
  if (net == nullptr) {
    state.SkipWithError("create failed");
    return;
  }
  relu::nn::TrainOptions o;
  o.lr = lr;
  double mean_loss = 0;
  std::uint32_t seed = 0;
  for (auto _ : state) {
    net->train(d.x.data(), d.x.size(), d.y.data(), d.y.size(), batch, steps, seed++, o, &mean_loss);
    benchmark::DoNotOptimize(mean_loss);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * steps * batch);
  Mlp::destroy(net);
}

void BM_train_2_8_8_1_batch10(benchmark::State& state) {
  train_case(state, {2, 8, 8, 1}, relu::nn::Loss::Bce, 500, 10, 100, 0.03);
}
void BM_train_2_100_3_batch300(benchmark::State& state) {
  train_case(state, {2, 100, 3}, relu::nn::Loss::SoftmaxCe, 300, 300, 5, 0.5);
}

void BM_predict_grid_100x100_2_8_8_1(benchmark::State& state) {
  Mlp* net = make({2, 8, 8, 1}, relu::nn::Loss::Bce);
  std::vector<float> grid, out(100 * 100);
  for (int r = 0; r < 100; r++) {
    for (int c = 0; c < 100; c++) {
      grid.push_back(-6.0f + (static_cast<float>(c) + 0.5f) * 0.12f);
      grid.push_back(6.0f - (static_cast<float>(r) + 0.5f) * 0.12f);
    }
  }
  for (auto _ : state) {
    net->predict(grid.data(), grid.size(), out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 100 * 100);
  Mlp::destroy(net);
}

}  // namespace

BENCHMARK(BM_train_2_8_8_1_batch10);
BENCHMARK(BM_train_2_100_3_batch300);
BENCHMARK(BM_predict_grid_100x100_2_8_8_1);
