// The last failure's message, as both networks report it (Mlp::last_error): fail() records a
// message with its Status, ok() clears it. Mutable so that const readers report errors too.
#pragma once

#include "nn/status.h"

namespace relu::nn {

class LastError {
 public:
  const char* last_error() const { return last_error_; }
  Status fail(Status status, const char* message) const {
    last_error_ = message;
    return status;
  }
  Status ok() const {
    last_error_ = "";
    return Status::Ok;
  }

 private:
  mutable const char* last_error_ = "";
};

}  // namespace relu::nn
