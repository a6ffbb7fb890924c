// A labelled dataset that lives in engine memory, so that a network trains and evaluates on
// it without its rows crossing from JavaScript on every call (Mlp::train and Mlp::evaluate
// take a Dataset). Features are stored as float32, or as uint8 (a quarter of the memory, e.g.
// image pixels); targets as float32, target_width per row (one label, or the Mse targets).
//
// The network sees features * scale, converted to float32 when a batch is gathered:
// static_cast<float>(x) * static_cast<float>(scale). scale is 1 unless the caller sets it
// (1/255 maps uint8 pixels to [0, 1]); nothing is ever scaled implicitly.
//
// Filling: rows are copied in with set_rows, in as many calls as the caller likes (rows never
// set are zeros). Values are checked there (finite, also after scaling), so the training and
// evaluation calls need not scan the data again; labels are checked against the network's
// loss when it trains (from a summary kept here, see targets()).
#pragma once

#include <cstddef>
#include <cstdint>

#include "nn/option_table.h"
#include "nn/status.h"

namespace relu::nn {

struct DatasetConfig {
  std::size_t rows = 0;           // 1 .. 2^32 - 1
  std::int32_t features = 0;      // values per row: 1 .. kMaxUnits
  std::int32_t target_width = 1;  // floats of Y per row: 1 .. kMaxUnits
  FeatureType feature_type = FeatureType::Float32;
  double scale = kDatasetScale.default_value;  // in [0, float32 max]
};

// What the network's checks need to know about Y, over every row.
struct TargetSummary {
  float min = 0.0f, max = 0.0f;
  bool integral = true;  // every value a whole number
};

class Dataset {
 public:
  // Validates config and allocates zeroed rows; on failure *out is null and *message says why.
  static Status create(const DatasetConfig& config, Dataset** out, const char** message);
  static void destroy(Dataset* data);  // null is fine
  ~Dataset();
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // Copies rows [first, first + count) from x (count * features values of the feature type:
  // float32 or uint8) and y (count * target_width floats), count = x_len / features. Rejects
  // ragged or out-of-range shapes (ShapeMismatch) and NaN or infinity in x * scale or in y
  // (NonFinite), leaving the dataset unchanged.
  Status set_rows(std::size_t first, const void* x, std::size_t x_len, const float* y,
                  std::size_t y_len);

  std::size_t rows() const { return rows_; }
  std::size_t features() const { return features_; }
  std::size_t target_width() const { return target_width_; }
  FeatureType feature_type() const { return feature_type_; }
  float scale() const { return scale_; }
  // Minimum, maximum and integrality of every target value (zeros included for unset rows).
  TargetSummary targets() const;

  // x_out[n][features] = features * scale and y_out[n][target_width] of rows index[0 .. n).
  void gather(const std::uint32_t* index, std::size_t n, float* x_out, float* y_out) const;
  // The same for rows first .. first + n - 1.
  void gather_range(std::size_t first, std::size_t n, float* x_out, float* y_out) const;

  // Why the last call on this dataset failed (a static string; "" after success).
  const char* last_error() const { return last_error_; }

 private:
  Dataset() = default;
  Status fail(Status status, const char* message);
  void copy_row(std::size_t row, float* x_out, float* y_out) const;

  std::size_t rows_ = 0, features_ = 0, target_width_ = 0;
  FeatureType feature_type_ = FeatureType::Float32;
  float scale_ = 1.0f;
  void* x_ = nullptr;   // [rows][features] float or uint8
  float* y_ = nullptr;  // [rows][target_width]
  mutable TargetSummary summary_;
  mutable bool summary_valid_ = false;
  const char* last_error_ = "";
};

}  // namespace relu::nn
