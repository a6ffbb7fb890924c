// What both networks' create() checks and draws alike: the hidden activation's settings, the
// output units a loss needs, and the seeded initial weights.
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/options.h"
#include "nn/prng.h"

namespace relu::nn {

// The message for an invalid leaky slope or gradient at zero, else null.
const char* activation_config_fault(double leaky_slope, std::int32_t grad_at_zero);
// The message when the output layer has the wrong units for the loss, else null.
const char* loss_units_fault(Loss loss, std::size_t outputs);

// count weights from normal: he N(0, 2/fan_in) or xavier N(0, 2/(fan_in + fan_out)), in order,
// so the same seed gives the same bits in every network and build. Not for Init::Zeros.
void draw_weights(NormalSampler* normal, Init init, std::size_t fan_in, std::size_t fan_out,
                  float* w, std::size_t count);

}  // namespace relu::nn
