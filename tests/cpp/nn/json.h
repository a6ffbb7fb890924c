// A minimal JSON reader for the golden fixtures (tests only): objects, arrays, numbers,
// strings without escapes beyond \" and \\, true/false/null. Numbers are parsed with strtod,
// so a float32 printed as the shortest decimal of its double round-trips exactly.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace nntest {

struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  double number = 0.0;
  bool boolean = false;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  const Json& operator[](const std::string& key) const {
    static const Json missing;
    auto it = object.find(key);
    return it == object.end() ? missing : it->second;
  }
  const Json& operator[](std::size_t i) const { return array.at(i); }
  bool has(const std::string& key) const { return object.count(key) != 0; }
  std::size_t size() const { return kind == Array ? array.size() : object.size(); }
  std::vector<float> floats() const {
    std::vector<float> out;
    for (const Json& v : array) out.push_back(static_cast<float>(v.number));
    return out;
  }
  std::vector<std::int32_t> ints() const {
    std::vector<std::int32_t> out;
    for (const Json& v : array) out.push_back(static_cast<std::int32_t>(v.number));
    return out;
  }
};

class JsonParser {
 public:
  explicit JsonParser(const std::string& text) : s_(text) {}
  bool parse(Json* out) {
    ok_ = true;
    *out = value();
    ws();
    return ok_ && i_ == s_.size();
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  std::string str() {
    std::string out;
    if (!eat('"')) {
      ok_ = false;
      return out;
    }
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      out += s_[i_++];
    }
    if (i_ >= s_.size()) ok_ = false;
    ++i_;
    return out;
  }
  Json value() {
    Json v;
    ws();
    if (i_ >= s_.size()) {
      ok_ = false;
      return v;
    }
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.kind = Json::Object;
      if (eat('}')) return v;
      do {
        std::string key = str();
        if (!eat(':')) ok_ = false;
        v.object[key] = value();
      } while (ok_ && eat(','));
      if (!eat('}')) ok_ = false;
    } else if (c == '[') {
      ++i_;
      v.kind = Json::Array;
      if (eat(']')) return v;
      do {
        v.array.push_back(value());
      } while (ok_ && eat(','));
      if (!eat(']')) ok_ = false;
    } else if (c == '"') {
      v.kind = Json::String;
      v.string = str();
    } else if (s_.compare(i_, 4, "true") == 0) {
      v.kind = Json::Bool;
      v.boolean = true;
      i_ += 4;
    } else if (s_.compare(i_, 5, "false") == 0) {
      v.kind = Json::Bool;
      i_ += 5;
    } else if (s_.compare(i_, 4, "null") == 0) {
      i_ += 4;
    } else {
      char* end = nullptr;
      v.kind = Json::Number;
      v.number = std::strtod(s_.c_str() + i_, &end);
      if (end == s_.c_str() + i_) ok_ = false;
      i_ = static_cast<std::size_t>(end - s_.c_str());
    }
    return v;
  }

  const std::string& s_;
  std::size_t i_ = 0;
  bool ok_ = true;
};

// Reads and parses a file; kind stays Null on any failure.
inline Json load_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  Json out;
  if (!JsonParser(text).parse(&out)) out = Json();
  return out;
}

}  // namespace nntest
