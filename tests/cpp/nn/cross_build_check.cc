// Cross-build check (not a test): prints the seed-42 initial weight bits and a digest of the
// parameters after training every activation x loss, and, in the WASM SIMD build, compares
// the SIMD matrix and convolution kernels with the scalar ones bit for bit over 21 090 shapes.
// Build it natively (target nn_cross_build_check) and with em++ (see the command below); the
// outputs must agree line for line (tanh included since the hidden layers use the project's
// kernels, not libm's tanhf: checked 2026-11-30, native against the WASM SIMD build, every line
// equal).
//   NODE_PATH=/usr/share/nodejs em++ -std=c++17 -O3 -msimd128 -fno-exceptions
//     -ffp-contract=off -Icpp tests/cpp/nn/cross_build_check.cc cpp/kernels/*.cc cpp/nn/*.cc
//     -o /tmp/c.cjs -sENVIRONMENT=node -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 && node /tmp/c.cjs
//   (one command line; drop -msimd128 for the scalar build)
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "kernels/f32_conv.h"
#include "kernels/f32_gemm.h"
#include "nn/mlp.h"
#include "nn/prng.h"
using namespace relu::nn;
static std::vector<float> uni(std::size_t n, std::uint32_t seed) {
  Pcg32 r(seed, 7);
  std::vector<float> o(n);
  for (auto& v : o) v = 2 * (float)r.next_double() - 1;
  return o;
}
static uint64_t fnv(const void* p, size_t n, uint64_t h = 1469598103934665603ULL) {
  auto* b = (const unsigned char*)p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 1099511628211ULL;
  }
  return h;
}
static Mlp* make(std::vector<int32_t> s, Loss l, Activation a) {
  MlpConfig c;
  c.sizes = s.data();
  c.num_sizes = s.size();
  c.loss = l;
  c.activation = a;
  c.seed = 42;
  Mlp* n = nullptr;
  Mlp::create(c, &n, nullptr);
  return n;
}
static uint64_t params_hash(Mlp* n) {
  uint64_t h = 1469598103934665603ULL;
  for (int l = 0; l < n->num_layers(); l++) {
    std::vector<float> w(n->weight_count(l)), b(n->bias_count(l));
    n->get_params(l, w.data(), b.data());
    h = fnv(w.data(), w.size() * 4, h);
    h = fnv(b.data(), b.size() * 4, h);
  }
  return h;
}
int main() {
#if defined(__wasm_simd128__)
  int bad = 0, total = 0;
  for (size_t M = 1; M <= 13; M++)
    for (size_t N = 1; N <= 19; N++)
      for (size_t K = 0; K <= 11; K++) {
        for (int tr = 0; tr < 2; tr++) {
          auto a = uni(M * K + 1, M * 7 + K), b = uni(K * (N + 1) + 1, N + K * 3), bias = uni(N, 5);
          size_t sm = tr ? 1 : K, sk = tr ? M : 1;
          std::vector<float> c1(M * (N + 2) + 4, NAN), c2(M * (N + 2) + 4, NAN);
          relu::f32_gemm_scalar(M, N, K, a.data(), sm, sk, b.data(), N + 1,
                                (K & 1) ? bias.data() : nullptr, c1.data(), N + 2);
          relu::f32_gemm_wasmsimd_4x8(M, N, K, a.data(), sm, sk, b.data(), N + 1,
                                      (K & 1) ? bias.data() : nullptr, c2.data(), N + 2);
          total++;
          if (memcmp(c1.data(), c2.data(),
                     c1.size() * 4)) {  // NaN compare bits ok because same NaN pattern
            bad++;
          }
        }
        auto a = uni(M * (K + 1), M + K), b = uni(N * (K + 2), N * 5 + K), bias = uni(N, 5);
        std::vector<float> d1(M * (N + 1) + 3, NAN), d2(M * (N + 1) + 3, NAN);
        relu::f32_gemm_dot_scalar(M, N, K, a.data(), K + 1, b.data(), K + 2, bias.data(), d1.data(),
                                  N + 1);
        relu::f32_gemm_dot_wasmsimd_x4(M, N, K, a.data(), K + 1, b.data(), K + 2, bias.data(),
                                       d2.data(), N + 1);
        total++;
        if (memcmp(d1.data(), d2.data(), d1.size() * 4)) bad++;
        std::vector<float> y1(N + 2, 7), y2(N + 2, 7);
        relu::f32_colsum_scalar(M, N, b.data(), N, y1.data());
        relu::f32_colsum_wasmsimd_x8(M, N, b.data(), N, y2.data());
        total++;
        if (memcmp(y1.data(), y2.data(), y1.size() * 4)) bad++;
      }
  // The convolution kernel: every tail of positions (W) and columns (N), taps of 1 to 3 rows.
  for (size_t H = 1; H <= 3; H++)
    for (size_t W = 1; W <= 9; W++)
      for (size_t N = 1; N <= 19; N++)
        for (size_t KH = 1; KH <= 3; KH++)
          for (size_t T = 1; T <= 7; T += 3)
            for (size_t sx = 1; sx <= 3; sx += 2) {
              const size_t row = (W - 1) * sx + T + 2;
              auto a = uni((H + KH - 1) * row, H * 11 + W * 3 + T);
              auto w = uni(KH * T * (N + 1), N * 7 + KH), bias = uni(N, 9);
              std::vector<float> z1(H * W * (N + 1) + 3, NAN), z2(z1.size(), NAN);
              const float* bp = (N & 1) ? bias.data() : nullptr;
              relu::f32_conv_nhwc_scalar(H, W, N, KH, T, a.data(), row, sx, w.data(), N + 1, bp,
                                         z1.data(), N + 1);
              relu::f32_conv_nhwc_wasmsimd_4x8(H, W, N, KH, T, a.data(), row, sx, w.data(), N + 1,
                                               bp, z2.data(), N + 1);
              total++;
              if (memcmp(z1.data(), z2.data(), z1.size() * 4)) bad++;
            }
  printf("simd vs scalar kernels: %d of %d shapes differ\n", bad, total);
#endif
  Mlp* n = make({2, 8, 8, 1}, Loss::Bce, Activation::Relu);
  std::vector<float> w(16);
  n->get_params(0, w.data(), nullptr);
  uint32_t bits;
  memcpy(&bits, &w[0], 4);
  printf("init seed42 [2,8,8,1] W0[0] bits %08x, params hash %016llx\n", bits,
         (unsigned long long)params_hash(n));
  Mlp::destroy(n);
  const char* names[] = {"relu", "leaky", "tanh", "sigmoid", "linear"};
  for (int act = 0; act < 5; act++)
    for (int loss = 0; loss < 3; loss++) {
      int32_t out = loss == 0 ? 1 : 3;
      Mlp* m = make({2, 16, 12, out}, (Loss)loss, (Activation)act);
      size_t rows = 200;
      auto x = uni(2 * rows, 3);
      std::vector<float> y(rows * (loss == 1 ? 3 : 1));
      for (size_t i = 0; i < y.size(); i++)
        y[i] = loss == 0 ? (x[i % 400] > 0) : loss == 1 ? x[(i * 7) % 400] : (float)(i % 3);
      TrainOptions o;
      o.optimizer = Optimizer::Adam;
      o.lr = 0.01;
      o.l2 = 1e-3;
      double l;
      m->train(x.data(), x.size(), y.data(), y.size(), 16, 300, 1, o, &l);
      printf("%s/%d: loss %.9g hash %016llx\n", names[act], loss, l,
             (unsigned long long)params_hash(m));
      Mlp::destroy(m);
    }
}
