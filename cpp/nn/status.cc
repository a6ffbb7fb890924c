#include "nn/status.h"

namespace relu::nn {

const char* status_name(Status status) {
  switch (status) {
    case Status::Ok:
      return "Ok";
    case Status::InvalidArgument:
      return "InvalidArgument";
    case Status::ShapeMismatch:
      return "ShapeMismatch";
    case Status::OutOfRange:
      return "OutOfRange";
    case Status::NonFinite:
      return "NonFinite";
    case Status::OutOfMemory:
      return "OutOfMemory";
    case Status::InvalidState:
      return "InvalidState";
  }
  return "Unknown";
}

}  // namespace relu::nn
