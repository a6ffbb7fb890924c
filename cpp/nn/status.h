// Errors are values: no function of the engine throws (the WASM build has no exceptions, and
// one crossing into JavaScript corrupts memory). Every fallible call returns a Status; the
// network also keeps a message for the last failure (Mlp::last_error).
//
// The codes are defined once, in the package's option table (nn/option_table.h):
//   Ok
//   InvalidArgument  an option or configuration value is invalid (enum, lr < 0, ...)
//   ShapeMismatch    an array length does not fit the network's sizes
//   OutOfRange       a label or a layer index is out of range
//   NonFinite        NaN or infinity in X, Y or parameters given by the caller
//   OutOfMemory      an allocation failed or would exceed the engine's size limit
//   InvalidState     e.g. reading activations before any forward pass
#pragma once

#include "nn/option_table.h"

namespace relu::nn {

// "Ok", "InvalidArgument", ... (a static string).
const char* status_name(Status status);

}  // namespace relu::nn
