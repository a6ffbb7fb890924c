// The argument checks both networks run: inputs, targets, training options and loop. The option and
// loop checks report which fields are out of bounds (a bit each) and leave the message to the
// network: the MLP names the first bad field, the ConvNet words them in groups. The others record
// their failure in errors.
#pragma once

#include <cstddef>

#include "nn/dataset.h"
#include "nn/last_error.h"
#include "nn/options.h"

namespace relu::nn {

enum OptionFault : unsigned {
  kBadOptimizer = 1u << 0,
  kBadLr = 1u << 1,
  kBadL2 = 1u << 2,
  kBadL1 = 1u << 3,
  kBadMomentum = 1u << 4,
  kBadBeta1 = 1u << 5,
  kBadBeta2 = 1u << 6,
  kBadEps = 1u << 7,
};
// The OptionFault bits of every field outside its bounds (nn/option_table.h); 0 when valid.
unsigned train_option_faults(const TrainOptions& options);

enum LoopFault : unsigned {
  kBadBatchSize = 1u << 0,
  kBadSteps = 1u << 1,
  kBadResume = 1u << 2,  // first_step < 0 or loss_sum not finite
};
unsigned train_loop_faults(const TrainLoop& loop);

// X holds at least one whole row of `width` floats, all finite; *rows is their number.
// ragged_message: the network's words for a length that is not a multiple of width.
Status check_inputs(const LastError& errors, const float* x, std::size_t x_len, std::size_t width,
                    const char* ragged_message, std::size_t* rows);

// Y holds rows rows of targets for `loss`, all finite, labels in range (Bce in [0, 1],
// SoftmaxCe integers in [0, outputs)); failures are recorded in errors.
Status check_targets(const LastError& errors, Loss loss, std::size_t outputs, const float* y,
                     std::size_t y_len, std::size_t rows);
// The same for a Dataset's targets, from its summary (no scan of its rows).
Status check_dataset_targets(const LastError& errors, Loss loss, std::size_t outputs,
                             const Dataset& data);

}  // namespace relu::nn
