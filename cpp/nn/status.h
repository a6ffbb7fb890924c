// Errors are values: no function of the engine throws (the WASM build has no exceptions, and
// one crossing into JavaScript corrupts memory). Every fallible call returns a Status; the
// network also keeps a message for the last failure (Mlp::last_error).
#pragma once

#include <cstdint>

namespace relu::nn {

enum class Status : std::int32_t {
  Ok = 0,
  InvalidArgument = 1,  // an option or configuration value is invalid (enum, lr < 0, ...)
  ShapeMismatch = 2,    // an array length does not fit the network's sizes
  OutOfRange = 3,       // a label or a layer index is out of range
  NonFinite = 4,        // NaN or infinity in X, Y or parameters given by the caller
  OutOfMemory = 5,      // an allocation failed or would exceed the engine's size limit
  InvalidState = 6,     // e.g. reading activations before any forward pass
};

// "Ok", "InvalidArgument", ... (a static string).
const char* status_name(Status status);

}  // namespace relu::nn
