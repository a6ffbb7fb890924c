// Checks the build's kernels against the NumPy/PyTorch golden vectors in
// tests/fixtures/relu_golden.txt (the same file the WASM builds are checked against in Node).
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kernels/activation.h"
#include "reference.h"

namespace {

struct Case {
  std::vector<float> x, dy, expected;
};

// Groups the fixture's lines by "<op> <param>".
std::map<std::string, Case> load_golden() {
  std::ifstream in(RELU_FIXTURES_DIR "/relu_golden.txt");
  EXPECT_TRUE(in.good()) << "cannot open relu_golden.txt";
  std::map<std::string, Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string op, param, x, dy, expected;
    fields >> op >> param >> x >> dy >> expected;
    Case& c = cases[op + " " + param];
    c.x.push_back(relu_test::from_bits(static_cast<std::uint32_t>(std::stoul(x, nullptr, 16))));
    c.dy.push_back(relu_test::from_bits(static_cast<std::uint32_t>(std::stoul(dy, nullptr, 16))));
    c.expected.push_back(
        relu_test::from_bits(static_cast<std::uint32_t>(std::stoul(expected, nullptr, 16))));
  }
  return cases;
}

// Bitwise, except that a NaN result only has to be a NaN: PyTorch's arithmetic (leaky ReLU's
// multiply) is free to pick any NaN payload. ReLU itself must keep the exact bits.
void expect_same(const std::vector<float>& got, const Case& c, bool any_nan_ok,
                 const std::string& what) {
  ASSERT_EQ(got.size(), c.expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (any_nan_ok && relu_test::is_nan(c.expected[i])) {
      EXPECT_TRUE(relu_test::is_nan(got[i])) << what << " i=" << i;
    } else {
      EXPECT_EQ(relu_test::bits(got[i]), relu_test::bits(c.expected[i]))
          << what << " i=" << i << " x=" << c.x[i];
    }
  }
}

TEST(Golden, AllOpsMatchNumPyAndPyTorch) {
  const auto cases = load_golden();
  ASSERT_EQ(cases.size(), 7u);
  for (const auto& [key, c] : cases) {
    std::istringstream k(key);
    std::string op, param;
    k >> op >> param;
    std::vector<float> out(c.x.size());
    const std::size_t n = c.x.size();
    if (op == "relu") {
      relu::relu_forward(c.x.data(), out.data(), n);
      expect_same(out, c, false, key);
    } else if (op == "relu_backward") {
      relu::relu_backward(c.x.data(), c.dy.data(), out.data(), n, std::stoi(param));
      expect_same(out, c, false, key);
    } else {
      const float alpha =
          relu_test::from_bits(static_cast<std::uint32_t>(std::stoul(param, nullptr, 16)));
      if (op == "leaky_relu") {
        relu::leaky_relu_forward(c.x.data(), out.data(), n, alpha);
      } else {
        relu::leaky_relu_backward(c.x.data(), c.dy.data(), out.data(), n, alpha);
      }
      expect_same(out, c, true, key);
    }
  }
}

}  // namespace
