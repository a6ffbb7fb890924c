// The one Embind layer: it only translates. Arrays cross as byte offsets into WASM memory
// (the TypeScript side owns the buffers and re-derives views), sizes as numbers. Argument
// checking happens in TypeScript, so nothing here can throw into JavaScript.
#include <emscripten/bind.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kernels/activation.h"

namespace {

float* f32(std::uintptr_t offset) { return reinterpret_cast<float*>(offset); }

// malloc, not new: a request the heap cannot satisfy returns 0 (reported to JS as a
// RangeError) instead of aborting the module.
std::uintptr_t alloc_bytes(std::size_t bytes) {
  return reinterpret_cast<std::uintptr_t>(std::malloc(bytes == 0 ? 1 : bytes));
}
void free_bytes(std::uintptr_t offset) { std::free(reinterpret_cast<void*>(offset)); }

void relu_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n) { relu::relu_forward(f32(x), f32(y), n); }
void relu_backward(std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx, std::size_t n, int grad_at_zero) {
  relu::relu_backward(f32(x), f32(dy), f32(dx), n, grad_at_zero);
}
void leaky_relu_forward(std::uintptr_t x, std::uintptr_t y, std::size_t n, float alpha) {
  relu::leaky_relu_forward(f32(x), f32(y), n, alpha);
}
void leaky_relu_backward(std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx, std::size_t n, float alpha) {
  relu::leaky_relu_backward(f32(x), f32(dy), f32(dx), n, alpha);
}
std::string kernel_isa() { return relu::kernel_isa(); }

}  // namespace

EMSCRIPTEN_BINDINGS(relu_kernels) {
  emscripten::function("allocBytes", &alloc_bytes);
  emscripten::function("freeBytes", &free_bytes);
  emscripten::function("reluForward", &relu_forward);
  emscripten::function("reluBackward", &relu_backward);
  emscripten::function("leakyReluForward", &leaky_relu_forward);
  emscripten::function("leakyReluBackward", &leaky_relu_backward);
  emscripten::function("kernelIsa", &kernel_isa);
}
