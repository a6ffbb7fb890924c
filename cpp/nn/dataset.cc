#include "nn/dataset.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "nn/limits.h"

namespace relu::nn {

Status Dataset::create(const DatasetConfig& config, Dataset** out, const char** message) {
  const char* ignored = nullptr;
  const char** msg = message != nullptr ? message : &ignored;
  *msg = "";
  if (out == nullptr) {
    *msg = "createDataset: null output pointer";
    return Status::InvalidArgument;
  }
  *out = nullptr;
  if (!valid_enum(config.feature_type, kFeatureTypeCount)) {
    *msg = "unknown feature type";
    return Status::InvalidArgument;
  }
  if (config.features < 1 || config.features > kMaxUnits || config.target_width < 1 ||
      config.target_width > kMaxUnits) {
    *msg = "features and the targets per row must be integers in [1, 2^24]";
    return Status::InvalidArgument;
  }
  if (config.rows < 1 || config.rows > 0xffffffffu) {
    *msg = "a dataset needs 1 to 2^32 - 1 rows";
    return Status::ShapeMismatch;
  }
  if (!kDatasetScale.contains(config.scale)) {
    *msg = "scale must be in [0, 3.4e38] (finite in float32)";
    return Status::InvalidArgument;
  }
  if (config.feature_type == FeatureType::Uint8 &&
      !std::isfinite(255.0f * static_cast<float>(config.scale))) {
    *msg = "scale is too large for uint8 features: 255 * scale overflows float32";
    return Status::InvalidArgument;
  }
  const auto features = static_cast<std::size_t>(config.features);
  const auto width = static_cast<std::size_t>(config.target_width);
  // Counted in floats; uint8 features take a quarter of their count, rounded up.
  const std::size_t x_values = config.feature_type == FeatureType::Uint8 ? 1 : 4;
  std::size_t x_bytes = 0, y_floats = 0, total = 0;
  if (!add_product(&x_bytes, config.rows, features) ||
      !add_product(&y_floats, config.rows, width) || !add_product(&total, x_bytes, x_values) ||
      !add_product(&total, y_floats, 4)) {
    *msg = "dataset too large: its rows exceed the engine's 2 GiB limit";
    return Status::OutOfMemory;
  }
  x_bytes *= x_values;
  auto* data = new (std::nothrow) Dataset();
  if (data == nullptr) {
    *msg = "out of memory";
    return Status::OutOfMemory;
  }
  data->x_ = std::calloc(x_bytes == 0 ? 1 : x_bytes, 1);
  data->y_ = static_cast<float*>(std::calloc(y_floats == 0 ? 1 : y_floats, sizeof(float)));
  if (data->x_ == nullptr || data->y_ == nullptr) {
    destroy(data);
    *msg = "out of memory allocating the dataset";
    return Status::OutOfMemory;
  }
  data->rows_ = config.rows;
  data->features_ = features;
  data->target_width_ = width;
  data->feature_type_ = config.feature_type;
  data->scale_ = static_cast<float>(config.scale);
  *out = data;
  return Status::Ok;
}

void Dataset::destroy(Dataset* data) { delete data; }

Dataset::~Dataset() {
  std::free(x_);
  std::free(y_);
}

Status Dataset::fail(Status status, const char* message) {
  last_error_ = message;
  return status;
}

Status Dataset::set_rows(std::size_t first, const void* x, std::size_t x_len, const float* y,
                         std::size_t y_len) {
  if (x == nullptr || y == nullptr || x_len == 0 || x_len % features_ != 0) {
    return fail(Status::ShapeMismatch, "X must hold a whole number of rows of `features` values");
  }
  const std::size_t count = x_len / features_;
  if (y_len % target_width_ != 0 || y_len / target_width_ != count) {
    return fail(Status::ShapeMismatch, "Y must hold target_width values per row of X");
  }
  if (first > rows_ || count > rows_ - first) {
    return fail(Status::OutOfRange, "rows past the end of the dataset");
  }
  if (!all_finite(y, y_len)) return fail(Status::NonFinite, "Y contains NaN or infinity");
  if (feature_type_ == FeatureType::Float32) {
    const auto* xf = static_cast<const float*>(x);
    // What the network will see, x * scale in float32, must be finite too.
    float acc = 0.0f;
    for (std::size_t i = 0; i < x_len; ++i) {
      const float v = xf[i] * scale_;
      acc += v - v;
    }
    if (!(acc == 0.0f))
      return fail(Status::NonFinite, "X contains NaN or infinity (after scaling)");
    std::memcpy(static_cast<float*>(x_) + first * features_, xf, x_len * sizeof(float));
  } else {
    std::memcpy(static_cast<std::uint8_t*>(x_) + first * features_, x, x_len);
  }
  std::memcpy(y_ + first * target_width_, y, y_len * sizeof(float));
  summary_valid_ = false;
  last_error_ = "";
  return Status::Ok;
}

TargetSummary Dataset::targets() const {
  if (summary_valid_) return summary_;
  TargetSummary s{y_[0], y_[0], true};
  const std::size_t n = rows_ * target_width_;
  for (std::size_t i = 0; i < n; ++i) {
    const float v = y_[i];
    s.min = v < s.min ? v : s.min;
    s.max = v > s.max ? v : s.max;
    s.integral = s.integral && v == std::floor(v);
  }
  summary_ = s;
  summary_valid_ = true;
  return s;
}

void Dataset::copy_row(std::size_t row, float* x_out, float* y_out) const {
  const std::size_t f = features_;
  if (feature_type_ == FeatureType::Uint8) {
    const std::uint8_t* src = static_cast<const std::uint8_t*>(x_) + row * f;
    const float s = scale_;
    for (std::size_t j = 0; j < f; ++j) x_out[j] = static_cast<float>(src[j]) * s;
  } else {
    const float* src = static_cast<const float*>(x_) + row * f;
    if (scale_ == 1.0f) {
      std::memcpy(x_out, src, f * sizeof(float));
    } else {
      const float s = scale_;
      for (std::size_t j = 0; j < f; ++j) x_out[j] = src[j] * s;
    }
  }
  std::memcpy(y_out, y_ + row * target_width_, target_width_ * sizeof(float));
}

void Dataset::gather(const std::uint32_t* index, std::size_t n, float* x_out, float* y_out) const {
  for (std::size_t r = 0; r < n; ++r) {
    copy_row(index[r], x_out + r * features_, y_out + r * target_width_);
  }
}

void Dataset::gather_range(std::size_t first, std::size_t n, float* x_out, float* y_out) const {
  for (std::size_t r = 0; r < n; ++r) {
    copy_row(first + r, x_out + r * features_, y_out + r * target_width_);
  }
}

}  // namespace relu::nn
