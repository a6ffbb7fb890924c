#include "nn/status.h"

#include <cstddef>
#include <iterator>

namespace relu::nn {

const char* status_name(Status status) {
  const auto code = static_cast<std::size_t>(status);
  return code < std::size(kStatusNames) ? kStatusNames[code] : "Unknown";
}

}  // namespace relu::nn
